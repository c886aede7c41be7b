import Foundation
import PermitCore
import Testing

@testable import PermitContent

@Suite("Scenario expansion and generation")
struct ExpanderTests {
  static func miniDay() throws -> Scenario {
    try LoaderTests.readScenario(TestSupport.fixtures + "/valid/mini-day.yaml").0
  }

  @Test("generate blocks and surges become G001… with arrivals and examiner answer keys")
  func expands() throws {
    let s = try ExpanderTests.miniDay()
    let pack = TestSupport.pack()
    let later = ["beijing-2024": TestSupport.pack("beijing-2024")]
    let a = ScenarioExpander.applicants(of: s, policy: pack, later: later, attemptSeed: 0)
    #expect(a.map(\.ticket) == ["G001", "G002", "G003", "G004", "G005", "G006", "G007", "G008"])
    // Block: from 10:00 every 20 minutes; surge at 14:00 every 15 minutes.
    #expect(a[0].arrives == Timestamp(iso: "2017-07-03T10:00+08:00"))
    #expect(a[4].arrives == Timestamp(iso: "2017-07-03T11:20+08:00"))
    #expect(a[5].arrives == Timestamp(iso: "2017-07-03T14:00+08:00"))
    #expect(a[7].arrives == Timestamp(iso: "2017-07-03T14:30+08:00"))
    for x in a {
      #expect(x.packet.submitted == x.arrives)
      #expect(x.packet.window == "chaoyang")
      let pk = s.policyID(at: x.arrives) == "beijing-2024" ? later["beijing-2024"]! : pack
      let d = Examiner(policy: pk).examine(x.packet)
      #expect(x.expect?.outcome == d.outcome)
      #expect(x.expect?.defects == d.defects.map(\.code).sorted())
      // Post B: every generated applicant has a proposal.
      #expect(x.proposal != nil)
      #expect(x.packet.employer.name.hasSuffix("(Sandbox) Co., Ltd."))
      #expect(x.packet.applicant.passportNumber.hasPrefix("SPEC"))
    }
    for x in a.prefix(5) { #expect([ApplicationType.extension, .change].contains(x.packet.application.type)) }
  }

  @Test("expansion is deterministic; attempt seeds vary it; 0 keeps the file's seeds")
  func deterministic() throws {
    let s = try ExpanderTests.miniDay()
    let pack = TestSupport.pack()
    let a = ScenarioExpander.applicants(of: s, policy: pack, attemptSeed: 0)
    let b = ScenarioExpander.applicants(of: s, policy: pack, attemptSeed: 0)
    #expect(a == b)
    let c = ScenarioExpander.applicants(of: s, policy: pack, attemptSeed: 7)
    let d = ScenarioExpander.applicants(of: s, policy: pack, attemptSeed: 7)
    #expect(c == d)
    #expect(a.map(\.packet) != c.map(\.packet))
    #expect(a.map(\.arrives) == c.map(\.arrives))
  }

  @Test("post-B proposals carry planted errors at about the planted-error rate")
  func plantedErrors() throws {
    var s = try ExpanderTests.miniDay()
    s.events = []
    s.generate = [
      GenerateBlock(
        count: 200, seed: 5, types: [], defectRate: 0.6, mix: [], from: s.start, everyMinutes: 5, plantedErrorRate: 0.3)
    ]
    let a = ScenarioExpander.applicants(of: s, policy: TestSupport.pack())
    let wrong = a.filter { x in
      guard let p = x.proposal, let e = x.expect else { return false }
      return p.outcome != e.outcome || p.defects != e.defects
    }
    #expect(wrong.count > 35 && wrong.count < 90, "\(wrong.count) of 200")
    for x in wrong {
      for code in x.proposal!.defects { #expect(DefectCatalog.isKnown(code), "\(code)") }
    }
    // Post A: no proposals.
    s.post = .a
    #expect(ScenarioExpander.applicants(of: s, policy: TestSupport.pack()).allSatisfy { $0.proposal == nil })
  }

  @Test("every defect family of domain.md Part A and Part C is reachable from the generator")
  func everyDefectReachable() {
    var kinds = Set<Defect.Kind>()
    var codes = Set<String>()
    for pack in [TestSupport.pack(), TestSupport.pack("beijing-2025")] {
      for (i, family) in PacketGenerator.mutations.enumerated() {
        var gen = PacketGenerator(seed: UInt64(100 + i), policy: pack, defectRate: 1, mix: [family])
        for _ in 0..<150 {
          let d = Examiner(policy: pack).examine(gen.nextPacket().packet)
          for f in d.findings {
            kinds.insert(f.defect.kind)
            codes.insert(f.defect.code)
          }
        }
      }
    }
    #expect(kinds == Set(Defect.Kind.allCases), "missing: \(Set(Defect.Kind.allCases).subtracting(kinds))")
    for field in DefectCatalog.mismatchFields { #expect(codes.contains("mismatch:" + field), "mismatch:\(field)") }
    for code in [
      "late-filing:extension", "late-filing:domestic-permit", "early-filing:extension", "wrong-procedure:nationality-change",
      "expired:passport", "stale:criminal-record", "stale:health-certificate", "unauthenticated:degree",
      "untranslated:contract", "wrong-issuer:criminal-record", "category-unsupported", "out-of-jurisdiction",
      // Part A′ 7 and Part C (beijing-2025).
      "wrong-procedure:not-a-foreigner", "wrong-procedure:abolished", "noncompliant:photo", "stale:photo",
      "missing:photo", "missing:salary-commitment", "missing:tax-record", "missing:cancellation-proof", "noncompliant:contract",
      "untranslated:health-certificate",
    ] {
      #expect(codes.contains(code), "\(code)")
    }
  }

  @Test("every profile generates a scenario that checks clean, deterministically")
  func profiles() throws {
    let pack = TestSupport.pack()
    let dir = TestSupport.tempDir("profiles")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (name, p) in ScenarioGeneration.profiles {
      for post in TraineePost.allCases {
        let o = ScenarioGeneration.Options(
          id: "gen-\(name)-\(post.rawValue.lowercased())", count: 40, seed: 11, types: p.types, defectRate: p.defectRate,
          mix: p.mix, talentShare: p.talentShare, window: "haidian", post: post,
          start: Timestamp(iso: "2017-07-03T09:00+08:00")!, everyMinutes: 15)
        let text = ScenarioWriter.write(ScenarioGeneration.make(o, policy: pack))
        #expect(text == ScenarioWriter.write(ScenarioGeneration.make(o, policy: pack)))
        try text.write(toFile: dir + "/\(o.id).yaml", atomically: true, encoding: .utf8)
      }
    }
    let report = TestSupport.check([dir])
    #expect(report.files.count == ScenarioGeneration.profiles.count * 2)
    #expect(report.errors == 0, "\(report.diagnostics.prefix(10).map(\.description).joined(separator: "\n"))")
  }

  @Test("the writer round-trips scenarios through the reader")
  func roundTrip() throws {
    let (s, _) = try LoaderTests.readScenario(TestSupport.fixtures + "/valid/mini-day.yaml")
    let text = ScenarioWriter.write(s)
    let dir = TestSupport.tempDir("roundtrip")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try text.write(toFile: dir + "/rt.yaml", atomically: true, encoding: .utf8)
    let (s2, _) = try LoaderTests.readScenario(dir + "/rt.yaml")
    #expect(s2.applicants == s.applicants)
    #expect(s2.generate == s.generate)
    #expect(s2.events == s.events)
    #expect(s2.scoring == s.scoring)
    #expect(s2.hours == s.hours)
    #expect(s2.post == s.post && s2.colleague == s.colleague)
    #expect(ScenarioWriter.write(s2) == text)
  }

  @Test("strings are quoted safely")
  func quoting() {
    #expect(ScenarioWriter.quote("a\"b\\c\nd\u{7}") == "\"a\\\"b\\\\c\\nd\\u0007\"")
    #expect(ScenarioWriter.quote("北京 (Sandbox)") == "\"北京 (Sandbox)\"")
  }
}

@Suite("Loading scenarios and the curriculum from a content root")
struct ScenarioLoadingTests {
  @Test("scenarios by id, every applicant of an attempt in arrival order")
  func byID() throws {
    let lib = TestSupport.library
    #expect(lib.scenarioFiles().contains { $0.id == "example-worked-day" && $0.path == "Scenarios/examples/worked-example.yaml" })
    let s = try lib.scenario(id: "example-worked-day").get()
    #expect(s.applicants.count == 3)
    let all = try lib.applicants(of: s).get()
    #expect(all.count == 3 + 4 + 3)
    #expect(zip(all, all.dropFirst()).allSatisfy { $0.arrives <= $1.arrives })
    #expect(all.map(\.ticket).prefix(4) == ["T001", "T002", "T003", "G001"])
    if case .failure(let e) = lib.scenario(id: "example-worked-dya") {
      #expect(e.description.contains("did you mean 'example-worked-day'?"))
    } else {
      Issue.record("an unknown id loads")
    }
    let m = try lib.loadModule(path: TestSupport.fixtures + "/valid/module-a.yaml").get()
    #expect(m.id == "fixture-module-a")
    #expect(throws: LoadError.self) { try lib.loadScenario(path: TestSupport.fixtures + "/invalid/weights.yaml").get() }
  }
}
