@testable import PermitDeskCLI
import Foundation
import PermitContent
import PermitCore
import PermitTraining
import Testing

/// Issue 9: scores a trainer can certify. Over every shipped scenario: doing nothing, deciding only
/// the first file, or rubber-stamping every post B review never reaches the pass mark; the running
/// score after any prefix of the perfect log never exceeds the final one, never goes down along
/// the perfect play, and says how many files are still open.
@Suite("scoring cannot be gamed, over every shipped scenario")
struct ScoringPropertyTests {
  static var course: Course { AutoplayPropertyTests.course }

  static func runner(_ id: String, mode: AttemptMode = .autoplay) throws -> AttemptRunner {
    AttemptRunner(setup: try course.setup(scenario: id, trainee: "gamer", mode: mode, seed: 0).get())
  }

  static func card(_ r: AttemptRunner, _ id: String) -> ScoreCard {
    let m = course.module(of: id)
    return Scorer.score(r, passMark: m?.passMark, module: m)
  }

  /// The examiner's answer for the open round, as `decide` words.
  static func answer(_ c: CaseFile) -> [String] {
    let e = c.currentRound.examination
    let codes = e.outcome == .acceptPending ? e.pending.map { "missing:" + $0.rawValue } : e.defects.map(\.code)
    return ["decide", e.outcome.rawValue] + codes + (e.referTo.map { ["--refer-to", $0] } ?? [])
  }

  /// Lets time pass until `done` holds with the window open, or nothing more is scheduled.
  static func wait(_ r: AttemptRunner, until done: () -> Bool) {
    var guardCount = 0
    while !(done() && r.session.windowOpen), r.session.nextStop().map({ $0 > r.session.now }) == true, guardCount < 500 {
      guardCount += 1
      _ = r.apply(["advance", "--next"])
    }
  }

  @Test("doing nothing scores nothing for decisions and never passes", arguments: AutoplayPropertyTests.shipped)
  func doingNothing(_ id: String) throws {
    let r = try Self.runner(id)
    // Plain `finish` lists what would lapse and changes nothing; `finish --now` goes ahead.
    let plain = r.apply(["finish"])
    #expect(!plain.ok && !r.session.finished, "\(id): finish went ahead with every file still to do")
    #expect(plain.lines.first?.contains("would lapse into") == true, "\(id): \(plain.lines)")
    _ = r.apply(["finish", "--now"])
    let card = Self.card(r, id)
    #expect(card.decisions == 0 && card.timeLimits == 0, "\(id): \(AutoplayPropertyTests.dims(card))")
    #expect(!card.passed && card.overall < card.passMark, "\(id): \(card.overall)")
    #expect(card.open == 0 && card.files == r.session.applicants.count)
  }

  @Test("deciding only the first file never passes when there are more", arguments: AutoplayPropertyTests.shipped)
  func onlyTheFirstFile(_ id: String) throws {
    let r = try Self.runner(id)
    let s = { r.session }
    Self.wait(r) { !s().tickets.isEmpty }
    let t = try #require(s().tickets.first, "\(id): nobody arrived")
    _ = r.apply(["open", t])
    if s().scenario.post == .a {
      _ = r.apply(Self.answer(s().cases[t]!))
      _ = r.apply(["handover"])
      Self.wait(r) { s().cases[t]!.state != .proposed }
      _ = r.apply(["open", t])
      _ = r.apply(["issue"])
    } else {
      Self.wait(r) { s().cases[t]!.state == .proposed }
      _ = r.apply(["open", t])
      let c = s().cases[t]!
      for k in Set(c.currentRound.packet.materials.map(\.kind)).sorted() { _ = r.apply(["show", k.rawValue]) }
      let why = Session.judge(c.proposal!, against: c.currentRound.examination)
      _ = r.apply(why.map { ["review", "return", $0] } ?? ["review", "agree"])
    }
    _ = r.apply(["finish", "--now"])
    let card = Self.card(r, id)
    guard r.session.applicants.count > 1 else { return }
    #expect(!card.passed, "\(id): deciding 1 file of \(r.session.applicants.count) scored \(card.overall) (\(AutoplayPropertyTests.dims(card)))")
    #expect(card.decisions <= 100 / r.session.applicants.count + 1, "\(id): decisions \(card.decisions)")
  }

  @Test("rubber-stamping every post B review never passes", arguments: AutoplayPropertyTests.shipped)
  func rubberStamping(_ id: String) throws {
    let r = try Self.runner(id)
    guard r.session.scenario.post == .b else { return }
    var steps = 0
    while !r.session.finished && steps < 2000 {
      steps += 1
      let s = r.session
      if let t = s.tickets.first(where: { s.cases[$0]!.state == .proposed }), s.windowOpen {
        _ = r.apply(["open", t])
        _ = r.apply(["review", "agree"])
      } else if let n = s.nextHappening(), n > s.now {
        _ = r.apply(["advance", "--next"])
      } else {
        _ = r.apply(["finish"])
      }
    }
    let card = Self.card(r, id)
    #expect(!card.passed, "\(id): rubber-stamping scored \(card.overall) (\(AutoplayPropertyTests.dims(card)))")
    #expect(card.doubleReview < 50, "\(id): double review \(card.doubleReview)")
  }

  @Test("the running score along the perfect log rises to the final one, never above", arguments: AutoplayPropertyTests.shipped)
  func runningScore(_ id: String) throws {
    let played = try Self.runner(id)
    var log: [AttemptCommand] = []
    Autoplayer.play(played, style: .perfect) { c, _ in log.append(c) }
    let final = Self.card(played, id)
    let r = try Self.runner(id)
    var previous = Self.card(r, id)
    #expect(previous.decisions == 0 && previous.open == r.session.applicants.count, "\(id) before anything")
    for (i, c) in log.enumerated() {
      let words = c.words
      _ = r.apply(c)
      let now = Self.card(r, id)
      #expect(now.decisions >= previous.decisions, "\(id) step \(i) \(words): decisions fell \(previous.decisions) -> \(now.decisions)")
      #expect(now.overall <= final.overall && now.decisions <= final.decisions, "\(id) step \(i): running \(now.overall) above final \(final.overall)")
      #expect(now.open <= previous.open, "\(id) step \(i) \(words): open went \(previous.open) -> \(now.open)")
      previous = now
    }
    #expect(previous.overall == final.overall && previous.json.render() == final.json.render(), "\(id): replayed card differs")
  }
}
