import ArgumentParser
import Foundation
import PermitCore
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk report`: results for trainers.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.report.abstract"))

    @OptionGroup var database: DatabaseOptions

    @Option(help: helpText("cli.report.trainee"))
    var trainee: String?

    @Option(help: helpText("cli.report.cohort"))
    var cohort: String?

    @Option(help: helpText("cli.report.scenario"))
    var scenario: String?

    @Option(help: helpText("cli.report.per"))
    var per: Per = .attempt

    @Option(help: helpText("cli.report.format"))
    var format: Format = .table

    @ArgumentParser.Flag(help: helpText("cli.report.includeAutoplay"))
    var includeAutoplay = false

    enum Per: String, ExpressibleByArgument, CaseIterable { case attempt, trainee }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, html, xapi }

    func run() throws {
      let db = try database.open()
      var traineeID: Int64?
      if let name = trainee {
        guard let t = try db.trainee(named: name) else {
          printError("permitdesk: no trainee '\(name)'")
          throw Exit.badInput
        }
        traineeID = t.id
      }
      let names = Dictionary(uniqueKeysWithValues: try db.trainees(cohort: nil).map { ($0.id, $0) })
      let attempts = try db.attempts(trainee: traineeID, scenario: scenario, cohort: cohort).filter { includeAutoplay || $0.mode != "autoplay" }
      var header: [String]
      var rows: [[String]]
      func s(_ v: Int?) -> String { v.map(String.init) ?? "" }
      switch per {
      case .attempt:
        header = ["attempt", "trainee", "cohort", "scenario", "module", "mode", "status", "started", "finished", "overall", "decisions", "double-review", "time-limits", "passed"]
        rows = attempts.map { a in
          let t = names[a.trainee]
          return [String(a.id), t?.name ?? "?", t?.cohort ?? "", a.scenarioID, a.moduleID ?? "", a.mode, a.status, a.startedAt, a.finishedAt ?? "", s(a.overall), s(a.decisions), s(a.doubleReview), s(a.timeLimits), a.passed.map { $0 ? "yes" : "no" } ?? ""]
        }
      case .trainee:
        header = ["trainee", "cohort", "attempts", "finished", "passed", "best", "last", "mean-decisions", "mean-double-review", "mean-time-limits"]
        var grouped: [Int64: [AttemptRecord]] = [:]
        for a in attempts { grouped[a.trainee, default: []].append(a) }
        rows = grouped.keys.sorted { (names[$0]?.name ?? "") < (names[$1]?.name ?? "") }.map { id in
          let list = grouped[id]!
          let done = list.filter { $0.status == "finished" }
          func mean(_ k: KeyPath<AttemptRecord, Int?>) -> String {
            let v = done.compactMap { $0[keyPath: k] }
            return v.isEmpty ? "" : String(v.reduce(0, +) / v.count)
          }
          return [names[id]?.name ?? "?", names[id]?.cohort ?? "", String(list.count), String(done.count), String(done.filter { $0.passed == true }.count), s(done.compactMap(\.overall).max()), s(done.last?.overall), mean(\.decisions), mean(\.doubleReview), mean(\.timeLimits)]
        }
      }
      switch format {
      case .xapi:
        print(JSON.array(attempts.filter { $0.status == "finished" }.map { Report.statement($0, trainee: names[$0.trainee]) }).render(indent: true))
        return
      case .html:
        print(Report.html(header: header, rows: rows, attempts: attempts, names: names))
        return
      case .csv:
        print(([header] + rows).map { $0.map(Report.csvField).joined(separator: ",") }.joined(separator: "\n"))
      case .json:
        print(JSON.array(rows.map { r in .object(zip(header, r).map { ($0, Report.jsonValue($0, $1)) }) }).render(indent: true))
      case .table:
        var widths = header.map(\.count)
        for r in rows { for (i, v) in r.enumerated() { widths[i] = max(widths[i], v.count) } }
        func line(_ r: [String]) -> String { r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for r in rows { print(line(r)) }
        if rows.isEmpty { print("(no attempts)") }
      }
    }

    /// An xAPI statement for a finished attempt.
    static func statement(_ a: AttemptRecord, trainee: TraineeRecord?) -> JSON {
      let name = trainee?.name ?? "?"
      let passed = a.passed ?? false
      var duration: JSON = .null
      let f = ISO8601DateFormatter()
      f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      if let s = f.date(from: a.startedAt), let e = a.finishedAt.flatMap(f.date(from:)) {
        duration = .string("PT" + String(format: "%.1f", max(0, e.timeIntervalSince(s))) + "S")
      }
      return .object([
        ("actor", .object([("objectType", .string("Agent")), ("name", .string(name)), ("account", .object([("homePage", .string("https://permitdesk.invalid/sandbox")), ("name", .string(name))]))])),
        ("verb", .object([("id", .string(passed ? "http://adlnet.gov/expapi/verbs/passed" : "http://adlnet.gov/expapi/verbs/failed")), ("display", .object([("en-US", .string(passed ? "passed" : "failed"))]))])),
        ("object", .object([("objectType", .string("Activity")), ("id", .string("https://permitdesk.invalid/scenarios/\(a.scenarioID)")), ("definition", .object([("name", .object([("en-US", .string(a.scenarioID))]))]))])),
        ("result", .object([
          ("score", .object([("scaled", .number(Double(a.overall ?? 0) / 100)), ("raw", .int(a.overall ?? 0)), ("min", .int(0)), ("max", .int(100))])),
          ("success", .bool(passed)), ("completion", .bool(true)), ("duration", duration),
        ])),
        ("context", .object([("extensions", .object([
          ("https://permitdesk.invalid/xapi/decisions", .int(a.decisions ?? 0)), ("https://permitdesk.invalid/xapi/double-review", .int(a.doubleReview ?? 0)),
          ("https://permitdesk.invalid/xapi/time-limits", .int(a.timeLimits ?? 0)), ("https://permitdesk.invalid/xapi/mode", .string(a.mode)),
        ]))])),
        ("timestamp", .string(a.finishedAt ?? a.startedAt)),
      ])
    }

    static func escape(_ s: String) -> String {
      s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A self-contained HTML page: the table and, per trainee, a chart of overall scores over attempts.
    static func html(header: [String], rows: [[String]], attempts: [AttemptRecord], names: [Int64: TraineeRecord]) -> String {
      var h = "<!doctype html><html><head><meta charset=\"utf-8\"><title>PermitDesk report (sandbox)</title>"
      h += "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style></head><body>"
      h += "<h1>PermitDesk report</h1><p>Sandbox data: synthetic applicants only.</p>"
      var byTrainee: [Int64: [AttemptRecord]] = [:]
      for a in attempts where a.status == "finished" { byTrainee[a.trainee, default: []].append(a) }
      for id in byTrainee.keys.sorted(by: { (names[$0]?.name ?? "") < (names[$1]?.name ?? "") }) {
        let list = byTrainee[id]!
        let w = max(200, list.count * 30 + 20)
        h += "<h2>\(escape(names[id]?.name ?? "?")): overall score over attempts</h2>"
        h += "<svg width=\"\(w)\" height=\"120\" role=\"img\" aria-label=\"scores\"><line x1=\"0\" y1=\"100\" x2=\"\(w)\" y2=\"100\" stroke=\"#333\"/>"
        for (i, a) in list.enumerated() {
          let v = a.overall ?? 0
          h += "<rect x=\"\(10 + i * 30)\" y=\"\(100 - v)\" width=\"20\" height=\"\(v)\" fill=\"\(a.passed == true ? "#4a4" : "#c44")\"><title>\(escape(a.scenarioID)): \(v)</title></rect>"
        }
        h += "</svg>"
      }
      h += "<h2>Attempts</h2><table><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
      for r in rows { h += "<tr>" + r.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
      h += "</table></body></html>"
      return h
    }

    static func csvField(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static let numeric: Set<String> = ["attempt", "overall", "decisions", "double-review", "time-limits", "attempts", "finished", "passed", "best", "last", "mean-decisions", "mean-double-review", "mean-time-limits"]

    static func jsonValue(_ key: String, _ v: String) -> JSON {
      if v.isEmpty { return .null }
      if key == "passed" && (v == "yes" || v == "no") { return .bool(v == "yes") }
      if numeric.contains(key), let i = Int(v) { return .int(i) }
      return .string(v)
    }
  }

  /// `permitdesk verify`: the integrity of the records.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.verify.abstract"))

    @OptionGroup var content: ContentOptions
    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Flag(help: helpText("cli.verify.rescore"))
    var rescore = false

    func run() throws {
      let db = try database.open()
      var problems = try db.verify().map(\.description)
      var rescored = 0
      if rescore {
        let course = Course(library: content.library)
        let names = Dictionary(uniqueKeysWithValues: try db.trainees(cohort: nil).map { ($0.id, $0.name) })
        for a in try db.attempts(trainee: nil, scenario: nil, cohort: nil) where a.status == "finished" {
          let rebuilt: RecordedAttempt
          switch try RecordedAttempt.rebuild(a, trainee: names[a.trainee] ?? "?", course: course, db: db) {
          case .failure(let e):
            problems.append("\(e.message); its score cannot be recomputed")
            continue
          case .success(let r): rebuilt = r
          }
          let card = rebuilt.score(module: a.moduleID, course: course)
          rescored += 1
          if a.overall != card.overall || a.decisions != card.decisions || a.doubleReview != card.doubleReview
            || a.timeLimits != card.timeLimits || a.passed != card.passed
          {
            problems.append(
              "attempt #\(a.id): recorded score \(a.overall ?? -1) (passed \(a.passed ?? false)) does not follow from its log, which gives \(card.overall) (passed \(card.passed))")
          }
        }
      }
      if problems.isEmpty {
        print("verify: the records are intact" + (rescore ? "; \(rescored) finished attempt\(rescored == 1 ? "" : "s") re-scored from their logs, all as recorded" : ""))
        return
      }
      for p in problems { print("verify: \(p)") }
      throw Exit.problems
    }
  }

}

extension PermitDesk {
  /// `permitdesk purge --before DATE`: the retention command.
  struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.purge.abstract"),
      discussion: "Cases are filed with a keep-until date (policy pack: retention-years). The action log itself is never deleted: it is the tamper-evident record.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: helpText("cli.purge.before"))
    var before: String

    func validate() throws {
      if CivilDate(iso: before) == nil { throw ValidationError("Please give --before as a real date, YYYY-MM-DD.") }
    }

    func run() throws {
      let db = try database.open()
      let removed = try db.purgeCases(retainedBefore: before)
      for c in removed {
        print("purged attempt #\(c.attempt) \(c.ticket): \(c.outcome ?? c.state), kept until \(c.retainUntil ?? "?")")
      }
      print("purge: \(removed.count) filed case\(removed.count == 1 ? "" : "s") past retention removed")
    }
  }
}
