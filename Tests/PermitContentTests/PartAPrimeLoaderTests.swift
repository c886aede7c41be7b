import Foundation
import PermitContent
import PermitCore
import Testing

/// The loader's side of domain.md Part A′: districts and languages are closed vocabularies (a load
/// error with a suggestion, never a silent referral), renewal files state the permit's category,
/// and every rule of a pack names its source.
@Suite struct PartAPrimeLoaderTests {
  static let packet = try! String(contentsOfFile: TestSupport.root + "/Scenarios/packets/overseas-b-complete.yaml", encoding: .utf8)

  func check(_ text: String) -> [Diagnostic] {
    ContentChecker(library: TestSupport.library).check(data: Data(text.utf8), file: "t.yaml").1.filter { $0.severity == .error }
  }

  func variant(_ from: String, _ to: String) -> String {
    precondition(Self.packet.contains(from), from)
    return Self.packet.replacingOccurrences(of: from, with: to)
  }

  @Test func districtsAreAClosedVocabulary() {
    #expect(check(Self.packet).isEmpty)
    // Case and surrounding spaces are ignored.
    #expect(check(variant("district: chaoyang }", "district: \" Chaoyang \" }")).isEmpty)
    #expect(check(variant("window: chaoyang", "window: \" CHAOYANG\"")).isEmpty)
    // Anything else is an error with the suggestion, at the key.
    let e = check(variant("district: chaoyang }", "district: \"shunyi district\" }"))
    #expect(e.count == 1)
    #expect(e.first?.message.contains("did you mean 'shunyi'?") == true, "\(e)")
    #expect(e.first?.line == 8)  // line 1 is the yaml-language-server modeline
    let w = check(variant("window: chaoyang", "window: chaoyangg"))
    #expect(w.first?.message.contains("did you mean 'chaoyang'?") == true, "\(w)")
    // e-town is a district only in packs that name it.
    let etown2017 = check(variant("district: chaoyang }", "district: e-town }"))
    #expect(etown2017.first?.message.contains("not a district of beijing-2017-pilot") == true, "\(etown2017)")
  }

  @Test func scenarioWindowsIgnoreCaseAndSpaces() throws {
    let text = try String(contentsOfFile: TestSupport.root + "/Scenarios/m11-december-2024-reform/m11-s01-midnight.yaml", encoding: .utf8)
    #expect(check(text).isEmpty)
    #expect(check(text.replacingOccurrences(of: "\nwindow: chaoyang\n", with: "\nwindow: \" CHAOYANG \"\n")).isEmpty)
    let e = check(text.replacingOccurrences(of: "\nwindow: chaoyang\n", with: "\nwindow: \"Chaoyang District\"\n"))
    #expect(e.first?.message.contains("did you mean 'chaoyang'?") == true, "\(e)")
  }

  @Test func languagesAreBCP47() {
    #expect(check(variant("language: zh", "language: zh-CN")).isEmpty)
    #expect(check(variant("language: zh", "language: ZH")).isEmpty)
    let bad = check(variant("language: zh", "language: zh_CN"))
    #expect(bad.count == 1)
    #expect(bad.first?.message.contains("BCP 47") == true, "\(bad)")
  }

  @Test func renewalFilesStateTheirCategory() throws {
    let text = try String(contentsOfFile: TestSupport.root + "/Scenarios/packets/extension-too-late.yaml", encoding: .utf8)
    #expect(check(text).isEmpty)
    let without = text.replacingOccurrences(of: "  category: B\n", with: "")
    #expect(without != text)
    let e = check(without)
    #expect(e.first?.message.contains("states the current permit's category") == true, "\(e)")
  }

  /// Every rule of every shipped pack names at least one source id; a rule without one fails `check`.
  @Test func everyRuleNamesItsSource() throws {
    for id in ["beijing-2017-pilot", "beijing-2024", "beijing-2025"] {
      let pack = TestSupport.pack(id)
      for rule in RuleID.allCases where pack.uses(rule) {
        let r = try #require(pack.rules[rule], "\(id): \(rule.rawValue)")
        #expect(!r.sources.isEmpty, "\(id): \(rule.rawValue)")
      }
    }
    for rule in TestSupport.pack("beijing-2025").rules.values { #expect(rule.confidence != nil, "\(rule.id.rawValue)") }
    let pack = try String(contentsOfFile: TestSupport.root + "/Policies/beijing-2017-pilot.yaml", encoding: .utf8)
    for (from, to, message) in [
      ("    sources: [S39, S36]\n", "    sources: []\n", "names no source"),
      ("    sources: [S39, S36]\n", "    sources: [X9]\n", "source ids look like S20"),
      ("    sources: [S39, S36]\n", "", "'sources'"),
    ] {
      #expect(pack.contains(from))
      let e = check(pack.replacingOccurrences(of: from, with: to))
      #expect(e.contains { $0.message.contains(message) }, "\(message): \(e)")
    }
  }
}
