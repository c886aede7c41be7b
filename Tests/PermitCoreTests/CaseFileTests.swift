import PermitCore
import Testing

/// Opens a case on a packet at its submission time.
func openCase(_ p: Packet, _ policy: PolicyPack = Packs.pilot, ticket: String = "T001") -> CaseFile {
  CaseFile(ticket: ticket, packet: p, policy: policy, receivedBy: "clerk-li")
}

/// The time `minutes` after the case's last event.
func after(_ c: CaseFile, minutes: Int = 10) -> Timestamp { c.lastEventAt.adding(seconds: Int64(minutes) * 60) }

/// Post A proposes what the examiner decided; post B agrees; the notice is issued.
func proposeReviewIssue(_ c: inout CaseFile, maker: StaffID = "ann", checker: StaffID = "bob") throws {
  let e = c.currentRound.examination
  try c.propose(
    Proposal(
      outcome: e.outcome, defects: e.outcome == .acceptPending ? e.pending.map { "missing:" + $0.rawValue } : e.defects.map(\.code),
      referTo: e.referTo, maker: maker, at: after(c)))
  try c.review(.agree, by: checker, at: after(c))
  try c.issueNotice(by: maker, at: after(c))
}

/// Applies the deadlines (a mutating call cannot sit inside `#expect`).
func apply(_ c: inout CaseFile, now: Timestamp) -> Bool { c.applyDeadlines(now: now) != nil }

/// Expects an event to throw exactly `expected`.
func expectError(
  _ expected: WorkflowError, sourceLocation: SourceLocation = #_sourceLocation, _ f: () throws -> Void
) {
  let e = workflowError(f)
  #expect(e == expected, sourceLocation: sourceLocation)
}

/// The typed error an event threw, or nil.
func workflowError(_ f: () throws -> Void) -> WorkflowError? {
  do {
    try f()
    return nil
  } catch let e as WorkflowError {
    return e
  } catch {
    Issue.record("not a WorkflowError: \(error)")
    return nil
  }
}

@Suite("Case file: the window")
struct CaseWindowTests {
  @Test func happyPathToFiling() throws {
    var c = openCase(basePacket())
    #expect(c.state == .received)
    #expect(c.acceptanceDeadline == day("2017-07-10"))
    #expect(c.history.count == 1)
    #expect(c.history[0].event == .receive && c.history[0].actor == "clerk-li" && c.history[0].from == nil)
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-03", 10, 20)))
    #expect(c.state == .proposed)
    try c.review(.agree, by: "bob", at: beijing("2017-07-03", 10, 30))
    #expect(c.state == .agreed)
    #expect(c.checker == "bob")
    try c.issueNotice(by: "ann", at: beijing("2017-07-03", 10, 40))
    #expect(c.state == .centerPreliminaryReview)
    #expect(c.notices.count == 1)
    let n = c.notices[0]
    #expect(n.maker == "ann" && n.checker == "bob")
    #expect(n.outcome == .accept && n.round == 1 && n.onTime)
    #expect(c.acceptedOn == day("2017-07-03"))
    #expect(!c.deemedAccepted)
    // Category B: 10 working days.
    #expect(c.centerDeadline == day("2017-07-17"))
    try c.centerPreliminaryReviewDone(at: beijing("2017-07-05"))
    #expect(c.state == .centerExamination)
    try c.centerDecide(approve: true, reason: "complete", at: beijing("2017-07-12"))
    #expect(c.state == .approved)
    #expect(!c.centerLate)
    try c.file(at: beijing("2017-07-13"), by: "ann")
    #expect(c.state == .filed)
    #expect(c.retainUntil == day("2020-07-13"))
    #expect(c.history.map(\.event) == [.receive, .propose, .review, .issue, .centerReview, .centerDecide, .file])
    #expect(c.history.map(\.actor) == ["clerk-li", "ann", "bob", "ann", .center, .center, "ann"])
  }

