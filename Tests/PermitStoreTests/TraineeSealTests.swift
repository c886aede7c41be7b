import Foundation
import Testing

@testable import PermitStore

/// A trainee's cohort decides reports and is in no log: each trainee row is sealed, and `verify`
/// recomputes the seal (issue 11, deliver 5).
@Suite("Store: trainee seals and projection comparison")
struct TraineeSealTests {
  @Test("login with a new cohort renews the seal; a cohort edited by hand is reported")
  func cohortEdit() throws {
    let (db, _) = try makeDatabaseWithAttempt()
    _ = try db.upsertTrainee(name: "olivia", cohort: "2027-spring")
    _ = try db.upsertTrainee(name: "noah", cohort: nil)
    #expect(try db.verify().isEmpty)
    try db.executeRaw("UPDATE trainee SET cohort = 'elsewhere' WHERE name = 'olivia'")
    let problems = try db.verify().map(\.description)
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("trainee #1 (olivia, cohort 'elsewhere'): the row does not match its seal") == true, "\(problems)")
  }

  @Test("in a signed sandbox, a cohort edited and resealed without the key is still reported")
  func signedCohort() throws {
    let key = RecordKey.generate()
    let db = try SandboxDatabase.inMemory(key: key)
    let t = try db.upsertTrainee(name: "ana", cohort: "room-1")
    _ = try db.startAttempt(.sample(trainee: t.id))
    #expect(try db.verify(key: key).problems.isEmpty)
    let forged = Chain.traineeSeal(id: t.id, name: "ana", cohort: "room-2", createdAt: t.createdAt, key: nil)
    try db.executeRaw("UPDATE trainee SET cohort = 'room-2', seal = '\(forged)'")
    #expect(try db.verify(key: key).problems.map(\.description).contains { $0.hasPrefix("trainee #1 (ana, cohort 'room-2')") })
  }

  @Test("projectionMismatch: same rows, a changed column, a moved head")
  func projection() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 1)
    let rows = [CaseRow(attempt: attempt.id, ticket: "T001", state: "issued", deadline: "2017-07-10")]
    let projection = Projection(cases: rows, reviews: [], notices: [])
    _ = try db.appendAction(.sample(attempt: attempt.id, "issue"), replacing: projection)
    #expect(try db.projectionMismatch(attempt: attempt.id, atSeq: 2, rebuilt: projection) == .same)
    #expect(try db.projectionMismatch(attempt: attempt.id, atSeq: 1, rebuilt: projection) == .moved)
    var other = rows
    other[0].state = "open"
    #expect(
      try db.projectionMismatch(attempt: attempt.id, atSeq: 2, rebuilt: Projection(cases: other, reviews: [], notices: []))
        == .differs("the case row of T001 does not match the log: state is 'issued', the log gives 'open'"))
  }
}

/// Recorded attempts written in one go (`appendActions`, as `bench-runtime` and imports do) and
/// compared in memory, column by column, with rows rebuilt from their log.
@Suite("Store: appended logs and in-memory projection comparison")
struct AppendedLogTests {
  static func projection(attempt: Int64) -> Projection {
    Projection(
      cases: [
        CaseRow(
          attempt: attempt, ticket: "T001", state: "filed", outcome: .supplement, defects: ["D04", "D11"], maker: "olivia",
          checker: "noah", noticeAt: "2017-07-03T10:00+08:00", deadline: "2017-07-10", retainUntil: "2020-07-03"),
        CaseRow(attempt: attempt, ticket: "T002", state: "open", deadline: "2017-07-11"),
      ],
      reviews: [
        ReviewRow(ticket: "T001", round: 1, maker: "olivia", reviewer: "noah", verdict: .return, reason: "D11 missed", at: "2017-07-03T09:40+08:00"),
        ReviewRow(ticket: "T001", round: 1, maker: "olivia", reviewer: "noah", verdict: .agree, reason: nil, at: "2017-07-03T09:55+08:00"),
      ],
      notices: [
        NoticeRow(
          ticket: "T001", round: 1, outcome: .supplement, defects: ["D04", "D11"], referTo: nil, maker: "olivia", checker: "noah",
          issuedAt: "2017-07-03T10:00+08:00", onTime: true)
      ])
  }

  @Test("appendActions with a result and a projection: verify finds the records intact, the rows follow")
  func appendedAttemptVerifies() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    let a = try db.startAttempt(.sample(trainee: t.id))
    let p = Self.projection(attempt: a.id)
    try db.appendActions(
      (1...3).map { NewAction.sample(attempt: a.id, "advance", "{\"n\":\($0)}") }, attempt: a.id,
      finishing: AttemptResult(overall: 90, decisions: 90, doubleReview: 100, timeLimits: 80, passed: true, json: "{}"), projection: p)
    #expect(try db.verify().map(\.description) == [])
    #expect(try db.cases(attempt: a.id).count == 2)
    #expect(try db.projectionMismatch(attempt: a.id, atSeq: 3, rebuilt: p) == .same)
    // Each kind of column differs in turn: text, a JSON array, an integer, a Boolean, a null.
    var q = p
    q.notices![0].onTime = false
    #expect(try db.projectionMismatch(attempt: a.id, atSeq: 3, rebuilt: q)
      == .differs("the notice of T001 (round 1) does not match the log: onTime is 1, the log gives 0"))
    q = p
    q.cases![0].defects = ["D04"]
    #expect(try db.projectionMismatch(attempt: a.id, atSeq: 3, rebuilt: q)
      == .differs("the case row of T001 does not match the log: defects is '[\"D04\",\"D11\"]', the log gives '[\"D04\"]'"))
    q = p
    q.reviews![1].reason = "late"
    #expect(try db.projectionMismatch(attempt: a.id, atSeq: 3, rebuilt: q)
      == .differs("review 2 of T001 does not match the log: reason is empty, the log gives 'late'"))
    q = p
    q.reviews!.removeLast()
    #expect(try db.projectionMismatch(attempt: a.id, atSeq: 3, rebuilt: q) == .differs("review 2 of T001 is not in the log: its row was added by hand"))
    // Two rebuilt rows with one key cannot be compared (the table's key would refuse them too).
    q = p
    q.cases!.append(q.cases![0])
    #expect(throws: StoreError.self) { try db.projectionMismatch(attempt: a.id, atSeq: 3, rebuilt: q) }
  }
}
