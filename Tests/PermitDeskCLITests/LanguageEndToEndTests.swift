import Foundation
import PermitLocalization
import PermitTraining
import Testing

/// Issue 15 through the real binary: the language follows --lang, PERMITDESK_LANG and the POSIX
/// locale; decide, the notices and the command-line help are Chinese in a Chinese session, with the
/// codes kept and named; English stays as it was.
@Suite("interface language (end to end)")
struct LanguageEndToEndTests {
  static let packets = CLI.root + "/Scenarios/packets/"

  @Test("LANG=zh_CN.UTF-8 decides in Chinese with no configuration; golden decide and notices")
  func chineseByLocale() throws {
    let box = try Sandbox()
    let zh = ["LANG": "zh_CN.UTF-8"]
    let d = try box.run(["decide", Self.packets + "overseas-b-defects.yaml"], environment: zh)
    #expect(d.status == 0, "\(d.stderr)")
    #expect(d.stdout.contains("  处理结论：一次性告知补正 - 出具一份一次性告知补正材料通知书，列明全部3项缺陷"))
    #expect(d.stdout.contains("   2. stale:criminal-record 无犯罪记录证明超过6个月  (criminal-record / issued)"))
    try assertSnapshot(d.stdout.replacingOccurrences(of: Self.packets, with: ""), named: "zh-decide-overseas-b-defects")
    for (file, name) in [
      ("overseas-b-complete", "zh-notice-accept"), ("overseas-b-defects", "zh-notice-supplement"),
      ("out-of-jurisdiction", "zh-notice-refuse"), ("category-a-pending", "zh-notice-accept-pending"),
    ] {
      let r = try box.run(["rehearse", Self.packets + file + ".yaml"], environment: zh)
      #expect(r.status == 0, "\(file): \(r.stderr)")
      try assertSnapshot(r.stdout, named: name)
    }
  }

  @Test("--lang beats PERMITDESK_LANG beats LC_ALL beats LANG; LC_ALL=C is English")
  func precedence() throws {
    let box = try Sandbox()
    let packet = Self.packets + "overseas-b-complete.yaml"
    func outcomeLine(_ args: [String], _ env: [String: String]) throws -> String {
      let r = try box.run(args + [packet], environment: env)
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
    }
    let chinese = "  处理结论：受理 - 出具受理通知书"
    let english = "  Outcome:  ACCEPT - issue the acceptance notice"
    #expect(try outcomeLine(["decide"], [:]) == english)
    #expect(try outcomeLine(["decide"], ["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]) == english)
    #expect(try outcomeLine(["decide"], ["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"]) == chinese)
    #expect(try outcomeLine(["decide"], ["PERMITDESK_LANG": "zh-Hans"]) == chinese)
    #expect(try outcomeLine(["decide"], ["PERMITDESK_LANG": "en", "LANG": "zh_CN.UTF-8"]) == english)
    #expect(try outcomeLine(["--lang", "zh-Hans", "decide"], [:]) == chinese)
    #expect(try outcomeLine(["decide", "--lang=zh"], ["PERMITDESK_LANG": "en"]) == chinese)
    #expect(try outcomeLine(["decide", "--lang", "en"], ["LANG": "zh_CN.UTF-8"]) == english)
  }

  @Test("an unknown --lang is a usage error with the accepted values")
  func unknownLanguage() throws {
    let box = try Sandbox()
    let r = try box.run(["--lang", "tlh", "decide", Self.packets + "overseas-b-complete.yaml"])
    #expect(r.status == 64)
    #expect(r.stderr == "permitdesk: unknown language 'tlh' for --lang (use en, zh-Hans (also zh, zh_CN.UTF-8))\n")
    #expect(r.stdout.isEmpty)
    let m = try box.run(["check", "--lang"])
    #expect(m.status == 64)
    #expect(m.stderr.contains("--lang needs a value"))
  }

  @Test("command-line help in Chinese; the REPL greets in Chinese")
  func help() throws {
    let box = try Sandbox()
    let zh = ["LANG": "zh_CN.UTF-8"]
    let root = try box.run(["--help"], environment: zh)
    #expect(root.status == 0)
    #expect(root.stdout.contains("外国人工作许可受理窗口培训沙盒（仅含模拟数据）。"))
    #expect(root.stdout.contains("界面语言：--lang en|zh-Hans"))
    let decide = try box.run(["decide", "--help"], environment: zh)
    #expect(decide.stdout.contains("显示窗口对申请材料文件的受理决定（结论、缺陷、依据、期限）。"))
    #expect(decide.stdout.contains("申请材料文件（YAML）。"))
    let en = try box.run(["decide", "--help"])
    #expect(en.stdout.contains("Show the window's acceptance decision for packet files"))
    #expect(en.stdout.contains("USAGE: permitdesk decide") && en.stdout.contains("OPTIONS:"))
    // ArgumentParser's own words too: headings, its option texts, its errors (exit codes unchanged).
    #expect(decide.stdout.contains("用法：permitdesk decide") && decide.stdout.contains("选项：") && decide.stdout.contains("显示帮助信息。"))
    #expect(!decide.stdout.contains("USAGE:") && !decide.stdout.contains("OPTIONS:") && !decide.stdout.contains("Show help information."))
    let bad = try box.run(["check", "--bogus"], environment: zh)
    #expect(bad.status == 64, "\(bad.stderr)")
    #expect(bad.stderr.contains("错误：未知选项 '--bogus'") && bad.stderr.contains("用法：permitdesk check"), "\(bad.stderr)")
    let badEn = try box.run(["check", "--bogus"])
    #expect(badEn.status == 64 && badEn.stderr.contains("Error: Unknown option '--bogus'"), "\(badEn.stderr)")
  }

