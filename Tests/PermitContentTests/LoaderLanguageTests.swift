import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import Testing

/// Issue 15: every loader diagnostic reads in Chinese in a Chinese session — policy packs, holiday
/// calendars, scenario weights and corrections, file decoding and libyaml's syntax messages — while
/// the English text (what `--format json` and the tools read) stays as it was.
@Suite("loader diagnostics in both languages")
struct LoaderLanguageTests {
  static let pack = (try? String(contentsOfFile: TestSupport.root + "/Policies/beijing-2017-pilot.yaml", encoding: .utf8)) ?? ""
  static let calendar = (try? String(contentsOfFile: TestSupport.root + "/Policies/calendar/2017.yaml", encoding: .utf8)) ?? ""

  /// A run of three or more English words in a Chinese message, outside quoted values (“…”) —
  /// nil when there is none. Codes, keys and lists of codes (`a, b, c`) are not runs of words.
  static func englishRun(_ message: String) -> String? {
    var unquoted = ""
    var quoted = false
    for c in message {
      if c == "“" { quoted = true } else if c == "”" { quoted = false } else if !quoted { unquoted.append(c) }
    }
    guard let r = unquoted.range(of: "[A-Za-z]+( [A-Za-z]+){2,}", options: .regularExpression) else { return nil }
    return String(unquoted[r])
  }

  static func diagnostics(_ text: String, _ file: String = "t.yaml") -> [Diagnostic] {
    ContentChecker(library: TestSupport.library).check(data: Data(text.utf8), file: file).1
  }

  /// Replaces one exact piece of text (the test fails if it is not there).
  static func edit(_ text: String, _ old: String, _ new: String) -> String {
    #expect(text.contains(old), "fixture text \(old)")
    return text.replacingOccurrences(of: old, with: new)
  }

