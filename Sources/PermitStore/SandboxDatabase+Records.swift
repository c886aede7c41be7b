internal import GRDB
import PermitCore

// MARK: - Trainees

extension SandboxDatabase {
  /// The trainee with this exact name, or nil.
  public func trainee(named name: String) throws -> TraineeRecord? {
    try read { db in
      try Table.Trainee.filter(Table.Trainee.Columns.name == name).fetchOne(db)?.value
    }
  }

  /// Creates the trainee, or updates the cohort of an existing one. A nil `cohort` leaves an existing
  /// trainee's cohort unchanged (so `login NAME` does not forget it).
  public func upsertTrainee(name: String, cohort: String?) throws -> TraineeRecord {
    guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw StoreError.invalidArgument("a trainee name cannot be empty; log in with `login NAME`.")
    }
    try Self.refuseNUL([name, cohort])
    return try write { db in
      if var trainee = try Table.Trainee.filter(Table.Trainee.Columns.name == name).fetchOne(db) {
        if let cohort, cohort != trainee.cohort {
          trainee.cohort = cohort
          try trainee.update(db, columns: [Table.Trainee.Columns.cohort])
          try Self.sealTrainee(db, id: trainee.id!, key: key)
        }
        return trainee.value
      }
      var trainee = Table.Trainee(id: nil, name: name, cohort: cohort, createdAt: WallClock.now())
      try trainee.insert(db)
      try Self.sealTrainee(db, id: trainee.id!, key: key)
      return trainee.value
    }
  }

  /// The trainees of a cohort (all trainees when `cohort` is nil), by name.
  public func trainees(cohort: String?) throws -> [TraineeRecord] {
    try read { db in
      typealias Columns = Table.Trainee.Columns
      var query = Table.Trainee.order(Columns.name)
      if let cohort { query = query.filter(Columns.cohort == cohort) }
      return try query.fetchAll(db).map(\.value)
    }
  }
}

// MARK: - Attempts

extension SandboxDatabase {
  /// Starts an attempt (status `open`) and links it into the hash chain of attempts.
  public func startAttempt(_ new: NewAttempt) throws -> AttemptRecord {
    guard !new.scenarioID.isEmpty, !new.policy.isEmpty else {
      throw StoreError.invalidArgument("an attempt needs a scenario id and a policy pack id.")
    }
    return try write { db in
      guard
        let traineeName = try String.fetchOne(
          db, sql: "SELECT name FROM trainee WHERE id = ?", arguments: [new.trainee])
      else { throw StoreError.unknownTrainee("#\(new.trainee)") }
      let partnerName = try new.partner.map { id in
        guard id != new.trainee else { throw StoreError.invalidArgument("a pair attempt needs two different trainees.") }
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM trainee WHERE id = ?", arguments: [id])
        else { throw StoreError.unknownTrainee("#\(id)") }
        return name
      }
      try Self.checkSigning(db, key: key, path: path)
      let prev = try Self.lastAttemptHash(db, key: key)
      let lastID = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'attempt'") ?? 0
      let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM attempt") ?? 0
      let id = max(lastID, maxID) + 1
      let startedAt = WallClock.now()
      let hash = Chain.attemptHash(
        prev: prev, id: id, trainee: new.trainee, traineeName: traineeName, scenarioID: new.scenarioID,
        contentHash: new.contentHash, seed: new.seed, policy: new.policy, mode: new.mode.rawValue, post: new.post.rawValue,
        moduleID: new.moduleID, startedAt: startedAt, key: key, partner: new.partner, partnerName: partnerName)
      let row = Table.Attempt(
        id: id, trainee: new.trainee, scenarioID: new.scenarioID, contentHash: new.contentHash,
        seed: Int64(bitPattern: new.seed), policy: new.policy, mode: new.mode, post: new.post, moduleID: new.moduleID,
        status: .open, startedAt: startedAt, lastSeq: 0, prevHash: prev, hash: hash, startedBy: build, partner: new.partner)
      try row.insert(db)
      try db.execute(
        sql: "UPDATE attempt SET headSeal = ? WHERE id = ?",
        arguments: [Chain.headSeal(attemptHash: hash, lastSeq: 0, headHash: hash), id])
      try Schema.renewAttemptsSeal(db)
      if let key {
        try Self.seal(db, attempt: id, key: key)
        try db.execute(
          sql: "UPDATE sandbox SET seal = ?", arguments: [Chain.sandboxSeal(lastAttempt: id, lastHash: hash, key: key)])
      }
      return row.value
    }
  }

