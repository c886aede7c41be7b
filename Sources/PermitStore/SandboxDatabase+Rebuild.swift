import PermitLocalization
import Foundation
internal import GRDB
internal import GRDBSQLite

// What `verify` checks beyond the hash chain (issue 11, deliver 5):
//
// - Cohorts. A trainee's cohort decides which rows `report --cohort` shows and the cohort column of
//   every report (table, CSV, JSON, HTML, xAPI); it never changes a score. It is not in any log
//   (`login NAME --cohort C` records no action), so it cannot be rebuilt: each trainee row carries
//   a seal over its id, name, cohort and creation time (HMAC with the room key in a room, else
//   SHA-256), renewed by the store whenever it writes the row; `verify` recomputes it.
// - Projections. The case, review and notice rows are written with each command from the runtime's
//   state. The CLI rebuilds them from the log (it needs the runtime) and hands them to
//   ``SandboxDatabase/projectionMismatch(attempt:atSeq:rebuilt:)``, which encodes them with the
//   very records that write them, compares them with the stored rows in memory, and names the
//   first differing row.
//   Case rows removed by `purge` are recorded in the `purge` table, so a purged case is not taken
//   for a deleted one.

extension Chain {
  /// The seal of a trainee row: its id, name, cohort and creation time.
  static func traineeSeal(id: Int64, name: String, cohort: String?, createdAt: String, key: RecordKey?) -> String {
    digest(canonical("trainee", [String(id), name, cohort, createdAt]), key: key)
  }
}

