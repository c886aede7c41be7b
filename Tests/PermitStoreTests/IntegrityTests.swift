import Foundation
import Testing

@testable import PermitStore

@Suite struct IntegrityTests {
  @Test func intactRecordsVerifyClean() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 5)
    _ = try db.startAttempt(.sample(trainee: attempt.trainee))
    #expect(try db.verify() == [])
  }

  @Test func detectsAnActionEditedAfterDroppingTheTrigger() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 4)
    try db.executeRaw("DROP TRIGGER action_no_update")
    try db.executeRaw("UPDATE action SET arguments = 'T-forged' WHERE attempt = \(attempt.id) AND seq = 2")

    let problems = try db.verify()

    #expect(problems.contains { $0.attempt == attempt.id && $0.seq == 2 && $0.message.contains("edited") })
    #expect(problems.contains { $0.message.contains("action_no_update") })
    #expect(!problems.contains { $0.seq == 3 })  // the following rows still chain to the stored hash
  }

  @Test func detectsARecomputedHashByTheBrokenLink() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 3)
    try db.executeRaw("DROP TRIGGER action_no_update")
    // Forge seq 2 with a correct-looking hash of the forged fields (but without redoing the chain after it)
    let forged = try #require(try db.actions(attempt: attempt.id).dropFirst().first)
    let newHash = Chain.actionHash(
      prev: forged.prevHash, attempt: forged.attempt, seq: 2, actor: forged.actor, verb: forged.verb,
      arguments: "forged", simTime: forged.simTime, wallTime: forged.wallTime, result: forged.result, ok: forged.ok,
      key: nil)
    try db.executeRaw("UPDATE action SET arguments = 'forged', hash = '\(newHash)' WHERE seq = 2")
    let problems = try db.verify()
    #expect(problems.contains { $0.attempt == attempt.id && $0.seq == 3 && $0.message.contains("chain is broken") })
  }

  @Test func detectsADeletedAction() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 4)
    try db.executeRaw("DROP TRIGGER action_no_delete")
    try db.executeRaw("DELETE FROM action WHERE attempt = \(attempt.id) AND seq = 2")
    let problems = try db.verify()
    #expect(problems.contains { $0.attempt == attempt.id && $0.seq == 3 && $0.message.contains("missing") })
  }

  @Test func detectsADeletedLastAction() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 4)
    try db.executeRaw("DROP TRIGGER action_no_delete")
    try db.executeRaw("DELETE FROM action WHERE attempt = \(attempt.id) AND seq = 4")
    let problems = try db.verify()
    #expect(problems.contains { $0.attempt == attempt.id && $0.message.contains("last actions were deleted") })
  }

  @Test func detectsReorderedActions() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 4)
    try db.executeRaw("DROP TRIGGER action_no_update")
    try db.executeRaw(
      """
      UPDATE action SET seq = 1000 WHERE attempt = \(attempt.id) AND seq = 2;
      UPDATE action SET seq = 2 WHERE attempt = \(attempt.id) AND seq = 3;
      UPDATE action SET seq = 3 WHERE attempt = \(attempt.id) AND seq = 1000;
      """)
    let problems = try db.verify()
    #expect(problems.contains { $0.attempt == attempt.id && $0.seq == 2 })
    #expect(problems.contains { $0.attempt == attempt.id && $0.seq == 3 })
  }

  @Test func detectsATamperedScore() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    try db.finishAttempt(
      id: attempt.id,
      result: AttemptResult(
        overall: 42, decisions: 40, doubleReview: 50, timeLimits: 40, passed: false, json: #"{"overall":42}"#))
    try db.executeRaw("DROP TRIGGER attempt_result_final")
    try db.executeRaw("UPDATE attempt SET overall = 95, passed = 1 WHERE id = \(attempt.id)")

    let problems = try db.verify()

    #expect(problems.contains { $0.attempt == attempt.id && $0.seq == nil && $0.message.contains("hashed result") })
  }

  @Test func detectsAnAbandonedAttemptTurnedIntoAPass() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    try db.abandonAttempt(id: attempt.id)
    try db.executeRaw("DROP TRIGGER attempt_result_final")
    try db.executeRaw(
      """
      UPDATE attempt SET status = 'finished', overall = 100, decisions = 100, doubleReview = 100, timeLimits = 100,
        passed = 1, resultJSON = '{}' WHERE id = \(attempt.id)
      """)
    #expect(try db.verify().contains { $0.attempt == attempt.id && $0.message.contains("hashed result") })
  }

  @Test func detectsAnEditedAttemptAndADeletedAttempt() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    let a1 = try db.startAttempt(.sample(trainee: t.id))
    let a2 = try db.startAttempt(.sample(trainee: t.id))
    let a3 = try db.startAttempt(.sample(trainee: t.id))
    try db.executeRaw("DROP TRIGGER attempt_hashed_fields; DROP TRIGGER attempt_no_delete")
    try db.executeRaw("UPDATE attempt SET mode = 'autoplay' WHERE id = \(a1.id)")
    try db.executeRaw("DELETE FROM attempt WHERE id = \(a2.id)")

    let problems = try db.verify()

    #expect(problems.contains { $0.attempt == a1.id && $0.message.contains("edited") })
    #expect(problems.contains { $0.attempt == a3.id && $0.message.contains("missing") })
  }

  @Test func detectsTheLastAttemptDeleted() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    _ = try db.startAttempt(.sample(trainee: t.id))
    let last = try db.startAttempt(.sample(trainee: t.id))
    try db.executeRaw("DROP TRIGGER attempt_no_delete; DELETE FROM attempt WHERE id = \(last.id)")
    #expect(try db.verify().contains { $0.attempt == last.id && $0.message.contains("missing") })
  }

  @Test func detectsAnAttemptMovedToAnotherTrainee() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    let other = try db.upsertTrainee(name: "bob", cohort: nil)
    try db.executeRaw("DROP TRIGGER attempt_hashed_fields")
    try db.executeRaw("UPDATE attempt SET trainee = \(other.id) WHERE id = \(attempt.id)")
    #expect(try db.verify().contains { $0.attempt == attempt.id && $0.message.contains("edited") })
    // Renaming trainees to swap identities is caught too
    try db.executeRaw("UPDATE attempt SET trainee = \(attempt.trainee) WHERE id = \(attempt.id)")
    #expect(try db.verify().filter { $0.attempt != nil } == [])
    try db.executeRaw("UPDATE trainee SET name = 'mallory' WHERE id = \(attempt.trainee)")
    #expect(try db.verify().contains { $0.attempt == attempt.id && $0.message.contains("edited") })
  }

  @Test func problemDescription() {
    #expect(IntegrityProblem(attempt: 3, seq: 7, message: "x").description == "attempt #3, action 7: x")
    #expect(IntegrityProblem(attempt: 3, seq: nil, message: "x").description == "attempt #3: x")
    #expect(IntegrityProblem(attempt: nil, seq: nil, message: "x").description == "x")
  }
}