  @Test func samePersonCannotHoldBothPosts() throws {
    var c = openCase(basePacket())
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: after(c)))
    let before = c.history
    expectError(.samePersonBothPosts("ann")) { try c.review(.agree, by: "ann", at: after(c)) }
    #expect(c.history == before)
    #expect(c.state == .proposed)
    // B returns; B may not then propose (hold post A) on the same case.
    try c.review(.return(reason: "check the degree"), by: "bob", at: after(c))
    #expect(c.state == .received)
    expectError(.samePersonBothPosts("bob")) { try c.propose(Proposal(outcome: .accept, defects: [], maker: "bob", at: after(c))) }
    // A second maker is allowed, but a former maker may not review.
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "cai", at: after(c)))
    expectError(.samePersonBothPosts("ann")) { try c.review(.agree, by: "ann", at: after(c)) }
    try c.review(.agree, by: "bob", at: after(c))
    try c.issueNotice(by: "cai", at: after(c))
    #expect(c.notices.last?.maker == "cai")
    #expect(c.notices.last?.checker == "bob")
    #expect(c.makers.isDisjoint(with: c.checkers))
  }

  @Test func noNoticeBeforePostBAgrees() throws {
    var c = openCase(basePacket())
    expectError(.notReviewed) { try c.issueNotice(by: "ann", at: after(c)) }
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: after(c)))
    expectError(.notReviewed) { try c.issueNotice(by: "ann", at: after(c)) }
    try c.review(.return(reason: "no"), by: "bob", at: after(c))
    expectError(.notReviewed) { try c.issueNotice(by: "ann", at: after(c)) }
    #expect(c.notices.isEmpty)
    #expect(c.state == .received)
  }

  @Test func anIncompleteOneTimeNoticeIsRefused() throws {
    let p = basePacket().with {
      $0.edit(.applicationForm) { $0.name = "Olivia MARTEN" }
      $0.edit(.degree) { $0.authentication = Authentication.none }
      $0.edit(.criminalRecord) { $0.issued = day("2017-01-02") }
    }
    var c = openCase(p)
    try c.propose(
      Proposal(outcome: .supplement, defects: ["mismatch:name", "stale:criminal-record"], maker: "ann", at: after(c)))
    try c.review(.agree, by: "bob", at: after(c))
    let error = workflowError { try c.issueNotice(by: "ann", at: after(c)) }
    #expect(error == .incompleteNotice(missing: ["unauthenticated:degree"]))
    #expect(c.notices.isEmpty)
    #expect(c.state == .agreed)
    // Listing every defect (and one more the clerk saw) is fine.
    c = openCase(p)
    try c.propose(
      Proposal(
        outcome: .supplement,
        defects: ["unauthenticated:degree", "stale:criminal-record", "mismatch:name", "unsigned:contract", "mismatch:name"],
        maker: "ann", at: after(c)))
    #expect(c.proposal?.defects == ["mismatch:name", "stale:criminal-record", "unauthenticated:degree", "unsigned:contract"])
    try c.review(.agree, by: "bob", at: after(c))
    try c.issueNotice(by: "ann", at: after(c))
    #expect(c.state == .awaitingCorrection)
  }

  @Test func aJurisdictionRefusalNamesTheCompetentBody() throws {
    var c = openCase(basePacket().with { $0.employer.district = "haidian" }, ticket: "TJ")
    expectError(.malformedProposal(.missingReferral)) {
      try c.propose(Proposal(outcome: .refuse, defects: ["out-of-jurisdiction"], maker: "ann", at: after(c)))
    }
    #expect(c.state == .received)
    try c.propose(Proposal(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "haidian", maker: "ann", at: after(c)))
    #expect(c.state == .proposed)
  }

  @Test func unknownCodesAndBackwardTimeAreRefused() throws {
    var c = openCase(basePacket())
    expectError(.malformedProposal(.unknownDefect("missing:visa"))) { try c.propose(Proposal(outcome: .supplement, defects: ["missing:visa"], maker: "ann", at: after(c))) }
    let early = beijing("2017-07-03", 9)
    expectError(.timeBeforeLastEvent(early, last: c.lastEventAt)) { try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: early)) }
    #expect(c.history.count == 1)
  }

  @Test func refusalNamesTheCompetentBody() throws {
    var c = openCase(basePacket().with { $0.employer.district = "haidian" })
    try proposeReviewIssue(&c)
    #expect(c.state == .refused)
    #expect(c.notices[0].referTo == "haidian")
    #expect(c.notices[0].defects == ["out-of-jurisdiction"])
    try c.file(at: after(c), by: "ann")
    #expect(c.state == .filed)
  }

  @Test func eventsOutOfStateAreRefused() throws {
    var c = openCase(basePacket())
    expectError(.notAllowed(event: "review", state: .received)) { try c.review(.agree, by: "bob", at: after(c)) }
    expectError(.notAllowed(event: "resubmit", state: .received)) { try c.resubmit(basePacket()) }
    expectError(.notAllowed(event: "file", state: .received)) { try c.file(at: after(c), by: "ann") }
    expectError(.notAllowed(event: "purge", state: .received)) { try c.purge(at: after(c), by: "ann") }
    expectError(.notAllowed(event: "decide", state: .received)) { try c.centerDecide(approve: true, reason: "", at: after(c)) }
    try proposeReviewIssue(&c)
    expectError(.notAllowed(event: "propose", state: .centerPreliminaryReview)) { try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: after(c))) }
    expectError(.notAllowed(event: "issue", state: .centerPreliminaryReview)) { try c.issueNotice(by: "ann", at: after(c)) }
  }
}

