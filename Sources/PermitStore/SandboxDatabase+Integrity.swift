import Foundation
internal import GRDB
internal import GRDBSQLite
import PermitLocalization

// MARK: - Integrity

extension SandboxDatabase {
  /// Recomputes the hash chain over every attempt and action and reports what no longer matches:
  /// edited, deleted or reordered attempts and actions, attempts whose stored score or status no
  /// longer matches its hashed result, missing guard triggers and a missing sandbox marker. An empty
  /// list means the records are intact. Reads one consistent snapshot; changes nothing.
  ///
  /// On a signed sandbox this checks consistency only (see ``verify(key:)``).
  public func verify() throws -> [IntegrityProblem] {
    try verify(key: nil).problems
  }

  /// Verifies the records, authenticating them with the room key when one is given.
  ///
  /// - Unsigned sandbox, no key: the SHA-256 chain is recomputed (``IntegrityReport/Authentication/unsigned``).
  /// - Signed sandbox, its key: every hash, result and seal is recomputed with HMAC-SHA256, so an
  ///   edited, deleted, reordered or forged-and-rehashed record shows (`.authenticated`).
  /// - Signed sandbox, no key: only the links of the chain are checked (`.unauthenticated`).
  /// - A key that is not the one the records are signed with is itself a problem.
  ///
  /// The sandbox row, the triggers, the trainees and the chain of attempts are read in one snapshot;
  /// then each attempt's log, result and seals are checked on `jobs` threads, each attempt's row and
  /// log read together (so an attempt a live session writes to meanwhile is checked as it stands).
  /// The findings come in the same order whatever `jobs` is.
  ///
  /// `inspect`, when given, is called once per worker thread with the database connection that
  /// thread reads through, and returns that thread's check of each attempt: it is handed the
  /// attempt's row and its whole command log as read with the rows its chain was checked on (so a
  /// caller re-scoring the attempts reads the log once), after the read, in the worker's thread. An attempt whose row no longer decodes (an edited mode, post or
  /// status: reported) is not handed over. An error thrown by a check ends `verify` with it.
  public func verify(
    key: RecordKey?, jobs: Int = 1, inspect: (@Sendable (_ reader: SandboxDatabase) -> (AttemptLog) throws -> Void)? = nil
  ) throws -> IntegrityReport {
    let chain = try read { db in try Self.verifyChain(db, key: key) }
    let readers = try concurrentReaders(max(1, min(jobs, chain.attempts.count)))
    final class Found: @unchecked Sendable {  // each slot is written by one worker; `failure` holds `lock`
      var byAttempt: [[IntegrityProblem]]
      let lock = NSLock()
      var failure: Error?
      init(_ n: Int) { byAttempt = Array(repeating: [], count: n) }
    }
    let found = Found(chain.attempts.count)
    let n = readers.count
    DispatchQueue.concurrentPerform(iterations: n) { worker in
      do {
        let visit = inspect?(readers[worker])
        var slots: [(Int, [IntegrityProblem])] = []
        for i in stride(from: worker, to: chain.attempts.count, by: n) {
          let id = chain.attempts[i]
          let (problems, log) = try readers[worker].read { db in
            try Self.verifyAttemptLog(
              db, id: id, key: key, authentication: chain.authentication, columns: chain.columns, keepLog: visit != nil)
          }
          slots.append((i, problems))
          if let visit, let log { try visit(log) }
        }
        found.lock.withLock { for (i, p) in slots { found.byAttempt[i] = p } }
      } catch {
        found.lock.withLock { found.failure = error }
      }
    }
    if let failure = found.failure { throw failure }
    var problems = chain.before
    for (i, attemptProblems) in chain.byAttempt.enumerated() {
      problems += attemptProblems + found.byAttempt[i]
    }
    return IntegrityReport(problems: problems + chain.after, authentication: chain.authentication, keyID: chain.keyID)
  }

  /// What the snapshot phase of ``verify(key:jobs:)`` found.
  struct ChainCheck {
    /// The sandbox, trigger, key and trainee findings.
    var before: [IntegrityProblem] = []
    /// The attempts' ids in order, and each one's chain findings (missing ids, links, edits).
    var attempts: [Int64] = []
    var byAttempt: [[IntegrityProblem]] = []
    /// The sandbox's seals, attempts deleted at the end, orphaned actions.
    var after: [IntegrityProblem] = []
    var authentication: IntegrityReport.Authentication = .unsigned
    var keyID: String?
    /// The positions of the attempt rows' columns in this file.
    var columns = Table.AttemptColumns([])
  }

  /// Every attempt row with its trainee's name.
  static let attemptsWithNames =
    "SELECT attempt.*, trainee.name AS traineeName FROM attempt LEFT JOIN trainee ON trainee.id = attempt.trainee"

