import PermitCore
import Testing

@testable import PermitStore

/// One command, one transaction: the action, only the changed tickets' rows, the snapshot and the
/// result; a fault injected through the seam rolls all of it back.
@Suite struct CommandCommitTests {
  static func row(_ attempt: Int64, _ ticket: String, _ state: String) -> CaseRow {
    CaseRow(attempt: attempt, ticket: ticket, state: state, outcome: nil, defects: [], maker: nil, checker: nil, noticeAt: nil, deadline: "2017-07-10", retainUntil: nil)
  }

  static let result = AttemptResult(overall: 80, decisions: 90, doubleReview: 70, timeLimits: 80, passed: true, json: "{}")

  @Test func onlyTheChangedTicketsAreRewritten() throws {
    let (db, a) = try makeDatabaseWithAttempt(actions: 0)
    let all = Projection(cases: [Self.row(a.id, "T001", "received"), Self.row(a.id, "T002", "received")], reviews: [], notices: [])
    _ = try db.commit(CommandCommit(action: .sample(attempt: a.id, "advance"), projection: all, tickets: nil))
    let one = Projection(cases: [Self.row(a.id, "T002", "proposed")], reviews: [], notices: [])
    _ = try db.commit(CommandCommit(action: .sample(attempt: a.id, "decide"), projection: one, tickets: ["T002"]))
    #expect(try db.cases(attempt: a.id).map(\.state) == ["received", "proposed"])
    #expect(try db.actions(attempt: a.id).map(\.verb) == ["advance", "decide"])
  }

  @Test(arguments: [FaultSeam.Fault.full, .busy])
  func anInjectedFaultRollsBackEverything(fault: FaultSeam.Fault) throws {
    var (db, a) = try makeDatabaseWithAttempt(actions: 0)
    let seam = FaultSeam()
    db.faults = seam
    let first = Projection(cases: [Self.row(a.id, "T001", "received")], reviews: [], notices: [])
    _ = try db.commit(CommandCommit(action: .sample(attempt: a.id, "advance"), projection: first, tickets: nil))
    seam.fail(commit: 1, with: fault)
    let finish = Projection(cases: [Self.row(a.id, "T001", "deemed")], reviews: [], notices: [])
    #expect(throws: StoreError.self) {
      _ = try db.commit(CommandCommit(action: .sample(attempt: a.id, "finish"), projection: finish, tickets: ["T001"], result: Self.result, snapshot: "x"))
    }
    #expect(try db.actions(attempt: a.id).map(\.verb) == ["advance"])
    #expect(try db.cases(attempt: a.id).map(\.state) == ["received"])
    #expect(try db.attempt(id: a.id)?.status == .open)
    #expect(try db.snapshots(attempt: a.id).isEmpty)
    #expect(try db.verify().isEmpty)
    // The next commit works, and finishing with it records the result at that action.
    _ = try db.commit(CommandCommit(action: .sample(attempt: a.id, "finish"), projection: finish, tickets: ["T001"], result: Self.result))
    let done = try #require(try db.attempt(id: a.id))
    #expect(done.status == .finished && done.overall == 80 && done.resultSeq == 2)
    #expect(try db.verify().isEmpty)
  }

  @Test func aPlanParses() {
    #expect(FaultSeam(plan: "full@3,busy@5") != nil)
    #expect(FaultSeam(plan: "full") == nil)
    #expect(FaultSeam(plan: "melt@1") == nil)
  }
}
