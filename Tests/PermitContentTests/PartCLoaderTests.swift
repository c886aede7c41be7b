import Foundation
import PermitCore
import PermitContent
import PermitLocalization
import Testing

/// The loader's and the generator's side of the two beijing-2025 rules modelled last: a change of
/// employer's contract start (`starts:`, `noncompliant:contract`) and the Category A talent route
/// (`application.talent-route`, no commitment for the item the A status rests on).
@Suite struct PartCLoaderTests {
  static let changeEmployer = """
    window: haidian
    submitted: 2024-12-09T09:10+08:00
    policy: beijing-2025
    employer: { name: "Beijing Lotus Robotics (Sandbox) Co., Ltd.", district: haidian }
    applicant: { name: "Liam TREMBLAY", nationality: CA, birth-date: 1987-06-06, passport-number: SPEC21011, passport-expires: 2031-01-01 }
    application: { type: change-employer, category: B, permit-cancelled: 2024-11-29 }
    materials:
      - { kind: application-form, signed: true, sealed: true }
      - { kind: passport }
      - { kind: photo, issued: 2024-11-30, icao-compliant: true }
      - { kind: contract, language: zh, signed: true, sealed: true, starts: 2024-11-29 }
      - { kind: cancellation-proof, issued: 2024-11-29 }
      - { kind: residence-permit, expires: 2025-05-31 }
    """

  static let overseasA = """
    window: haidian
    submitted: 2024-12-09T09:10+08:00
    policy: beijing-2025
    employer: { name: "Beijing Lotus Robotics (Sandbox) Co., Ltd.", district: haidian }
    applicant: { name: "Ananya IYER", nationality: IN, birth-date: 1975-07-07, passport-number: SPEC21233, passport-expires: 2031-01-01 }
    application: { type: overseas-notification, category: A, direct-qualification: excellent-young-talent, talent-route: degree }
    materials:
      - { kind: application-form, signed: true, sealed: true }
      - { kind: passport }
      - { kind: photo, issued: 2024-11-30, icao-compliant: true }
      - { kind: commitment, replaces: degree }
      - { kind: talent-proof }
      - { kind: criminal-record, issued: 2024-11-01, country: IN, authentication: apostille, translation: sealed, language: en }
      - { kind: health-certificate, issued: 2024-11-10 }
      - { kind: contract, language: zh, signed: true, sealed: true }
    """

  func diagnostics(_ text: String) -> [Diagnostic] {
    ContentChecker(library: TestSupport.library).check(data: Data(text.utf8), file: "t.yaml").1
  }

  func packet(_ text: String) -> Packet? {
    let r = YAMLReader(file: "t.yaml")
    return r.parse(text).flatMap { PacketReader.read($0, reader: r) }
  }

  @Test func contractStartIsReadAndJudged() throws {
    #expect(diagnostics(Self.changeEmployer).isEmpty, "\(diagnostics(Self.changeEmployer))")
    let p = try #require(packet(Self.changeEmployer))
    #expect(p.material(.contract)?.starts == CivilDate(iso: "2024-11-29"))
    let pack = TestSupport.pack("beijing-2025")
    #expect(Examiner(policy: pack).examine(p).outcome == .accept)
    let early = try #require(packet(Self.changeEmployer.replacingOccurrences(of: "starts: 2024-11-29", with: "starts: 2024-11-28")))
    #expect(Examiner(policy: pack).examine(early).defects.map(\.code) == ["noncompliant:contract"])
    // A date that is not one, at its position.
    let bad = diagnostics(Self.changeEmployer.replacingOccurrences(of: "starts: 2024-11-29", with: "starts: 2024-11-31"))
    #expect(bad.count == 1 && bad.first?.severity == .error && bad.first?.line == 11, "\(bad)")
    // A misspelt key gets the suggestion.
    let typo = diagnostics(Self.changeEmployer.replacingOccurrences(of: "starts: 2024-11-29", with: "start: 2024-11-29"))
    #expect(typo.first?.message.contains("did you mean 'starts'?") == true, "\(typo)")
    // On another material, a warning: it means nothing there.
    let photo = diagnostics(Self.changeEmployer.replacingOccurrences(of: "icao-compliant: true }", with: "icao-compliant: true, starts: 2024-12-01 }"))
    #expect(photo.count == 1 && photo.first?.severity == .warning && photo.first?.message.contains("'starts'") == true, "\(photo)")
  }

