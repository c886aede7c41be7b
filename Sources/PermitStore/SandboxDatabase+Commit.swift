import Foundation
internal import GRDB

/// What one REPL command writes: its action, what it changed in the projections, and — for the
/// command that finishes the attempt — the result, all in one transaction.
public struct CommandCommit: Sendable {
  /// The action to append.
  public var action: NewAction
  /// The projection rows of the tickets the command changed; `tickets` nil rewrites every row of the
  /// attempt (after a restore).
  public var projection: Projection
  /// The tickets whose rows `projection` replaces (nil: all).
  public var tickets: [String]?
  /// The result, when this command finishes the attempt.
  public var result: AttemptResult?
  /// A snapshot name to record at this action's seq.
  public var snapshot: String?
  /// The seq the writer last saw at the head of the log: when set and someone else (a pair partner,
  /// a trainer's injected event) appended since, nothing is written (`StoreError.logAdvanced`) and
  /// the writer catches up and tries again.
  public var expectedSeq: Int64?
  /// The lease the writer holds on the attempt: when set, the commit renews it in the same
  /// transaction, and writes nothing (`StoreError.leaseLost`) when another process took it over.
  public var lease: AttemptLease?
  /// Each participant's result, when this command finishes a pair attempt (`result` is post A's).
  public var participants: [ParticipantResult]?

  /// Creates a commit.
  public init(action: NewAction, projection: Projection, tickets: [String]?, result: AttemptResult? = nil, snapshot: String? = nil) {
    self.action = action
    self.projection = projection
    self.tickets = tickets
    self.result = result
    self.snapshot = snapshot
  }
}

/// A test seam: makes a planned commit fail inside its transaction with a real SQLite error, after
/// every row was written, so the rollback is SQLite's own. Tests plan faults on a database
/// (`database.faults`); the `permitdesk` binary plans one from `PERMITDESK_FAULT` (see README).
public final class FaultSeam: @unchecked Sendable {
  /// A fault to inject.
  public enum Fault: String, Sendable {
    /// `SQLITE_FULL`: the disk is full.
    case full
    /// `SQLITE_BUSY`: another process held the lock past the busy timeout.
    case busy
  }
  private let lock = NSLock()
  private var plan: [Int: Fault] = [:]
  private var commits = 0

  /// Creates an empty plan.
  public init() {}

  /// A plan written as `FAULT@N[,FAULT@N…]` (`full@3,busy@5`); nil when it does not parse.
  public convenience init?(plan: String) {
    self.init()
    for item in plan.split(separator: ",") {
      let parts = item.split(separator: "@")
      guard parts.count == 2, let f = Fault(rawValue: String(parts[0])), let n = Int(parts[1]), n > 0 else { return nil }
      fail(commit: n, with: f)
    }
  }

  /// Plans `fault` for the `n`th command commit from now (1: the next one).
  public func fail(commit n: Int, with fault: Fault) {
    lock.lock()
    plan[commits + n] = fault
    lock.unlock()
  }

  /// Counts a commit and returns its planned fault.
  func next() -> Fault? {
    lock.lock()
    defer { lock.unlock() }
    commits += 1
    return plan.removeValue(forKey: commits)
  }
}

extension SandboxDatabase {
  /// Writes one command in one IMMEDIATE transaction: the action (next seq, chained), the projection
  /// rows of the tickets it changed (others are not touched), the snapshot name if any, and the
  /// result if the command finished the attempt. Either all of it is committed or none of it.
  public func commit(_ c: CommandCommit) throws -> ActionRecord {
    let action = c.action
    guard !action.actor.isEmpty, !action.verb.isEmpty else {
      throw StoreError.invalidArgument("an action needs an actor and a verb.")
    }
    try Self.refuseNUL([action.actor, action.verb, action.arguments, action.simTime, action.result])
    if let cases = c.projection.cases { try Self.checkCases(cases, attempt: action.attempt) }
    if let r = c.result {
      for (name, value) in [("overall", r.overall), ("decisions", r.decisions), ("double-review", r.doubleReview), ("time-limits", r.timeLimits)]
      where !(0...100).contains(value) {
        throw StoreError.invalidArgument("the \(name) score must be between 0 and 100, not \(value).")
      }
    }
    let fault = faults?.next()
    return try write { db in
      if let lease = c.lease { try Self.checkLease(db, lease) }
      let record = try Self.insertAction(db, action, key: key, path: path, expectedSeq: c.expectedSeq)
      let seq = record.seq
      if let key, c.result == nil { try Self.seal(db, attempt: action.attempt, key: key) }
      if let tickets = c.tickets {
        try Self.replaceRows(db, attempt: action.attempt, tickets: tickets, c.projection)
      } else {
        if let cases = c.projection.cases { try Self.replaceCases(db, attempt: action.attempt, cases) }
        if let reviews = c.projection.reviews { try Self.replaceReviews(db, attempt: action.attempt, reviews) }
        if let notices = c.projection.notices { try Self.replaceNotices(db, attempt: action.attempt, notices) }
      }
      if let name = c.snapshot {
        try db.execute(
          sql: "INSERT OR REPLACE INTO snapshot (attempt, name, seq, createdAt) VALUES (?, ?, ?, ?)",
          arguments: [action.attempt, name, seq, record.wallTime])
      }
      if let r = c.result {
        try Self.close(
          db, id: action.attempt, status: .finished, overall: r.overall, decisions: r.decisions,
          doubleReview: r.doubleReview, timeLimits: r.timeLimits, passed: r.passed, resultJSON: r.json, build: build,
          key: key, path: path)
        if let participants = c.participants { try Self.insertParticipants(db, attempt: action.attempt, participants, key: key) }
      }
      switch fault {
      case .full: throw DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full")
      case .busy: throw DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")
      case nil: break
      }
      return record
    }
  }

