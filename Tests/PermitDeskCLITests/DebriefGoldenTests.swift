import Foundation
import Testing

/// Golden debriefs: attempts with points lost, so that the debrief's rule ids, explanations,
/// evidence, timeline and summary are pinned down.
@Suite struct DebriefGoldenTests {
  /// The debrief part of `play --autoplay STYLE` (from the "Debrief:" line to the end).
  func debrief(_ scenario: String, _ style: String) throws -> String {
    let box = try Sandbox()
    let r = try box.run(["play", scenario, "--autoplay", style, "--free"])
    #expect(r.exited(0), "\(r.stderr)")
    let text = r.stdout
    let start = try #require(text.range(of: "Debrief: "))
    return String(text[start.lowerBound...])
  }

  @Test func missedDefectsAreExplainedWithRuleAndEvidence() throws {
    let text = try debrief("m02-s04-one-time-notice", "miss-defects")
    #expect(text.contains("Points lost:"))
    #expect(text.contains("decisions"))
    #expect(text.contains("rule ["))
    #expect(text.contains("evidence: "))
    try assertSnapshot(text, named: "debrief-m02-s04-miss-defects")
  }

  @Test func lateFilesAndSkippedReviewsAreExplained() throws {
    let late = try debrief("m01-s02-application-types", "late")
    #expect(late.contains("deemed accepted by law"))
    #expect(late.contains("[deemed-acceptance]"))
    try assertSnapshot(late, named: "debrief-m01-s02-late")
    let skip = try debrief("m07-s01-planted-errors", "skip-review")
    #expect(skip.contains("rubber-stamping"))
    try assertSnapshot(skip, named: "debrief-m07-s01-skip-review")
  }
}
