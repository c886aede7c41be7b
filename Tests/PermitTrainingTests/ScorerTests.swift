@testable import PermitDeskCLI
import Foundation
import PermitCore
import Testing

@testable import PermitTraining
import PermitContent

/// The rules of the scoring model (README "Scoring") on the three-file fixture day: T001 complete,
/// T002 stale and unauthenticated criminal record, T003 an employer from haidian at the chaoyang window.
@Suite("Scorer: the rules of the model")
struct ScorerTests {
  typealias F = RuntimeFixture

  static func runner(post: TraineePost, colleague: ColleagueStyle = .careful, planted: Bool = false, mode: AttemptMode = .practice) -> AttemptRunner {
    AttemptRunner(setup: F.setup(F.scenario(post: post, colleague: colleague, planted: planted), mode: mode))
  }

  static func run(_ r: AttemptRunner, _ lines: [String]) {
    for l in lines { _ = r.apply(l.split(separator: " ").map(String.init)) }
  }

  @Test("each file has a fixed share: deciding one file of three earns a third, whatever else happens")
  func fixedShares() {
    let r = Self.runner(post: .a)
    Self.run(r, ["advance 15m", "open T001", "decide accept", "handover", "open T001", "issue"])
    let running = Scorer.score(r)
    #expect(running.decisions == 33 && running.files == 3, "\(running.lost.map(\.explanation))")
    #expect(running.open == 2, "T001 done, T002 and T003 still to come: \(running.open)")
    _ = r.apply(["finish", "--now"])
    let final = Scorer.score(r)
    #expect(final.decisions == 33 && final.open == 0)
    #expect(final.timeLimits == 33, "two lapsed files lose their time share")
    #expect(final.lost.filter { $0.dimension == .decisions }.map(\.ticket) == ["T002", "T003"])
    #expect(final.lost.first { $0.ticket == "T002" }?.explanation.contains("deemed acceptance") == true)
    #expect(!final.passed)
  }

  @Test("a hint costs a quarter of that file's share, and a second hint gives the next pointer")
  func hints() {
    let r = Self.runner(post: .a)
    Self.run(r, ["advance 45m", "open T002"])
    let first = r.apply(["hint"]).lines[0]
    let second = r.apply(["hint"]).lines[0]
    #expect(first != second, "the same pointer twice: \(first)")
    #expect(first.contains("pointer 1 of 2") && second.contains("pointer 2 of 2"), "\(first) / \(second)")
    let answer = r.session.cases["T002"]!.currentRound.examination.answer
    #expect(answer.outcome == .supplement && answer.defects.count == 2, "\(answer)")
    Self.run(r, ["decide supplement " + answer.defects.joined(separator: " "), "handover", "open T002", "issue"])
    let card = Scorer.score(r)
    let hintLoss = card.lost.filter { $0.rule == .hint }
    #expect(hintLoss.count == 2 && hintLoss.allSatisfy { abs($0.points - 100.0 / 3 * 0.25) < 0.01 }, "\(hintLoss)")
    #expect(card.decisions == 17, "a third less two quarters of it: \(card.decisions)")
    #expect(card.hints == 2)
  }

  @Test("accepting an out-of-jurisdiction file is a critical error; the debrief lists it first")
  func acceptOutOfJurisdiction() {
    let r = Self.runner(post: .a, colleague: .rubberStamp)
    Self.run(r, ["advance 1h30m", "open T003", "decide accept", "handover", "open T003", "issue", "finish --now"])
    let card = Scorer.score(r)
    #expect(card.critical.map(\.kind) == [.acceptOutOfJurisdiction])
    #expect(!card.passed)
    let lines = Debrief.lines(session: r.session, card: card)
    #expect(lines[1].contains("NOT PASSED: critical error accept-out-of-jurisdiction (T003)"), "\(lines[1])")
    let c = lines.firstIndex { $0.hasPrefix("Critical errors") }!
    let p = lines.firstIndex { $0.hasPrefix("Points lost") }!
    #expect(c < p)
    // A module can leave it out.
    var module = CurriculumModule(id: "m", order: 1, title: "", objectives: [], briefing: "", scenarios: ["test"], passMark: 0, prerequisites: [], assessment: false, file: "")
    module.criticalErrors = [.selfReview]
    let lenient = Scorer.score(r, passMark: 0, module: module)
    #expect(lenient.critical.isEmpty && lenient.passed)
  }

