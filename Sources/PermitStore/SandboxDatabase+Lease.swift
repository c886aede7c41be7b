import Foundation
internal import GRDB

#if canImport(Glibc)
  import Glibc
#endif

/// Who holds (or wants) a lease: a process on a host.
public struct LeaseHolder: Sendable, Hashable {
  /// The process id.
  public var pid: Int32
  /// The host name (`gethostname`).
  public var host: String

  /// Creates a holder.
  public init(pid: Int32, host: String) {
    self.pid = pid
    self.host = host
  }

  /// This process on this host.
  public static var current: LeaseHolder {
    var buffer = [CChar](repeating: 0, count: 256)
    let host = gethostname(&buffer, buffer.count) == 0 ? String(cString: buffer) : "localhost"
    return LeaseHolder(pid: getpid(), host: host.isEmpty ? "localhost" : host)
  }

  /// Whether the process exists (checked only for a holder on this host: a pid on another host
  /// says nothing here). A process that exists but belongs to another user counts as alive.
  var isAliveHere: Bool {
    kill(pid_t(pid), 0) == 0 || errno == EPERM
  }
}

/// One live process's claim on an attempt for one participant (a trainee; in a pair attempt each
/// partner holds their own): operational data, not part of the record.
///
/// The lease is deliberately outside the hash chain and the seals: it says which process is
/// working on an attempt *now*, changes on every command (its heartbeat), and is deleted when the
/// process leaves; none of it bears on what was done or how it scored. Sealing it would make every
/// heartbeat a signed write and would turn a crashed process's stale row into "tampering". Editing
/// it by hand can at worst let a second process in (the log's `expectedSeq` check still refuses
/// interleaved writes) or keep one out (`resume --take-over`).
public struct AttemptLease: Sendable, Hashable {
  /// The attempt.
  public var attempt: Int64
  /// The participant (trainee id) this lease is for.
  public var trainee: Int64
  /// The holding process.
  public var holder: LeaseHolder
  /// A random token: the holder's proof that the lease is still its own.
  public var token: String
  /// The holder's last command (wall clock, ISO 8601 UTC).
  public var heartbeat: String

  /// When the heartbeat was, or nil when it does not parse.
  public var heartbeatDate: Date? { SandboxDatabase.parseWallTime(heartbeat) }

  init(row: Row) {
    attempt = row["attempt"]
    trainee = row["trainee"]
    holder = LeaseHolder(pid: Int32(truncatingIfNeeded: row["pid"] as Int64), host: row["host"])
    token = row["token"]
    heartbeat = row["heartbeat"]
  }

  init(attempt: Int64, trainee: Int64, holder: LeaseHolder, token: String, heartbeat: String) {
    self.attempt = attempt
    self.trainee = trainee
    self.holder = holder
    self.token = token
    self.heartbeat = heartbeat
  }
}

/// What `acquireLease` found.
public enum LeaseAcquisition: Sendable, Hashable {
  /// The lease is this process's now; `from` is the live holder it was taken over from (with
  /// `takeOver`), nil when it was free.
  case acquired(AttemptLease, from: AttemptLease?)
  /// Another live process holds it (and `takeOver` was not given).
  case held(by: AttemptLease)
}

/// What `renewLease` found.
public enum LeaseRenewal: Sendable, Hashable {
  /// Still ours; the heartbeat is renewed.
  case renewed(AttemptLease)
  /// No longer ours: taken over by `by`, or released/cleared (nil), e.g. the attempt was abandoned
  /// from another process.
  case lost(by: AttemptLease?)
}

extension SandboxDatabase {
  /// A lease whose holder has not run a command for this long is free, wherever the holder runs
  /// (a process on another host cannot be checked by pid; one on this host normally frees its
  /// lease by exiting).
  public static let leaseLimit: TimeInterval = 30 * 60

