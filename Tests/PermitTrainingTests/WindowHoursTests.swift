@testable import PermitDeskCLI
import PermitCore
import Testing

@testable import PermitTraining
import PermitContent

/// Issue 9 items 5 and 6 in the runtime: window work is refused while the window is closed and
/// changes nothing; no notice carries a time outside opening hours; an action that would run past
/// closing ends at closing, said; `advance --next` stops at the opening; `finish` lists what would
/// still happen and needs `--now` when anything is listed.
@Suite struct WindowHoursTests {
  static func runner(post: TraineePost = .a, mode: AttemptMode = .practice, correction: Bool = false) -> AttemptRunner {
    var s = RuntimeFixture.scenario(post: post, planted: post == .b)
    if correction {
      // T002 (a one-time notice) comes back corrected 4 open hours after the notice.
      s.applicants[1].correction = ScriptedApplicant.Correction(afterHours: 4, packet: RuntimeFixture.packet(RuntimeFixture.complete), expect: nil)
    }
    return AttemptRunner(setup: RuntimeFixture.setup(s, mode: mode))
  }

  static func at(_ s: String) -> Timestamp { RuntimeFixture.at(s) }

  /// What a refused command must leave as it was.
  struct Fingerprint: Equatable {
    var now: Timestamp
    var cases: [String: CaseFile]
    var facts: PermitTraining.AttemptFacts
    var open: String?
    var finished: Bool
    init(_ s: Session) { (now, cases, facts, open, finished) = (s.now, s.cases, s.facts, s.openTicket, s.finished) }
  }

  @Test func windowWorkIsWhatCostsWindowTimeAndComesFromTheTable() {
    let window = AttemptCommands.specs.filter(\.needsOpenWindow).map(\.name)
    #expect(window == ["open", "show", "checklist", "points", "decide", "handover", "review", "issue", "hint"])
    #expect(window == AttemptCommands.costKeys)
  }

  @Test func windowWorkIsRefusedWhileClosedAndChangesNothing() {
    let r = Self.runner()
    #expect(r.session.windowOpen)
    #expect(r.apply(["advance", "--to", "17:30"]).ok)
    #expect(!r.session.windowOpen)
    let before = Fingerprint(r.session)
    let words: [[String]] = [
      ["open", "T001"], ["show"], ["show", "passport"], ["checklist"], ["points"], ["decide", "accept"], ["handover"],
      ["review", "agree"], ["issue"], ["hint"],
    ]
    for w in words {
      let reply = r.apply(w)
      #expect(!reply.ok, "\(w)")
      #expect(reply.lines == ["the window is closed until Tue 09:00 (2017-07-04): 'advance --next' to wait for the opening"], "\(w)")
      #expect(Fingerprint(r.session) == before, "\(w) changed the attempt")
    }
    // Reading the queue, the clock and the briefing, and letting time pass, need no window.
    #expect(r.apply(["queue"]).ok && r.apply(["brief"]).ok)
    let clock = r.apply(["clock"])
    #expect(clock.ok && clock.lines.contains("The window is closed; it opens Tue 09:00 (2017-07-04)."), "\(clock.lines)")
    // advance --next stops at the opening (the next deadline is days away).
    #expect(r.apply(["advance", "--next"]).ok)
    #expect(r.session.now == Self.at("2017-07-04T09:00+08:00"))
    #expect(r.apply(["open", "T001"]).ok)
    #expect(r.apply(["clock"]).lines.contains("The window is open until 17:00."))
  }

  @Test func theWeekendAndHolidaysOfThePacksCalendarAreClosed() {
    let r = Self.runner()
    #expect(r.apply(["advance", "--to", "2017-07-08T10:00+08:00"]).ok)  // a Saturday, at opening hours
    let reply = r.apply(["open", "T001"])
    #expect(!reply.ok && reply.lines == ["the window is closed until Mon 09:00 (2017-07-10): 'advance --next' to wait for the opening"])
    // The pilot pack's 2017 calendar: 2 October is a National Day holiday.
    #expect(r.apply(["advance", "--to", "2017-10-02T10:00+08:00"]).ok)
    #expect(!r.session.windowOpen)
    #expect(r.apply(["show"]).lines.first?.hasPrefix("the window is closed until ") == true)
  }

  @Test func anActionThatWouldRunPastClosingEndsAtClosingAndSaysSo() throws {
    let r = Self.runner()
    #expect(r.apply(["advance", "--to", "16:50"]).ok)
    #expect(r.apply(["open", "T001"]).ok)  // 2 minutes: 16:52
    #expect(r.apply(["advance", "--to", "16:58"]).ok)
    let reply = r.apply(["decide", "accept"])  // 3 minutes from 16:58
    #expect(reply.ok)
    #expect(reply.lines.contains("The window closes at 17:00: this ended at closing, after 2 of its 3 minutes. It opens again Tue 09:00 (2017-07-04)."), "\(reply.lines)")
    #expect(r.session.now == Self.at("2017-07-03T17:00+08:00"))
    let proposed = try #require(r.session.facts.proposals.last)
    #expect(proposed.at == Self.at("2017-07-03T16:58+08:00"))
    // The next window work waits for the opening.
    #expect(!r.apply(["handover"]).ok)
    // An action that fits before closing says nothing of it.
    #expect(r.apply(["advance", "--next"]).ok)
    let fits = r.apply(["handover"])
    #expect(fits.ok && !fits.lines.contains { $0.contains("ended at closing") })
  }