  @Test("post B: checklist and points count as evidence; agreeing blind with a wrong proposal is critical")
  func evidence() {
    // T002's proposal is planted: stale:criminal-record only (unauthenticated:degree missed).
    let blind = Self.runner(post: .b, planted: true)
    Self.run(blind, ["advance 1h", "open T002", "checklist", "points", "review agree"])
    let rv = blind.session.facts.reviews.last!
    #expect(rv.looked == ["checklist", "points"] && rv.evidence.contains("degree"))
    let card = Scorer.score(blind)
    #expect(card.critical.map(\.kind) == [.blindAgreement], "\(card.critical)")
    #expect(card.critical.first?.evidence.contains("not looked at: degree") == true)
    let rubber = card.lost.filter { $0.dimension == .doubleReview }
    #expect(rubber.count == 1 && !rubber[0].explanation.contains("rubber-stamping"), "checklist and points are not rubber-stamping: \(rubber)")

    // Looking at the degree and still agreeing: a wrong verdict, not a blind one.
    let looked = Self.runner(post: .b, planted: true)
    Self.run(looked, ["advance 1h", "open T002", "show criminal-record", "checklist", "points", "show degree", "show passport", "review agree"])
    let c2 = Scorer.score(looked)
    #expect(c2.critical.isEmpty, "\(c2.critical)")
    #expect(c2.lost.contains { $0.dimension == .decisions && $0.explanation.hasPrefix("agreed with a wrong proposal") })
    #expect(!c2.lost.contains { $0.dimension == .doubleReview && $0.ticket == "T002" }, "5 of 9 items looked at")
  }

  @Test("post B's verdict on a late change explains that it is accepted and recorded as a breach")
  func lateChange() {
    let late = F.packet("""
      window: chaoyang
      submitted: 2017-07-03T09:10+08:00
      employer: { name: "Beijing Maple (Sandbox) Co., Ltd.", district: chaoyang }
      applicant: { name: "Olivia MARTIN", nationality: CA, birth-date: 1988-04-12, passport-number: SPEC12345, passport-expires: 2027-01-01 }
      application: { type: change, category: B, position: "Software engineer", change: { kind: position, date: 2017-06-01 } }
      materials:
        - { kind: application-form, signed: true, sealed: true, name: "Olivia MARTIN", passport-number: SPEC12345 }
        - { kind: work-permit-card, name: "Olivia MARTIN" }
        - { kind: change-proof }
      """)
    var s = F.scenario(post: .b)
    s.applicants = [ScriptedApplicant(ticket: "T001", arrives: F.at("2017-07-03T09:10+08:00"), packet: late)]
    let r = AttemptRunner(setup: F.setup(s, mode: .practice))
    Self.run(r, ["advance 30m", "open T001", "show change-proof", "checklist"])
    let reply = r.apply(["review", "agree"]).lines
    #expect(reply.contains { $0.contains("late-filing:change") && $0.contains("accepted and recorded on the case as a compliance breach") }, "\(reply)")
  }

  @Test("an attempt with a restore is not credited, and says so")
  func restores() {
    let r = Self.runner(post: .a)
    Self.run(r, ["snapshot s", "advance 15m", "restore s"])
    let card = Scorer.score(r)
    #expect(card.restores == 1 && !card.credited)
    #expect(card.json.render().contains("\"credited\":false") || card.json.render().contains("\"credited\": false"))
    #expect(Debrief.lines(session: r.session, card: card, restores: r.restores).contains { $0.contains("restore s at 2017-07-03T09:15+08:00") })
  }

  @Test("a module is passed only when each required scenario has a credited pass")
  func credit() {
    var m = CurriculumModule(id: "m", order: 1, title: "", objectives: [], briefing: "", scenarios: ["a", "b", "c"], passMark: 70, prerequisites: [], assessment: false, file: "")
    func att(_ s: String, _ score: Int, passed: Bool = true, credited: Bool = true) -> AttemptSummary {
      AttemptSummary(moduleID: "m", scenarioID: s, mode: "practice", finished: true, overall: score, passed: passed, credited: credited)
    }
    let one = Progress.compute(modules: [m], attempts: [att("a", 90)])
    #expect(one[0].status == .open && one[0].scenariosToPass == ["b", "c"])
    let all = Progress.compute(modules: [m], attempts: [att("a", 90), att("b", 70), att("c", 75)])
    #expect(all[0].status == .passed)
    let restored = Progress.compute(modules: [m], attempts: [att("a", 90), att("b", 70), att("c", 100, credited: false)])
    #expect(restored[0].status == .open && restored[0].scenariosToPass == ["c"])
    let critical = Progress.compute(modules: [m], attempts: [att("a", 90), att("b", 70), att("c", 95, passed: false)])
    #expect(critical[0].status == .open)
    m.required = ["a"]
    #expect(Progress.compute(modules: [m], attempts: [att("a", 90)])[0].status == .passed)
  }
}
