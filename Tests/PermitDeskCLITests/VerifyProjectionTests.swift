import Foundation
import Testing

/// `verify` rebuilds the case, review and notice rows from each attempt's log and recomputes the
/// trainees' seals (cohorts decide reports): an edit made with sqlite3 is named, an untouched
/// database verifies clean (issue 11, deliver 5).
@Suite("verify: projections rebuilt from the log, cohorts sealed")
struct VerifyProjectionTests {
  /// A finished attempt of kim (cohort north) and an open one of lee: cases issued, refused,
  /// reviewed, one still open.
  static func recorded() throws -> Sandbox {
    let box = try Sandbox()
    let actions = ReplProcessTests.actions.joined(separator: "\n")
    let kim = try box.run(["--stop-on-error"], stdin: "login kim --cohort north\nstart m01-s01-jurisdiction\n\(actions)\nfinish --now\n")
    try #require(kim.exited(0), "\(kim.stderr)")
    let lee = try box.run(["--stop-on-error"], stdin: "login lee --cohort south\nstart m01-s01-jurisdiction\n\(actions)\n")
    try #require(lee.exited(0), "\(lee.stderr)")
    return box
  }

  static func edit(_ box: Sandbox, _ sql: String) throws {
    let r = try Shell.sqlite(box.db, sql)
    try #require(r.status == 0 && r.stderr.isEmpty, "sqlite3: \(r.stderr)")
  }

  static func verify(_ box: Sandbox) throws -> CLI.Result { try box.run(["verify"]) }

  @Test("an untouched database verifies clean, also after a legitimate cohort change and a purge")
  func clean() throws {
    let box = try Self.recorded()
    #expect(try Shell.sqlite(box.db, "SELECT count(*) FROM review;").stdout != "0\n")
    #expect(try Shell.sqlite(box.db, "SELECT count(*) FROM notice;").stdout != "0\n")
    var r = try Self.verify(box)
    #expect(r.exited(0) && r.stdout == "verify: the records are intact\n", "\(r.stdout)\(r.stderr)")
    #expect(try box.run([], stdin: "login kim --cohort west\n").exited(0))
    let purge = try box.run(["purge", "--before", "2099-01-01"])
    #expect(purge.exited(0) && !purge.stdout.contains(": 0 filed"), "\(purge.stdout)")
    r = try box.run(["verify", "--rescore"])
    #expect(r.exited(0), "\(r.stdout)\(r.stderr)")
  }

  @Test("a case row edited with sqlite3: verify exits 1 naming the attempt, the ticket and the column")
  func editedCase() throws {
    let box = try Self.recorded()
    try Self.edit(box, "UPDATE caseRow SET outcome = 'accept' WHERE attempt = 2 AND ticket = 'T002';")
    let r = try Self.verify(box)
    #expect(r.exited(1))
    #expect(r.stdout == "verify: attempt #2: the case row of T002 does not match the log: outcome is 'accept', the log gives 'refuse'\n", "\(r.stdout)")
  }

  @Test("a review deleted, a notice added, a case deleted: each is named")
  func deletedAndAdded() throws {
    let box = try Self.recorded()
    try Self.edit(box, "DELETE FROM review WHERE attempt = 1 AND ticket = 'T001';")
    var r = try Self.verify(box)
    #expect(r.exited(1))
    #expect(r.stdout.contains("verify: attempt #1: review 1 of T001 is missing: it is in the log but its row was deleted (not by purge)"), "\(r.stdout)")
    // With --rescore the finished attempt's rows are checked on the replay that re-scores it: the same finding, once.
    r = try box.run(["verify", "--rescore"])
    #expect(r.exited(1))
    #expect(r.stdout.components(separatedBy: "review 1 of T001 is missing").count == 2, "\(r.stdout)")

    let other = try Self.recorded()
    try Self.edit(other, "INSERT INTO notice SELECT attempt, ticket, round + 1, 'accept', '', referTo, maker, checker, issuedAt, onTime FROM notice WHERE attempt = 2 AND ticket = 'T001';")
    r = try Self.verify(other)
    #expect(r.exited(1))
    #expect(r.stdout.contains("verify: attempt #2: the notice of T001 (round 2) is not in the log: its row was added by hand"), "\(r.stdout)")

    let third = try Self.recorded()
    try Self.edit(third, "DELETE FROM caseRow WHERE attempt = 2 AND ticket = 'T003';")
    r = try Self.verify(third)
    #expect(r.exited(1))
    #expect(r.stdout.contains("verify: attempt #2: the case row of T003 is missing"), "\(r.stdout)")
  }

