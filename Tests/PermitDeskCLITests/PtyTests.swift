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

/// Issue 15 on a real terminal: Tests/tools/pty_zh.py types Chinese through GNU readline in a
/// session opened by LANG=zh_CN.UTF-8 alone (no zh_CN locale installed on the machine).
@Suite("Chinese on a pseudo-terminal")
struct ChinesePtyTests {
  static let script = CLI.root + "/Tests/tools/pty_zh.py"

  @Test("Chinese input (wide characters, backspace), completion and display-width alignment (pexpect)")
  func chinese() throws {
    let box = try Sandbox()
    let probe = try box.runTool(["/usr/bin/env", "python3", "-c", "import pexpect"])
    try #require(probe.status == 0, "needs python3 with pexpect (./dev installs it): \(probe.output)")
    let r = try box.runTool(["/usr/bin/env", "python3", Self.script, CLI.binary, CLI.root])
    #expect(r.status == 0, "pty_zh.py exited \(r.status):\n\(r.output)")
    for check in [
      "ok: LANG=zh_CN.UTF-8 opens in Chinese with no configuration",
      "ok: typed Chinese echoed; one backspace removed one wide character (logged in as 张伟, cohort 春季班)",
      "ok: module titles in Chinese",
      "ok: the database holds the trainee 张伟",
      "ok: the history file holds the edited Chinese line",
      "ok: completion of attempt arguments in a Chinese session: --next, T001, criminal-record",
      "ok: the trainer's Chinese announcement echoed; one backspace removed one wide character",
      "ok: the training room's Chinese checks",
      "all Chinese pty checks passed",
    ] {
      #expect(r.output.contains(check + "\n"), "missing '\(check)' in:\n\(r.output)")
    }
    #expect(r.output.contains("ok: curriculum table aligned by display width"), "\(r.output)")
    #expect(r.output.contains("ok: the announcement reached the trainee; the queue (Chinese types and states) aligned at column"), "\(r.output)")
  }
}
