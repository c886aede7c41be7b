import Foundation
import PermitContent
import PermitTraining
import Testing

/// `play --autoplay` over every shipped scenario: the model answer scores 100 in all three
/// dimensions, and each kind of mistake costs points in its own dimension only. Runs in-process
/// through the same runtime the binary uses (`AttemptRunner`, `Autoplayer`, `Scorer`); the binary's
/// `play` is covered in `ReportEndToEndTests`.
@Suite("autoplay over every shipped scenario")
struct AutoplayPropertyTests {
  // Read-only after loading; shared by the parallel test cases.
  nonisolated(unsafe) static let course = Course(library: ContentLibrary(root: CLI.root))

  /// Ids of Scenarios/**/*.yaml except packets/ and schema/, read from the files themselves.
  static let shipped: [String] = {
    let base = CLI.root + "/Scenarios"
    let files = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("packets/") && !$0.hasPrefix("schema/") }
    return files.compactMap { f -> String? in
      guard let text = try? String(contentsOfFile: base + "/" + f, encoding: .utf8) else { return "unreadable:\(f)" }
      let line = text.split(separator: "\n").first { $0.hasPrefix("id:") }
      return line.map { $0.dropFirst(3).trimmingCharacters(in: .whitespaces) } ?? "no-id:\(f)"
    }.sorted()
  }()

  @Test("the course loads every shipped scenario without diagnostics")
  func everyScenarioLoads() {
    #expect(Self.shipped.count >= 30)
    #expect(Self.course.diagnostics.isEmpty, "\(Self.course.diagnostics.map(\.description))")
    #expect(Set(Self.course.scenarios.keys) == Set(Self.shipped))
  }

  static func play(_ id: String, _ style: AutoplayStyle) throws -> ScoreCard {
    let setup = try Self.course.setup(scenario: id, trainee: "autoplay-\(style.rawValue)", mode: .autoplay, seed: 0).get()
    let runner = AttemptRunner(setup: setup)
    Autoplayer.play(runner, style: style) { _, _ in }
    #expect(runner.session.finished, "\(id) \(style.rawValue): the attempt did not finish")
    return Scorer.score(runner.session, passMark: Self.course.module(of: id)?.passMark)
  }

  @Test("perfect = 100; skip-review, late, miss-defects each lower only their own dimension", arguments: shipped)
  func styles(_ id: String) throws {
    let setup = try Self.course.setup(scenario: id, trainee: "x", mode: .autoplay, seed: 0).get()
    let hasDefect = setup.applicants.contains { !($0.expect?.defects ?? []).isEmpty || $0.proposal != nil }

    let perfect = try Self.play(id, .perfect)
    #expect([perfect.decisions, perfect.doubleReview, perfect.timeLimits, perfect.overall] == [100, 100, 100, 100] as [Int], "\(id) perfect")
    #expect(perfect.passed, "\(id) perfect did not pass")
    #expect(perfect.lost.isEmpty, "\(id) perfect lost \(perfect.lost.map(\.explanation))")

    let skip = try Self.play(id, .skipReview)
    #expect(skip.doubleReview < 100 && skip.decisions == 100 && skip.timeLimits == 100, "\(id) skip-review: \(Self.dims(skip))")

    let late = try Self.play(id, .late)
    if setup.scenario.post == .a {
      #expect(late.timeLimits < 100 && late.decisions == 100 && late.doubleReview == 100, "\(id) late: \(Self.dims(late))")
    } else {
      // As post B the verdict is the decision: a file never reviewed costs its decision share too.
      #expect(late.timeLimits < 100 && late.decisions < 100 && late.doubleReview == 100, "\(id) late: \(Self.dims(late))")
    }

    let miss = try Self.play(id, .missDefects)
    if hasDefect {
      #expect(miss.decisions < 100 && miss.doubleReview == 100 && miss.timeLimits == 100, "\(id) miss-defects: \(Self.dims(miss))")
    } else {
      #expect([miss.decisions, miss.doubleReview, miss.timeLimits] == [100, 100, 100] as [Int], "\(id) miss-defects without defects: \(Self.dims(miss))")
    }
    for card in [skip, late, miss] { #expect(card.overall < 100 || !hasDefect) }
  }

  static func dims(_ c: ScoreCard) -> String { "decisions \(c.decisions), double-review \(c.doubleReview), time-limits \(c.timeLimits)" }
}