@Suite("Case file: deadlines")
struct CaseDeadlineTests {
  @Test func deemedAcceptanceAfterTheDeadline() throws {
    var c = openCase(basePacket())
    // Deadline Mon 10 Jul: still on time that evening.
    #expect(!apply(&c, now: beijing("2017-07-10", 23, 59)))
    #expect(c.state == .received)
    #expect(apply(&c, now: beijing("2017-07-11", 0, 1)))
    #expect(c.state == .centerPreliminaryReview)
    #expect(c.deemedAccepted)
    #expect(c.acceptedOn == day("2017-07-03"))
    let t = try #require(c.history.last)
    #expect(t.event == .deemAccepted)
    #expect(t.actor == .system)
    #expect(t.from == .received)
    #expect(!t.reason.description.isEmpty)
    #expect(c.centerDeadline == day("2017-07-17"))
    // Applying again does nothing.
    #expect(!apply(&c, now: beijing("2017-07-12")))
    #expect(c.notices.isEmpty)
  }

  @Test func deemedAcceptanceAlsoFromAPendingProposal() throws {
    var c = openCase(basePacket().with { $0.remove(.degree) })
    try c.propose(Proposal(outcome: .supplement, defects: ["missing:degree"], maker: "ann", at: after(c)))
    #expect(apply(&c, now: beijing("2017-07-11", 9)))
    #expect(c.state == .centerPreliminaryReview)
    #expect(c.proposal == nil)
    expectError(.notAllowed(event: "review", state: .centerPreliminaryReview)) {
      try c.review(.agree, by: "bob", at: beijing("2017-07-11", 10))
    }
  }

  @Test func deemedAcceptanceAcrossNationalDay() {
    // Received Fri 29 Sep 2017: due Thu 12 Oct.
    var c = openCase(basePacket().with { $0.resubmitted(on: "2017-09-29") })
    #expect(c.acceptanceDeadline == day("2017-10-12"))
    #expect(!apply(&c, now: beijing("2017-10-12", 16)))
    #expect(apply(&c, now: beijing("2017-10-13", 9)))
  }

  @Test func lateNoticesAreMarked() throws {
    var c = openCase(basePacket())
    try c.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-10", 16)))
    try c.review(.agree, by: "bob", at: beijing("2017-07-10", 16, 30))
    // Issued on the deadline: on time (deadlines are applied by whoever calls applyDeadlines).
    try c.issueNotice(by: "ann", at: beijing("2017-07-10", 16, 45))
    #expect(c.notices[0].onTime)
    var late = openCase(basePacket())
    try late.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-10", 16)))
    try late.review(.agree, by: "bob", at: beijing("2017-07-11", 9))
    try late.issueNotice(by: "ann", at: beijing("2017-07-11", 9, 10))
    #expect(!late.notices[0].onTime)
  }

  @Test func centerStagesAndTimeLimits() throws {
    // Category B: 10 working days.
    var b = openCase(basePacket())
    try proposeReviewIssue(&b)
    #expect(b.centerDeadline == day("2017-07-17"))
    try b.centerPreliminaryReviewDone(at: beijing("2017-07-12"))
    try b.centerDecide(approve: false, reason: "not eligible", at: beijing("2017-07-18"))
    #expect(b.state == .centerRefused)
    #expect(b.centerLate)
    // Computed Category A: 5 working days.
    var a = openCase(Base.overseasA())
    try proposeReviewIssue(&a)
    #expect(a.centerDeadline == day("2017-07-10"))
    // Across National Day 2017, accepted Fri 29 Sep: 5 working days → Thu 12 Oct.
    var n = openCase(Base.overseasA().with { $0.resubmitted(on: "2017-09-29") })
    try proposeReviewIssue(&n)
    #expect(n.centerDeadline == day("2017-10-12"))
  }

