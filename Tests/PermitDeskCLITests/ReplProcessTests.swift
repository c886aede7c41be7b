import Foundation
import Testing

/// The REPL as a long-running process: killed mid-attempt, read by another process while it
/// writes, and sharing its database with a second trainee's REPL.
@Suite("REPL: processes, crashes and a shared database")
struct ReplProcessTests {
  /// Actions that leave T001 issued, T002 refused and issued, and T003 open with a proposal not
  /// yet handed over.
  static let actions = [
    "advance --next", "open T001", "show degree", "show criminal-record", "decide accept", "handover", "issue",
    "advance --next", "open T002", "decide refuse out-of-jurisdiction --refer-to haidian", "handover", "issue",
    "advance --next", "open T003", "show application-form", "decide refuse out-of-jurisdiction --refer-to municipal-center",
  ]

  /// What a trainee sees of the attempt's state; `clock` and `queue` cost no time and come first.
  static let probes = ["clock", "queue", "score", "show"]

  func state(_ repl: LiveRepl) throws -> [String] { try Self.probes.map { try repl.send($0) } }

  @Test("SIGKILL after acknowledged actions loses nothing: resume restores clock, queue, open file and cases exactly")
  func killAndResume() throws {
    let box = try Sandbox()
    let first = try box.live()
    _ = try first.send("login kim")
    #expect(try first.send("start m01-s01-jurisdiction").hasPrefix("Attempt #1 started."))
    for a in Self.actions {
      let out = try first.send(a)
      #expect(!out.isEmpty && !out.contains("could not save"), "\(a): \(out)")
    }
    // `show` costs a minute, so it is taken before the clock on this side and after it on the other.
    let showBefore = try first.send("show")
    let clockBefore = try first.send("clock")
    let queueBefore = try first.send("queue")
    let scoreBefore = try first.send("score")
    let casesBefore = try Self.caseRows(box.db)
    first.killHard()
    #expect(first.process.terminationReason == .uncaughtSignal)

    let second = try box.live()
    let login = try second.send("login kim")
    #expect(login.contains("You have an unfinished attempt at m01-s01-jurisdiction (#1): 'resume' to continue it."), "\(login)")
    let resumed = try second.send("resume")
    // Every acknowledged action (the attempt commands above) was committed and replayed.
    let logged = Self.actions.count + 3  // show, clock and queue are logged too; score is not
    #expect(resumed.contains("Resumed attempt #1 at m01-s01-jurisdiction: \(logged) actions replayed"), "\(resumed)")
    #expect(resumed.contains(", T003 open."), "\(resumed)")
    #expect(try second.send("clock") == clockBefore)
    #expect(try second.send("queue") == queueBefore)
    #expect(try second.send("score") == scoreBefore)
    #expect(try second.send("show") == showBefore)
    #expect(try Self.caseRows(box.db) == casesBefore)
    #expect(clockBefore.contains("It is 2017-07-03T"))
    #expect(queueBefore.contains("T003") && showBefore.hasPrefix("T003 - "))

    // The resumed attempt carries on: hand over and issue T003.
    #expect(try second.send("handover").contains("T003: handed over to post B"))
    #expect(try second.send("issue").contains("T003: refusal-of-acceptance notice issued"))
    #expect(try second.quit() == 0)
  }

  @Test("the resumed state equals that of an uninterrupted run of the same commands")
  func resumeEqualsUninterrupted() throws {
    let box = try Sandbox()
    let first = try box.live()
    _ = try first.send("login lee")
    _ = try first.send("start m01-s01-jurisdiction")
    for a in Self.actions { _ = try first.send(a) }
    first.killHard()
    let second = try box.live()
    _ = try second.send("login lee")
    _ = try second.send("resume")
    let after = try state(second)
    _ = try second.quit()

    let reference = try Sandbox().live()
    _ = try reference.send("login lee")
    _ = try reference.send("start m01-s01-jurisdiction")
    for a in Self.actions { _ = try reference.send(a) }
    #expect(try state(reference) == after)
    _ = try reference.quit()
  }

  /// The `caseRow` table as text, through the sqlite3 shell (a separate reader).
  static func caseRows(_ db: String) throws -> String {
    try Shell.sqlite(db, "SELECT attempt, ticket, state, outcome, defects, maker, checker, noticeAt, deadline FROM caseRow ORDER BY attempt, ticket;").stdout
  }

