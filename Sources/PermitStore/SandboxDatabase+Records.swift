internal import GRDB

// MARK: - Trainees

extension SandboxDatabase {
  /// The trainee with this exact name, or nil.
  public func trainee(named name: String) throws -> TraineeRecord? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM trainee WHERE name = ?", arguments: [name]).map(TraineeRecord.init(row:))
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
      if let row = try Row.fetchOne(db, sql: "SELECT * FROM trainee WHERE name = ?", arguments: [name]) {
        var trainee = TraineeRecord(row: row)
        if let cohort, cohort != trainee.cohort {
          try db.execute(sql: "UPDATE trainee SET cohort = ? WHERE id = ?", arguments: [cohort, trainee.id])
          try Self.sealTrainee(db, id: trainee.id, key: key)
          trainee.cohort = cohort
        }
        return trainee
      }
      let createdAt = WallClock.now()
      try db.execute(
        sql: "INSERT INTO trainee (name, cohort, createdAt) VALUES (?, ?, ?)", arguments: [name, cohort, createdAt])
      let id = db.lastInsertedRowID
      try Self.sealTrainee(db, id: id, key: key)
      return TraineeRecord(id: id, name: name, cohort: cohort, createdAt: createdAt)
    }
  }

  /// The trainees of a cohort (all trainees when `cohort` is nil), by name.
  public func trainees(cohort: String?) throws -> [TraineeRecord] {
    try read { db in
      let rows =
        if let cohort {
          try Row.fetchAll(db, sql: "SELECT * FROM trainee WHERE cohort = ? ORDER BY name", arguments: [cohort])
        } else {
          try Row.fetchAll(db, sql: "SELECT * FROM trainee ORDER BY name")
        }
      return rows.map(TraineeRecord.init(row:))
    }
  }
}

// MARK: - Attempts

extension SandboxDatabase {
  static let modes: Set<String> = ["practice", "assessment", "autoplay"]
  static let posts: Set<String> = ["A", "B"]

