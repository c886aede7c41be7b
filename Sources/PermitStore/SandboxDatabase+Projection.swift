internal import GRDB
import PermitCore

// The projection rows (cases, reviews, notices), snapshots and employer rehearsals: split from
// SandboxDatabase+Records.swift (trainees, attempts and the action log) to keep each under 400 lines.

// MARK: - Case projections

extension SandboxDatabase {
  /// Replaces all case rows of the attempt with `cases` (each must carry this attempt id and a
  /// distinct ticket).
  public func saveCases(attempt: Int64, _ cases: [CaseRow]) throws {
    try Self.checkCases(cases, attempt: attempt)
    try write { db in
      guard try Bool.fetchOne(db, sql: "SELECT 1 FROM attempt WHERE id = ?", arguments: [attempt]) != nil
      else { throw StoreError.unknownAttempt(attempt) }
      try Self.replaceCases(db, attempt: attempt, cases)
    }
  }

  static func checkCases(_ cases: [CaseRow], attempt: Int64) throws {
    if let stray = cases.first(where: { $0.attempt != attempt }) {
      throw StoreError.invalidArgument(
        "case \(stray.ticket) belongs to attempt #\(stray.attempt), not #\(attempt); save it with its own attempt.")
    }
    var seen: Set<String> = []
    for c in cases where !seen.insert(c.ticket).inserted {
      throw StoreError.invalidArgument("ticket \(c.ticket) appears twice in the cases of attempt #\(attempt).")
    }
  }

  static func replaceCases(_ db: Database, attempt: Int64, _ cases: [CaseRow]) throws {
    try db.execute(sql: "DELETE FROM caseRow WHERE attempt = ?", arguments: [attempt])
    try insertCases(db, cases)
  }

  /// Inserts case rows (the caller has removed the rows they replace).
  static func insertCases(_ db: Database, _ cases: [CaseRow]) throws {
    for c in cases { try Table.Case(c).insert(db) }
  }

  /// The attempt's case rows, by ticket.
  public func cases(attempt: Int64) throws -> [CaseRow] {
    try read { db in
      typealias Columns = Table.Case.Columns
      return try Table.Case.filter(Columns.attempt == attempt).order(Columns.ticket).fetchAll(db).map(\.value)
    }
  }

  /// Retention: deletes every case row whose `retainUntil` is before `date` and returns them (by attempt,
  /// then ticket). Dates compare as text, so pass the same ISO 8601 form the runtime stores
  /// (`2020-07-03`, or full timestamps with the same offset).
  public func purgeCases(retainedBefore date: String) throws -> [CaseRow] {
    try write { db in
      typealias Columns = Table.Case.Columns
      let expired = Table.Case.filter(Columns.retainUntil != nil && Columns.retainUntil < date)
      let rows = try expired.order(Columns.attempt, Columns.ticket).fetchAll(db).map(\.value)
      try expired.deleteAll(db)
      if !rows.isEmpty, try db.tableExists("purge") {  // so that `verify` tells these rows from deleted ones
        try db.execute(sql: "INSERT INTO purge (before, at) VALUES (?, ?)", arguments: [date, WallClock.now()])
      }
      return rows
    }
  }
}

// MARK: - Snapshots

extension SandboxDatabase {
  /// Saves (or moves, if the name exists) a named snapshot of the attempt at action `seq`
  /// (0 = before the first action; at most the last seq).
  public func saveSnapshot(attempt: Int64, name: String, seq: Int64) throws {
    guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw StoreError.invalidArgument("a snapshot needs a name: `snapshot NAME`.")
    }
    try write { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT hash FROM attempt WHERE id = ?", arguments: [attempt])
      else { throw StoreError.unknownAttempt(attempt) }
      let head = try Self.head(db, attempt: attempt, attemptHash: row["hash"])
      guard (0...head.seq).contains(seq) else {
        throw StoreError.invalidArgument(
          "attempt #\(attempt) has actions 1…\(head.seq); a snapshot cannot point at action \(seq).")
      }
      try db.execute(
        sql: """
          INSERT INTO snapshot (attempt, name, seq, createdAt) VALUES (?, ?, ?, ?)
          ON CONFLICT (attempt, name) DO UPDATE SET seq = excluded.seq, createdAt = excluded.createdAt
          """,
        arguments: [attempt, name, seq, WallClock.now()])
    }
  }

  /// The attempt's snapshots, oldest first.
  public func snapshots(attempt: Int64) throws -> [SnapshotRecord] {
    try read { db in
      typealias Columns = Table.Snapshot.Columns
      return try Table.Snapshot.filter(Columns.attempt == attempt).order(Columns.createdAt, Column.rowID).fetchAll(db)
        .map(\.value)
    }
  }
}

