import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

/// The text of the runtime's replies and events in the session's language (``Language/current``):
/// a command's answer (``AnswerScreens``) or refusal (``RefusalScreens``), a note when the action
/// ended at closing, then the world's events from the catalog's `event.*` keys.
enum SessionScreens {
  /// The lines of a reply, as the REPL prints them: the answer (or the refusal first), the note of
  /// an action ended at closing, then the events the trainee sees.
  static func lines(_ r: Session.Reply) -> [String] {
    var out: [String] = []
    if let refusal = r.refusal { out.append(RefusalScreens.message(refusal)) }
    if let a = r.answer { out += AnswerScreens.lines(a) }
    if let e = r.endedAtClosing {
      out.append(
        L10n.t("session.window.ended-at-closing", AnswerScreens.hhmm(e.closes), e.done, e.minutes, AnswerScreens.dayAndTime(e.opens)))
    }
    return out + r.events.compactMap(line)
  }

  /// The lines of events (e.g. the welcome of a fresh attempt).
  static func lines(_ events: [SessionEvent]) -> [String] { events.compactMap(line) }

  /// The line shown for an event, or nil for a fact the trainee does not see as a message.
  static func line(_ e: SessionEvent) -> String? {
    let staff = { (s: StaffID) in Localized.staff(s) }
    switch e {
    case .welcome(let title, let window, let post, let mode):
      return L10n.t("event.welcome", text(title), Localized.district(window), Localized.post(post), Localized.mode(mode))
    case .arrived(let t, let name, let type, let employer, let deadline):
      // English ends the employer's name with the sentence's full stop unless it has one (`Co., Ltd.`).
      let who = Language.current == .en && !employer.hasSuffix(".") ? employer + "." : employer
      return L10n.t("event.arrived", t, name, Localized.type(type), who, deadline)
    case .ruleChanged(let m, let id, let at): return L10n.t("event.rule-changed", text(m), id, at)
    case .ruleChangeUnavailable(let m, let id): return L10n.t("event.rule-change-unavailable", text(m), id)
    case .surge(let m, let n): return L10n.t("event.surge", text(m), n)
    case .colleagueAway(let c, let until, let m): return L10n.t("event.colleague-away", staff(c), until, text(m))
    case .announcement(let m): return L10n.t("event.announcement", text(m))
    case .postReassigned(let c): return L10n.t("event.post-reassigned", c.post.rawValue, c.to, c.from, c.at)
    case .deemedAccepted(let t, let d): return L10n.t("event.deemed", t, d)
    case .colleagueAgreed(let t, let c): return L10n.t("event.colleague-agreed", t, staff(c))
    case .colleagueReturned(let t, let c, let reason, let late):
      // The careful colleague's grade in the session's language (as the timeline says it); a
      // scripted reason is the scenario's own text.
      let why: String
      switch reason {
      case .grade(let g): why = Localized.grade(g) ?? reason.description
      case .words(let r): why = r
      }
      let note = late.map { L10n.t("why.note", AnswerScreens.lateNote($0).dropLast()) } ?? ""
      return L10n.t("event.colleague-returned", t, staff(c), why + note)
    case .colleagueCouldNotReview(let t, let error): return L10n.t("event.colleague-could-not-review", t, Localized.workflowError(error))
    case .colleagueProposed(let t, let c, let o, let d): return L10n.t("event.colleague-proposed", t, staff(c), Localized.proposal(o, d, nil))
    case .colleagueIssued(let t, let o): return L10n.t("event.colleague-issued", t, Localized.noticeName(o))
    case .colleagueNoticeRefused(let t, let error): return L10n.t("event.notice-refused", t, Localized.workflowError(error))
    case .centerApproved(let t, let until): return L10n.t("event.center-approved", t, until.map { "\($0)" } ?? "?")
    case .centerBounced(let t, let outcome, let defects):
      // "the Center BOUNCED the acceptance - the file should not have been accepted (…)": the
      // reason as the timeline gives it, without a second "bounced".
      return L10n.t("event.center-bounced", t, Localized.centerReason(.shouldNotHaveBeenAccepted(outcome, defects: defects)))
    case .corrected(let t, let round, let d): return L10n.t("event.corrected", t, round, d)
    case .proposed, .reviewed, .handedOver, .breach, .hintTaken, .materialShown, .checklistShown, .pointsShown: return nil
    }
  }

  /// A timed event's message in the session's language.
  static func text(_ m: WorldMessage) -> String {
    switch m {
    case .content(let en, let zh): return Language.current == .zhHans ? (zh ?? en) : en
    case .fromTrainer: return L10n.t("instructor.from-trainer")
    }
  }

  /// Content in the session's language (English when not translated).
  static func text(_ c: ContentText) -> String { Language.current == .zhHans ? (c.zh ?? c.en) : c.en }

  /// What a partner's command means to the other post, in one line (nil when the command's echo
  /// says enough): a handover reaching post B, a verdict reaching post A.
  static func pairLine(_ e: SessionEvent, in s: Session, viewer: TraineePost) -> String? {
    guard let pair = s.pair else { return nil }
    switch e {
    case .handedOver(let h) where viewer == .b:
      let p = s.cases[h.ticket]?.proposal
      let what = p.map { " " + $0.outcome.rawValue + ($0.defects.isEmpty ? "" : " (" + $0.defects.joined(separator: ", ") + ")") } ?? ""
      return L10n.t("pair.line.handed-over", h.ticket, pair.postA, what)
    case .reviewed(let r) where viewer == .a:
      return r.agreed
        ? L10n.t("pair.line.agrees", r.ticket, pair.postB)
        : L10n.t("pair.line.returns", r.ticket, pair.postB, r.reason ?? "")
    default:
      return nil
    }
  }

  /// A restore made, as the debrief lists it.
  static func restore(_ r: RestoreMade) -> String { L10n.t("session.restore.entry", r.name, r.from, r.to) }
}

extension Session.Reply {
  /// The reply's lines as the REPL prints them (``SessionScreens/lines(_:)``).
  var lines: [String] { SessionScreens.lines(self) }
}
