import Foundation
import Testing

@testable import PermitStore

/// The `sqlite3` shell, a genuinely separate process on the same file.
let sqlite3Path = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// Tests against a second OS process (the `sqlite3` shell, which `./dev` installs); skipped without it.
@Suite(.serialized, .enabled(if: sqlite3Path != nil, "needs the sqlite3 shell"))
struct ProcessTests {
  /// Starts `sqlite3 path` with `script` on stdin.
  func startShell(_ path: String, _ script: String) throws -> (Process, Pipe, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sqlite3Path ?? "/usr/bin/sqlite3")
    process.arguments = [path]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(script.utf8))
    try input.fileHandleForWriting.close()
    return (process, output, errors)
  }

  /// Runs `sqlite3 path` with `script` to the end: exit status, stdout, stderr.
  func runShell(_ path: String, _ script: String) throws -> (Int32, String, String) {
    let (process, output, errors) = try startShell(path, script)
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
  }

  @Test func anotherProcessHoldingTheWriteLockMakesTheAppendWaitNotFail() throws {
    try withTemporaryPath { path in
      let db = try SandboxDatabase(path: path)
      let trainee = try db.upsertTrainee(name: "post-a", cohort: nil)
      let attempt = try db.startAttempt(.sample(trainee: trainee.id))

      // Given another process that takes the write lock and keeps it for half a second
      let (shell, output, errors) = try startShell(
        path,
        """
        .timeout 5000
        BEGIN IMMEDIATE;
        INSERT INTO trainee (name, cohort, createdAt) VALUES ('post-b', NULL, '2026-01-01T00:00:00Z');
        SELECT 'locked';
        .shell sleep 0.5
        COMMIT;
        """)
      var seen = ""
      let deadline = Date().addingTimeInterval(10)
      while !seen.contains("locked"), Date() < deadline {
        seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
      }
      #expect(seen.contains("locked"))

      // When this process appends meanwhile, then it waits for the lock and succeeds
      let start = Date()
      let action = try db.appendAction(.sample(attempt: attempt.id, "queue"))
      #expect(action.seq == 1)
      #expect(Date().timeIntervalSince(start) > 0.1)

      _ = output.fileHandleForReading.readDataToEndOfFile()
      let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      shell.waitUntilExit()
      #expect(shell.terminationStatus == 0, "\(err)")
      #expect(try db.trainee(named: "post-b") != nil)
      // The only finding: the trainee the shell inserted by hand carries no seal (issue 11).
      let problems = try db.verify().map(\.description)
      #expect(problems.count == 1 && problems.first?.hasPrefix("trainee #2 (post-b, cohort none): the row does not match its seal") == true, "\(problems)")
    }
  }

  @Test func anotherProcessReadsCommittedRowsWhileThisOneWrites() throws {
    try withTemporaryPath { path in
      let (db, _) = try makeFileDatabaseWithAttempt(path: path, actions: 4)
      try db.executeRaw("INSERT INTO trainee (name, cohort, createdAt) VALUES ('pending', NULL, 'x')") {
        () throws -> Void in
        let (status, out, err) = try runShell(
          path, ".timeout 1000\nSELECT count(*) FROM action; SELECT count(*) FROM trainee WHERE name = 'pending';\n")
        #expect(status == 0, "\(err)")
        #expect(out.split(separator: "\n") == ["4", "0"])
      }
    }
  }

  @Test func editingTheLogWithTheShellIsRefused() throws {
    try withTemporaryPath { path in
      let (db, attempt) = try makeFileDatabaseWithAttempt(path: path, actions: 2)
      let (deleteStatus, _, deleteError) = try runShell(path, "DELETE FROM action;\n")
      let (updateStatus, _, updateError) = try runShell(path, "UPDATE action SET ok = 0;\n")
      #expect(deleteStatus != 0 && deleteError.contains("append-only"))
      #expect(updateStatus != 0 && updateError.contains("append-only"))
      #expect(try db.actions(attempt: attempt.id).count == 2)

      // Dropping the trigger first works, but verify() sees the edit
      let (status, _, err) = try runShell(
        path, "DROP TRIGGER action_no_update; UPDATE action SET ok = 0 WHERE seq = 1;\n")
      #expect(status == 0, "\(err)")
      #expect(try db.verify().contains { $0.attempt == attempt.id && $0.seq == 1 })
    }
  }
}

/// A file database with one trainee and one open attempt with `actions` actions.
func makeFileDatabaseWithAttempt(path: String, actions: Int) throws -> (SandboxDatabase, AttemptRecord) {
  let db = try SandboxDatabase(path: path)
  let trainee = try db.upsertTrainee(name: "olivia", cohort: nil)
  let attempt = try db.startAttempt(.sample(trainee: trainee.id))
  for i in 0..<actions { _ = try db.appendAction(.sample(attempt: attempt.id, "open", "T-\(i + 1)")) }
  return (db, attempt)
}
