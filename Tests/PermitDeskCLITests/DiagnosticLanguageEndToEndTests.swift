import Foundation
import PermitTraining
import Testing

/// Issue 15 through the real binary: `check` and `decide` report the loader's problems in the
/// session's language at the same `file:line:column`, and `decide` gives the examiner's findings in
/// Chinese in a Chinese session.
@Suite("diagnostics and findings in Chinese (end to end)")
struct DiagnosticLanguageEndToEndTests {
  static let broken = """
    window: chaoyang
    submitted: 2017-07-03T10:00+08:00
    employer: { name: "Beijing Maple Technology (Sandbox) Co., Ltd.", district: chaoyang }
    applicant: { name: "Olivia MARTIN", nationality: CA, birth-date: 1988-04-12, passport-number: SPEC12345, passport-expires: 2027-01-01 }
    application: { type: overseas-notification, category: B, educaton: master }
    materials:
      - { kind: passport, issued: 2017-02-30 }
      - { kind: contract, language: zh, signed: maybe }

    """

  @Test("PERMITDESK_LANG=zh-Hans check: the same positions, the messages in Chinese")
  func checkInChinese() throws {
    let box = try Sandbox()
    let file = box.dir + "/broken.yaml"
    try Self.broken.write(toFile: file, atomically: true, encoding: .utf8)
    let en = try box.run(["check", file])
    let zh = try box.run(["check", file], environment: ["PERMITDESK_LANG": "zh-Hans"])
    #expect(en.status == 1 && zh.status == 1, "\(en.stdout)\(en.stderr)")
    func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init).filter { $0.hasPrefix(file) } }
    let e = lines(en.stdout)
    let z = lines(zh.stdout)
    #expect(e.count == 3, "\(en.stdout)")
    #expect(e.contains("\(file):5:58: error: unknown key 'educaton' in application; did you mean 'education'?"), "\(e)")
    #expect(e.contains("\(file):7:31: error: 'issued' of the passport must be a real date written YYYY-MM-DD, found '2017-02-30'"), "\(e)")
    #expect(e.contains("\(file):8:45: error: 'signed' of the contract must be true or false, found 'maybe'"), "\(e)")
    #expect(z.contains("\(file):5:58: error: 申请事项中有未知的键“educaton”；你是否要输入“education”？"), "\(z)")
    #expect(z.contains("\(file):7:31: error: 护照的“issued”须为按YYYY-MM-DD书写的真实日期，实际为“2017-02-30”"), "\(z)")
    #expect(z.contains("\(file):8:45: error: 劳动合同（聘用合同）的“signed”须为true或false，实际为“maybe”"), "\(z)")
    #expect(en.stdout.hasSuffix("checked 1 file: 3 errors, 0 warnings\n") && zh.stdout.hasSuffix("已检查1个文件：3个错误，0个警告\n"))
    // Every position is the same in both languages.
    func positions(_ l: [String]) -> [String] { l.map { String($0.prefix(while: { $0 != " " })) } }
    #expect(positions(e) == positions(z))
  }

  @Test("decide in Chinese: the load error and the findings' details are Chinese")
  func decideInChinese() throws {
    let box = try Sandbox()
    let file = box.dir + "/broken.yaml"
    try Self.broken.replacingOccurrences(of: "educaton", with: "education").write(toFile: file, atomically: true, encoding: .utf8)
    let r = try box.run(["decide", file], environment: ["PERMITDESK_LANG": "zh-Hans"])
    #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains("\(file):7:31: error: 护照的“issued”须为按YYYY-MM-DD书写的真实日期"), "\(r.stderr)")
    let d = try box.run(
      ["decide", CLI.root + "/Scenarios/packets/overseas-b-defects.yaml"], environment: ["PERMITDESK_LANG": "zh-Hans"])
    #expect(d.status == 0, "\(d.stderr)")
    #expect(d.stdout.contains("情况：出具于2017-01-02，有效至2017-07-02（6个月）；收件日为2017-07-03"), "\(d.stdout)")
    #expect(!d.stdout.contains("valid through"), "\(d.stdout)")
  }

  /// A pack, a calendar and a file with a YAML syntax error, each broken once.
  static func brokenFiles(in dir: String) throws -> (pack: String, calendar: String, syntax: String) {
    let pack = try String(contentsOfFile: CLI.root + "/Policies/beijing-2017-pilot.yaml", encoding: .utf8)
      .replacingOccurrences(of: "utc-offset: \"+08:00\"", with: "utc-offset: \"8h\"")
      .replacingOccurrences(of: "windows: [chaoyang,", with: "windows: [chaoyng,")
    let calendar = try String(contentsOfFile: CLI.root + "/Policies/calendar/2017.yaml", encoding: .utf8)
      .replacingOccurrences(of: "{ date: 2017-01-22,", with: "{ date: 2017-01-23,")
      .replacingOccurrences(of: "for: qingming }", with: "for: qingmin }")
    let files = (dir + "/beijing-2017-pilot.yaml", dir + "/2017.yaml", dir + "/syntax.yaml")
    try pack.write(toFile: files.0, atomically: true, encoding: .utf8)
    try calendar.write(toFile: files.1, atomically: true, encoding: .utf8)
    try "window: chaoyang\nemployer: { name: x, district: chaoyang\n".write(toFile: files.2, atomically: true, encoding: .utf8)
    return files
  }

  @Test("--lang zh-Hans check: a broken pack, calendar and YAML syntax in Chinese at the same positions")
  func packCalendarSyntaxInChinese() throws {
    let box = try Sandbox()
    let (pack, calendar, syntax) = try Self.brokenFiles(in: box.dir)
    let en = try box.run(["check", pack, calendar, syntax])
    let zh = try box.run(["--lang", "zh-Hans", "check", pack, calendar, syntax])
    #expect(en.status == 1 && zh.status == 1, "\(en.stdout)\(en.stderr)")
    func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init).filter { $0.hasPrefix(box.dir) } }
    let e = lines(en.stdout)
    let z = lines(zh.stdout)
    #expect(e.count == 5, "\(en.stdout)")
    #expect(e.contains("\(pack):6:13: error: 'utc-offset' must look like +08:00, found '8h'"), "\(e)")
    #expect(z.contains("\(pack):6:13: error: “utc-offset”须写成+08:00的形式，实际为“8h”"), "\(z)")
    #expect(z.contains { $0.hasPrefix("\(pack):8:11: error: 受理窗口“chaoyng”不是本政策包中的区（") && $0.hasSuffix("；你是否要输入“chaoyang”？") }, "\(z)")
    #expect(z.contains("\(calendar):13:5: error: 调休上班日2017-01-23不是星期六或星期日"), "\(z)")
    #expect(z.contains("\(calendar):15:30: error: 调休上班日对应的节假日“qingmin”不存在；你是否要输入“qingming”？"), "\(z)")
    #expect(e.contains("\(syntax):3:1: error: YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping at 2:11)"), "\(e)")
    #expect(z.contains("\(syntax):3:1: error: YAML语法错误：未找到应有的“,”或“}”（解析流式映射（{…}）时，位于2:11）"), "\(z)")
    func positions(_ l: [String]) -> [String] { l.map { String($0.prefix(while: { $0 != " " })) } }
    #expect(positions(e) == positions(z))
    // The machine-readable form keeps the English messages whatever the language.
    let json = try box.run(["--lang", "zh-Hans", "check", "--format", "json", calendar])
    #expect(json.stdout.contains("make-up workday 2017-01-23 is not a Saturday or Sunday"), "\(json.stdout)")
  }

  @Test("--lang zh-Hans decide: a YAML syntax error in Chinese at its position")
  func decideSyntaxInChinese() throws {
    let box = try Sandbox()
    let (_, _, syntax) = try Self.brokenFiles(in: box.dir)
    let r = try box.run(["--lang", "zh-Hans", "decide", syntax])
    #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains("\(syntax):3:1: error: YAML语法错误：未找到应有的“,”或“}”"), "\(r.stderr)")
    #expect(!r.stderr.contains("did not find"), "\(r.stderr)")
  }

  /// The subcommands' own errors (argument checks, a missing database, no content, ArgumentParser's
  /// sentences) in a Chinese session: Chinese, with nothing but codes, options and paths in English.
  @Test("--lang zh-Hans: the subcommands' errors and help are Chinese")
  func subcommandErrorsInChinese() throws {
    let box = try Sandbox()
    let missing = box.dir + "/none.sqlite"
    let cases: [(args: [String], status: Int32, contains: String)] = [
      (["report", "--db", missing], 65, "没有沙盒数据库；此命令只读取，不会新建"),
      (["purge", "--db", missing, "--before", "2017-13-01"], 64, "请以YYYY-MM-DD格式的真实日期给出 --before。"),
      (["report", "--per", "bogus"], 64, "错误：“bogus”不是 '--per <per>' 的有效取值。请使用以下之一：'attempt'、'trainee'、'module'、'item'。"),
      (["generate", "--count", "0", "--seed", "1", "--output", box.dir + "/g.yaml"], 64, "--count 须在1到10000之间。"),
      (["generate", "--count", "2", "--seed", "1", "--output", box.dir + "/g.yaml", "--profile", "mixd"], 64, "未知的生成方案“mixd”"),
      (["rehearse", "--materials", "extenson"], 64, "--materials 须为以下之一："),
      (["check", "--content", box.dir + "/nowhere"], 65, "找不到PermitDesk内容（政策包、场景、课程）；已尝试："),
      (["replay", "--db", missing, "1"], 65, "没有沙盒数据库"),
    ]
    for c in cases {
      let r = try box.run(["--lang", "zh-Hans"] + c.args)
      #expect(r.exited(c.status), "\(c.args): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(c.contains), "\(c.args): \(r.stderr)")
      for line in r.stderr.split(separator: "\n") where !line.hasPrefix("用法：") {
        #expect(line.range(of: "[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", options: .regularExpression) == nil, "\(c.args): \(line)")
      }
    }
    // The same errors in English, as they always read.
    let en = try box.run(["report", "--db", missing])
    #expect(en.stderr.contains("there is no sandbox database at \(missing); this command only reads and creates none."), "\(en.stderr)")
    // What the subcommands report when they succeed.
    let generated = try box.run(["--lang", "zh-Hans", "generate", "--count", "3", "--seed", "1", "--output", box.dir + "/g.yaml"])
    #expect(generated.exited(0) && generated.stdout.hasPrefix("generate：已写入 \(box.dir)/g.yaml：情景 g，3位申请人（3位带标准答案），朝阳区窗口，A岗"), "\(generated.stdout)")
    _ = try box.run(["--db", box.dir + "/db.sqlite"], stdin: "login ana\nquit\n")
    let verified = try box.run(["--lang", "zh-Hans", "--db", box.dir + "/db.sqlite", "verify"])
    #expect(verified.exited(0) && verified.stdout == "verify: 记录完好\n", "\(verified.stdout)\(verified.stderr)")
    // A finding of verify on a database edited by hand.
    let dropped = try box.runTool(["/usr/bin/sqlite3", box.dir + "/db.sqlite", "DROP TRIGGER action_no_delete;"])
    #expect(dropped.status == 0, "\(dropped.output)")
    let tampered = try box.run(["--lang", "zh-Hans", "--db", box.dir + "/db.sqlite", "verify"])
    #expect(tampered.exited(1) && tampered.stdout.contains("verify: 保护触发器action_no_delete被删除：记录可能被手工修改过"), "\(tampered.stdout)")
    let tamperedEn = try box.run(["--db", box.dir + "/db.sqlite", "verify"])
    #expect(tamperedEn.stdout.contains("verify: the guard trigger action_no_delete was dropped: the records may have been edited by hand"), "\(tamperedEn.stdout)")
    // Help that ArgumentParser wraps after "(default:" and the generate profiles.
    let help = try box.run(["--lang", "zh-Hans", "generate", "--help"])
    #expect(help.stdout.contains("mixed（各类申请事项，60%带缺陷，涵盖全部缺陷类别）"), "\(help.stdout)")
    #expect(!help.stdout.contains("(default:") && !help.stdout.contains("every type"), "\(help.stdout)")
  }

  /// The employer's rehearsal in a Chinese session: the materials list and the guided questions.
  @Test("--lang zh-Hans rehearse: the materials list and the guided rehearsal are Chinese")
  func rehearsalInChinese() throws {
    let box = try Sandbox()
    let list = try box.run(["--lang", "zh-Hans", "rehearse", "--materials", "overseas-notification"])
    #expect(list.exited(0), "\(list.stderr)")
    #expect(list.stdout.hasPrefix("overseas-notification所需材料（政策包beijing-2017-pilot）：\n  1. application-form: 外国人工作许可申请表"), "\(list.stdout)")
    #expect(list.stdout.contains("  A类可以容缺后补（容缺受理）："), "\(list.stdout)")
    let guided = try box.run(
      ["--lang", "zh-Hans", "rehearse", "--new", "extension", "--output", box.dir + "/new.yaml"], stdin: String(repeating: "\n", count: 80))
    #expect(guided.exited(0) && guided.stdout.contains("受理通知书"), "\(guided.stderr)")
    #expect(guided.stdout.contains("引导式预演：新建一份extension申请材料（在现有工作许可到期前办理延期）。"), "\(guided.stdout)")
    #expect(guided.stdout.contains("\n用人单位名称: 用人单位的注册名称，与营业执照一致\n"), "\(guided.stdout)")
    for line in guided.stdout.split(separator: "\n") where !line.contains("(Sandbox)") {
      #expect(line.range(of: "[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", options: .regularExpression) == nil, "\(line)")
    }
  }

  /// A trainer's `replay` and `purge` in a Chinese session: every line Chinese, the codes named.
  @Test("--lang zh-Hans replay and purge: Chinese lines, the outcome code with its Chinese name")
  func replayAndPurgeInChinese() throws {
    let box = try Sandbox()
    #expect(try box.run(["play", "m01-s04-practice", "--autoplay", "perfect"]).exited(0))
    let en = try box.run(["replay", "1", "--policy", "beijing-2025"])
    #expect(en.stdout.contains("the recorded score follows from the log"), "\(en.stdout)")
    let zh = try box.run(["--lang", "zh-Hans", "replay", "1", "--policy", "beijing-2025"])
    #expect(zh.exited(0), "\(zh.stderr)")
    #expect(zh.stdout.contains("记录的成绩可由操作日志得出"), "\(zh.stdout)")
    #expect(zh.stdout.hasPrefix("练习#1 m01-s04-practice（"), "\(zh.stdout)")
    for line in zh.stdout.split(separator: "\n") {
      // Codes, ids and build names stay; no English sentence (three English words in a row).
      let prose = line.replacingOccurrences(of: BuildInfoPattern.build, with: "", options: .regularExpression)
      #expect(prose.range(of: "[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", options: .regularExpression) == nil, "\(line)")
    }
    let purge = try box.run(["--lang", "zh-Hans", "purge", "--before", "2099-01-01"])
    #expect(purge.exited(0), "\(purge.stderr)")
    #expect(purge.stdout.contains("：accept 受理，") || purge.stdout.contains("：refuse 不予受理，"), "\(purge.stdout)")
    let list = try box.run(["--lang", "zh-Hans", "rehearse", "--materials", "overseas-notification"])
    #expect(list.stdout.contains("A类可以容缺后补（容缺受理）：") && !list.stdout.contains(", "), "\(list.stdout)")
  }
}

/// The build name as `replay` prints it (`0.x.y (commit …)`), which is not prose.
enum BuildInfoPattern {
  static let build = "(scored by|评分构建：|重放构建：)[^；]*"
}
