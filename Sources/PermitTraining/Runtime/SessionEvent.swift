import PermitContent
import PermitCore

/// What happened during one command, typed: the simulated world's happenings (arrivals, rule
/// changes, the colleague, the Center, deadlines) and the attempt's own facts (proposals, reviews,
/// breaches, hints, evidence opened). The runtime returns them with every reply
/// (``Session/Reply/events``); the scoring facts are a fold of them (``AttemptFacts/record(_:)``);
/// the CLI's screens render them.
public enum SessionEvent: Hashable, Sendable {
  // MARK: The world
  /// The attempt opened.
  case welcome(title: ContentText, window: String, post: TraineePost, mode: AttemptMode)
  /// An applicant took a ticket.
  case arrived(ticket: String, applicant: String, type: ApplicationType, employer: String, deadline: CivilDate)
  /// A new policy pack is in force.
  case ruleChanged(message: WorldMessage, policy: String, at: Timestamp)
  /// A rule change whose pack is not available.
  case ruleChangeUnavailable(message: WorldMessage, policy: String)
  /// More applicants are queueing.
  case surge(message: WorldMessage, count: Int)
  /// The colleague is away.
  case colleagueAway(colleague: StaffID, until: Timestamp, message: WorldMessage)
  /// An announcement.
  case announcement(message: WorldMessage)
  /// A file had no notice by its deadline: deemed accepted, it goes to the Center.
  case deemedAccepted(ticket: String, deadline: CivilDate)
  /// The simulated post B agreed with the trainee's proposal.
  case colleagueAgreed(ticket: String, colleague: StaffID)
  /// The simulated post B returned the trainee's proposal: the careful colleague with its grade of
  /// the proposal, a scripted one with the scenario's words (PermitCore's ``ReturnReason``, the same
  /// the case history records).
  case colleagueReturned(ticket: String, colleague: StaffID, reason: ReturnReason, late: Defect?)
  /// The simulated post B could not review.
  case colleagueCouldNotReview(ticket: String, error: WorkflowError)
  /// The simulated post A proposed (the trainee reviews).
  case colleagueProposed(ticket: String, colleague: StaffID, outcome: Outcome, defects: [String])
  /// The simulated post A issued the notice.
  case colleagueIssued(ticket: String, notice: Outcome)
  /// The core refused the simulated post A's notice; it proposes again.
  case colleagueNoticeRefused(ticket: String, error: WorkflowError)
  /// The Center approved the permit.
  case centerApproved(ticket: String, retainUntil: CivilDate?)
  /// The Center bounced an acceptance that should not have been accepted (the file's right
  /// outcome and defects).
  case centerBounced(ticket: String, outcome: Outcome, defects: [String])
  /// The employer came back with the corrected file.
  case corrected(ticket: String, round: Int, deadline: CivilDate)

  // MARK: The attempt's facts
  /// The trainee proposed (post A).
  case proposed(AttemptFacts.Proposed)
  /// The trainee reviewed (post B).
  case reviewed(AttemptFacts.Reviewed)
  /// Post A handed a proposal over to post B.
  case handedOver(AttemptFacts.Handover)
  /// The core refused a breach of the double-post rule.
  case breach(AttemptFacts.Breach)
  /// A hint was taken on a ticket.
  case hintTaken(ticket: String)
  /// A material of a ticket's current round was opened.
  case materialShown(ticket: String, round: Int, material: MaterialKind)
  /// A trainer handed a post of the pair attempt to another trainee (``SeatChange``).
  case postReassigned(SeatChange)
  /// The checklist of a ticket's current round was displayed.
  case checklistShown(ticket: String, round: Int)
  /// The points computation of a ticket's current round was displayed.
  case pointsShown(ticket: String, round: Int)
}

extension AttemptFacts {
  /// Folds one event into the facts (world events change nothing here).
  public mutating func record(_ e: SessionEvent) {
    switch e {
    case .proposed(let p): proposals.append(p)
    case .reviewed(let r): reviews.append(r)
    case .handedOver(let h): handovers.append(h)
    case .breach(let b): breaches.append(b)
    case .hintTaken(let t): hints.append(t)
    case .materialShown(let t, let round, let m): shown["\(t)#\(round)", default: []].insert(m)
    case .checklistShown(let t, let round): checklistSeen.insert("\(t)#\(round)")
    case .pointsShown(let t, let round): pointsSeen.insert("\(t)#\(round)")
    default: break
    }
  }

  /// The facts of a sequence of events.
  public static func fold<S: Sequence>(_ events: S) -> AttemptFacts where S.Element == SessionEvent {
    var f = AttemptFacts()
    for e in events { f.record(e) }
    return f
  }
}

/// What a timed event tells the trainee: the scenario's message (English, and Chinese when
/// translated), or that the trainer caused it.
public enum WorldMessage: Hashable, Sendable {
  case content(en: String, zh: String?)
  case fromTrainer
}

