import PermitCore
import Testing

/// A case can be received with an examination computed earlier (the runtime examines each scripted
/// packet once per scenario setup, issue 8): the case is then exactly the one that examines the
/// packet itself.
@Suite struct CaseFileGivenExaminationTests {
  /// Everything a case holds (`CaseFile`'s `==` compares only the ticket and history).
  func everything(_ c: CaseFile) -> [AnyHashable] {
    [
      c.ticket, c.policy, c.state, c.rounds, c.proposal, c.checker, c.makers, c.checkers, c.notices, c.pending, c.compliance,
      c.acceptedOn, c.deemedAccepted, c.centerDeadline, String(describing: c.centerDecision), c.retainUntil, c.history,
    ]
  }

  func packets() -> [(String, Packet, PolicyPack)] {
    let complete = Base.overseasB()
    let defective = complete.with { p in p.remove(.contract) }
    let late = complete.with { p in p.submitted = beijing("2017-07-07", 16, 30) }
    return [
      ("complete, pilot", complete, Packs.pilot), ("missing contract, pilot", defective, Packs.pilot),
      ("complete, 2025", complete, Packs.y2025), ("late on a Friday, 2024", late, Packs.y2024),
    ]
  }

  @Test("a case given the examiner's decision equals the case that computed it, through every event")
  func givenEqualsComputed() throws {
    for (name, packet, pack) in packets() {
      let exam = Examiner(policy: pack).examine(packet)
      let (computed, nextComputed) = CaseFile.receive(ticket: "T001", packet: packet, policy: pack, receivedBy: "clerk-li")
      let (given, nextGiven) = CaseFile.receive(ticket: "T001", packet: packet, policy: pack, receivedBy: "clerk-li", examination: exam)
      #expect(nextGiven == nextComputed, "\(name)")
      #expect(given.rounds == computed.rounds, "\(name)")
      #expect(everything(given) == everything(computed), "\(name)")
      let byInit = CaseFile(ticket: "T001", packet: packet, policy: pack, receivedBy: "clerk-li", examination: exam)
      #expect(everything(byInit) == everything(computed), "\(name)")
      // The rest of the case's life is the same too: the notice is held to the same decision.
      var a = computed
      var b = given
      try proposeReviewIssue(&a)
      try proposeReviewIssue(&b)
      #expect(everything(a) == everything(b), "\(name)")
      #expect(a.notices.count == 1 && a.state != .received, "\(name): \(a.state)")
    }
  }

  @Test("without a given examination the case examines the packet; a resubmission is always examined anew")
  func resubmissionExaminedAnew() throws {
    let first = Base.overseasB().with { p in p.remove(.contract) }
    let exam = Examiner(policy: Packs.pilot).examine(first)
    #expect(exam.outcome == .supplement, "\(exam.outcome)")
    var c = CaseFile(ticket: "T001", packet: first, policy: Packs.pilot, receivedBy: "clerk-li", examination: exam)
    #expect(c.currentRound.examination == exam)
    try proposeReviewIssue(&c)
    #expect(c.state == .awaitingCorrection)
    var fixed = Base.overseasB()
    fixed.submitted = after(c, minutes: 60 * 24)
    try c.resubmit(fixed)
    #expect(c.rounds.count == 2)
    #expect(c.currentRound.examination == Examiner(policy: Packs.pilot).examine(fixed))
    #expect(c.currentRound.examination != exam)
  }
}
