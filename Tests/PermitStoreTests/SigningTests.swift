import Foundation
import PermitCore
import Testing

@testable import PermitStore

/// A room's records signed with HMAC-SHA256: what `verify` sees with and without the key.
@Suite struct SigningTests {
  static let key = RecordKey(hex: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")!

  @Test func digestsAreSHA256AndHMACSHA256() {
    // FIPS 180-4 "abc" and the empty message.
    #expect(Chain.digest("abc", key: nil) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(Chain.digest("", key: nil) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    // HMAC-SHA256 of RFC 4231's message under a 32-byte key (as Python's hmac computes it).
    #expect(
      Chain.digest("what do ya want for nothing?", key: Self.key)
        == "099805f4ac310786968565c098db515cc50862b420ae31e20238312344bed36a")
  }

  @Test func keysReadBackFromTheirHexAndHaveAStableID() throws {
    let key = RecordKey.generate()
    #expect(RecordKey(hex: key.hex) == key)
    #expect(RecordKey(hex: key.hex.uppercased()) == key)
    #expect(key.id.count == 16 && key.id != RecordKey.generate().id)
    #expect(RecordKey(hex: "00") == nil)
    #expect(RecordKey(hex: String(repeating: "g", count: 64)) == nil)
  }

  /// A signed database: a trainee, a finished attempt with 4 actions and an open one with 2.
  func signedDatabase() throws -> (SandboxDatabase, finished: AttemptRecord, open: AttemptRecord) {
    let db = try SandboxDatabase.inMemory(key: Self.key)
    let trainee = try db.upsertTrainee(name: "olivia", cohort: nil)
    let finished = try db.startAttempt(.sample(trainee: trainee.id))
    for i in 1...4 { _ = try db.appendAction(.sample(attempt: finished.id, "open", "T-\(i)")) }
    try db.finishAttempt(
      id: finished.id, result: AttemptResult(overall: 55, decisions: 50, doubleReview: 60, timeLimits: 55, passed: false, json: "{}"))
    let open = try db.startAttempt(.sample(trainee: trainee.id))
    for i in 1...2 { _ = try db.appendAction(.sample(attempt: open.id, "open", "T-\(i)")) }
    return (db, finished, open)
  }

  @Test func intactSignedRecordsAuthenticateWithTheKeyAndAreConsistentWithout() throws {
    let (db, _, _) = try signedDatabase()
    let with = try db.verify(key: Self.key)
    #expect(with.problems == [] && with.authentication == .authenticated && with.keyID == Self.key.id)
    let without = try db.verify(key: nil)
    #expect(without.problems == [] && without.authentication == .unauthenticated)
    #expect(try db.signingKeyID() == Self.key.id)
  }

  @Test func aScoreEditedAndRehashedWithoutTheKeyIsCaughtOnlyWithTheKey() throws {
    let (db, finished, _) = try signedDatabase()
    try db.executeRaw("DROP TRIGGER attempt_result_final")
    // The forger's best: new score, result hash recomputed in plain SHA-256, a seal under a guessed key.
    let row = try #require(try db.attempt(id: finished.id))
    let stored = try db.rawStrings("SELECT hash FROM attempt WHERE id = \(finished.id)")
    let head = try #require(try db.actions(attempt: finished.id).last)
    let forged = Chain.resultHash(
      attemptHash: stored[0]!, status: "finished", finishedAt: row.finishedAt, overall: 95, decisions: 50,
      doubleReview: 60, timeLimits: 55, passed: true, resultJSON: "{}", resultSeq: 4, headHash: head.hash, key: nil)
    let seal = Chain.attemptSeal(
      attemptHash: stored[0]!, status: "finished", lastSeq: 4, headHash: head.hash, resultHash: forged,
      key: RecordKey.generate())
    try db.executeRaw(
      "UPDATE attempt SET overall = 95, passed = 1, resultHash = '\(forged)', seal = '\(seal)' WHERE id = \(finished.id)")

    let with = try db.verify(key: Self.key)
    #expect(with.problems.contains { $0.attempt == finished.id && $0.message.contains("overall 95") })
    #expect(with.problems.contains { $0.attempt == finished.id && $0.message.contains("seal") })
    // Without the key the links still hold: consistent, but nobody vouches for it.
    let without = try db.verify(key: nil)
    #expect(without.authentication == .unauthenticated)
    #expect(!without.problems.contains { $0.attempt == finished.id })
  }

