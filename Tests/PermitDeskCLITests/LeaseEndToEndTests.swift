import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One live process per attempt (issue 11, deliver 4), with two real REPL processes: the lease is
/// freed by kill -9, refused while held (saying where), taken over with `resume --take-over`, and
/// the first process then records nothing.
@Suite("REPL: one live process per attempt (the attempt lease)")
struct LeaseEndToEndTests {
  static let host: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    return gethostname(&buffer, buffer.count) == 0 ? String(cString: buffer) : "localhost"
  }()

  static func count(_ db: String, _ sql: String) throws -> Int {
    Int(try Shell.sqlite(db, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  /// A REPL logged in as `name` with an attempt started and two actions done.
  static func started(_ box: Sandbox, _ name: String = "kim") throws -> LiveRepl {
    let repl = try box.live()
    _ = try repl.send("login \(name)")
    #expect(try repl.send("start m01-s01-jurisdiction").contains(" started."))
    _ = try repl.send("advance --next")
    _ = try repl.send("open T001")
    return repl
  }

  @Test("kill -9, then resume in a new process just works: a dead holder on this host holds nothing")
  func killThenResume() throws {
    let box = try Sandbox()
    let first = try Self.started(box)
    let pid = first.process.processIdentifier
    #expect(try Shell.sqlite(box.db, "SELECT pid, host FROM lease;").stdout == "\(pid)|\(Self.host)\n")
    first.killHard()
    let second = try box.live()
    _ = try second.send("login kim")
    let resumed = try second.send("resume")
    #expect(resumed.contains("Resumed attempt #1 at m01-s01-jurisdiction: 2 actions replayed"), "\(resumed)")
    #expect(!resumed.contains("Took attempt"), "a dead holder is not taken over: \(resumed)")
    #expect(try Shell.sqlite(box.db, "SELECT pid FROM lease;").stdout == "\(second.process.processIdentifier)\n")
    #expect(try second.send("show").hasPrefix("T001 - "))
    #expect(try second.quit() == 0)
    #expect(try Self.count(box.db, "SELECT count(*) FROM lease;") == 0, "quit releases the lease")
  }

  @Test("a second resume says where the attempt is open; --take-over takes it; the first then records nothing and says where it went")
  func takeOver() throws {
    let box = try Sandbox()
    let first = try Self.started(box)
    let firstPID = first.process.processIdentifier
    let second = try box.live()
    _ = try second.send("login kim")
    #expect(try second.send("resume").isEmpty)
    let refused = second.stderr  // a script's errors go to standard error
    #expect(
      refused.contains("attempt #1 at m01-s01-jurisdiction is open in another session: process \(firstPID) on \(Self.host), last active "),
      "\(refused)")
    #expect(refused.contains(" ago. Quit it there and 'resume' again, or 'resume --take-over' to continue here"), "\(refused)")
    #expect(!refused.contains("Resumed"))
    // Refused means untouched: the first session still works and records.
    #expect(try first.send("show").hasPrefix("T001 - "))
    #expect(try Self.count(box.db, "SELECT count(*) FROM action;") == 3)
    // A command in the refused session needs no attempt of its own.
    #expect(try second.send("score").isEmpty)

    let taken = try second.send("resume --take-over")
    #expect(taken.contains("Took attempt #1 over from process \(firstPID) on \(Self.host) (last active "), "\(taken)")
    #expect(taken.contains("Resumed attempt #1 at m01-s01-jurisdiction: 3 actions replayed"), "\(taken)")
    #expect(try second.send("decide accept").contains("T001"))
    let actions = try Self.count(box.db, "SELECT count(*) FROM action;")
    #expect(actions == 4)

    // The first process notices before its next command: nothing recorded, it says where the attempt went.
    _ = try first.send("handover")
    let said = first.stderr
    #expect(
      said.contains("attempt #1 was taken over by process \(second.process.processIdentifier) on \(Self.host) (last active "),
      "\(said)")
    #expect(said.contains("nothing was recorded here and this session no longer works on it. 'resume --take-over' takes it back"))
    #expect(try Self.count(box.db, "SELECT count(*) FROM action;") == actions)
    _ = try first.send("issue")
    #expect(first.stderr.contains("no attempt in progress: 'start SCENARIO' or 'resume'"), "\(first.stderr)")
    #expect(try Self.count(box.db, "SELECT count(*) FROM action;") == actions)
    // Leaving does not release what is no longer its own.
    #expect(try first.quit() == 0)
    #expect(try Shell.sqlite(box.db, "SELECT pid FROM lease;").stdout == "\(second.process.processIdentifier)\n")
    #expect(try second.send("handover").contains("T001: handed over to post B"))
    #expect(try second.quit() == 0)
    let verify = try box.run(["verify", "--rescore"])
    #expect(verify.exited(0), "\(verify.stdout)\(verify.stderr)")
  }

  @Test("a lease taken from another host: the process stops before its next command and records nothing")
  func takenFromElsewhere() throws {
    let box = try Sandbox()
    let first = try Self.started(box)
    // Someone else's token, as a take-over on another host would leave it; the pid is alive (ours).
    _ = try Shell.sqlite(box.db, "UPDATE lease SET token = 'other', host = 'desk-7', pid = \(getpid());")
    _ = try first.send("show degree")
    #expect(first.stderr.contains("attempt #1 was taken over by process \(getpid()) on desk-7"), "\(first.stderr)")
    #expect(try Self.count(box.db, "SELECT count(*) FROM action;") == 2)
    #expect(try first.quit() == 0)
  }

  @Test("a heartbeat older than 30 minutes holds nothing, even from a live process")
  func staleHeartbeat() throws {
    let box = try Sandbox()
    let first = try Self.started(box)
    _ = try Shell.sqlite(box.db, "UPDATE lease SET heartbeat = '2026-01-01T08:00:00.000Z';")
    let second = try box.live()
    _ = try second.send("login kim")
    let resumed = try second.send("resume")
    #expect(resumed.contains("Resumed attempt #1"), "\(resumed)")
    #expect(!resumed.contains("Took attempt"), "\(resumed)")
    _ = try first.send("queue")
    #expect(first.stderr.contains("attempt #1 was taken over by process \(second.process.processIdentifier)"), "\(first.stderr)")
    _ = try first.quit()
    _ = try second.quit()
  }

  @Test("a script (--file or standard input) is refused while a terminal holds the attempt, and runs once it is left")
  func scriptWhileHeld() throws {
    let box = try Sandbox()
    let first = try Self.started(box)
    let refused = try box.run(["--trainee", "kim"], stdin: "resume\nqueue\n")
    #expect(refused.stderr.contains("attempt #1 at m01-s01-jurisdiction is open in another session: process \(first.process.processIdentifier)"), "\(refused.stderr)")
    #expect(!refused.stdout.contains("Resumed"))
    let path = box.write("abandon.txt", "start m01-s01-jurisdiction --abandon\n")
    let abandon = try box.run(["--trainee", "kim", "--file", path])
    #expect(abandon.stderr.contains("is open in another session"), "\(abandon.stderr)")
    #expect(try Shell.sqlite(box.db, "SELECT status FROM attempt;").stdout == "open\n")
    #expect(try first.quit() == 0)
    let after = try box.run(["--trainee", "kim", "--stop-on-error"], stdin: "resume\nqueue\n")
    #expect(after.exited(0), "\(after.stderr)")
    #expect(after.stdout.contains("Resumed attempt #1"))
    #expect(try Self.count(box.db, "SELECT count(*) FROM lease;") == 0)
  }

  @Test("finish releases the lease; two trainees never share one")
  func finishReleases() throws {
    let box = try Sandbox()
    let kim = try Self.started(box)
    let lee = try Self.started(box, "lee")
    #expect(try Self.count(box.db, "SELECT count(*) FROM lease;") == 2)
    #expect(try kim.send("finish --now").contains("Final score"))
    #expect(try Self.count(box.db, "SELECT count(*) FROM lease;") == 1)
    #expect(try lee.quit() == 0)
    #expect(try kim.quit() == 0)
    #expect(try Self.count(box.db, "SELECT count(*) FROM lease;") == 0)
  }

  @Test("room mode: a second room shell of the same person is refused, then takes over")
  func roomTakeOver() throws {
    let room = try RoomFixture()
    try room.makeKey("ana")
    #expect(try room.add("ana").exited(0))
    let first = try room.box.live(["room", "shell", "--room", room.prefix, "ana"])
    _ = try first.send("start m01-s01-jurisdiction")
    _ = try first.send("advance --next")
    let second = try room.box.live(["room", "shell", "--room", room.prefix, "ana"])
    let refused = try second.send("resume")
    #expect(refused.contains("is open in another session: process \(first.process.processIdentifier)"), "\(refused)\(second.stderr)")
    #expect(try second.send("resume --take-over").contains("Resumed attempt #1"))
    let noticed = try first.send("queue")
    #expect(noticed.contains("attempt #1 was taken over by process \(second.process.processIdentifier)"), "\(noticed)")
    #expect(try Self.count(room.database, "SELECT count(*) FROM action;") == 1)
    _ = try first.quit()
    _ = try second.quit()
  }
}

/// The take-over seen on a terminal (Tests/tools/pty_lease.py, pexpect).
@Suite("REPL: a take-over said above the prompt on a pseudo-terminal")
struct LeaseTerminalTests {
  @Test("a take-over appears above a half-typed line without Enter; the line then records nothing")
  func takeOverAtThePrompt() throws {
    let box = try Sandbox()
    let probe = try box.runTool(["/usr/bin/env", "python3", "-c", "import pexpect"])
    try #require(probe.status == 0, "needs python3 with pexpect (./dev installs it): \(probe.output)")
    let r = try box.runTool(["/usr/bin/env", "python3", CLI.root + "/Tests/tools/pty_lease.py", CLI.binary])
    #expect(r.status == 0, "pty_lease.py exited \(r.status):\n\(r.output)")
    for check in [
      "ok: a second resume while the terminal holds the attempt says where it is open",
      "ok: the take-over appears above the half-typed line without Enter; the line then records nothing",
      "all lease terminal checks passed",
    ] {
      #expect(r.output.contains(check + "\n"), "missing '\(check)' in:\n\(r.output)")
    }
  }
}
