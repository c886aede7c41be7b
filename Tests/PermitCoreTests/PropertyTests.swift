import PermitContent
import PermitCore
import Testing

/// Records at most a few issues per property so that a broken invariant does not flood the log.
struct Checker {
  var failures = 0
  mutating func callAsFunction(
    _ ok: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard !ok else { return }
    failures += 1
    if failures <= 5 { Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation) }
  }
}

/// Invariants of product.md §3, checked over thousands of seeded packets and random event sequences.
@Suite("Properties")
struct PropertyTests {
  static let packets = 4000

  @Test("examiner invariants over generated packets", arguments: [0, 1, 2])
  func examinerInvariants(_ packIndex: Int) {
    let pack = Packs.all[packIndex]
    // Seeds changed when the generator learnt Part A′ 7 (no HK nationals) and Part C: the queue of
    // seed 20_170_703 happened to hold no accept-pending file any more (the family is 1 of 25).
    var gen = PacketGenerator(seed: 20_170_705 + UInt64(packIndex), policy: pack)
    var shuffler = SeededRandom(seed: 42)
    let examiner = Examiner(policy: pack)
    var check = Checker()
    var outcomes: [Outcome: Int] = [:]
    var seenCodes = Set<String>()
    for i in 0..<Self.packets {
      let p = gen.nextPacket().packet
      let d = examiner.examine(p)
      outcomes[d.outcome, default: 0] += 1
      let c = codes(d)
      seenCodes.formUnion(c)
      let what = "packet \(i) (\(p.application.type.rawValue), \(d.outcome.rawValue), \(c))"
      // A pure function of (packet, policy).
      check(Examiner(policy: pack).examine(p) == d, "not deterministic: \(what)")
      // Defects: sorted, unique, in the vocabulary.
      check(c == Array(Set(c)).sorted(), "defects not sorted and unique: \(what)")
      check(c.allSatisfy(DefectCatalog.isKnown), "unknown defect code: \(what)")
      // accept ⇔ no defects and nothing pending; acceptances list no defects.
      check((d.outcome == .accept) == (c.isEmpty && d.pending.isEmpty), "accept ⇔ no defects: \(what)")
      check(d.outcome.isAcceptance == c.isEmpty, "acceptance ⇔ empty defects: \(what)")
      check(d.outcome != .supplement || !c.isEmpty, "supplement without defects: \(what)")
      // refuse ⇒ exactly one defect (its ground); refer-to only for jurisdiction or scope.
      if d.outcome == .refuse {
        check(c.count == 1, "refusal lists more than its ground: \(what)")
        let referred = c == ["out-of-jurisdiction"] || c == ["wrong-procedure:not-handled"]
        check((d.referTo != nil) == referred, "refer-to: \(what) → \(d.referTo ?? "nil")")
        check(d.compliance.isEmpty && d.flags.isEmpty, "a refusal records no compliance or flags: \(what)")
      } else {
        check(d.referTo == nil, "refer-to on a non-refusal: \(what)")
      }
      // Jurisdiction comes first.
      if p.employer.district != p.window {
        check(d.outcome == .refuse && c == ["out-of-jurisdiction"], "out of jurisdiction not refused: \(what)")
        check(d.referTo == (pack.windows.contains(p.employer.district) ? p.employer.district : pack.municipalCenter), "referral: \(what)")
      }
      // accept-pending: computed A, only pending-allowed materials, sorted.
      if d.outcome == .acceptPending {
        check(d.computedCategory == .a, "accept-pending for computed \(d.computedCategory): \(what)")
        check(!d.pending.isEmpty, "accept-pending with nothing pending: \(what)")
        check(d.pending.allSatisfy(pack.categoryA.pendingAllowed.contains), "pending item not allowed: \(what)")
        check(d.pending == d.pending.sorted(), "pending not sorted: \(what)")
      } else {
        check(d.pending.isEmpty, "pending on \(d.outcome): \(what)")
      }
      // A supplement that only misses pending-allowed items cannot be for a computed A.
      if d.outcome == .supplement, d.findings.allSatisfy({
        $0.defect.kind == .missing && $0.material.map(pack.categoryA.pendingAllowed.contains) == true
      }) {
        check(d.computedCategory != .a, "computed A should have been accept-pending: \(what)")
      }
      // Rules: sorted, unique, and every finding's rule is cited.
      check(d.rules == Array(Set(d.rules)).sorted(), "rules not sorted: \(what)")
      check(d.findings.allSatisfy { d.rules.contains($0.rule) }, "finding rule not cited: \(what)")
      check(Set(complianceCodes(d)).isSubset(of: ["late-filing:change", "late-filing:cancellation"]), "compliance: \(what)")
      // The deadline is the pack's limit in working days after receipt (5; beijing-2025: 3, 1 for
      // Category A), itself a working day.
      check(pack.calendar.isWorkingDay(d.acceptanceDeadline), "deadline not a working day: \(what)")
      check(
        pack.calendar.workingDays(after: d.receiptDate, through: d.acceptanceDeadline) == pack.acceptanceWorkingDays(for: d.computedCategory),
        "deadline not the pack's working days: \(what)")
      // Independent of the order of the materials and of the offset the time is written with.
      var shuffled = p
      shuffled.materials.shuffle(using: &shuffler)
      shuffled.submitted = p.submitted.at(offset: -5 * 3600)
      let e = examiner.examine(shuffled)
      check(e.outcome == d.outcome && codes(e) == c && e.pending == d.pending, "order or offset changed the decision: \(what)")
    }
    // The generator reaches every outcome and a wide part of the vocabulary.
    #expect(outcomes.count == 4, "\(outcomes)")
    #expect(seenCodes.count >= 25, "\(seenCodes.sorted())")
    #expect(check.failures == 0)
  }

