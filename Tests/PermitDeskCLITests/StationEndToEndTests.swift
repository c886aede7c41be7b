import Foundation
import Testing

/// The instructor station in a training room: the trainer's `monitor` sees running attempts while
/// trainees work, and `inject` reaches a trainee before their next command and replays exactly.
@Suite("Training room: instructor station (monitor, inject)")
struct StationEndToEndTests {
  func liveShell(_ room: RoomFixture, _ name: String) throws -> LiveRepl {
    try room.box.live(["room", "shell", "--room", room.prefix, name])
  }

  @Test("monitor --once --format json lists both trainees while they work; inject reaches one before their next command")
  func monitorAndInject() throws {
    let room = try RoomFixture()
    for name in ["alice", "bob", "carol"] { try room.makeKey(name) }
    _ = try room.add("alice", trainer: true)
    _ = try room.add("bob")
    _ = try room.add("carol")

    let bob = try liveShell(room, "bob")
    let carol = try liveShell(room, "carol")
    #expect(try bob.send("start m01-s01-jurisdiction").contains("Attempt #1 started."))
    #expect(try carol.send("start m01-s01-jurisdiction --seed 7").contains("Attempt #2 started."))
    _ = try bob.send("advance --next")
    _ = try bob.send("open T001")

    let monitor = try room.shell("alice", "monitor --once --format json\nmonitor --once\n")
    let start = try #require(monitor.stdout.firstIndex(of: "["))
    let end = try #require(monitor.stdout.range(of: "\n]\n"))
    let jsonText = String(monitor.stdout[start..<end.upperBound])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as? [[String: Any]], "\(monitor.stdout)")
    #expect(rows.map { $0["trainee"] as? String } == ["bob", "carol"])
    #expect(rows[0]["last-action"] as? String == "open" && rows[0]["files-total"] as? Int == 10)
    #expect(rows[0]["clock"] as? String == "2017-07-03T09:07+08:00", "\(rows[0])")
    #expect((rows[0]["last-action-seconds-ago"] as? Int).map { $0 < 120 } == true)
    #expect(rows[1]["last-action"] as? String == "-")  // carol has not acted yet
    #expect(monitor.stdout.contains("#1       bob"), "\(monitor.stdout)")
    // A trainee has no station.
    #expect(try bob.send("monitor").contains("'monitor' is for trainers"))

    let injected = try room.shell(
      "alice", "inject 1 announce Window 3 closes at 15:00 today\ninject 1 surge 2\ninject 1 colleague-absent 16:00\n")
    #expect(injected.stdout.contains("injected into attempt #1 (bob, m01-s01-jurisdiction) as action 3"), "\(injected.stdout)")
    #expect(injected.stdout.contains("as action 5") && injected.stdout.contains("colleague-absent 16:00"))

    // bob's next command: the events first, then his command, which is logged after them.
    let next = try bob.send("queue")
    #expect(next.hasPrefix("[from trainer:alice] instructor event: announce Window 3 closes at 15:00 today\nANNOUNCEMENT: Window 3 closes at 15:00 today\n"), "\(next)")
    #expect(next.contains("SURGE: from your trainer (2 more applicants are queueing)"), "\(next)")
    #expect(next.contains("Li Wei (simulated post B) is away until 2017-07-03T16:00+08:00"), "\(next)")
    #expect(next.contains("(11 still to come)"), "\(next)")
    // carol's attempt is untouched.
    #expect(!(try carol.send("queue")).contains("from trainer"))

    // Killed and resumed, bob's attempt is rebuilt with the events: the same queue and clock.
    let clockBefore = try bob.send("clock")
    let queueBefore = try bob.send("queue")
    bob.killHard()
    let again = try liveShell(room, "bob")
    #expect(try again.send("resume").contains("Resumed attempt #1"))
    #expect(try again.send("clock") == clockBefore)
    #expect(try again.send("queue") == queueBefore)
    _ = try again.send("advance --next")
    #expect(try again.send("finish --now").contains("Final score:"))
    #expect(try again.quit() == 0)
    #expect(try carol.quit() == 0)

    // The score follows from the log with the injected events in it; the records are signed.
    let replay = try room.box.run(["replay", "1", "--db", room.database, "--content", room.prefix + "/content"])
    #expect(replay.exited(0), "\(replay.stdout)\(replay.stderr)")
    let verify = try room.box.run(["verify", "--rescore", "--db", room.database, "--key", room.prefix + "/room.conf", "--content", room.prefix + "/content"])
    #expect(verify.exited(0) && verify.stdout.contains("authenticated"), "\(verify.stdout)")
  }

  @Test("inject refuses what cannot happen, and trainees cannot inject")
  func injectRefusals() throws {
    let room = try RoomFixture()
    try room.makeKey("alice")
    try room.makeKey("bob")
    _ = try room.add("alice", trainer: true)
    _ = try room.add("bob")
    let bob = try room.shell("bob", "start m01-s01-jurisdiction\ninject 1 announce hello\nquit\n")
    #expect(bob.stdout.contains("'inject' is for trainers"))
    let alice = try room.shell(
      "alice",
      """
      inject 1 weather storm
      inject 1 surge 0
      inject 1 rule-change no-such-pack
      inject 1 colleague-absent 08:00
      inject 7 announce hi
      inject x announce hi
      """)
    for text in [
      "unknown event 'weather'", "usage: surge N (1 to 50 applicants)", "no policy pack 'no-such-pack'",
      "colleague-absent needs a time after now", "there is no attempt #7", "usage: inject ATTEMPT EVENT",
    ] {
      #expect(alice.stdout.contains(text), "\(text) in \(alice.stdout)")
    }
    #expect(!alice.stdout.contains("injected into"))
  }
}
