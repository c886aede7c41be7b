import Foundation
import PermitCore
import Testing

@testable import PermitContent

/// One invalid fixture per check: the file, line and message of the first error.
struct InvalidFixture: CustomStringConvertible, Sendable {
  let file: String
  let line: Int
  let message: String
  /// Files checked with it (cross-file checks).
  var with: [String] = []
  /// The file the error is reported in, when another one.
  var reportedIn: String? = nil
  var description: String { file }
}

@Suite("Scenario and curriculum loading")
struct LoaderTests {
  static let cases: [InvalidFixture] = [
    InvalidFixture(file: "unknown-key", line: 3, message: "unknown key 'titel' in the scenario; did you mean 'title'?"),
    InvalidFixture(file: "bad-timestamp", line: 11, message: "'start' of clock must be a date and time with its offset"),
    InvalidFixture(file: "impossible-date", line: 16, message: "must be a real date written YYYY-MM-DD, found '1984-02-30'"),
    InvalidFixture(file: "unknown-policy", line: 6, message: "unknown policy pack 'beijing-2017-pilt'"),
    InvalidFixture(file: "unknown-window", line: 7, message: "'chaoyng' is not a window of beijing-2017-pilot"),
    InvalidFixture(file: "duplicate-ticket", line: 27, message: "duplicate ticket 'T001' (first used at line 13)"),
    InvalidFixture(file: "generated-ticket", line: 13, message: "ticket 'G003' is taken by a generated applicant (G001…G008)"),
    InvalidFixture(file: "arrival-before-start", line: 14, message: "before the clock starts at 2017-07-03T09:00+08:00"),
    InvalidFixture(file: "unknown-defect", line: 37, message: "unknown defect code 'missing:residence-permits'; did you mean 'missing:residence-permit'?"),
    InvalidFixture(file: "unknown-pending", line: 24, message: "an item of 'pending' must be one of"),
    InvalidFixture(file: "unknown-material", line: 20, message: "'kind' of a material must be one of"),
    InvalidFixture(file: "weights", line: 61, message: "scoring weights must sum to 100: decisions 55 + double-review 30 + time-limits 20 = 105"),
    InvalidFixture(file: "pass-mark", line: 61, message: "'pass-mark' of scoring must be between 0 and 100, found 120"),
    InvalidFixture(file: "unknown-mix", line: 53, message: "unknown defect family 'mising' in 'mix'"),
    InvalidFixture(file: "event-no-kind", line: 55, message: "an event needs exactly one of rule-change, surge, colleague-absent-until, announce"),
    InvalidFixture(file: "event-two-kinds", line: 55, message: "an event has exactly one kind; found rule-change and announce"),
    InvalidFixture(file: "unknown-rule-change", line: 56, message: "unknown policy pack 'beijing-2042'"),
    InvalidFixture(file: "proposal-without-referral", line: 25, message: "a proposal refusing for out-of-jurisdiction names the competent body"),
    InvalidFixture(file: "proposal-impossible-pair", line: 25, message: "'stale:passport' is not a valid pair: stale: applies to criminal-record, health-certificate, photo; did you mean expired:passport?"),
    InvalidFixture(file: "proposal-unknown-body", line: 25, message: "T001: malformed proposal: 'fengtai' is not a body of this pack: refer to a pilot window or the municipal Center"),
    InvalidFixture(file: "module-required", line: 5, message: "required scenario 'fixture-mini-dya' is not one of the module's scenarios; did you mean 'fixture-mini-day'?", with: ["valid/mini-day"]),
    InvalidFixture(file: "module-critical", line: 5, message: "an item of 'critical-errors' must be one of", with: ["valid/mini-day"]),
    InvalidFixture(file: "correction-without-supplement", line: 39, message: "a correction follows a one-time notice"),
    InvalidFixture(file: "answer-key", line: 37, message: "answer key of applicant T002 disagrees with the examiner"),
    InvalidFixture(file: "unrecognised", line: 1, message: "cannot tell what this file is"),
    InvalidFixture(file: "yaml-syntax", line: 4, message: "YAML syntax: found unexpected end of stream"),
    InvalidFixture(file: "module-unknown-scenario", line: 4, message: "unknown scenario 'fixture-mini-dya' in module", with: ["valid/mini-day"]),
    InvalidFixture(file: "module-missing-prerequisite", line: 5, message: "unknown prerequisite module 'fixture-module-z'", with: ["valid/mini-day"]),
    InvalidFixture(file: "module-pass-mark", line: 5, message: "'pass-mark' of the module must be between 0 and 100, found 101"),
    InvalidFixture(file: "module-cycle-a", line: 5, message: "cyclic prerequisites: invalid-cycle-a → invalid-cycle-b → invalid-cycle-a", with: ["invalid/module-cycle-b", "valid/mini-day"]),
    InvalidFixture(
      file: "module-duplicate-id", line: 1, message: "duplicate module id 'fixture-module-a'",
      with: ["valid/module-a", "valid/mini-day"], reportedIn: "valid/module-a"),
    InvalidFixture(
      file: "duplicate-scenario-id", line: 2, message: "duplicate scenario id 'fixture-mini-day'", with: ["valid/mini-day"],
      reportedIn: "valid/mini-day"),
  ]

