import Foundation
import Testing

/// `permitdesk monitor` outside a training room (issue 14 item 4): the instructor station over a
/// sandbox database, printed once without a terminal (the live refresh on a terminal is checked by
/// Tests/tools/pty_keys.py in TerminalKeysTests).
@Suite("permitdesk monitor (standalone instructor station)")
struct MonitorEndToEndTests {
  @Test("lists the running attempts as a table and as JSON while trainees work; finished ones drop out")
  func tableAndJSON() throws {
    let box = try Sandbox()
    // Nothing running yet: the table says so (the database is created by the first trainee, so
    // a missing one is an error: monitor only reads).
    let missing = try box.run(["monitor"])
    #expect(missing.exited(65), "\(missing.stdout)\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.db), "monitor created the database")

    let ann = try box.live(["--trainee", "ann"])
    let ben = try box.live(["--trainee", "ben"])
    #expect(try ann.send("start m01-s01-jurisdiction").contains("Attempt #1 started."))
    _ = try ann.send("advance --next")
    _ = try ann.send("open T001")
    #expect(try ben.send("start m01-s01-jurisdiction --seed 7 --free").contains("Attempt #2 started."))

    let table = try box.run(["monitor"])
    #expect(table.exited(0), "\(table.stdout)\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("attempt  trainee  scenario") == true, "\(table.stdout)")
    #expect(lines.contains { $0.range(of: #"^#1 +ann +m01-s01-jurisdiction +practice +09:07 +0/10 +\d+ +open \d+s ago"#, options: .regularExpression) != nil }, "\(table.stdout)")
    #expect(lines.contains { $0.range(of: #"^#2 +ben +m01-s01-jurisdiction +practice +09:00 +0/10 +\d+ +-$"#, options: .regularExpression) != nil }, "\(table.stdout)")
    #expect(!table.stdout.contains("\u{1B}["), "no screen control without a terminal: \(table.stdout.debugDescription)")

    let json = try box.run(["monitor", "--format", "json", "--once"])
    #expect(json.exited(0), "\(json.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], "\(json.stdout)")
    #expect(rows.map { $0["trainee"] as? String } == ["ann", "ben"])
    #expect(rows[0]["attempt"] as? Int == 1 && rows[0]["last-action"] as? String == "open" && rows[0]["files-total"] as? Int == 10)
    #expect(rows[0]["clock"] as? String == "2017-07-03T09:07+08:00", "\(rows[0])")
    #expect(rows[1]["last-action-seconds-ago"] is NSNull, "\(rows[1])")

    // A finished attempt is no longer running.
    _ = try ben.send("advance --next")
    // Work is left (files still to arrive): plain `finish` is refused on standard error, `--now` goes ahead.
    _ = try ben.send("finish")
    #expect(try ben.send("finish --now").contains("Final score:"))
    let after = try box.run(["monitor", "--format", "json"])
    let left = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
    #expect(left.map { $0["trainee"] as? String } == ["ann"], "\(after.stdout)")
    #expect(try ann.quit() == 0)
    #expect(try ben.quit() == 0)

    // Refused: a database that does not exist (--db), an unknown format, a silly interval.
    let none = try box.run(["monitor", "--db", box.dir + "/other.sqlite"])
    #expect(none.exited(65), "\(none.stderr)")
    let bad = try box.run(["monitor", "--format", "xml"])
    #expect(bad.exited(64), "\(bad.stderr)")
    #expect(bad.stderr.contains("table") && bad.stderr.contains("json"), "\(bad.stderr)")
    let interval = try box.run(["monitor", "--interval", "0"])
    #expect(interval.exited(64) && interval.stderr.contains("--interval"), "\(interval.stderr)")
  }

  @Test("with no attempt running: '(no attempt is running)' and an empty JSON array")
  func empty() throws {
    let box = try Sandbox()
    #expect(try box.run(["--trainee", "cy"], stdin: "curriculum\n").exited(0))
    let table = try box.run(["monitor"])
    #expect(table.exited(0) && table.stdout.contains("(no attempt is running)"), "\(table.stdout)\(table.stderr)")
    let json = try box.run(["monitor", "--format", "json"])
    #expect(json.exited(0) && json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(json.stdout)")
  }

  @Test("in a Chinese session the table's titles, the time since the last action and the empty note are Chinese, aligned by display width")
  func chinese() throws {
    let box = try Sandbox()
    let zh = ["LANG": "zh_CN.UTF-8"]
    let empty = try box.run(["--trainee", "cy"], stdin: "curriculum\n", environment: zh)
    #expect(empty.exited(0))
    let none = try box.run(["monitor"], environment: zh)
    #expect(none.exited(0) && none.stdout.contains("（没有正在进行的练习）"), "\(none.stdout)")
    // The trainees work in English (the marker of LiveRepl is English); only the trainer reads Chinese.
    let li = try box.live(["--trainee", "李明"])
    let ann = try box.live(["--trainee", "ann"])
    #expect(try li.send("start m01-s01-jurisdiction").contains("Attempt #1 started."))
    _ = try li.send("advance --next")
    _ = try li.send("open T001")
    #expect(try ann.send("start m01-s01-jurisdiction --free").contains("Attempt #2 started."))
    let table = try box.run(["monitor"], environment: zh)
    #expect(table.exited(0), "\(table.stdout)\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("练习编号  学员") == true, "\(table.stdout)")
    #expect(!table.stdout.contains("last action") && !table.stdout.contains("s ago"), "\(table.stdout)")
    #expect(lines.contains { $0.range(of: #"^#1 +李明 +m01-s01-jurisdiction +.* open \d+秒前"#, options: .regularExpression) != nil }, "\(table.stdout)")
    // The scenario column starts at the same terminal column on every line, the title's included.
    let starts = lines.compactMap { line -> Int? in
      guard let r = line.range(of: line == lines.first ? "情景" : "m01-s01") else { return nil }
      return DisplayWidthProbe.width(String(line[..<r.lowerBound]))
    }
    #expect(starts.count == 3 && Set(starts).count == 1, "\(starts)\n\(table.stdout)")
    #expect(try li.quit() == 0)
    #expect(try ann.quit() == 0)
  }
}
