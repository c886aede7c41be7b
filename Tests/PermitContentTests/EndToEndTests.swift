import Foundation
import PermitCore
import Testing

@testable import PermitContent

/// `permitdesk check` and `permitdesk generate` through the built binary.
@Suite("check and generate end to end", .serialized)
struct EndToEndTests {
  static var available: Bool { FileManager.default.isExecutableFile(atPath: TestSupport.binary) }

  @Test("check: clean files exit 0 with a summary")
  func checkClean() throws {
    try #require(EndToEndTests.available, "build the binary first: \(TestSupport.binary)")
    let r = try TestSupport.run(["check", "Tests/PermitContentTests/Fixtures/valid", "Scenarios/examples"])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("checked 4 files: 0 errors, 0 warnings"))
  }

  @Test("check: the bundled content (default paths) exits 0")
  func checkDefault() throws {
    try #require(EndToEndTests.available)
    let r = try TestSupport.run(["check"])
    #expect(r.status == 0, "\(r.stdout.suffix(3000))")
  }

  @Test("check: problems exit 1 as file:line:column: error: message")
  func checkProblems() throws {
    try #require(EndToEndTests.available)
    let r = try TestSupport.run(["check", "Tests/PermitContentTests/Fixtures/invalid/answer-key.yaml"])
    #expect(r.status == 1)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains {
        $0.hasPrefix("Tests/PermitContentTests/Fixtures/invalid/answer-key.yaml:37:5: error: answer key of applicant T002 disagrees")
      })
    #expect(lines.contains { $0.contains(": note: missing:residence-permit (required-materials):") })
    #expect(lines.last == "checked 1 file: 1 error, 0 warnings")
  }

  @Test("check --format json")
  func checkJSON() throws {
    try #require(EndToEndTests.available)
    let r = try TestSupport.run([
      "check", "--format", "json", "Tests/PermitContentTests/Fixtures/invalid/weights.yaml",
      "Tests/PermitContentTests/Fixtures/valid/module-a.yaml", "Tests/PermitContentTests/Fixtures/valid/mini-day.yaml",
    ])
    #expect(r.status == 1)
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let files = try #require(obj["files"] as? [[String: Any]])
    #expect(files.count == 3)
    #expect(files.compactMap { $0["kind"] as? String }.sorted() == ["curriculum module", "scenario", "scenario"])
    #expect(obj["errors"] as? Int == 1)
    let d = try #require((obj["diagnostics"] as? [[String: Any]])?.first)
    #expect(d["line"] as? Int == 61)
    #expect(d["column"] as? Int == 10)
    #expect(d["severity"] as? String == "error")
    #expect((d["message"] as? String)?.contains("must sum to 100") == true)
  }

  @Test("check: unreadable input exits 65, wrong usage 64")
  func checkExitCodes() throws {
    try #require(EndToEndTests.available)
    #expect(try TestSupport.run(["check", "no/such/file.yaml"]).status == 65)
    #expect(try TestSupport.run(["check", "--format", "xml"]).status == 64)
    let dir = TestSupport.tempDir("binary")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = FileManager.default.createFile(atPath: dir + "/bad.yaml", contents: Data([0x69, 0x64, 0x3A, 0x20, 0xC3, 0x28, 0x0A]))
    let r = try TestSupport.run(["check", dir + "/bad.yaml"])
    #expect(r.status == 1)
    #expect(r.stdout.contains("bad.yaml:1:5: error: invalid UTF-8"))
  }

  @Test("generate: byte-identical for the same arguments, and check accepts it", arguments: [
    ["--profile", "mixed"], ["--profile", "defect-heavy", "--post", "B"], ["--profile", "clean", "--window", "shunyi"],
    ["--profile", "category-a", "--policy", "beijing-2024", "--start", "2024-03-11T09:00+08:00"],
    ["--profile", "renewals", "--types", "extension,cancellation", "--defect-rate", "0.9", "--mix", "late-filing,early-filing,missing"],
  ])
  func generate(_ extra: [String]) throws {
    try #require(EndToEndTests.available)
    let a = TestSupport.tempDir("gen-a")
    let b = TestSupport.tempDir("gen-b")
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    let args = ["generate", "--count", "30", "--seed", "2017", "--output"]
    let r1 = try TestSupport.run(args + [a + "/practice.yaml"] + extra)
    let r2 = try TestSupport.run(args + [b + "/practice.yaml"] + extra)
    #expect(r1.status == 0, "\(r1.stderr)")
    #expect(r2.status == 0)
    let d1 = try #require(FileManager.default.contents(atPath: a + "/practice.yaml"))
    let d2 = try #require(FileManager.default.contents(atPath: b + "/practice.yaml"))
    #expect(d1 == d2)
    let text = String(decoding: d1, as: UTF8.self)
    #expect(text.contains("id: practice\n"))
    #expect(text.components(separatedBy: "  - ticket: T").count == 31)
    #expect(text.components(separatedBy: "    expect: {").count == 31)
    #expect(!text.contains("passport-number: \"AB"))
    let check = try TestSupport.run(["check", a + "/practice.yaml"])
    #expect(check.status == 0, "\(check.stdout.prefix(2000))")
    // Another seed gives other applicants.
    let r3 = try TestSupport.run(["generate", "--count", "30", "--seed", "2018", "--output", b + "/practice.yaml"] + extra)
    #expect(r3.status == 0)
    #expect(FileManager.default.contents(atPath: b + "/practice.yaml") != d1)
  }

  @Test("generate: wrong usage exits 64")
  func generateUsage() throws {
    try #require(EndToEndTests.available)
    #expect(try TestSupport.run(["generate", "--count", "3", "--seed", "1"]).status == 64)
    #expect(try TestSupport.run(["generate", "--count", "3", "--seed", "1", "--output", "-", "--profile", "mixd"]).status == 64)
    #expect(try TestSupport.run(["generate", "--count", "3", "--seed", "1", "--output", "-", "--mix", "stael"]).status == 64)
    #expect(try TestSupport.run(["generate", "--count", "3", "--seed", "1", "--output", "-", "--window", "dongcheng"]).status == 64)
    #expect(try TestSupport.run(["generate", "--count", "0", "--seed", "1", "--output", "-"]).status == 64)
    let ok = try TestSupport.run(["generate", "--count", "2", "--seed", "1", "--output", "-"])
    #expect(ok.status == 0)
    #expect(ok.stdout.contains("id: generated-1\n"))
  }
}
