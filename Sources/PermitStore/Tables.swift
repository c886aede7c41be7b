import Foundation
internal import GRDB
import PermitCore

/// The sandbox's tables as typed GRDB records (`Codable` with a column enum, as in GRDB's demo apps).
///
/// They stay internal: GRDB is an implementation detail of the store, and the public values
/// (``AttemptRecord``, ``CaseRow``, …) are converted from and to them here. Mode, post, status,
/// outcome and verdict are Swift enums whose raw values are the column texts (the schema's CHECK
/// constraints list the same values); defects are JSON arrays (migration "typed-defects").
///
/// Hashes are never computed from these values: the chain covers the stored text, and `verify` reads
/// the columns raw (see `SandboxDatabase+Integrity.swift`), so a value that decodes differently never
/// changes what was sealed.
enum Table {
  /// A `trainee` row.
  struct Trainee: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "trainee"
    enum CodingKeys: String, CodingKey, ColumnExpression { case id, name, cohort, createdAt }
    typealias Columns = CodingKeys
    var id: Int64?
    var name: String
    var cohort: String?
    var createdAt: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var value: TraineeRecord { TraineeRecord(id: id ?? 0, name: name, cohort: cohort, createdAt: createdAt) }
  }

  /// An `attempt` row (the columns a caller reads; seals and hashes are written by the store alone).
  struct Attempt: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "attempt"
    enum CodingKeys: String, CodingKey, ColumnExpression {
      case id, trainee, scenarioID, contentHash, seed, policy, mode, post, moduleID, status, startedAt, finishedAt
      case overall, decisions, doubleReview, timeLimits, passed, resultJSON, lastSeq, resultSeq, prevHash, hash
      case startedBy, scoredBy, partner
    }
    typealias Columns = CodingKeys
    var id: Int64
    var trainee: Int64
    var scenarioID: String
    var contentHash: String
    /// The generator seed's bit pattern (SQLite integers are signed).
    var seed: Int64
    var policy: String
    var mode: AttemptMode
    var post: TraineePost
    var moduleID: String?
    var status: AttemptStatus
    var startedAt: String
    var finishedAt: String?
    var overall: Int?
    var decisions: Int?
    var doubleReview: Int?
    var timeLimits: Int?
    var passed: Bool?
    var resultJSON: String?
    var lastSeq: Int64
    var resultSeq: Int64?
    var prevHash: String
    var hash: String
    /// Absent in a file opened read-only before its "build-version" migration: nil.
    var startedBy: String?
    var scoredBy: String?
    /// The partner (post B) of a pair attempt; absent before the "pair-mode" migration: nil.
    var partner: Int64?

    var value: AttemptRecord {
      var r = AttemptRecord(
        id: id, trainee: trainee, scenarioID: scenarioID, contentHash: contentHash, seed: UInt64(bitPattern: seed),
        policy: policy, mode: mode, post: post, moduleID: moduleID, status: status, startedAt: startedAt,
        finishedAt: finishedAt, overall: overall, decisions: decisions, doubleReview: doubleReview,
        timeLimits: timeLimits, passed: passed, resultJSON: resultJSON)
      r.resultSeq = resultSeq
      r.startedBy = startedBy
      r.scoredBy = scoredBy
      r.partner = partner
      return r
    }
  }

  /// An `action` row of the append-only log.
  struct Action: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "action"
    enum CodingKeys: String, CodingKey, ColumnExpression {
      case attempt, seq, actor, verb, arguments, simTime, wallTime, result, ok, prevHash, hash
    }
    typealias Columns = CodingKeys
    var attempt: Int64
    var seq: Int64
    var actor: String
    var verb: String
    var arguments: String
    var simTime: String
    var wallTime: String
    var result: String
    var ok: Bool
    var prevHash: String
    var hash: String

    /// Read column by column (the column enum) rather than through `Decodable`: the log is the one
    /// table read whole (replay, `verify --rescore`), and the decoder costs several times more.
    init(row: Row) {
      attempt = row[Columns.attempt]
      seq = row[Columns.seq]
      actor = row[Columns.actor]
      verb = row[Columns.verb]
      arguments = row[Columns.arguments]
      simTime = row[Columns.simTime]
      wallTime = row[Columns.wallTime]
      result = row[Columns.result]
      ok = row[Columns.ok]
      prevHash = row[Columns.prevHash]
      hash = row[Columns.hash]
    }

    init(_ a: ActionRecord) {
      (attempt, seq, actor, verb, arguments, simTime) = (a.attempt, a.seq, a.actor, a.verb, a.arguments, a.simTime)
      (wallTime, result, ok, prevHash, hash) = (a.wallTime, a.result, a.ok, a.prevHash, a.hash)
    }

    var value: ActionRecord {
      ActionRecord(
        attempt: attempt, seq: seq, actor: actor, verb: verb, arguments: arguments, simTime: simTime,
        wallTime: wallTime, result: result, ok: ok, prevHash: prevHash, hash: hash)
    }
  }

  /// A `caseRow` row: a case as the runtime last projected it.
  struct Case: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "caseRow"
    enum CodingKeys: String, CodingKey, ColumnExpression {
      case attempt, ticket, state, outcome, defects, maker, checker, noticeAt, deadline, retainUntil
    }
    typealias Columns = CodingKeys
    var attempt: Int64
    var ticket: String
    var state: String
    var outcome: Outcome?
    var defects: DefectCodes
    var maker: String?
    var checker: String?
    var noticeAt: String?
    var deadline: String
    var retainUntil: String?

    init(_ c: CaseRow) {
      (attempt, ticket, state, outcome, defects) = (c.attempt, c.ticket, c.state, c.outcome, DefectCodes(c.defects))
      (maker, checker, noticeAt, deadline, retainUntil) = (c.maker, c.checker, c.noticeAt, c.deadline, c.retainUntil)
    }

    var value: CaseRow {
      CaseRow(
        attempt: attempt, ticket: ticket, state: state, outcome: outcome, defects: defects.codes, maker: maker,
        checker: checker, noticeAt: noticeAt, deadline: deadline, retainUntil: retainUntil)
    }

    /// The columns after `attempt`, in ``columnValues``' order: what inserts write and `verify`
    /// compares (written explicitly: the `Encodable` route costs several times more per row).
    static let columnNames = ["ticket", "state", "outcome", "defects", "maker", "checker", "noticeAt", "deadline", "retainUntil"]
    var columnValues: [DatabaseValue] {
      [
        ticket.databaseValue, state.databaseValue, outcome?.rawValue.databaseValue ?? .null, defects.databaseValue,
        maker.databaseValue, checker.databaseValue, noticeAt.databaseValue, deadline.databaseValue, retainUntil.databaseValue,
      ]
    }

    func encode(to container: inout PersistenceContainer) {
      container[Columns.attempt] = attempt
      for (name, value) in zip(Self.columnNames, columnValues) { container[name] = value }
    }
  }

  /// A `snapshot` row: a named point in a practice attempt's log.
  struct Snapshot: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "snapshot"
    enum CodingKeys: String, CodingKey, ColumnExpression { case attempt, name, seq, createdAt }
    typealias Columns = CodingKeys
    var attempt: Int64
    var name: String
    var seq: Int64
    var createdAt: String

    var value: SnapshotRecord { SnapshotRecord(attempt: attempt, name: name, seq: seq, createdAt: createdAt) }
  }

  /// A `review` row: post B's verdict on one proposal.
  struct Review: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "review"
    enum CodingKeys: String, CodingKey, ColumnExpression {
      case attempt, ticket, seq, round, maker, reviewer, verdict, reason, at
    }
    typealias Columns = CodingKeys
    var attempt: Int64
    var ticket: String
    /// Numbered within each ticket, so one ticket's rows can be rewritten alone.
    var seq: Int
    var round: Int
    var maker: String
    var reviewer: String
    var verdict: ReviewRow.Verdict
    var reason: String?
    var at: String

    init(_ r: ReviewRow, attempt: Int64, seq: Int) {
      (self.attempt, self.seq, ticket, round, maker) = (attempt, seq, r.ticket, r.round, r.maker)
      (reviewer, verdict, reason, at) = (r.reviewer, r.verdict, r.reason, r.at)
    }

    var value: ReviewRow {
      ReviewRow(ticket: ticket, round: round, maker: maker, reviewer: reviewer, verdict: verdict, reason: reason, at: at)
    }

    /// The columns after `attempt` (see ``Case/columnNames``).
    static let columnNames = ["ticket", "seq", "round", "maker", "reviewer", "verdict", "reason", "at"]
    var columnValues: [DatabaseValue] {
      [
        ticket.databaseValue, seq.databaseValue, round.databaseValue, maker.databaseValue, reviewer.databaseValue,
        verdict.rawValue.databaseValue, reason.databaseValue, at.databaseValue,
      ]
    }

    func encode(to container: inout PersistenceContainer) {
      container[Columns.attempt] = attempt
      for (name, value) in zip(Self.columnNames, columnValues) { container[name] = value }
    }
  }


  /// A `notice` row: a notice issued by the window.
  struct Notice: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "notice"
    enum CodingKeys: String, CodingKey, ColumnExpression {
      case attempt, ticket, round, outcome, defects, referTo, maker, checker, issuedAt, onTime
    }
    typealias Columns = CodingKeys
    var attempt: Int64
    var ticket: String
    var round: Int
    var outcome: Outcome
    var defects: DefectCodes
    var referTo: String?
    var maker: String
    var checker: String
    var issuedAt: String
    var onTime: Bool

    init(_ n: NoticeRow, attempt: Int64) {
      (self.attempt, ticket, round, outcome, defects) = (attempt, n.ticket, n.round, n.outcome, DefectCodes(n.defects))
      (referTo, maker, checker, issuedAt, onTime) = (n.referTo, n.maker, n.checker, n.issuedAt, n.onTime)
    }

    var value: NoticeRow {
      NoticeRow(
        ticket: ticket, round: round, outcome: outcome, defects: defects.codes, referTo: referTo, maker: maker,
        checker: checker, issuedAt: issuedAt, onTime: onTime)
    }

    /// The columns after `attempt` (see ``Case/columnNames``).
    static let columnNames = ["ticket", "round", "outcome", "defects", "referTo", "maker", "checker", "issuedAt", "onTime"]
    var columnValues: [DatabaseValue] {
      [
        ticket.databaseValue, round.databaseValue, outcome.rawValue.databaseValue, defects.databaseValue, referTo.databaseValue,
        maker.databaseValue, checker.databaseValue, issuedAt.databaseValue, onTime.databaseValue,
      ]
    }

    func encode(to container: inout PersistenceContainer) {
      container[Columns.attempt] = attempt
      for (name, value) in zip(Self.columnNames, columnValues) { container[name] = value }
    }
  }


  /// A `rehearsal` row: one packet an employer's person submitted, and the window's outcome.
  struct Rehearsal: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rehearsal"
    enum CodingKeys: String, CodingKey, ColumnExpression { case id, person, applicant, type, outcome, defects, at }
    typealias Columns = CodingKeys
    var id: Int64?
    var person: String
    var applicant: String
    var type: String
    var outcome: Outcome
    var defects: DefectCodes
    var at: String
  }

  /// Migration "typed-defects": the `defects` columns of `caseRow`, `notice` and `rehearsal` held
  /// codes joined by single spaces; they become JSON arrays. These tables are projections and
  /// rehearsal notes, outside the hash chain: no hash or seal changes.
  static func convertDefectsToJSON(_ db: Database) throws {
    for table in ["caseRow", "notice", "rehearsal"] {
      let rows = try Row.fetchAll(db, sql: "SELECT rowid AS id, defects FROM \(table)")
      let update = try db.makeStatement(sql: "UPDATE \(table) SET defects = ? WHERE rowid = ?")
      for row in rows {
        let codes = DefectCodes(spaceSeparated: row["defects"])
        try update.execute(arguments: [codes.json, row["id"] as Int64])
      }
    }
  }
}

