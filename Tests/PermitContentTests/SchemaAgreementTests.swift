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

  /// Booleans as trainers write them and dates the calendar has not: the packet schema and the
  /// reader give the same verdict on each (an editor must not flag what `check` accepts, nor pass a
  /// date `check` refuses).
  static let values: [(key: String, value: String, valid: Bool)] = [
    ("signed", "true", true), ("signed", "yes", true), ("signed", "no", true), ("signed", "False", true),
    ("signed", "\"true\"", true), ("signed", "'yes'", true), ("signed", "\"no\"", true), ("signed", "TRUE", true),
    ("signed", "maybe", false), ("signed", "1", false), ("signed", "\"Yes\"", false), ("signed", "on", false),
    ("birth-date", "1988-04-12", true), ("birth-date", "1988-02-29", true), ("birth-date", "2000-02-29", true),
    ("birth-date", "1988-02-30", false), ("birth-date", "1987-02-29", false), ("birth-date", "1900-02-29", false),
    ("birth-date", "1988-04-31", false), ("birth-date", "1988-13-01", false), ("birth-date", "0000-01-01", false),
    ("birth-date", "1988-4-12", false),
    ("submitted", "2017-07-03T10:00+08:00", true), ("submitted", "2020-02-29T10:00Z", true),
    ("submitted", "2017-02-29T10:00+08:00", false), ("submitted", "2017-07-03T24:00+08:00", false),
    ("submitted", "2017-07-03T10:00+15:00", false),
  ]

  @Test("schema and reader agree on booleans written yes/no or quoted, and on impossible dates")
  func agreeOnValues() throws {
    let root = TestSupport.root
    let base = try String(contentsOfFile: root + "/Scenarios/packets/overseas-b-complete.yaml", encoding: .utf8)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-values-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let originals = ["signed": "    signed: true\n", "birth-date": "  birth-date: 1988-04-12\n", "submitted": "submitted: 2017-07-03T10:00+08:00\n"]
    var paths: [String] = []
    for (i, v) in Self.values.enumerated() {
      let original = try #require(originals[v.key])
      let range = try #require(base.range(of: original), "\(v.key) not in the packet")
      let key = try #require(original.range(of: ": "))
      let text = base.replacingCharacters(in: range, with: String(original[..<key.upperBound]) + v.value + "\n")
      #expect(text.contains("\(v.key): \(v.value)\n"), "\(v)")
      let path = dir + "/value-\(i).yaml"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", root + "/Tests/tools/schema_agree.py", "--root", root] + paths
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    try #require(p.terminationStatus == 0, "schema_agree.py failed (pip install jsonschema pyyaml)")
    let report = TestSupport.check(paths)
    for (i, v) in Self.values.enumerated() {
      let schemaValid = o.contains("VALID \(paths[i])\n") && !o.contains("INVALID \(paths[i])\n")
      let reader = report.diagnostics.filter { $0.file == paths[i] && $0.severity == .error }
      #expect(reader.isEmpty == v.valid, "\(v.key): \(v.value): the reader says \(reader.map(\.description))")
      #expect(schemaValid == v.valid, "\(v.key): \(v.value): the schema says \(schemaValid ? "valid" : "invalid")")
    }
  }
}
