/// A case at the window and downstream: the state machine of product.md §3 with double-post
/// enforcement, the acceptance time limit and deemed acceptance, the Center's stages and time limit,
/// filing and retention.
///
/// Every event is a `mutating` method that checks the event is allowed, applies it, records a
/// ``Transition`` with actor, time and typed reason (``TransitionReason``), and returns what it sets
/// in motion (``FollowUp``: who acts next and by when); an event that is not allowed throws a
/// ``WorkflowError`` and changes nothing. The examiner is run on each submission, and its decision
/// is the reference that a one-time notice is held to.
public struct CaseFile: Hashable, Sendable {
  /// Ticket number at the window (`T001`).
  public let ticket: String
  /// The policy pack in force for the case.
  public private(set) var policy: PolicyPack {
    get { pack.value }
    set { pack = SharedPolicyPack(newValue) }
  }
  /// The pack, shared by reference: a pack has some sixty fields, and a case is copied whenever it
  /// is read out of a session's dictionary (each command, the scorer, replays), so holding the pack
  /// inline made every such copy retain each of them (issue 8: a quarter of `verify --rescore`).
  private var pack: SharedPolicyPack
  /// Current state.
  public private(set) var state: CaseState
  /// Submissions, first to last.
  public private(set) var rounds: [Round]
  /// The proposal under review or last agreed.
  public private(set) var proposal: Proposal?
  /// Post B's identity once agreed.
  public private(set) var checker: StaffID?
  /// Everyone who has held post A on the case.
  public private(set) var makers: Set<StaffID> = []
  /// Everyone who has held post B on the case.
  public private(set) var checkers: Set<StaffID> = []
  /// Notices issued, in order.
  public private(set) var notices: [Notice] = []
  /// Accept-pending items not yet received.
  public private(set) var pending: [MaterialKind] = []
  /// Compliance breaches recorded (late change or cancellation).
  public private(set) var compliance: [Finding] = []
  /// When the application was accepted (by notice or by law).
  public private(set) var acceptedOn: CivilDate?
  /// Whether acceptance came by operation of law (deadline missed).
  public private(set) var deemedAccepted = false
  /// The Center's decision deadline, once accepted.
  public private(set) var centerDeadline: CivilDate?
  /// The Center's decision and its date.
  public private(set) var centerDecision: (approved: Bool, reason: CenterReason, on: CivilDate)?
  /// Kept until this date once filed.
  public private(set) var retainUntil: CivilDate?
  /// Every transition, in order.
  public private(set) var history: [Transition] = []

  /// Receives a packet at the window: the case opens in `received` (``receive(ticket:packet:policy:receivedBy:examination:)``
  /// also returns what follows).
  ///
  /// `examination` is the examiner's decision on `packet` under `policy` when the caller computed it
  /// earlier (a runtime replaying many attempts of one scenario examines each scripted packet once,
  /// issue 8); it must equal `Examiner(policy: policy).examine(packet)` (checked in debug builds).
  /// Nil: the packet is examined here. A resubmission (``resubmit(_:)``) is always examined here.
  public init(ticket: String, packet: Packet, policy: PolicyPack, receivedBy: StaffID, examination: Decision? = nil) {
    self.ticket = ticket
    self.pack = SharedPolicyPack(policy)
    state = .received
    rounds = []
    let round = makeRound(1, packet, examination: examination)
    rounds = [round]
    history.append(
      Transition(
        from: nil, to: .received, event: .receive, actor: receivedBy, at: packet.submitted,
        reason: .received(window: packet.window, deadline: round.deadline)))
  }

  /// Receives a packet at the window, and what follows: post A's examination and the acceptance
  /// deadline (``FollowUp/acceptanceDecision(deadline:deemedAcceptedAt:)``). `examination`: as for
  /// ``init(ticket:packet:policy:receivedBy:examination:)``.
  public static func receive(
    ticket: String, packet: Packet, policy: PolicyPack, receivedBy: StaffID, examination: Decision? = nil
  ) -> (CaseFile, [FollowUp]) {
    let c = CaseFile(ticket: ticket, packet: packet, policy: policy, receivedBy: receivedBy, examination: examination)
    return (c, c.followUpsOfReceipt)
  }