/// Defect codes in a `defects` column: a JSON array of strings (`["missing:degree","stale:criminal-record"]`).
///
/// A file opened read-only is not migrated, so a column may still hold the codes joined by spaces
/// (the form before migration "typed-defects"): both are read; only JSON is written.
struct DefectCodes: Codable, Hashable, DatabaseValueConvertible {
  var codes: [String]

  init(_ codes: [String]) { self.codes = codes }

  init(from decoder: any Decoder) throws { codes = try decoder.singleValueContainer().decode([String].self) }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(codes)
  }

  /// Codes joined by whitespace (the column's form before the migration).
  init(spaceSeparated text: String) { codes = text.split(whereSeparator: \.isWhitespace).map(String.init) }

  /// The JSON array, compact, in the codes' order.
  var json: String {
    var out = "["
    for (i, code) in codes.enumerated() {
      if i > 0 { out += "," }
      out += JSONText.quoted(code)
    }
    return out + "]"
  }

  var databaseValue: DatabaseValue { json.databaseValue }

  static func fromDatabaseValue(_ dbValue: DatabaseValue) -> DefectCodes? {
    guard let text = String.fromDatabaseValue(dbValue) else { return nil }
    guard text.hasPrefix("[") else { return DefectCodes(spaceSeparated: text) }
    guard let data = text.data(using: .utf8), let codes = try? JSONDecoder().decode([String].self, from: data) else {
      return nil
    }
    return DefectCodes(codes)
  }
}

/// JSON string literals without Foundation's encoder options (stable across platforms).
enum JSONText {
  static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
