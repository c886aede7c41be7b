import PermitCore
import Testing

@testable import PermitStore

/// Reviews and notices are saved with the action that produced them, in one transaction.
@Suite struct ReviewNoticeProjectionTests {
  @Test func reviewsAndNoticesAreReplacedWithEachAction() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 0)
    let review = ReviewRow(ticket: "T001", round: 1, maker: "trainee:ada", reviewer: "Li Wei", verdict: .agree, reason: nil, at: "2017-07-03T09:20+08:00")
    let notice = NoticeRow(
      ticket: "T001", round: 1, outcome: .supplement, defects: ["stale:criminal-record"], referTo: nil, maker: "trainee:ada",
      checker: "Li Wei", issuedAt: "2017-07-03T09:22+08:00", onTime: true)
    _ = try db.appendAction(.sample(attempt: attempt.id, "review"), replacing: Projection(cases: nil, reviews: [review], notices: []))
    #expect(try db.reviews(attempt: attempt.id) == [review])
    #expect(try db.notices(attempt: attempt.id).isEmpty)
    _ = try db.appendAction(.sample(attempt: attempt.id, "issue"), replacing: Projection(cases: nil, reviews: [review], notices: [notice]))
    #expect(try db.notices(attempt: attempt.id) == [notice])
    // nil leaves a projection as it is.
    _ = try db.appendAction(.sample(attempt: attempt.id, "queue"), replacing: Projection(cases: nil, reviews: nil, notices: nil))
    #expect(try db.notices(attempt: attempt.id) == [notice])
    #expect(try db.actions(attempt: attempt.id).count == 3)
  }

  @Test func theSchemaRefusesASelfReviewAndASingleSignatureNotice() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 0)
    let selfReview = ReviewRow(ticket: "T001", round: 1, maker: "ada", reviewer: "ada", verdict: .agree, reason: nil, at: "2017-07-03T09:20+08:00")
    #expect(throws: (any Error).self) {
      _ = try db.appendAction(.sample(attempt: attempt.id, "review"), replacing: Projection(cases: nil, reviews: [selfReview], notices: nil))
    }
    // The failed transaction appended nothing.
    #expect(try db.actions(attempt: attempt.id).isEmpty)
    let oneSigner = NoticeRow(ticket: "T001", round: 1, outcome: .accept, defects: [], referTo: nil, maker: "ada", checker: "ada", issuedAt: "x", onTime: true)
    #expect(throws: (any Error).self) {
      _ = try db.appendAction(.sample(attempt: attempt.id, "issue"), replacing: Projection(cases: nil, reviews: nil, notices: [oneSigner]))
    }
  }
}