  /// The verbs of `help`, read from its English listing.
  static func verbs(_ listing: String) -> [String] {
    listing.split(separator: "\n").dropFirst().compactMap { l -> String? in
      guard l.hasPrefix("  "), !l.hasPrefix("   "), let w = l.split(separator: " ").first, w.allSatisfy({ $0.isLetter }) else { return nil }
      return String(w)
    }
  }

  @Test("help and help VERB in Chinese; the English catalog agrees with the command tables")
  func replHelp() throws {
    let box = try Sandbox()
    let en = try box.run([], stdin: "help\n")
    let verbs = Self.verbs(en.stdout)
    #expect(verbs.count >= 26, "\(verbs)")
    let script = verbs.map { "help \($0)\n" }.joined()
    let english = try box.run([], stdin: script).stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let chinese = try box.run([], stdin: "help\n" + script, environment: ["LANG": "zh_CN.UTF-8"]).stdout
    for v in verbs {
      let summary = try #require(Catalog.en["help.\(v).summary"], "no catalog summary for \(v)")
      #expect(english.contains("  " + summary), "English summary of \(v) differs from the catalog")
      if let details = Catalog.en["help.\(v).details"] {
        for line in details.split(separator: "\n") { #expect(english.contains("  " + line), "details of \(v)") }
      }
      let zh = try #require(Catalog.zhHans["help.\(v).summary"])
      let name = try #require(CodeNames.verb(v, in: .zhHans), "no Chinese name for the verb \(v)")
      #expect(chinese.contains("\(name)：\(zh)"), "Chinese summary of \(v)")
    }
    #expect(chinese.hasPrefix("命令（help VERB 查看详细说明）：\n  help [VERB]"))
    #expect(chinese.contains("  容缺受理列明待补的材料：'decide accept-pending missing:degree'。"))
  }

  @Test("pair mode in Chinese: start --pair and join answer in Chinese with the official post names")
  func pairInChinese() throws {
    let box = try Sandbox()
    let zh = ["LANG": "zh_CN.UTF-8"]
    _ = try box.run([], stdin: "login 王芳\nquit\n", environment: zh)
    let start = try box.run([], stdin: "login 李娜\nstart m01-s01-jurisdiction --pair 王芳\nquit\n", environment: zh)
    #expect(start.stdout.contains("结对练习：你是A岗，王芳是B岗"), "\(start.stdout)")
    let join = try box.run([], stdin: "login 王芳\njoin 7\njoin\nquit\n", environment: zh)
    #expect(join.stderr.contains("练习 #7 不是以你为搭档、正在进行的结对练习（等你加入的：#1）"), "\(join.stderr)")
    #expect(join.stdout.contains("李娜开始了结对练习 #1（m01-s01-jurisdiction），你是B岗：'join 1'。"), "\(join.stdout)")
    #expect(join.stdout.contains("已加入结对练习 #1（m01-s01-jurisdiction），你是B岗，搭档李娜是A岗"), "\(join.stdout)")
    #expect(join.stdout.contains("还没有移交给你的案卷：李娜的移交和命令"), "\(join.stdout)")
    #expect(!join.stdout.contains("Joined pair attempt"), "\(join.stdout)")
  }

  @Test("a Chinese session reads the scenario's title, briefing and event messages in Chinese")
  func bilingualContentInTheRepl() throws {
    let box = try Sandbox()
    let script = "login 李娜\nstart m06-s03-colleague-absent --free\nbrief\nadvance --to 10:00\nquit\n"
    let zh = try box.run([], stdin: script, environment: ["LANG": "zh_CN.UTF-8"])
    #expect(zh.stdout.contains("已登录：李娜。"), "\(zh.stdout)")
    #expect(zh.stdout.contains("B岗不在：移交需等待"), "\(zh.stdout)")
    #expect(zh.stdout.contains("2024年5月6日星期一，劳动节假期后的第一个工作日，顺义窗口，A岗，适用2024年规则。"), "\(zh.stdout)")
    #expect(zh.stdout.contains("B岗同事去开会，14:00回来。"), "\(zh.stdout)")
    let en = try box.run([], stdin: script.replacingOccurrences(of: "李娜", with: "lina"))
    #expect(en.stdout.contains("Post B is away: handovers wait"), "\(en.stdout)")
    #expect(en.stdout.contains("Your post B colleague is called to a meeting until 14:00."), "\(en.stdout)")
    #expect(!en.stdout.contains("B岗"))
  }
}
