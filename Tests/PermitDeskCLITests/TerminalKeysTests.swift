import Foundation
import Testing

/// The REPL's terminal on a pseudo-terminal (readline's callback interface): Ctrl-C clears the line,
/// Ctrl-D leaves, Ctrl-C stops a live monitor, and an injected announcement appears above a
/// half-typed line without breaking it. Tests/tools/pty_keys.py drives it with pexpect.
@Suite("REPL keys and lines above the prompt on a pseudo-terminal")
struct TerminalKeysTests {
  static let script = CLI.root + "/Tests/tools/pty_keys.py"

  @Test("Ctrl-C clears the line, Ctrl-D leaves, Ctrl-C stops monitor (room and standalone), an announcement appears above a half-typed line (pexpect)")
  func keys() throws {
    let room = try RoomFixture()
    try room.makeKey("alice")
    try room.makeKey("bob")
    _ = try room.add("alice", trainer: true)
    _ = try room.add("bob")
    let probe = try room.box.runTool(["/usr/bin/env", "python3", "-c", "import pexpect"])
    try #require(probe.status == 0, "needs python3 with pexpect (./dev installs it): \(probe.output)")
    let r = try room.box.runTool(["/usr/bin/env", "python3", Self.script, CLI.binary, room.prefix, "alice", "bob"])
    #expect(r.status == 0, "pty_keys.py exited \(r.status):\n\(r.output)")
    for check in [
      "ok: Ctrl-C clears a half-typed line and gives a fresh prompt; the next line runs alone",
      "ok: Ctrl-C mid-line (cursor moved, Chinese text), in the middle of a character and on an empty prompt; the REPL goes on",
      "ok: Ctrl-C in a reverse history search (Ctrl-R) ends the search and clears the line",
      "ok: Ctrl-D on an empty line leaves with exit 0",
      "ok: Ctrl-C (and Enter) stops a trainer's live monitor and returns to the prompt",
      "ok: permitdesk monitor refreshes in place on a terminal; Enter ends it (exit 0), Ctrl-C stops it (SIGINT)",
      "ok: rehearse --new: Ctrl-C stops the program (SIGINT) with the terminal restored",
      "ok: Ctrl-Z stops the REPL at the prompt; fg brings back the prompt and the half-typed line in readline's mode",
      "ok: an injected announcement appears above the half-typed line without Enter; the line and cursor are intact and it runs",
      "all terminal key checks passed",
    ] {
      #expect(r.output.contains(check + "\n"), "missing '\(check)' in:\n\(r.output)")
    }
    // The cleared line never ran: only zoe was created.
    let trainees = try room.box.runTool(["/usr/bin/sqlite3", room.box.db, "SELECT name FROM trainee ORDER BY name"])
    #expect(trainees.output == "kim\nzoe\n", "\(trainees.output)")

    // The announcement was applied at the prompt exactly as before a command: the log holds it
    // before the trainee's next command, and the recorded score follows from the log with it.
    let log = try room.box.runTool([
      "/usr/bin/sqlite3", room.database, "SELECT actor || ' ' || verb FROM action WHERE attempt = 1 ORDER BY seq",
    ])
    let rows = log.output.split(separator: "\n").map(String.init)
    #expect(rows.prefix(2) == ["trainer:alice inject", "bob advance"], "\(log.output)")
    let verify = try room.box.run([
      "verify", "--rescore", "--db", room.database, "--key", room.prefix + "/room.conf", "--content", room.prefix + "/content",
    ])
    #expect(verify.exited(0) && verify.stdout.contains("authenticated"), "\(verify.stdout)\(verify.stderr)")
  }
}
