import Foundation
import PermitContent
import PermitCore
import Testing

/// The pack's optional `center-timings` (Scenarios/README.md "Policy packs"): read with defaults,
/// bad values reported at their own line and column.
@Suite("Policy packs: the simulated Center's timings")
struct CenterTimingsLoaderTests {
  static let pilot = (try? String(contentsOfFile: TestSupport.root + "/Policies/beijing-2017-pilot.yaml", encoding: .utf8)) ?? ""

  /// The pilot pack with `block` appended (at the end: its line numbers follow the pack's).
  static func read(_ block: String) -> (PolicyPack?, [Diagnostic], firstLine: Int) {
    let text = pilot.hasSuffix("\n") ? pilot : pilot + "\n"
    let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let r = YAMLReader(file: "pack.yaml")
    guard let node = r.parse(text + block) else { return (nil, r.diagnostics, firstLine) }
    let years = TestSupport.pack().calendar.years
    let pack = PolicyReader.read(node, reader: r, calendars: { years[$0] })
    return (pack, r.diagnostics.filter { $0.severity == .error }, firstLine)
  }

  @Test func theShippedPacksUseTheDefaults() {
    for id in ["beijing-2017-pilot", "beijing-2024", "beijing-2025"] {
      #expect(TestSupport.pack(id).center == .standard, "\(id)")
    }
    #expect(CenterTimings.standard == CenterTimings(reviewAfterWorkingDays: 1, reviewAtMinute: 600, decideWithinWorkingDays: 2, decideAtMinute: 660))
  }

  @Test func everyKeyIsReadAndEachMayBeLeftOut() throws {
    let (all, e1, _) = Self.read("""
      center-timings:
        review-after-working-days: 3
        review-at: "09:30"
        decide-within-working-days: 0
        decide-at: "15:05"
      """)
    #expect(e1.isEmpty, "\(e1)")
    #expect(try #require(all).center == CenterTimings(reviewAfterWorkingDays: 3, reviewAtMinute: 570, decideWithinWorkingDays: 0, decideAtMinute: 905))
    let (some, e2, _) = Self.read("center-timings: { decide-at: \"16:00\" }\n")
    #expect(e2.isEmpty, "\(e2)")
    var expected = CenterTimings.standard
    expected.decideAtMinute = 960
    #expect(try #require(some).center == expected)
    let (none, e3, _) = Self.read("center-timings:\n")
    #expect(e3.isEmpty && none?.center == .standard, "\(e3)")
  }

  @Test("bad values are errors at their own position", arguments: [
    ("review-at: \"25:00\"", "'review-at' of center-timings must be a time of day written \"HH:MM\" (quoted), found '25:00'", 14),
    ("decide-at: 11h", "'decide-at' of center-timings must be a time of day", 14),
    ("review-after-working-days: -1", "review-after-working-days", 30),
    ("decide-within-working-days: 61", "decide-within-working-days", 31),
    ("decide-within-working-days: two", "decide-within-working-days", 31),
    ("decide-after: \"11:00\"", "decide-after", 3),
  ])
  func badValues(line: String, message: String, column: Int) {
    let (pack, errors, first) = Self.read("center-timings:\n  " + line + "\n")
    #expect(pack == nil)
    let e = errors.first
    #expect(errors.count == 1 && e?.message.contains(message) == true, "\(errors)")
    #expect(e?.line == first + 1 && e?.column == column, "\(String(describing: e))")
  }

  @Test("check: a bad center-timings value is file:line:column: error, exit 1")
  func checkReportsItsPosition() throws {
    try #require(EndToEndTests.available, "build the binary first: \(TestSupport.binary)")
    let dir = NSTemporaryDirectory() + "center-timings-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/pack.yaml"
    let text = Self.pilot.hasSuffix("\n") ? Self.pilot : Self.pilot + "\n"
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
    try (text + "center-timings:\n  review-at: \"10:70\"\n").write(toFile: path, atomically: true, encoding: .utf8)
    let r = try TestSupport.run(["check", path])
    #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("\(path):\(line):14: error: 'review-at' of center-timings must be a time of day"), "\(r.stdout)")
  }

  @Test func notAMapIsAnError() {
    let (pack, errors, first) = Self.read("center-timings: [1, 2]\n")
    #expect(pack == nil)
    #expect(errors.first?.line == first && errors.first?.message.contains("center-timings") == true, "\(errors)")
  }
}
