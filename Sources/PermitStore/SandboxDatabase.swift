import Foundation
internal import GRDB

/// The sandbox database: trainees, attempts, their append-only action logs, case projections,
/// snapshots, integrity checks and retention.
///
/// A file database is a GRDB `DatabasePool` in WAL mode, so a second process can read while the REPL
/// writes, with a 5-second busy timeout so that two writers (pair mode, two terminals) wait for each
/// other instead of failing with "database is locked". Every write method runs in one IMMEDIATE
/// transaction that is committed when the method returns.
///
/// All methods are synchronous and throw `StoreError` (SQLite failures are wrapped in
/// `StoreError.database` or `StoreError.busy`).
public struct SandboxDatabase: Sendable {
  /// The connection (pool for files, queue in memory).
  let writer: any DatabaseWriter
  /// The file path, or `:memory:`.
  public let path: String
  /// Faults planned by tests (``FaultSeam``); nil in normal use.
  public var faults: FaultSeam?

  /// How long a writer waits for another process's write transaction before giving up.
  static let busyTimeout: TimeInterval = 5

  /// Opens (creating if needed) a sandbox database file in WAL mode and runs the migrations.
  ///
  /// Creates the parent folder when missing. Refuses a non-empty SQLite file that lacks the sandbox
  /// marker (`StoreError.notASandbox`) and a file that is not SQLite (`StoreError.unreadable`),
  /// leaving both untouched; refuses a database written by a newer PermitDesk
  /// (`StoreError.newerSchema`).
  public init(path: String) throws {
    try Self.createParentFolder(of: path)
    try Self.preflight(path)
    let pool: DatabasePool
    var config = Self.configuration(label: "PermitStore")
    // In WAL mode, NORMAL makes every commit durable against a killed process (the commit is in the
    // WAL before the call returns); only a power cut or OS crash can lose the last commits. It saves
    // an fsync per REPL command.
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
    do {
      pool = try DatabasePool(path: path, configuration: config)
    } catch {
      throw Self.openError(error, path: path)
    }
    try Self.setUp(pool, path: path)
    self.writer = pool
    self.path = path
  }

  /// An in-memory sandbox database (a `DatabaseQueue`), migrated and marked, for tests.
  public static func inMemory() throws -> SandboxDatabase {
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(configuration: configuration(label: "PermitStore.memory"))
    } catch {
      throw openError(error, path: ":memory:")
    }
    try setUp(queue, path: ":memory:")
    return SandboxDatabase(writer: queue, path: ":memory:")
  }

  init(writer: any DatabaseWriter, path: String) {
    self.writer = writer
    self.path = path
  }

  /// The default sandbox path: `$PERMITDESK_DB`, else `$XDG_DATA_HOME/permitdesk/sandbox.sqlite`,
  /// else `~/.local/share/permitdesk/sandbox.sqlite`. Empty variables count as unset, and a relative
  /// `XDG_DATA_HOME` is ignored, as the XDG specification says.
  public static func defaultPath(environment: [String: String]) -> String {
    if let db = environment["PERMITDESK_DB"], !db.isEmpty { return db }
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return (data.hasSuffix("/") ? data : data + "/") + "permitdesk/sandbox.sqlite"
    }
    var home = environment["HOME"] ?? ""
    if home.isEmpty { home = FileManager.default.homeDirectoryForCurrentUser.path }
    return (home.hasSuffix("/") ? home : home + "/") + ".local/share/permitdesk/sandbox.sqlite"
  }

  // MARK: - Opening

  static func configuration(label: String) -> Configuration {
    var config = Configuration()
    config.label = label
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(busyTimeout)
    config.maximumReaderCount = 2
    return config
  }

  private static func createParentFolder(of path: String) throws {
    let parent = (path as NSString).deletingLastPathComponent
    guard !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) else { return }
    do {
      try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "cannot create the folder \(parent)")
    }
  }

  /// Looks at an existing file before anything can modify it (switching a foreign database to WAL
  /// would already be a write).
  private static func preflight(_ path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
    if isFolder.boolValue { throw StoreError.cannotOpen(path: path, reason: "it is a folder") }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.unreadable(path) }
    let head: Data
    do {
      head = try handle.read(upToCount: 16) ?? Data()
      try handle.close()
    } catch {
      throw StoreError.unreadable(path)
    }
    if head.isEmpty { return }  // an empty file is a new database
    guard head == Data("SQLite format 3\u{0}".utf8) else { throw StoreError.unreadable(path) }
    // A plain connection that does not change the journal mode, closed before the pool opens.
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration(label: "PermitStore.preflight"))
      let sandbox = try queue.read { db in try Schema.isSandbox(db) }
      try queue.close()
      if sandbox == false { throw StoreError.notASandbox(path) }
    } catch let error as StoreError {
      throw error
    } catch {
      throw openError(error, path: path)
    }
  }

  /// Runs the migrations and checks the marker.
  private static func setUp(_ writer: any DatabaseWriter, path: String) throws {
    let migrator = Schema.migrator()
    do {
      if try writer.read({ db in try migrator.hasBeenSuperseded(db) }) { throw StoreError.newerSchema(path) }
      do {
        try migrator.migrate(writer)
      } catch {
        // Two processes opening a new file at once: the other one may have migrated first.
        guard try writer.read({ db in try migrator.hasCompletedMigrations(db) }) else { throw error }
      }
      if try writer.read({ db in try Schema.isSandbox(db) }) != true { throw StoreError.notASandbox(path) }
    } catch let error as StoreError {
      throw error
    } catch {
      throw openError(error, path: path)
    }
  }

  private static func openError(_ error: any Error, path: String) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? DatabaseError {
      switch error.resultCode {
      case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .unreadable(path)
      case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path)
      default: return .cannotOpen(path: path, reason: error.message ?? "\(error)")
      }
    }
    return .cannotOpen(path: path, reason: "\(error)")
  }

  // MARK: - Access

  /// Runs `body` in one IMMEDIATE write transaction, committed on return.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try writer.write(body)
    } catch {
      throw mapError(error)
    }
  }

  /// Runs `body` on a consistent snapshot of the committed data.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try writer.read(body)
    } catch {
      throw mapError(error)
    }
  }

  private func mapError(_ error: any Error) -> any Error {
    guard let error = error as? DatabaseError else { return error }
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path)
    case .SQLITE_NOTADB, .SQLITE_CORRUPT: return StoreError.unreadable(path)
    default: return StoreError.database(error.message ?? "\(error)")
    }
  }
}

// MARK: - Test hooks (internal: reachable only through `@testable import`)

extension SandboxDatabase {
  /// Executes raw SQL outside the façade, e.g. to simulate someone editing the file by hand.
  func executeRaw(_ sql: String) throws {
    do {
      try writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
    } catch {
      throw mapError(error)
    }
  }

  /// Executes raw SQL in a write transaction and calls `beforeCommit` while it is still open.
  func executeRaw(_ sql: String, beforeCommit: () throws -> Void) throws {
    try write { db in
      try db.execute(sql: sql)
      try beforeCommit()
    }
  }

  /// The first column of every row of a raw query, as text.
  func rawStrings(_ sql: String) throws -> [String?] {
    try writer.read { db in try String?.fetchAll(db, sql: sql) }
  }
}
