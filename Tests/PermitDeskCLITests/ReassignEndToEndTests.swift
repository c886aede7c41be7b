import Foundation
import Testing

/// A trainer hands post A of a running pair attempt to another trainee after post A's trainee
/// vanished: real room sessions (`room shell`, as sshd runs them) on one room database.
@Suite("Pair mode: a trainer reassigns a post whose trainee vanished")
struct ReassignEndToEndTests {
  /// A room with a trainer (wang) and three trainees.
  static func room() throws -> RoomFixture {
    let room = try RoomFixture()
    for name in ["wang", "ana", "bob", "carol"] {
      try room.makeKey(name)
      #expect(try room.add(name, trainer: name == "wang").exited(0))
    }
    return room
  }

  static func shell(_ room: RoomFixture, _ name: String) throws -> LiveRepl {
    try room.box.live(["room", "shell", "--room", room.prefix, name])
  }

  @Test("reassign A: refused while ana works, --force hands it to carol, bob and carol finish; verify, credit, report")
  func handPostAOver() throws {
    let room = try Self.room()
    // ana starts the pair attempt with bob, proposes T001 and hands it over.
    let ana = try Self.shell(room, "ana")
    var out = try ana.send("start m01-s01-jurisdiction --pair bob")
    #expect(out.contains("Attempt #1 started."), "\(out)\(ana.stderr)")
    for cmd in ["advance --next", "open T001", "decide accept", "handover"] { _ = try ana.send(cmd) }
    let bob = try Self.shell(room, "bob")
    out = try bob.send("join")
    #expect(out.contains("Joined pair attempt #1 at m01-s01-jurisdiction as post B with ana (post A)"), "\(out)\(bob.stderr)")

    // The trainer: not to bob (he would review his own proposals), not while ana is live.
    var t = try room.shell("wang", "reassign 1 A bob\nreassign 1 A carol\nreassign 1 C carol\nreassign 1 A wang\nreassign 1 A nobody\n")
    var said = t.stdout + t.stderr
    #expect(said.contains("cannot hand over a post of attempt #1: bob holds the other post: one person at both posts would review their own proposals"), "\(said)")
    #expect(said.contains("ana still works on post A of attempt #1 (process \(ana.process.processIdentifier)"), "\(said)")
    #expect(said.contains("add --force to hand the post over anyway"), "\(said)")
    #expect(said.contains("reassign ATTEMPT A|B NAME [--force]"), "\(said)")
    #expect(said.contains("wang is a trainer of this room; a post goes to a trainee"), "\(said)")
    #expect(said.contains("nobody is not a trainee of this room"), "\(said)")
    t = try room.shell("wang", "help reassign\nreassign 1 A carol --force\nmonitor --once --format json\n")
    said = t.stdout + t.stderr
    #expect(said.contains("Post A of attempt #1 (m01-s01-jurisdiction) handed from ana to carol"), "\(said)")
    #expect(said.contains("carol types 'join 1' to take the post"), "\(said)")
    #expect(said.contains("\"trainee\": \"carol\"") && said.contains("\"partner\": \"carol\""), "the station shows the new seats: \(said)")

    // ana's session records nothing more; she cannot resume or abandon the shared attempt.
    out = try ana.send("queue")
    #expect((out + ana.stderr).contains("Post A of pair attempt #1 (m01-s01-jurisdiction) was handed to carol by trainer:wang; it is no longer yours to resume."), "\(out)\(ana.stderr)")
    #expect(!out.contains("T001"), "the queue was not shown: \(out)")
    _ = try ana.send("resume")
    out = try ana.send("start m01-s02-application-types")
    #expect(out.contains("Attempt #2 started."), "not 'in progress': \(out)\(ana.stderr)")
    #expect(try ana.quit() == 0)

    // bob, at work all along, sees the change before his next command, then reviews what ana
    // handed over; carol is told, joins as post A, issues and finishes.
    out = try bob.send("open T001")
    #expect(out.contains("[from trainer:wang] instructor event: reassign A carol"), "\(out)")
    #expect(out.contains("Post A is now carol's (was ana's), on the trainer's decision at 2017-07-03T"), "\(out)")
    for cmd in ["show passport", "show degree", "show criminal-record", "checklist"] { _ = try bob.send(cmd) }
    out = try bob.send("review agree")
    #expect(out.contains("T001: you agree with post A's proposal; carol issues the notice."), "\(out)\(bob.stderr)")
    let carol = try room.shell("carol", "join\nissue\nfinish --now\n")
    #expect(carol.stdout.contains("A trainer handed you post A of pair attempt #1 (m01-s01-jurisdiction): 'join 1'."), "\(carol.stdout)")
    #expect(carol.stdout.contains("Joined pair attempt #1 at m01-s01-jurisdiction as post A with bob (post B)"), "\(carol.stdout)\(carol.stderr)")
    #expect(carol.stdout.contains("T001 open"), "the post's open file came with it: \(carol.stdout)")
    #expect(carol.stdout.contains("Final score:"), "\(carol.stdout)\(carol.stderr)")
    #expect(carol.stdout.contains("Post A changed hands during the day (ana → carol, from 2017-07-03T"), "\(carol.stdout)")
    // bob's own post is his: his final score, without the note.
    out = try bob.send("debrief")
    #expect(out.contains("[carol, post A] finish"), "\(out)")
    #expect(!out.contains("changed hands"), "\(out)")
    #expect(try bob.quit() == 0)

    // The log replays: the records are intact and every score follows from the log.
    let verify = try room.box.run(["verify", "--rescore", "--db", room.database, "--content", CLI.root, "--key", room.prefix + "/room.conf"])
    #expect(verify.exited(0), "\(verify.stdout)\(verify.stderr)")
    let replay = try room.box.run(["replay", "1", "--db", room.database, "--content", CLI.root])
    #expect(replay.exited(0), "\(replay.stdout)\(replay.stderr)")
    // Credit: post A changed hands, so neither ana nor carol is credited with it; bob's post is his.
    let report = try room.box.run(["report", "--per", "attempt", "--format", "json", "--db", room.database, "--content", CLI.root])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]], "\(report.stdout)\(report.stderr)")
    let pair = rows.filter { $0["attempt"] as? Int == 1 }
    #expect(Set(pair.compactMap { $0["trainee"] as? String }) == ["ana", "bob"], "\(pair)")
    #expect(!rows.contains { $0["trainee"] as? String == "carol" })
    let stored = try room.box.runTool(["/usr/bin/sqlite3", room.database, "SELECT post || ':' || resultJSON FROM participant WHERE attempt = 1 ORDER BY post"]).output
    let lines = stored.split(separator: "\n")
    try #require(lines.count == 2, "\(stored)")
    #expect(lines[0].hasPrefix("A:{") && lines[0].contains(#""credited":false"#) && lines[0].contains(#""seat-changes":[{"post":"A","from":"ana","to":"carol","#), "\(stored)")
    #expect(lines[1].hasPrefix("B:{") && lines[1].contains(#""credited":true"#) && !lines[1].contains("seat-changes"), "\(stored)")
    let attemptJSON = try room.box.runTool(["/usr/bin/sqlite3", room.database, "SELECT resultJSON FROM attempt WHERE id = 1"]).output
    #expect(attemptJSON.contains(#""credited":false"#), "the attempt's own result is post A's: \(attemptJSON)")
  }

  @Test("a Chinese session: the trainer's reply and the new holder's notice in Chinese")
  func chinese() throws {
    let room = try Self.room()
    _ = try room.shell("ana", "start m01-s01-jurisdiction --pair bob\nadvance --next\nquit\n")
    let zh = ["PERMITDESK_LANG": "zh-Hans"]
    let t = try room.shell("wang", "reassign 1 A carol\nreassign 1 A carol\n", environment: zh)
    let said = t.stdout + t.stderr
    #expect(said.contains("练习 #1（m01-s01-jurisdiction）的A岗已由ana移交给carol"), "\(said)")
    #expect(said.contains("carol已经在A岗"), "\(said)")
    let carol = try room.shell("carol", "join\n", environment: zh)
    #expect(carol.stdout.contains("培训师把结对练习 #1（m01-s01-jurisdiction）的A岗交给了你：'join 1'。"), "\(carol.stdout)")
    let ana = try room.shell("ana", "resume\n", environment: zh)
    #expect((ana.stdout + ana.stderr).contains("结对练习 #1（m01-s01-jurisdiction）的A岗已由培训师 wang交给carol"), "\(ana.stdout)\(ana.stderr)")
  }
}