  /// Rewrites the projection rows of some tickets only (cases, reviews, notices).
  static func replaceRows(_ db: Database, attempt: Int64, tickets: [String], _ p: Projection) throws {
    guard !tickets.isEmpty else { return }
    let list = "(" + Array(repeating: "?", count: tickets.count).joined(separator: ",") + ")"
    var args: StatementArguments = [attempt]
    _ = args.append(contentsOf: StatementArguments(tickets))
    for table in ["caseRow", "review", "notice"] {
      try db.execute(sql: "DELETE FROM \(table) WHERE attempt = ? AND ticket IN \(list)", arguments: args)
    }
    if let cases = p.cases { try insertCases(db, cases) }
    if let reviews = p.reviews { try insertReviews(db, attempt: attempt, reviews) }
    if let notices = p.notices { try insertNotices(db, attempt: attempt, notices) }
  }
}

extension SandboxDatabase {
  /// Appends several actions to an open attempt in one transaction, chained as `appendAction` would,
  /// and finishes it with `result` when given (for importing or generating recorded attempts, e.g.
  /// `bench-runtime`; the REPL commits one command at a time with `commit(_:)`). `projection`, when
  /// given, replaces the attempt's case, review and notice rows in the same transaction: the rows
  /// its log leads to, as the REPL's commits would have left them.
  public func appendActions(
    _ actions: [NewAction], attempt: Int64, finishing result: AttemptResult?, projection: Projection? = nil
  ) throws {
    try write { db in
      guard let attemptHash = try String.fetchOne(db, sql: "SELECT hash FROM attempt WHERE id = ?", arguments: [attempt])
      else { throw StoreError.unknownAttempt(attempt) }
      try Self.checkSigning(db, key: key, path: path)
      var head = try Self.head(db, attempt: attempt, attemptHash: attemptHash)
      let st = try db.makeStatement(
        sql: """
          INSERT INTO action (attempt, seq, actor, verb, arguments, simTime, wallTime, result, ok, prevHash, hash)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for a in actions {
        guard a.attempt == attempt, !a.actor.isEmpty, !a.verb.isEmpty else {
          throw StoreError.invalidArgument("every action needs attempt #\(attempt), an actor and a verb.")
        }
        let seq = head.seq + 1
        let wallTime = WallClock.now()
        let hash = Chain.actionHash(
          prev: head.hash, attempt: attempt, seq: seq, actor: a.actor, verb: a.verb, arguments: a.arguments,
          simTime: a.simTime, wallTime: wallTime, result: a.result, ok: a.ok, key: key)
        try st.execute(arguments: [attempt, seq, a.actor, a.verb, a.arguments, a.simTime, wallTime, a.result, a.ok, head.hash, hash])
        head = (seq, hash)
      }
      try db.execute(
        sql: "UPDATE attempt SET lastSeq = ?, headSeal = ? WHERE id = ?",
        arguments: [head.seq, Chain.headSeal(attemptHash: attemptHash, lastSeq: head.seq, headHash: head.hash), attempt])
      if let p = projection {
        if let cases = p.cases {
          try Self.checkCases(cases, attempt: attempt)
          try Self.replaceCases(db, attempt: attempt, cases)
        }
        if let reviews = p.reviews { try Self.replaceReviews(db, attempt: attempt, reviews) }
        if let notices = p.notices { try Self.replaceNotices(db, attempt: attempt, notices) }
      }
      if let key { try Self.seal(db, attempt: attempt, key: key) }
      if let r = result {
        try Self.close(
          db, id: attempt, status: .finished, overall: r.overall, decisions: r.decisions, doubleReview: r.doubleReview,
          timeLimits: r.timeLimits, passed: r.passed, resultJSON: r.json, build: build, key: key, path: path)
      }
    }
  }
}
