import Foundation
import PermitCore
import Testing

@testable import PermitContent

/// The JSON Schemas (Scenarios/schema, Curriculum/schema) and the Swift readers agree on every
/// shipped file and on the schema fixtures. Needs python3 with jsonschema and PyYAML
/// (`./dev test` installs them).
@Suite("JSON Schema agrees with the readers")
struct SchemaAgreementTests {
  @Test("schema and reader give the same verdict on every shipped file and schema fixture")
  func agree() throws {
    let root = TestSupport.root
    var paths = ["Scenarios", "Tests/PermitContentTests/Fixtures/schema", "Tests/PermitContentTests/Fixtures/valid"]
      .map { root + "/" + $0 }
    if FileManager.default.fileExists(atPath: root + "/Curriculum") { paths.append(root + "/Curriculum") }
    // The schema's verdicts.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", root + "/Tests/tools/schema_agree.py", "--root", root] + paths
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    try #require(p.terminationStatus == 0, "schema_agree.py failed (pip install jsonschema pyyaml): \(e)")
    var schema: [String: Bool] = [:]
    for line in o.split(separator: "\n") {
      if line.hasPrefix("VALID ") { schema[String(line.dropFirst(6))] = true }
      if line.hasPrefix("INVALID ") { schema[String(line.dropFirst(8))] = false }
    }
    // The readers' verdicts (all files at once, so that modules find their scenarios).
    let report = TestSupport.check(paths)
    let files = report.files.map(\.path).filter { !$0.contains("/Policies/") }
    #expect(files.count >= 25)
    #expect(Set(files) == Set(schema.keys), "file sets differ")
    var invalidSeen = 0
    for f in files {
      let swiftValid = !report.diagnostics.contains { $0.file == f && $0.severity == .error }
      if !swiftValid { invalidSeen += 1 }
      #expect(
        schema[f] == swiftValid,
        "\(f): schema says \(schema[f] == true ? "valid" : "invalid"), reader says \(swiftValid ? "valid" : "invalid"): \(report.diagnostics.filter { $0.file == f }.map(\.description))\n\(e)")
    }
    #expect(invalidSeen >= 15)
    // Every fixture named invalid-* is invalid.
    for f in files where (f as NSString).lastPathComponent.hasPrefix("invalid-") { #expect(schema[f] == false, "\(f)") }
  }
}
