import Foundation
import PermitCore
import Testing

@testable import PermitStore

/// Issue 8 item 6: typed records. Defects are JSON arrays in their columns; a file written before
/// (codes joined by spaces) is converted by migration "typed-defects" and still verifies.
@Suite struct TypedRecordTests {
  @Test func defectsAreStoredAsJSONArrays() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 0)
    let notice = NoticeRow(
      ticket: "T001", round: 1, outcome: .supplement, defects: ["stale:criminal-record", "missing:degree"], referTo: nil,
      maker: "trainee:ada", checker: "Li Wei", issuedAt: "2017-07-03T09:22+08:00", onTime: true)
    let row = CaseRow(
      attempt: attempt.id, ticket: "T001", state: "notice-issued", outcome: .supplement, defects: notice.defects,
      deadline: "2017-07-10")
    _ = try db.appendAction(.sample(attempt: attempt.id, "issue"), replacing: Projection(cases: [row], reviews: [], notices: [notice]))
    try db.recordRehearsal(person: "Wang", applicant: "SPEC1", type: "overseas-notification", outcome: .refuse, defects: ["jurisdiction \"x\""])
    #expect(try db.rawStrings("SELECT defects FROM caseRow") == [#"["stale:criminal-record","missing:degree"]"#])
    #expect(try db.rawStrings("SELECT defects FROM notice") == [#"["stale:criminal-record","missing:degree"]"#])
    #expect(try db.rawStrings("SELECT defects FROM rehearsal") == [#"["jurisdiction \"x\""]"#])
    #expect(try db.cases(attempt: attempt.id) == [row])
    #expect(try db.notices(attempt: attempt.id) == [notice])
    #expect(try db.rehearsalStats(person: "Wang").submissions == 1)
  }

  @Test func aFileWrittenBeforeIsConvertedAndStillVerifies() throws {
    try withTemporaryPath { path in
      // A file as the previous build left it: defects joined by spaces, migration "typed-defects" not run.
      do {
        let db = try SandboxDatabase(path: path)
        let t = try db.upsertTrainee(name: "olivia", cohort: nil)
        let a = try db.startAttempt(.sample(trainee: t.id))
        _ = try db.appendAction(.sample(attempt: a.id, "issue"), replacing: nil)
        try db.finishAttempt(
          id: a.id, result: AttemptResult(overall: 80, decisions: 80, doubleReview: 80, timeLimits: 80, passed: true, json: "{}"))
        try db.executeRaw(
          """
          INSERT INTO caseRow (attempt, ticket, state, outcome, defects, deadline)
            VALUES (\(a.id), 'T001', 'notice-issued', 'supplement', 'stale:criminal-record missing:degree', '2017-07-10');
          INSERT INTO caseRow (attempt, ticket, state, outcome, defects, deadline)
            VALUES (\(a.id), 'T002', 'filed', 'accept', '', '2017-07-10');
          INSERT INTO notice (attempt, ticket, round, outcome, defects, maker, checker, issuedAt, onTime)
            VALUES (\(a.id), 'T001', 1, 'supplement', 'stale:criminal-record missing:degree', 'ada', 'Li Wei', 'x', 1);
          INSERT INTO rehearsal (person, applicant, type, outcome, defects, at)
            VALUES ('Wang', 'SPEC1', 'overseas-notification', 'supplement', 'missing:degree', 'x');
          DELETE FROM grdb_migrations WHERE identifier = 'typed-defects';
          """)
        // Read before the migration (as a read-only opening would): both forms are understood.
        #expect(try db.cases(attempt: a.id).first?.defects == ["stale:criminal-record", "missing:degree"])
      }
      let db = try SandboxDatabase(path: path)
      #expect(try db.rawStrings("SELECT defects FROM caseRow ORDER BY ticket") == [#"["stale:criminal-record","missing:degree"]"#, "[]"])
      #expect(try db.rawStrings("SELECT defects FROM notice") == [#"["stale:criminal-record","missing:degree"]"#])
      #expect(try db.rawStrings("SELECT defects FROM rehearsal") == [#"["missing:degree"]"#])
      let a = try #require(try db.attempts(trainee: nil, scenario: nil, cohort: nil).first)
      #expect(a.mode == .practice && a.post == .a && a.status == .finished)
      #expect(try db.notices(attempt: a.id).first?.outcome == .supplement)
      // The hash chain and seals cover the attempt as it was written: nothing was re-sealed.
      #expect(try db.verify() == [])
    }
  }

  @Test func theEnumsUseTheColumnsTexts() {
    #expect(AttemptMode.allCases.map(\.rawValue) == ["practice", "assessment", "autoplay"])
    #expect(TraineePost.allCases.map(\.rawValue) == ["A", "B"])
    #expect(AttemptStatus.allCases.map(\.rawValue) == ["open", "finished", "abandoned"])
    #expect(ReviewRow.Verdict.allCases.map(\.rawValue) == ["agree", "return"])
    #expect(Outcome.allCases.map(\.rawValue) == ["accept", "accept-pending", "supplement", "refuse"])
  }
}