  private func makeRound(_ n: Int, _ packet: Packet, examination given: Decision? = nil) -> Round {
    let decision = given ?? Examiner(policy: policy).examine(packet)
    assert(given == nil || given == Examiner(policy: policy).examine(packet), "an examination given for another packet or pack")
    return Round(number: n, packet: packet, examination: decision, deadline: decision.acceptanceDeadline)
  }

  /// The current submission.
  public var currentRound: Round { rounds[rounds.count - 1] }
  /// The time of the last recorded event.
  public var lastEventAt: Timestamp { history[history.count - 1].at }
  /// The acceptance decision deadline of the current submission.
  public var acceptanceDeadline: CivilDate { currentRound.deadline }

  public static func == (l: CaseFile, r: CaseFile) -> Bool { l.ticket == r.ticket && l.history == r.history }
  public func hash(into h: inout Hasher) {
    h.combine(ticket)
    h.combine(history.count)
  }

  private func localDate(_ t: Timestamp) -> CivilDate { t.date(atOffset: policy.utcOffsetSeconds) }

  private func checkTime(_ at: Timestamp) throws(WorkflowError) {
    if at < lastEventAt { throw .timeBeforeLastEvent(at, last: lastEventAt) }
  }

  private mutating func record(_ to: CaseState, _ event: CaseEvent, _ actor: StaffID, _ at: Timestamp, _ reason: TransitionReason) {
    history.append(Transition(from: state, to: to, event: event, actor: actor, at: at, reason: reason))
    state = to
  }

  // MARK: - The window

  /// Post A proposes an outcome (and, for a one-time notice or refusal, the defects); post B reviews next.
  @discardableResult
  public mutating func propose(_ proposal: Proposal) throws(WorkflowError) -> [FollowUp] {
    guard state == .received || state == .proposed || state == .agreed else {
      throw .notAllowed(event: "propose", state: state)
    }
    try checkTime(proposal.at)
    if checkers.contains(proposal.maker) { throw .samePersonBothPosts(proposal.maker) }
    if let m = ProposalCheck.malformation(outcome: proposal.outcome, defects: proposal.defects, referTo: proposal.referTo, policy: policy) {
      throw .malformedProposal(m)
    }
    makers.insert(proposal.maker)
    self.proposal = proposal
    checker = nil
    record(.proposed, .propose, proposal.maker, proposal.at, .proposed(proposal.outcome, defects: proposal.defects))
    return [.review]
  }

  /// Post B agrees or returns the proposal. The reviewer must not have held post A on the case.
  /// Next: the notice (agreed) or post A's examination again (returned); the deadline holds.
  @discardableResult
  public mutating func review(_ verdict: ReviewVerdict, by reviewer: StaffID, at: Timestamp) throws(WorkflowError) -> [FollowUp] {
    guard state == .proposed, let p = proposal else { throw .notAllowed(event: "review", state: state) }
    try checkTime(at)
    if makers.contains(reviewer) || reviewer == p.maker { throw .samePersonBothPosts(reviewer) }
    checkers.insert(reviewer)
    switch verdict {
    case .agree:
      checker = reviewer
      record(.agreed, .review, reviewer, at, .agreed(p.outcome))
      return [.issueNotice]
    case .return(let reason):
      checker = nil
      record(.received, .review, reviewer, at, .returned(reason: reason))
      return [.examine]
    }
  }

