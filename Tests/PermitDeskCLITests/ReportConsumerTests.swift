import Foundation
import Testing

/// Runs one of Tests/tools/*.py and parses the JSON object it prints.
enum Py {
  static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, json: [String: Any]) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", CLI.root + "/Tests/tools/" + tool] + args
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let obj = try #require(
      try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(tool) printed: \(String(decoding: data, as: UTF8.self).prefix(400))")
    return (p.terminationStatus, obj)
  }
}

/// Each report format opened by the program that really reads it: Python's csv module (as pandas and
/// spreadsheet imports do), the Ralph LRS's xAPI models, JSON Schema, headless Chromium with axe-core.
@Suite("report outputs read by their real consumers", .serialized)
struct ReportConsumerTests {
  /// Trainees whose names a spreadsheet would take for formulas, plus UTF-8 and CJK names.
  static let names = ["=1+2", "@SUM(A1)", "+cmd", "-2+3", "=HYPERLINK(\"http://x\",\"y\")", "\tTab", "Zoë", "张伟", "ann, \"the\" 2nd"]

  static func played() throws -> Sandbox {
    let box = try Sandbox()
    for n in names {
      let r = try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "perfect", "--format", "json", "--trainee=\(n)"])
      #expect(r.exited(0), "\(n): \(r.stderr)")
    }
    let late = try box.run(["play", "m01-s02-application-types", "--autoplay", "miss-defects", "--format", "json", "--trainee=Zoë"])
    #expect(late.exited(0), "\(late.stderr)")
    return box
  }

  @Test("CSV: formula-like names neutralised, BOM by default, RFC 4180 quoting, read back by Python's csv module")
  func csvForSpreadsheets() throws {
    let box = try Self.played()
    let file = box.dir + "/report.csv"
    let r = try box.run(["report", "--format", "csv", "--include-autoplay", "--output", file])
    #expect(r.exited(0) && r.stdout.hasPrefix("report written to \(file)"), "\(r.stdout)\(r.stderr)")
    let read = try Py.run("csv_read.py", [file])
    #expect(read.json["bom"] as? Bool == true)
    #expect(read.json["crlf"] as? Bool == true)
    let rows = try #require(read.json["rows"] as? [[String]])
    let header = try #require(rows.first)
    let trainee = try #require(header.firstIndex(of: "trainee"))
    let overall = try #require(header.firstIndex(of: "overall"))
    let got = Set(rows.dropFirst().map { $0[trainee] })
    for n in Self.names {
      let first = n.unicodeScalars.first!
      let expected = ["=", "+", "-", "@", "\t"].contains(first) ? "'" + n : n
      #expect(got.contains(expected), "\(n) → \(got)")
    }
    for row in rows.dropFirst() {
      #expect(row.count == header.count)
      #expect(!["=", "+", "-", "@", "\t", "\r"].contains(row[trainee].first.map(String.init) ?? ""), "unsafe cell \(row[trainee])")
      #expect(Int(row[overall]) != nil, "a number stays a number: \(row[overall])")
    }
    let tools = try box.run(["report", "--format", "csv", "--include-autoplay", "--no-bom"])
    let plain = try Py.run("csv_read.py", [box.write("plain.csv", tools.stdout)])
    #expect(plain.json["bom"] as? Bool == false)
    #expect((plain.json["rows"] as? [[String]])?.count == rows.count)
    #expect(try box.run(["report", "--format", "json", "--no-bom"]).exited(64))
  }

  @Test("per trainee: columns named for what they hold, means to one decimal, times in the pack's zone with offset")
  func traineeColumnsAndMeans() throws {
    let box = try Self.played()
    let perAttempt = try ReportEndToEndTests.json(box.run(["report", "--format", "json", "--include-autoplay"]).stdout)
    for row in perAttempt {
      let started = try #require(row["started"] as? String)
      #expect(started.hasSuffix("+08:00") && started.count == 25, "\(started)")
    }
    let r = try box.run(["report", "--format", "json", "--per", "trainee", "--include-autoplay", "--trainee=Zoë"])
    let rows = try ReportEndToEndTests.json(r.stdout)
    let zoe = try #require(rows.first)
    #expect(zoe["attempts-started"] as? Int == 2 && zoe["attempts-finished"] as? Int == 2)
    let scores = perAttempt.filter { $0["trainee"] as? String == "Zoë" }.compactMap { $0["overall"] as? Int }
    #expect(scores.count == 2)
    let mean = (Double(scores.reduce(0, +)) / 2 * 10).rounded() / 10
    #expect(zoe["mean-overall"] as? Double == mean, "\(zoe)")
    let modules = try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/Curriculum").filter { $0.hasPrefix("m") && $0.hasSuffix(".yaml") }
    #expect(zoe["modules-total"] as? Int == modules.count)
    let csv = try ReportEndToEndTests.csv(String(box.run(["report", "--format", "csv", "--per", "trainee", "--include-autoplay", "--no-bom"]).stdout))
    let header = try #require(csv.first)
    #expect(header.contains("attempts-finished") && header.contains("attempts-passed") && !header.contains("finished") && !header.contains("passed"))
    for name in ["mean-overall", "mean-decisions", "mean-double-review", "mean-time-limits"] {
      let i = try #require(header.firstIndex(of: name))
      for row in csv.dropFirst() { #expect(row[i].range(of: #"^\d+\.\d$"#, options: .regularExpression) != nil, "\(name): \(row[i])") }
    }
  }

  @Test("item analysis: points lost by rule and by defect code add up to the attempts' losses")
  func itemAnalysis() throws {
    let box = try Sandbox()
    for style in ["perfect", "miss-defects", "late"] {
      #expect(try box.run(["play", "m02-s01-materials-and-dates", "--autoplay", style, "--format", "json"]).exited(0))
    }
    let attempts = try ReportEndToEndTests.json(box.run(["report", "--format", "json", "--include-autoplay"]).stdout)
    let items = try ReportEndToEndTests.json(box.run(["report", "--format", "json", "--per", "item", "--include-autoplay"]).stdout)
    #expect(items.contains { $0["kind"] as? String == "defect" }, "no defect rows: \(items)")
    let byRule = items.filter { $0["kind"] as? String == "rule" }.compactMap { $0["points-lost"] as? Double }.reduce(0, +)
    let total = attempts.compactMap { $0["points-lost"] as? Double }.reduce(0, +)
    #expect(abs(byRule - total) < 0.5, "rules \(byRule) vs attempts \(total)")
    for i in items { #expect(i["attempts"] as? Int == 3 && (i["attempts-losing"] as? Int ?? 0) >= 1) }
    let sorted = items.compactMap { $0["points-lost"] as? Double }
    #expect(sorted == sorted.sorted(by: >), "most points first within the scenario")
    let table = try box.run(["report", "--per", "item", "--include-autoplay"])
    #expect(table.stdout.hasPrefix("cohort") && !table.stdout.split(separator: "\n").contains { $0.hasSuffix(" ") })
  }

  @Test("JSON output validates against the schema of its view (python jsonschema); shipped schema files match --schema")
  func jsonSchemas() throws {
    let box = try Self.played()
    #expect(try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "late", "--format", "json", "--trainee", "ann"]).exited(0))
    for per in ["attempt", "trainee", "module", "item"] {
      let schema = try box.run(["report", "--schema", "--per", per])
      #expect(schema.exited(0))
      let shipped = try String(contentsOfFile: CLI.root + "/docs/schemas/report-\(per).schema.json", encoding: .utf8)
      #expect(shipped == schema.stdout, "docs/schemas/report-\(per).schema.json is out of date: permitdesk report --schema --per \(per)")
      let out = try box.run(["report", "--format", "json", "--per", per, "--include-autoplay"])
      let data = box.write("\(per).json", out.stdout)
      let check = try Py.run("json_validate.py", [box.write("\(per).schema.json", schema.stdout), data])
      #expect(check.status == 0 && (check.json["errors"] as? [String])?.isEmpty == true, "\(per): \(check.json)")
      #expect((check.json["rows"] as? Int ?? 0) > 0, "\(per): no rows")
    }
  }

  @Test("xAPI: every statement valid for Ralph's models, ids stable across exports, context, --since, --per refused")
  func xapi() throws {
    let box = try Self.played()
    let env = ["PERMITDESK_HOME_PAGE": "https://lms.example.org/permitdesk"]
    let one = try box.run(["report", "--format", "xapi", "--include-autoplay"], environment: env)
    let two = try box.run(["report", "--format", "xapi", "--include-autoplay"], environment: env)
    #expect(one.exited(0) && one.stdout == two.stdout)
    let check = try Py.run("xapi_validate.py", [box.write("1.json", one.stdout), box.write("2.json", two.stdout)])
    #expect(check.status == 0, "\(check.json)")
    #expect((check.json["errors"] as? [String])?.isEmpty == true, "\(check.json)")
    let statements = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]])
    // 10 finished attempts: initialized, completed, passed/failed each.
    #expect(statements.count == 30 && check.json["valid"] as? Int == 30)
    #expect(check.json["stored"] as? [Int] == [30, 30], "re-posting must store nothing new: \(check.json)")
    let ids = statements.compactMap { $0["id"] as? String }
    #expect(Set(ids).count == 30 && ids.allSatisfy { UUID(uuidString: $0) != nil && $0[$0.index($0.startIndex, offsetBy: 14)] == "5" })
    let s = try #require(statements.first { ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/passed" })
    let actor = try #require(s["actor"] as? [String: Any])
    #expect((actor["account"] as? [String: Any])?["homePage"] as? String == "https://lms.example.org/permitdesk")
    let context = try #require(s["context"] as? [String: Any])
    let activities = try #require(context["contextActivities"] as? [String: Any])
    #expect(((activities["parent"] as? [[String: Any]])?.first?["id"] as? String) == "https://lms.example.org/permitdesk/modules/m01-jurisdiction")
    #expect(((activities["grouping"] as? [[String: Any]])?.first?["id"] as? String) == "https://lms.example.org/permitdesk/course")
    let registration = try #require(context["registration"] as? String)
    let attempt = (context["extensions"] as? [String: Any])?["https://lms.example.org/permitdesk/xapi/attempt"] as? Int
    let same = statements.filter { (($0["context"] as? [String: Any])?["extensions"] as? [String: Any])?["https://lms.example.org/permitdesk/xapi/attempt"] as? Int == attempt }
    #expect(same.count == 3 && same.allSatisfy { ($0["context"] as? [String: Any])?["registration"] as? String == registration })

    let other = try box.run(["report", "--format", "xapi", "--include-autoplay", "--installation-id", "0f0e7a3c-3d8f-4d52-9a55-0d4c1c1ad001"], environment: env)
    let otherIDs = Set(try #require(try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String })
    #expect(otherIDs.isDisjoint(with: ids), "another installation gets other ids")

    let future = try box.run(["report", "--format", "xapi", "--include-autoplay", "--since", "2999-01-01"])
    #expect(future.exited(0) && future.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    let past = try box.run(["report", "--format", "xapi", "--include-autoplay", "--since", "2000-01-01T00:00:00+08:00"], environment: env)
    #expect(past.stdout == one.stdout)
    #expect(try box.run(["report", "--format", "xapi", "--per", "trainee"]).exited(64))
    #expect(try box.run(["report", "--format", "csv", "--since", "2020-01-01"]).exited(64))
    #expect(try box.run(["report", "--format", "xapi", "--since", "yesterday"]).exited(64))
  }

  @Test("HTML: self-contained, landmarks and table semantics, non-blank in Chromium, no serious axe-core violation, no overflow at 1280 px")
  func html() throws {
    let box = try Self.played()
    let r = try box.run(["report", "--format", "html", "--include-autoplay"])
    #expect(r.exited(0), "\(r.stderr)")
    let page = r.stdout
    for needle in ["<html lang=\"en\">", "<main>", "<header>", "<thead>", "<caption>", "scope=\"col\"", "pass mark 70", "Filter:", "Generated:", "+08:00"] {
      #expect(page.contains(needle), "missing \(needle)")
    }
    #expect(page.components(separatedBy: "<figure").count - 1 == 2, "one chart per scenario")
    for banned in ["<script", "<link", "src=\"http", "href=\"http", "url(http", "@import"] { #expect(!page.contains(banned), "not self-contained: \(banned)") }
    let file = box.write("report.html", page)
    let check = try Py.run("html_check.py", [file, box.dir + "/shot.png"])
    #expect(check.status == 0, "\(check.json)")
    #expect((check.json["ink"] as? Int ?? 0) > 5000, "blank screenshot: \(check.json)")
    let violations = check.json["violations"] as? [[String: Any]] ?? []
    let bad = violations.filter { ["serious", "critical"].contains($0["impact"] as? String ?? "") }
    #expect(bad.isEmpty, "axe-core: \(bad)")
    #expect(check.json["violations"] != nil)
    #expect((check.json["scrollWidth"] as? Int ?? 9999) <= 1280, "the page overflows at 1280 px: \(check.json)")
  }

  @Test("play --autoplay --trainee X keeps X's cohort")
  func autoplayKeepsCohort() throws {
    let box = try Sandbox()
    #expect(try box.run(["--stop-on-error"], stdin: "login ada --cohort c1\n").exited(0))
    #expect(try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "perfect", "--format", "json", "--trainee", "ada"]).exited(0))
    let rows = try ReportEndToEndTests.json(box.run(["report", "--format", "json", "--per", "trainee", "--include-autoplay"]).stdout)
    #expect(rows.map { $0["trainee"] as? String } == ["ada"] && rows.first?["cohort"] as? String == "c1", "\(rows)")
    #expect(try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "late", "--format", "json"]).exited(0))
    let all = try ReportEndToEndTests.json(box.run(["report", "--format", "json", "--per", "trainee", "--include-autoplay"]).stdout)
    #expect(all.first { $0["trainee"] as? String == "autoplay-late" }?["cohort"] as? String == "autoplay")
  }

  @Test("terminal tables align CJK names by display width and end no line in a space")
  func wideNames() throws {
    let box = try Self.played()
    let out = try box.run(["report", "--include-autoplay"]).stdout
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    // Every line has the column "scenario" starting at the same display column.
    let starts = lines.dropFirst(2).map { line -> Int in
      let r = line.range(of: "m01-")!
      return DisplayWidthProbe.width(String(line[..<r.lowerBound]))
    }
    #expect(Set(starts).count == 1, "\(starts)")
  }
}

/// East Asian wide characters count two columns (the test's own, independent count).
enum DisplayWidthProbe {
  static func width(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { n, u in
      if (0x300...0x36F).contains(u.value) { return n }
      return n + ((0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value) || (0xAC00...0xD7A3).contains(u.value) || (0xFF00...0xFF60).contains(u.value) ? 2 : 1)
    }
  }
}
