import PermitCore

/// Turns a scenario's `generate:` blocks and surge events into scripted applicants: tickets
/// `G001`, `G002`, … (blocks in file order, then surges in time order), arrival times on the open
/// window's clock, expectations from the examiner, and for post-B scenarios the simulated post A's
/// proposals, some with planted errors. Deterministic: the same scenario and attempt seed give the
/// same applicants; attempt seed 0 uses the file's seeds as written.
public enum ScenarioExpander {
  /// The generated applicants of a scenario. `policy` is the scenario's pack; `later` holds the
  /// packs of its rule changes (by id), so that expectations follow the pack in force on arrival.
  public static func applicants(
    of scenario: Scenario, policy: PolicyPack, later: [String: PolicyPack] = [:], attemptSeed: UInt64 = 0
  ) -> [ScriptedApplicant] {
    var blocks: [GenerateBlock] = scenario.generate
    for e in scenario.events.sorted(by: { $0.at < $1.at }) {
      if case .surge(var b) = e.kind {
        b.from = e.at
        blocks.append(b)
      }
    }
    var out: [ScriptedApplicant] = []
    var serial = 0
    for b in blocks {
      let seed = attemptSeed == 0 ? b.seed : mixSeed(b.seed, attemptSeed)
      var gen = PacketGenerator(
        seed: seed, policy: policy, types: b.types, defectRate: b.defectRate, mix: b.mix, window: scenario.window)
      gen.talentShare = b.talentShare
      var planting = SeededRandom(seed: seed ^ 0x5EED_B10C_0FF1_CE00)
      for k in 0..<b.count {
        serial += 1
        let arrives = scenario.hours.adding(
          minutes: k * b.everyMinutes, to: b.from, calendar: policy.calendar, offset: policy.utcOffsetSeconds)
        let pack = pack(at: arrives, scenario, policy, later)
        let day = arrives.date(atOffset: pack.utcOffsetSeconds)
        gen.dates = day...day
        var packet = gen.nextPacket().packet
        packet.submitted = arrives
        let decision = Examiner(policy: pack).examine(packet)
        let expect = expectation(decision, type: packet.application.type)
        var proposal: ScriptedProposal?
        if scenario.post == .b {
          proposal = propose(decision, pack: pack, packet: packet, rate: b.plantedErrorRate, rng: &planting)
        }
        out.append(
          ScriptedApplicant(
            ticket: ticket(serial), arrives: arrives, packet: packet, expect: expect, proposal: proposal))
      }
    }
    return out
  }

  /// `G001`, `G002`, …
  public static func ticket(_ n: Int) -> String {
    n < 10 ? "G00\(n)" : n < 100 ? "G0\(n)" : "G\(n)"
  }

  /// A seed mixing a block's seed with an attempt's.
  public static func mixSeed(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var r = SeededRandom(seed: a ^ (b &* 0x9E37_79B9_7F4A_7C15))
    return r.next()
  }

  static func pack(at t: Timestamp, _ s: Scenario, _ p: PolicyPack, _ later: [String: PolicyPack]) -> PolicyPack {
    let id = s.policyID(at: t)
    return id == p.id ? p : (later[id] ?? p)
  }

  /// The examiner's decision as an answer key. The computed category is stated for the types
  /// whose category matters at the window (new permits), not for renewals and cancellations.
  public static func expectation(_ d: Decision, type: ApplicationType? = nil) -> Expectation {
    let categorised = type.map { $0 == .overseasNotification || $0 == .domesticPermit } ?? true
    return Expectation(
      outcome: d.outcome, defects: d.defects.map(\.code), category: categorised ? d.computedCategory : nil,
      pending: d.outcome == .acceptPending ? d.pending.sorted() : nil)
  }

  /// The simulated post A's proposal: the examiner's answer, or with probability `rate` a planted
  /// error (a wrong outcome, a dropped defect or an invented one).
  static func propose(
    _ d: Decision, pack: PolicyPack, packet: Packet, rate: Double, rng: inout SeededRandom
  ) -> ScriptedProposal {
    let listed = d.outcome == .acceptPending ? d.pending.map { "missing:" + $0.rawValue } : d.defects.map(\.code)
    let right = ScriptedProposal(outcome: d.outcome, defects: listed, referTo: d.referTo)
    guard rng.chance(rate) else { return right }
    let codes = d.defects.map(\.code)
    // Plausible invented defects: a required material said to be missing although present, or a
    // common document defect.
    let present = pack.required(for: packet.application, computed: d.computedCategory)
      .filter { k in packet.materials.contains { $0.kind == k } }
    var inventable = present.map { "missing:" + $0.rawValue } + ["mismatch:name", "unsigned:application-form"]
    inventable = inventable.filter { !codes.contains($0) && DefectCatalog.isKnown($0) }
    switch d.outcome {
    case .supplement:
      switch rng.int(0...2) {
      case 0:
        return ScriptedProposal(outcome: .accept, defects: [])
      case 1 where codes.count >= 2:
        var c = codes
        c.remove(at: rng.int(0...(c.count - 1)))
        return ScriptedProposal(outcome: .supplement, defects: c)
      default:
        if inventable.isEmpty { return ScriptedProposal(outcome: .accept, defects: []) }
        return ScriptedProposal(outcome: .supplement, defects: codes + [rng.pick(inventable)])
      }
    case .accept, .acceptPending:
      if inventable.isEmpty || rng.chance(0.3) {
        return ScriptedProposal(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: pack.municipalCenter)
      }
      return ScriptedProposal(outcome: .supplement, defects: [rng.pick(inventable)])
    case .refuse:
      return ScriptedProposal(outcome: .accept, defects: [])
    }
  }
}
