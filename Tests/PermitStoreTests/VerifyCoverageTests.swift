import Foundation
import Testing

@testable import PermitStore

/// Issue 11 item 5: `verify` covers the triggers' definitions, the head of each attempt's log and the
/// newest attempt, even when the guard triggers were dropped, used and put back exactly as they were.
@Suite struct VerifyCoverageTests {
  /// Runs `edit` with the named triggers dropped, then recreates them from their own definitions.
  func behindTheTriggers(_ db: SandboxDatabase, _ names: [String], _ edit: String) throws {
    var definitions: [String] = []
    for n in names { definitions.append(try #require(try db.rawStrings("SELECT sql FROM sqlite_master WHERE name = '\(n)'").first ?? nil)) }
    try db.executeRaw(names.map { "DROP TRIGGER \($0);" }.joined() + edit + ";" + definitions.map { $0 + ";" }.joined())
    for n in names { #expect(try db.rawStrings("SELECT name FROM sqlite_master WHERE name = '\(n)'") == [n]) }
  }

  @Test("a guard trigger replaced by a no-op of the same name is reported; so is a trigger added by hand")
  func triggerDefinitions() throws {
    let (db, _) = try makeDatabaseWithAttempt()
    #expect(try db.verify().isEmpty)
    try db.executeRaw("DROP TRIGGER action_no_delete; CREATE TRIGGER action_no_delete BEFORE DELETE ON action BEGIN SELECT 1; END;")
    #expect(try db.verify().map(\.message) == ["the trigger action_no_delete was replaced: its definition is not the schema's (the records may have been edited by hand)"])
    try db.executeRaw("CREATE TRIGGER sneaky AFTER INSERT ON action BEGIN SELECT 1; END;")
    #expect(try db.verify().contains { $0.message.hasPrefix("an unknown trigger sneaky was added by hand") })
  }

  @Test("the last actions deleted and lastSeq lowered (triggers put back) breaks the sealed head")
  func lastActionsDeletedAndEndRewound() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 5)
    try behindTheTriggers(db, ["action_no_delete"], "DELETE FROM action WHERE attempt = \(attempt.id) AND seq > 3; UPDATE attempt SET lastSeq = 3 WHERE id = \(attempt.id)")
    let problems = try db.verify()
    #expect(problems.count == 1 && problems[0].attempt == attempt.id && problems[0].message.contains("does not match the head sealed"), "\(problems)")
    // Appending again after the rewind does not hide it either (the new head chains from action 3).
    let (db2, a2) = try makeDatabaseWithAttempt(actions: 2)
    try db2.executeRaw("UPDATE attempt SET headSeal = 'x' WHERE id = \(a2.id)")
    #expect(try db2.verify().contains { $0.message.contains("does not match the head sealed") })
  }

  @Test("the last attempt deleted and sqlite_sequence wound back (trigger put back) breaks the sandbox seal")
  func lastAttemptDeletedAndSequenceRewound() throws {
    let db = try SandboxDatabase.inMemory()
    let t = try db.upsertTrainee(name: "olivia", cohort: nil)
    _ = try db.startAttempt(.sample(trainee: t.id))
    let last = try db.startAttempt(.sample(trainee: t.id))
    #expect(try db.verify().isEmpty)
    try behindTheTriggers(
      db, ["attempt_no_delete"], "DELETE FROM attempt WHERE id = \(last.id); UPDATE sqlite_sequence SET seq = \(last.id - 1) WHERE name = 'attempt'")
    let problems = try db.verify()
    #expect(problems.count == 1 && problems[0].message.hasPrefix("the newest attempt is not the one sealed"), "\(problems)")
  }

  @Test("text with a NUL is refused by the store (it would be stored cut and hashed whole)")
  func nul() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    #expect(throws: StoreError.self) { try db.appendAction(.sample(attempt: attempt.id, "open", "[\"T\u{0}1\"]")) }
    #expect(throws: StoreError.self) { try db.upsertTrainee(name: "bo\u{0}b", cohort: nil) }
    #expect(throws: StoreError.self) { try db.upsertTrainee(name: "bob", cohort: "c\u{0}") }
    #expect(try db.verify().isEmpty)
  }
}
