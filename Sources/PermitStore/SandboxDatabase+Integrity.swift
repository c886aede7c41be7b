internal import GRDB
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
  public func verify(key: RecordKey?) throws -> IntegrityReport {
    try read { db in try Self.verify(db, key: key) }
  }

  static func verify(_ db: Database, key: RecordKey?) throws -> IntegrityReport {
    var problems: [IntegrityProblem] = []
    func report(_ attempt: Int64?, _ seq: Int64?, _ message: String) {
      problems.append(IntegrityProblem(attempt: attempt, seq: seq, message: message))
    }

    if try Schema.isSandbox(db) != true {
      report(nil, nil, L10n.t("verify.marker"))
    }
    try verifyTriggers(db, report)
    let sealed = try Self.hasSeals(db)

    // A file from before the room-signing migration, opened read-only (not migrated), has no key columns.
    let signable = try db.columns(in: "sandbox").contains { $0.name == "keyID" }
    let sandbox = try Row.fetchOne(db, sql: "SELECT * FROM sandbox LIMIT 1")
    let keyID: String? = signable ? sandbox?["keyID"] : nil
    // Whether hashes are recomputed (with the key, or plain SHA-256 when unsigned) or only their links checked.
    let authentication: IntegrityReport.Authentication
    switch (keyID, key) {
    case (nil, nil): authentication = .unsigned
    case (_?, nil): authentication = .unauthenticated
    case (let keyID, let key?):
      authentication = .authenticated
      if keyID != key.id {
        report(
          nil, nil,
          keyID.map { L10n.t("verify.other-key", $0, key.id) } ?? L10n.t("verify.unsigned"))
      }
    }
    let recompute = authentication != .unauthenticated
    try verifyTrainees(db, key: key, recompute: recompute, report)
    var expectedPrev = Chain.genesis(
      marker: sandbox?["marker"] ?? Schema.marker, createdAt: sandbox?["created_at"], key: key)
    if !recompute, let first = try String.fetchOne(db, sql: "SELECT prevHash FROM attempt ORDER BY id LIMIT 1") {
      expectedPrev = first  // the genesis hash is keyed: without the key, take the first link as given
    }
    var previousID: Int64 = 0
    let attempts = try Row.fetchAll(
      db,
      sql:
        """
        SELECT attempt.*, trainee.name AS traineeName
        FROM attempt LEFT JOIN trainee ON trainee.id = attempt.trainee ORDER BY attempt.id
        """
    )
    for row in attempts {
      let id: Int64 = row["id"]
      let prevHash: String = row["prevHash"]
      let storedHash: String = row["hash"]
      let record = try Table.StoredAttempt(row: row)
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

      // Its action log.
      let actions = try Table.Action.fetchAll(db, sql: "SELECT * FROM action WHERE attempt = ? ORDER BY seq", arguments: [id])
      var linkHash = storedHash
      var expectedSeq: Int64 = 1
      var hashes: [Int64: String] = [0: storedHash]
      for action in actions {
        if action.seq != expectedSeq {
          report(
            id, action.seq,
            expectedSeq == action.seq - 1
              ? L10n.t("verify.action-missing", expectedSeq) : L10n.t("verify.actions-missing", expectedSeq, action.seq - 1))
        }
        if action.prevHash != linkHash {
          report(id, action.seq, L10n.t("verify.action-chain"))
        }
        let recomputed = Chain.actionHash(
          prev: action.prevHash, attempt: action.attempt, seq: action.seq, actor: action.actor, verb: action.verb,
          arguments: action.arguments, simTime: action.simTime, wallTime: action.wallTime, result: action.result,
          ok: action.ok, key: key)
        if recompute && recomputed != action.hash {
          report(id, action.seq, L10n.t("verify.action-edited"))
        }
        hashes[action.seq] = action.hash
        linkHash = action.hash
        expectedSeq = action.seq + 1
      }
      let lastSeq: Int64 = row["lastSeq"]
      let actualLast = actions.last?.seq ?? 0
      if sealed {
        let seal: String? = row["headSeal"]
        let head = lastSeq == 0 ? storedHash : hashes[lastSeq]
        if seal == nil || head.map({ Chain.headSeal(attemptHash: storedHash, lastSeq: lastSeq, headHash: $0) }) != seal {
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
      let resultHash: String? = row["resultHash"]
      let resultSeq: Int64? = row["resultSeq"]
      if record.status == "open" {
        if resultHash != nil { report(id, nil, L10n.t("verify.open-with-result")) }
      } else if let resultHash, let resultSeq {
        let head = hashes[resultSeq] ?? ""
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
          attemptHash: storedHash, status: record.status, lastSeq: lastSeq, headHash: linkHash, resultHash: resultHash,
          key: key)
        let storedSeal: String? = row["seal"]
        if storedSeal != seal {
          report(
            id, nil,
            L10n.t("verify.attempt-seal"))
        }
      }
    }
    if let key, authentication == .authenticated {
      let seal = Chain.sandboxSeal(lastAttempt: previousID, lastHash: expectedPrev, key: key)
      let storedSeal: String? = sandbox?["seal"]
      if storedSeal != seal {
        report(
          nil, nil,
          L10n.t("verify.sandbox-seal", previousID))
      }
    }

    if sealed {
      let genesis = Chain.genesis(marker: sandbox?["marker"] ?? Schema.marker, createdAt: sandbox?["created_at"], key: nil)
      let seal: String? = sandbox?["attemptsSeal"]
      if seal != Chain.attemptsSeal(genesis: genesis, lastID: previousID, lastHash: previousID == 0 ? genesis : expectedPrev) {
        report(
          nil, nil,
          L10n.t("verify.newest"))
      }
    }

    // The last attempts deleted, or actions left behind by a deleted attempt.
    if let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'attempt'"),
      sequence > previousID
    {
      report(
        sequence, nil,
        sequence == previousID + 1 ? L10n.t("verify.attempt-missing", sequence) : L10n.t("verify.attempts-missing", previousID + 1, sequence))
    }
    let orphans = try Int64.fetchAll(
      db, sql: "SELECT DISTINCT attempt FROM action WHERE attempt NOT IN (SELECT id FROM attempt) ORDER BY attempt")
    for orphan in orphans { report(orphan, nil, L10n.t("verify.orphans", orphan)) }
    return IntegrityReport(problems: problems, authentication: authentication, keyID: keyID)
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