  /// Creates the lease table (the "attempt-lease" migration).
  static func createLeaseTable(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE lease (
          attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
          trainee INTEGER NOT NULL REFERENCES trainee(id) ON DELETE CASCADE,
          pid INTEGER NOT NULL,
          host TEXT NOT NULL,
          token TEXT NOT NULL CHECK (length(token) > 0),
          heartbeat TEXT NOT NULL,
          PRIMARY KEY (attempt, trainee)
        ) STRICT;
        """)
  }

  /// Whether `lease` still binds someone other than `holder` at `now`: it is free when it is the
  /// holder's own process, when its process no longer exists on this same host, or when its
  /// heartbeat is older than ``leaseLimit``.
  public static func isHeld(_ lease: AttemptLease, against holder: LeaseHolder, now: Date = Date()) -> Bool {
    if lease.holder == holder { return false }
    if lease.holder.host == holder.host && !lease.holder.isAliveHere { return false }
    guard let beat = lease.heartbeatDate else { return false }
    return now.timeIntervalSince(beat) <= leaseLimit
  }

  /// The lease of `attempt` for `trainee`, or nil (also when the file predates leases).
  public func lease(attempt: Int64, trainee: Int64) throws -> AttemptLease? {
    try read { db in try Self.fetchLease(db, attempt: attempt, trainee: trainee) }
  }

  static func fetchLease(_ db: Database, attempt: Int64, trainee: Int64) throws -> AttemptLease? {
    guard try db.tableExists("lease") else { return nil }
    return try Row.fetchOne(db, sql: "SELECT * FROM lease WHERE attempt = ? AND trainee = ?", arguments: [attempt, trainee])
      .map(AttemptLease.init(row:))
  }

  /// Claims `attempt` for `trainee` in this process (`holder`): free leases (see
  /// ``isHeld(_:against:now:)``) are taken, a held one only with `takeOver`. Used by `start`,
  /// `resume` and a pair partner's `join`.
  public func acquireLease(
    attempt: Int64, trainee: Int64, takeOver: Bool, holder: LeaseHolder = .current, now: Date = Date()
  ) throws -> LeaseAcquisition {
    try write { db in
      let existing = try Self.fetchLease(db, attempt: attempt, trainee: trainee)
      let live = existing.flatMap { Self.isHeld($0, against: holder, now: now) ? $0 : nil }
      if let live, !takeOver { return .held(by: live) }
      let lease = AttemptLease(
        attempt: attempt, trainee: trainee, holder: holder, token: UUID().uuidString, heartbeat: Self.wallTime(now))
      try db.execute(
        sql: "INSERT OR REPLACE INTO lease (attempt, trainee, pid, host, token, heartbeat) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [attempt, trainee, Int64(holder.pid), holder.host, lease.token, lease.heartbeat])
      return .acquired(lease, from: live)
    }
  }

  /// Renews the heartbeat of a lease this process holds, or says it was lost (another process
  /// took it over, or it was cleared).
  public func renewLease(_ lease: AttemptLease, now: Date = Date()) throws -> LeaseRenewal {
    try write { db in try Self.renew(db, lease, now: now) }
  }

  static func renew(_ db: Database, _ lease: AttemptLease, now: Date = Date()) throws -> LeaseRenewal {
    let beat = wallTime(now)
    try db.execute(
      sql: "UPDATE lease SET heartbeat = ? WHERE attempt = ? AND trainee = ? AND token = ?",
      arguments: [beat, lease.attempt, lease.trainee, lease.token])
    if db.changesCount == 1 {
      var renewed = lease
      renewed.heartbeat = beat
      return .renewed(renewed)
    }
    return .lost(by: try fetchLease(db, attempt: lease.attempt, trainee: lease.trainee))
  }

  /// Whether this process still holds `lease`, without writing (a read-only check).
  public func holdsLease(_ lease: AttemptLease) throws -> LeaseRenewal {
    let current = try self.lease(attempt: lease.attempt, trainee: lease.trainee)
    return current?.token == lease.token ? .renewed(current ?? lease) : .lost(by: current)
  }

  /// Releases a lease this process holds (nothing happens when it is no longer ours).
  public func releaseLease(_ lease: AttemptLease) throws {
    try write { db in
      guard try db.tableExists("lease") else { return }
      try db.execute(
        sql: "DELETE FROM lease WHERE attempt = ? AND trainee = ? AND token = ?",
        arguments: [lease.attempt, lease.trainee, lease.token])
    }
  }

  /// Clears whatever lease `trainee` holds on `attempt` (a trainer handed their post of a pair
  /// attempt to someone else): their process, if it still runs, finds the lease gone at its next
  /// command and records nothing more.
  public func clearLease(attempt: Int64, trainee: Int64) throws {
    try write { db in
      guard try db.tableExists("lease") else { return }
      try db.execute(sql: "DELETE FROM lease WHERE attempt = ? AND trainee = ?", arguments: [attempt, trainee])
    }
  }

  /// Inside a command's transaction: renews `lease` or throws ``StoreError/leaseLost(attempt:by:)``,
  /// so that a process whose attempt was taken over cannot write into it.
  static func checkLease(_ db: Database, _ lease: AttemptLease) throws {
    if case .lost(let by) = try renew(db, lease) {
      throw StoreError.leaseLost(attempt: lease.attempt, by: by)
    }
  }

  static func wallTime(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }

  /// Parses a wall-clock time written by ``WallClock`` (with or without fractional seconds).
  static func parseWallTime(_ text: String) -> Date? {
    (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)))
      ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(timeZone: .gmt)))
  }
}