  @Test func aWholeChainRewrittenWithoutTheKeyFailsEveryRecord() throws {
    let (db, finished, open) = try signedDatabase()
    for t in ["action_no_update", "attempt_hashed_fields", "attempt_result_final"] { try db.executeRaw("DROP TRIGGER \(t)") }
    // Edit an action, then recompute the whole chain as an unsigned sandbox would have it.
    try db.executeRaw("UPDATE action SET arguments = 'T-forged' WHERE attempt = \(open.id) AND seq = 1")
    try rehashEverything(db, key: nil)
    // Without the key nobody vouches for a rehashed chain (the plain head seals may notice this forger,
    // but a forger who also recomputes them would pass): only the key authenticates.
    #expect(try db.verify(key: nil).authentication != .authenticated)
    let with = try db.verify(key: Self.key)
    #expect(with.problems.contains { $0.attempt == open.id && $0.seq == 1 && $0.message.contains("edited") })
    #expect(with.problems.contains { $0.attempt == finished.id })
  }

  @Test func deletedLastActionsAndAttemptsAreCaughtByTheSeals() throws {
    let (db, finished, open) = try signedDatabase()
    try db.executeRaw("DROP TRIGGER action_no_delete")
    try db.executeRaw("DELETE FROM action WHERE attempt = \(open.id) AND seq = 2")
    try db.executeRaw("UPDATE attempt SET lastSeq = 1 WHERE id = \(open.id)")
    #expect(try db.verify(key: nil).authentication == .unauthenticated)  // plain seals can be recomputed by anyone
    #expect(try db.verify(key: Self.key).problems.contains { $0.attempt == open.id && $0.message.contains("seal") })

    let (db2, _, open2) = try signedDatabase()
    try db2.executeRaw("DROP TRIGGER action_no_delete; DROP TRIGGER attempt_no_delete")
    try db2.executeRaw("DELETE FROM action WHERE attempt = \(open2.id); DELETE FROM attempt WHERE id = \(open2.id)")
    try db2.executeRaw("UPDATE sqlite_sequence SET seq = \(finished.id) WHERE name = 'attempt'")
    #expect(try db2.verify(key: nil).authentication == .unauthenticated)
    #expect(try db2.verify(key: Self.key).problems.contains { $0.attempt == nil && $0.message.contains("last attempt") })
  }

  @Test func reorderedActionsAreCaught() throws {
    let (db, finished, _) = try signedDatabase()
    try db.executeRaw("DROP TRIGGER action_no_update")
    try db.executeRaw(
      """
      UPDATE action SET seq = 100 WHERE attempt = \(finished.id) AND seq = 2;
      UPDATE action SET seq = 2 WHERE attempt = \(finished.id) AND seq = 3;
      UPDATE action SET seq = 3 WHERE attempt = \(finished.id) AND seq = 100;
      """)
    #expect(try db.verify(key: Self.key).problems.contains { $0.attempt == finished.id && $0.seq == 2 })
    #expect(try db.verify(key: nil).problems.contains { $0.attempt == finished.id && $0.seq == 2 })
  }

  @Test func aSignedDatabaseRefusesWritersWithoutItsKey() throws {
    try withTemporaryPath { path in
      let room = try SandboxDatabase(path: path, key: Self.key)
      let trainee = try room.upsertTrainee(name: "olivia", cohort: nil)
      _ = try room.startAttempt(.sample(trainee: trainee.id))

      let keyless = try SandboxDatabase(path: path)
      #expect(throws: StoreError.self) { try keyless.startAttempt(.sample(trainee: trainee.id)) }
      #expect(throws: StoreError.self) { try keyless.appendAction(.sample(attempt: 1, "queue")) }
      #expect(throws: StoreError.self) { try SandboxDatabase(path: path, key: RecordKey.generate()) }
      #expect(try room.verify(key: Self.key).problems.isEmpty)
      // Verified with another key: said plainly.
      let other = try room.verify(key: RecordKey.generate())
      #expect(other.problems.first?.message.contains("another key") == true)
    }
  }

  @Test func aKeyCannotAdoptUnsignedRecords() throws {
    try withTemporaryPath { path in
      let plain = try SandboxDatabase(path: path)
      let trainee = try plain.upsertTrainee(name: "olivia", cohort: nil)
      _ = try plain.startAttempt(.sample(trainee: trainee.id))
      #expect(throws: StoreError.self) { try SandboxDatabase(path: path, key: Self.key) }
      // Verified with a key, unsigned records are reported, not passed.
      #expect(try plain.verify(key: Self.key).problems.contains { $0.message.contains("not signed") })
    }
  }

