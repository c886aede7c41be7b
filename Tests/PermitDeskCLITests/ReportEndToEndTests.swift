@testable import PermitDeskCLI
import Foundation
import PermitTraining
import Testing
import PermitLocalization

/// `play --autoplay`, `report` in every format parsed back, and `verify` before and after tampering.
@Suite("permitdesk play, report and verify on a database filled by the REPL")
struct ReportEndToEndTests {
  /// A database holding: one autoplay attempt; ann (cohort c1) passing m01-s01; cat (cohort c1)
  /// finishing m01-s01 without deciding anything; bob (cohort c2) mid-way through m01-s02.
  static func filled() throws -> Sandbox {
    let box = try Sandbox()
    let play = try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "perfect", "--format", "json"])
    #expect(play.exited(0), "\(play.stderr)")
    let golden = try String(contentsOfFile: ReplScriptTests.golden, encoding: .utf8)
    let ann = try box.run(["--stop-on-error"], stdin: golden.replacingOccurrences(of: "login golden --cohort e2e", with: "login ann --cohort c1"))
    #expect(ann.exited(0), "\(ann.stdout.suffix(300))")
    let cat = try box.run(["--stop-on-error"], stdin: "login cat --cohort c1\nstart m01-s01-jurisdiction\nfinish --now\n")
    #expect(cat.exited(0), "\(cat.stdout)")
    let bob = try box.run(
      ["--stop-on-error"], stdin: "login bob --cohort c2\nstart m01-s02-application-types\nadvance --next\nqueue\n")
    #expect(bob.exited(0), "\(bob.stdout)")
    return box
  }

  @Test("play --autoplay perfect --format json: 100 in every dimension, passed")
  func autoplayJSON() throws {
    let box = try Sandbox()
    let r = try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "perfect", "--format", "json"])
    #expect(r.exited(0), "\(r.stderr)")
    let card = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    for k in ["overall", "decisions", "double-review", "time-limits"] {
      #expect(card[k] as? Int == 100, "\(k): \(card[k] ?? "missing")")
    }
    #expect(card["passed"] as? Bool == true)
    let report = try box.run(["report", "--format", "json", "--include-autoplay"])
    let rows = try Self.json(report.stdout)
    #expect(rows.count == 1)
    #expect(rows.first?["mode"] as? String == "autoplay")
    #expect(rows.first?["overall"] as? Int == 100)
    #expect(rows.first?["passed"] as? Bool == true)
  }

  /// Issue 15: in a Chinese session the terminal table and the HTML page are Chinese (headings
  /// aligned by display width, lang="zh-Hans"); CSV and JSON keep their English column names and values.
  @Test("report in a Chinese session: table and HTML in Chinese, CSV and JSON unchanged")
  func chineseReport() throws {
    let box = try Self.filled()
    let zh = ["LANG": "zh_CN.UTF-8"]
    let table = try box.run(["report", "--per", "trainee"], environment: zh)
    #expect(table.exited(0), "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    let header = try #require(lines.first)
    #expect(header.hasPrefix("学员"), "\(header)")
    #expect(header.contains("最好成绩") && !header.contains("best-overall"))
    // The cohort column starts at the display column of its Chinese heading on every row (the
    // heading 学员 takes four columns, wider than the names under it).
    func column(_ line: String, _ word: String) -> Int? { line.range(of: word).map { DisplayWidth.of(String(line[..<$0.lowerBound])) } }
    let cohortColumn = try #require(column(header, "批次"))
    #expect(cohortColumn == 6, "\(header)")
    let rows = lines.filter { $0.hasPrefix("ann") || $0.hasPrefix("bob") || $0.hasPrefix("cat") }
    #expect(rows.count == 3, "\(lines)")
    for r in rows { #expect(column(r, " c")! + 1 == cohortColumn, "\(r) against \(header)") }
    let mode = try box.run(["report"], environment: zh)
    #expect(mode.stdout.contains("是否通过"), "\(mode.stdout)")
    #expect(mode.stdout.contains(" 是 ") || mode.stdout.contains(" 是\n") || mode.stdout.contains(" 否"), "\(mode.stdout)")

    let html = try box.run(["report", "--format", "html"], environment: zh)
    #expect(html.exited(0))
    #expect(html.stdout.contains("<html lang=\"zh-Hans\">"))
    #expect(html.stdout.contains("<h1>PermitDesk 报表</h1>") && html.stdout.contains("各情景中每次已完成练习的总分"))
    #expect(html.stdout.contains("<th scope=\"col\">学员</th>"))
    #expect(!html.stdout.contains("Overall score of each finished attempt"))
    let english = try box.run(["report", "--format", "html"])
    #expect(english.stdout.contains("<html lang=\"en\">"))

    // Machine formats are the same bytes whatever the language.
    for format in ["csv", "json"] {
      let a = try box.run(["report", "--format", format], environment: zh)
      let b = try box.run(["report", "--format", format])
      #expect(a.stdout == b.stdout, "\(format) differs between the languages")
    }
  }

  @Test("report --format csv parses as CSV; filters and --per trainee")
  func csv() throws {
    let box = try Self.filled()
    let all = try Self.csv(box.run(["report", "--format", "csv", "--no-bom"]).stdout)
    let header = try #require(all.first)
    #expect(
      header == [
        "attempt", "trainee", "cohort", "scenario", "module", "mode", "status", "started", "finished", "overall", "decisions",
        "double-review", "time-limits", "pass-mark", "passed", "hints", "restores", "critical-errors", "points-lost",
      ])
    let rows = all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    #expect(rows.allSatisfy { $0.count == header.count })
    #expect(Set(rows.map { $0["trainee"]! }) == ["ann", "bob", "cat"])
    let ann = try #require(rows.first { $0["trainee"] == "ann" })
    #expect(ann["status"] == "finished" && ann["overall"] == "100" && ann["passed"] == "yes" && ann["cohort"] == "c1")
    #expect(ann["module"] == "m01-jurisdiction")
    let cat = try #require(rows.first { $0["trainee"] == "cat" })
    #expect(cat["status"] == "finished" && cat["passed"] == "no" && Int(cat["overall"]!)! < 70)
    let bob = try #require(rows.first { $0["trainee"] == "bob" })
    #expect(bob["status"] == "open" && bob["overall"] == "" && bob["passed"] == "")

    let withAuto = try Self.csv(box.run(["report", "--format", "csv", "--no-bom", "--include-autoplay"]).stdout)
    #expect(withAuto.count == all.count + 1)
    #expect(withAuto.dropFirst().contains { $0[5] == "autoplay" && $0[9] == "100" })

    func trainees(_ args: [String]) throws -> [String] {
      let r = try box.run(["report", "--format", "csv", "--no-bom"] + args)
      #expect(r.exited(0), "\(args): \(r.stderr)")
      return try Self.csv(r.stdout).dropFirst().map { $0[1] }.sorted()
    }
    #expect(try trainees(["--trainee", "ann"]) == ["ann"])
    #expect(try trainees(["--cohort", "c1"]) == ["ann", "cat"])
    #expect(try trainees(["--cohort", "c2"]) == ["bob"])
    #expect(try trainees(["--scenario", "m01-s02-application-types"]) == ["bob"])
    #expect(try trainees(["--scenario", "m01-s01-jurisdiction"]) == ["ann", "cat"])
    #expect(try trainees(["--scenario", "m01-s01-jurisdiction", "--include-autoplay"]) == ["ann", "autoplay-perfect", "cat"])
    // A cohort nobody is in is a typo, not an empty report (ContractQATests).
    #expect(try box.run(["report", "--format", "csv", "--cohort", "nobody"]).exited(65))

    let per = try Self.csv(box.run(["report", "--format", "csv", "--no-bom", "--per", "trainee", "--cohort", "c1"]).stdout)
    #expect(Array(per.first?.prefix(7) ?? []) == ["trainee", "cohort", "attempts-started", "attempts-finished", "attempts-passed", "best-overall", "last-overall"])
    #expect(per.dropFirst().map { $0[0] } == ["ann", "cat"])
    #expect(per[1][2] == "1" && per[1][4] == "1" && per[1][5] == "100")
    #expect(per[2][4] == "0")

    let unknown = try box.run(["report", "--trainee", "nobody"])
    #expect(unknown.exited(65))
  }

  @Test("report --format json parses with JSONSerialization: numbers, booleans and nulls")
  func json() throws {
    let box = try Self.filled()
    let rows = try Self.json(box.run(["report", "--format", "json"]).stdout)
    #expect(rows.count == 3)
    let ann = try #require(rows.first { $0["trainee"] as? String == "ann" })
    #expect(ann["attempt"] is Int)
    #expect(ann["overall"] as? Int == 100 && ann["decisions"] as? Int == 100)
    #expect(ann["double-review"] as? Int == 100 && ann["time-limits"] as? Int == 100)
    #expect(ann["passed"] as? Bool == true)
    let bob = try #require(rows.first { $0["trainee"] as? String == "bob" })
    #expect(bob["overall"] is NSNull && bob["passed"] is NSNull && bob["status"] as? String == "open")

    let per = try Self.json(box.run(["report", "--format", "json", "--per", "trainee"]).stdout)
    #expect(per.map { $0["trainee"] as? String } == ["ann", "bob", "cat"])
    #expect(per[0]["best-overall"] as? Int == 100 && per[0]["attempts-passed"] as? Int == 1)
    let filtered = try Self.json(box.run(["report", "--format", "json", "--trainee", "cat", "--include-autoplay"]).stdout)
    #expect(filtered.count == 1 && filtered[0]["passed"] as? Bool == false)
    let table = try box.run(["report"])
    #expect(table.exited(0) && table.stdout.hasPrefix("attempt  trainee"))
  }

  @Test("verify passes, then names the row after the database is tampered with", .enabled(if: Shell.sqlite3 != nil))
  func verifyAndTamper() throws {
    let box = try Self.filled()
    let ok = try box.run(["verify"])
    #expect(ok.exited(0), "\(ok.stdout)")
    #expect(ok.stdout == "verify: the records are intact\n")

    let attempt = try Shell.sqlite(box.db, "SELECT a.id FROM attempt a JOIN trainee t ON t.id = a.trainee WHERE t.name = 'ann';").stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let seq = try Shell.sqlite(box.db, "SELECT min(seq) FROM action WHERE attempt = \(attempt) AND verb = 'decide';").stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    // The guard trigger refuses a plain edit…
    let refused = try Shell.sqlite(box.db, "UPDATE action SET result = 'x' WHERE attempt = \(attempt) AND seq = \(seq);")
    #expect(refused.stderr.contains("append-only"), "\(refused)")
    #expect(try box.run(["verify"]).exited(0))
    // …so drop it and edit the action: a decision turned into another.
    let tamper = try Shell.sqlite(
      box.db,
      """
      DROP TRIGGER action_no_update;
      UPDATE action SET arguments = '["refuse","out-of-jurisdiction"]' WHERE attempt = \(attempt) AND seq = \(seq);
      """)
    #expect(tamper.status == 0 && tamper.stderr.isEmpty, "\(tamper)")
    let bad = try box.run(["verify"])
    #expect(bad.exited(1), "exit \(bad.status): \(bad.stdout)")
    let lines = bad.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("verify: attempt #\(attempt), action \(seq): the action was edited: its fields no longer match its hash"), "\(bad.stdout)")
    #expect(lines.contains { $0.contains("action_no_update was dropped") }, "\(bad.stdout)")
  }

  /// Parses `report --format json`.
  static func json(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "not an array of objects: \(text.prefix(200))")
  }

  /// An RFC 4180 parser: quoted fields, doubled quotes, commas and newlines inside quotes.
  static func csv(_ text: String) throws -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.append("\"")
            chars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        try #require(field.isEmpty, "a quote inside an unquoted field")
        quoted = true
      } else if c == "," {
        row.append(field)
        field = ""
      } else if c == "\n" || c == "\r\n" {
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      } else {
        field.append(c)
      }
    }
    try #require(!quoted, "unterminated quoted field")
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    let width = rows.first?.count ?? 0
    try #require(rows.allSatisfy { $0.count == width }, "rows of different widths")
    return rows
  }
}