  @Test func talentRouteIsAClosedVocabulary() throws {
    #expect(diagnostics(Self.overseasA).filter { $0.severity == .error }.isEmpty, "\(diagnostics(Self.overseasA))")
    let p = try #require(packet(Self.overseasA))
    #expect(p.application.talentRoute == .degree)
    let d = Examiner(policy: TestSupport.pack("beijing-2025")).examine(p)
    #expect(d.outcome == .acceptPending && d.pending == [.degree])
    #expect(try #require(packet(Self.overseasA.replacingOccurrences(of: "talent-route: degree", with: "talent-route: none"))).application.talentRoute == nil)
    #expect(try #require(packet(Self.overseasA.replacingOccurrences(of: "talent-route: degree", with: "talent-route: experience"))).application.talentRoute == .experience)
    let typo = diagnostics(Self.overseasA.replacingOccurrences(of: "talent-route: degree", with: "talent-route: degre"))
    #expect(typo.count == 1 && typo.first?.severity == .error, "\(typo)")
    #expect(typo.first?.message.contains("did you mean 'degree'?") == true, "\(typo)")
    #expect(typo.first?.line == 6)
    let other = diagnostics(Self.overseasA.replacingOccurrences(of: "talent-route: degree", with: "talent-route: talent-programme"))
    #expect(other.first?.message.contains("none, degree, experience") == true, "\(other)")
    // A claim other than A: a warning, the route has no effect.
    let b = diagnostics(Self.overseasA.replacingOccurrences(of: "category: A", with: "category: B"))
    #expect(b.contains { $0.severity == .warning && $0.message.contains("'talent-route'") }, "\(b)")
  }

  @Test func writerKeepsTheNewFields() throws {
    let p = try #require(packet(Self.changeEmployer))
    let again = try #require(packet(ScenarioWriter.packet(p)))
    #expect(again == p)
    let a = try #require(packet(Self.overseasA))
    #expect(try #require(packet(ScenarioWriter.packet(a))) == a)
  }

  /// The generator plants both: `contract-start` on a change of employer, `talent-route` on a
  /// Category A overseas notification; its own files are clean.
  @Test func generatorReachesBoth() {
    let pack = TestSupport.pack("beijing-2025")
    var found: Set<String> = []
    for (mix, types) in [("contract-start", [ApplicationType.changeEmployer]), ("talent-route", [.overseasNotification])] {
      var gen = PacketGenerator(seed: 7, policy: pack, types: types, defectRate: 1, mix: [mix])
      gen.talentShare = 0.5
      for _ in 0..<200 {
        let g = gen.nextPacket()
        let d = Examiner(policy: pack).examine(g.packet)
        for code in g.planted where code == "noncompliant:contract" || code.hasPrefix("missing:") {
          #expect(d.defects.map(\.code).contains(code) || d.pending.map { "missing:" + $0.rawValue }.contains(code), "\(code): \(d.outcome) \(d.defects) \(g.planted) \(g.packet.application.type)")
          found.insert(code)
        }
      }
    }
    #expect(found == ["noncompliant:contract", "missing:degree", "missing:work-experience"], "\(found)")
    // Unplanted change-of-employer contracts start on or after the cancellation.
    var clean = PacketGenerator(seed: 9, policy: pack, types: [.changeEmployer], defectRate: 0)
    for _ in 0..<50 {
      let p = clean.nextPacket().packet
      let start = p.material(.contract)?.starts
      #expect(start != nil && start! >= p.application.permitCancelled!)
    }
    // The 2017 pack has no talent route: nothing is planted.
    var old = PacketGenerator(seed: 7, policy: TestSupport.pack(), types: [.overseasNotification], defectRate: 1, mix: ["talent-route"])
    #expect((0..<100).allSatisfy { _ in old.nextPacket().planted.isEmpty })
  }
}
