import PermitCore
import Testing

@testable import PermitTraining
import PermitContent

/// Random commands, well-formed and not, thrown at the runtime: it must never crash, the clock must
/// never go back (except a practice restore), every notice carries two different signatures, and
/// replaying the commands rebuilds the same state.
@Suite struct SessionFuzzTests {
  static let words = [
    "brief", "queue", "open", "show", "checklist", "points", "decide", "handover", "review", "issue", "clock", "advance",
    "hint", "snapshot", "restore", "monthly", "bogus", "",
  ]
  static let args = [
    "T001", "T002", "T003", "G001", "t001", "accept", "accept-pending", "supplement", "refuse", "agree", "return",
    "missing:degree", "stale:criminal-record", "out-of-jurisdiction", "--refer-to", "haidian", "municipal-center",
    "--next", "--to", "14:00", "2017-07-04T09:00+08:00", "30m", "1d", "-1h", "x", "passport", "criminal-record", "2017-07",
    "snap", "", "\u{0}", "💥", String(repeating: "a", count: 300),
  ]

  @Test(arguments: [TraineePost.a, .b])
  func randomCommandsNeverBreakTheRuntime(post: TraineePost) {
    var rng = SeededRandom(seed: post == .a ? 7 : 8)
    for round in 0..<6 {
      let scenario = RuntimeFixture.scenario(post: post, colleague: round % 2 == 0 ? .careful : .rubberStamp)
      let setup = RuntimeFixture.setup(scenario, mode: .practice)
      let runner = AttemptRunner(setup: setup)
      var log: [[String]] = []
      var last = runner.session.now
      for _ in 0..<300 {
        var cmd = [rng.pick(Self.words)]
        for _ in 0..<rng.int(0...3) { cmd.append(rng.pick(Self.args)) }
        if cmd[0].isEmpty { cmd.removeFirst() }
        let reply = runner.apply(cmd)
        log.append(cmd)
        if cmd.first != "restore" || !reply.ok { #expect(runner.session.now >= last, "\(cmd)") }
        last = runner.session.now
        for t in runner.session.tickets {
          for n in runner.session.cases[t]!.notices { #expect(n.maker != n.checker) }
        }
      }
      let again = AttemptRunner.replay(setup: setup, log: log)
      #expect(again.session.now == runner.session.now)
      #expect(again.session.tickets == runner.session.tickets)
      #expect(Scorer.score(again.session).json == Scorer.score(runner.session).json)
    }
  }
}
