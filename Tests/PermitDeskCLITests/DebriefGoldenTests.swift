import Foundation
import Testing

/// Golden debriefs: attempts with points lost, so that the debrief's rule ids, explanations,
/// evidence, timeline and summary are pinned down.
@Suite struct DebriefGoldenTests {
  /// The debrief part of `play --autoplay STYLE` (from the "Debrief:" line to the end).
  func debrief(_ scenario: String, _ style: String, environment: [String: String] = [:], from marker: String = "Debrief: ") throws -> String {
    let box = try Sandbox()
    let r = try box.run(["play", scenario, "--autoplay", style, "--free"], environment: environment)
    #expect(r.exited(0), "\(r.stderr)")
    let text = r.stdout
    let start = try #require(text.range(of: marker))
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

  /// Issue 15: the same debriefs in a Chinese session: every sentence of the score card in
  /// Chinese (the stored card keeps its English), codes followed by their names.
  @Test func debriefsInChinese() throws {
    let zh = ["LANG": "zh_CN.UTF-8"]
    let missed = try debrief("m02-s04-one-time-notice", "miss-defects", environment: zh, from: "讲评：")
    #expect(missed.contains("扣分明细："))
    #expect(missed.contains("遗漏 "), "\(missed)")
    #expect(missed.contains("一次性告知必须列明全部缺陷"))
    try assertSnapshot(missed, named: "zh-debrief-m02-s04-miss-defects")
    let skip = try debrief("m07-s01-planted-errors", "skip-review", environment: zh, from: "讲评：")
    #expect(skip.contains("走过场"))
    try assertSnapshot(skip, named: "zh-debrief-m07-s01-skip-review")
    for english in ["Points lost", "rule [", "evidence:", "Timeline", "missed ", "rubber-stamping", "examiner:"] {
      #expect(!missed.contains(english) && !skip.contains(english), "English left in a Chinese debrief: \(english)")
    }
  }
}
