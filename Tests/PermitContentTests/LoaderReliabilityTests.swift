import Foundation
import PermitCore
import Testing

@testable import PermitContent

/// Issue 11: every loader message at the right place; one integer grammar; policy ids a closed
/// vocabulary, never a path.
@Suite struct LoaderReliabilityTests {
  func diagnostics(_ text: String) -> [Diagnostic] {
    let r = YAMLReader(file: "f.yaml")
    _ = r.parse(text)
    return r.diagnostics
  }

  @Test("a control character right after non-ASCII text is placed at its own line and column",
    arguments: [
      ("a: é\u{1}\n", 1, 5), ("a: 1\nb: 日本\u{1}\n", 2, 6), ("a: 1\r\nb: 日本語\u{7}\r\n", 2, 7), ("a: 1\rb: ü\u{1}\r", 2, 5),
      ("\u{FEFF}a: 😀😀\u{2}\n", 1, 6), ("t: \"Ünïcödé \u{1B}\"\n", 1, 13),
    ])
  func controlCharacterPosition(text: String, line: Int, column: Int) throws {
    let d = try #require(diagnostics(text).first)
    #expect((d.line, d.column) == (line, column), "\(d)")
    #expect(d.message.contains("control characters"), "\(d)")
  }

  @Test("a duplicate key is reported at the duplicate, naming where it was first written",
    arguments: [
      ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first written at 1:1)"),
      ("m: {x: 1, y: 2, x: 3}\n", 1, 17, "duplicate key 'x' (first written at 1:5)"),
      ("b: 1\na: 1\nb: 2\na: 2\n", 3, 1, "duplicate key 'b' (first written at 1:1); delete or rename one; also repeated: 'a'"),
    ])
  func duplicateKey(text: String, line: Int, column: Int, message: String) throws {
    let d = try #require(diagnostics(text).first)
    #expect((d.line, d.column) == (line, column), "\(d)")
    #expect(d.message.hasPrefix(message), "\(d)")
  }

  @Test("a duplicate in a large mapping (the hashed path) is at the duplicate too")
  func duplicateInLargeMapping() throws {
    let text = (0..<30).map { "k\($0): 1" }.joined(separator: "\n") + "\nk7: 2\n"
    let d = try #require(diagnostics(text).first)
    #expect((d.line, d.column) == (31, 1) && d.message.hasPrefix("duplicate key 'k7' (first written at 8:1)"), "\(d)")
  }

  @Test("file-level problems name the file without a made-up 0:0")
  func fileLevel() throws {
    guard case .failure(let e) = ContentLibrary.readText("/nonexistent/x.yaml", display: "x.yaml") else {
      Issue.record("read a missing file")
      return
    }
    #expect(e.description == "x.yaml: error: does not exist")
    guard case .failure(let f) = ContentLibrary.readText(NSTemporaryDirectory(), display: "tmp") else { return }
    #expect(f.description == "tmp: error: is a folder")
    #expect(Diagnostic(file: "a.yaml", line: 2, column: 3, message: "m").description == "a.yaml:2:3: error: m")
  }

  @Test("whole numbers: one grammar, no '_', '+', leading zeros or -0")
  func wholeNumbers() {
    for good in [("0", 0), ("7", 7), ("-3", -3), ("360000", 360_000)] { #expect(YAMLReader.wholeNumber(good.0) == good.1) }
    for bad in ["_1", "1__0", "1_000", "+5", "007", "00", "-0", "-", "", " 1", "1 ", "١", "0x10", "1e3", "99999999999999999999"] {
      #expect(YAMLReader.wholeNumber(bad) == nil, "\(bad)")
    }
    for good in [("0.25", 0.25), ("3", 3), ("-0.5", -0.5), ("0", 0)] { #expect(YAMLReader.decimalNumber(good.0) == good.1) }
    for bad in ["1e3", "+0.5", ".5", "5.", "0x1p3", "inf", "nan", "01.5", "1_0.5"] { #expect(YAMLReader.decimalNumber(bad) == nil, "\(bad)") }
  }

  @Test("a content integer outside the grammar is an error at its value", arguments: ["_1", "1__0", "+5", "007", "-0"])
  func integerInContent(value: String) throws {
    let r = YAMLReader(file: "f.yaml")
    let node = try #require(r.parse("x: 1\nn: \(value)\n"))
    let f = try #require(r.fields(node, "the test", allowed: ["x", "n"]))
    #expect(r.int(f, "n", what: "the test", range: -100...100) == nil)
    let d = try #require(r.diagnostics.first)
    #expect((d.line, d.column) == (2, 4) && d.message.contains("must be a whole number, found '\(value)'"), "\(d)")
  }

  @Test("a policy id is looked up among the packs on disk, never used as a path")
  func policyIsNotAPath() throws {
    let root = NSTemporaryDirectory() + "permitdesk-policy-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: root + "/Policies", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    // A readable YAML file outside Policies/: its keys must never show in a message.
    try "secret-api-key: 1\n".write(toFile: root + "/secret.yaml", atomically: true, encoding: .utf8)
    let library = ContentLibrary(root: root)
    guard case .failure(let e) = library.policy("../secret") else {
      Issue.record("a path was accepted as a policy id")
      return
    }
    #expect(e.diagnostics.count == 1 && e.diagnostics[0].file == "Policies", "\(e)")
    #expect(e.description.hasPrefix("Policies: error: unknown policy pack '../secret'") && !e.description.contains("secret-api-key"), "\(e)")
  }

  @Test("a packet's policy is checked at its own line and column", arguments: [
    ("../../x/secret", "must be a policy pack id"), ("beijing-2017-pilto", "unknown policy pack 'beijing-2017-pilto'"),
  ])
  func packetPolicy(id: String, message: String) throws {
    let path = NSTemporaryDirectory() + "packet-\(UUID().uuidString).yaml"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ("window: chaoyang\npolicy: " + id + "\n" + Self.packetBody + "\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    guard case .failure(let e) = TestSupport.library.loadPacket(path: path) else {
      Issue.record("the packet loaded")
      return
    }
    let d = try #require(e.diagnostics.first)
    #expect((d.file, d.line, d.column) == (path, 2, 9) && d.message.contains(message), "\(e)")
  }

  /// A complete packet after its `window:` line: the shared fixture `Fixtures/packets/complete.yaml`
  /// (the runtime tests' applicant T001) without its comments and first line.
  static var packetBody: String {
    let text = (try? String(contentsOfFile: TestSupport.fixtures + "/packets/complete.yaml", encoding: .utf8)) ?? ""
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
    precondition(lines.first?.hasPrefix("window:") == true, "packets/complete.yaml must start with its window: line")
    return lines.dropFirst().joined(separator: "\n")
  }
}
