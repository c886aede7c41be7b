@testable import PermitDeskCLI
import Foundation
import PermitContent
import PermitCore
import Testing

@testable import PermitTraining

/// Pair mode: two trainees in one session as post A and post B, each command applied as its
/// typist's post, and the one scorer's per-post view.
@Suite struct PairModeTests {
  /// A pair attempt with its log (commands and who typed them).
  final class Pair {
    let runner: AttemptRunner
    var log: [(command: LoggedCommand, actor: String)] = []
    let setup: AttemptRunner.Setup

    init(post: TraineePost = .a, mode: AttemptMode = .practice) {
      var setup = RuntimeFixture.setup(RuntimeFixture.scenario(post: post), mode: mode)
      setup.trainee = "ada"
      setup.pair = Pairing(postA: "ada", postB: "bo")
      self.setup = setup
      runner = AttemptRunner(setup: setup)
    }

    @discardableResult
    func run(_ who: String, _ words: String) -> Session.Reply {
      let command = LoggedCommand.parse(ReplInput.lenientWords(words)).0
      log.append((command, who))
      // Who holds which post now (a trainer's `reassign` changes it; ReassignTests).
      let step = runner.step(command, by: runner.pairing?.post(of: who))
      runner.adopt(step)
      return step.reply
    }

    /// Post B looks at every evidence item of a ticket's current round.
    func lookAtEverything(_ who: String, _ t: String) {
      run(who, "open \(t)")
      let c = runner.session.cases[t]!
      for item in PermitTraining.AttemptFacts.evidence(of: c) {
        run(who, item == "checklist" || item == "points" ? item : "show \(item)")
      }
    }

    func card(_ post: TraineePost) -> ScoreCard { Scorer.score(runner, post: post) }

    /// Post A closes the day (with `finish --now` where `finish` first lists what is still pending).
    @discardableResult
    func finishDay() -> Bool {
      run("ada", "finish")
      if !runner.session.finished { run("ada", "finish --now") }
      return runner.session.finished
    }
  }

  @Test("handovers reach post B's queue, verdicts come back, each post's facts are its own")
  func handoverReviewIssue() throws {
    let p = Pair()
    p.run("ada", "advance --to 09:45")
    #expect(p.run("bo", "open T001").ok)
    #expect(!p.run("bo", "review agree").ok, "nothing handed over yet")
    #expect(p.run("ada", "open T001").ok)
    #expect(p.run("ada", "decide accept").ok)
    #expect(p.runner.session.awaitingReview.isEmpty)
    let handed = p.run("ada", "handover")
    #expect(handed.ok && handed.lines[0].contains("handed over to post B (bo)"), "\(handed.lines)")
    #expect(p.runner.session.awaitingReview == ["T001"])
    #expect(!p.run("ada", "handover").ok, "already with post B")
    // The simulated colleague is off: time passes and nobody but bo reviews.
    p.run("ada", "advance 30m")
    #expect(p.runner.session.cases["T001"]?.state == .proposed)
    #expect(!p.run("bo", "issue").ok)
    #expect(!p.run("bo", "decide accept").ok)
    p.lookAtEverything("bo", "T001")
    let verdict = p.run("bo", "review agree")
    #expect(verdict.ok, "\(verdict.lines)")
    #expect(SessionScreens.pairLine(verdict.events.first { if case .reviewed = $0 { true } else { false } }!, in: p.runner.session, viewer: .a)?.contains("post B (bo) agrees") == true)
    #expect(p.runner.session.cases["T001"]?.state == .agreed)
    // Each keeps their own open file.
    #expect(p.runner.session.openTicket(of: .a) == "T001" && p.runner.session.openTicket(of: .b) == "T001")
    p.run("ada", "open T002")
    #expect(p.runner.session.openTicket(of: .a) == "T002" && p.runner.session.openTicket(of: .b) == "T001")
    p.run("ada", "open T001")
    #expect(p.run("ada", "issue").ok)
    let notice = try #require(p.runner.session.cases["T001"]?.notices.last)
    #expect(notice.maker == StaffID("trainee:ada") && notice.checker == StaffID("trainee:bo"))
    #expect(p.runner.session.facts(of: .a).reviews.isEmpty && p.runner.session.facts(of: .a).proposals.count == 1)
    #expect(p.runner.session.facts(of: .b).proposals.isEmpty && p.runner.session.facts(of: .b).reviews.count == 1)
    #expect(p.runner.session.facts(of: .a).shown.isEmpty, "post A opened no document; post B's looks are post B's")
  }

