import Foundation
import PermitContent
import PermitCore
import PermitLocalization
@testable import PermitTraining
import Testing

/// The case timeline's typed reasons (``TransitionReason``) rendered in both languages: English is
/// the core's stable form word for word (but for a Center bounce, whose stable form says "refused:
/// bounced:" and whose screen says "bounced:" once), Chinese translates every reason with the
/// codes' names.
@Suite struct TimelineRenderingTests {
  static let grade = Grading.grade(
    Proposal(outcome: .accept, defects: [], maker: "ann", at: Timestamp(iso: "2017-07-03T10:00+08:00")!),
    against: Examiner(policy: RuntimeFixture.pilot).examine(RuntimeFixture.packet(RuntimeFixture.defective)))

  /// One reason of every kind.
  static let reasons: [TransitionReason] = [
    .received(window: "chaoyang", deadline: CivilDate(iso: "2017-07-10")!),
    .proposed(.supplement, defects: ["stale:criminal-record", "missing:degree"]),
    .proposed(.accept, defects: []),
    .agreed(.refuse),
    .returned(reason: .grade(grade)),
    .acceptanceIssued(.acceptPending, lateAfter: CivilDate(iso: "2017-07-10")!, maker: "trainee:ada", checker: "Li Wei (simulated post B)", centerDue: CivilDate(iso: "2017-07-17")!),
    .acceptanceIssued(.accept, lateAfter: nil, maker: "ann", checker: "bob", centerDue: CivilDate(iso: "2017-07-17")!),
    .oneTimeNoticeIssued(defects: ["unsigned:contract"], lateAfter: nil),
    .refusalIssued(referTo: "municipal-center", lateAfter: CivilDate(iso: "2017-07-10")!),
    .refusalIssued(referTo: nil, lateAfter: nil),
    .deemedAccepted(deadline: CivilDate(iso: "2017-07-10")!, receipt: CivilDate(iso: "2017-07-03")!),
    .resubmitted(round: 2, deadline: CivilDate(iso: "2017-07-13")!),
    .pendingReceived(.degree, stillPending: [.healthCertificate]),
    .pendingReceived(.degree, stillPending: []),
    .preliminaryReviewDone,
    .centerApproved(lateAfter: nil),
    .centerApproved(lateAfter: CivilDate(iso: "2017-07-17")!),
    .centerRefused(.shouldNotHaveBeenAccepted(.supplement, defects: ["stale:criminal-record"]), lateAfter: nil),
    .centerRefused("not eligible", lateAfter: CivilDate(iso: "2017-07-17")!),
    .filed(until: CivilDate(iso: "2020-07-13")!, years: 3),
    .purged(retentionEnded: CivilDate(iso: "2020-07-13")!),
    .policyChanged(from: "beijing-2017-pilot", to: "beijing-2024"),
  ]

  /// The stable form of a reason whose English screen text differs from it: a Center bounce.
  static func isBounce(_ r: TransitionReason) -> Bool {
    if case .centerRefused(.shouldNotHaveBeenAccepted, _) = r { return true }
    return false
  }

  @Test func englishIsTheStableForm() {
    #expect(Self.grade.explanation != nil)
    for r in Self.reasons where !Self.isBounce(r) { #expect(Localized.transitionReason(r, in: .en) == r.description) }
  }

  /// A bounce is worded once on screen; what the store keeps and `verify` compares is unchanged.
  @Test func aBounceSaysBouncedOnce() {
    let bounce = TransitionReason.centerRefused(.shouldNotHaveBeenAccepted(.supplement, defects: ["stale:criminal-record", "unsigned:contract"]), lateAfter: nil)
    #expect(bounce.description == "refused: bounced: the file should not have been accepted (supplement: stale:criminal-record, unsigned:contract)")
    let late = TransitionReason.centerRefused(.shouldNotHaveBeenAccepted(.refuse, defects: []), lateAfter: CivilDate(iso: "2017-07-17")!)
    #expect(late.description == "refused: bounced: the file should not have been accepted (refuse: ) (after the Center's deadline 2017-07-17)")
    let en = Localized.transitionReason(bounce, in: .en)
    #expect(en == "bounced: the file should not have been accepted (supplement: stale:criminal-record, unsigned:contract)", "\(en)")
    #expect(Localized.transitionReason(late, in: .en).hasSuffix(" (after the Center's deadline 2017-07-17)"))
    let zh = Localized.transitionReason(bounce, in: .zhHans)
    #expect(zh.hasPrefix("市中心退回该受理：不应受理该案卷（supplement 一次性告知补正：stale:criminal-record "), "\(zh)")
    for (text, word) in [(en, "bounced"), (zh, "退回")] {
      #expect(text.components(separatedBy: word).count == 2, "'\(word)' once in \(text)")
    }
    // The Center's reason alone (the REPL's event puts "BOUNCED" before it).
    #expect(Localized.centerReason(.shouldNotHaveBeenAccepted(.accept, defects: ["x"]), in: .en) == "the file should not have been accepted (accept: x)")
    // A refusal in the Center's own words reads as before.
    #expect(Localized.transitionReason(.centerRefused("not eligible", lateAfter: nil), in: .en) == "refused: not eligible")
  }

  @Test func chineseTranslatesEveryReason() {
    let han = { (s: String) in s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
    let englishWords = ["received", "proposes", "agrees", "returns", "issued", "notice", "deadline", "accepted by law", "submission",
                        "pending", "review", "approved", "refused", "bounced", "filed", "retention", "policy ", "listing"]
    for r in Self.reasons {
      let zh = Localized.transitionReason(r, in: .zhHans)
      #expect(han(zh) && zh != r.description, "\(r): \(zh)")
      if case .centerRefused(.stated, _) = r { continue }  // the Center's own words stay as written
      for w in englishWords { #expect(!zh.contains(w), "\(r): '\(w)' in \(zh)") }
    }
    // Codes stay, followed by their Chinese names; dates as written.
    let proposed = Localized.transitionReason(.proposed(.supplement, defects: ["stale:criminal-record"]), in: .zhHans)
    #expect(proposed.contains("supplement 一次性告知") && proposed.contains("stale:criminal-record 无犯罪记录证明"), "\(proposed)")
    #expect(Localized.transitionReason(.received(window: "chaoyang", deadline: CivilDate(iso: "2017-07-10")!), in: .zhHans).contains("朝阳区"))
    #expect(Localized.transitionReason(.returned(reason: "看一下学历"), in: .zhHans).hasSuffix("看一下学历"))
  }

  /// The debrief's timeline of a played attempt, in both languages: the same rows, the reasons
  /// rendered from the typed history (English: the stable form).
  @Test func theDebriefTimelineInBothLanguages() {
    let s = RuntimeFixture.scenario(post: .a)
    let setup = AttemptRunner.Setup(scenario: s, applicants: s.applicants, policy: RuntimeFixture.pilot, packs: { _ in RuntimeFixture.pilot }, trainee: "ada", mode: .autoplay)
    let r = AttemptRunner(setup: setup)
    Autoplayer.play(r, style: .perfect) { _, _ in }
    let history = r.session.tickets.flatMap { r.session.cases[$0]!.history }
    #expect(history.contains { $0.event == .centerDecide } && history.contains { $0.event == .file })
    for tr in history {
      if !Self.isBounce(tr.reason) { #expect(Localized.transition(tr, in: .en) == tr.reason.description) }
      #expect(Localized.transition(tr, in: .zhHans) != tr.reason.description)
    }
  }
}
