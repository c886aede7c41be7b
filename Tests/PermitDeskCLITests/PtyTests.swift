import Foundation
import Testing

/// The REPL on a real (pseudo-)terminal with GNU readline: Tests/tools/pty_repl.py drives it with
/// pexpect (tab completion, Up-arrow, the history file, colour and NO_COLOR / --no-color).
@Suite("REPL on a pseudo-terminal")
struct PtyTests {
  static let script = CLI.root + "/Tests/tools/pty_repl.py"

  @Test("tab completion, history and colour through GNU readline (pexpect)")
  func readline() throws {
    let box = try Sandbox()
    let probe = try box.runTool(["/usr/bin/env", "python3", "-c", "import pexpect"])
    try #require(probe.status == 0, "needs python3 with pexpect (./dev installs it): \(probe.output)")
    let r = try box.runTool(["/usr/bin/env", "python3", Self.script, CLI.binary])
    #expect(r.status == 0, "pty_repl.py exited \(r.status):\n\(r.output)")
    for check in [
      "ok: verb completion: 'logi' + TAB -> 'login '",
      "ok: scenario completion: 'start m01-s01-j' + TAB -> 'start m01-s01-jurisdiction '",
      "ok: Up-arrow recalls the previous lines",
      "ok: history file \(box.state)/permitdesk/history holds the 9 lines",
      "ok: a new session recalls the previous session's history",
      "ok: colour on a terminal: bold prompt, red error",
      "ok: no colour with NO_COLOR=1",
      "ok: no colour with --no-color",
      "all pty checks passed",
    ] {
      #expect(r.output.contains(check + "\n"), "missing '\(check)' in:\n\(r.output)")
    }
    let history = try String(contentsOfFile: box.state + "/permitdesk/history", encoding: .utf8)
    #expect(history.hasPrefix("login tess\n"), "\(history)")
  }
}

extension Sandbox {
  /// Runs a helper program with this sandbox's environment; stdout and stderr together.
  func runTool(_ args: [String]) throws -> (status: Int32, output: String) {
    let outPath = dir + "/tool-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: outPath) }
    let out = try #require(FileHandle(forWritingAtPath: outPath))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: args[0])
    p.arguments = Array(args.dropFirst())
    p.environment = environment
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = out
    p.standardError = out
    try p.run()
    p.waitUntilExit()
    try out.close()
    return (p.terminationStatus, (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "")
  }
}
