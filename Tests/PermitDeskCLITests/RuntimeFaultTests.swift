import Foundation
import Testing
import PermitTraining

#if canImport(Glibc)
  import Glibc
#endif

/// Commit, then apply, seen from outside (issue 8 item 4, issue 11 items 2 and 3): a command whose
/// write fails leaves the attempt exactly as it was and says so; the next command works; `finish`
/// is one transaction; `restore` after `finish` is refused; `verify --rescore` stays intact.
@Suite(.serialized) struct RuntimeFaultTests {
  static let start = ["login ada", "start m01-s01-jurisdiction --free", "advance 10m", "open T001"]

  func verifyIntact(_ box: Sandbox, finished: Int, olderModel: Int = 0) throws {
    let v = try box.run(["verify", "--rescore"])
    #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
    let rescored = finished == 1 ? "1 finished attempt re-scored from its log, as recorded" : "\(finished) finished attempts re-scored from their logs, all as recorded"
    #expect(v.stdout.contains(rescored), "\(v.stdout)")
    if olderModel > 0 { #expect(v.stdout.contains("; \(olderModel) scored by an earlier scoring model, not compared"), "\(v.stdout)") }
  }

  @Test("SQLITE_FULL injected through the store's seam during a command: attempt unchanged, message, next command works")
  func diskFullDuringACommand() throws {
    let box = try Sandbox()
    // Commits of attempt commands in this process: advance, open, queue, decide (4th) fails.
    let repl = try box.live(["--no-color"], environment: ["PERMITDESK_FAULT": "full@4"])
    for c in Self.start { _ = try repl.send(c) }
    let queueBefore = try repl.send("queue")
    // Errors of a REPL that is not on a terminal go to standard error (issue 11).
    let failed = try repl.send("decide accept") + repl.stderr
    #expect(failed.contains("could not save the action"), "\(failed)")
    #expect(failed.contains("full"), "\(failed)")
    #expect(failed.contains("nothing was recorded and the attempt is as it was"), "\(failed)")
    #expect(!failed.contains("you propose"), "\(failed)")
    // Exactly as before: same clock, same queue (the proposal did not happen, no time passed).
    #expect(try repl.send("queue") == queueBefore)
    let again = try repl.send("decide accept")
    #expect(again.contains("T001: you propose accept"), "\(again)")
    _ = try repl.send("handover")
    _ = try repl.send("issue")
    // Nine files are still to come: a plain `finish` lists them (an error, not an action) and
    // `finish --now` goes ahead.
    let listed = try repl.send("finish") + repl.stderr
    #expect(listed.contains("not finished: this would still happen without you:"), "\(listed)")
    let fin = try repl.send("finish --now")
    #expect(fin.contains("Final score"), "\(fin)")
    #expect(try repl.quit() == 0)
    try verifyIntact(box, finished: 1)
    // The failed command left no action: the log has every acknowledged command once.
    let log = try Shell.sqlite(box.db, "SELECT group_concat(verb, ' ') FROM action WHERE attempt = 1 ORDER BY seq;")
    #expect(log.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "advance open queue queue decide handover issue finish finish", "\(log)")
    let ok = try Shell.sqlite(box.db, "SELECT group_concat(ok || ':' || arguments, ' ') FROM action WHERE attempt = 1 AND verb = 'finish' ORDER BY seq;")
    #expect(ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == #"0:{"now":false,"v":2} 1:{"now":true,"v":2}"#, "\(ok)")
  }

  @Test("a lock held past the busy timeout during a command: attempt unchanged, message, next command works")
  func lockHeldPastTheBusyTimeout() throws {
    let box = try Sandbox()
    let repl = try box.live(["--no-color"])
    for c in Self.start { _ = try repl.send(c) }
    let queueBefore = try repl.send("queue")
    let holder = try LockHolder(db: box.db)
    let failed = try repl.send("decide accept", timeout: 40) + repl.stderr
    holder.release()
    #expect(failed.contains("could not save the action"), "\(failed)")
    #expect(failed.contains("locked"), "\(failed)")
    #expect(failed.contains("nothing was recorded and the attempt is as it was"), "\(failed)")
    #expect(try repl.send("queue") == queueBefore)
    let again = try repl.send("decide accept")
    #expect(again.contains("T001: you propose accept"), "\(again)")
    _ = try repl.send("finish --now")
    #expect(try repl.quit() == 0)
    try verifyIntact(box, finished: 1)
  }

  @Test("finish is one transaction; restore after finish is refused; verify --rescore replays to the result")
  func restoreAfterFinishIsRefused() throws {
    let box = try Sandbox()
    let script = (["login ada", "start m01-s01-jurisdiction --free", "advance 10m", "snapshot early"]
      + ["open T001", "decide supplement missing:degree", "handover", "finish --now", "restore early", "queue", "score"]).joined(separator: "\n")
    let r = try box.run(["--no-color"], stdin: script + "\n")
    #expect(r.stderr.contains("the attempt is finished; see 'score' and 'debrief'"), "\(r.stderr)")
    #expect(!r.stdout.contains("restored 'early'"), "\(r.stdout)")
    let finals = r.stdout.split(separator: "\n").filter { $0.hasPrefix("Final score:") }
    #expect(finals.count == 2 && finals[0] == finals[1], "\(finals)")
    let row = try Shell.sqlite(box.db, "SELECT status, overall, resultSeq, lastSeq FROM attempt WHERE id = 1;")
    // finish is action 6, with its result; the refused restore and the queue come after it.
    #expect(row.stdout.hasPrefix("finished|") && row.stdout.contains("|6|8"), "\(row.stdout)")
    #expect(finals[0].contains(" \(row.stdout.split(separator: "|")[1])/100"), "\(finals) \(row.stdout)")
    try verifyIntact(box, finished: 1)
  }

  @Test("an attempt recorded by the first schema: verify --rescore, replay and resume all work; new actions are typed")
  func firstSchemaFixtureStillReplays() throws {
    let box = try Sandbox()
    try? FileManager.default.removeItem(atPath: box.db)
    try FileManager.default.copyItem(atPath: Self.fixture, toPath: box.db)
    // The fixture's two attempts were scored by scoring model 1 (before issue 9): replayed, not compared.
    try verifyIntact(box, finished: 0, olderModel: 2)
    // Its `finish` rows (version 1, written when finish always went ahead) replay as `finish --now`.
    for id in ["1", "2"] {
      let r = try box.run(["replay", id])
      #expect(r.status == 0 && r.stdout.contains("the recorded score is from scoring model 1; the replayed one from model \(Scorer.model)"), "\(r.stdout)")
    }
    let r = try box.run(["--no-color"], stdin: "login carol\nresume\nqueue\nfinish --now\n")
    #expect(r.stdout.contains("Resumed attempt #3 at m01-s02-application-types"), "\(r.stdout)")
    #expect(r.stdout.contains("T001"), "\(r.stdout)")
    #expect(r.stdout.contains("Final score"), "\(r.stdout)")
    try verifyIntact(box, finished: 1, olderModel: 2)
    let args = try Shell.sqlite(box.db, "SELECT arguments FROM action WHERE attempt = 3 ORDER BY seq;")
    let rows = args.stdout.split(separator: "\n")
    #expect(rows.first?.hasPrefix("[") == true, "\(rows)")  // version 1, as written by the old binary
    #expect(rows.suffix(2) == [#"{"v":2}"#, #"{"now":true,"v":2}"#], "\(rows)")  // queue and finish --now, version 2
  }

  @Test("a finish action with no recorded result: verify reports it, resume records the score")
  func finishWithoutResult() throws {
    let box = try Sandbox()
    try? FileManager.default.removeItem(atPath: box.db)
    try FileManager.default.copyItem(atPath: Self.fixture, toPath: box.db)
    // What a kill between the two commits of the old `finish` left: the finish action, no result.
    try appendAction(db: box.db, attempt: 3, verb: "finish", arguments: "[]", result: "The attempt is finished.")
    let v = try box.run(["verify"])
    #expect(v.status == 1, "\(v.stdout)")
    #expect(v.stdout.contains("attempt #3: its log finished the attempt"), "\(v.stdout)")
    let r = try box.run(["--no-color"], stdin: "login carol\nresume\n")
    #expect(r.stdout.contains("recording it now"), "\(r.stdout)")
    #expect(r.stdout.contains("Final score"), "\(r.stdout)")
    try verifyIntact(box, finished: 1, olderModel: 2)
  }

  @Test("a changed policy pack is 'content changed since the attempt', not a record that does not follow from its log")
  func changedPolicyPackIsNotTampering() throws {
    let box = try Sandbox()
    let content = box.dir + "/content"
    try FileManager.default.createDirectory(atPath: content, withIntermediateDirectories: true)
    for d in ["Policies", "Scenarios", "Curriculum"] {
      try FileManager.default.copyItem(atPath: CLI.root + "/" + d, toPath: content + "/" + d)
    }
    let play = try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "perfect", "--free", "--content", content])
    #expect(play.status == 0, "\(play.stdout)\(play.stderr)")
    var v = try box.run(["verify", "--rescore", "--content", content])
    #expect(v.status == 0 && v.stdout.contains("1 finished attempt re-scored from its log, as recorded"), "\(v.stdout)")
    // Haidian is no longer a pilot window in the edited pack: the referral the attempt made is now wrong.
    let pack = content + "/Policies/beijing-2017-pilot.yaml"
    let text = try String(contentsOfFile: pack, encoding: .utf8)
    try text.replacingOccurrences(of: "windows: [chaoyang, haidian, shunyi]", with: "windows: [chaoyang, shunyi]")
      .write(toFile: pack, atomically: true, encoding: .utf8)
    v = try box.run(["verify", "--rescore", "--content", content])
    #expect(v.status == 1, "\(v.stdout)")
    #expect(v.stdout.contains("verify: attempt #1: content changed since the attempt"), "\(v.stdout)")
    #expect(v.stdout.contains("not evidence that the record was edited"), "\(v.stdout)")
    #expect(!v.stdout.contains("does not follow from its log"), "\(v.stdout)")
    let r = try box.run(["replay", "1", "--content", content])
    #expect(r.stdout.contains("content changed since the attempt"), "\(r.stdout)")
    // With the bundled content (unchanged) the record still follows from its log.
    #expect(try box.run(["replay", "1"]).stdout.contains("the recorded score follows from the log"))
  }

  static let fixture = CLI.root + "/Tests/PermitDeskCLITests/Fixtures/schema-v1/sandbox.sqlite"

  /// Appends a correctly chained action with the sqlite3 shell (the hash chain's canonical form).
  func appendAction(db: String, attempt: Int, verb: String, arguments: String, result: String) throws {
    let head = try Shell.sqlite(db, "SELECT seq, hash FROM action WHERE attempt = \(attempt) ORDER BY seq DESC LIMIT 1;")
    let parts = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
    try #require(parts.count == 2, "\(head)")
    let seq = Int(parts[0])! + 1
    let simTime = "2017-07-04T17:00+08:00"
    let wall = "2026-01-01T00:00:00.000Z"
    let fields = [String(attempt), String(seq), "carol", verb, arguments, simTime, wall, result, "1"]
    let canonical = "action|" + fields.map { "\($0.utf8.count):\($0);" }.joined()
    let hash = try sha256(parts[1] + canonical)
    func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
    let sql = """
      INSERT INTO action (attempt, seq, actor, verb, arguments, simTime, wallTime, result, ok, prevHash, hash)
      VALUES (\(attempt), \(seq), 'carol', \(q(verb)), \(q(arguments)), \(q(simTime)), \(q(wall)), \(q(result)), 1, \(q(parts[1])), \(q(hash)));
      UPDATE attempt SET lastSeq = \(seq) WHERE id = \(attempt);
      """
    let w = try Shell.sqlite(db, sql)
    try #require(w.status == 0 && w.stderr.isEmpty, "\(w)")
  }

  func sha256(_ text: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(String(decoding: out, as: UTF8.self).prefix(64))
  }
}

/// Another process holding the database's write lock (`BEGIN IMMEDIATE` in the sqlite3 shell)
/// until `release()`.
final class LockHolder {
  let process = Process()
  let input = Pipe()
  let output = Pipe()

  init(db: String) throws {
    let path = try #require(Shell.sqlite3, "needs the sqlite3 shell")
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = [db]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(".timeout 5000\nBEGIN IMMEDIATE;\nSELECT 'held';\n".utf8))
    var got = Data()
    while !String(decoding: got, as: UTF8.self).contains("held") {
      let d = output.fileHandleForReading.availableData
      if d.isEmpty { throw ReplError("the sqlite3 shell did not take the lock") }
      got.append(d)
    }
  }

  func release() {
    input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
