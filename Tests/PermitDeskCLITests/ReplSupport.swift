import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A private world for one end-to-end test: a temporary folder holding the sandbox database and
/// the XDG state and data folders, and the environment that points the binary at them.
final class Sandbox: @unchecked Sendable {
  let dir: String
  let db: String
  let state: String
  let data: String

  init() throws {
    dir = NSTemporaryDirectory() + "permitdesk-e2e-\(UUID().uuidString)"
    db = dir + "/sandbox.sqlite"
    state = dir + "/state"
    data = dir + "/data"
    for d in [dir, state, data] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  /// The inherited environment with this sandbox's database and XDG folders; no colour, trainee
  /// or language preset from the caller's shell.
  var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["PERMITDESK_DB"] = db
    env["PERMITDESK_HOME"] = CLI.root
    env["XDG_STATE_HOME"] = state
    env["XDG_DATA_HOME"] = data
    for k in ["NO_COLOR", "PERMITDESK_TRAINEE", "RECORD_SNAPSHOTS", "PERMITDESK_LANG", "LC_ALL", "LC_MESSAGES"] { env[k] = nil }
    // English unless a test asks for Chinese: the caller's locale must not change the transcripts.
    env["LANG"] = "C.UTF-8"
    return env
  }

  /// Runs the binary to its end with `stdin` as standard input (a file, so no pipe can fill up).
  /// With `mergingErrors`, standard error goes into the same file as standard output (as both go to
  /// one terminal), and `stderr` of the result is empty.
  func run(_ args: [String], stdin: String = "", environment extra: [String: String] = [:], mergingErrors: Bool = false) throws -> CLI.Result {
    try #require(FileManager.default.isExecutableFile(atPath: CLI.binary), "build the binary first: \(CLI.binary)")
    let id = UUID().uuidString
    let inPath = dir + "/stdin-\(id)"
    let outPath = dir + "/stdout-\(id)"
    let errPath = dir + "/stderr-\(id)"
    _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8))
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { for p in [inPath, outPath, errPath] { try? FileManager.default.removeItem(atPath: p) } }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLI.binary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.environment = environment.merging(extra) { $1 }
    let inHandle = try #require(FileHandle(forReadingAtPath: inPath))
    let outHandle = try #require(FileHandle(forWritingAtPath: outPath))
    let errHandle = try #require(FileHandle(forWritingAtPath: errPath))
    p.standardInput = inHandle
    p.standardOutput = outHandle
    p.standardError = mergingErrors ? outHandle : errHandle
    try p.run()
    p.waitUntilExit()
    for h in [inHandle, outHandle, errHandle] { try h.close() }
    return CLI.Result(
      status: p.terminationStatus, reason: p.terminationReason,
      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
  }

  /// Writes a file in the sandbox and returns its path.
  func write(_ name: String, _ text: String) -> String {
    let path = dir + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  /// Starts a REPL process on pipes.
  func live(_ args: [String] = [], environment extra: [String: String] = [:]) throws -> LiveRepl {
    try LiveRepl(args: args, environment: environment.merging(extra) { $1 }, directory: dir)
  }
}

/// A REPL process whose standard input is a pipe the test writes to, one command at a time.
///
/// Without a terminal the REPL prints no prompt, so the end of a command's output is found by
/// sending `help quit` after it: its last line marks that everything before it has been printed
/// (and, for attempt commands, committed: the REPL commits before it prints).
final class LiveRepl {
  static let marker = "help quit"
  static let markerText = "quit\n  leave (an unfinished attempt can be resumed later)\n"

  let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors: String
  private var buffer: [UInt8] = []

  init(args: [String], environment: [String: String], directory: String) throws {
    try #require(FileManager.default.isExecutableFile(atPath: CLI.binary), "build the binary first: \(CLI.binary)")
    errors = directory + "/stderr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: errors, contents: nil)
    process.executableURL = URL(fileURLWithPath: CLI.binary)
    process.arguments = args
    process.environment = environment
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle(forWritingAtPath: errors)
    try process.run()
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  /// What the process wrote to standard error so far.
  var stderr: String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }

  /// Sends one command and returns its output, once all of it has been printed.
  func send(_ line: String, timeout: Double = 30) throws -> String {
    let text = try exchange(line + "\n" + LiveRepl.marker + "\n", until: LiveRepl.markerText, timeout: timeout)
    return String(text.dropLast(LiveRepl.markerText.count))
  }

  /// Writes `text` and reads until the output ends with `until`.
  func exchange(_ text: String, until: String, timeout: Double = 30) throws -> String {
    input.fileHandleForWriting.write(Data(text.utf8))
    let end = Array(until.utf8)
    let fd = output.fileHandleForReading.fileDescriptor
    let deadline = Date().addingTimeInterval(timeout)
    var chunk = [UInt8](repeating: 0, count: 65536)
    while !(buffer.count >= end.count && Array(buffer.suffix(end.count)) == end) {
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else {
        throw ReplError("no end of output within \(timeout) s after \(text.debugDescription); got: \(String(decoding: buffer, as: UTF8.self).suffix(500))")
      }
      var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&pfd, 1, Int32(left * 1000)) > 0 else { continue }
      let n = read(fd, &chunk, chunk.count)
      guard n > 0 else {
        throw ReplError("the REPL ended early after \(text.debugDescription); got: \(String(decoding: buffer, as: UTF8.self).suffix(500)); stderr: \(stderr)")
      }
      buffer.append(contentsOf: chunk[0..<n])
    }
    defer { buffer.removeAll() }
    return String(decoding: buffer, as: UTF8.self)
  }

  /// Sends `quit` and waits for the exit status.
  func quit() throws -> Int32 {
    input.fileHandleForWriting.write(Data("quit\n".utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// SIGKILL, then waits.
  func killHard() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

struct ReplError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}

/// Golden files in the style of swift-argument-parser's `assertSnapshot`: the expected text lives
/// in `Snapshots/<name>.txt`; it is written when missing or when `RECORD_SNAPSHOTS=1`, otherwise
/// the actual text must match it exactly.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let dir = CLI.root + "/Tests/PermitDeskCLITests/Snapshots"
  let path = dir + "/\(name).txt"
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty && $0 != "0" } ?? false
  if record || !FileManager.default.fileExists(atPath: path) {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try actual.write(toFile: path, atomically: true, encoding: .utf8)
    if record { return }
    Issue.record("recorded snapshot \(name).txt; run again to compare (unset RECORD_SNAPSHOTS)", sourceLocation: sourceLocation)
    return
  }
  let expected = try String(contentsOfFile: path, encoding: .utf8)
  if actual == expected { return }
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  var first = 0
  while first < min(a.count, e.count) && a[first] == e[first] { first += 1 }
  let exp = first < e.count ? String(e[first]) : "(end of snapshot)"
  let act = first < a.count ? String(a[first]) : "(end of output)"
  Issue.record(
    "snapshot \(name).txt differs at line \(first + 1):\n  expected: \(exp)\n  actual:   \(act)\n(RECORD_SNAPSHOTS=1 rewrites it)",
    sourceLocation: sourceLocation)
}

/// The commands of a script (no blank lines or comments).
func commandLines(_ script: String) -> [String] {
  script.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
}
