import PermitContent
import PermitCore
import Testing

@testable import PermitTraining

/// The runtime answers in values, not text (issue 8): every reply carries a typed answer or a typed
/// refusal with its arguments, and the world's events carry the core's types. The CLI's screens
/// render them (tested through the golden transcripts and the screen tests).
@Suite struct TypedReplyTests {
  func runner(post: TraineePost = .a, mode: AttemptMode = .practice, colleague: ColleagueStyle = .careful) -> AttemptRunner {
    AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: post, colleague: colleague), mode: mode))
  }

  @Test func refusalsAreTypedWithTheirArguments() {
    let r = runner()
    #expect(r.apply(.open(ticket: "T001")).refusal == .notArrived(ticket: "T001"))
    #expect(r.apply(.checklist).refusal == .noOpenCase(short: false))
    #expect(r.apply(.decide(outcome: .accept, defects: [], referTo: nil)).refusal == .noOpenCase(short: true))
    r.apply(.advance(.by(seconds: 3600)))
    #expect(r.apply(.open(ticket: "T00L")).refusal == .noTicket(ticket: "T00L", known: ["T001", "T002"]))
    #expect(r.apply(["decide", "acept"]).refusal == .parse(.unknownOutcome("acept")))
    #expect(r.apply(["show", "pasport"]).refusal == .parse(.unknownMaterial("pasport")))
    #expect(r.apply(["frobnicate"]).refusal == .parse(.notAttemptCommand("frobnicate")))
    #expect(r.apply(.restore(name: "nope")).refusal == .unknownSnapshot(name: "nope", known: []))
    #expect(r.apply(.advance(.to(Timestamp(iso: "2017-07-03T08:00+08:00")!))).refusal == .backwards(now: r.session.now))
    r.apply(.open(ticket: "T001"))
    r.apply(.decide(outcome: .accept, defects: [], referTo: nil))
    let issue = r.apply(.issue)
    #expect(issue.refusal == .core(ticket: "T001", error: .notReviewed, refused: true) && issue.answer == nil && !issue.ok)
    let assessment = runner(mode: .assessment)
    #expect(assessment.apply(.hint).refusal == .hintMode(.assessment))
    #expect(assessment.apply(.snapshot(name: "s")).refusal == .practiceOnly(verb: "snapshot", mode: .assessment))
  }

  @Test func answersAreTypedValues() throws {
    let r = runner()
    guard case .brief(let b) = r.apply(.brief).answer else { Issue.record("no brief"); return }
    #expect(b.post == .a && b.opens == 540 && b.closes == 1020 && b.partner == nil)
    r.apply(.advance(.by(seconds: 3600)))
    guard case .queue(let q) = r.apply(.queue).answer else { Issue.record("no queue"); return }
    #expect(q.rows.map(\.ticket) == ["T001", "T002"] && q.rows.allSatisfy { $0.state == .received && $0.due != nil && !$0.open })
    guard case .overview(let t, let file) = r.apply(.open(ticket: "T001")).answer else { Issue.record("no overview"); return }
    #expect(t == "T001" && file == r.session.cases["T001"])
    guard case .checklist(let c) = r.apply(.checklist).answer else { Issue.record("no checklist"); return }
    #expect(c.ticket == "T001" && !c.items.isEmpty && c.items.allSatisfy(\.present))
    let decided = r.apply(.decide(outcome: .accept, defects: [], referTo: nil))
    #expect(decided.answer == .decided(ticket: "T001", outcome: .accept, defects: [], referTo: nil))
    #expect(decided.events.contains { if case .proposed(let p) = $0 { p.ticket == "T001" } else { false } })
    guard case .handedOver("T001", _, nil) = r.apply(.handover).answer else { Issue.record("no handover"); return }
    let issued = r.apply(.issue)
    guard case .issued("T001", .accept, _, nil) = issued.answer else { Issue.record("no notice: \(issued)"); return }
    guard case .clock(let clock) = r.apply(.clock).answer else { Issue.record("no clock"); return }
    #expect(clock.now == r.session.now && clock.closesAt == 1020 && clock.opensAt == nil)
    #expect(r.apply(.snapshot(name: "s")).answer == .snapshotTaken(name: "s", at: r.session.now))
  }

  @Test func worldEventsCarryTheCoresTypes() {
    // The careful colleague returns a wrong proposal with its grade, not a sentence.
    let r = runner()
    r.apply(.advance(.by(seconds: 3600)))
    r.apply(.open(ticket: "T002"))
    r.apply(.decide(outcome: .accept, defects: [], referTo: nil))
    let h = r.apply(.handover)
    let returned = h.events.compactMap { e -> ReturnReason? in
      if case .colleagueReturned("T002", _, let why, nil) = e { return why }
      return nil
    }
    guard case .grade(let grade)? = returned.first else { Issue.record("no graded return: \(h.events)"); return }
    #expect(!grade.outcomeRight || !grade.missed.isEmpty)
  }
}