  /// Issues the notice agreed by both posts. A one-time notice must list every defect present in
  /// the submission (the examiner's findings); anything less is refused. Next: the Center (an
  /// acceptance, with any pending items), the employer's correction (a one-time notice), or filing
  /// (a refusal).
  @discardableResult
  public mutating func issueNotice(by issuer: StaffID, at: Timestamp) throws(WorkflowError) -> [FollowUp] {
    guard state == .agreed || state == .proposed || state == .received else {
      throw .notAllowed(event: "issue", state: state)
    }
    guard state == .agreed, let p = proposal, let b = checker else { throw .notReviewed }
    try checkTime(at)
    let round = currentRound
    if p.outcome == .supplement {
      let present = Set(round.examination.defects.map(\.code))
      let missing = present.subtracting(p.defects).sorted()
      if !missing.isEmpty { throw .incompleteNotice(missing: missing) }
    }
    let onTime = localDate(at) <= round.deadline
    let pendingItems = p.outcome == .acceptPending ? round.examination.pending : []
    notices.append(
      Notice(
        outcome: p.outcome, defects: p.defects, pending: pendingItems, referTo: p.referTo, maker: p.maker, checker: b,
        issuedAt: at, round: round.number, onTime: onTime))
    let late = onTime ? nil : round.deadline
    switch p.outcome {
    case .accept, .acceptPending:
      accept(on: localDate(at))
      pending = pendingItems
      record(
        .centerPreliminaryReview, .issue, issuer, at,
        .acceptanceIssued(p.outcome, lateAfter: late, maker: p.maker, checker: b, centerDue: centerDeadline!))
      return followUpsOfAcceptance(at: at)
    case .supplement:
      record(.awaitingCorrection, .issue, issuer, at, .oneTimeNoticeIssued(defects: p.defects, lateAfter: late))
      return [.awaitCorrection(defects: p.defects)]
    case .refuse:
      record(.refused, .issue, issuer, at, .refusalIssued(referTo: p.referTo, lateAfter: late))
      return [.file]
    }
  }

  private mutating func accept(on day: CivilDate) {
    acceptedOn = day
    compliance = currentRound.examination.compliance
    let days = policy.centerDecisionWorkingDays(
      for: currentRound.packet.application.type, category: currentRound.examination.computedCategory)
    centerDeadline = policy.calendar.addingWorkingDays(days, to: day)
  }

  /// Applies the law at `now`: a submission with no notice by the end of its deadline counts as
  /// accepted from receipt (art. 32), from ``deemedAcceptanceAt`` on (the deadline day itself is
  /// still the window's). Returns what follows a deemed acceptance (the examiner's pending items if
  /// it found the file acceptable with items pending, and the Center), or nil when nothing happened.
  @discardableResult
  public mutating func applyDeadlines(now: Timestamp) -> [FollowUp]? {
    guard state.awaitsAcceptanceDecision, localDate(now) > currentRound.deadline, now >= lastEventAt else {
      return nil
    }
    let receipt = currentRound.examination.receiptDate
    accept(on: receipt)
    deemedAccepted = true
    proposal = nil
    checker = nil
    let round = currentRound
    pending = round.examination.outcome == .acceptPending ? round.examination.pending : []
    record(.centerPreliminaryReview, .deemAccepted, .system, now, .deemedAccepted(deadline: round.deadline, receipt: receipt))
    return followUpsOfAcceptance(at: now)
  }

  /// The employer hands in a corrected submission after a one-time notice; it is examined anew,
  /// with a new acceptance deadline.
  @discardableResult
  public mutating func resubmit(_ packet: Packet) throws(WorkflowError) -> [FollowUp] {
    guard state == .awaitingCorrection else { throw .notAllowed(event: "resubmit", state: state) }
    try checkTime(packet.submitted)
    let round = makeRound(rounds.count + 1, packet)
    rounds.append(round)
    proposal = nil
    checker = nil
    record(.received, .resubmit, .employer, packet.submitted, .resubmitted(round: round.number, deadline: round.deadline))
    return followUpsOfReceipt
  }

  // MARK: - The Center

  /// An accept-pending item arrives. Next: the items still owed (nothing new when none is).
  @discardableResult
  public mutating func receivePending(_ item: MaterialKind, at: Timestamp) throws(WorkflowError) -> [FollowUp] {
    guard state.atCenter else { throw .notAllowed(event: "receive pending item for", state: state) }
    guard let i = pending.firstIndex(of: item) else { throw .notPending(item) }
    try checkTime(at)
    pending.remove(at: i)
    record(state, .pendingReceived, .employer, at, .pendingReceived(item, stillPending: pending))
    return pending.isEmpty ? [] : [.awaitPending(pending)]
  }

