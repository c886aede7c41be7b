import PermitCore
import Testing

/// What each transition of a case sets in motion (``FollowUp``), with the law's dates and the
/// pack's Center timings, including the boundaries: the deadline day, correction rounds, accept-
/// pending, the Center's bounce, National Day's make-up workday.
@Suite("Case file: what follows each transition")
struct FollowUpTests {
  /// The complete Category B file, received Mon 3 Jul 2017 at 10:00; acceptance deadline Mon 10 Jul.
  static let deadline = day("2017-07-10")
  static let deemedAt = beijing("2017-07-11", 0)

  @Test func receiptStartsTheExaminationAndTheDeadline() {
    let (c, next) = CaseFile.receive(ticket: "T001", packet: basePacket(), policy: Packs.pilot, receivedBy: "clerk-li")
    #expect(next == [.examine, .acceptanceDecision(deadline: Self.deadline, deemedAcceptedAt: Self.deemedAt)])
    #expect(c.deemedAcceptanceAt == Self.deemedAt)
    #expect(c.history[0].reason == .received(window: "chaoyang", deadline: Self.deadline))
  }

  @Test func theWindowStepsHoldTheDeadline() throws {
    var c = openCase(basePacket())
    #expect(try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: after(c))) == [.review])
    #expect(try c.review(.return(reason: "check the degree"), by: "bob", at: after(c)) == [.examine])
    #expect(c.history.last?.reason == .returned(reason: "check the degree"))
    #expect(try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: after(c))) == [.review])
    #expect(try c.review(.agree, by: "bob", at: after(c)) == [.issueNotice])
    // A proposal, a return and an agreement do not move the deemed acceptance.
    #expect(c.deemedAcceptanceAt == Self.deemedAt)
  }

  @Test func anAcceptanceGoesToTheCenterOnThePacksTimings() throws {
    var c = openCase(basePacket())
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-03", 10, 20)))
    try c.review(.agree, by: "bob", at: beijing("2017-07-03", 10, 30))
    // Default timings: the preliminary review the next working day at 10:00; Category B, 10 working days.
    let issued = try c.issueNotice(by: "ann", at: beijing("2017-07-03", 10, 40))
    #expect(issued == [.centerPreliminaryReview(at: beijing("2017-07-04", 10), decisionDue: day("2017-07-17"))])
    #expect(c.deemedAcceptanceAt == nil)
    // The decision within two working days of the review, at 11:00.
    #expect(try c.centerPreliminaryReviewDone(at: beijing("2017-07-04", 10)) == [.centerDecision(at: beijing("2017-07-06", 11), deadline: day("2017-07-17"))])
    #expect(try c.centerDecide(approve: true, reason: .approved, at: beijing("2017-07-06", 11)) == [.file])
    #expect(c.history.last?.reason == .centerApproved(lateAfter: nil))
    #expect(try c.file(at: beijing("2017-07-06", 11), by: .center) == [.retainUntil(day("2020-07-06"))])
    #expect(try c.purge(at: beijing("2020-07-06"), by: "registry") == [])
  }

  @Test func theDeadlineDayIsStillTheWindows() throws {
    // Issued on the deadline day: an on-time acceptance, no deemed acceptance.
    var onTime = openCase(basePacket())
    try onTime.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-10", 16)))
    try onTime.review(.agree, by: "bob", at: beijing("2017-07-10", 16, 30))
    #expect(onTime.applyDeadlines(now: beijing("2017-07-10", 23, 59)) == nil)
    let next = try onTime.issueNotice(by: "ann", at: beijing("2017-07-10", 16, 45))
    #expect(next == [.centerPreliminaryReview(at: beijing("2017-07-11", 10), decisionDue: day("2017-07-24"))])
    #expect(onTime.history.last?.reason == .acceptanceIssued(.accept, lateAfter: nil, maker: "ann", checker: "bob", centerDue: day("2017-07-24")))
    // Nothing by the end of the deadline day: deemed accepted at the first second of the next,
    // accepted from receipt, so the Center's limit runs from 3 Jul.
    var lapsed = openCase(basePacket())
    let deemedAt = try #require(lapsed.deemedAcceptanceAt)
    #expect(lapsed.applyDeadlines(now: deemedAt.adding(seconds: -1)) == nil)
    let deemed = lapsed.applyDeadlines(now: deemedAt)
    #expect(deemed == [.centerPreliminaryReview(at: beijing("2017-07-12", 10), decisionDue: day("2017-07-17"))])
    #expect(lapsed.history.last?.reason == .deemedAccepted(deadline: Self.deadline, receipt: day("2017-07-03")))
    #expect(lapsed.deemedAcceptanceAt == nil)
    #expect(lapsed.applyDeadlines(now: beijing("2017-07-12")) == nil)
  }

