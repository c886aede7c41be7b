@testable import PermitDeskCLI
import Foundation
import PermitCore
import Testing

@testable import PermitTraining

/// Instructor events: parsed, logged, applied now, and replayed exactly from the log.
@Suite struct InstructorEventTests {
  static let events: [InstructorEvent] = [
    .announce(text: "Window 3 closes at 15:00 \"today\""), .surge(count: 3), .colleagueAbsent(until: "11:00"),
    .ruleChange(policy: "beijing-2024"),
  ]

  @Test func parsesEachEventAndRefusesTheRest() throws {
    #expect(try InstructorEvent.parse(["surge", "3"]).get() == .surge(count: 3))
    #expect(try InstructorEvent.parse(["announce", "lunch", "at", "12"]).get() == .announce(text: "lunch at 12"))
    #expect(try InstructorEvent.parse(["colleague-absent", "2017-07-03T14:00+08:00"]).get() == .colleagueAbsent(until: "2017-07-03T14:00+08:00"))
    #expect(try InstructorEvent.parse(["rule-change", "beijing-2024"]).get() == .ruleChange(policy: "beijing-2024"))
    for bad in [[], ["surge"], ["surge", "0"], ["surge", "51"], ["colleague-absent", "25:00"], ["announce"], ["rain"]] {
      #expect((try? InstructorEvent.parse(bad).get()) == nil, "\(bad)")
    }
  }

  @Test func theLogKeepsEveryEvent() {
    for e in Self.events {
      let text = CommandLog.encode(.instructor(e))
      #expect(CommandLog.decode(verb: "inject", arguments: text) == .instructor(e), "\(text)")
      #expect(LoggedCommand.instructor(e).verb == "inject")
    }
    #expect(CommandLog.decode(verb: "inject", arguments: "{\"v\":2,\"event\":\"rain\"}") == .invalid(verb: "inject", arguments: []))
  }

  @Test func eventsHappenNowAndReplayExactly() {
    let s = RuntimeFixture.scenario(post: .a)
    let live = AttemptRunner(setup: RuntimeFixture.setup(s, mode: .practice))
    var log: [LoggedCommand] = []
    func run(_ c: LoggedCommand) -> Session.Reply {
      log.append(c)
      return live.apply(c)
    }
    _ = run(.command(.advance(.next)))
    let announced = run(.instructor(.announce(text: "drill")))
    #expect(announced.ok && announced.lines.contains("ANNOUNCEMENT: drill"), "\(announced.lines)")
    let surged = run(.instructor(.surge(count: 2)))
    #expect(surged.ok && surged.lines.contains { $0.hasPrefix("SURGE:") })
    #expect(live.session.pendingArrivals.filter { $0.ticket.hasPrefix("S") }.map(\.ticket) == ["S001", "S002"])
    #expect(live.session.applicants["S002"]?.expect != nil)  // scored against the examiner like any file
    let absent = run(.instructor(.colleagueAbsent(until: "11:00")))
    #expect(absent.ok && absent.lines.contains { $0.contains("is away until 2017-07-03T11:00+08:00") }, "\(absent.lines)")
    #expect(run(.instructor(.ruleChange(policy: "beijing-2024"))).ok)
    #expect(live.session.policy.id == "beijing-2024")
    // Refused without changing anything: a past time, an unknown pack.
    #expect(!live.apply(.instructor(.colleagueAbsent(until: "09:00"))).ok)
    #expect(!live.apply(.instructor(.ruleChange(policy: "nowhere"))).ok)
    // A second surge continues the numbering.
    _ = run(.instructor(.surge(count: 1)))
    _ = run(.command(.advance(.by(seconds: 3 * 3600))))
    #expect(live.session.tickets.filter { $0.hasPrefix("S") }.sorted() == ["S001", "S002", "S003"])

    let replayed = AttemptRunner.replay(setup: RuntimeFixture.setup(s, mode: .practice), log: log)
    #expect(replayed.session.tickets == live.session.tickets)
    #expect(replayed.session.now == live.session.now)
    #expect(replayed.session.policy.id == live.session.policy.id)
    #expect(Scorer.score(replayed.session).json == Scorer.score(live.session).json)
    // After finish, nothing more can be injected.
    _ = live.apply(.command(.finish(now: true)))
    #expect(!live.apply(.instructor(.announce(text: "late"))).ok)
  }
}
