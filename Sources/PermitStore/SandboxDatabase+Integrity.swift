internal import GRDB

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
      report(nil, nil, "the sandbox marker or application id is missing or was changed")
    }
    let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    for name in Schema.guardTriggers where !triggers.contains(name) {
      report(nil, nil, "the guard trigger \(name) was dropped: the records may have been edited by hand")
    }

    // A file from before the room-signing migration, opened read-only (not migrated), has no key columns.
    let signable = try db.columns(in: "sandbox").contains { $0.name == "keyID" }
    let sandbox = try Row.fetchOne(
      db, sql: signable ? "SELECT marker, created_at, keyID, seal FROM sandbox LIMIT 1" : "SELECT marker, created_at FROM sandbox LIMIT 1")
    let keyID: String? = sandbox?["keyID"]
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
          keyID.map { "the records are signed with another key (id \($0)), not this one (id \(key.id))" }
            ?? "the records are not signed with a room key (they were written, or rewritten, without it)")
      }
    }
    let recompute = authentication != .unauthenticated
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
      let traineeName: String? = row["traineeName"]
      let record = AttemptRecord(row: row)

      // The attempt itself and its link to the one before.
      if id != previousID + 1 {
        let missing = previousID + 1 == id - 1 ? "#\(id - 1) is" : "#\(previousID + 1)…#\(id - 1) are"
        report(id, nil, "attempt \(missing) missing: deleted")
      }
      if prevHash != expectedPrev {
        report(
          id, nil,
          "the hash chain of attempts is broken before this attempt: an attempt was deleted, edited or reordered")
      }
      if traineeName == nil { report(id, nil, "its trainee #\(record.trainee) was deleted") }
      let hash = Chain.attemptHash(
        prev: prevHash, id: id, trainee: record.trainee, traineeName: traineeName, scenarioID: record.scenarioID,
        contentHash: record.contentHash, seed: record.seed, policy: record.policy, mode: record.mode,
        post: record.post, moduleID: record.moduleID, startedAt: record.startedAt, key: key)
      if recompute && hash != storedHash {
        report(
          id, nil,
          "the attempt was edited: its trainee, scenario, seed, policy, mode, post, module or start time "
            + "no longer match its hash"
        )
      }
      expectedPrev = storedHash
      previousID = id

      // Its action log.
      let actions = try Row.fetchAll(db, sql: "SELECT * FROM action WHERE attempt = ? ORDER BY seq", arguments: [id])
      var linkHash = storedHash
      var expectedSeq: Int64 = 1
      var hashes: [Int64: String] = [0: storedHash]
      for actionRow in actions {
        let action = ActionRecord(row: actionRow)
        if action.seq != expectedSeq {
          let missing =
            expectedSeq == action.seq - 1 ? "action \(expectedSeq) is" : "actions \(expectedSeq)…\(action.seq - 1) are"
          report(id, action.seq, "\(missing) missing: deleted")
        }
        if action.prevHash != linkHash {
          report(id, action.seq, "the chain is broken before this action: an action was deleted, edited or reordered")
        }
        let recomputed = Chain.actionHash(
          prev: action.prevHash, attempt: action.attempt, seq: action.seq, actor: action.actor, verb: action.verb,
          arguments: action.arguments, simTime: action.simTime, wallTime: action.wallTime, result: action.result,
          ok: action.ok, key: key)
        if recompute && recomputed != action.hash {
          report(id, action.seq, "the action was edited: its fields no longer match its hash")
        }
        hashes[action.seq] = action.hash
        linkHash = action.hash
        expectedSeq = action.seq + 1
      }
      let lastSeq: Int64 = row["lastSeq"]
      let actualLast = actions.last.map { ActionRecord(row: $0).seq } ?? 0
      if lastSeq > actualLast {
        report(
          id, nil, "the log ends at action \(actualLast) but \(lastSeq) were recorded: the last actions were deleted")
      } else if lastSeq < actualLast {
        report(
          id, nil, "the log has \(actualLast - lastSeq) action(s) after the recorded end (\(lastSeq)): added by hand")
      }

      // Its result.
      let resultHash: String? = row["resultHash"]
      let resultSeq: Int64? = row["resultSeq"]
      if record.status == "open" {
        if resultHash != nil { report(id, nil, "the attempt is open but has a hashed result: its status was edited") }
      } else if let resultHash, let resultSeq {
        let head = hashes[resultSeq] ?? ""
        let recomputed = Chain.resultHash(
          attemptHash: storedHash, status: record.status, finishedAt: record.finishedAt, overall: record.overall,
          decisions: record.decisions, doubleReview: record.doubleReview, timeLimits: record.timeLimits,
          passed: record.passed, resultJSON: record.resultJSON, resultSeq: resultSeq, headHash: head, key: key)
        if recompute && recomputed != resultHash {
          let score = record.overall.map { "overall \($0), " } ?? ""
          let passed = record.passed.map { $0 ? "passed" : "not passed" } ?? record.status
          report(
            id, nil,
            "the stored result (\(score)\(passed)) no longer matches its hashed result: "
              + "the score, status or the log it was scored on was edited"
          )
        }
      } else {
        report(id, nil, "the attempt is \(record.status) but has no hashed result: its status was edited")
      }

      // Its seal: status, result and log head as the room last signed them.
      if let key, authentication == .authenticated {
        let seal = Chain.attemptSeal(
          attemptHash: storedHash, status: record.status, lastSeq: lastSeq, headHash: linkHash, resultHash: resultHash,
          key: key)
        let storedSeal: String? = row["seal"]
        if storedSeal != seal {
          report(
            id, nil,
            "the attempt's signed seal does not match: its status, result or the end of its log was changed, "
              + "or it was written without the room key")
        }
      }
    }
    if let key, authentication == .authenticated {
      let seal = Chain.sandboxSeal(lastAttempt: previousID, lastHash: expectedPrev, key: key)
      let storedSeal: String? = sandbox?["seal"]
      if storedSeal != seal {
        report(
          nil, nil,
          "the sandbox's signed seal does not match the last attempt (#\(previousID)): attempts after it were "
            + "deleted, or attempts were written without the room key")
      }
    }

    // The last attempts deleted, or actions left behind by a deleted attempt.
    if let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'attempt'"),
      sequence > previousID
    {
      let missing = sequence == previousID + 1 ? "#\(sequence) is" : "#\(previousID + 1)…#\(sequence) are"
      report(sequence, nil, "attempt \(missing) missing: deleted")
    }
    let orphans = try Int64.fetchAll(
      db, sql: "SELECT DISTINCT attempt FROM action WHERE attempt NOT IN (SELECT id FROM attempt) ORDER BY attempt")
    for orphan in orphans { report(orphan, nil, "actions remain for attempt #\(orphan), which was deleted") }
    return IntegrityReport(problems: problems, authentication: authentication, keyID: keyID)
  }
}
