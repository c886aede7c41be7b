/// A staff member's identity, as recorded on sign-offs (`clerk-li`, `trainee:ada`).
public struct StaffID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// The identity.
  public var value: String
  /// Creates an identity.
  public init(_ value: String) { self.value = value }
  /// Creates an identity from a literal.
  public init(stringLiteral value: String) { self.value = value }
  public var description: String { value }
  /// The simulated municipal Center, as an actor.
  public static let center = StaffID("municipal-center")
  /// The system itself (deadlines applied by law, such as deemed acceptance).
  public static let system = StaffID("system")
  /// The employer (submissions and corrections).
  public static let employer = StaffID("employer")
}

/// Where a case stands (product.md §3).
public enum CaseState: String, CaseIterable, Hashable, Sendable {
  /// At the window, waiting for post A's examination (or re-examination after a return).
  case received
  /// Post A has proposed an outcome; waiting for post B.
  case proposed
  /// Post B agreed; the notice may be issued.
  case agreed
  /// One-time supplement notice issued; waiting for the employer's corrected submission.
  case awaitingCorrection = "awaiting-correction"
  /// Refusal-of-acceptance notice issued.
  case refused
  /// Accepted (by notice, or deemed accepted); at the Center's preliminary review.
  case centerPreliminaryReview = "center-preliminary-review"
  /// At the Center's examination.
  case centerExamination = "center-examination"
  /// The Center approved: permit or notification letter issued.
  case approved
  /// The Center refused the licence.
  case centerRefused = "center-refused"
  /// Filed and kept for the retention period.
  case filed
  /// Removed after the retention period.
  case purged

  /// Whether the window still owes the applicant an acceptance decision.
  public var awaitsAcceptanceDecision: Bool { self == .received || self == .proposed || self == .agreed }
  /// Whether the case is at the Center.
  public var atCenter: Bool { self == .centerPreliminaryReview || self == .centerExamination }
}

/// What post A proposes: the outcome and, for a one-time notice, the defects it lists.
public struct Proposal: Hashable, Sendable {
  /// The proposed outcome.
  public var outcome: Outcome
  /// The defects the notice will list (supplement or refusal).
  public var defects: [String]
  /// For a refusal: the competent body to refer to.
  public var referTo: String?
  /// Who proposed (post A).
  public var maker: StaffID
  /// When.
  public var at: Timestamp
  /// Creates a proposal.
  public init(outcome: Outcome, defects: [String], referTo: String? = nil, maker: StaffID, at: Timestamp) {
    self.outcome = outcome
    self.defects = Array(Set(defects)).sorted()
    self.referTo = referTo
    self.maker = maker
    self.at = at
  }
}

/// Post B's verdict on a proposal.
public enum ReviewVerdict: Hashable, Sendable {
  /// Agree: the notice may be issued.
  case agree
  /// Return to post A with a reason.
  case `return`(reason: ReturnReason)
}

/// Why post B returned a proposal. A string literal is post B's own words (``words(_:)``).
public enum ReturnReason: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// Post B's own words (a trainee's, a scenario's scripted colleague's).
  case words(String)
  /// What is wrong with the proposal against the examiner's answer (the simulated careful colleague):
  /// screens render it in the session's language.
  case grade(Grade)

  /// Creates a reason in post B's own words.
  public init(stringLiteral value: String) { self = .words(value) }

  /// The stable English form (``Grade/explanation`` for a grade).
  public var description: String {
    switch self {
    case .words(let s): return s
    case .grade(let g): return g.explanation ?? ""
    }
  }
}

/// A notice issued by the window, signed by both posts.
public struct Notice: Hashable, Sendable {
  /// The outcome it notifies.
  public var outcome: Outcome
  /// Defects listed (one-time notice or refusal).
  public var defects: [String]
  /// Pending items (acceptance with items pending).
  public var pending: [MaterialKind]
  /// For a refusal: the competent body.
  public var referTo: String?
  /// Post A's identity.
  public var maker: StaffID
  /// Post B's identity.
  public var checker: StaffID
  /// When the notice was issued.
  public var issuedAt: Timestamp
  /// The submission round it answers (1 for the first submission).
  public var round: Int
  /// Whether it was issued within the acceptance time limit.
  public var onTime: Bool
}