  /// The snapshot phase: the sandbox marker and seals, the triggers, the trainees and the chain of
  /// attempts (each attempt's hash over its immutable fields and its link to the one before).
  static func verifyChain(_ db: Database, key: RecordKey?) throws -> ChainCheck {
    var check = ChainCheck()
    func report(_ attempt: Int64?, _ seq: Int64?, _ message: String) {
      let problem = IntegrityProblem(attempt: attempt, seq: seq, message: message)
      if check.attempts.isEmpty { check.before.append(problem) } else { check.byAttempt[check.byAttempt.count - 1].append(problem) }
    }

    if try Schema.isSandbox(db) != true {
      report(nil, nil, L10n.t("verify.marker"))
    }
    try verifyTriggers(db, report)

    // A file from before the room-signing migration, opened read-only (not migrated), has no key columns.
    let signable = try db.columns(in: "sandbox").contains { $0.name == "keyID" }
    let sandbox = try Row.fetchOne(db, sql: "SELECT * FROM sandbox LIMIT 1")
    let keyID: String? = signable ? sandbox?["keyID"] : nil
    check.keyID = keyID
    // Whether hashes are recomputed (with the key, or plain SHA-256 when unsigned) or only their links checked.
    switch (keyID, key) {
    case (nil, nil): check.authentication = .unsigned
    case (_?, nil): check.authentication = .unauthenticated
    case (let keyID, let key?):
      check.authentication = .authenticated
      if keyID != key.id {
        report(
          nil, nil,
          keyID.map { L10n.t("verify.other-key", $0, key.id) } ?? L10n.t("verify.unsigned"))
      }
    }
    let recompute = check.authentication != .unauthenticated
    try verifyTrainees(db, key: key, recompute: recompute, report)
    var expectedPrev = Chain.genesis(
      marker: sandbox?["marker"] ?? Schema.marker, createdAt: sandbox?["created_at"], key: key)
    if !recompute, let first = try String.fetchOne(db, sql: "SELECT prevHash FROM attempt ORDER BY id LIMIT 1") {
      expectedPrev = first  // the genesis hash is keyed: without the key, take the first link as given
    }
    var previousID: Int64 = 0
    let statement = try db.makeStatement(sql: Self.attemptsWithNames + " ORDER BY attempt.id")
    let columns = Table.AttemptColumns(statement.columnNames)
    check.columns = columns
    let attempts = try Row.fetchAll(statement)
    check.attempts.reserveCapacity(attempts.count)
    check.byAttempt.reserveCapacity(attempts.count)
    for row in attempts {
      let id: Int64 = row[columns.id]
      check.attempts.append(id)
      check.byAttempt.append([])
      let prevHash: String = row[columns.prevHash]
      let storedHash: String = row[columns.hash]
      let record = Table.StoredAttempt(row: row, columns: columns)
      let traineeName = record.traineeName

      // The attempt itself and its link to the one before.
      if id != previousID + 1 {
        report(
          id, nil,
          previousID + 1 == id - 1 ? L10n.t("verify.attempt-missing", id - 1) : L10n.t("verify.attempts-missing", previousID + 1, id - 1))
      }
      if prevHash != expectedPrev {
        report(
          id, nil,
          L10n.t("verify.attempt-chain"))
      }
      if traineeName == nil { report(id, nil, L10n.t("verify.trainee-deleted", record.trainee)) }
      let hash = Chain.attemptHash(
        prev: prevHash, id: id, trainee: record.trainee, traineeName: traineeName, scenarioID: record.scenarioID,
        contentHash: record.contentHash, seed: UInt64(bitPattern: record.seed), policy: record.policy, mode: record.mode,
        post: record.post, moduleID: record.moduleID, startedAt: record.startedAt, key: key, partner: record.partner,
        partnerName: try record.partner.flatMap { try String.fetchOne(db, sql: "SELECT name FROM trainee WHERE id = ?", arguments: [$0]) })
      if recompute && hash != storedHash {
        report(
          id, nil,
          L10n.t("verify.attempt-edited")
        )
      }
      expectedPrev = storedHash
      previousID = id
    }
    func reportAfter(_ attempt: Int64?, _ seq: Int64?, _ message: String) {
      check.after.append(IntegrityProblem(attempt: attempt, seq: seq, message: message))
    }
    if let key, check.authentication == .authenticated {
      let seal = Chain.sandboxSeal(lastAttempt: previousID, lastHash: expectedPrev, key: key)
      let storedSeal: String? = sandbox?["seal"]
      if storedSeal != seal {
        reportAfter(
          nil, nil,
          L10n.t("verify.sandbox-seal", previousID))
      }
    }

    if try hasSeals(db) {
      let genesis = Chain.genesis(marker: sandbox?["marker"] ?? Schema.marker, createdAt: sandbox?["created_at"], key: nil)
      let seal: String? = sandbox?["attemptsSeal"]
      if seal != Chain.attemptsSeal(genesis: genesis, lastID: previousID, lastHash: previousID == 0 ? genesis : expectedPrev) {
        reportAfter(
          nil, nil,
          L10n.t("verify.newest"))
      }
    }

    // The last attempts deleted, or actions left behind by a deleted attempt.
    if let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'attempt'"),
      sequence > previousID
    {
      reportAfter(
        sequence, nil,
        sequence == previousID + 1 ? L10n.t("verify.attempt-missing", sequence) : L10n.t("verify.attempts-missing", previousID + 1, sequence))
    }
    let orphans = try Int64.fetchAll(
      db, sql: "SELECT DISTINCT attempt FROM action WHERE attempt NOT IN (SELECT id FROM attempt) ORDER BY attempt")
    for orphan in orphans { reportAfter(orphan, nil, L10n.t("verify.orphans", orphan)) }
    return check
  }

