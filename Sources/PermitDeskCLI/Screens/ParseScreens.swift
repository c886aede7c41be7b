import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

/// What words that do not make a command are told (``ParseFailure``): what to type instead, with the
/// nearest valid word when it is a typo, in the session's language.
enum ParseScreens {
  /// `surge N | colleague-absent UNTIL | announce TEXT | rule-change PACK`.
  static var eventUsage: String { L10n.t("event.usage") }

  /// The message of a parse failure.
  static func message(_ f: ParseFailure) -> String {
    switch f {
    case .noCommand: return L10n.t("parse.no-command")
    case .notAttemptCommand(let verb): return L10n.t("parse.not-scenario-command", verb)
    case .open: return L10n.t("parse.open")
    case .unknownMaterial(let name): return L10n.t("parse.unknown-material", name) + Suggest.hint(name, MaterialKind.allCases.map(\.rawValue))
    case .review: return L10n.t("parse.review")
    case .reviewReason: return L10n.t("parse.review.why")
    case .snapshot: return L10n.t("parse.snapshot")
    case .restore: return L10n.t("parse.restore")
    case .monthly: return L10n.t("parse.monthly")
    case .finish: return L10n.t("parse.finish")
    case .referTo: return L10n.t("parse.refer-to")
    case .decide: return L10n.t("parse.decide")
    case .unknownOutcome(let o): return L10n.t("parse.unknown-outcome", o) + Suggest.hint(o, Outcome.allCases.map(\.rawValue))
    case .invalidPair(let d): return L10n.t("malformed.invalid-pair", DefectCatalog.pairProblem(d).map { Localized.pairProblem($0) } ?? d)
    case .unknownDefect(let d):
      return L10n.t("session.unknown-defect", d) + Suggest.hint(d, DefectCatalog.allCodes) + L10n.t("session.unknown-defect.tab")
    case .supplementWithoutDefects: return L10n.t("parse.supplement")
    case .acceptWithDefects: return L10n.t("parse.accept")
    case .refusalWithoutGround: return L10n.t("parse.refuse")
    case .advance: return L10n.t("parse.advance")
    case .eventNeeded: return L10n.t("event.needed", eventUsage)
    case .surge: return L10n.t("event.surge.usage")
    case .colleagueAbsent: return L10n.t("event.absent.usage")
    case .announce: return L10n.t("event.announce.usage")
    case .ruleChange: return L10n.t("event.rule-change.usage")
    case .unknownEvent(let kind): return L10n.t("event.unknown", kind, Suggest.hint(kind, InstructorEvent.kinds), eventUsage)
    }
  }
}

/// Why an attempt could not be set up (``AttemptSetupError``), in the session's language.
enum SetupScreens {
  static func message(_ e: AttemptSetupError) -> String {
    switch e {
    case .unknownScenario(let id, let known): return L10n.t("setup.unknown-scenario", id, Suggest.hint(id, known))
    case .doesNotLoad(let id, let d): return d.map { L10n.t("setup.does-not-load.why", id, $0) } ?? L10n.t("setup.does-not-load", id)
    case .policyDoesNotLoad(let pack): return L10n.t("setup.policy-does-not-load", pack)
    }
  }
}