/// One submission of the packet: the first, or a correction after a one-time notice.
public struct Round: Hashable, Sendable {
  /// 1 for the first submission.
  public var number: Int
  /// What was handed in.
  public var packet: Packet
  /// The examiner's decision on it (the reference the notice is held to).
  public var examination: Decision
  /// The last day for the acceptance decision of this round.
  public var deadline: CivilDate
}

/// The events of a case (product.md §3), by their stable names (`receive`, `deem-accepted`, …: the
/// catalog's `event.*` names and the timeline show them).
public enum CaseEvent: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// A packet received at the window.
  case receive
  /// Post A's proposal.
  case propose
  /// Post B's verdict (agree or return).
  case review
  /// The notice issued.
  case issue
  /// Accepted by law: no notice by the deadline.
  case deemAccepted = "deem-accepted"
  /// A corrected submission after a one-time notice.
  case resubmit
  /// An accept-pending item arrived.
  case pendingReceived = "pending-received"
  /// The Center's preliminary review done.
  case centerReview = "center-review"
  /// The Center's decision.
  case centerDecide = "center-decide"
  /// Filed.
  case file
  /// Purged after retention.
  case purge
  /// Another policy pack put in force.
  case policyChange = "policy-change"

  /// The stable name.
  public var description: String { rawValue }
}

/// A recorded transition: no transition is silent.
public struct Transition: Hashable, Sendable {
  /// State before.
  public var from: CaseState?
  /// State after.
  public var to: CaseState
  /// The event.
  public var event: CaseEvent
  /// Who did it.
  public var actor: StaffID
  /// When (simulated time in the sandbox).
  public var at: Timestamp
  /// Why, typed (rendered by the screens in the session's language; ``TransitionReason/description``
  /// is the stable English form).
  public var reason: TransitionReason
}

/// Why the core refused an event.
public enum WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The event is not possible in the case's state.
  case notAllowed(event: String, state: CaseState)
  /// The same person tried to hold both posts on the case.
  case samePersonBothPosts(StaffID)
  /// A notice was attempted before both posts signed.
  case notReviewed
  /// A one-time notice that does not list every defect present.
  case incompleteNotice(missing: [String])
  /// Time went backwards.
  case timeBeforeLastEvent(Timestamp, last: Timestamp)
  /// The Center cannot approve while accept-pending items are outstanding.
  case pendingItemsOutstanding([MaterialKind])
  /// The item is not pending on this case.
  case notPending(MaterialKind)
  /// Retention has not expired.
  case retentionNotExpired(until: CivilDate)
  /// A proposal that cannot be right whatever the file (domain.md Part A′ 8, 9): an unknown code or
  /// impossible pair, a referral to a body that does not exist, accept-pending with nothing pending, …
  case malformedProposal(ProposalCheck.Malformation)

  public var description: String {
    switch self {
    case .notAllowed(let e, let s): return "cannot \(e) a case that is \(s.rawValue)"
    case .samePersonBothPosts(let who):
      return "\(who) already holds the other post on this case: double-post review needs two different people"
    case .notReviewed: return "no notice without both posts: post B must agree first"
    case .incompleteNotice(let missing):
      return "a one-time notice must list every defect at once; it misses " + missing.joined(separator: ", ")
    case .timeBeforeLastEvent(let t, let last): return "time \(t) is before the case's last event at \(last)"
    case .pendingItemsOutstanding(let items):
      return "items still pending: " + items.map(\.rawValue).joined(separator: ", ")
    case .notPending(let m): return "\(m.rawValue) is not pending on this case"
    case .retentionNotExpired(let d): return "the file must be kept until \(d)"
    case .malformedProposal(let m): return "malformed proposal: \(m)"
    }
  }
}
