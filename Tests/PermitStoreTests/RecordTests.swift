import Foundation
import PermitCore
import Testing

@testable import PermitStore

@Suite struct TraineeTests {
  @Test func upsertCreatesThenUpdatesTheCohort() throws {
    let db = try SandboxDatabase.inMemory()
    // Given a new trainee
    let created = try db.upsertTrainee(name: "olivia", cohort: "2026-autumn")
    #expect(created.name == "olivia")
    #expect(created.cohort == "2026-autumn")
    #expect(created.createdAt.hasSuffix("Z"))
    // When the same name is upserted with another cohort, or with none
    let moved = try db.upsertTrainee(name: "olivia", cohort: "2027-spring")
    let kept = try db.upsertTrainee(name: "olivia", cohort: nil)
    // Then it is the same trainee; a nil cohort keeps the current one
    #expect(moved.id == created.id)
    #expect(moved.cohort == "2027-spring")
    #expect(kept.cohort == "2027-spring")
    #expect(try db.trainee(named: "olivia") == kept)
    #expect(try db.trainee(named: "nobody") == nil)
  }

  @Test func traineesByCohort() throws {
    let db = try SandboxDatabase.inMemory()
    _ = try db.upsertTrainee(name: "wang", cohort: "a")
    _ = try db.upsertTrainee(name: "li", cohort: "a")
    _ = try db.upsertTrainee(name: "zhao", cohort: "b")
    _ = try db.upsertTrainee(name: "chen", cohort: nil)
    #expect(try db.trainees(cohort: "a").map(\.name) == ["li", "wang"])
    #expect(try db.trainees(cohort: nil).map(\.name) == ["chen", "li", "wang", "zhao"])
    #expect(try db.trainees(cohort: "none") == [])
  }

  @Test func refusesAnEmptyName() throws {
    let db = try SandboxDatabase.inMemory()
    #expect(throws: StoreError.self) { try db.upsertTrainee(name: "  ", cohort: nil) }
  }
}

@Suite struct AttemptTests {
  @Test func startRoundTrip() throws {
    let db = try SandboxDatabase.inMemory()
    let trainee = try db.upsertTrainee(name: "olivia", cohort: "c")
    let started = try db.startAttempt(.sample(trainee: trainee.id))
    #expect(started.status == .open)
    #expect(started.seed == 0xFEED_FACE_DEAD_BEEF)  // above Int64.max: stored as the same bit pattern
    #expect(started.finishedAt == nil && started.overall == nil && started.passed == nil)
    #expect(try db.attempt(id: started.id) == started)
    #expect(try db.attempt(id: 999) == nil)
    #expect(try db.openAttempt(trainee: trainee.id) == started)
  }

  @Test func finishRecordsTheScore() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    try db.finishAttempt(
      id: attempt.id,
      result: AttemptResult(
        overall: 87, decisions: 90, doubleReview: 80, timeLimits: 85, passed: true, json: #"{"overall":87}"#))
    let finished = try #require(try db.attempt(id: attempt.id))
    #expect(finished.status == .finished)
    #expect(finished.overall == 87 && finished.decisions == 90 && finished.doubleReview == 80)
    #expect(finished.timeLimits == 85 && finished.passed == true && finished.resultJSON == #"{"overall":87}"#)
    #expect(finished.finishedAt != nil)
    #expect(try db.openAttempt(trainee: attempt.trainee) == nil)
    #expect(try db.verify() == [])
    // A finished attempt cannot be finished or abandoned again
    #expect(throws: StoreError.attemptNotOpen(id: attempt.id, status: "finished")) {
      try db.abandonAttempt(id: attempt.id)
    }
  }

