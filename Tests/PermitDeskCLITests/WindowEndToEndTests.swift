import Foundation
import Testing

/// Issue 9 items 5 and 6 through the binary: window work refused while the window is closed, no
/// notice stamped at a closed time, an action running past closing ends at closing, and `finish`
/// listing what would still happen until `finish --now`.
@Suite("the window's hours and finish, end to end")
struct WindowEndToEndTests {
  static let start = "login wen\nstart m01-s01-jurisdiction --free\n"

  /// Rows of an SQL query, fields split on `|`.
  static func rows(_ box: Sandbox, _ sql: String) throws -> [[String]] {
    let r = try Shell.sqlite(box.db, sql)
    try #require(r.status == 0, "\(r.stderr)")
    return r.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test("window work while the window is closed is refused with when it opens; it costs nothing; advance --next goes to the opening")
  func closedWindowRefusal() throws {
    let box = try Sandbox()
    let script = Self.start + "advance --to 17:30\nopen T001\ndecide accept\nclock\nadvance --next\nopen T001\n"
    let r = try box.run(["--no-color"], stdin: script)
    #expect(r.exited(0), "\(r.stderr)")
    let refusal = "the window is closed until Tue 09:00 (2017-07-04): 'advance --next' to wait for the opening"
    // Errors of a script go to standard error, one line each; the transcript goes on.
    #expect(r.stderr == refusal + "\n" + refusal + "\n", "\(r.stderr)")
    #expect(r.stdout.contains("It is 2017-07-03T17:30+08:00 (Mon), a working day."), "no time passed: \(r.stdout)")
    #expect(r.stdout.contains("The window is closed; it opens Tue 09:00 (2017-07-04)."))
    #expect(r.stdout.contains("It is now 2017-07-04T09:00+08:00."))
    #expect(r.stdout.contains("T001 - overseas-notification, round 1, received"))
    // The refused commands are logged as refused rows at the closed time, with nothing spent;
    // the open after the opening is the first window action.
    let log = try Self.rows(box, "SELECT verb, ok, simTime FROM action WHERE attempt = 1 ORDER BY seq;")
    #expect(log.map { $0.joined(separator: " ") } == [
      "advance 1 2017-07-03T17:30+08:00", "open 0 2017-07-03T17:30+08:00", "decide 0 2017-07-03T17:30+08:00",
      "clock 1 2017-07-03T17:30+08:00", "advance 1 2017-07-04T09:00+08:00", "open 1 2017-07-04T09:02+08:00",
    ], "\(log)")
  }

  @Test("after advance into a Saturday evening no notice is stamped at a closed time: issue is refused, then stamped Monday morning")
  func noticeTimeGuarantee() throws {
    let box = try Sandbox()
    let script = Self.start + """
      advance --to 10:00
      open T001
      decide accept
      handover
      advance --to 2017-07-08T20:30+08:00
      open T001
      issue
      advance --next
      open T001
      issue
      finish --now

      """
    let r = try box.run(["--no-color"], stdin: script)
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 2, "\(r.stderr)")
    #expect(r.stderr.contains("the window is closed until Mon 09:00 (2017-07-10)"), "\(r.stderr)")
    #expect(r.stdout.contains("T001: acceptance notice issued at 2017-07-10T09:02+08:00."), "\(r.stdout)")
    // Every notice of the attempt (the trainee's and the simulated colleague's) is within opening
    // hours on a working day, and every window action that went through ended within them.
    let notices = try Self.rows(box, "SELECT ticket, issuedAt FROM notice;")
    #expect(notices.count == 1, "\(notices)")
    for n in notices { #expect(Self.withinHours(n[1]), "\(n)") }
    let window = ["open", "show", "checklist", "points", "decide", "handover", "review", "issue", "hint"]
    let actions = try Self.rows(box, "SELECT verb, simTime FROM action WHERE ok = 1 AND attempt = 1;")
    for a in actions where window.contains(a[0]) { #expect(Self.withinHours(a[1]), "\(a)") }
    // The refused issue was not a breach: double review is whole.
    let score = try Self.rows(box, "SELECT doubleReview FROM attempt WHERE id = 1;")
    #expect(score == [["100"]], "\(score)")
  }

  /// Whether a time is within 09:00–17:00 (closing itself included: an action may end at it) on a
  /// weekday of July 2017 (no holiday in it).
  static func withinHours(_ iso: String) -> Bool {
    // 2017-07-10T09:02+08:00
    let day = Int(iso.dropFirst(8).prefix(2)) ?? 0
    let hour = Int(iso.dropFirst(11).prefix(2)) ?? -1
    let minute = Int(iso.dropFirst(14).prefix(2)) ?? -1
    guard iso.hasPrefix("2017-07-"), iso.hasSuffix("+08:00") else { return false }
    let weekday = (day - 3 + 70) % 7  // 3 July 2017 was a Monday: 0 Mon … 6 Sun
    let m = hour * 60 + minute
    return weekday < 5 && m >= 540 && m <= 1020
  }

  @Test("an action that would run past closing ends at closing and says so")
  func actionPastClosing() throws {
    let box = try Sandbox()
    let r = try box.run(["--no-color"], stdin: Self.start + "advance --to 16:59\nopen T001\nclock\nshow passport\n")
    #expect(r.exited(0))
    #expect(r.stdout.contains("The window closes at 17:00: this ended at closing, after 1 of its 2 minutes. It opens again Tue 09:00 (2017-07-04)."), "\(r.stdout)")
    #expect(r.stdout.contains("It is 2017-07-03T17:00+08:00 (Mon), a working day."), "\(r.stdout)")
    #expect(r.stderr.contains("the window is closed until Tue 09:00 (2017-07-04)"), "\(r.stderr)")
  }

  @Test("finish lists what would still happen and waits; finish --now finishes; --stop-on-error stops at the list")
  func finishWarning() throws {
    let box = try Sandbox()
    let r = try box.run(["--no-color"], stdin: Self.start + "advance --next\nfinish\nscore\nfinish --now\n")
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stderr.hasPrefix("not finished: this would still happen without you:\n"), "\(r.stderr)")
    #expect(r.stderr.contains("  T001 (received): no notice yet; its deadline 2017-07-10 would lapse into a deemed acceptance\n"), "\(r.stderr)")
    #expect(r.stderr.contains("applicants still to arrive (the next at 2017-07-03T"), "\(r.stderr)")
    #expect(r.stderr.contains("'finish --now' to finish anyway"), "\(r.stderr)")
    // Between the two, the attempt was still running.
    let running = try #require(r.stdout.range(of: "Running score:"), "\(r.stdout)")
    let final = try #require(r.stdout.range(of: "Final score:"), "\(r.stdout)")
    #expect(running.lowerBound < final.lowerBound)
    let row = try Self.rows(box, "SELECT status FROM attempt WHERE id = 1;")
    #expect(row == [["finished"]])
    let finishes = try Self.rows(box, "SELECT ok, arguments FROM action WHERE verb = 'finish' ORDER BY seq;")
    #expect(finishes == [["0", #"{"now":false,"v":2}"#], ["1", #"{"now":true,"v":2}"#]], "\(finishes)")

    // A script run with --stop-on-error stops at the list (exit 1) and leaves the attempt open.
    let strict = try Sandbox()
    let s = try strict.run(["--no-color", "--stop-on-error"], stdin: Self.start + "finish\nscore\n")
    #expect(s.exited(1), "\(s.status)")
    #expect(!s.stdout.contains("Running score:") && !s.stdout.contains("Final score:"), "\(s.stdout)")
    #expect(try Self.rows(strict, "SELECT status FROM attempt WHERE id = 1;") == [["open"]])
  }

  @Test("with nothing pending, plain finish just finishes (the model answer's script)")
  func finishWithNothingPending() throws {
    let box = try Sandbox()
    let r = try box.run(["--no-color", "--stop-on-error"], stdin: try ReplScriptTests.goldenScript())
    #expect(r.exited(0) && r.stderr.isEmpty, "\(r.stderr)")
    let finishes = try Self.rows(box, "SELECT ok, arguments FROM action WHERE verb = 'finish';")
    #expect(finishes == [["1", #"{"now":false,"v":2}"#]], "\(finishes)")
  }
}
