import Foundation
import PermitContent
import PermitCore
import PermitStore
import PermitTraining
import PermitLocalization

/// The four views of `permitdesk report`. Each is a `ReportTable` whose columns document themselves
/// (README's "report" section and `report --schema` are written from these lists).
enum ReportViews {
  // MARK: Per attempt

  static let attemptColumns: [Column] = [
    Column("attempt", .integer, "attempt number (increasing)"),
    Column("trainee", .string, "login name"),
    Column("cohort", .string, "the trainee's cohort (empty: none)"),
    Column("scenario", .string, "scenario id"),
    Column("module", .string, nullable: true, "curriculum module the attempt counted for"),
    Column("mode", .string, "practice, assessment or autoplay"),
    Column("status", .string, "open, finished or abandoned"),
    Column("started", .dateTime, "when it started, in the policy pack's zone with offset"),
    Column("finished", .dateTime, nullable: true, "when it was finished or abandoned"),
    Column("overall", .integer, nullable: true, "overall score 0-100 (weighted)"),
    Column("decisions", .integer, nullable: true, "decisions score 0-100"),
    Column("double-review", .integer, nullable: true, "double-review score 0-100"),
    Column("time-limits", .integer, nullable: true, "time-limits score 0-100"),
    Column("pass-mark", .integer, nullable: true, "pass mark applied"),
    Column("passed", .boolean, nullable: true, "overall reached the pass mark"),
    Column("hints", .integer, nullable: true, "hints taken (practice mode)"),
    Column("restores", .integer, "snapshots restored"),
    Column("critical-errors", .integer, nullable: true, "critical errors, where the result records them"),
    Column("points-lost", .number, nullable: true, "points lost in all (sum over dimensions, one decimal)"),
  ]

  static func attempts(_ facts: [AttemptFacts], clock: inout ZoneClock) -> ReportTable {
    let rows: [[Cell]] = facts.map { f in
      let a = f.record
      return [
        .int(Int(a.id)), .text(f.name), .text(f.cohort), .text(a.scenarioID), a.moduleID.map(Cell.text) ?? .null, .text(a.mode.rawValue),
        .text(a.status.rawValue), clock.local(a.startedAt, policy: a.policy), clock.local(a.finishedAt, policy: a.policy),
        .of(a.overall), .of(a.decisions), .of(a.doubleReview), .of(a.timeLimits), .of(f.passMark),
        a.passed.map(Cell.bool) ?? .null, .of(f.hints), .int(f.restores), .of(f.criticalErrors),
        f.finished ? .decimal(f.lost.reduce(0) { $0 + $1.points }) : .null,
      ]
    }
    return ReportTable(title: L10n.t("report.title.attempts"), columns: attemptColumns, rows: rows)
  }

  // MARK: Per trainee

  static let traineeColumns: [Column] = [
    Column("trainee", .string, "login name"),
    Column("cohort", .string, "the trainee's cohort (empty: none)"),
    Column("attempts-started", .integer, "attempts started (any status)"),
    Column("attempts-finished", .integer, "attempts finished"),
    Column("attempts-passed", .integer, "finished attempts that reached their pass mark"),
    Column("best-overall", .integer, nullable: true, "best overall score"),
    Column("last-overall", .integer, nullable: true, "overall score of the latest finished attempt"),
    Column("mean-overall", .number, nullable: true, "mean overall score, one decimal"),
    Column("mean-decisions", .number, nullable: true, "mean decisions score, one decimal"),
    Column("mean-double-review", .number, nullable: true, "mean double-review score, one decimal"),
    Column("mean-time-limits", .number, nullable: true, "mean time-limits score, one decimal"),
    Column("hints", .integer, "hints taken in all"),
    Column("restores", .integer, "snapshots restored in all"),
    Column("critical-errors", .integer, nullable: true, "critical errors in all, where results record them"),
    Column("modules-passed", .integer, "curriculum modules passed (all the trainee's attempts count)"),
    Column("modules-total", .integer, "modules in the course"),
    Column("next-module", .string, nullable: true, "first module open and not yet passed"),
    Column("last-finished", .dateTime, nullable: true, "when the latest attempt was finished"),
  ]

  /// One row per trainee. `progressAttempts` are all the trainee's attempts (not only the filtered
  /// ones): a module passed stays passed whatever the filter.
  static func trainees(
    _ facts: [AttemptFacts], progressAttempts: [Int64: [AttemptRecord]], modules: [CurriculumModule], clock: inout ZoneClock
  ) -> ReportTable {
    var grouped: [Int64: [AttemptFacts]] = [:]
    for f in facts { grouped[f.record.trainee, default: []].append(f) }
    let order = grouped.keys.sorted { (grouped[$0]![0].name, $0) < (grouped[$1]![0].name, $1) }
    let rows: [[Cell]] = order.map { id in
      let list = grouped[id]!
      let done = list.filter(\.finished)
      func mean(_ k: KeyPath<AttemptRecord, Int?>) -> Cell {
        let v = done.compactMap { $0.record[keyPath: k] }
        return v.isEmpty ? .null : .decimal(Double(v.reduce(0, +)) / Double(v.count))
      }
      let progress = Progress.compute(
        modules: modules,
        attempts: (progressAttempts[id] ?? []).map {
          AttemptSummary(moduleID: $0.moduleID, scenarioID: $0.scenarioID, mode: $0.mode.rawValue, finished: $0.status == .finished, overall: $0.overall, passed: $0.passed, credited: Repl.credited($0.resultJSON))
        })
      let critical = done.compactMap(\.criticalErrors)
      let last = done.last
      return [
        .text(list[0].name), .text(list[0].cohort), .int(list.count), .int(done.count), .int(done.filter { $0.record.passed == true }.count),
        .of(done.compactMap(\.record.overall).max()), .of(last?.record.overall), mean(\.overall), mean(\.decisions), mean(\.doubleReview),
        mean(\.timeLimits), .int(list.reduce(0) { $0 + ($1.hints ?? 0) }), .int(list.reduce(0) { $0 + $1.restores }),
        critical.isEmpty ? .null : .int(critical.reduce(0, +)), .int(progress.filter { $0.status == .passed }.count), .int(modules.count),
        progress.first { $0.status == .open }.map { .text($0.module.id) } ?? .null,
        last.map { clock.local($0.record.finishedAt, policy: $0.record.policy) } ?? .null,
      ]
    }
    return ReportTable(title: L10n.t("report.title.trainees"), columns: traineeColumns, rows: rows)
  }