  @Test func pendingItemsBlockApproval() throws {
    var c = openCase(Base.overseasA().with { $0.remove(.degree); $0.remove(.healthCertificate) })
    #expect(c.currentRound.examination.outcome == .acceptPending)
    try proposeReviewIssue(&c)
    #expect(c.pending == [.degree, .healthCertificate])
    #expect(c.notices[0].pending == [.degree, .healthCertificate])
    #expect(c.notices[0].defects == ["missing:degree", "missing:health-certificate"])
    try c.centerPreliminaryReviewDone(at: after(c))
    expectError(.pendingItemsOutstanding([.degree, .healthCertificate])) {
      try c.centerDecide(approve: true, reason: "", at: after(c))
    }
    expectError(.notPending(.contract)) { try c.receivePending(.contract, at: after(c)) }
    try c.receivePending(.degree, at: after(c))
    #expect(c.pending == [.healthCertificate])
    #expect(c.history.last?.actor == .employer)
    try c.receivePending(.healthCertificate, at: after(c))
    try c.centerDecide(approve: true, reason: "complete", at: after(c))
    #expect(c.state == .approved)
  }

  @Test func theCenterMayRefuseWithItemsPending() throws {
    var c = openCase(Base.overseasA().with { $0.remove(.degree) })
    try proposeReviewIssue(&c)
    try c.centerPreliminaryReviewDone(at: after(c))
    try c.centerDecide(approve: false, reason: "degree never arrived", at: after(c))
    #expect(c.state == .centerRefused)
  }

  @Test func deemedAcceptanceKeepsPendingItems() {
    var c = openCase(Base.overseasA().with { $0.remove(.criminalRecord) })
    #expect(apply(&c, now: beijing("2017-07-11", 9)))
    #expect(c.pending == [.criminalRecord])
    #expect(c.centerDeadline == day("2017-07-10"))
  }
}

@Suite("Case file: corrections, filing, reports")
struct CaseLifecycleTests {
  static let defective = basePacket().with {
    $0.edit(.degree) { $0.authentication = Authentication.none }
    $0.edit(.criminalRecord) { $0.issued = day("2017-01-02") }
  }

  @Test func resubmissionAfterASupplement() throws {
    var c = openCase(Self.defective)
    try proposeReviewIssue(&c)
    #expect(c.state == .awaitingCorrection)
    #expect(c.notices[0].defects == ["stale:criminal-record", "unauthenticated:degree"])
    // The employer comes back on Wed 12 Jul with the degree fixed only.
    let second = Self.defective.with {
      $0.submitted = beijing("2017-07-12", 14)
      $0.edit(.degree) { $0.authentication = .embassy }
    }
    try c.resubmit(second)
    #expect(c.state == .received)
    #expect(c.rounds.count == 2)
    #expect(c.currentRound.number == 2)
    #expect(c.acceptanceDeadline == day("2017-07-19"))
    #expect(c.history.last?.event == .resubmit)
    #expect(c.history.last?.actor == .employer)
    #expect(c.proposal == nil)
    try proposeReviewIssue(&c)
    #expect(c.notices[1].defects == ["stale:criminal-record"])
    #expect(c.notices[1].round == 2)
    // The certificate was present and listed at the first notice: no breach of the one-time rule.
    // Third round, complete.
    try c.resubmit(basePacket().with { $0.submitted = beijing("2017-07-14") })
    try proposeReviewIssue(&c)
    #expect(c.state == .centerPreliminaryReview)
    #expect(c.notices.map(\.outcome) == [.supplement, .supplement, .accept])
  }

  @Test func resubmissionCannotPredateTheNotice() throws {
    var c = openCase(Self.defective)
    try proposeReviewIssue(&c)
    let error = workflowError { try c.resubmit(basePacket()) }
    #expect(error == .timeBeforeLastEvent(basePacket().submitted, last: c.lastEventAt))
  }

  @Test func filingRetentionAndPurge() throws {
    var c = openCase(Self.defective)
    try proposeReviewIssue(&c)
    try c.file(at: beijing("2017-07-20"), by: "ann")
    #expect(c.state == .filed)
    #expect(c.retainUntil == day("2020-07-20"))
    expectError(.retentionNotExpired(until: day("2020-07-20"))) { try c.purge(at: beijing("2020-07-19", 23), by: "ann") }
    #expect(c.state == .filed)
    try c.purge(at: beijing("2020-07-20", 9), by: "ann")
    #expect(c.state == .purged)
    #expect(c.history.last?.event == .purge)
  }

