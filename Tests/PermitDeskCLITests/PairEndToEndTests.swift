import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Pair mode end to end: two real REPL processes on one database share one attempt as post A and
/// post B, race their commits, survive a kill, and are credited and reported per person.
@Suite(.serialized) struct PairEndToEndTests {
  @Test("two processes share one pair attempt: handover, review, races, kill and resume, a result for each")
  func twoTerminalsOneAttempt() throws {
    let box = try Sandbox()
    let bob = try box.live()
    _ = try bob.send("login bob")
    let alice = try box.live()
    _ = try alice.send("login alice")

    // Without a terminal, errors go to standard error.
    _ = try alice.send("start m01-s01-jurisdiction --pair bobby")
    #expect(alice.stderr.contains("no trainee 'bobby'") && alice.stderr.contains("did you mean 'bob'"), "\(alice.stderr)")
    _ = try alice.send("start m01-s01-jurisdiction --pair alice")
    #expect(alice.stderr.contains("you cannot pair with yourself"), "\(alice.stderr)")
    var out = try alice.send("start m01-s01-jurisdiction --pair bob")
    #expect(out.contains("Attempt #1 started.") && out.contains("you are post A, bob is post B"), "\(out)")

    _ = try bob.send("join 7")
    #expect(bob.stderr.contains("attempt #7 is not a running pair attempt with you as partner (yours: #1)"), "\(bob.stderr)")
    out = try bob.send("join")
    #expect(out.contains("Joined pair attempt #1 at m01-s01-jurisdiction as post B with alice (post A)"), "\(out)")
    #expect(out.contains("Nothing handed over to you yet"), "\(out)")
    // One live process per participant: bob's second terminal is refused, alice's is not bob's.
    let twin = try box.live()
    _ = try twin.send("login bob")
    _ = try twin.send("join")
    #expect(twin.stderr.contains("attempt #1 at m01-s01-jurisdiction is open in another session"), "\(twin.stderr)")
    #expect(try twin.quit() == 0)

    _ = try alice.send("advance --next")
    _ = try alice.send("open T001")
    out = try alice.send("decide accept")
    #expect(out.contains("T001: you propose accept"), "\(out)")
    _ = try alice.send("handover")

    // Bob sees alice's commands, under her name, before his own next command runs.
    out = try bob.send("advance 1h")
    #expect(out.contains("[alice, post A] decide accept"), "\(out)")
    #expect(out.contains("T001: post A (alice) hands over the proposal accept: your review, please"), "\(out)")
    #expect(bob.stderr.contains("only post A (alice) moves the clock"), "\(bob.stderr)")
    for cmd in ["open T001", "show passport", "show criminal-record", "show degree", "checklist", "points"] { _ = try bob.send(cmd) }

    // Both type at once: every commit lands on top of the log its process applied (or retries).
    let a = Box(alice)
    let b = Box(bob)
    DispatchQueue.concurrentPerform(iterations: 2) { i in
      let r = i == 0 ? a : b
      for _ in 0..<12 { r.outputs.append((try? r.repl.send("queue")) ?? "FAILED") }
    }
    #expect(!a.outputs.contains("FAILED") && !b.outputs.contains("FAILED"))
    let verify = try box.run(["verify"])
    #expect(verify.status == 0 && verify.stdout.contains("intact"), "\(verify.stdout)\(verify.stderr)")

    // Bob's terminal dies; he comes back as post B where he stood.
    bob.killHard()
    let bob2 = try box.live()
    out = try bob2.send("login bob")
    #expect(out.contains("alice started pair attempt #1 at m01-s01-jurisdiction with you as post B: 'join 1'."), "\(out)")
    out = try bob2.send("resume")
    #expect(out.contains("Resumed pair attempt #1 at m01-s01-jurisdiction as post B with alice"), "\(out)")
    #expect(out.contains("T001 open") && out.contains("Waiting for your review: T001."), "\(out)")
    out = try bob2.send("review agree")
    #expect(out.contains("T001: you agree with post A's proposal; alice issues the notice."), "\(out)")

    out = try alice.send("issue")
    #expect(out.contains("T001: post B (bob) agrees. You may issue the notice."), "\(out)")
    // Every queue bob typed reached alice, during the race or now.
    #expect((a.outputs.joined() + out).components(separatedBy: "[bob, post B] queue").count - 1 == 12, "\(a.outputs)")
    #expect(out.contains("T001: acceptance notice issued") || out.contains("T001: accept"), "\(out)")
    out = try alice.send("finish")
    if !out.contains("Final score:") { out = try alice.send("finish --now") }  // files still pending
    #expect(out.contains("Final score:"), "\(out)")
    out = try bob2.send("score")
    #expect(out.contains("[alice, post A] finish"), "\(out)")
    #expect(out.contains("Final score:"), "\(out)")
    #expect(try alice.quit() == 0)
    #expect(try bob2.quit() == 0)

    // One result each, on their own post; both credited and reported per person.
    let report = try box.run(["report", "--per", "attempt", "--format", "json"])
    #expect(report.status == 0, "\(report.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]], "\(report.stdout)")
    #expect(Set(rows.compactMap { $0["trainee"] as? String }) == ["alice", "bob"], "\(rows)")
    #expect(rows.allSatisfy { ($0["status"] as? String) == "finished" }, "\(rows)")
    let curriculum = try box.run([], stdin: "login bob\ncurriculum\n").stdout
    #expect(curriculum.contains("m01-jurisdiction") && curriculum.contains("1 attempt"), "\(curriculum)")
    #expect(try box.run(["verify", "--rescore"]).status == 0)
  }

  @Test("a pair attempt post A abandons is left by post B at their next command")
  func abandoned() throws {
    let box = try Sandbox()
    let bob = try box.live()
    _ = try bob.send("login bob")
    let alice = try box.live()
    _ = try alice.send("login alice")
    _ = try alice.send("start m01-s01-jurisdiction --pair bob")
    var out = try bob.send("join")
    #expect(out.contains("Joined pair attempt #1"), "\(out)")
    out = try alice.send("start m01-s02-application-types --abandon")
    #expect(out.contains("Attempt #2 started."), "\(out)")
    out = try bob.send("queue")
    #expect(out.contains("Pair attempt #1 was abandoned by alice"), "\(out)")
    _ = try bob.send("join")
    #expect(bob.stderr.contains("no pair attempt is waiting for you"), "\(bob.stderr)")
    #expect(try alice.quit() == 0)
    #expect(try bob.quit() == 0)
  }

  @Test("on terminals, post A's commands appear above post B's half-typed line without Enter (pexpect)")
  func terminals() throws {
    let box = try Sandbox()
    let probe = try box.runTool(["/usr/bin/env", "python3", "-c", "import pexpect"])
    try #require(probe.status == 0, "needs python3 with pexpect (./dev installs it): \(probe.output)")
    let r = try box.runTool(["/usr/bin/env", "python3", CLI.root + "/Tests/tools/pty_pair.py", CLI.binary])
    #expect(r.status == 0, "pty_pair.py exited \(r.status):\n\(r.output)")
    for check in [
      "ok: alice starts a pair attempt on one terminal, bob joins it on another",
      "ok: post A's commands appear above post B's half-typed line without Enter; the line is intact and runs",
      "ok: both leave with quit",
    ] {
      #expect(r.output.contains(check + "\n"), "missing '\(check)' in:\n\(r.output)")
    }
  }

  final class Box: @unchecked Sendable {
    let repl: LiveRepl
    var outputs: [String] = []
    init(_ r: LiveRepl) { repl = r }
  }
}
