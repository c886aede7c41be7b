internal import GRDB

/// The schema's versioned migrations, applied together in the caller's `BEGIN IMMEDIATE` transaction.
///
/// GRDB's own `DatabaseMigrator` reads which migrations are applied outside the transaction that
/// applies them and commits each migration separately, so processes racing to create one new file
/// could both run "v1" ("table sandbox already exists") or see a half-created file. Here the check and
/// every missing migration run under one write lock: a second process waits, then finds everything
/// applied. The history stays in the `grdb_migrations` table (the name GRDB used), so files written
/// by earlier versions keep theirs.
struct SchemaMigrator: Sendable {
  /// A migration's body: runs inside the opening transaction.
  typealias Body = @Sendable (Database) throws -> Void

  /// The table holding the identifiers of applied migrations.
  static let table = "grdb_migrations"

  private(set) var migrations: [(identifier: String, body: Body)] = []

  /// Appends a migration. Never edit or remove a shipped one.
  mutating func registerMigration(_ identifier: String, migrate body: @escaping Body) {
    precondition(!migrations.contains { $0.identifier == identifier }, "migration \(identifier) registered twice")
    migrations.append((identifier, body))
  }

  /// The identifiers of the registered migrations, in order.
  var identifiers: [String] { migrations.map(\.identifier) }

  /// The identifiers recorded in the file (none when the history table does not exist).
  func appliedIdentifiers(_ db: Database) throws -> Set<String> {
    guard try db.tableExists(Self.table) else { return [] }
    return Set(try String.fetchAll(db, sql: "SELECT identifier FROM \(Self.table)"))
  }

  /// Whether the file has migrations this version does not know (written by a newer PermitDesk).
  func hasBeenSuperseded(_ db: Database) throws -> Bool {
    !(try appliedIdentifiers(db)).isSubset(of: Set(identifiers))
  }

  /// Whether every registered migration is applied.
  func hasCompletedMigrations(_ db: Database) throws -> Bool {
    Set(identifiers).isSubset(of: try appliedIdentifiers(db))
  }

  /// Applies the missing migrations in order. The caller holds a write transaction.
  func migrate(_ db: Database) throws {
    try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(Self.table) (identifier TEXT NOT NULL PRIMARY KEY)")
    let applied = try appliedIdentifiers(db)
    for (identifier, body) in migrations where !applied.contains(identifier) {
      try body(db)
      try db.execute(sql: "INSERT INTO \(Self.table) (identifier) VALUES (?)", arguments: [identifier])
    }
  }
}