  /// The Center finishes its preliminary review. Next: its decision, on the pack's Center timings.
  @discardableResult
  public mutating func centerPreliminaryReviewDone(at: Timestamp) throws(WorkflowError) -> [FollowUp] {
    guard state == .centerPreliminaryReview else { throw .notAllowed(event: "finish preliminary review of", state: state) }
    try checkTime(at)
    record(.centerExamination, .centerReview, .center, at, .preliminaryReviewDone)
    return followUpsOfPreliminaryReview(at: at)
  }

  /// The Center decides: approve (permit or notification letter issued) or refuse with reasons.
  /// Next: filing.
  @discardableResult
  public mutating func centerDecide(approve: Bool, reason: CenterReason, at: Timestamp) throws(WorkflowError) -> [FollowUp] {
    guard state == .centerExamination else { throw .notAllowed(event: "decide", state: state) }
    try checkTime(at)
    if approve && !pending.isEmpty { throw .pendingItemsOutstanding(pending) }
    let day = localDate(at)
    centerDecision = (approve, reason, day)
    let late = centerDeadline.flatMap { day > $0 ? $0 : nil }
    record(
      approve ? .approved : .centerRefused, .centerDecide, .center, at,
      approve ? .centerApproved(lateAfter: late) : .centerRefused(reason, lateAfter: late))
    return [.file]
  }

  /// Whether the Center decided after its time limit.
  public var centerLate: Bool {
    guard let d = centerDecision, let due = centerDeadline else { return false }
    return d.on > due
  }

  // MARK: - Filing

  /// Files a closed case; it is kept for the pack's retention period, then may be purged.
  @discardableResult
  public mutating func file(at: Timestamp, by: StaffID) throws(WorkflowError) -> [FollowUp] {
    guard [.refused, .approved, .centerRefused, .awaitingCorrection].contains(state) else {
      throw .notAllowed(event: "file", state: state)
    }
    try checkTime(at)
    let until = localDate(at).adding(years: policy.timeLimits.retentionYears)
    retainUntil = until
    record(.filed, .file, by, at, .filed(until: until, years: policy.timeLimits.retentionYears))
    return [.retainUntil(until)]
  }

  /// Purges a filed case whose retention has expired. Nothing follows.
  @discardableResult
  public mutating func purge(at: Timestamp, by: StaffID) throws(WorkflowError) -> [FollowUp] {
    guard state == .filed, let until = retainUntil else { throw .notAllowed(event: "purge", state: state) }
    try checkTime(at)
    if localDate(at) < until { throw .retentionNotExpired(until: until) }
    record(.purged, .purge, by, at, .purged(retentionEnded: until))
    return []
  }

  // MARK: - Rule changes

  /// Puts another policy pack in force for the rest of the case (a rule change announced mid-day).
  /// Submissions already examined keep their decision; later ones use the new pack. Nothing new
  /// follows (steps already started keep their times).
  @discardableResult
  public mutating func changePolicy(to pack: PolicyPack, at: Timestamp, by: StaffID) throws(WorkflowError) -> [FollowUp] {
    try checkTime(at)
    let old = policy.id
    policy = pack
    record(state, .policyChange, by, at, .policyChanged(from: old, to: pack.id))
    return []
  }
}

/// A policy pack held by reference and compared by value (``CaseFile/policy``): immutable, so a
/// case that changes its pack gets a new one.
final class SharedPolicyPack: Hashable, Sendable {
  let value: PolicyPack
  init(_ value: PolicyPack) { self.value = value }
  static func == (a: SharedPolicyPack, b: SharedPolicyPack) -> Bool { a === b || a.value == b.value }
  func hash(into h: inout Hasher) { h.combine(value) }
}