  @Test(arguments: [TraineePost.a, .b])
  func noNoticeEverCarriesATimeOutsideOpeningHours(post: TraineePost) {
    // Random commands, with advances into the evening and the weekend, and autoplay of every style.
    var rng = SeededRandom(seed: post == .a ? 21 : 22)
    var runners: [AttemptRunner] = []
    for round in 0..<6 {
      let r = Self.runner(post: post, correction: round % 2 == 0)
      for _ in 0..<300 {
        var c = TypedCommandTests.random(&rng, r.session)
        if rng.int(0...5) == 0 { c = .advance(rng.pick([.toClock(hour: 18, minute: 30), .by(seconds: 2 * 86400 + 3600), .by(seconds: 7 * 3600)])) }
        let before = Fingerprint(r.session)
        let closed = !r.session.windowOpen && !r.session.finished
        let reply = r.apply(c)
        if closed && AttemptCommands.spec(c.name)!.needsOpenWindow {
          #expect(!reply.ok && Fingerprint(r.session) == before, "\(c.words) at a closed window")
        }
      }
      r.apply(.finish(now: true))
      runners.append(r)
    }
    for style in AutoplayStyle.allCases {
      let r = Self.runner(post: post, correction: true)
      Autoplayer.play(r, style: style) { c, reply in
        #expect(!reply.lines.contains { $0.hasPrefix("the window is closed") }, "\(style): \(c.words) refused for the hour")
      }
      #expect(r.session.finished, "\(style)")
      runners.append(r)
    }
    var notices = 0
    for r in runners {
      let s = r.session
      for t in s.tickets {
        let c = s.cases[t]!
        for n in c.notices {
          notices += 1
          #expect(s.scenario.hours.isOpen(at: n.issuedAt, calendar: c.policy.calendar, offset: c.policy.utcOffsetSeconds), "\(t): notice at \(n.issuedAt)")
        }
      }
    }
    #expect(notices >= 15)
  }

  @Test func finishListsWhatWouldStillHappenAndNeedsNow() {
    let r = Self.runner(correction: true)
    // Before anyone arrives: three applicants still to come.
    #expect(r.session.stillToHappen == [.arrivals(count: 3, next: Self.at("2017-07-03T09:10+08:00"))])
    #expect(r.apply(["advance", "--to", "11:00"]).ok)
    let s = r.session
    #expect(s.stillToHappen.count == 3)
    let before = Fingerprint(r.session)
    let refused = r.apply(["finish"])
    #expect(!refused.ok && !r.session.finished)
    #expect(Fingerprint(r.session) == before)
    let text = refused.lines.joined(separator: "\n")
    #expect(text.hasPrefix("not finished: this would still happen without you:"))
    #expect(text.contains("  T001 (received): no notice yet; its deadline \(s.cases["T001"]!.acceptanceDeadline) would lapse into a deemed acceptance"), "\(text)")
    #expect(text.contains("'finish --now' to finish anyway"))

    // T002 gets its one-time notice: now its correction is due back and is listed.
    let t2 = s.cases["T002"]!
    let e = t2.currentRound.examination
    #expect(r.apply(["open", "T002"]).ok)
    #expect(r.apply(["decide", "supplement"] + e.defects.map(\.code)).ok)
    #expect(r.apply(["handover"]).ok)
    #expect(r.apply(["issue"]).ok, "\(r.session.cases["T002"]!.state)")
    #expect(r.session.stillToHappen.contains { if case .correction(ticket: "T002", _) = $0 { return true } else { return false } })
    #expect(r.apply(["finish"]).lines.first?.contains("T002: the corrected file is due back at 2017-07-03T") == true)

    #expect(r.apply(["finish", "--now"]).ok)
    #expect(r.session.finished)
    #expect(r.session.tickets.filter { r.session.cases[$0]!.deemedAccepted }.count >= 2)
  }

  @Test(arguments: [TraineePost.a, .b])
  func withNothingPendingPlainFinishFinishes(post: TraineePost) {
    let r = Self.runner(post: post, mode: .autoplay, correction: true)
    var finishes: [[String]] = []
    Autoplayer.play(r, style: .perfect) { c, reply in
      if c.name == "finish" {
        finishes.append(c.words)
        #expect(reply.ok)
      }
    }
    #expect(finishes == [["finish"]])
    #expect(r.session.finished && r.session.stillToHappen.isEmpty)
  }

  @Test func finishRowsWrittenBeforeFinishNowReadAsGoingAhead() {
    #expect(CommandLog.decode(verb: "finish", arguments: "[]") == .command(.finish(now: true)))
    #expect(CommandLog.decode(verb: "finish", arguments: #"{"v":2}"#) == .command(.finish(now: true)))
    #expect(CommandLog.encode(.command(.finish(now: false))) == #"{"now":false,"v":2}"#)
    #expect(CommandLog.decode(verb: "finish", arguments: #"{"now":false,"v":2}"#) == .command(.finish(now: false)))
    #expect(AttemptCommands.parse(["finish", "later"]) == .failure(AttemptCommands.ParseError(.finish)))
  }
}