  // MARK: Per module (curriculum progress)

  static let moduleColumns: [Column] = [
    Column("trainee", .string, "login name"),
    Column("cohort", .string, "the trainee's cohort (empty: none)"),
    Column("module", .string, "curriculum module id"),
    Column("status", .string, "passed, open or locked (prerequisites not yet passed)"),
    Column("attempts", .integer, "finished attempts that count for the module"),
    Column("best-overall", .integer, nullable: true, "best overall score in the module"),
    Column("last-overall", .integer, nullable: true, "latest overall score in the module"),
    Column("pass-mark", .integer, "the module's pass mark"),
    Column("missing-prerequisites", .string, "modules still to pass before this one opens (space-separated)"),
  ]

  static func modules(trainees: [TraineeRecord], progressAttempts: [Int64: [AttemptRecord]], modules: [CurriculumModule]) -> ReportTable {
    var rows: [[Cell]] = []
    for t in trainees {
      let progress = Progress.compute(
        modules: modules,
        attempts: (progressAttempts[t.id] ?? []).map {
          AttemptSummary(moduleID: $0.moduleID, scenarioID: $0.scenarioID, mode: $0.mode.rawValue, finished: $0.status == .finished, overall: $0.overall, passed: $0.passed, credited: Repl.credited($0.resultJSON))
        })
      for p in progress {
        rows.append([
          .text(t.name), .text(t.cohort ?? ""), .text(p.module.id), .text(p.status.rawValue), .int(p.attempts), .of(p.best), .of(p.last),
          .int(p.module.passMark), .text(p.missing.joined(separator: " ")),
        ])
      }
    }
    return ReportTable(title: L10n.t("report.title.progress"), columns: moduleColumns, rows: rows)
  }

  // MARK: Item analysis

  static let itemColumns: [Column] = [
    Column("cohort", .string, "cohort (empty: trainees without one)"),
    Column("scenario", .string, "scenario id"),
    Column("kind", .string, "rule (a policy rule) or defect (a defect code missed or invented on a notice)"),
    Column("item", .string, "the rule id or defect code"),
    Column("attempts", .integer, "finished attempts of this cohort at this scenario"),
    Column("attempts-losing", .integer, "of those, attempts that lost points on this item"),
    Column("points-lost", .number, "points lost on this item in all, one decimal"),
    Column("mean-points-lost", .number, "points lost per finished attempt, one decimal"),
  ]

  /// Points lost by rule and by defect code, per cohort and scenario, most points first: what to re-teach.
  static func items(_ facts: [AttemptFacts]) -> ReportTable {
    struct Key: Hashable { var cohort, scenario, kind, item: String }
    var groups: [String: [String: Int]] = [:]  // cohort → scenario → finished attempts
    var points: [Key: Double] = [:]
    var losing: [Key: Set<Int64>] = [:]
    for f in facts where f.finished {
      groups[f.cohort, default: [:]][f.record.scenarioID, default: 0] += 1
      for l in f.lost {
        var keys = [Key(cohort: f.cohort, scenario: f.record.scenarioID, kind: "rule", item: l.rule)]
        if let d = l.defect { keys.append(Key(cohort: f.cohort, scenario: f.record.scenarioID, kind: "defect", item: d)) }
        for k in keys {
          points[k, default: 0] += l.points
          losing[k, default: []].insert(f.record.id)
        }
      }
    }
    let keys = points.keys.sorted {
      ($0.cohort, $0.scenario) != ($1.cohort, $1.scenario)
        ? ($0.cohort, $0.scenario) < ($1.cohort, $1.scenario)
        : points[$0]! != points[$1]! ? points[$0]! > points[$1]! : ($0.kind, $0.item) < ($1.kind, $1.item)
    }
    let rows: [[Cell]] = keys.map { k in
      let n = groups[k.cohort]?[k.scenario] ?? 1
      return [
        .text(k.cohort), .text(k.scenario), .text(k.kind), .text(k.item), .int(n), .int(losing[k]?.count ?? 0), .decimal(points[k]!),
        .decimal(points[k]! / Double(max(1, n))),
      ]
    }
    return ReportTable(title: L10n.t("report.title.items"), columns: itemColumns, rows: rows)
  }
}