  /// Refuses text holding a NUL character: SQLite would store it cut at the NUL while the hash
  /// covers all of it, and `verify` would then report the row as edited.
  static func refuseNUL(_ texts: [String?]) throws {
    for case let t? in texts where t.utf8.contains(0) {
      throw StoreError.invalidArgument("text with a NUL character cannot be stored: \(t.debugDescription.prefix(60))")
    }
  }

  /// Inserts `action` at the head of its attempt's log, chained to the previous action (hashed, or
  /// HMAC-signed in a room), and renews the attempt's head seal: the one way an action is written,
  /// shared by ``appendAction(_:replacing:)`` and ``commit(_:)``. With `expectedSeq`, refuses when
  /// another process appended since (``StoreError/logAdvanced(attempt:head:)``).
  static func insertAction(
    _ db: Database, _ action: NewAction, key: RecordKey?, path: String, expectedSeq: Int64?
  ) throws -> ActionRecord {
    guard let attemptHash = try String.fetchOne(db, sql: "SELECT hash FROM attempt WHERE id = ?", arguments: [action.attempt])
    else { throw StoreError.unknownAttempt(action.attempt) }
    try checkSigning(db, key: key, path: path)
    let head = try head(db, attempt: action.attempt, attemptHash: attemptHash)
    if let expectedSeq, expectedSeq != head.seq {
      throw StoreError.logAdvanced(attempt: action.attempt, head: head.seq)
    }
    let seq = head.seq + 1
    let wallTime = WallClock.now()
    let hash = Chain.actionHash(
      prev: head.hash, attempt: action.attempt, seq: seq, actor: action.actor, verb: action.verb,
      arguments: action.arguments, simTime: action.simTime, wallTime: wallTime, result: action.result, ok: action.ok,
      key: key)
    let record = ActionRecord(
      attempt: action.attempt, seq: seq, actor: action.actor, verb: action.verb, arguments: action.arguments,
      simTime: action.simTime, wallTime: wallTime, result: action.result, ok: action.ok, prevHash: head.hash,
      hash: hash)
    try Table.Action(record).insert(db)
    try db.execute(
      sql: "UPDATE attempt SET lastSeq = ?, headSeal = ? WHERE id = ?",
      arguments: [seq, Chain.headSeal(attemptHash: attemptHash, lastSeq: seq, headHash: hash), action.attempt])
    return record
  }

  /// The hash the next attempt chains from: the last attempt's, or the genesis hash.
  static func lastAttemptHash(_ db: Database, key: RecordKey?) throws -> String {
    if let hash = try String.fetchOne(db, sql: "SELECT hash FROM attempt ORDER BY id DESC LIMIT 1") { return hash }
    let row = try Row.fetchOne(db, sql: "SELECT marker, created_at FROM sandbox LIMIT 1")
    return Chain.genesis(marker: row?["marker"] ?? Schema.marker, createdAt: row?["created_at"], key: key)
  }

  /// Signs an attempt's status, result and log head as they stand (signed sandboxes only).
  static func seal(_ db: Database, attempt: Int64, key: RecordKey) throws {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT hash, status, lastSeq, resultHash FROM attempt WHERE id = ?", arguments: [attempt])
    else { return }
    let hash: String = row["hash"]
    let head = try head(db, attempt: attempt, attemptHash: hash)
    let seal = Chain.attemptSeal(
      attemptHash: hash, status: row["status"], lastSeq: row["lastSeq"], headHash: head.hash,
      resultHash: row["resultHash"], key: key)
    try db.execute(sql: "UPDATE attempt SET seal = ? WHERE id = ?", arguments: [seal, attempt])
  }

  /// The attempt with this id, or nil.
  public func attempt(id: Int64) throws -> AttemptRecord? {
    try read { db in
      try Table.Attempt.fetchOne(db, key: id)?.value
    }
  }

  /// The trainee's latest attempt with status `open` (the one `resume` continues), or nil.
  public func openAttempt(trainee: Int64) throws -> AttemptRecord? {
    try read { db in
      typealias Columns = Table.Attempt.Columns
      return try Table.Attempt.filter(Columns.trainee == trainee && Columns.status == AttemptStatus.open.rawValue)
        .order(Columns.id.desc).fetchOne(db)?.value
    }
  }

