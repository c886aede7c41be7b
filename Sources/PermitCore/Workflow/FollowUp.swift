/// What a transition of a ``CaseFile`` sets in motion: the next steps of the case it makes due, each
/// with who acts and, where the law or the pack fixes one, its date or time (product.md §3).
///
/// Every event of ``CaseFile`` returns the follow-ups it starts, in the order they fall due; a step
/// already started by an earlier transition is not repeated (the acceptance deadline of a round
/// holds through post A's proposal, post B's verdict and a returned proposal). Whoever drives the
/// case (the sandbox's simulated world, a real registry) arranges them: the core says what is next
/// and when, never who in the sandbox plays which part.
///
/// | transition | follow-ups |
/// |---|---|
/// | receive, resubmit | ``examine``, ``acceptanceDecision(deadline:deemedAcceptedAt:)`` |
/// | propose | ``review`` |
/// | review: agree / return | ``issueNotice`` / ``examine`` |
/// | issue: accept | ``centerPreliminaryReview(at:decisionDue:)`` |
/// | issue: accept-pending | ``awaitPending(_:)``, ``centerPreliminaryReview(at:decisionDue:)`` |
/// | issue: supplement | ``awaitCorrection(defects:)`` |
/// | issue: refuse | ``file`` |
/// | deemed acceptance | as an acceptance (with the examiner's pending items, if any) |
/// | receive a pending item | ``awaitPending(_:)`` with what is still owed (none: nothing new) |
/// | Center's preliminary review | ``centerDecision(at:deadline:)`` |
/// | Center's decision | ``file`` |
/// | file | ``retainUntil(_:)`` |
/// | purge, policy change | nothing |
public enum FollowUp: Hashable, Sendable {
  /// Post A is to examine the submission and propose an outcome.
  case examine
  /// The window owes the applicant a notice by `deadline` (the round's acceptance time limit); with
  /// none by then the application counts as accepted from receipt, applied at `deemedAcceptedAt`
  /// (the start of the day after the deadline, local time of the pack; art. 32).
  case acceptanceDecision(deadline: CivilDate, deemedAcceptedAt: Timestamp)
  /// Post B is to review post A's proposal.
  case review
  /// Both posts signed: the agreed notice may be issued.
  case issueNotice
  /// The employer is to hand in a corrected submission remedying the one-time notice's defects.
  case awaitCorrection(defects: [String])
  /// Accept-pending items (容缺受理) the employer still owes, before the Center can approve.
  case awaitPending([MaterialKind])
  /// The accepted file reaches the Center's preliminary review at `at` (the pack's Center timings,
  /// ``PolicyPack/center``); the Center must decide by `decisionDue` (its legal time limit).
  case centerPreliminaryReview(at: Timestamp, decisionDue: CivilDate)
  /// The Center decides at `at` (the pack's Center timings, never after the working day of its
  /// legal `deadline`).
  case centerDecision(at: Timestamp, deadline: CivilDate)
  /// The case is closed: it is to be filed.
  case file
  /// Filed: the documents are kept until this day, then may be purged.
  case retainUntil(CivilDate)
}

extension CaseFile {
  /// When the case is deemed accepted if no notice comes first: the start of the day after the
  /// current round's deadline (local time of the pack), or the last event when that is later. Nil
  /// when the case no longer awaits its acceptance decision.
  public var deemedAcceptanceAt: Timestamp? {
    guard state.awaitsAcceptanceDecision else { return nil }
    let start = Timestamp(date: acceptanceDeadline.adding(days: 1), hour: 0, minute: 0, offsetSeconds: policy.utcOffsetSeconds)
    return max(start, lastEventAt)
  }

  /// What follows the receipt of the current round: post A's examination, and the acceptance deadline.
  var followUpsOfReceipt: [FollowUp] {
    [.examine, .acceptanceDecision(deadline: acceptanceDeadline, deemedAcceptedAt: deemedAcceptanceAt!)]
  }

  /// What follows an acceptance on `day` (by notice at `at`, or by law): the pending items still
  /// owed, then the Center's preliminary review on the pack's timings (``CenterTimings``):
  /// `reviewAfterWorkingDays` working days after the day of acceptance, at `reviewAtMinute`.
  func followUpsOfAcceptance(at: Timestamp) -> [FollowUp] {
    let ct = policy.center
    let day = policy.calendar.addingWorkingDays(ct.reviewAfterWorkingDays, to: at.date(atOffset: policy.utcOffsetSeconds))
    let review = Timestamp(date: day, hour: ct.reviewAtMinute / 60, minute: ct.reviewAtMinute % 60, offsetSeconds: policy.utcOffsetSeconds)
    return (pending.isEmpty ? [] : [.awaitPending(pending)])
      + [.centerPreliminaryReview(at: max(review, at), decisionDue: centerDeadline!)]
  }

  /// The Center's decision after its preliminary review at `at`: `decideWithinWorkingDays` working
  /// days later at `decideAtMinute`, but never after the working day of the legal deadline.
  func followUpsOfPreliminaryReview(at: Timestamp) -> [FollowUp] {
    let ct = policy.center
    let off = policy.utcOffsetSeconds
    let today = at.date(atOffset: off)
    let within = policy.calendar.addingWorkingDays(ct.decideWithinWorkingDays, to: today)
    let due = centerDeadline.map { policy.calendar.workingDay(onOrAfter: $0) } ?? today
    let when = Timestamp(date: min(due, within), hour: ct.decideAtMinute / 60, minute: ct.decideAtMinute % 60, offsetSeconds: off)
    return [.centerDecision(at: max(when, at), deadline: centerDeadline ?? today)]
  }
}