  @Test func abandon() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    try db.abandonAttempt(id: attempt.id)
    let abandoned = try #require(try db.attempt(id: attempt.id))
    #expect(abandoned.status == .abandoned && abandoned.finishedAt != nil && abandoned.overall == nil)
    #expect(try db.verify() == [])
    #expect(throws: StoreError.unknownAttempt(42)) { try db.abandonAttempt(id: 42) }
  }

  @Test func openAttemptIsTheLatestOpenOne() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    let first = try db.startAttempt(.sample(trainee: t.id))
    let second = try db.startAttempt(.sample(trainee: t.id, scenario: "m2"))
    #expect(try db.openAttempt(trainee: t.id)?.id == second.id)
    try db.abandonAttempt(id: second.id)
    #expect(try db.openAttempt(trainee: t.id)?.id == first.id)
  }

  @Test func attemptsFilteredOldestFirst() throws {
    let db = try SandboxDatabase.inMemory()
    let a = try db.upsertTrainee(name: "a", cohort: "x")
    let b = try db.upsertTrainee(name: "b", cohort: "y")
    let a1 = try db.startAttempt(.sample(trainee: a.id, scenario: "s1"))
    let b1 = try db.startAttempt(.sample(trainee: b.id, scenario: "s1"))
    let a2 = try db.startAttempt(.sample(trainee: a.id, scenario: "s2"))
    #expect(try db.attempts(trainee: nil, scenario: nil, cohort: nil).map(\.id) == [a1.id, b1.id, a2.id])
    #expect(try db.attempts(trainee: a.id, scenario: nil, cohort: nil).map(\.id) == [a1.id, a2.id])
    #expect(try db.attempts(trainee: nil, scenario: "s1", cohort: nil).map(\.id) == [a1.id, b1.id])
    #expect(try db.attempts(trainee: nil, scenario: nil, cohort: "y").map(\.id) == [b1.id])
    #expect(try db.attempts(trainee: a.id, scenario: "s1", cohort: "x").map(\.id) == [a1.id])
    #expect(try db.attempts(trainee: a.id, scenario: nil, cohort: "y") == [])
  }

  @Test func refusesBadValues() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    // Mode and post are typed: "exam" or post "C" cannot be expressed (the schema's CHECKs list the same values).
    #expect(AttemptMode(rawValue: "exam") == nil && TraineePost(rawValue: "C") == nil)
    #expect(throws: StoreError.unknownTrainee("#77")) { try db.startAttempt(.sample(trainee: 77)) }
    let attempt = try db.startAttempt(.sample(trainee: t.id))
    #expect(throws: StoreError.self) {
      try db.finishAttempt(
        id: attempt.id,
        result: AttemptResult(overall: 101, decisions: 0, doubleReview: 0, timeLimits: 0, passed: true, json: "{}"))
    }
    #expect(try db.attempt(id: attempt.id)?.status == .open)
  }
}

@Suite struct ActionLogTests {
  @Test func appendRoundTripAndSeqNumbering() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    let first = try db.startAttempt(.sample(trainee: t.id))
    let second = try db.startAttempt(.sample(trainee: t.id))
    // Interleaved appends to two attempts number each log 1, 2, 3, …
    var appended: [ActionRecord] = []
    for i in 1...3 {
      appended.append(try db.appendAction(.sample(attempt: first.id, "open", "T-\(i)")))
      _ = try db.appendAction(.sample(attempt: second.id, "queue"))
    }
    let action = NewAction(
      attempt: first.id, actor: "colleague", verb: "review", arguments: "return \"missing seal\"",
      simTime: "2017-07-03T10:15+08:00", result: "returned to post A", ok: false)
    appended.append(try db.appendAction(action))

    #expect(appended.map(\.seq) == [1, 2, 3, 4])
    #expect(try db.actions(attempt: second.id).map(\.seq) == [1, 2, 3])
    let stored = try db.actions(attempt: first.id)
    #expect(stored == appended)
    let last = try #require(stored.last)
    #expect(last.actor == "colleague" && last.verb == "review" && last.arguments == "return \"missing seal\"")
    #expect(last.simTime == "2017-07-03T10:15+08:00" && last.result == "returned to post A" && !last.ok)
    #expect(last.wallTime.hasSuffix("Z"))
    // The chain: seq 1 starts from the attempt, each next one from the previous hash
    #expect(stored[1].prevHash == stored[0].hash && stored[3].prevHash == stored[2].hash)
    #expect(Set(stored.map(\.hash)).count == 4)
    #expect(stored.allSatisfy { $0.hash.count == 64 })
    #expect(try db.verify() == [])
  }

  @Test func appendToAnUnknownAttempt() throws {
    let db = try SandboxDatabase.inMemory()
    #expect(throws: StoreError.unknownAttempt(5)) { try db.appendAction(.sample(attempt: 5, "open")) }
    #expect(try db.actions(attempt: 5) == [])
  }

  @Test func updateAndDeleteOfActionsAreRefused() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    #expect(throws: StoreError.self) { try db.executeRaw("UPDATE action SET result = 'forged' WHERE seq = 2") }
    #expect(throws: StoreError.self) { try db.executeRaw("DELETE FROM action WHERE seq = 3") }
    #expect(throws: StoreError.self) { try db.executeRaw("DELETE FROM attempt") }
    #expect(try db.actions(attempt: attempt.id).map(\.result) == ["ok", "ok", "ok"])
    #expect(try db.verify() == [])
  }

  @Test func triggersRefuseEditsOfAFinishedScore() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    try db.finishAttempt(
      id: attempt.id,
      result: AttemptResult(overall: 40, decisions: 40, doubleReview: 40, timeLimits: 40, passed: false, json: "{}"))
    #expect(throws: StoreError.self) { try db.executeRaw("UPDATE attempt SET overall = 100, passed = 1") }
    #expect(throws: StoreError.self) { try db.executeRaw("UPDATE attempt SET seed = 1") }
    #expect(try db.attempt(id: attempt.id)?.overall == 40)
  }

  @Test func anActionAfterTheScoreKeepsTheRecordVerifiable() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    try db.finishAttempt(
      id: attempt.id,
      result: AttemptResult(overall: 70, decisions: 70, doubleReview: 70, timeLimits: 70, passed: true, json: "{}"))
    let debrief = try db.appendAction(.sample(attempt: attempt.id, "debrief"))
    #expect(debrief.seq == 4)
    #expect(try db.verify() == [])
  }
}