  /// Starts an attempt (status `open`) and links it into the hash chain of attempts.
  public func startAttempt(_ new: NewAttempt) throws -> AttemptRecord {
    guard Self.modes.contains(new.mode) else {
      throw StoreError.invalidArgument("unknown mode \"\(new.mode)\": expected practice, assessment or autoplay.")
    }
    guard Self.posts.contains(new.post) else {
      throw StoreError.invalidArgument("unknown post \"\(new.post)\": expected A or B.")
    }
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
        contentHash: new.contentHash, seed: new.seed, policy: new.policy, mode: new.mode, post: new.post,
        moduleID: new.moduleID, startedAt: startedAt, key: key, partner: new.partner, partnerName: partnerName)
      try db.execute(
        sql: """
          INSERT INTO attempt (id, trainee, scenarioID, contentHash, seed, policy, mode, post, moduleID, status,
            startedAt, lastSeq, prevHash, hash, partner)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, 0, ?, ?, ?)
          """,
        arguments: [
          id, new.trainee, new.scenarioID, new.contentHash, Int64(bitPattern: new.seed), new.policy, new.mode,
          new.post, new.moduleID, startedAt, prev, hash, new.partner,
        ])
      try db.execute(
        sql: "UPDATE attempt SET headSeal = ? WHERE id = ?",
        arguments: [Chain.headSeal(attemptHash: hash, lastSeq: 0, headHash: hash), id])
      try Schema.renewAttemptsSeal(db)
      try db.execute(sql: "UPDATE attempt SET startedBy = ? WHERE id = ?", arguments: [build, id])
      if let key {
        try Self.seal(db, attempt: id, key: key)
        try db.execute(
          sql: "UPDATE sandbox SET seal = ?", arguments: [Chain.sandboxSeal(lastAttempt: id, lastHash: hash, key: key)])
      }
      var record = AttemptRecord(
        id: id, trainee: new.trainee, scenarioID: new.scenarioID, contentHash: new.contentHash, seed: new.seed,
        policy: new.policy, mode: new.mode, post: new.post, moduleID: new.moduleID, status: "open",
        startedAt: startedAt, finishedAt: nil, overall: nil, decisions: nil, doubleReview: nil, timeLimits: nil,
        passed: nil, resultJSON: nil)
      record.startedBy = build
      record.partner = new.partner
      return record
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
    try db.execute(
      sql: """
        INSERT INTO action (attempt, seq, actor, verb, arguments, simTime, wallTime, result, ok, prevHash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        action.attempt, seq, action.actor, action.verb, action.arguments, action.simTime, wallTime, action.result,
        action.ok, head.hash, hash,
      ])
    try db.execute(
      sql: "UPDATE attempt SET lastSeq = ?, headSeal = ? WHERE id = ?",
      arguments: [seq, Chain.headSeal(attemptHash: attemptHash, lastSeq: seq, headHash: hash), action.attempt])
    return ActionRecord(
      attempt: action.attempt, seq: seq, actor: action.actor, verb: action.verb, arguments: action.arguments,
      simTime: action.simTime, wallTime: wallTime, result: action.result, ok: action.ok, prevHash: head.hash,
      hash: hash)
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
      try Row.fetchOne(db, sql: "SELECT * FROM attempt WHERE id = ?", arguments: [id]).map(AttemptRecord.init(row:))
    }
  }

  /// The trainee's latest attempt with status `open` (the one `resume` continues), or nil.
  public func openAttempt(trainee: Int64) throws -> AttemptRecord? {
    try read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM attempt WHERE trainee = ? AND status = 'open' ORDER BY id DESC LIMIT 1",
        arguments: [trainee]
      ).map(AttemptRecord.init(row:))
    }
  }

  /// Attempts matching every given filter (nil = any), oldest first. `cohort` is the trainee's cohort.
  public func attempts(trainee: Int64?, scenario: String?, cohort: String?) throws -> [AttemptRecord] {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let trainee {
      conditions.append("attempt.trainee = ?")
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
    let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let sql =
      "SELECT attempt.* FROM attempt JOIN trainee ON trainee.id = attempt.trainee \(whereClause) ORDER BY attempt.id"
    return try read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(AttemptRecord.init(row:)) }
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
      id: id, status: "finished", overall: result.overall, decisions: result.decisions,
      doubleReview: result.doubleReview, timeLimits: result.timeLimits, passed: result.passed,
      resultJSON: result.json)
  }

  /// Abandons an open attempt (status `abandoned`, `finishedAt` set, no scores).
  public func abandonAttempt(id: Int64) throws {
    try close(
      id: id, status: "abandoned", overall: nil, decisions: nil, doubleReview: nil, timeLimits: nil, passed: nil,
      resultJSON: nil)
  }

  private func close(
    id: Int64, status: String, overall: Int?, decisions: Int?, doubleReview: Int?, timeLimits: Int?, passed: Bool?,
    resultJSON: String?
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
    _ db: Database, id: Int64, status: String, overall: Int?, decisions: Int?, doubleReview: Int?, timeLimits: Int?,
    passed: Bool?, resultJSON: String?, build: String?, key: RecordKey?, path: String
  ) throws {
      guard let row = try Row.fetchOne(db, sql: "SELECT status, hash FROM attempt WHERE id = ?", arguments: [id])
      else { throw StoreError.unknownAttempt(id) }
      let current: String = row["status"]
      guard current == "open" else { throw StoreError.attemptNotOpen(id: id, status: current) }
      try Self.checkSigning(db, key: key, path: path)
      let attemptHash: String = row["hash"]
      let head = try Self.head(db, attempt: id, attemptHash: attemptHash)
      let finishedAt = WallClock.now()
      let resultHash = Chain.resultHash(
        attemptHash: attemptHash, status: status, finishedAt: finishedAt, overall: overall, decisions: decisions,
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
          status, finishedAt, overall, decisions, doubleReview, timeLimits, passed, resultJSON, head.seq, resultHash,
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
      try Row.fetchAll(
        db, sql: "SELECT * FROM action WHERE attempt = ? AND seq > ? ORDER BY seq", arguments: [attempt, seq]
      ).map(ActionRecord.init(row:))
    }
  }

  /// The attempt's actions by seq (empty for an attempt without actions or an unknown id).
  public func actions(attempt: Int64) throws -> [ActionRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM action WHERE attempt = ? ORDER BY seq", arguments: [attempt])
        .map(ActionRecord.init(row:))
    }
  }
}

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
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO caseRow (attempt, ticket, state, outcome, defects, maker, checker, noticeAt, deadline,
          retainUntil)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for c in cases {
      try statement.execute(arguments: [
        c.attempt, c.ticket, c.state, c.outcome, c.defects, c.maker, c.checker, c.noticeAt, c.deadline, c.retainUntil,
      ])
    }
  }

  /// The attempt's case rows, by ticket.
  public func cases(attempt: Int64) throws -> [CaseRow] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM caseRow WHERE attempt = ? ORDER BY ticket", arguments: [attempt])
        .map(CaseRow.init(row:))
    }
  }

  /// Retention: deletes every case row whose `retainUntil` is before `date` and returns them (by attempt,
  /// then ticket). Dates compare as text, so pass the same ISO 8601 form the runtime stores
  /// (`2020-07-03`, or full timestamps with the same offset).
  public func purgeCases(retainedBefore date: String) throws -> [CaseRow] {
    try write { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM caseRow WHERE retainUntil IS NOT NULL AND retainUntil < ? ORDER BY attempt, ticket
          """,
        arguments: [date]
      ).map(CaseRow.init(row:))
      try db.execute(
        sql: "DELETE FROM caseRow WHERE retainUntil IS NOT NULL AND retainUntil < ?", arguments: [date])
      if try db.tableExists("purge") {  // so that `verify` tells these rows from deleted ones
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
      try Row.fetchAll(
        db, sql: "SELECT * FROM snapshot WHERE attempt = ? ORDER BY createdAt, rowid", arguments: [attempt]
      ).map(SnapshotRecord.init(row:))
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
    let statement = try db.makeStatement(
      sql: "INSERT INTO review (attempt, ticket, seq, round, maker, reviewer, verdict, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    var seqs: [String: Int] = [:]
    for r in rows {
      // Numbered within each ticket, so one ticket's rows can be rewritten alone (incremental projection).
      let seq = (seqs[r.ticket] ?? 0) + 1
      seqs[r.ticket] = seq
      try statement.execute(arguments: [attempt, r.ticket, seq, r.round, r.maker, r.reviewer, r.verdict, r.reason, r.at])
    }
  }

  static func replaceNotices(_ db: Database, attempt: Int64, _ rows: [NoticeRow]) throws {
    try db.execute(sql: "DELETE FROM notice WHERE attempt = ?", arguments: [attempt])
    try insertNotices(db, attempt: attempt, rows)
  }

  /// Inserts notice rows (the caller has removed the rows of their tickets).
  static func insertNotices(_ db: Database, attempt: Int64, _ rows: [NoticeRow]) throws {
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO notice (attempt, ticket, round, outcome, defects, referTo, maker, checker, issuedAt, onTime)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for n in rows {
      try statement.execute(arguments: [
        attempt, n.ticket, n.round, n.outcome, n.defects, n.referTo, n.maker, n.checker, n.issuedAt, n.onTime,
      ])
    }
  }

  /// The attempt's reviews (post B's sign-offs and returns), in order.
  public func reviews(attempt: Int64) throws -> [ReviewRow] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM review WHERE attempt = ? ORDER BY at, ticket, seq", arguments: [attempt]).map {
        ReviewRow(ticket: $0["ticket"], round: $0["round"], maker: $0["maker"], reviewer: $0["reviewer"], verdict: $0["verdict"], reason: $0["reason"], at: $0["at"])
      }
    }
  }

  /// The attempt's notices, by ticket and round.
  public func notices(attempt: Int64) throws -> [NoticeRow] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM notice WHERE attempt = ? ORDER BY ticket, round", arguments: [attempt]).map {
        NoticeRow(
          ticket: $0["ticket"], round: $0["round"], outcome: $0["outcome"], defects: $0["defects"], referTo: $0["referTo"],
          maker: $0["maker"], checker: $0["checker"], issuedAt: $0["issuedAt"], onTime: $0["onTime"])
      }
    }
  }
}