  /// One attempt's log (every action's seq, link and hash), the head of its log, its result and
  /// its seal, read together from `db`.
  static func verifyAttemptLog(
    _ db: Database, id: Int64, key: RecordKey?, authentication: IntegrityReport.Authentication, columns c: Table.AttemptColumns,
    keepLog: Bool = false
  ) throws -> ([IntegrityProblem], AttemptLog?) {
    var problems: [IntegrityProblem] = []
    func report(_ attempt: Int64?, _ seq: Int64?, _ message: String) {
      problems.append(IntegrityProblem(attempt: attempt, seq: seq, message: message))
    }
    guard let row = try Row.fetchOne(db.cachedStatement(sql: attemptsWithNames + " WHERE attempt.id = ?"), arguments: [id])
    else { return ([], nil) }  // deleted since the snapshot: the next verify reports it
    let recompute = authentication != .unauthenticated
    let storedHash: String = row[c.hash]
    let record = Table.StoredAttempt(row: row, columns: c)

    // Its action log. Every row of the table is read here, so the columns are hashed from SQLite's
    // own bytes (no text copied but the command log's), and a hash compared as hex digits.
    let lastSeq: Int64 = row[c.lastSeq]
    let resultSeq: Int64? = c.resultSeq.flatMap { row[$0] }
    var linkHash = Array(storedHash.utf8)
    var expectedSeq: Int64 = 1
    var headHash: String? = lastSeq == 0 ? storedHash : nil
    var resultHead: String? = resultSeq == 0 ? storedHash : nil
    let statement = try db.cachedStatement(
      sql: "SELECT seq, actor, verb, arguments, simTime, wallTime, result, ok, prevHash, hash FROM action WHERE attempt = ? ORDER BY seq")
    let rows = try Row.fetchCursor(statement, arguments: [id])
    let raw = statement.sqliteStatement
    var actualLast: Int64 = 0
    var log: [LoggedAction] = []
    var canonical = ActionCanonical(attempt: id)
    while try rows.next() != nil {
      let seq = sqlite3_column_int64(raw, 0)
      let prevHash = ColumnBytes(raw, 8)
      let hash = ColumnBytes(raw, 9)
      if keepLog {
        log.append(LoggedAction(seq: seq, actor: ColumnBytes(raw, 1).string, verb: ColumnBytes(raw, 2).string, arguments: ColumnBytes(raw, 3).string))
      }
      if seq != expectedSeq {
        report(
          id, seq,
          expectedSeq == seq - 1
            ? L10n.t("verify.action-missing", expectedSeq) : L10n.t("verify.actions-missing", expectedSeq, seq - 1))
      }
      if !prevHash.equals(linkHash) {
        report(id, seq, L10n.t("verify.action-chain"))
      }
      if recompute {
        canonical.reset(prev: prevHash.buffer, seq: seq)
        for column in 1...6 { canonical.field(ColumnBytes(raw, Int32(column))) }
        canonical.field(sqlite3_column_int64(raw, 7) != 0 ? "1" : "0")
        if !hash.equals(Chain.digestHex(bytes: canonical.bytes, key: key)) {
          report(id, seq, L10n.t("verify.action-edited"))
        }
      }
      linkHash = hash.array
      if seq == lastSeq { headHash = hash.string }
      if seq == resultSeq { resultHead = hash.string }
      expectedSeq = seq + 1
      actualLast = seq
    }
    let chainHead = String(decoding: linkHash, as: UTF8.self)
    if let headSeal = c.headSeal, try hasSeals(db) {
      let seal: String? = row[headSeal]
      if seal == nil || headHash.map({ Chain.headSeal(attemptHash: storedHash, lastSeq: lastSeq, headHash: $0) }) != seal {
        report(
          id, nil,
          L10n.t("verify.head", lastSeq))
      }
    }
    if lastSeq > actualLast {
      report(
        id, nil, L10n.t("verify.log-short", actualLast, lastSeq))
    } else if lastSeq < actualLast {
      report(
        id, nil, L10n.t("verify.log-long", actualLast - lastSeq, lastSeq))
    }

    // Its result.
    let resultHash: String? = c.resultHash.flatMap { row[$0] }
    if record.status == "open" {
      if resultHash != nil { report(id, nil, L10n.t("verify.open-with-result")) }
    } else if let resultHash, let resultSeq {
      let head = resultHead ?? ""
      let recomputed = Chain.resultHash(
        attemptHash: storedHash, status: record.status, finishedAt: record.finishedAt, overall: record.overall,
        decisions: record.decisions, doubleReview: record.doubleReview, timeLimits: record.timeLimits,
        passed: record.passed, resultJSON: record.resultJSON, resultSeq: resultSeq, headHash: head, key: key)
      if recompute && recomputed != resultHash {
        let passed = record.passed.map { L10n.t($0 ? "verify.passed" : "verify.not-passed") } ?? record.status
        let stored = record.overall.map { L10n.t("verify.stored.overall", $0, passed) } ?? passed
        report(id, nil, L10n.t("verify.result-edited", stored))
      }
    } else {
      report(id, nil, L10n.t("verify.no-result", L10n.catalog(Language.current)["store.status." + record.status] ?? record.status))
    }
    try verifyParticipants(db, record, resultHash: resultHash, key: key, recompute: recompute, report)

    // Its seal: status, result and log head as the room last signed them.
    if let key, authentication == .authenticated {
      let seal = Chain.attemptSeal(
        attemptHash: storedHash, status: record.status, lastSeq: lastSeq, headHash: chainHead, resultHash: resultHash,
        key: key)
      let storedSeal: String? = c.seal.flatMap { row[$0] }
      if storedSeal != seal {
        report(
          id, nil,
          L10n.t("verify.attempt-seal"))
      }
    }
    guard keepLog, let attempt = record.record(row: row, columns: c) else { return (problems, nil) }
    return (problems, AttemptLog(attempt: attempt, lastSeq: lastSeq, actions: log))
  }
}

