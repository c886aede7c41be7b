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