// MARK: - Employer rehearsals

extension SandboxDatabase {
  /// Records a rehearsal: a person submitted a packet for an applicant (`applicant` identifies the
  /// person applied for, e.g. the passport number) and the window's outcome.
  public func recordRehearsal(person: String, applicant: String, type: String, outcome: String, defects: [String]) throws {
    guard !person.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw StoreError.invalidArgument("a rehearsal needs the name of the person who prepared it (--person NAME).")
    }
    try write { db in
      try db.execute(
        sql: "INSERT INTO rehearsal (person, applicant, type, outcome, defects, at) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [person, applicant, type, outcome, defects.joined(separator: " "), WallClock.now()])
    }
  }

  /// A person's rehearsal record: submissions, and files right the first time (the first submission
  /// for an applicant and type was accepted).
  public func rehearsalStats(person: String) throws -> RehearsalStats {
    try read { db in
      let rows = try Row.fetchAll(
        db, sql: "SELECT applicant, type, outcome FROM rehearsal WHERE person = ? ORDER BY id", arguments: [person])
      var first: [String: String] = [:]
      for r in rows {
        let key = (r["applicant"] as String) + "|" + (r["type"] as String)
        if first[key] == nil { first[key] = r["outcome"] }
      }
      let right = first.values.filter { $0 == "accept" || $0 == "accept-pending" }.count
      return RehearsalStats(person: person, submissions: rows.count, files: first.count, firstTimeRight: right)
    }
  }
}