@Suite struct ProjectionTests {
  @Test func saveCasesReplacesWholesale() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    let one = CaseRow(
      attempt: attempt.id, ticket: "T-1", state: "received", deadline: "2017-07-10")
    let two = CaseRow(
      attempt: attempt.id, ticket: "T-2", state: "notice-issued", outcome: .supplement, defects: ["D01", "D07"],
      maker: "olivia", checker: "colleague", noticeAt: "2017-07-03T11:00+08:00", deadline: "2017-07-10",
      retainUntil: "2020-07-03")
    try db.saveCases(attempt: attempt.id, [two, one])
    #expect(try db.cases(attempt: attempt.id) == [one, two])
    var advanced = one
    advanced.state = "examined"
    try db.saveCases(attempt: attempt.id, [advanced])
    #expect(try db.cases(attempt: attempt.id) == [advanced])
    try db.saveCases(attempt: attempt.id, [])
    #expect(try db.cases(attempt: attempt.id) == [])
    #expect(throws: StoreError.unknownAttempt(99)) { try db.saveCases(attempt: 99, []) }
    #expect(throws: StoreError.self) {
      try db.saveCases(attempt: attempt.id, [CaseRow(attempt: 99, ticket: "X", state: "s", deadline: "d")])
    }
  }

  @Test func purgeCasesRemovesOnlyExpiredFiledCases() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    let a1 = try db.startAttempt(.sample(trainee: t.id))
    let a2 = try db.startAttempt(.sample(trainee: t.id))
    let old = CaseRow(attempt: a1.id, ticket: "T-1", state: "filed", deadline: "2017-07-10", retainUntil: "2020-07-03")
    let boundary = CaseRow(
      attempt: a1.id, ticket: "T-2", state: "filed", deadline: "2017-07-10", retainUntil: "2020-07-04")
    let open = CaseRow(attempt: a1.id, ticket: "T-3", state: "received", deadline: "2017-07-10")
    let other = CaseRow(
      attempt: a2.id, ticket: "T-1", state: "filed", deadline: "2017-07-10", retainUntil: "2019-01-01")
    try db.saveCases(attempt: a1.id, [old, boundary, open])
    try db.saveCases(attempt: a2.id, [other])

    let removed = try db.purgeCases(retainedBefore: "2020-07-04")

    #expect(removed == [old, other])
    #expect(try db.cases(attempt: a1.id) == [boundary, open])
    #expect(try db.cases(attempt: a2.id) == [])
    #expect(try db.purgeCases(retainedBefore: "2020-07-04") == [])
  }

  @Test func snapshots() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 3)
    try db.saveSnapshot(attempt: attempt.id, name: "start", seq: 0)
    try db.saveSnapshot(attempt: attempt.id, name: "before-review", seq: 2)
    var list = try db.snapshots(attempt: attempt.id)
    #expect(list.map(\.name) == ["start", "before-review"])
    #expect(list.map(\.seq) == [0, 2])
    #expect(list.allSatisfy { $0.attempt == attempt.id && $0.createdAt.hasSuffix("Z") })
    // Saving an existing name moves it
    try db.saveSnapshot(attempt: attempt.id, name: "before-review", seq: 3)
    list = try db.snapshots(attempt: attempt.id)
    #expect(list.count == 2 && list.first { $0.name == "before-review" }?.seq == 3)
    #expect(throws: StoreError.self) { try db.saveSnapshot(attempt: attempt.id, name: "future", seq: 4) }
    #expect(throws: StoreError.self) { try db.saveSnapshot(attempt: attempt.id, name: "", seq: 1) }
    #expect(throws: StoreError.unknownAttempt(9)) { try db.saveSnapshot(attempt: 9, name: "x", seq: 0) }
    // Snapshots truncate nothing
    #expect(try db.actions(attempt: attempt.id).count == 3)
  }
}

@Suite struct CombinedWriteTests {
  @Test func appendActionReplacingCasesIsOneWrite() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 1)
    let row = CaseRow(attempt: attempt.id, ticket: "T-1", state: "received", deadline: "2017-07-10")
    let action = try db.appendAction(.sample(attempt: attempt.id, "open", "T-1"), replacingCases: [row])
    #expect(action.seq == 2)
    #expect(try db.cases(attempt: attempt.id) == [row])
    // nil leaves the cases alone
    _ = try db.appendAction(.sample(attempt: attempt.id, "queue"), replacingCases: nil)
    #expect(try db.cases(attempt: attempt.id) == [row])
    // A refused projection appends nothing
    #expect(throws: StoreError.self) {
      try db.appendAction(.sample(attempt: attempt.id, "open"), replacingCases: [row, row])
    }
    #expect(try db.actions(attempt: attempt.id).count == 3)
    #expect(try db.verify() == [])
  }
}