// MARK: - Review and notice projections

extension SandboxDatabase {
  static func replaceReviews(_ db: Database, attempt: Int64, _ rows: [ReviewRow]) throws {
    try db.execute(sql: "DELETE FROM review WHERE attempt = ?", arguments: [attempt])
    try insertReviews(db, attempt: attempt, rows)
  }

  /// Inserts review rows (the caller has removed the rows of their tickets).
  static func insertReviews(_ db: Database, attempt: Int64, _ rows: [ReviewRow]) throws {
    for r in reviewRecords(attempt: attempt, rows) { try r.insert(db) }
  }

  /// Review rows as records, numbered within each ticket (so one ticket's rows can be rewritten
  /// alone: incremental projection).
  static func reviewRecords(attempt: Int64, _ rows: [ReviewRow]) -> [Table.Review] {
    var seqs: [String: Int] = [:]
    return rows.map { r in
      let seq = (seqs[r.ticket] ?? 0) + 1
      seqs[r.ticket] = seq
      return Table.Review(r, attempt: attempt, seq: seq)
    }
  }

  static func replaceNotices(_ db: Database, attempt: Int64, _ rows: [NoticeRow]) throws {
    try db.execute(sql: "DELETE FROM notice WHERE attempt = ?", arguments: [attempt])
    try insertNotices(db, attempt: attempt, rows)
  }

  /// Inserts notice rows (the caller has removed the rows of their tickets).
  static func insertNotices(_ db: Database, attempt: Int64, _ rows: [NoticeRow]) throws {
    for n in rows { try Table.Notice(n, attempt: attempt).insert(db) }
  }

  /// The attempt's reviews (post B's sign-offs and returns), in order.
  public func reviews(attempt: Int64) throws -> [ReviewRow] {
    try read { db in
      typealias Columns = Table.Review.Columns
      return try Table.Review.filter(Columns.attempt == attempt).order(Columns.at, Columns.ticket, Columns.seq)
        .fetchAll(db).map(\.value)
    }
  }

  /// The attempt's notices, by ticket and round.
  public func notices(attempt: Int64) throws -> [NoticeRow] {
    try read { db in
      typealias Columns = Table.Notice.Columns
      return try Table.Notice.filter(Columns.attempt == attempt).order(Columns.ticket, Columns.round).fetchAll(db)
        .map(\.value)
    }
  }
}

// MARK: - Employer rehearsals

extension SandboxDatabase {
  /// Records a rehearsal: a person submitted a packet for an applicant (`applicant` identifies the
  /// person applied for, e.g. the passport number) and the window's outcome.
  public func recordRehearsal(person: String, applicant: String, type: String, outcome: Outcome, defects: [String]) throws {
    guard !person.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw StoreError.invalidArgument("a rehearsal needs the name of the person who prepared it (--person NAME).")
    }
    try write { db in
      var row = Table.Rehearsal(
        id: nil, person: person, applicant: applicant, type: type, outcome: outcome, defects: DefectCodes(defects),
        at: WallClock.now())
      try row.insert(db)
    }
  }

  /// A person's rehearsal record: submissions, and files right the first time (the first submission
  /// for an applicant and type was accepted).
  public func rehearsalStats(person: String) throws -> RehearsalStats {
    try read { db in
      typealias Columns = Table.Rehearsal.Columns
      let rows = try Table.Rehearsal.filter(Columns.person == person).order(Columns.id).fetchAll(db)
      var first: [String: Outcome] = [:]
      for r in rows where first[r.applicant + "|" + r.type] == nil { first[r.applicant + "|" + r.type] = r.outcome }
      let right = first.values.filter { $0 == .accept || $0 == .acceptPending }.count
      return RehearsalStats(person: person, submissions: rows.count, files: first.count, firstTimeRight: right)
    }
  }
}