  @Test("only post A moves the clock and finishes; no snapshots; post A reviewing is a self-review")
  func whoMayDoWhat() {
    let p = Pair()
    let before = p.runner.session.now
    #expect(!p.run("bo", "advance 1h").ok)
    #expect(!p.run("bo", "advance --next").ok)
    #expect(!p.run("bo", "finish").ok)
    #expect(p.runner.session.now == before && !p.runner.session.finished)
    #expect(!p.run("ada", "snapshot s1").ok)
    #expect(!p.run("bo", "restore s1").ok)
    p.run("ada", "advance --to 09:15")
    p.run("ada", "open T001")
    p.run("ada", "decide accept")
    p.run("ada", "handover")
    let own = p.run("ada", "review agree")
    #expect(!own.ok)
    #expect(p.runner.session.facts(of: .a).breaches.map(\.kind) == [.selfReview])
    #expect(p.runner.session.facts(of: .b).breaches.isEmpty)
    #expect(p.card(.a).critical.map(\.kind) == [.selfReview])
    #expect(p.card(.b).critical.isEmpty)
  }

  @Test("each post is scored on its own post: post A's decisions and notices, post B's verdicts, evidence and promptness")
  func perPostScores() {
    let p = Pair()
    p.run("ada", "advance --to 09:45")
    // T001: right proposal, careful review.
    p.run("ada", "open T001")
    p.run("ada", "decide accept")
    p.run("ada", "handover")
    p.lookAtEverything("bo", "T001")
    p.run("bo", "review agree")
    p.run("ada", "issue")
    // T002: wrong proposal (a defective file accepted), agreed blind.
    p.run("ada", "open T002")
    p.run("ada", "decide accept")
    p.run("ada", "handover")
    p.run("bo", "open T002")
    p.run("bo", "review agree")
    p.run("ada", "issue")
    #expect(p.finishDay())

    let a = p.card(.a)
    let b = p.card(.b)
    // Post B: two rounds handed over, one verdict right; one looked at everything, one at nothing.
    #expect(b.decisions == 50, "\(b.lost)")
    #expect(b.doubleReview == 50, "\(b.lost)")
    #expect(b.timeLimits == 100)
    #expect(b.critical.map(\.kind) == [.blindAgreement])
    #expect(b.summary["handovers"] == 2)
    #expect(!b.lost.contains { $0.ticket == "T003" }, "T003 was never handed over to post B")
    // Post A: the solo post A model on post A's facts (T002 wrong, T003 never proposed).
    #expect(a.decisions < 50 && a.decisions > 0, "\(a.lost)")
    #expect(a.lost.contains { $0.ticket == "T003" })
    #expect(a.critical.isEmpty)
    #expect(a.doubleReview == 100)
    // The solo model is untouched by the per-post view.
    let solo = RuntimeFixture.autoplay(RuntimeFixture.scenario(post: .a), .perfect).0
    #expect(Scorer.score(solo.session).overall == Scorer.score(solo.session, post: .b).overall)
  }

  @Test("a verdict working days after the handover costs post B time; a handover left to lapse costs its whole share")
  func lateVerdicts() {
    let p = Pair()
    p.run("ada", "advance --to 09:45")
    p.run("ada", "open T001")
    p.run("ada", "decide accept")
    p.run("ada", "handover")
    p.run("ada", "open T002")
    #expect(p.run("ada", "decide supplement stale:criminal-record").ok)
    #expect(p.run("ada", "handover").ok)
    // Post B answers T001 two working days after the handover (Monday to Wednesday) and never
    // answers T002, which lapses once post A finishes the day.
    p.run("ada", "advance --to 2017-07-05T10:00+08:00")
    p.lookAtEverything("bo", "T001")
    #expect(p.run("bo", "review agree").ok)
    p.finishDay()
    let b = p.card(.b)
    let late = b.lost.filter { $0.dimension == .timeLimits }
    #expect(late.contains { $0.ticket == "T001" && $0.explanation.hasPrefix("verdict 2 working days") && $0.points == 25 }, "\(late)")
    #expect(late.contains { $0.ticket == "T002" && $0.explanation.contains("not reviewed") && $0.points == 50 }, "\(late)")
    #expect(b.timeLimits == 25)
  }

  @Test("the log replays each command as its typist's post, exactly")
  func replay() {
    let p = Pair()
    p.run("ada", "advance --to 09:45")
    p.run("ada", "open T002")
    p.run("ada", "decide supplement stale:criminal-record")
    p.run("ada", "handover")
    p.lookAtEverything("bo", "T002")
    p.run("bo", "review return the degree is not authenticated")
    p.run("ada", "hint")
    p.run("bo", "hint")
    let again = AttemptRunner.replay(setup: p.setup, log: p.log)
    #expect(again.session.now == p.runner.session.now)
    #expect(again.session.cases["T002"]?.state == p.runner.session.cases["T002"]?.state)
    #expect(again.session.cases["T002"]?.state == .received, "returned to post A")
    #expect(again.session.facts(of: .b).hints == ["T002"] && again.session.facts(of: .a).hints == ["T002"])
    #expect(Scorer.score(again, post: .a).lost == p.card(.a).lost)
    #expect(Scorer.score(again, post: .b).lost == p.card(.b).lost)
    // Replayed without the actors, every command is post A's: the result differs.
    let blind = AttemptRunner.replay(setup: p.setup, log: p.log.map(\.command))
    #expect(blind.session.facts(of: .b).reviews.isEmpty)
  }
}