  /// Recomputes every hash, result and seal from the stored fields, as someone with the file but
  /// without the room key would (`key` nil: plain SHA-256; seals under a random key).
  func rehashEverything(_ db: SandboxDatabase, key: RecordKey?) throws {
    let sealKey = key ?? RecordKey.generate()
    let marker = try db.rawStrings("SELECT marker FROM sandbox")[0]!
    let created = try db.rawStrings("SELECT created_at FROM sandbox")[0]
    var prev = Chain.genesis(marker: marker, createdAt: created, key: key)
    for attempt in try db.attempts(trainee: nil, scenario: nil, cohort: nil) {
      let hash = Chain.attemptHash(
        prev: prev, id: attempt.id, trainee: attempt.trainee, traineeName: "olivia", scenarioID: attempt.scenarioID,
        contentHash: attempt.contentHash, seed: attempt.seed, policy: attempt.policy, mode: attempt.mode.rawValue,
        post: attempt.post.rawValue, moduleID: attempt.moduleID, startedAt: attempt.startedAt, key: key)
      try db.executeRaw("UPDATE attempt SET prevHash = '\(prev)', hash = '\(hash)' WHERE id = \(attempt.id)")
      var link = hash
      var hashes: [Int64: String] = [0: hash]
      let actions = try db.actions(attempt: attempt.id)
      try db.executeRaw("DROP TRIGGER IF EXISTS action_no_delete")
      for a in actions {
        let h = Chain.actionHash(
          prev: link, attempt: a.attempt, seq: a.seq, actor: a.actor, verb: a.verb, arguments: a.arguments,
          simTime: a.simTime, wallTime: a.wallTime, result: a.result, ok: a.ok, key: key)
        try db.executeRaw("UPDATE action SET prevHash = '\(link)', hash = '\(h)' WHERE attempt = \(a.attempt) AND seq = \(a.seq)")
        link = h
        hashes[a.seq] = h
      }
      var resultHash: String?
      if attempt.status != .open {
        let seq = Int64(try db.rawStrings("SELECT resultSeq FROM attempt WHERE id = \(attempt.id)")[0]!)!
        resultHash = Chain.resultHash(
          attemptHash: hash, status: attempt.status.rawValue, finishedAt: attempt.finishedAt, overall: attempt.overall,
          decisions: attempt.decisions, doubleReview: attempt.doubleReview, timeLimits: attempt.timeLimits,
          passed: attempt.passed, resultJSON: attempt.resultJSON, resultSeq: seq, headHash: hashes[seq]!, key: key)
        try db.executeRaw("UPDATE attempt SET resultHash = '\(resultHash!)' WHERE id = \(attempt.id)")
      }
      let seal = Chain.attemptSeal(
        attemptHash: hash, status: attempt.status.rawValue, lastSeq: Int64(actions.count), headHash: link, resultHash: resultHash,
        key: sealKey)
      try db.executeRaw("UPDATE attempt SET seal = '\(seal)' WHERE id = \(attempt.id)")
      prev = hash
    }
    try db.executeRaw("UPDATE sandbox SET keyID = NULL, seal = NULL")
  }
}

extension IntegrityProblem {
  /// "the guard trigger … was dropped" (which someone editing the file could also put back).
  var isDroppedTrigger: Bool { attempt == nil && message.contains("guard trigger") }
}

/// Commits that expect the log's head: someone else's append in between refuses the commit whole.
@Suite struct ExpectedHeadTests {
  @Test func aStaleHeadWritesNothing() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 2)
    var request = CommandCommit(
      action: .sample(attempt: attempt.id, "queue"), projection: Projection(cases: nil, reviews: nil, notices: nil),
      tickets: [])
    request.expectedSeq = 1
    #expect(throws: StoreError.logAdvanced(attempt: attempt.id, head: 2)) { try db.commit(request) }
    #expect(try db.actions(attempt: attempt.id).count == 2)
    request.expectedSeq = 2
    #expect(try db.commit(request).seq == 3)
    #expect(try db.actions(attempt: attempt.id, after: 1).map(\.seq) == [2, 3])
  }
}