  /// The SQL conditions and arguments of an attempt query's filters (nil = any): `person` is the
  /// column naming the person (`attempt.trainee`, or `attempt.partner` for a pair's post B), joined
  /// to `trainee` for the cohort.
  static func attemptFilter(person: String, _ trainee: Int64?, _ scenario: String?, _ cohort: String?) -> ([String], StatementArguments) {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let trainee {
      conditions.append("\(person) = ?")
      _ = arguments.append(contentsOf: [trainee])
    }
    if let scenario {
      conditions.append("attempt.scenarioID = ?")
      _ = arguments.append(contentsOf: [scenario])
    }
    if let cohort {
      conditions.append("trainee.cohort = ?")
      _ = arguments.append(contentsOf: [cohort])
    }
    return (conditions, arguments)
  }

  /// Attempts matching every given filter (nil = any), oldest first. `cohort` is the trainee's cohort.
  public func attempts(trainee: Int64?, scenario: String?, cohort: String?) throws -> [AttemptRecord] {
    let (conditions, arguments) = SandboxDatabase.attemptFilter(person: "attempt.trainee", trainee, scenario, cohort)
    let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let sql =
      "SELECT attempt.* FROM attempt JOIN trainee ON trainee.id = attempt.trainee \(whereClause) ORDER BY attempt.id"
    return try read { db in try Table.Attempt.fetchAll(db, sql: sql, arguments: arguments).map(\.value) }
  }

  /// Finishes an open attempt: status `finished`, the scores, `passed`, `finishedAt` (wall clock), and a
  /// result hash that pins the scores to the log as it stands. Scores must be 0–100.
  public func finishAttempt(id: Int64, result: AttemptResult) throws {
    for (name, value) in [
      ("overall", result.overall), ("decisions", result.decisions), ("double-review", result.doubleReview),
      ("time-limits", result.timeLimits),
    ] where !(0...100).contains(value) {
      throw StoreError.invalidArgument("the \(name) score must be between 0 and 100, not \(value).")
    }
    try close(
      id: id, status: .finished, overall: result.overall, decisions: result.decisions,
      doubleReview: result.doubleReview, timeLimits: result.timeLimits, passed: result.passed,
      resultJSON: result.json)
  }

  /// Abandons an open attempt (status `abandoned`, `finishedAt` set, no scores).
  public func abandonAttempt(id: Int64) throws {
    try close(
      id: id, status: .abandoned, overall: nil, decisions: nil, doubleReview: nil, timeLimits: nil, passed: nil,
      resultJSON: nil)
  }

  private func close(
    id: Int64, status: AttemptStatus, overall: Int?, decisions: Int?, doubleReview: Int?, timeLimits: Int?,
    passed: Bool?, resultJSON: String?
  ) throws {
    try write { db in
      try Self.close(
        db, id: id, status: status, overall: overall, decisions: decisions, doubleReview: doubleReview,
        timeLimits: timeLimits, passed: passed, resultJSON: resultJSON, build: build, key: key, path: path)
    }
  }

  /// Closes an open attempt inside the caller's transaction (see `close`); `build` is recorded as
  /// the build that scored it.
  static func close(
    _ db: Database, id: Int64, status: AttemptStatus, overall: Int?, decisions: Int?, doubleReview: Int?, timeLimits: Int?,
    passed: Bool?, resultJSON: String?, build: String?, key: RecordKey?, path: String
  ) throws {
      guard let row = try Row.fetchOne(db, sql: "SELECT status, hash FROM attempt WHERE id = ?", arguments: [id])
      else { throw StoreError.unknownAttempt(id) }
      let current: String = row["status"]
      guard current == AttemptStatus.open.rawValue else { throw StoreError.attemptNotOpen(id: id, status: current) }
      try Self.checkSigning(db, key: key, path: path)
      let attemptHash: String = row["hash"]
      let head = try Self.head(db, attempt: id, attemptHash: attemptHash)
      let finishedAt = WallClock.now()
      let resultHash = Chain.resultHash(
        attemptHash: attemptHash, status: status.rawValue, finishedAt: finishedAt, overall: overall, decisions: decisions,
        doubleReview: doubleReview, timeLimits: timeLimits, passed: passed, resultJSON: resultJSON,
        resultSeq: head.seq, headHash: head.hash, key: key)
      // Before the status changes: the build column is final once the attempt is closed.
      try db.execute(sql: "UPDATE attempt SET scoredBy = ? WHERE id = ?", arguments: [build, id])
      try db.execute(
        sql: """
          UPDATE attempt SET status = ?, finishedAt = ?, overall = ?, decisions = ?, doubleReview = ?,
            timeLimits = ?, passed = ?, resultJSON = ?, resultSeq = ?, resultHash = ?
          WHERE id = ?
          """,
        arguments: [
          status.rawValue, finishedAt, overall, decisions, doubleReview, timeLimits, passed, resultJSON, head.seq, resultHash,
          id,
        ])
      if let key { try Self.seal(db, attempt: id, key: key) }
  }

