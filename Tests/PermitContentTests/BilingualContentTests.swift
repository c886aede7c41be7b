import Foundation
@testable import PermitContent
import PermitCore
import PermitLocalization
import Testing

/// Issue 15, bilingual content: titles, briefings, objectives and event messages as `{en, zh}`,
/// plain strings still English, `check` warning where Chinese is missing, the bundled course
/// complete in both languages.
@Suite struct BilingualContentTests {
  static let module = """
    id: bi-module
    order: 7
    title: {en: "Queues", zh: "排队"}
    objectives:
      - en: "Count working days"
        zh: "计算工作日"
      - "Keep the queue moving"
    briefing:
      en: |
        Two lines
        of English.
      zh: |
        两行
        中文。
    scenarios: [m01-s01-jurisdiction]

    """

  func check(_ text: String, file: String = "bi.yaml") -> [Diagnostic] {
    ContentChecker(library: TestSupport.library).check(data: Data(text.utf8), file: file).1
  }

  @Test func moduleTextsInBothLanguages() throws {
    let r = YAMLReader(file: "bi.yaml")
    let node = try #require(r.parse(Self.module))
    let (m, _) = try #require(CurriculumReader.read(node, reader: r))
    #expect(m.title == "Queues")
    #expect(m.title(in: .zhHans) == "排队")
    #expect(m.objectives == ["Count working days", "Keep the queue moving"])
    #expect(m.objectives(in: .zhHans) == ["计算工作日", "Keep the queue moving"])
    #expect(m.briefing == "Two lines\nof English.\n")
    #expect(m.briefing(in: .zhHans) == "两行\n中文。\n")
    #expect(m.briefing(in: .en) == m.briefing)
    // Loading (the REPL) does not warn; check warns at the untranslated objective, with its position.
    #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    let warnings = check(Self.module).filter { $0.severity == .warning }
    #expect(warnings.map(\.message) == ["item 2 of 'objectives' of the module has no Chinese translation (write it as {en: …, zh: …})"])
    #expect(warnings.first?.line == 7)
    #expect(warnings.first?.column == 5)
  }

  @Test func malformedBilingualTexts() {
    let unknown = check(Self.module.replacingOccurrences(of: "{en: \"Queues\", zh: \"排队\"}", with: "{en: \"Queues\", fr: \"Files\"}"))
    #expect(unknown.contains { $0.severity == .error && $0.line == 3 && $0.message.hasPrefix("unknown key 'fr' in 'title' of the module") })
    let noEnglish = check(Self.module.replacingOccurrences(of: "{en: \"Queues\", zh: \"排队\"}", with: "{zh: \"排队\"}"))
    #expect(noEnglish.contains { $0.severity == .error && $0.line == 3 && $0.message == "'title' of the module needs 'en'" })
    let emptyChinese = check(Self.module.replacingOccurrences(of: "zh: \"排队\"", with: "zh: \"  \""))
    #expect(emptyChinese.contains { $0.severity == .error && $0.message == "'zh' of 'title' of the module is empty" })
    // A file with errors gets its errors, not translation warnings on top.
    let both = check(Self.module.replacingOccurrences(of: "order: 7", with: "order: 0"))
    #expect(both.contains { $0.severity == .error })
    #expect(!both.contains { $0.message.contains("Chinese translation") })
  }

  @Test func scenarioTextsAndEventMessages() throws {
    let path = TestSupport.root + "/Scenarios/m08-queues-and-time-limits/m08-s01-national-day-2017.yaml"
    let (r, parsed) = ContentLibrary.parse(path)
    let lib = TestSupport.library
    let node = try #require(parsed)
    let read = ScenarioReader.read(node, reader: r, policies: { try? lib.policy($0).get() }, policyIDs: lib.policyIDs())
    let (s, _) = try #require(read)
    #expect(s.title == "Across the National Day break (2017)")
    #expect(s.title(in: .zhHans) == "跨越国庆假期（2017年）")
    #expect(s.briefing(in: .zhHans).hasPrefix("2017年9月28日星期四至10月9日星期一，朝阳窗口，A岗。"))
    #expect(s.events.first?.message == "Reminder: tomorrow, Saturday 30 September, is a make-up working day. The window opens at 09:00.")
    #expect(s.events.first?.message(in: .zhHans) == "提醒：明天9月30日星期六是调休上班日。窗口09:00开门。")
  }

  /// The REPL's index reads a bilingual title without loading the file (block and flow forms).
  @Test func courseIndexReadsBilingualTitles() throws {
    let head = "id: x1\nclock:\n  start: 2017-07-03T09:00+08:00\napplicants: []\n"
    let block = try #require(Course.entry(Data((head + "title:\n  en: \"Plain, English\"\n  zh: \"中文标题\"\npost: B\n").utf8), file: "x1.yaml"))
    #expect(block.title == "Plain, English")
    #expect(block.titleZh == "中文标题")
    #expect(block.post == "B")
    let flow = try #require(Course.entry(Data((head + "title: {en: \"A, b\", zh: 甲乙}\n").utf8), file: "x1.yaml"))
    #expect(flow.title == "A, b")
    #expect(flow.title(in: .zhHans) == "甲乙")
    let plain = try #require(Course.entry(Data((head + "title: \"Only English\" # comment\n").utf8), file: "x1.yaml"))
    #expect(plain.title == "Only English")
    #expect(plain.title(in: .zhHans) == "Only English")
  }

  /// The bundled course is complete in both languages: no translation warning, and every module,
  /// objective, scenario and event has Chinese (in the index too).
  @Test func bundledCourseIsComplete() {
    let report = TestSupport.check(ContentChecker(library: TestSupport.library).defaultPaths)
    #expect(report.errors == 0)
    let missing = report.diagnostics.filter { $0.message.contains("Chinese translation") }
    #expect(missing.isEmpty, "\(missing.map(\.description).joined(separator: "\n"))")
    let course = Course(library: TestSupport.library)
    #expect(!course.modules.isEmpty)
    for m in course.modules {
      #expect(m.titleZh != nil && m.briefingZh != nil, "\(m.id)")
      #expect(m.objectivesZh.count == m.objectives.count && m.objectivesZh.allSatisfy { $0 != nil }, "\(m.id)")
    }
    for (id, e) in course.index { #expect(e.titleZh != nil, "index title of \(id)") }
    for (id, s) in course.scenarios {
      #expect(s.titleZh != nil && s.briefingZh != nil, "\(id)")
      for e in s.events { #expect(e.messageZh != nil, "\(id) event at \(e.at)") }
    }
  }

  /// Every rule text of the bundled policy packs, quoted on notices, has its Chinese line.
  @Test func policyRuleTextsInBothLanguages() {
    let lib = TestSupport.library
    for id in lib.policyIDs() {
      guard case .success(let pack) = lib.policy(id) else {
        Issue.record("pack \(id) does not load")
        continue
      }
      #expect(!pack.rules.isEmpty)
      for (rule, r) in pack.rules {
        #expect(r.textZh?.isEmpty == false, "\(id): rule \(rule.rawValue) has no Chinese text")
        #expect(Localized.ruleText(pack, rule, in: .en) == r.text)
      }
    }
    #expect(Localized.ruleText(TestSupport.pack(), .consistency, in: .zhHans) == "姓名、护照号码、国籍、出生日期和签字须在全部材料中一致，并与护照一致。")
  }
}