extension SandboxDatabase {
  /// Whether the file has the seals of schema v4 (a file opened read-only before its migration has
  /// not: its seals are not checked).
  static func hasSeals(_ db: Database) throws -> Bool {
    try db.columns(in: "attempt").contains { $0.name == "headSeal" } && db.columns(in: "sandbox").contains { $0.name == "attemptsSeal" }
  }

  /// The triggers as the migrations applied to a file create them, by name (from an in-memory
  /// database given the same migrations; all of them when the file has no history).
  static func expectedTriggers(applied: Set<String>) -> [String: String] {
    let migrator = Schema.migrator()
    func build(_ db: Database) throws {
      for (id, body) in migrator.migrations where applied.isEmpty || applied.contains(id) { try body(db) }
    }
    guard let q = try? DatabaseQueue(), (try? q.write(build)) != nil,
      let rows = try? q.read({ try Row.fetchAll($0, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") })
    else { return [:] }
    return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, normalisedSQL($0["sql"])) })
  }

  static func normalisedSQL(_ sql: String?) -> String {
    (sql ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
  }

  /// Every trigger of the schema present with its own definition, and no other trigger: a guard
  /// replaced by a no-op of the same name, or a trigger added by hand, is reported.
  static func verifyTriggers(_ db: Database, _ report: (Int64?, Int64?, String) -> Void) throws {
    let present = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    var found: [String: String] = [:]
    for row in present { found[row["name"]] = normalisedSQL(row["sql"]) }
    let expected = expectedTriggers(applied: try Schema.migrator().appliedIdentifiers(db))
    for name in Schema.guardTriggers where found[name] == nil {
      report(nil, nil, L10n.t("verify.guard-dropped", name))
    }
    for (name, sql) in expected.sorted(by: { $0.key < $1.key }) {
      guard let have = found[name] else {
        if !Schema.guardTriggers.contains(name) { report(nil, nil, L10n.t("verify.trigger-dropped", name)) }
        continue
      }
      if have != sql { report(nil, nil, L10n.t("verify.trigger-replaced", name)) }
    }
    for name in found.keys.sorted() where expected[name] == nil {
      report(nil, nil, L10n.t("verify.trigger-added", name))
    }
  }
}
