import Foundation
import Testing

/// Runs the built `permitdesk` binary.
enum CLI {
  /// The package root: Tests/PermitDeskCLITests/DecideEndToEndTests.swift → three levels up.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// `PERMITDESK_BIN`, else the debug build of this checkout.
  static let binary: String = {
    if let bin = ProcessInfo.processInfo.environment["PERMITDESK_BIN"], !bin.isEmpty { return bin }
    return root + "/.build/debug/permitdesk"
  }()

  static let fixtures = "Tests/PermitDeskCLITests/Fixtures"

  struct Result {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: String
    var stderr: String
    /// Exited normally (not killed by a signal) with this code.
    func exited(_ code: Int32) -> Bool { reason == .exit && status == code }
  }

  /// Runs the binary in the package root with arguments; output goes through temporary files so
  /// that a large output cannot block on a full pipe.
  static func run(_ args: [String]) throws -> Result {
    try #require(FileManager.default.isExecutableFile(atPath: binary), "build the binary first: \(binary)")
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("permitdesk-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let out = tmp.appendingPathComponent("stdout")
    let err = tmp.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: root)
    var env = ProcessInfo.processInfo.environment
    env["PERMITDESK_HOME"] = root
    p.environment = env
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    p.standardOutput = outHandle
    p.standardError = errHandle
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return Result(
      status: p.terminationStatus, reason: p.terminationReason,
      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }

  /// Parses `decide --format json` output: an array of objects.
  static func json(_ text: String) throws -> [[String: Any]] {
    let data = try #require(text.data(using: .utf8))
    let value = try JSONSerialization.jsonObject(with: data)
    return try #require(value as? [[String: Any]], "not an array of objects: \(text.prefix(200))")
  }

  /// Splits `file:line:column: error: message` (nil when the line has another shape).
  static func diagnostic(_ line: Substring) -> (file: String, line: Int, column: Int, message: String)? {
    guard let r = line.range(of: ": error: ") else { return nil }
    let head = line[..<r.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
    guard head.count >= 3, let l = Int(head[head.count - 2]), let c = Int(head[head.count - 1]) else { return nil }
    return (head.dropLast(2).joined(separator: ":"), l, c, String(line[r.upperBound...]))
  }
}

@Suite("permitdesk decide: the shipped packets")
struct DecideEndToEndTests {
  struct Expected: Sendable, CustomTestStringConvertible {
    var file: String
    var outcome: String
    var defects: [String]
    var referTo: String?
    var points: Int?
    var category: String
    var deadline: String
    var pending: [String]
    var rule: String
    var headline: String
    var testDescription: String { file }
  }

  static let packets: [Expected] = [
    Expected(
      file: "Scenarios/packets/category-a-pending.yaml", outcome: "accept-pending", defects: [], referTo: nil,
      points: 90, category: "A", deadline: "2024-03-19", pending: ["degree", "health-certificate"], rule: "accept-pending",
      headline: "Outcome:  ACCEPT WITH ITEMS PENDING"),
    Expected(
      file: "Scenarios/packets/extension-too-late.yaml", outcome: "refuse", defects: ["late-filing:extension"],
      referTo: nil, points: nil, category: "B", deadline: "2018-03-19", pending: [], rule: "extension-window",
      headline: "Outcome:  REFUSE - issue the refusal-of-acceptance notice"),
    Expected(
      file: "Scenarios/packets/out-of-jurisdiction.yaml", outcome: "refuse", defects: ["out-of-jurisdiction"],
      referTo: "haidian", points: nil, category: "B", deadline: "2017-07-11", pending: [], rule: "jurisdiction",
      headline: "refer to haidian"),
    Expected(
      file: "Scenarios/packets/overseas-b-complete.yaml", outcome: "accept", defects: [], referTo: nil, points: 70,
      category: "B", deadline: "2017-07-10", pending: [], rule: "required-materials",
      headline: "Outcome:  ACCEPT - issue the acceptance notice"),
    Expected(
      file: "Scenarios/packets/overseas-b-defects.yaml", outcome: "supplement",
      defects: ["mismatch:name", "stale:criminal-record", "unauthenticated:degree"], referTo: nil, points: 70,
      category: "B", deadline: "2017-07-10", pending: [], rule: "one-time-notice",
      headline: "Outcome:  SUPPLEMENT - issue one one-time notice listing all 3 defects"),
  ]

  @Test("text output", arguments: packets)
  func text(_ e: Expected) throws {
    let r = try CLI.run(["decide", e.file])
    #expect(r.exited(0), "\(r.status) \(r.stderr)")
    #expect(r.stderr.isEmpty)
    #expect(r.stdout.hasPrefix(e.file + "\n"))
    #expect(r.stdout.contains(e.headline))
    #expect(r.stdout.contains("decision due by \(e.deadline)"))
    if let points = e.points {
      #expect(r.stdout.contains("computed \(e.category) (\(points) points)"))
    } else {
      // Part A′ 6: a renewal file carries the permit's category and no points.
      #expect(r.stdout.contains("Category: \(e.category), the current permit's"))
      #expect(!r.stdout.contains("Points:"))
    }
    for d in e.defects { #expect(r.stdout.contains(" \(d)  ("), "defect \(d) listed with its evidence") }
    if e.defects.isEmpty && e.outcome == "accept" { #expect(r.stdout.contains("Defects:  none")) }
    if !e.pending.isEmpty { #expect(r.stdout.contains("Pending:  " + e.pending.joined(separator: ", "))) }
    #expect(r.stdout.contains("Rules applied: "))
  }

  @Test func jsonContract() throws {
    let files = Self.packets.map(\.file)
    let r = try CLI.run(["decide", "--format", "json"] + files)
    #expect(r.exited(0), "\(r.status) \(r.stderr)")
    let objects = try CLI.json(r.stdout)
    try #require(objects.count == Self.packets.count)
    for (o, e) in zip(objects, Self.packets) {
      for key in ["file", "outcome", "defects", "refer-to", "points", "category", "acceptance-deadline", "pending", "rules"] {
        #expect(o[key] != nil, "\(e.file): key \(key)")
      }
      #expect(o["file"] as? String == e.file)
      #expect(o["outcome"] as? String == e.outcome, "\(e.file)")
      #expect(o["defects"] as? [String] == e.defects, "\(e.file)")
      if let refer = e.referTo {
        #expect(o["refer-to"] as? String == refer)
      } else {
        #expect(o["refer-to"] is NSNull, "\(e.file): refer-to is null")
      }
      #expect(o["points"] as? Int == e.points, "\(e.file)")
      #expect(o["category"] as? String == e.category, "\(e.file)")
      #expect(o["acceptance-deadline"] as? String == e.deadline, "\(e.file)")
      #expect(o["pending"] as? [String] == e.pending, "\(e.file)")
      let rules = o["rules"] as? [String] ?? []
      #expect(rules.contains(e.rule), "\(e.file): rules \(rules)")
      #expect(rules == rules.sorted() && Set(rules).count == rules.count, "\(e.file): rules sorted and unique")
      let defects = o["defects"] as? [String] ?? []
      #expect(defects == defects.sorted())
    }
  }

  @Test func policyOption() throws {
    // The packet names no policy: --policy applies; a packet's own policy wins.
    let r = try CLI.run([
      "decide", "--format", "json", "--policy", "beijing-2024", "Scenarios/packets/overseas-b-defects.yaml",
      "Scenarios/packets/overseas-b-complete.yaml",
    ])
    #expect(r.exited(0), "\(r.stderr)")
    let o = try CLI.json(r.stdout)
    try #require(o.count == 2)
    #expect(o[0]["policy"] as? String == "beijing-2024")
    #expect(o[0]["defects"] as? [String] == ["mismatch:name", "stale:criminal-record", "unauthenticated:degree"])
    #expect(o[1]["policy"] as? String == "beijing-2017-pilot")
    let unknown = try CLI.run(["decide", "--policy", "beijing-2099", "Scenarios/packets/overseas-b-defects.yaml"])
    #expect(unknown.exited(65))
    #expect(unknown.stderr.contains("unknown policy pack 'beijing-2099'"))
  }
}

@Suite("permitdesk decide: exit codes and diagnostics")
struct DecideExitCodeTests {
  struct Bad: Sendable, CustomTestStringConvertible {
    var file: String
    var line: Int
    var column: Int
    var message: String
    var testDescription: String { file }
  }

  static let fixtures: [Bad] = [
    Bad(file: "syntax-error.yaml", line: 5, column: 10, message: "YAML syntax: did not find expected ',' or '}'"),
    Bad(file: "unknown-key.yaml", line: 14, column: 3, message: "unknown key 'anual-salary' in application; did you mean 'annual-salary'?"),
    Bad(file: "type-mismatch.yaml", line: 14, column: 18, message: "'annual-salary' of application must be a whole number, found 'lots'"),
    Bad(file: "impossible-date.yaml", line: 16, column: 41, message: "must be a real date written YYYY-MM-DD, found '2017-02-30'"),
    Bad(file: "unknown-enum.yaml", line: 14, column: 14, message: "found 'masters'; did you mean 'master'?"),
    Bad(file: "missing-key.yaml", line: 6, column: 3, message: "applicant needs 'passport-number'"),
    Bad(file: "no-offset.yaml", line: 3, column: 12, message: "must be a date and time with its offset"),
  ]

  @Test("a malformed packet exits 65 with file:line:column", arguments: fixtures)
  func malformed(_ bad: Bad) throws {
    let path = CLI.fixtures + "/" + bad.file
    for format in ["text", "json"] {
      let r = try CLI.run(["decide", "--format", format, path])
      #expect(r.exited(65), "\(bad.file): exit \(r.status) \(r.reason)")
      let first = try #require(r.stderr.split(separator: "\n").first, "\(bad.file): nothing on stderr")
      let d = try #require(CLI.diagnostic(first), "not file:line:column: error: — \(first)")
      #expect(d.file == path)
      #expect(d.line == bad.line, "\(bad.file)")
      #expect(d.column == bad.column, "\(bad.file)")
      #expect(d.message.contains(bad.message), "\(bad.file): \(d.message)")
      if format == "json" { #expect(try CLI.json(r.stdout).isEmpty) } else { #expect(r.stdout.isEmpty) }
    }
  }

  @Test func goodAndBadTogether() throws {
    let r = try CLI.run([
      "decide", "--format", "json", "Scenarios/packets/overseas-b-complete.yaml", CLI.fixtures + "/unknown-key.yaml",
    ])
    #expect(r.exited(65))
    let o = try CLI.json(r.stdout)
    #expect(o.count == 1)
    #expect(o.first?["outcome"] as? String == "accept")
    #expect(r.stderr.contains("unknown-key.yaml:14:3: error:"))
  }

  @Test func wrongUsageExits64() throws {
    for args in [["decide"], ["decide", "--format", "xml", "Scenarios/packets/overseas-b-complete.yaml"], ["decide", "--no-such-option", "x.yaml"]] {
      let r = try CLI.run(args)
      #expect(r.exited(64), "\(args): \(r.status) \(r.stderr)")
      #expect(!r.stderr.isEmpty)
    }
  }

  @Test func unreadableFilesExit65() throws {
    let missing = try CLI.run(["decide", "Scenarios/packets/no-such-packet.yaml"])
    #expect(missing.exited(65))
    // A problem of the whole file names the file without a made-up position (issue 11).
    #expect(missing.stderr == "Scenarios/packets/no-such-packet.yaml: error: does not exist\n", "\(missing.stderr)")
    let folder = try CLI.run(["decide", "Scenarios/packets"])
    #expect(folder.exited(65))
    #expect(folder.stderr == "Scenarios/packets: error: is a folder\n", "\(folder.stderr)")
  }

  /// SplitMix64, so that the random files are the same on every run.
  struct Bytes {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  func writeTemp(_ name: String, _ data: Data) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("permitdesk-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
  }

  @Test func randomBytesExit65WithoutCrashing() throws {
    var rng = Bytes(state: 0x5EED)
    var paths: [String] = []
    // Raw random bytes.
    for i in 0..<4 {
      let bytes = (0..<(64 + rng.int(2000))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      paths.append(try writeTemp("raw-\(i).yaml", Data(bytes)))
    }
    // Random text made of YAML punctuation.
    let alphabet = Array("ab:- {}[]&*!|>'\"#%@`,?\n\n  \t0123456789".utf8)
    for i in 0..<4 {
      let bytes = (0..<(32 + rng.int(1500))).map { _ in alphabet[rng.int(alphabet.count)] }
      paths.append(try writeTemp("punct-\(i).yaml", Data(bytes)))
    }
    // Hostile shapes: deep nesting, an alias bomb, a NUL byte.
    paths.append(try writeTemp("deep.yaml", Data((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8)))
    var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for (i, c) in "bcdefghij".enumerated() {
      let prev = Character(UnicodeScalar(UInt8(97 + i)))
      bomb += "\(c): &\(c) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
    }
    paths.append(try writeTemp("bomb.yaml", Data(bomb.utf8)))
    paths.append(try writeTemp("nul.yaml", Data("window: chaoyang\n\0\n".utf8)))
    for path in paths {
      let r = try CLI.run(["decide", path])
      #expect(r.reason == .exit, "\(path): killed by signal \(r.status)")
      #expect(r.exited(65), "\(path): exit \(r.status)")
      let first = r.stderr.split(separator: "\n").first ?? ""
      #expect(CLI.diagnostic(first)?.file == path, "\(path): \(first)")
    }
  }

  @Test func mutatedPacketsNeverCrash() throws {
    var rng = Bytes(state: 2017)
    let original = try Data(contentsOf: URL(fileURLWithPath: CLI.root + "/Scenarios/packets/overseas-b-complete.yaml"))
    for i in 0..<8 {
      var bytes = [UInt8](original)
      for _ in 0..<(1 + rng.int(6)) { bytes[rng.int(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
      let path = try writeTemp("mutated-\(i).yaml", Data(bytes))
      let r = try CLI.run(["decide", "--format", "json", path])
      #expect(r.reason == .exit, "\(path): killed by signal \(r.status)")
      #expect(r.status == 0 || r.status == 65, "\(path): exit \(r.status)")
      if r.status == 65 { #expect(CLI.diagnostic(r.stderr.split(separator: "\n").first ?? "") != nil, "\(r.stderr)") }
      if r.status == 0 { #expect(try CLI.json(r.stdout).count == 1) }
    }
  }
}
