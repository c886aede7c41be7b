import PermitLocalization
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
  /// The room key that signs what this process writes (nil: an unsigned, single-user sandbox).
  let key: RecordKey?
  /// Whether this is a file opened with ``init(readOnlyPath:)`` (one connection, no writer).
  var readOnlyFile = false
  /// Faults planned by tests (``FaultSeam``); nil in normal use.
  public var faults: FaultSeam?

  /// The PermitDesk build writing through this value (`permitdesk --version`'s first line),
  /// recorded on the attempts it starts and scores.
  public var build: String?

  /// How long a writer waits for another process's write transaction before giving up.
  static let busyTimeout: TimeInterval = 5

  /// Opens (creating if needed) a sandbox database file in WAL mode and runs the migrations.
  ///
  /// Creates the parent folder when missing. Refuses a non-empty SQLite file that lacks the sandbox
  /// marker (`StoreError.notASandbox`) and a file that is not SQLite (`StoreError.unreadable`),
  /// leaving both untouched; refuses a database written by a newer PermitDesk
  /// (`StoreError.newerSchema`).
  ///
  /// With a `key`, everything this process writes is signed with it (HMAC-SHA256): a new sandbox
  /// adopts the key, a signed one must have been signed with this key, and a sandbox that already
  /// holds unsigned attempts is refused (`StoreError.signing`). Without a key, a signed sandbox can
  /// be read but not written.
  ///
  /// Race-free: the schema is created or upgraded in one `BEGIN IMMEDIATE` transaction, and the whole
  /// opening is retried while another process holds the file busy (switching it to WAL, creating it),
  /// so any number of processes may open one new file at once.
  public init(path: String, key: RecordKey? = nil) throws {
    let deadline = Date().addingTimeInterval(2 * Self.busyTimeout)
    var delay: UInt32 = 2_000
    while true {
      do {
        self = try Self.openWriter(path: path, key: key)
        return
      } catch StoreError.busy(let p) {
        guard Date() < deadline else { throw StoreError.busy(p) }
        usleep(delay + UInt32.random(in: 0..<delay))
        delay = min(delay * 2, 100_000)
      }
    }
  }

  private static func openWriter(path: String, key: RecordKey?) throws -> SandboxDatabase {
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
    try Self.adopt(key, writer: pool, path: path)
    return SandboxDatabase(writer: pool, path: path, key: key)
  }

  /// Opens an existing sandbox database for reading only (`report`, `verify`, `replay`): never
  /// creates a file or folder, never migrates, never takes the write lock, so it works on a
  /// read-only file or medium and while another process holds a long write transaction.
  ///
  /// When no `-wal` file exists (no writer has the file open and every commit is in the main file),
  /// the file is opened `immutable`: SQLite then creates no `-wal`/`-shm` files owned by the caller
  /// next to someone else's database. Otherwise it is opened `mode=ro` and reads the WAL too.
  /// Throws `StoreError.missing` when there is no database (or an empty file) at `path`.
  public init(readOnlyPath path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw StoreError.missing(path) }
    if isFolder.boolValue { throw StoreError.cannotOpen(path: path, reason: L10n.t("store.reason.folder")) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    if size == 0 { throw StoreError.missing(path) }
    try Self.checkHeader(path)
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
    let immutable = !FileManager.default.fileExists(atPath: path + "-wal")
    let uri = "file:\(escaped)?mode=ro" + (immutable ? "&immutable=1" : "")
    var config = Self.configuration(label: "PermitStore.readOnly")
    config.readonly = true
    // Readers of a whole file (`verify` reads every row of the log) map it into memory rather than
    // copying every page through a read() call; a file larger than the mapping is read as usual.
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: uri, configuration: config)
      let migrator = Schema.migrator()
      try queue.read { db in
        switch try Schema.isSandbox(db) {
        case nil: throw StoreError.missing(path)
        case false?: throw StoreError.notASandbox(path)
        case true?: break
        }
        if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path) }
      }
    } catch {
      throw Self.openError(error, path: path)
    }
    self.init(writer: queue, path: path)
    readOnlyFile = true
  }

  /// An in-memory sandbox database (a `DatabaseQueue`), migrated and marked, for tests; signed with
  /// `key` when one is given.
  public static func inMemory(key: RecordKey? = nil) throws -> SandboxDatabase {
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(configuration: configuration(label: "PermitStore.memory"))
    } catch {
      throw openError(error, path: ":memory:")
    }
    try setUp(queue, path: ":memory:")
    try adopt(key, writer: queue, path: ":memory:")
    return SandboxDatabase(writer: queue, path: ":memory:", key: key)
  }

  init(writer: any DatabaseWriter, path: String, key: RecordKey? = nil) {
    self.writer = writer
    self.path = path
    self.key = key
  }

  /// `count` handles to read this database from as many threads at once: this value alone for a
  /// file opened for writing (its pool of readers serves concurrent reads) or in memory (one
  /// connection), and for a file opened read-only, this value and `count - 1` more read-only
  /// connections to the same file.
  public func concurrentReaders(_ count: Int) throws -> [SandboxDatabase] {
    guard readOnlyFile, count > 1 else { return Array(repeating: self, count: max(1, writer is DatabasePool ? count : 1)) }
    var readers = [self]
    for _ in 1..<count {
      var other = try SandboxDatabase(readOnlyPath: path)
      other.build = build
      readers.append(other)
    }
    return readers
  }

  /// The id of the key the records are signed with (``RecordKey/id``), or nil for an unsigned
  /// sandbox.
  public func signingKeyID() throws -> String? {
    try read { db in try String.fetchOne(db, sql: "SELECT keyID FROM sandbox LIMIT 1") }
  }

  /// A new sandbox takes the key; a signed one must carry this key's id.
  private static func adopt(_ key: RecordKey?, writer: any DatabaseWriter, path: String) throws {
    guard let key else { return }
    do {
      try writer.write { db in
        let current = try String.fetchOne(db, sql: "SELECT keyID FROM sandbox LIMIT 1")
        if current == key.id {
          try sealTrainees(db, key: key, onlyUnsealed: true)  // rows from before trainee seals
          return
        }
        if let current {
          throw StoreError.signing(
            path: path,
            reason: L10n.t("store.reason.other-key", current, key.id))
        }
        let attempts = try Int.fetchOne(db, sql: "SELECT count(*) FROM attempt") ?? 0
        guard attempts == 0 else {
          throw StoreError.signing(
            path: path,
            reason: L10n.t("store.reason.unsigned-attempts", attempts))
        }
        let genesis = try lastAttemptHash(db, key: key)
        try db.execute(
          sql: "UPDATE sandbox SET keyID = ?, seal = ?",
          arguments: [key.id, Chain.sandboxSeal(lastAttempt: 0, lastHash: genesis, key: key)])
        try sealTrainees(db, key: key, onlyUnsealed: false)  // trainees seen before the room took the file
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw openError(error, path: path)
    }
  }

  /// Inside a write: refuses to add to a signed chain without its key (the record would not verify).
  static func checkSigning(_ db: Database, key: RecordKey?, path: String) throws {
    let current = try String.fetchOne(db, sql: "SELECT keyID FROM sandbox LIMIT 1")
    if current == key?.id { return }
    if let current {
      throw StoreError.signing(
        path: path,
        reason: key == nil ? L10n.t("store.reason.no-key", current) : L10n.t("store.reason.other-key.short", current))
    }
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
      throw StoreError.cannotOpen(path: path, reason: L10n.t("store.reason.mkdir", parent))
    }
  }

  /// Looks at an existing file before anything can modify it (switching a foreign database to WAL
  /// would already be a write).
  private static func preflight(_ path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
    if isFolder.boolValue { throw StoreError.cannotOpen(path: path, reason: L10n.t("store.reason.folder")) }
    if try !checkHeader(path) { return }  // an empty file is a new database
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

  /// Whether the file starts like an SQLite database (false: it is empty); throws `unreadable` for
  /// anything else.
  @discardableResult
  private static func checkHeader(_ path: String) throws -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.unreadable(path) }
    let head: Data
    do {
      head = try handle.read(upToCount: 16) ?? Data()
      try handle.close()
    } catch {
      throw StoreError.unreadable(path)
    }
    if head.isEmpty { return false }
    guard head == Data("SQLite format 3\u{0}".utf8) else { throw StoreError.unreadable(path) }
    return true
  }

  /// Creates or upgrades the schema and checks the marker. A file already up to date is only read;
  /// otherwise the check and every missing migration run in one `BEGIN IMMEDIATE` transaction.
  private static func setUp(_ writer: any DatabaseWriter, path: String) throws {
    let migrator = Schema.migrator()
    func check(_ db: Database) throws -> Bool {
      if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path) }
      if try Schema.isSandbox(db) == false { throw StoreError.notASandbox(path) }
      return try migrator.hasCompletedMigrations(db) && Schema.isSandbox(db) == true
    }
    do {
      if try writer.read(check) { return }
      try writer.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          if try !check(db) {
            try migrator.migrate(db)
            if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
              throw StoreError.database("a migration broke a foreign key")
            }
          }
          return .commit
        }
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