  @Test("report and verify in another process read the database while a REPL is mid-attempt")
  func readersWhileWriting() throws {
    let box = try Sandbox()
    let repl = try box.live()
    _ = try repl.send("login rae --cohort readers")
    _ = try repl.send("start m01-s01-jurisdiction")
    for (i, a) in Self.actions.enumerated() {
      _ = try repl.send(a)
      guard i % 4 == 3 else { continue }
      let report = try box.run(["report", "--format", "json"])
      #expect(report.exited(0), "report: \(report.status) \(report.stderr)")
      let rows = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]])
      #expect(rows.count == 1)
      #expect(rows.first?["trainee"] as? String == "rae")
      #expect(rows.first?["scenario"] as? String == "m01-s01-jurisdiction")
      #expect(rows.first?["status"] as? String == "open")
      let verify = try box.run(["verify"])
      #expect(verify.exited(0), "verify: \(verify.stdout) \(verify.stderr)")
      #expect(verify.stdout == "verify: the records are intact\n")
      // The sqlite3 shell sees every acknowledged action.
      let count = try Shell.sqlite(box.db, "SELECT count(*) FROM action;").stdout
      #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == String(i + 1))
    }
    #expect(repl.process.isRunning)
    #expect(try repl.quit() == 0)
    #expect(repl.stderr.isEmpty, "\(repl.stderr)")
  }

  @Test("two trainees' REPLs on one database, acting alternately: no 'database is locked'")
  func twoTraineesAlternately() throws {
    let box = try Sandbox()
    let ann = try box.live()
    let ben = try box.live()
    var outputs: [String] = []
    outputs.append(try ann.send("login ann --cohort pair"))
    outputs.append(try ben.send("login ben --cohort pair"))
    outputs.append(try ann.send("start m01-s01-jurisdiction"))
    outputs.append(try ben.send("start m01-s01-jurisdiction"))
    for a in Self.actions + ["finish --now"] {
      outputs.append(try ann.send(a))
      outputs.append(try ben.send(a))
    }
    for o in outputs {
      #expect(!o.localizedCaseInsensitiveContains("locked") && !o.contains("could not") && !o.contains("cannot"), "\(o)")
    }
    #expect(try ann.quit() == 0)
    #expect(try ben.quit() == 0)
    #expect(ann.stderr.isEmpty && ben.stderr.isEmpty, "\(ann.stderr)\(ben.stderr)")
    let report = try box.run(["report", "--format", "csv", "--per", "trainee"])
    #expect(report.stdout.contains("\nann,pair,1,1,") && report.stdout.contains("\nben,pair,1,1,"), "\(report.stdout)")
    #expect(try box.run(["verify"]).exited(0))
  }

  @Test("two trainees' REPLs on one database at full speed at once: no 'database is locked'")
  func twoTraineesAtOnce() async throws {
    let box = try Sandbox()
    let script = try String(contentsOfFile: ReplScriptTests.golden, encoding: .utf8)
    async let a = box.run(["--stop-on-error", "--trainee", "amy"], stdin: script.replacingOccurrences(of: "login golden --cohort e2e", with: ""))
    async let b = box.run(["--stop-on-error", "--trainee", "bob"], stdin: script.replacingOccurrences(of: "login golden --cohort e2e", with: ""))
    let (ra, rb) = try await (a, b)
    for r in [ra, rb] {
      #expect(r.exited(0), "exit \(r.status): \(r.stdout.suffix(300)) \(r.stderr)")
      #expect(!r.stdout.localizedCaseInsensitiveContains("locked"))
      #expect(r.stdout.contains("Final score: 100/100"))
    }
    let verify = try box.run(["verify"])
    #expect(verify.exited(0), "\(verify.stdout)")
  }
}

/// The sqlite3 shell.
enum Shell {
  static let sqlite3 = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }

  static func sqlite(_ db: String, _ sql: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let path = try #require(sqlite3, "needs the sqlite3 shell")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = [db]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    p.standardInput = input
    p.standardOutput = output
    p.standardError = errors
    try p.run()
    input.fileHandleForWriting.write(Data((".timeout 5000\n" + sql + "\n").utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }
}
