import Foundation
import PermitCore
import Testing

@testable import PermitStore

/// Pair attempts in the store: the partner is hashed with the attempt, each participant's result is
/// recorded and sealed, and per-person listings show each partner their own result.
@Suite struct PairRecordTests {
  static let key = RecordKey(hex: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")!

  func result(_ overall: Int) -> AttemptResult {
    AttemptResult(overall: overall, decisions: overall, doubleReview: overall, timeLimits: overall, passed: overall >= 70, json: "{\"overall\":\(overall)}")
  }

  /// A signed database with a finished pair attempt (ada post A 80, bo post B 40) and a solo one.
  func pairDatabase(key: RecordKey? = key) throws -> (SandboxDatabase, pair: AttemptRecord, ada: TraineeRecord, bo: TraineeRecord) {
    let db = try SandboxDatabase.inMemory(key: key)
    let ada = try db.upsertTrainee(name: "ada", cohort: "c1")
    let bo = try db.upsertTrainee(name: "bo", cohort: "c2")
    var new = NewAttempt.sample(trainee: ada.id)
    new.partner = bo.id
    let pair = try db.startAttempt(new)
    #expect(pair.partner == bo.id)
    for (who, verb) in [("ada", "decide"), ("ada", "handover"), ("bo", "review")] {
      _ = try db.appendAction(.sample(attempt: pair.id, verb, "T001", actor: who))
    }
    try db.finishAttempt(
      id: pair.id, result: result(80),
      participants: [
        ParticipantResult(post: .a, trainee: ada.id, overall: 80, decisions: 80, doubleReview: 80, timeLimits: 80, passed: true, json: "{\"overall\":80}"),
        ParticipantResult(post: .b, trainee: bo.id, overall: 40, decisions: 40, doubleReview: 40, timeLimits: 40, passed: false, json: "{\"overall\":40}"),
      ])
    let solo = try db.startAttempt(.sample(trainee: bo.id))
    try db.finishAttempt(id: solo.id, result: result(90))
    return (db, pair, ada, bo)
  }

  @Test func eachPartnerIsListedWithTheirOwnResult() throws {
    let (db, pair, ada, bo) = try pairDatabase()
    #expect(try db.verify(key: Self.key).problems == [])
    let mine = try db.attempts(participant: bo.id, scenario: nil, cohort: nil)
    #expect(mine.map(\.id) == [pair.id, pair.id + 1])
    #expect(mine[0].post == .b && mine[0].overall == 40 && mine[0].passed == false && mine[0].trainee == bo.id && mine[0].partner == ada.id)
    let hers = try db.attempts(participant: ada.id, scenario: nil, cohort: nil)
    #expect(hers.count == 1 && hers[0].overall == 80 && hers[0].post == .a && hers[0].partner == bo.id)
    // Everyone: the pair attempt twice (once per person) and the solo attempt.
    #expect(try db.attempts(participant: nil, scenario: nil, cohort: nil).count == 3)
    #expect(try db.attempts(participant: nil, scenario: nil, cohort: "c2").map(\.trainee) == [bo.id, bo.id])
    #expect(try db.participants(attempt: pair.id).map(\.overall) == [80, 40])
    #expect(try db.openPairAttempts(partner: bo.id).isEmpty)
  }

  @Test func aPairNeedsTwoKnownTrainees() throws {
    let db = try SandboxDatabase.inMemory()
    let ada = try db.upsertTrainee(name: "ada", cohort: nil)
    var same = NewAttempt.sample(trainee: ada.id)
    same.partner = ada.id
    #expect(throws: StoreError.self) { try db.startAttempt(same) }
    same.partner = 99
    #expect(throws: StoreError.self) { try db.startAttempt(same) }
    let bo = try db.upsertTrainee(name: "bo", cohort: nil)
    same.partner = bo.id
    let open = try db.startAttempt(same)
    #expect(try db.openPairAttempts(partner: bo.id).map(\.id) == [open.id])
    // The partner decides who gets credit: it cannot change.
    #expect(throws: (any Error).self) { try db.executeRaw("UPDATE attempt SET partner = \(ada.id) WHERE id = \(open.id)") }
  }

  @Test func whoGetsCreditIsCoveredByTheHash() throws {
    let (db, pair, ada, _) = try pairDatabase()
    try db.executeRaw("DROP TRIGGER attempt_partner_final")
    let carl = try db.upsertTrainee(name: "carl", cohort: nil)
    try db.executeRaw("UPDATE attempt SET partner = \(carl.id) WHERE id = \(pair.id)")
    let problems = try db.verify(key: Self.key).problems
    #expect(problems.contains { $0.attempt == pair.id && $0.message.contains("partner") }, "\(problems)")
    #expect(problems.contains { $0.attempt == pair.id && $0.message.contains("post B") }, "\(problems)")
    _ = ada
  }

  @Test func aPartnersResultEditedOrDeletedIsCaught() throws {
    for unsigned in [false, true] {
      let (db, pair, ada, _) = try pairDatabase(key: unsigned ? nil : Self.key)
      let key = unsigned ? nil : Self.key
      try db.executeRaw("DROP TRIGGER participant_no_update")
      try db.executeRaw("UPDATE participant SET overall = 95, passed = 1 WHERE attempt = \(pair.id) AND post = 'B'")
      var problems = try db.verify(key: key).problems
      #expect(problems.contains { $0.attempt == pair.id && $0.message.contains("post B (overall 95)") }, "\(problems)")
      // Credit moved to someone else.
      try db.executeRaw("UPDATE participant SET overall = 40, passed = 0, trainee = \(ada.id) WHERE attempt = \(pair.id) AND post = 'B'")
      problems = try db.verify(key: key).problems
      #expect(problems.contains { $0.attempt == pair.id && $0.message.contains("names trainee") }, "\(problems)")
      try db.executeRaw("DROP TRIGGER participant_no_delete")
      try db.executeRaw("DELETE FROM participant WHERE attempt = \(pair.id) AND post = 'B'")
      problems = try db.verify(key: key).problems
      #expect(problems.contains { $0.attempt == pair.id && $0.message.contains("post B of this pair attempt is missing") }, "\(problems)")
    }
  }

  @Test func aForgedRehashedResultPassesOnlyWithoutTheKey() throws {
    let (db, pair, _, bo) = try pairDatabase()
    try db.executeRaw("DROP TRIGGER participant_no_update")
    let resultHash = try db.rawStrings("SELECT resultHash FROM attempt WHERE id = \(pair.id)")[0]!
    let forged = Chain.participantHash(
      attemptResultHash: resultHash, post: "B", trainee: bo.id, traineeName: "bo", overall: 95, decisions: 40, doubleReview: 40,
      timeLimits: 40, passed: true, resultJSON: "{\"overall\":40}", key: nil)
    try db.executeRaw("UPDATE participant SET overall = 95, passed = 1, resultHash = '\(forged)' WHERE attempt = \(pair.id) AND post = 'B'")
    #expect(try db.verify(key: Self.key).problems.contains { $0.attempt == pair.id && $0.message.contains("post B") })
    #expect(try db.verify(key: nil).problems.filter { $0.attempt == pair.id }.isEmpty)
  }
}
