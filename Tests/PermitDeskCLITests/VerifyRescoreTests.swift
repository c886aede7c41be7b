import Foundation
import Testing

/// `verify --rescore`: every recorded score must follow from its action log.
@Suite struct VerifyRescoreTests {
  @Test func aScoreThatNoLongerFollowsFromTheLogIsReported() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("rescore-\(UUID().uuidString)").path
    defer { try? fm.removeItem(atPath: root) }
    try fm.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/Curriculum", withIntermediateDirectories: true)
    try fm.copyItem(atPath: CLI.root + "/Policies", toPath: root + "/Policies")
    let scenario = root + "/Scenarios/day.yaml"
    let original = try String(contentsOfFile: CLI.root + "/Scenarios/m01-jurisdiction/m01-s01-jurisdiction.yaml", encoding: .utf8)
    try original.write(toFile: scenario, atomically: true, encoding: .utf8)
    let db = root + "/sandbox.sqlite"
    // miss-defects loses decision points, so the weights matter to the overall score.
    let play = try CLI.run(["play", "m01-s01-jurisdiction", "--autoplay", "miss-defects", "--format", "json", "--content", root, "--db", db])
    #expect(play.exited(0), "\(play.stderr)")
    let clean = try CLI.run(["verify", "--rescore", "--content", root, "--db", db])
    #expect(clean.exited(0), "\(clean.stdout)")
    #expect(clean.stdout.contains("1 finished attempt re-scored"))
    // The same log scored under other weights gives another overall: the record no longer follows.
    let reweighted = original.replacingOccurrences(
      of: #"scoring: \{[^}]*\}"#, with: "scoring: { decisions: 20, double-review: 40, time-limits: 40, pass-mark: 70 }",
      options: .regularExpression)
    #expect(reweighted != original)
    try reweighted.write(toFile: scenario, atomically: true, encoding: .utf8)
    let changed = try CLI.run(["verify", "--rescore", "--content", root, "--db", db])
    #expect(changed.exited(1))
    // The content the attempt was recorded on has changed: said so, apart from a record that does
    // not follow from its log (issue 8: the content hash covers scenario, packs and calendars).
    #expect(changed.stdout.contains("attempt #1: content changed since the attempt"), "\(changed.stdout)")
    #expect(!changed.stdout.contains("does not follow from its log"), "\(changed.stdout)")
  }
}
