@testable import PermitDeskCLI
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining
import Testing

/// The CLI's screens say every typed refusal and parse failure of the runtime from the catalog: no
/// key is missing (a missing key would show as itself) and every argument is filled in.
@Suite struct ScreenCoverageTests {
  static let at = Timestamp(iso: "2017-07-03T09:00+08:00")!
  static let opens = DayTime(date: CivilDate(year: 2017, month: 7, day: 4)!, minute: 540)

  static let refusals: [SessionRefusal] = [
    .finished, .parse(.open), .notUnderstood(verb: "zap"), .windowClosed(opens: opens), .runnerOnly(verb: "snapshot"),
    .practiceOnly(verb: "restore", mode: .assessment), .unknownSnapshot(name: "s", known: ["t"]), .unknownSnapshot(name: "s", known: []),
    .noOpenCase(short: true), .noOpenCase(short: false), .notArrived(ticket: "T009"), .noTicket(ticket: "T00l", known: ["T001"]),
    .postB(verb: "decide"), .postB(verb: "handover"), .postB(verb: "issue"), .malformed(.acceptWithDefects), .malformed(.unknownDefect("x")),
    .core(ticket: "T001", error: .notReviewed, refused: true), .core(ticket: "T001", error: .notReviewed, refused: false),
    .handoverNotProposed(ticket: "T001", state: .received), .nothingToReview(ticket: "T001", state: .received), .nothingToAdvanceTo,
    .backwards(now: at), .pastHorizon(at), .hintMode(.assessment), .noMonthly(year: 2017, month: 7),
    .stillToHappen([.arrivals(count: 2, next: at), .arrivals(count: 1, next: at), .lapse(ticket: "T001", state: .received, deadline: CivilDate(year: 2017, month: 7, day: 5)!), .correction(ticket: "T002", dueBack: at)]),
    .pairClock(postA: "ann"), .pairSnapshot, .pairAlreadyHandedOver(ticket: "T001", postB: "bo"), .pairNotHandedOver(ticket: "T001", postA: "ann"),
    .notPair, .instructorFinished, .instructorNoPack("x"), .instructorAbsentTime(now: at),
  ]

  static let parseFailures: [ParseFailure] = [
    .noCommand, .notAttemptCommand("zap"), .open, .unknownMaterial("pasport"), .review, .reviewReason, .snapshot, .restore, .monthly,
    .finish, .referTo, .decide, .unknownOutcome("acept"), .invalidPair("stale:passport"), .unknownDefect("missing:degre"),
    .supplementWithoutDefects, .acceptWithDefects, .refusalWithoutGround, .advance, .eventNeeded, .surge, .colleagueAbsent, .announce,
    .ruleChange, .unknownEvent("surj"),
  ]

  /// Text that still shows a catalog key (a missing key is shown as itself: `session.x.y`) or an
  /// unfilled placeholder.
  static func leaks(_ s: String) -> Bool {
    let first = s.split(separator: " ").first.map(String.init) ?? ""
    let keyLike = first.contains(".") && !first.hasSuffix(".") && first.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" }
    return s.isEmpty || keyLike || s.contains("{1}") || s.contains("{2}")
  }

  @Test func aMissingKeyWouldBeSeen() {
    #expect(Self.leaks(L10n.t("session.no-such-key")))
    #expect(Self.leaks(L10n.t("session.open.no-ticket")))  // its argument not filled in
    #expect(!Self.leaks(L10n.t("session.open.no-ticket", "T001")))
  }

  @Test func everyRefusalIsSaidFromTheCatalog() {
    for r in Self.refusals {
      let text = RefusalScreens.message(r)
      #expect(!Self.leaks(text), "\(r): \(text)")
    }
    #expect(RefusalScreens.message(.noTicket(ticket: "T00l", known: ["T001"])).contains("did you mean 'T001'"))
    #expect(RefusalScreens.message(.stillToHappen([.arrivals(count: 2, next: Self.at)])).split(separator: "\n").count == 3)
  }

  @Test func everyParseFailureIsSaidFromTheCatalog() {
    for f in Self.parseFailures {
      let text = ParseScreens.message(f)
      #expect(!Self.leaks(text), "\(f): \(text)")
    }
    #expect(ParseScreens.message(.unknownOutcome("acept")).contains("did you mean 'accept'"))
    #expect(ParseScreens.message(.unknownEvent("surj")).contains("did you mean 'surge'"))
  }
}