  @Test("commands after finish (queue, checklist): the score is checked on the log it was computed on, the rows on the whole log, on 1 and 2 threads")
  func actionsAfterTheResult() throws {
    let box = try Sandbox()
    let actions = ReplProcessTests.actions.joined(separator: "\n")
    let kim = try box.run(["--stop-on-error"], stdin: "login kim\nstart m01-s01-jurisdiction\n\(actions)\nfinish --now\nqueue\nchecklist\n")
    try #require(kim.exited(0), "\(kim.stderr)")
    let head = try Shell.sqlite(box.db, "SELECT lastSeq > resultSeq FROM attempt WHERE id = 1;")
    #expect(head.stdout == "1\n", "the log goes on after the result: \(head.stdout)")
    for jobs in ["1", "2"] {
      let r = try box.run(["verify", "--rescore", "--jobs", jobs])
      #expect(r.exited(0) && r.stdout == "verify: the records are intact; 1 finished attempt re-scored from its log, as recorded\n", "\(r.stdout)\(r.stderr)")
    }
    try Self.edit(box, "UPDATE caseRow SET outcome = 'accept' WHERE attempt = 1 AND ticket = 'T002';")
    for jobs in ["1", "2"] {
      let r = try box.run(["verify", "--rescore", "--jobs", jobs])
      #expect(r.exited(1))
      #expect(r.stdout == "verify: attempt #1: the case row of T002 does not match the log: outcome is 'accept', the log gives 'refuse'\n", "\(r.stdout)")
    }
  }

  @Test("a cohort changed with sqlite3: verify exits 1 naming the trainee; the report would have moved them")
  func editedCohort() throws {
    let box = try Self.recorded()
    try Self.edit(box, "UPDATE trainee SET cohort = 'south' WHERE name = 'kim';")
    let report = try box.run(["report", "--cohort", "south", "--format", "csv", "--per", "trainee"])
    #expect(report.stdout.contains("\nkim,south,"), "the cohort decides the report: \(report.stdout)")
    let r = try Self.verify(box)
    #expect(r.exited(1))
    #expect(
      r.stdout.contains("verify: trainee #1 (kim, cohort 'south'): the row does not match its seal: its name, cohort or creation time was changed outside PermitDesk"),
      "\(r.stdout)")
  }

  @Test("a case row edited and the content changed since: reported as content changed, not as an edit")
  func contentChanged() throws {
    let fm = FileManager.default
    let box = try Self.recorded()
    let root = box.dir + "/content"
    try fm.createDirectory(atPath: root + "/Scenarios", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/Curriculum", withIntermediateDirectories: true)
    try fm.copyItem(atPath: CLI.root + "/Policies", toPath: root + "/Policies")
    let original = try String(contentsOfFile: CLI.root + "/Scenarios/m01-jurisdiction/m01-s01-jurisdiction.yaml", encoding: .utf8)
    try (original + "\n# changed\n").write(toFile: root + "/Scenarios/day.yaml", atomically: true, encoding: .utf8)
    try Self.edit(box, "UPDATE caseRow SET state = 'open' WHERE attempt = 1 AND ticket = 'T001';")
    let r = try box.run(["verify", "--content", root])
    #expect(r.stdout.contains("verify: attempt #1: content changed since the attempt"), "\(r.stdout)")
    #expect(!r.stdout.contains("verify: attempt #1: the case row"), "\(r.stdout)")
  }
}