  @Test("case file invariants over random event sequences", arguments: [0, 1, 2])
  func caseInvariants(_ packIndex: Int) {
    let pack = Packs.all[packIndex]
    var gen = PacketGenerator(seed: 99 + UInt64(packIndex), policy: pack)
    var rng = SeededRandom(seed: 1234 + UInt64(packIndex))
    let staff: [StaffID] = ["ann", "bob", "cai", "dee"]
    var check = Checker()
    var eventsTried = 0
    var eventsRefused = 0
    var states: Set<CaseState> = []
    var supplementNotices = 0
    for caseNumber in 0..<400 {
      let first = gen.nextPacket().packet
      var c = CaseFile(ticket: "T\(caseNumber)", packet: first, policy: pack, receivedBy: "clerk-li")
      var now = first.submitted
      for _ in 0..<30 {
        var step = Int64(rng.pick([0, 5, 30, 240, 1440, 4320])) * 60
        if rng.chance(0.03) { step = 3 * 366 * 86_400 }  // to the end of retention
        if rng.chance(0.04) { step = -3600 }  // an event stamped before the last one
        let t = now.adding(seconds: step)
        let before = c
        let exam = c.currentRound.examination
        eventsTried += 1
        do {
          switch rng.int(0...11) {
          case 0, 1, 2:
            var outcome = exam.outcome
            var defects = codes(exam)
            if rng.chance(0.3) { outcome = rng.pick(Outcome.allCases) }
            if rng.chance(0.2), !defects.isEmpty { defects.remove(at: rng.int(0...(defects.count - 1))) }
            if rng.chance(0.1) { defects.append(rng.pick(DefectCatalog.allCodes)) }
            try c.propose(Proposal(outcome: outcome, defects: defects, referTo: exam.referTo, maker: rng.pick(staff), at: t))
          case 3, 4:
            let verdict: ReviewVerdict = rng.chance(0.8) ? .agree : .return(reason: "check again")
            try c.review(verdict, by: rng.pick(staff), at: t)
          case 5, 6:
            try c.issueNotice(by: rng.pick(staff), at: t)
          case 7:
            _ = c.applyDeadlines(now: t)
          case 8:
            var next = gen.nextPacket().packet
            next.submitted = t
            try c.resubmit(next)
          case 9:
            if c.state == .centerPreliminaryReview {
              try c.centerPreliminaryReviewDone(at: t)
            } else {
              try c.centerDecide(approve: rng.chance(0.7), reason: "decided", at: t)
            }
          case 10:
            try c.receivePending(rng.pick(MaterialKind.allCases), at: t)
          default:
            if c.state == .filed { try c.purge(at: t, by: rng.pick(staff)) } else { try c.file(at: t, by: rng.pick(staff)) }
          }
        } catch {
          eventsRefused += 1
          // A refused event changes nothing.
          check(
            c.history == before.history && c.state == before.state && c.notices == before.notices
              && c.rounds == before.rounds && c.pending == before.pending,
            "a refused event changed the case \(c.ticket): \(error)")
        }
        // The simulated clock moves forward whether or not the event was allowed.
        if t > now { now = t }
        if c.lastEventAt > now { now = c.lastEventAt }
        states.insert(c.state)
      }
      supplementNotices += c.notices.filter { $0.outcome == .supplement }.count
      checkCase(c, pack, &check)
    }
    // The random walk reaches the interesting states.
    for s in [CaseState.awaitingCorrection, .refused, .centerExamination, .approved, .filed] {
      #expect(states.contains(s), "never reached \(s.rawValue)")
    }
    #expect(supplementNotices >= 20, "supplement notices: \(supplementNotices)")
    #expect(eventsRefused > 0 && eventsRefused < eventsTried)
    #expect(check.failures == 0)
  }