  static var brokenPacks: [String] {
    let p = pack
    return [
      edit(p, "utc-offset: \"+08:00\"", "utc-offset: \"8h\""),
      edit(p, "calendar: [2017,", "calendar: [abc, 1999,"),
      edit(p, "windows: [chaoyang,", "windows: [chaoyng,"),
      edit(p, "windows: [chaoyang, haidian, shunyi]", "windows: [chaoyang, haidian, shunyi]\ndistricts: [chaoyang, haidian, shunyi, dongchen]"),
      edit(p, "always: [application-form, passport, degree,", "always: [application-form, pasport, degree,"),
      edit(p, "degree: [embassy, foreign-mission-in-china, cscse]", "degree: [embasy, foreign-mission-in-china, cscse]"),
      edit(p, "  extension:\n    always: [application-form, passport, contract, residence-permit, work-permit-card]\n", ""),
      p.replacingOccurrences(of: #"thresholds: .*"#, with: "thresholds: { A: 50, B: 60 }", options: .regularExpression),
      p.replacingOccurrences(of: #"- \{ from: \d+, to: \d+"#, with: "- { from: 90, to: 10", options: .regularExpression),
      p.replacingOccurrences(of: #"sources: \[[^\]]*\]"#, with: "sources: [X1]", options: .regularExpression),
      p.replacingOccurrences(of: #"sources: \[[^\]]*\]"#, with: "sources: []", options: .regularExpression),
      p.replacingOccurrences(of: #"(sources: \[[^\]]*\])"#, with: "$1\n    confidence: hgh", options: .regularExpression),
      p + "\nabolished-types:\n  change: { since: 2019-01-01 }\n",
      p + "\ncommitment-any-category:\n  overseas-notification: [passprt]\n",
    ]
  }

  static var brokenCalendars: [String] {
    let c = calendar
    return [
      edit(c, "{ name: new-year, from: 2017-01-01, to: 2017-01-02 }", "{ name: new-year, from: 2017-01-03, to: 2017-01-02 }"),
      edit(c, "{ date: 2017-01-22,", "{ date: 2018-01-20,"),
      edit(c, "{ date: 2017-01-22,", "{ date: 2017-01-23,"),
      edit(c, "for: qingming }", "for: qingmin }"),
      edit(c, "year: 2017", "year: 3017"),
      edit(c, "source:", "sorce:"),
    ]
  }

  static let brokenSyntax = [
    "id: x\ntitle: [a, b\n", "id: x\n@bad: 1\n", "id: x\n  title: y: z\n", "id: !foo!bar x\n", "id: \"abc\n",
    "id: x\n\ttitle: y\n", "id: x\nid: y\ntitle: a\ntitle: b\n", "id: *nope\n", "a: {b: 1, c\n", "%FOO bar\n---\na: 1\n",
    "%YAML 2.0\n---\na: 1\n", "a: \u{01}\n", "a: 1\n---\nb: 2\n", "a: |x\n  b\n", "a: \"\\q\"\n",
    "a: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "\n", "",
  ]

  @Test("every problem of a broken pack, calendar or YAML file reads in Chinese; English is unchanged")
  func everyProblemInChinese() {
    var seen = 0
    for text in Self.brokenPacks + Self.brokenCalendars + Self.brokenSyntax {
      let found = Self.diagnostics(text).filter { $0.severity == .error }
      #expect(!found.isEmpty, "no error for \(text.prefix(60))")
      for d in found {
        seen += 1
        #expect(d.text != nil, "a message without a catalog key: \(d.message)")
        #expect(d.message(in: .en) == d.message)
        let zh = d.message(in: .zhHans)
        #expect(zh != d.message, "\(d.message)")
        #expect(Self.englishRun(zh) == nil, "English left in \(zh)")
      }
    }
    #expect(seen >= 35)
  }

  @Test("every problem of every invalid fixture (scenarios, modules, packets) reads in Chinese")
  func invalidFixturesInChinese() throws {
    let dir = TestSupport.fixtures + "/invalid"
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(files.count >= 30)
    let report = TestSupport.check(files.map { dir + "/" + $0 })
    #expect(report.errors >= files.count - 2)
    for d in report.diagnostics {
      #expect(d.text != nil, "a message without a catalog key: \(d.description)")
      let zh = d.message(in: .zhHans)
      #expect(Self.englishRun(zh) == nil, "English left in \(d.file):\(d.line): \(zh)")
    }
  }

  @Test("the English messages are the ones the readers always wrote")
  func englishUnchanged() {
    func messages(_ text: String) -> [String] { Self.diagnostics(text).filter { $0.severity == .error }.map(\.message) }
    #expect(messages(Self.brokenPacks[0]) == ["'utc-offset' must look like +08:00, found '8h'"])
    #expect(messages(Self.brokenCalendars[2]) == ["make-up workday 2017-01-23 is not a Saturday or Sunday"])
    #expect(messages(Self.brokenCalendars[3]) == ["make-up workday for unknown holiday 'qingmin'; did you mean 'qingming'?"])
    #expect(messages("id: x\ntitle: [a, b\n") == ["YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at 2:8)"])
    #expect(
      messages("id: x\nid: y\ntitle: a\ntitle: b\n") == ["duplicate key 'id' (first written at 1:1); delete or rename one; also repeated: 'title'"])
    #expect(messages("a: \u{01}\n") == ["unreadable text: control characters are not allowed"])
  }

  @Test("Chinese renderings of a few, word for word")
  func chineseWording() {
    func zh(_ text: String) -> [String] { Self.diagnostics(text).filter { $0.severity == .error }.map { $0.message(in: .zhHans) } }
    #expect(zh(Self.brokenPacks[0]) == ["“utc-offset”须写成+08:00的形式，实际为“8h”"])
    #expect(zh(Self.brokenCalendars[3]) == ["调休上班日对应的节假日“qingmin”不存在；你是否要输入“qingming”？"])
    #expect(zh("id: x\ntitle: [a, b\n") == ["YAML语法错误：未找到应有的“,”或“]”（解析流式序列（[…]）时，位于2:8）"])
    #expect(zh(Self.brokenPacks[12]).contains("已取消事项change缺少“replaced-by”"))
    #expect(zh(Self.brokenPacks[4]).first?.hasPrefix("键“always”中的一项须为以下之一：") == true)
  }

  @Test("a libyaml phrase the catalog does not know is quoted as written inside the Chinese sentence")
  func unknownPhrase() {
    #expect(YAMLPhrase.render("found something new", in: .zhHans) == "“found something new”（libyaml的原文）")
    #expect(YAMLPhrase.render("found something new", in: .en) == "found something new")
    #expect(YAMLPhrase.render("found undefined tag handle", in: .zhHans) == "使用了未定义的标签前缀")
  }

  /// The problems and contexts libyaml can report are the strings of the library this process
  /// runs with: each one the catalog lacks would reach a Chinese session in English.
  @Test("every problem and context string of the libyaml in use has a Chinese text")
  func everyLibyamlPhraseIsTranslated() throws {
    let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
    guard let path = maps.split(separator: "\n").compactMap({ line -> String? in
      guard let slash = line.firstIndex(of: "/") else { return nil }
      let p = String(line[slash...])
      return p.contains("libyaml") ? p : nil
    }).first
    else {
      // Linked statically: nothing to read; the phrase list is still checked by the catalog tests.
      return
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var phrases: Set<String> = []
    var run: [UInt8] = []
    for b in data {
      if b >= 32 && b < 127 { run.append(b) } else {
        if b == 0, run.count >= 6 { phrases.insert(String(decoding: run, as: UTF8.self)) }
        run.removeAll(keepingCapacity: true)
      }
    }
    let starts = [
      "found ", "did not find", "could not find", "while parsing", "while scanning", "mapping ", "block sequence",
      "control characters", "incomplete UTF", "invalid ", "incompatible ", "input is", "input error", "unexpected low",
      "duplicate %",
    ]
    let libyaml = phrases.filter { p in starts.contains { p.hasPrefix($0) } && !p.contains("%s") && !p.contains("=") }
    #expect(libyaml.count >= 60, "\(libyaml.count) phrases found in \(path)")
    let missing = libyaml.filter { Catalog.zhHans["diag.yaml.phrase." + $0] == nil }.sorted()
    #expect(missing == [], "libyaml phrases without a Chinese text")
  }

  @Test("a defect pair problem is typed in the core and rendered by the catalog")
  func pairProblem() throws {
    let p = try #require(DefectCatalog.pairProblem("stale:passport"))
    #expect(Localized.pairProblem(p, in: .en) == p.description)
    #expect(
      Localized.pairProblem(p, in: .zhHans)
        == "“stale:passport”不是有效的组合：stale只适用于criminal-record，health-certificate，photo；你是否要输入expired:passport？")
    let none = try #require(DefectCatalog.pairProblem("out-of-jurisdiction:haidian"))
    #expect(Localized.pairProblem(none, in: .zhHans) == "“out-of-jurisdiction”不带对象：单独写出即可")
  }

  @Test("every generate profile is described in the catalog")
  func generateProfiles() {
    for (name, _) in ScenarioGeneration.profiles {
      #expect(Catalog.en["cli.generate.profile." + name] != nil && Catalog.zhHans["cli.generate.profile." + name] != nil, "\(name)")
    }
  }
}