  @Test func complianceBreachesAreRecordedOnAcceptance() throws {
    var c = openCase(Base.change().with { $0.application.change?.date = day("2017-06-01") })
    try proposeReviewIssue(&c)
    #expect(c.compliance.map(\.defect.code) == ["late-filing:change"])
    #expect(c.notices[0].defects.isEmpty)
  }

  @Test func policyChangeIsRecorded() throws {
    var c = openCase(basePacket())
    try c.changePolicy(to: Packs.y2024, at: after(c), by: "trainer")
    #expect(c.policy.id == "beijing-2024")
    #expect(c.state == .received)
    #expect(c.history.last?.event == .policyChange)
    #expect(c.history.last?.actor == "trainer")
  }

  @Test func monthlyReportCounts() throws {
    // July 2017 at the Chaoyang window.
    var accepted = openCase(basePacket(), ticket: "T1")
    try proposeReviewIssue(&accepted)
    try accepted.centerPreliminaryReviewDone(at: beijing("2017-07-05"))
    try accepted.centerDecide(approve: true, reason: "ok", at: beijing("2017-07-12"))
    try accepted.file(at: beijing("2017-07-13"), by: "ann")

    var supplement = openCase(Self.defective.with { $0.submitted = beijing("2017-07-04") }, ticket: "T2")
    try proposeReviewIssue(&supplement)

    var refused = openCase(basePacket().with { $0.employer.district = "dongcheng" }, ticket: "T3")
    try proposeReviewIssue(&refused)

    var deemed = openCase(basePacket().with { $0.submitted = beijing("2017-07-20") }, ticket: "T4")
    #expect(apply(&deemed, now: beijing("2017-07-28", 9)))

    var lateChange = openCase(Base.change().with { $0.application.change?.date = day("2017-06-01") }, ticket: "T5")
    try proposeReviewIssue(&lateChange)

    // A late notice at the end of the month (received Mon 24 Jul, due Mon 31 Jul, issued Tue 1 Aug).
    var august = openCase(basePacket().with { $0.submitted = beijing("2017-07-24") }, ticket: "T6")
    try august.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-31", 16)))
    try august.review(.agree, by: "bob", at: beijing("2017-08-01", 9))
    try august.issueNotice(by: "ann", at: beijing("2017-08-01", 9, 30))

    let cases = [accepted, supplement, refused, deemed, lateChange, august]
    let july = try #require(MonthlyReport.make(year: 2017, month: 7, cases: cases, policy: Packs.pilot))
    #expect(july.received == 6)
    #expect(july.notices[.accept] == 2)
    #expect(july.notices[.supplement] == 1)
    #expect(july.notices[.refuse] == 1)
    #expect(july.noticesOnTime == 4)
    #expect(july.deemedAccepted == 1)
    #expect(july.complianceBreaches == ["late-filing:change": 1])
    #expect(july.approved == 1)
    #expect(july.centerRefused == 0)
    #expect(july.filed == 1)
    // At the Center on 31 Jul: the deemed case and the late change.
    #expect(july.atCenterAtMonthEnd == 2)
    // Due 5 working days after 31 Jul: Tue 1 … Mon 7 Aug.
    #expect(july.due == day("2017-08-07"))

    let aug = try #require(MonthlyReport.make(year: 2017, month: 8, cases: cases, policy: Packs.pilot))
    #expect(aug.received == 0)
    #expect(aug.notices[.accept] == 1)
    #expect(aug.noticesOnTime == 0)
    #expect(aug.atCenterAtMonthEnd == 3)
    // September's report: 5 working days after Sat 30 Sep 2017 (a make-up workday) skip National
    // Day: 9–13 Oct.
    #expect(MonthlyReport.make(year: 2017, month: 9, cases: [], policy: Packs.pilot)?.due == day("2017-10-13"))
    // The last month the calendar holds has no report (its end would be in year 10000): no crash.
    #expect(MonthlyReport.make(year: 9999, month: 12, cases: [], policy: Packs.pilot) == nil)
    #expect(MonthlyReport.make(year: 10000, month: 1, cases: [], policy: Packs.pilot) == nil)
  }
}