  func checkCase(_ c: CaseFile, _ pack: PolicyPack, _ check: inout Checker) {
    let id = c.ticket
    // No notice without two distinct signers; no one holds both posts on the case.
    for n in c.notices {
      check(n.maker != n.checker, "\(id): notice signed twice by \(n.maker)")
      check(c.makers.contains(n.maker) && c.checkers.contains(n.checker), "\(id): signers not recorded")
      // A supplement notice lists at least the examiner's defects for its round.
      if n.outcome == .supplement {
        let present = Set(codes(c.rounds[n.round - 1].examination))
        check(present.isSubset(of: Set(n.defects)), "\(id): notice \(n.defects) misses some of \(present.sorted())")
      }
      check(c.history.contains { $0.event == .issue && $0.at == n.issuedAt }, "\(id): notice without a transition")
    }
    check(c.makers.isDisjoint(with: c.checkers), "\(id): someone held both posts")
    // The one-time rule holds by construction.
    // Every transition recorded with an actor, in non-decreasing time, chained from state to state.
    check(c.history.first?.event == .receive && c.history.first?.from == nil, "\(id): first transition")
    for (a, b) in zip(c.history, c.history.dropFirst()) {
      check(a.at <= b.at, "\(id): time went backwards \(a.at) → \(b.at)")
      check(b.from == a.to, "\(id): \(b.event) from \(b.from?.rawValue ?? "nil") after \(a.to.rawValue)")
    }
    check(c.history.allSatisfy { !$0.actor.value.isEmpty && !$0.reason.description.isEmpty && !$0.event.rawValue.isEmpty }, "\(id): silent transition")
    check(c.history.last?.to == c.state, "\(id): state is not the last transition's")
    // Deemed acceptance is by the system, after the deadline.
    for t in c.history where t.event == .deemAccepted {
      check(t.actor == .system, "\(id): deemed acceptance by \(t.actor)")
      check(c.deemedAccepted, "\(id): deemedAccepted not set")
    }
    // Deadlines are working days of the pack's calendar.
    for r in c.rounds {
      check(pack.calendar.isWorkingDay(r.deadline), "\(id): round deadline \(r.deadline) not a working day")
      check(
        r.deadline == pack.calendar.addingWorkingDays(pack.acceptanceWorkingDays(for: r.examination.computedCategory), to: r.examination.receiptDate),
        "\(id): round deadline")
    }
    if let due = c.centerDeadline, let on = c.acceptedOn {
      check(pack.calendar.isWorkingDay(due), "\(id): center deadline \(due) not a working day")
      let limit = pack.centerDecisionWorkingDays(
        for: c.currentRound.packet.application.type, category: c.currentRound.examination.computedCategory)
      check(pack.calendar.workingDays(after: on, through: due) == limit, "\(id): center deadline")
    }
    // Approval only with nothing pending; purge only after retention.
    if c.state == .approved { check(c.pending.isEmpty, "\(id): approved with items pending") }
    if c.state == .purged, let until = c.retainUntil, let t = c.history.last {
      check(t.at.date(atOffset: pack.utcOffsetSeconds) >= until, "\(id): purged before \(until)")
    }
  }
}