  @Test("each invalid fixture is reported at its line with its message", arguments: cases)
  func invalidFixture(_ c: InvalidFixture) throws {
    let path = TestSupport.fixtures + "/invalid/\(c.file).yaml"
    let report = TestSupport.check([path] + c.with.map { TestSupport.fixtures + "/\($0).yaml" })
    let errors = report.diagnostics.filter { $0.severity == .error }
    #expect(!errors.isEmpty)
    let expectedFile = c.reportedIn.map { TestSupport.fixtures + "/\($0).yaml" } ?? path
    let hit = errors.first { $0.file == expectedFile && $0.line == c.line && $0.message.contains(c.message) }
    #expect(hit != nil, "expected \(expectedFile):\(c.line): …\(c.message)…; got:\n\(errors.map(\.description).joined(separator: "\n"))")
    if let h = hit { #expect(h.column >= 1) }
    // Every diagnostic has a position.
    for d in report.diagnostics { #expect(d.line >= 1 && d.column >= 1, "\(d)") }
  }

  @Test("every invalid fixture is covered by a case")
  func everyFixtureCovered() {
    let files = TestSupport.yamlFiles(under: TestSupport.fixtures + "/invalid").map {
      (($0 as NSString).lastPathComponent as NSString).deletingPathExtension
    }
    let covered = Set(LoaderTests.cases.map(\.file) + ["module-cycle-b"])
    #expect(Set(files) == covered)
  }

  @Test("the valid fixtures and the worked example check clean")
  func validFixtures() {
    let report = TestSupport.check([TestSupport.fixtures + "/valid", TestSupport.root + "/Scenarios/examples"])
    #expect(report.errors == 0, "\(report.diagnostics)")
    #expect(report.warnings == 0, "\(report.diagnostics)")
    #expect(report.files.count == 4)
  }

  static func readScenario(_ path: String) throws -> (Scenario, ScenarioSource) {
    let (r, node) = ContentLibrary.parse(path)
    let n = try #require(node)
    let lib = TestSupport.library
    let result = ScenarioReader.read(
      n, reader: r, policies: { id in if case .success(let p) = lib.policy(id) { return p } else { return nil } },
      policyIDs: lib.policyIDs())
    #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    return try #require(result)
  }

  @Test("a scenario is read into the model")
  func readsModel() throws {
    let (s, src) = try LoaderTests.readScenario(TestSupport.fixtures + "/valid/mini-day.yaml")
    #expect(s.id == "fixture-mini-day")
    #expect(s.post == .b)
    #expect(s.colleague == .scripted)
    #expect(s.hours == WorkingHours(opens: 540, closes: 1020))
    #expect(s.costs == ActionCosts.standard)
    #expect(s.scoring == ScoringWeights(decisions: 50, doubleReview: 30, timeLimits: 20, passMark: 75))
    #expect(s.applicants.map(\.ticket) == ["T001", "T002"])
    let t1 = s.applicants[0]
    #expect(t1.packet.submitted == Timestamp(iso: "2017-07-03T09:10+08:00"))
    #expect(t1.packet.window == "chaoyang")
    #expect(t1.expect == Expectation(outcome: .accept, defects: []))
    #expect(t1.proposal == ScriptedProposal(outcome: .supplement, defects: ["missing:residence-permit"]))
    #expect(t1.review == "agree")
    let t2 = s.applicants[1]
    #expect(t2.review == "return: check the residence permit")
    let c = try #require(t2.correction)
    #expect(c.afterHours == 4)
    // 09:30 + 4 working hours = 13:30 the same day.
    #expect(c.packet.submitted == Timestamp(iso: "2017-07-03T13:30+08:00"))
    #expect(c.expect?.outcome == .accept)
    #expect(s.generate.count == 1)
    #expect(s.generate[0].mix == ["missing", "late-filing"])
    #expect(s.generate[0].types == [.extension, .change])
    #expect(s.events.count == 2)
    #expect(s.policyID(at: Timestamp(iso: "2017-07-03T12:59+08:00")!) == "beijing-2017-pilot")
    #expect(s.policyID(at: Timestamp(iso: "2017-07-03T13:00+08:00")!) == "beijing-2024")
    if case .surge(let b) = s.events[1].kind {
      #expect(b.count == 3)
      #expect(b.everyMinutes == 15)
      #expect(b.defectRate == 0.6)
    } else {
      Issue.record("second event is not a surge")
    }
    #expect(src.applicants["T002"]?.expect?.line == 37)
    #expect(src.applicants["T002"]?.correctionExpect?.line == 51)
  }

  @Test("modules are read, and their cross-file checks pass on the valid fixtures")
  func readsModule() throws {
    let (r, node) = ContentLibrary.parse(TestSupport.fixtures + "/valid/module-b.yaml")
    let n = try #require(node)
    let (m, src) = try #require(CurriculumReader.read(n, reader: r))
    #expect(m.id == "fixture-module-b")
    #expect(m.order == 2)
    #expect(m.passMark == 80)
    #expect(m.prerequisites == ["fixture-module-a"])
    #expect(m.assessment)
    #expect(src.scenarios.first?.line == 6)
  }

  @Test("the kind of a file is recognised from its content")
  func recognisesKinds() throws {
    let expected: [(String, ContentKind)] = [
      ("Policies/beijing-2017-pilot.yaml", .policy), ("Policies/calendar/2017.yaml", .calendar),
      ("Scenarios/packets/overseas-b-complete.yaml", .packet), ("Scenarios/examples/worked-example.yaml", .scenario),
      ("Tests/PermitContentTests/Fixtures/valid/module-a.yaml", .module),
    ]
    for (path, kind) in expected {
      let (_, node) = ContentLibrary.parse(TestSupport.root + "/" + path)
      let n = try #require(node)
      // The path is not given: the content decides.
      #expect(ContentKind.recognise(n) == kind, "\(path)")
    }
  }

  @Test("the answer-key cross-check follows rule-change events")
  func ruleChangeCrossCheck() throws {
    // A content root with a second pack whose certificates stay valid only 3 months.
    let root = TestSupport.tempDir("rules")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/Policies", withIntermediateDirectories: true)
    try fm.copyItem(atPath: TestSupport.root + "/Policies/calendar", toPath: root + "/Policies/calendar")
    try fm.copyItem(atPath: TestSupport.root + "/Policies/beijing-2017-pilot.yaml", toPath: root + "/Policies/beijing-2017-pilot.yaml")
    var strict = try String(contentsOfFile: TestSupport.root + "/Policies/beijing-2017-pilot.yaml", encoding: .utf8)
    strict = strict.replacingOccurrences(of: "id: beijing-2017-pilot", with: "id: strict-pilot")
      .replacingOccurrences(of: "    criminal-record: 6\n", with: "    criminal-record: 3\n")
    try strict.write(toFile: root + "/Policies/strict-pilot.yaml", atomically: true, encoding: .utf8)
    let lib = ContentLibrary(root: root)
    guard case .success(let p) = lib.policy("strict-pilot") else {
      Issue.record("strict pack does not load")
      return
    }
    #expect(p.validity.maxAgeMonths[.criminalRecord] == 3)
    let example = try String(contentsOfFile: TestSupport.root + "/Scenarios/examples/worked-example.yaml", encoding: .utf8)
    // T001's criminal record (issued 2017-03-01) is 4 months old on 2017-07-03: fine under the
    // 2017 pack, stale under strict-pilot. A rule change at 09:00 makes the key wrong.
    let changed = example.replacingOccurrences(
      of: "events:\n",
      with: "events:\n  - at: 2017-07-03T09:00+08:00\n    rule-change: strict-pilot\n    message: \"Stricter rules.\"\n")
    let file = root + "/changed.yaml"
    try changed.write(toFile: file, atomically: true, encoding: .utf8)
    let report = ContentChecker(library: lib).check(paths: [file])
    let errors = report.diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.line == 49)  // line 1 is the yaml-language-server modeline
    #expect(errors.first?.message.contains("strict-pilot") == true)
    #expect(errors.first?.message.contains("the key misses stale:criminal-record") == true)
    #expect(report.diagnostics.contains { $0.severity == .note && $0.message.hasPrefix("stale:criminal-record") })
    // Without the event the same file is clean.
    try example.write(toFile: file, atomically: true, encoding: .utf8)
    #expect(ContentChecker(library: lib).check(paths: [file]).errors == 0)
  }

  @Test("a mix family that the block's types cannot carry is a warning")
  func impossibleMix() throws {
    let text = try String(contentsOfFile: TestSupport.fixtures + "/valid/mini-day.yaml", encoding: .utf8)
      .replacingOccurrences(of: "mix: [missing, late-filing]", with: "mix: [missing, stale, accept-pending]")
    let (_, diagnostics) = ContentChecker(library: TestSupport.library).check(data: Data(text.utf8), file: "mix.yaml")
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
    let warnings = diagnostics.filter { $0.severity == .warning }
    #expect(warnings.count == 2)
    #expect(warnings.allSatisfy { $0.line == 53 })
    #expect(warnings.first?.message.contains("'stale' applies only to overseas-notification, domestic-permit") == true)
  }

  @Test("the shipped content checks clean")
  func shippedContent() {
    let checker = ContentChecker(library: TestSupport.library)
    let report = checker.check(paths: checker.defaultPaths)
    #expect(report.errors == 0, "\(report.diagnostics.prefix(20).map(\.description).joined(separator: "\n"))")
  }
}
