import Foundation
import PermitContent
import PermitCore
import Testing

@testable import PermitTraining

/// Issue 8: the autoplayer chooses the next file from an index kept from the tickets each command
/// touched (``WorkIndex``), not by scanning every ticket. It must play exactly what the scan plays.
@Suite struct AutoplayIndexTests {
  /// Plays `setup` in `style` both ways: the commands and replies, and the score.
  func both(_ setup: AttemptRunner.Setup, _ style: AutoplayStyle) -> (indexed: [String], scanned: [String], scores: (String, String)) {
    var out: [[String]] = []
    var scores: [String] = []
    for scan in [false, true] {
      let r = AttemptRunner(setup: setup)
      var lines: [String] = []
      Autoplayer.play(r, style: style, scan: scan) { c, reply in
        lines.append(CommandLog.encode(.command(c)) + " " + c.name + " -> " + String(describing: reply.answer) + " | " + String(describing: reply.refusal) + " | "
          + String(describing: reply.events) + " ok=\(reply.ok)")
      }
      out.append(lines)
      scores.append(Scorer.score(r).json.render())
    }
    return (out[0], out[1], (scores[0], scores[1]))
  }

  @Test(arguments: [TraineePost.a, .b])
  func indexPlaysWhatTheScanPlaysOnGeneratedScenarios(post: TraineePost) {
    let pack = RuntimeFixture.pilot
    for (count, seed) in [(12, UInt64(1)), (60, UInt64(7))] {
      let o = ScenarioGeneration.Options(
        id: "index-\(count)", count: count, seed: seed, types: [], defectRate: 0.6, mix: [], talentShare: 0.1, window: "chaoyang",
        post: post, start: Timestamp(iso: "2017-07-03T09:00+08:00")!, everyMinutes: 5)
      let scenario = ScenarioGeneration.make(o, policy: pack)
      let setup = AttemptRunner.Setup(
        scenario: scenario, applicants: scenario.applicants, policy: pack, packs: { try? RuntimeFixture.library.policy($0).get() },
        trainee: "ada", mode: .autoplay)
      for style in AutoplayStyle.allCases {
        let r = both(setup, style)
        #expect(r.indexed.count > count, "\(count) applicants, post \(post), \(style): too few commands")
        #expect(r.indexed == r.scanned, "\(count) applicants, post \(post), \(style)")
        #expect(r.scores.0 == r.scores.1, "\(count) applicants, post \(post), \(style)")
      }
    }
  }

  @Test func indexPlaysWhatTheScanPlaysOnTheShippedScenarios() {
    let course = Course(library: RuntimeFixture.library)
    #expect(course.scenarioIDs.count > 5)
    for id in course.scenarioIDs.sorted() {
      guard case .success(let setup) = course.setup(scenario: id, trainee: "ada", mode: .autoplay, seed: 3) else {
        Issue.record("\(id) does not set up")
        continue
      }
      for style in AutoplayStyle.allCases {
        let r = both(setup, style)
        #expect(r.indexed == r.scanned, "\(id), \(style)")
        #expect(r.scores.0 == r.scores.1, "\(id), \(style)")
      }
    }
  }

  @Test func aRestoreRebuildsTheIndex() {
    // Touched tickets and a restore (every case may have changed) both bring the index up to date.
    let s = RuntimeFixture.scenario(post: .a)
    let setup = AttemptRunner.Setup(
      scenario: s, applicants: s.applicants, policy: RuntimeFixture.pilot, packs: { _ in RuntimeFixture.pilot }, trainee: "ada",
      mode: .practice)
    let r = AttemptRunner(setup: setup)
    var index = WorkIndex(style: .perfect)
    func step(_ c: AttemptCommand) {
      let st = r.step(.command(c))
      r.adopt(st)
      index.touched(st.state.session.touched, rewindsAll: st.rewindsAll)
    }
    func scanned() -> [Int] {
      let x = r.session
      return x.tickets.indices.filter { i in
        guard let c = x.cases[x.tickets[i]] else { return false }
        return c.state == .received || c.state == .agreed
      }
    }
    step(.snapshot(name: "start"))
    var seen = 0
    for _ in 0..<40 where !r.session.finished {
      step(.advance(.next))
      index.update(r.session)
      #expect(index.ready == scanned())
      seen = max(seen, index.ready.count)
      if let i = index.ready.first {
        step(.open(ticket: r.session.tickets[i]))
        step(.decide(outcome: .accept, defects: [], referTo: nil))
        index.update(r.session)
        #expect(index.ready == scanned())
      }
    }
    #expect(seen > 0)
    step(.restore(name: "start"))
    index.update(r.session)
    #expect(index.ready == scanned())
  }
}
