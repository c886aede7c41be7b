import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

/// What a refused command is told (``SessionRefusal``), with what to do instead, in the session's
/// language.
enum RefusalScreens {
  /// What a command after `finish` is told.
  static var finished: String { L10n.t("session.finished") }

  /// The message of a refusal (one line, or several joined by newlines for `finish`'s list).
  static func message(_ r: SessionRefusal) -> String {
    switch r {
    case .finished: return finished
    case .parse(let why): return ParseScreens.message(why)
    case .notUnderstood(let verb): return L10n.t("session.not-understood", verb)
    case .windowClosed(let opens): return L10n.t("session.window.closed", AnswerScreens.dayAndTime(opens))
    case .runnerOnly(let verb): return L10n.t("session.runner-only", verb)
    case .practiceOnly(let verb, let mode): return L10n.t("session.snapshot.practice-only", verb, Localized.mode(mode))
    case .unknownSnapshot(let name, let known):
      return L10n.t("session.snapshot.unknown", name)
        + (known.isEmpty ? L10n.t("session.snapshot.take-one") : L10n.t("session.snapshot.known", Localized.list(known))) + Suggest.hint(name, known)
    case .noOpenCase(let short): return L10n.t(short ? "session.no-open-case.short" : "session.no-open-case")
    case .notArrived(let t): return L10n.t("session.open.not-arrived", t)
    case .noTicket(let t, let known): return L10n.t("session.open.no-ticket", t) + Suggest.hint(t, known)
    case .postB(let verb): return L10n.t("session.\(verb).post-b")
    case .malformed(let m): return explain(m)
    case .core(let t, let error, let refused): return L10n.t(refused ? "session.refused" : "session.core-error", t, Localized.workflowError(error))
    case .handoverNotProposed(let t, let state): return L10n.t("session.handover.not-proposed", t, Localized.state(state))
    case .nothingToReview(let t, let state): return L10n.t("session.review.nothing", t, Localized.state(state))
    case .nothingToAdvanceTo: return L10n.t("session.advance.nothing")
    case .backwards(let now): return L10n.t("session.advance.backwards", now)
    case .pastHorizon(let h): return L10n.t("session.advance.horizon", h)
    case .hintMode(let mode): return L10n.t("session.hint.mode", Localized.mode(mode))
    case .noMonthly(let y, let m): return L10n.t("session.monthly.none", "\(y)-\(CivilDate.pad(m, 2))")
    case .stillToHappen(let pending):
      return ([L10n.t("session.finish.pending")] + pending.map { "  " + line($0) } + [L10n.t("session.finish.pending.footer")])
        .joined(separator: "\n")
    case .pairClock(let postA): return L10n.t("pair.refuse.clock", postA)
    case .pairSnapshot: return L10n.t("pair.refuse.snapshot")
    case .pairAlreadyHandedOver(let t, let postB): return L10n.t("pair.handover.already", t, postB)
    case .pairNotHandedOver(let t, let postA): return L10n.t("pair.review.not-handed", t, postA)
    case .notPair: return L10n.t("pair.not-pair")
    case .instructorFinished: return L10n.t("instructor.finished")
    case .instructorNoPack(let id): return L10n.t("instructor.no-pack", id)
    case .instructorAbsentTime(let now): return L10n.t("instructor.absent-time", now)
    case .instructorNotPair: return L10n.t("instructor.not-pair")
    case .instructorSameSeat(let post, let name): return L10n.t("instructor.same-seat", post.rawValue, name)
    case .instructorBothPosts(let post, let name): return L10n.t("instructor.both-posts", post.rawValue, name)
    }
  }

  /// A malformed proposal in words, with the nearest valid code or body when it is a typo.
  static func explain(_ m: ProposalCheck.Malformation) -> String {
    switch m {
    case .unknownDefect(let d): return L10n.t("session.unknown-defect", d) + Suggest.hint(d, DefectCatalog.allCodes) + L10n.t("session.unknown-defect.tab")
    case .unknownBody(let b, let valid): return Localized.malformation(m) + Suggest.hint(b, valid)
    default: return Localized.malformation(m)
    }
  }

  /// One line for something still to happen.
  static func line(_ p: Session.StillToHappen) -> String {
    switch p {
    case .arrivals(let n, let next):
      return n == 1 ? L10n.t("session.finish.pending.arrival", next) : L10n.t("session.finish.pending.arrivals", n, next)
    case .lapse(let t, let state, let deadline): return L10n.t("session.finish.pending.lapse", t, state.rawValue, deadline)
    case .correction(let t, let at): return L10n.t("session.finish.pending.correction", t, at)
    }
  }
}
