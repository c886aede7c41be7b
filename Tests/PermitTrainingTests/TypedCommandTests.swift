@testable import PermitDeskCLI
import PermitCore
import Testing

@testable import PermitTraining
import PermitContent

/// Typed commands: the table parses what the REPL used to, the log's encoding round-trips (and the
/// first schema's word arrays still read), a step that is not adopted changes nothing, and random
/// typed commands replayed from their log rebuild the same state.
@Suite struct TypedCommandTests {
  static let samples: [AttemptCommand] = [
    .brief, .queue, .open(ticket: "T001"), .show(material: nil), .show(material: .passport), .checklist, .points,
    .decide(outcome: .supplement, defects: ["missing:degree", "stale:criminal-record"], referTo: nil),
    .decide(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "haidian"), .handover,
    .review(returnReason: nil), .review(returnReason: "missing stale:criminal-record"), .issue, .clock,
    .advance(.by(seconds: 5400)), .advance(.next), .advance(.toClock(hour: 14, minute: 5)),
    .advance(.to(Timestamp(iso: "2017-07-04T09:00+08:00")!)), .hint, .snapshot(name: "s 1"), .restore(name: "s 1"),
    .monthly(year: nil, month: nil), .monthly(year: 2017, month: 7), .finish(now: false), .finish(now: true),
  ]

  @Test func everyCommandHasOneSpecAndItsWordsParseBack() throws {
    #expect(Set(AttemptCommands.names).count == AttemptCommands.specs.count)
    for c in Self.samples {
      #expect(AttemptCommands.spec(c.name) != nil)
      #expect(try AttemptCommands.parse(c.words).get() == c, "\(c.words)")
    }
    #expect(AttemptCommands.costKeys == ["open", "show", "checklist", "points", "decide", "handover", "review", "issue", "hint"])
    #expect(AttemptCommands.costKeys == ScenarioReader.costVerbs, "the scenario reader and the command table share one vocabulary")
    // Every command of the runtime's table has its help in the CLI, and nothing else does.
    #expect(Set(AttemptCommandHelp.byVerb.keys) == Set(AttemptCommands.names))
    for name in AttemptCommands.names {
      let h = AttemptCommandHelp.of(name)
      #expect(h.usage.hasPrefix(name) && !h.summary.isEmpty, "\(name)")
    }
  }

  @Test func logEncodingRoundTripsInVersion2() {
    for c in Self.samples {
      let text = CommandLog.encode(.command(c))
      #expect(text.contains("\"v\":2"))
      #expect(CommandLog.decode(verb: c.name, arguments: text) == .command(c), "\(text)")
    }
    let bad = LoggedCommand.parse(["decide", "bogus"]).0
    #expect(CommandLog.decode(verb: "decide", arguments: CommandLog.encode(bad)) == bad)
  }