  /// The last action of an attempt's log (seq 0 and the attempt's hash when the log is empty).
  static func head(_ db: Database, attempt: Int64, attemptHash: String) throws -> (seq: Int64, hash: String) {
    if let row = try Row.fetchOne(
      db, sql: "SELECT seq, hash FROM action WHERE attempt = ? ORDER BY seq DESC LIMIT 1", arguments: [attempt])
    {
      return (row["seq"], row["hash"])
    }
    return (0, attemptHash)
  }
}

// MARK: - Action log

extension SandboxDatabase {
  /// Appends an action to its attempt's log with the next seq (1, 2, 3, …), chained to the previous
  /// action's hash. One transaction, committed when this returns. Appending to a finished attempt is
  /// allowed (e.g. a `debrief` after the score); its result hash still pins the log it was scored on.
  public func appendAction(_ action: NewAction) throws -> ActionRecord {
    try appendAction(action, replacingCases: nil)
  }

  /// Appends an action and replaces the attempt's case rows in the same transaction (one commit per
  /// REPL command instead of two); `cases` nil leaves the case rows as they are. Same rules as
  /// `appendAction(_:)` and `saveCases(attempt:_:)`.
  public func appendAction(_ action: NewAction, replacingCases cases: [CaseRow]?) throws -> ActionRecord {
    try appendAction(action, replacing: cases.map { Projection(cases: $0, reviews: nil, notices: nil) })
  }

  /// Appends an action and replaces the attempt's projections (cases, and reviews and notices when
  /// given) in the same transaction: one commit per REPL command.
  public func appendAction(_ action: NewAction, replacing projection: Projection?) throws -> ActionRecord {
    let cases = projection?.cases
    guard !action.actor.isEmpty, !action.verb.isEmpty else {
      throw StoreError.invalidArgument("an action needs an actor and a verb.")
    }
    try Self.refuseNUL([action.actor, action.verb, action.arguments, action.simTime, action.result])
    if let cases { try Self.checkCases(cases, attempt: action.attempt) }
    return try write { db in
      let record = try Self.insertAction(db, action, key: key, path: path, expectedSeq: nil)
      if let key { try Self.seal(db, attempt: action.attempt, key: key) }
      if let cases { try Self.replaceCases(db, attempt: action.attempt, cases) }
      if let reviews = projection?.reviews { try Self.replaceReviews(db, attempt: action.attempt, reviews) }
      if let notices = projection?.notices { try Self.replaceNotices(db, attempt: action.attempt, notices) }
      return record
    }
  }

  /// The attempt's actions after `seq`, by seq: what others appended since a process last read.
  public func actions(attempt: Int64, after seq: Int64) throws -> [ActionRecord] {
    try read { db in
      typealias Columns = Table.Action.Columns
      return try Table.Action.filter(Columns.attempt == attempt && Columns.seq > seq).order(Columns.seq).fetchAll(db)
        .map(\.value)
    }
  }

  /// The commands of the attempt's log by seq, through `seq` when given: what a replay reads
  /// (`resume`, `replay`, `verify --rescore`), without the columns it does not use (the reply's
  /// text, the hashes, the times), through one cached statement.
  public func commandLog(attempt: Int64, through seq: Int64? = nil) throws -> [LoggedAction] {
    try read { db in
      let statement = try db.cachedStatement(
        sql: "SELECT seq, actor, verb, arguments FROM action WHERE attempt = ? AND seq <= ? ORDER BY seq")
      var out: [LoggedAction] = []
      let rows = try Row.fetchCursor(statement, arguments: [attempt, seq ?? Int64.max])
      while let row = try rows.next() {
        out.append(LoggedAction(seq: row[0], actor: row[1], verb: row[2], arguments: row[3]))
      }
      return out
    }
  }

  /// The attempt's actions by seq (empty for an attempt without actions or an unknown id).
  public func actions(attempt: Int64) throws -> [ActionRecord] {
    try read { db in
      typealias Columns = Table.Action.Columns
      return try Table.Action.filter(Columns.attempt == attempt).order(Columns.seq).fetchAll(db).map(\.value)
    }
  }
}
