@testable import PermitDeskCLI
import Foundation
import PermitContent
import PermitCore
import Testing

@testable import PermitTraining

/// A trainer's `reassign`: a pair attempt's post handed to another trainee as an instructor event
/// in the log, applied at the same place by every replay; the new holder's commands act as that
/// post, the one who left holds none; a post that changed hands is recorded but credits nobody.
@Suite struct ReassignTests {
  typealias Pair = PairModeTests.Pair

  /// The pair's log as far as the trainer's event, then carol at post A.
  static func handedToCarol() -> Pair {
    let p = Pair()
    p.run("ada", "advance --to 09:45")
    p.run("ada", "open T001")
    p.run("ada", "decide accept")
    p.run("ada", "handover")
    let reply = p.instruct(.reassign(post: .a, to: "carol"))
    #expect(reply.ok, "\(reply.lines)")
    return p
  }

  @Test("the event's log form reads back as itself; it is not an inject kind")
  func logForm() {
    let e = InstructorEvent.reassign(post: .a, to: "carol")
    let text = CommandLog.encode(.instructor(e))
    #expect(text == #"{"event":"reassign","post":"A","to":"carol","v":2}"#, "\(text)")
    #expect(CommandLog.decode(verb: "inject", arguments: text) == .instructor(e))
    #expect(e.summary == "reassign A carol")
    #expect(CommandLog.decode(verb: "inject", arguments: #"{"event":"reassign","post":"C","to":"carol","v":2}"#) == .invalid(verb: "inject", arguments: []))
    #expect(CommandLog.decode(verb: "inject", arguments: #"{"event":"reassign","post":"A","to":"","v":2}"#) == .invalid(verb: "inject", arguments: []))
    // Only the trainer's `reassign` verb makes it (it checks the trainee and the post's lease first).
    #expect(!InstructorEvent.kinds.contains("reassign"))
    if case .success = InstructorEvent.parse(["reassign", "A", "carol"]) { Issue.record("inject reassign parsed") }
  }

  @Test("carol takes post A with its open file; her commands act as post A, ada holds no post")
  func newHolderActsAsThePost() throws {
    let p = Self.handedToCarol()
    let s = p.runner.session
    #expect(s.pair == Pairing(postA: "carol", postB: "bo"))
    #expect(s.seatChanges.count == 1 && s.seatChanges[0].from == "ada" && s.seatChanges[0].to == "carol")
    #expect(s.openTicket(of: .a) == "T001", "the post's open file goes with it")
    #expect(p.runner.pairing?.post(of: "ada") == nil)
    // Post B reviews what ada handed over; carol (post A now) issues and moves the clock.
    p.lookAtEverything("bo", "T001")
    #expect(p.run("bo", "review agree").ok)
    let issued = p.run("carol", "issue")
    #expect(issued.ok, "\(issued.lines)")
    let notice = try #require(p.runner.session.cases["T001"]?.notices.last)
    #expect(notice.maker == StaffID("trainee:ada") && notice.checker == StaffID("trainee:bo"), "the proposal was ada's: she is its maker")
    // What carol proposes is hers.
    p.run("carol", "open T002")
    #expect(p.run("carol", "decide accept").ok)
    #expect(p.runner.session.cases["T002"]?.proposal?.maker == StaffID("trainee:carol"))
    #expect(p.run("carol", "advance 10m").ok, "post A moves the clock")
    #expect(!p.run("bo", "advance 10m").ok)
  }

  @Test("the runtime refuses: the holder again, the other post's trainee, outside a pair, after finish")
  func refusals() {
    let p = Pair()
    let same = p.instruct(.reassign(post: .a, to: "ada"))
    #expect(!same.ok && same.refusal == .instructorSameSeat(post: .a, name: "ada"))
    let both = p.instruct(.reassign(post: .a, to: "bo"))
    #expect(!both.ok && both.refusal == .instructorBothPosts(post: .a, name: "bo"), "one person at both posts would review their own proposals")
    #expect(p.runner.session.pair == Pairing(postA: "ada", postB: "bo"))
    let alone = AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: .a)))
    #expect(alone.apply(.instructor(.reassign(post: .a, to: "carol"))).refusal == .instructorNotPair)
    #expect(p.finishDay())
    #expect(p.instruct(.reassign(post: .b, to: "carol")).refusal == .instructorFinished)
  }

  @Test("a replay of the log applies the change at the same place: the same state and scores")
  func replayIsExact() {
    let p = Self.handedToCarol()
    p.lookAtEverything("bo", "T001")
    p.run("bo", "review agree")
    p.run("carol", "issue")
    p.run("carol", "open T002")
    p.run("carol", "decide accept")
    p.run("carol", "handover")
    // Hand post B over too, then back to bo: every change applies where it was logged.
    #expect(p.instruct(.reassign(post: .b, to: "dee")).ok)
    p.lookAtEverything("dee", "T002")
    p.run("dee", "review agree")
    #expect(p.instruct(.reassign(post: .b, to: "bo")).ok)
    p.run("carol", "finish --now")
    #expect(p.runner.session.finished)
    let replayed = AttemptRunner.replay(setup: p.setup, log: p.log)
    let live = p.runner.session
    let again = replayed.session
    #expect(again.pair == live.pair && again.seatChanges == live.seatChanges)
    #expect(again.facts(of: .a).proposals.map(\.ticket) == live.facts(of: .a).proposals.map(\.ticket))
    #expect(again.facts(of: .b).reviews.map(\.ticket) == live.facts(of: .b).reviews.map(\.ticket))
    for post in [TraineePost.a, .b] {
      #expect(Scorer.score(replayed, post: post).json.render() == p.card(post).json.render())
    }
    // Without the dynamic seats, carol's and dee's rows would have been applied as post A.
    #expect(live.facts(of: .b).reviews.contains { $0.ticket == "T002" })
  }

  @Test("the stored card of a post that changed hands credits nobody and names the change; the other post's is its holder's")
  func credit() throws {
    let p = Self.handedToCarol()
    p.run("carol", "finish --now")
    let s = p.runner.session
    let a = Repl.recordedCard(p.card(.a), post: .a, session: s)
    let b = Repl.recordedCard(p.card(.b), post: .b, session: s)
    #expect(!Repl.credited(a) && Repl.credited(b))
    let o = try #require(try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any])
    let changes = try #require(o["seat-changes"] as? [[String: String]])
    #expect(changes.count == 1 && changes[0]["from"] == "ada" && changes[0]["to"] == "carol" && changes[0]["post"] == "A")
    #expect(o["overall"] as? Int == p.card(.a).overall, "the scores themselves are as scored (verify --rescore compares them)")
    #expect(b == p.card(.b).json.render())
    #expect(Repl.sharedPostLines(s, post: .a).first?.contains("ada → carol") == true)
    #expect(Repl.sharedPostLines(s, post: .b).isEmpty)
  }
}

extension PairModeTests.Pair {
  /// A trainer's event, logged as the trainer's row.
  @discardableResult
  func instruct(_ e: InstructorEvent) -> Session.Reply {
    let step = runner.step(.instructor(e))
    runner.adopt(step)
    if step.reply.ok { log.append((.instructor(e), "trainer:wang")) }
    return step.reply
  }
}