  @Test func version1WordArraysStillRead() {
    #expect(CommandLog.decode(verb: "decide", arguments: #"["refuse","out-of-jurisdiction","--refer-to","haidian"]"#)
      == .command(.decide(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "haidian")))
    #expect(CommandLog.decode(verb: "advance", arguments: #"["10m"]"#) == .command(.advance(.by(seconds: 600))))
    #expect(CommandLog.decode(verb: "review", arguments: #"["return","missing","x"]"#) == .command(.review(returnReason: "missing x")))
    #expect(CommandLog.decode(verb: "decide", arguments: #"["bogus"]"#) == .invalid(verb: "decide", arguments: ["bogus"]))
    #expect(CommandLog.decode(verb: "queue", arguments: "not json") == .invalid(verb: "queue", arguments: []))
  }

  @Test func aStepNotAdoptedLeavesTheAttemptExactlyAsItWas() {
    let r = AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: .a), mode: .practice))
    r.apply(.advance(.by(seconds: 1800)))
    r.apply(.open(ticket: "T001"))
    let before = r.state.session
    for c: AttemptCommand in [.decide(outcome: .accept, defects: [], referTo: nil), .advance(.by(seconds: 86400)), .finish(now: true), .hint] {
      let step = r.step(.command(c))
      #expect(step.state.session.now >= before.now)
      #expect(r.session.now == before.now && r.session.cases == before.cases && r.session.facts == before.facts)
    }
    #expect(r.session.cases == before.cases)
  }

  @Test func restoreAfterFinishIsRefused() {
    let r = AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: .a), mode: .practice))
    #expect(r.apply(.snapshot(name: "start")).ok)
    #expect(r.apply(.finish(now: true)).ok)
    let score = Scorer.score(r.session).json
    let restore = r.apply(.restore(name: "start"))
    #expect(!restore.ok)
    #expect(restore.lines == [RefusalScreens.finished])
    #expect(restore.refusal == .finished)
    #expect(r.session.finished)
    #expect(Scorer.score(r.session).json == score)
    #expect(r.apply(.queue).ok)  // reading still works
  }

  @Test func restoreIsAValueAndCostsNoReplay() {
    let r = AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: .a), mode: .practice))
    r.apply(.advance(.by(seconds: 3600)))
    #expect(r.apply(.snapshot(name: "s")).ok)
    let saved = r.session
    r.apply(.open(ticket: "T001"))
    r.apply(.decide(outcome: .accept, defects: [], referTo: nil))
    r.apply(.advance(.by(seconds: 7200)))
    let step = r.step(.command(.restore(name: "s")))
    #expect(step.rewindsAll)
    r.adopt(step)
    #expect(r.session.now == saved.now && r.session.cases == saved.cases && r.session.facts == saved.facts)
  }

  /// A random typed command for a session (tickets, materials and defects from the attempt).
  static func random(_ rng: inout SeededRandom, _ s: Session) -> AttemptCommand {
    let tickets = s.tickets.isEmpty ? ["T001"] : s.tickets
    let codes = ["missing:degree", "stale:criminal-record", "out-of-jurisdiction", "unsigned:contract", "missing:health-certificate"]
    switch rng.int(0...15) {
    case 0: return .queue
    case 1, 2: return .open(ticket: rng.pick(tickets))
    case 3: return .show(material: rng.pick(MaterialKind.allCases))
    case 4: return .checklist
    case 5, 6:
      let o = rng.pick(Outcome.allCases)
      let d = o == .accept ? [] : Array(Set((0..<rng.int(1...2)).map { _ in rng.pick(codes) })).sorted()
      return .decide(outcome: o, defects: d, referTo: o == .refuse ? rng.pick(["haidian", "municipal-center", "shunyi"]) : nil)
    case 7: return .handover
    case 8: return rng.int(0...1) == 0 ? .review(returnReason: nil) : .review(returnReason: "missing " + rng.pick(codes))
    case 9: return .issue
    case 10: return .advance(rng.pick([.by(seconds: 600), .by(seconds: 3600), .next, .toClock(hour: 16, minute: 0)]))
    case 11: return .hint
    case 12: return .snapshot(name: rng.pick(["a", "b"]))
    case 13: return .restore(name: rng.pick(["a", "b"]))
    case 14: return .points
    default: return rng.int(0...9) == 0 ? .finish(now: rng.int(0...1) == 0) : .clock
    }
  }

  @Test(arguments: [TraineePost.a, .b])
  func randomTypedCommandsReplayToTheSameState(post: TraineePost) {
    var rng = SeededRandom(seed: post == .a ? 11 : 12)
    for round in 0..<5 {
      let scenario = RuntimeFixture.scenario(post: post, colleague: round % 2 == 0 ? .careful : .rubberStamp)
      let setup = RuntimeFixture.setup(scenario, mode: .practice)
      let runner = AttemptRunner(setup: setup)
      var log: [(verb: String, arguments: String)] = []
      for _ in 0..<250 {
        let c = Self.random(&rng, runner.session)
        runner.apply(c)
        log.append((c.name, CommandLog.encode(.command(c))))
      }
      // The log, read back as the store gives it, rebuilds everything: cases with their histories,
      // notices and rounds, the open file, the facts the scorer folds, the snapshots and the score.
      let again = AttemptRunner.replay(setup: setup, log: log.map { CommandLog.decode(verb: $0.verb, arguments: $0.arguments) })
      let (a, b) = (runner.session, again.session)
      #expect(a.now == b.now)
      #expect(a.tickets == b.tickets)
      #expect(a.cases == b.cases)
      #expect(a.openTicket == b.openTicket)
      #expect(a.facts == b.facts)
      #expect(a.finished == b.finished)
      #expect(a.policy.id == b.policy.id)
      #expect(runner.snapshotNames == again.snapshotNames)
      #expect(Scorer.score(a).json == Scorer.score(b).json)
    }
  }

  @Test(arguments: [TraineePost.a, .b])
  func scoringFactsAreAFoldOfTheEvents(post: TraineePost) {
    for style in AutoplayStyle.allCases {
      let r = AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: post, planted: post == .b)))
      var events: [SessionEvent] = []
      Autoplayer.play(r, style: style) { _, reply in events += reply.events }
      #expect(PermitTraining.AttemptFacts.fold(events) == r.session.facts, "\(style)")
      #expect(events.contains { if case .arrived = $0 { return true } else { return false } })
      // Every event the trainee sees as a message is in the reply's lines.
      #expect(!r.session.facts.proposals.isEmpty || !r.session.facts.reviews.isEmpty, "\(style)")
    }
  }

  @Test func theCentersTimingsComeFromThePolicyPack() {
    var pack = RuntimeFixture.pilot
    pack.center = CenterTimings(reviewAfterWorkingDays: 3, reviewAtMinute: 9 * 60 + 30, decideWithinWorkingDays: 1, decideAtMinute: 15 * 60)
    let s = RuntimeFixture.scenario(post: .a)
    let setup = AttemptRunner.Setup(scenario: s, applicants: s.applicants, policy: pack, packs: { _ in pack }, trainee: "ada", mode: .autoplay)
    let r = AttemptRunner(setup: setup)
    Autoplayer.play(r, style: .perfect) { _, _ in }
    var reviews = 0
    for t in r.session.tickets {
      let c = r.session.cases[t]!
      guard let accepted = c.history.first(where: { $0.event == .issue && $0.to == .centerPreliminaryReview }),
        let review = c.history.first(where: { $0.event == .centerReview })
      else { continue }
      reviews += 1
      let off = pack.utcOffsetSeconds
      #expect(review.at.description.hasSuffix("T09:30+08:00"), "\(review.at)")
      #expect(pack.calendar.workingDays(after: accepted.at.date(atOffset: off), through: review.at.date(atOffset: off)) == 3)
      if let decided = c.history.first(where: { $0.event == .centerDecide }) {
        #expect(decided.at.description.hasSuffix("T15:00+08:00"), "\(decided.event) \(decided.at)")
      }
    }
    #expect(reviews > 0)
  }
}