extension SandboxDatabase {
  /// The "verify-coverage" migration: the trainees' seal column, sealed as they stand in an
  /// unsigned sandbox (a signed one is sealed with the key the next time the room opens it), the
  /// purge record, and the first attempt whose projection is compared (the next one to start).
  static func migrateVerifyCoverage(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE trainee ADD COLUMN seal TEXT;
        ALTER TABLE sandbox ADD COLUMN projectionsFrom INTEGER;
        UPDATE sandbox SET projectionsFrom = (SELECT ifnull(max(id), 0) + 1 FROM attempt);
        CREATE TABLE purge (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          before TEXT NOT NULL,
          at TEXT NOT NULL
        ) STRICT;
        """)
    let signed = try String.fetchOne(db, sql: "SELECT keyID FROM sandbox LIMIT 1") != nil
    if !signed { try sealTrainees(db, key: nil, onlyUnsealed: false) }
  }

  /// Whether the file has trainee seals (a file opened read-only before its migration has not).
  static func hasTraineeSeals(_ db: Database) throws -> Bool {
    try db.columns(in: "trainee").contains { $0.name == "seal" }
  }

  /// Seals one trainee row as it stands (inside the transaction that wrote it).
  static func sealTrainee(_ db: Database, id: Int64, key: RecordKey?) throws {
    guard try hasTraineeSeals(db), let row = try Row.fetchOne(db, sql: "SELECT * FROM trainee WHERE id = ?", arguments: [id]) else { return }
    let seal = Chain.traineeSeal(id: id, name: row["name"], cohort: row["cohort"], createdAt: row["createdAt"], key: key)
    try db.execute(sql: "UPDATE trainee SET seal = ? WHERE id = ?", arguments: [seal, id])
  }

  /// Seals every trainee row (or those without a seal) with `key`.
  static func sealTrainees(_ db: Database, key: RecordKey?, onlyUnsealed: Bool) throws {
    guard try hasTraineeSeals(db) else { return }
    let ids = try Int64.fetchAll(db, sql: "SELECT id FROM trainee" + (onlyUnsealed ? " WHERE seal IS NULL" : ""))
    for id in ids { try sealTrainee(db, id: id, key: key) }
  }

  /// Recomputes each trainee's seal (when the hashes can be recomputed: unsigned, or with the key).
  static func verifyTrainees(_ db: Database, key: RecordKey?, recompute: Bool, _ report: (Int64?, Int64?, String) -> Void) throws {
    guard recompute, try hasTraineeSeals(db) else { return }
    for row in try Row.fetchAll(db, sql: "SELECT * FROM trainee ORDER BY id") {
      let id: Int64 = row["id"]
      let name: String = row["name"]
      let cohort: String? = row["cohort"]
      let seal: String? = row["seal"]
      let expected = Chain.traineeSeal(id: id, name: name, cohort: cohort, createdAt: row["createdAt"], key: key)
      if seal != expected {
        report(
          nil, nil,
          "trainee #\(id) (\(name), cohort \(cohort.map { "'\($0)'" } ?? "none")): the row does not match its seal: "
            + "its name, cohort or creation time was changed outside PermitDesk (reports by cohort may be wrong)")
      }
    }
  }
}

// MARK: - Projections rebuilt from the log

extension SandboxDatabase {
  /// The outcome of comparing an attempt's stored projection with one rebuilt from its log.
  public enum ProjectionCheck: Sendable, Hashable {
    /// The stored rows are the rebuilt ones (purged case rows aside).
    case same
    /// The first differing row, described.
    case differs(String)
    /// The attempt's log moved past `atSeq` (a live session wrote meanwhile): rebuild and compare again.
    case moved
  }

  /// The first attempt whose projection rows `verify` rebuilds and compares: attempts recorded
  /// before this version wrote rows that are not comparable (no reviews or notices in the first
  /// schema, tickets left as an earlier runtime projected them). Nil when the file predates it
  /// (opened read-only, not migrated): no attempt is compared.
  public func projectionsCheckedFrom() throws -> Int64? {
    try read { db in
      guard try db.columns(in: "sandbox").contains(where: { $0.name == "projectionsFrom" }) else { return nil }
      return try Int64.fetchOne(db, sql: "SELECT projectionsFrom FROM sandbox LIMIT 1")
    }
  }

  /// The records kept of `purge` (the latest `before` date), nil when nothing was purged.
  static func purgedBefore(_ db: Database) throws -> String? {
    guard try db.tableExists("purge") else { return nil }
    return try String.fetchOne(db.cachedStatement(sql: "SELECT max(before) FROM purge"))
  }

  /// Compares the attempt's stored case, review and notice rows with `rebuilt` (the projection of
  /// its log replayed through action `atSeq`), and names the first row that differs. The stored
  /// rows and the attempt's head are read in one snapshot; `.moved` when the head is not `atSeq`.
  ///
  /// The rebuilt rows are encoded by the very records and numbering the writes use
  /// (``Table/Case``, ``reviewRecords(attempt:_:)``, ``Table/Notice``), column by column, and
  /// compared with the stored columns in memory.
  public func projectionMismatch(attempt: Int64, atSeq: Int64, rebuilt: Projection) throws -> ProjectionCheck {
    let tables = Self.projectionTables
    let expected: [[ProjectionRow]]
    do {
      expected = [
        try Self.sorted(tables[0], (rebuilt.cases ?? []).map { var c = $0; c.attempt = attempt; return Table.Case(c).columnValues }),
        try Self.sorted(tables[1], Self.reviewRecords(attempt: attempt, rebuilt.reviews ?? []).map(\.columnValues)),
        try Self.sorted(tables[2], (rebuilt.notices ?? []).map { Table.Notice($0, attempt: attempt).columnValues }),
      ]
    } catch {
      throw StoreError.database("cannot compare the projection of attempt #\(attempt): \(error)")
    }
    return try read { db in
      let head = try Int64.fetchOne(db.cachedStatement(sql: "SELECT lastSeq FROM attempt WHERE id = ?"), arguments: [attempt])
      guard head == atSeq else { return .moved }
      let purged = try Self.purgedBefore(db)
      for (i, table) in tables.enumerated() {
        if let difference = try Self.firstDifference(db, table, attempt: attempt, expected[i], purged: purged) {
          return .differs(difference)
        }
      }
      return .same
    }
  }

  /// A rebuilt row: its key (ticket, and the number that tells a ticket's rows apart) and its columns.
  struct ProjectionRow {
    let ticket: String
    let number: Int64
    let columns: [DatabaseValue]

    /// In the stored rows' order (`ORDER BY ticket, number`: text by its bytes, as SQLite's
    /// BINARY collation compares).
    func precedes(ticket other: UnsafeBufferPointer<UInt8>, number n: Int64) -> Bool {
      var mine = ticket
      return mine.withUTF8 { a in sameBytes(a, other) ? number < n : a.lexicographicallyPrecedes(other) }
    }

    func matches(ticket other: UnsafeBufferPointer<UInt8>, number n: Int64) -> Bool {
      var mine = ticket
      return number == n && mine.withUTF8 { sameBytes($0, other) }
    }

    var key: String { ProjectionTable.key(ticket, number) }
  }

  /// The rebuilt rows in the stored rows' order; two with one key (which the table's primary key
  /// would refuse) are an error.
  static func sorted(_ table: ProjectionTable, _ rows: [[DatabaseValue]]) throws -> [ProjectionRow] {
    let out = rows.map { columns -> ProjectionRow in
      let ticket = String.fromDatabaseValue(columns[table.ticketColumn]) ?? ""
      let number = table.numberColumn.flatMap { Int64.fromDatabaseValue(columns[$0]) } ?? 0
      return ProjectionRow(ticket: ticket, number: number, columns: columns)
    }
    .sorted { a, b in
      a.ticket == b.ticket ? a.number < b.number : a.ticket.utf8.lexicographicallyPrecedes(b.ticket.utf8)
    }
    for (a, b) in zip(out, out.dropFirst()) where a.ticket == b.ticket && a.number == b.number {
      throw StoreError.invalidArgument("two rebuilt \(table.kind) rows share the key \(table.describe(a.key)).")
    }
    return out
  }

  /// Walks the stored rows of the attempt (in key order, their columns compared as SQLite holds
  /// them: no text copied unless a row differs) beside the rebuilt ones, and describes the first
  /// row missing, added or different. A case row removed by `purge` is not missing.
  static func firstDifference(
    _ db: Database, _ table: ProjectionTable, attempt: Int64, _ want: [ProjectionRow], purged: String?
  ) throws -> String? {
    let order = table.number.map { "ticket, \($0)" } ?? "ticket"
    let statement = try db.cachedStatement(
      sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) WHERE attempt = ? ORDER BY \(order)")
    let raw = statement.sqliteStatement
    let cursor = try Row.fetchCursor(statement, arguments: [attempt])
    var j = 0
    func missing(_ w: ProjectionRow) -> String? {
      if table.name == "caseRow", let purged, let at = table.columns.firstIndex(of: "retainUntil"),
        case .string(let until) = w.columns[at].storage, until < purged
      {
        return nil  // removed by `purge` (retention)
      }
      return L10n.t("verify.row.missing", table.describe(w.key))
    }
    while let row = try cursor.next() {
      let ticket = ColumnBytes(raw, Int32(table.ticketColumn))
      let number = table.numberColumn.map { sqlite3_column_int64(raw, Int32($0)) } ?? 0
      while j < want.count, want[j].precedes(ticket: ticket.buffer, number: number) {
        if let m = missing(want[j]) { return m }
        j += 1
      }
      guard j < want.count, want[j].matches(ticket: ticket.buffer, number: number) else {
        return L10n.t("verify.row.added", table.describe(ProjectionTable.key(ticket.string, number)))
      }
      // Columns in name order, so the first difference named does not depend on the table's layout.
      for (column, name) in table.columnsByName where !same(raw, Int32(column), want[j].columns[column]) {
        let have = row[column] as DatabaseValue
        return L10n.t("verify.row.differs", table.describe(want[j].key), name, shown(have), shown(want[j].columns[column]))
      }
      j += 1
    }
    while j < want.count {
      if let m = missing(want[j]) { return m }
      j += 1
    }
    return nil
  }

  /// Whether the current row's column holds `value` (same type, same bytes).
  static func same(_ raw: OpaquePointer?, _ index: Int32, _ value: DatabaseValue) -> Bool {
    let type = sqlite3_column_type(raw, index)
    switch value.storage {
    case .null: return type == SQLITE_NULL
    case .int64(let n): return type == SQLITE_INTEGER && sqlite3_column_int64(raw, index) == n
    case .double(let d): return type == SQLITE_FLOAT && sqlite3_column_double(raw, index) == d
    case .string(var s): return type == SQLITE_TEXT && s.withUTF8 { sameBytes($0, ColumnBytes(raw, index).buffer) }
    case .blob(let data):
      guard type == SQLITE_BLOB else { return false }
      let count = Int(sqlite3_column_bytes(raw, index))
      guard count == data.count else { return false }
      guard count > 0, let bytes = sqlite3_column_blob(raw, index) else { return true }
      return data.elementsEqual(UnsafeRawBufferPointer(start: bytes, count: count))
    }
  }

  /// A projection table: its name, its columns after `attempt` (in its record's order), the ticket
  /// and the number that identify a row.
  struct ProjectionTable: Sendable {
    let name: String
    /// The column that numbers a ticket's rows (nil: one row per ticket).
    let number: String?
    let kind: String
    let columns: [String]
    /// The positions of the ticket and of the number in `columns`.
    var ticketColumn: Int { columns.firstIndex(of: "ticket")! }
    var numberColumn: Int? { number.map { columns.firstIndex(of: $0)! } }
    /// The columns with their positions, by name.
    let columnsByName: [(Int, String)]

    init(name: String, number: String?, kind: String, columns: [String]) {
      (self.name, self.number, self.kind, self.columns) = (name, number, kind, columns)
      columnsByName = columns.enumerated().map { ($0.offset, $0.element) }.sorted { $0.1 < $1.1 }
    }

    static func key(_ ticket: String, _ number: Int64) -> String { ticket + "\u{1F}" + String(number) }

    func describe(_ key: String) -> String {
      let parts = key.split(separator: "\u{1F}").map(String.init)
      switch name {
      case "caseRow": return "the case row of \(parts[0])"
      case "review": return "review \(parts.count > 1 ? parts[1] : "?") of \(parts[0])"
      default: return "the notice of \(parts[0]) (round \(parts.count > 1 ? parts[1] : "?"))"
      }
    }
  }

  static let projectionTables = [
    ProjectionTable(name: "caseRow", number: nil, kind: "case", columns: Table.Case.columnNames),
    ProjectionTable(name: "review", number: "seq", kind: "review", columns: Table.Review.columnNames),
    ProjectionTable(name: "notice", number: "round", kind: "notice", columns: Table.Notice.columnNames),
  ]

  static func shownKey(_ v: DatabaseValue) -> String {
    switch v.storage {
    case .string(let s): return s
    case .int64(let i): return String(i)
    default: return v.description
    }
  }

  static func shown(_ v: DatabaseValue?) -> String {
    guard let v else { return "absent" }
    switch v.storage {
    case .null: return "empty"
    case .string(let s): return "'\(s)'"
    case .int64(let i): return String(i)
    case .double(let d): return String(d)
    case .blob: return "a blob"
    }
  }
}