  @Test func aLateNoticeSaysWhichDeadlineItMissed() throws {
    var c = openCase(basePacket())
    try c.propose(Proposal(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "haidian", maker: "ann", at: beijing("2017-07-10", 16)))
    try c.review(.agree, by: "bob", at: beijing("2017-07-11", 9))
    #expect(try c.issueNotice(by: "ann", at: beijing("2017-07-11", 9, 10)) == [.file])
    #expect(c.history.last?.reason == .refusalIssued(referTo: "haidian", lateAfter: Self.deadline))
    #expect(
      c.history.last?.reason.description
        == "refusal-of-acceptance notice issued (after the deadline 2017-07-10); referred to haidian")
  }

  @Test func correctionRoundsStartANewDeadline() throws {
    let defective = basePacket().with { $0.edit(.degree) { $0.authentication = Authentication.none } }
    var c = openCase(defective)
    #expect(c.currentRound.examination.outcome == .supplement)
    try c.propose(Proposal(outcome: .supplement, defects: ["unauthenticated:degree"], maker: "ann", at: after(c)))
    try c.review(.agree, by: "bob", at: after(c))
    #expect(try c.issueNotice(by: "ann", at: after(c)) == [.awaitCorrection(defects: ["unauthenticated:degree"])])
    #expect(c.deemedAcceptanceAt == nil)
    // The corrected file, handed in Thu 6 Jul: five working days again, to Thu 13 Jul.
    let fixed = basePacket().with { $0.resubmitted(on: "2017-07-06", hour: 14) }
    let next = try c.resubmit(fixed)
    #expect(next == [.examine, .acceptanceDecision(deadline: day("2017-07-13"), deemedAcceptedAt: beijing("2017-07-14", 0))])
    #expect(c.history.last?.reason == .resubmitted(round: 2, deadline: day("2017-07-13")))
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: after(c)))
    try c.review(.agree, by: "bob", at: after(c))
    #expect(try c.issueNotice(by: "ann", at: after(c)) == [.centerPreliminaryReview(at: beijing("2017-07-07", 10), decisionDue: day("2017-07-20"))])
  }

  @Test func acceptPendingWaitsForTheItemsBeforeTheCenter() throws {
    var c = openCase(Base.overseasA().with { $0.remove(.degree); $0.remove(.healthCertificate) })
    #expect(c.currentRound.examination.outcome == .acceptPending)
    try c.propose(Proposal(outcome: .acceptPending, defects: ["missing:degree", "missing:health-certificate"], maker: "ann", at: beijing("2017-07-03", 11)))
    try c.review(.agree, by: "bob", at: beijing("2017-07-03", 11, 10))
    let next = try c.issueNotice(by: "ann", at: beijing("2017-07-03", 11, 20))
    // Category A: the Center's limit is 5 working days.
    #expect(next == [.awaitPending([.degree, .healthCertificate]), .centerPreliminaryReview(at: beijing("2017-07-04", 10), decisionDue: day("2017-07-10"))])
    #expect(try c.receivePending(.degree, at: beijing("2017-07-04", 9)) == [.awaitPending([.healthCertificate])])
    #expect(c.history.last?.reason == .pendingReceived(.degree, stillPending: [.healthCertificate]))
    #expect(try c.receivePending(.healthCertificate, at: beijing("2017-07-04", 9, 5)) == [])
    #expect(c.history.last?.reason.description == "health-certificate received; still pending: none")
  }

  @Test func aDeemedAcceptanceKeepsTheExaminersPendingItems() {
    var c = openCase(Base.overseasA().with { $0.remove(.criminalRecord) })
    let next = c.applyDeadlines(now: beijing("2017-07-11", 9))
    // The Center's 5-day limit (from receipt) has already run out: the review is still the next working day.
    #expect(next == [.awaitPending([.criminalRecord]), .centerPreliminaryReview(at: beijing("2017-07-12", 10), decisionDue: day("2017-07-10"))])
  }

  @Test func theCenterBouncesAndTheCaseIsFiled() throws {
    var c = openCase(basePacket())
    try proposeReviewIssue(&c)
    try c.centerPreliminaryReviewDone(at: beijing("2017-07-12"))
    let bounce = CenterReason.shouldNotHaveBeenAccepted(.supplement, defects: ["stale:criminal-record", "unsigned:contract"])
    #expect(try c.centerDecide(approve: false, reason: bounce, at: beijing("2017-07-18")) == [.file])
    #expect(c.state == .centerRefused)
    #expect(c.centerDecision?.reason == bounce)
    #expect(c.history.last?.reason == .centerRefused(bounce, lateAfter: day("2017-07-17")))
    #expect(
      c.history.last?.reason.description
        == "refused: bounced: the file should not have been accepted (supplement: stale:criminal-record, unsigned:contract) (after the Center's deadline 2017-07-17)")
  }

  @Test func theCentersTimingsAreThePacks() throws {
    var pack = Packs.pilot
    pack.center = CenterTimings(reviewAfterWorkingDays: 3, reviewAtMinute: 9 * 60 + 30, decideWithinWorkingDays: 1, decideAtMinute: 15 * 60)
    var c = openCase(basePacket(), pack)
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-03", 10, 20)))
    try c.review(.agree, by: "bob", at: beijing("2017-07-03", 10, 30))
    #expect(try c.issueNotice(by: "ann", at: beijing("2017-07-03", 10, 40)) == [.centerPreliminaryReview(at: beijing("2017-07-06", 9, 30), decisionDue: day("2017-07-17"))])
    #expect(try c.centerPreliminaryReviewDone(at: beijing("2017-07-06", 9, 30)) == [.centerDecision(at: beijing("2017-07-07", 15), deadline: day("2017-07-17"))])
    // A Center slower than its own limit still decides on the deadline's working day.
    pack.center.decideWithinWorkingDays = 30
    var slow = openCase(basePacket(), pack)
    try proposeReviewIssue(&slow)
    #expect(try slow.centerPreliminaryReviewDone(at: beijing("2017-07-06", 9, 30)) == [.centerDecision(at: beijing("2017-07-17", 15), deadline: day("2017-07-17"))])
  }

  @Test func theCenterWorksTheMakeUpSaturdayBeforeNationalDay() throws {
    // Accepted Fri 29 Sep 2017; Sat 30 Sep is a make-up workday, 1–8 Oct are off.
    var c = openCase(Base.overseasA().with { $0.resubmitted(on: "2017-09-29") })
    let e = c.currentRound.examination
    try c.propose(Proposal(outcome: e.outcome, defects: e.defects.map(\.code), maker: "ann", at: beijing("2017-09-29", 11)))
    try c.review(.agree, by: "bob", at: beijing("2017-09-29", 11, 10))
    #expect(try c.issueNotice(by: "ann", at: beijing("2017-09-29", 11, 20)) == [.centerPreliminaryReview(at: beijing("2017-09-30", 10), decisionDue: day("2017-10-12"))])
    #expect(try c.centerPreliminaryReviewDone(at: beijing("2017-09-30", 10)) == [.centerDecision(at: beijing("2017-10-10", 11), deadline: day("2017-10-12"))])
  }

  @Test func aPolicyChangeStartsNothing() throws {
    var c = openCase(basePacket())
    #expect(try c.changePolicy(to: Packs.y2024, at: after(c), by: "trainer") == [])
    #expect(c.history.last?.reason == .policyChanged(from: "beijing-2017-pilot", to: "beijing-2024"))
    #expect(c.history.last?.reason.description == "policy beijing-2017-pilot → beijing-2024")
  }

  @Test func theStableEnglishFormIsTheCoresFormerWords() {
    let cases: [(TransitionReason, String)] = [
      (.received(window: "chaoyang", deadline: day("2017-07-10")), "received at the chaoyang window; decision due by 2017-07-10"),
      (.proposed(.supplement, defects: ["a", "b"]), "post A proposes supplement (a, b)"),
      (.proposed(.accept, defects: []), "post A proposes accept"),
      (.agreed(.refuse), "post B agrees with refuse"),
      (.returned(reason: "missing x"), "post B returns the proposal to post A: missing x"),
      (.acceptanceIssued(.acceptPending, lateAfter: day("2017-07-10"), maker: "ann", checker: "bob", centerDue: day("2017-07-17")),
       "acceptance notice (items pending) issued (after the deadline 2017-07-10); signed by ann (A) and bob (B); Center decision due by 2017-07-17"),
      (.oneTimeNoticeIssued(defects: ["a", "b"], lateAfter: nil), "one-time notice issued listing a, b"),
      (.refusalIssued(referTo: nil, lateAfter: nil), "refusal-of-acceptance notice issued"),
      (.deemedAccepted(deadline: day("2017-07-10"), receipt: day("2017-07-03")),
       "no notice by 2017-07-10: accepted by law from receipt on 2017-07-03 (deemed acceptance)"),
      (.resubmitted(round: 2, deadline: day("2017-07-13")), "corrected submission (round 2); decision due by 2017-07-13"),
      (.pendingReceived(.degree, stillPending: [.criminalRecord, .healthCertificate]), "degree received; still pending: criminal-record, health-certificate"),
      (.preliminaryReviewDone, "preliminary review done; under examination"),
      (.centerApproved(lateAfter: day("2017-07-17")), "approved (after the Center's deadline 2017-07-17)"),
      (.centerRefused("not eligible", lateAfter: nil), "refused: not eligible"),
      (.filed(until: day("2020-07-13"), years: 3), "filed; kept until 2020-07-13 (3 years)"),
      (.purged(retentionEnded: day("2020-07-13")), "retention period ended 2020-07-13; documents removed"),
    ]
    for (reason, words) in cases { #expect(reason.description == words) }
  }
}
