import PermitContent
import PermitCore
import PermitLocalization

/// What happened during one command, typed: the simulated world's happenings (arrivals, rule
/// changes, the colleague, the Center, deadlines) and the attempt's own facts (proposals, reviews,
/// breaches, hints, evidence opened). The runtime returns them with every reply
/// (``Session/Reply/events``); the scoring facts are a fold of them (``AttemptFacts/record(_:)``);
/// the screens render them (``SessionScreens``).
public enum SessionEvent: Hashable, Sendable {
  // MARK: The world
  /// The attempt opened.
  case welcome(title: String, window: String, post: TraineePost, mode: AttemptMode)
  /// An applicant took a ticket.
  case arrived(ticket: String, applicant: String, type: ApplicationType, employer: String, deadline: CivilDate)
  /// A new policy pack is in force.
  case ruleChanged(message: String, policy: String, at: Timestamp)
  /// A rule change whose pack is not available.
  case ruleChangeUnavailable(message: String, policy: String)
  /// More applicants are queueing.
  case surge(message: String, count: Int)
  /// The colleague is away.
  case colleagueAway(colleague: StaffID, until: Timestamp, message: String)
  /// An announcement.
  case announcement(message: String)
  /// A file had no notice by its deadline: deemed accepted, it goes to the Center.
  case deemedAccepted(ticket: String, deadline: CivilDate)
  /// The simulated post B agreed with the trainee's proposal.
  case colleagueAgreed(ticket: String, colleague: StaffID)
  /// The simulated post B returned the trainee's proposal.
  case colleagueReturned(ticket: String, colleague: StaffID, reason: String)
  /// The simulated post B could not review.
  case colleagueCouldNotReview(ticket: String, error: String)
  /// The simulated post A proposed (the trainee reviews).
  case colleagueProposed(ticket: String, colleague: StaffID, outcome: Outcome, defects: [String])
  /// The simulated post A issued the notice.
  case colleagueIssued(ticket: String, notice: Outcome)
  /// The core refused the simulated post A's notice; it proposes again.
  case colleagueNoticeRefused(ticket: String, error: String)
  /// The Center approved the permit.
  case centerApproved(ticket: String, retainUntil: CivilDate?)
  /// The Center bounced an acceptance.
  case centerBounced(ticket: String, reason: String)
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

/// The text of the runtime's events in the session's language (``Language/current``), from the
/// catalog's `event.*` keys.
public enum SessionScreens {
  /// The line shown for an event, or nil for a fact the trainee does not see as a message.
  public static func line(_ e: SessionEvent) -> String? {
    let staff = { (s: StaffID) in Localized.staff(s) }
    switch e {
    case .welcome(let title, let window, let post, let mode):
      return L10n.t("event.welcome", title, Localized.district(window), Localized.post(post), Localized.mode(mode))
    case .arrived(let t, let name, let type, let employer, let deadline):
      // English ends the employer's name with the sentence's full stop unless it has one (`Co., Ltd.`).
      let who = Language.current == .en && !employer.hasSuffix(".") ? employer + "." : employer
      return L10n.t("event.arrived", t, name, Localized.type(type), who, deadline)
    case .ruleChanged(let m, let id, let at): return L10n.t("event.rule-changed", m, id, at)
    case .ruleChangeUnavailable(let m, let id): return L10n.t("event.rule-change-unavailable", m, id)
    case .surge(let m, let n): return L10n.t("event.surge", m, n)
    case .colleagueAway(let c, let until, let m): return L10n.t("event.colleague-away", staff(c), until, m)
    case .announcement(let m): return L10n.t("event.announcement", m)
    case .deemedAccepted(let t, let d): return L10n.t("event.deemed", t, d)
    case .colleagueAgreed(let t, let c): return L10n.t("event.colleague-agreed", t, staff(c))
    case .colleagueReturned(let t, let c, let r): return L10n.t("event.colleague-returned", t, staff(c), r)
    case .colleagueCouldNotReview(let t, let error): return L10n.t("event.colleague-could-not-review", t, error)
    case .colleagueProposed(let t, let c, let o, let d): return L10n.t("event.colleague-proposed", t, staff(c), Localized.proposal(o, d, nil))
    case .colleagueIssued(let t, let o): return L10n.t("event.colleague-issued", t, Localized.noticeName(o))
    case .colleagueNoticeRefused(let t, let error): return L10n.t("event.notice-refused", t, error)
    case .centerApproved(let t, let until): return L10n.t("event.center-approved", t, until.map { "\($0)" } ?? "?")
    case .centerBounced(let t, let reason): return L10n.t("event.center-bounced", t, reason)
    case .corrected(let t, let round, let d): return L10n.t("event.corrected", t, round, d)
    case .proposed, .reviewed, .handedOver, .breach, .hintTaken, .materialShown, .checklistShown, .pointsShown: return nil
    }
  }
}
