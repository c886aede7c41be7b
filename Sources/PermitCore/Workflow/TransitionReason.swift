/// Why a case moved, typed: the facts of a ``Transition`` with their arguments. Screens render it in
/// the session's language (PermitLocalization's `Localized.transitionReason`); ``description`` is
/// the stable English form the store keeps (a returned proposal's review row) and that replays and
/// `verify` compare, the same words the core recorded before reasons were typed: never change it.
public enum TransitionReason: Hashable, Sendable, CustomStringConvertible {
  /// The packet was received at a window; the acceptance decision is due by `deadline`.
  case received(window: String, deadline: CivilDate)
  /// Post A proposed an outcome (with the defects a notice or refusal lists).
  case proposed(Outcome, defects: [String])
  /// Post B agreed with the proposal.
  case agreed(Outcome)
  /// Post B returned the proposal to post A, with post B's reason in post B's words.
  case returned(reason: ReturnReason)
  /// An acceptance notice (``Outcome/accept`` or ``Outcome/acceptPending``) was issued, signed by
  /// both posts; `lateAfter` is the deadline it missed, if any; the Center decides by `centerDue`.
  case acceptanceIssued(Outcome, lateAfter: CivilDate?, maker: StaffID, checker: StaffID, centerDue: CivilDate)
  /// A one-time supplement notice was issued listing `defects`.
  case oneTimeNoticeIssued(defects: [String], lateAfter: CivilDate?)
  /// A refusal-of-acceptance notice was issued (referring to a competent body, if any).
  case refusalIssued(referTo: String?, lateAfter: CivilDate?)
  /// No notice by `deadline`: accepted by law from receipt on `receipt`.
  case deemedAccepted(deadline: CivilDate, receipt: CivilDate)
  /// A corrected submission (round `round`) was handed in; decision due by `deadline`.
  case resubmitted(round: Int, deadline: CivilDate)
  /// An accept-pending item arrived; `stillPending` are still owed.
  case pendingReceived(MaterialKind, stillPending: [MaterialKind])
  /// The Center's preliminary review is done; the file is under examination.
  case preliminaryReviewDone
  /// The Center approved (after its deadline `lateAfter`, if any).
  case centerApproved(lateAfter: CivilDate?)
  /// The Center refused (after its deadline `lateAfter`, if any).
  case centerRefused(CenterReason, lateAfter: CivilDate?)
  /// The case was filed and is kept until `until` (`years` of retention).
  case filed(until: CivilDate, years: Int)
  /// The retention period ended on `retentionEnded`; the documents were removed.
  case purged(retentionEnded: CivilDate)
  /// Another policy pack was put in force for the case.
  case policyChanged(from: String, to: String)

  /// The stable English form (see the type's documentation).
  public var description: String {
    func late(_ d: CivilDate?) -> String { d.map { " (after the deadline \($0))" } ?? "" }
    switch self {
    case .received(let window, let deadline): return "received at the \(window) window; decision due by \(deadline)"
    case .proposed(let o, let defects):
      return "post A proposes " + o.rawValue + (defects.isEmpty ? "" : " (" + defects.joined(separator: ", ") + ")")
    case .agreed(let o): return "post B agrees with " + o.rawValue
    case .returned(let reason): return "post B returns the proposal to post A: \(reason)"
    case .acceptanceIssued(let o, let lateAfter, let maker, let checker, let due):
      return "\(o.noticeName) issued\(late(lateAfter)); signed by \(maker) (A) and \(checker) (B); Center decision due by \(due)"
    case .oneTimeNoticeIssued(let defects, let lateAfter):
      return "one-time notice issued\(late(lateAfter)) listing " + defects.joined(separator: ", ")
    case .refusalIssued(let referTo, let lateAfter):
      return "refusal-of-acceptance notice issued\(late(lateAfter))" + (referTo.map { "; referred to \($0)" } ?? "")
    case .deemedAccepted(let deadline, let receipt):
      return "no notice by \(deadline): accepted by law from receipt on \(receipt) (deemed acceptance)"
    case .resubmitted(let round, let deadline): return "corrected submission (round \(round)); decision due by \(deadline)"
    case .pendingReceived(let item, let still):
      return "\(item.rawValue) received; still pending: \(still.isEmpty ? "none" : still.map(\.rawValue).joined(separator: ", "))"
    case .preliminaryReviewDone: return "preliminary review done; under examination"
    case .centerApproved(let lateAfter): return "approved" + (lateAfter.map { " (after the Center's deadline \($0))" } ?? "")
    case .centerRefused(let reason, let lateAfter):
      return "refused: \(reason)" + (lateAfter.map { " (after the Center's deadline \($0))" } ?? "")
    case .filed(let until, let years): return "filed; kept until \(until) (\(years) years)"
    case .purged(let until): return "retention period ended \(until); documents removed"
    case .policyChanged(let from, let to): return "policy \(from) → \(to)"
    }
  }
}

/// Why the Center decided as it did. A string literal is the Center's own words
/// (``stated(_:)``).
public enum CenterReason: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// The file meets the conditions.
  case approved
  /// The file should not have been accepted: the examiner's outcome for it and the defects it has
  /// (the simulated Center bounces a wrongly accepted file).
  case shouldNotHaveBeenAccepted(Outcome, defects: [String])
  /// A reason in the Center's own words.
  case stated(String)

  /// Creates a reason in the Center's own words.
  public init(stringLiteral value: String) { self = .stated(value) }

  /// The stable English form.
  public var description: String {
    switch self {
    case .approved: return "approved"
    case .shouldNotHaveBeenAccepted(let o, let defects):
      return "bounced: the file should not have been accepted (\(o.rawValue): \(defects.joined(separator: ", ")))"
    case .stated(let s): return s
    }
  }
}
