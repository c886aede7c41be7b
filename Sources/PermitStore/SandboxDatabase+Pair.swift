internal import GRDB
import PermitLocalization
import PermitCore

// Pair attempts (issue 14): two trainees share one attempt, post A (the attempt's `trainee`, who
// started it) and post B (its `partner`). The partner column is part of the attempt's hash, so who
// gets credit cannot be changed without `verify` noticing; each participant's result is a row of
// `participant`, hashed from the attempt's result hash (and so from the log it was scored on), and
// HMAC-signed in a room like every other record.

/// The result of one trainee in a finished pair attempt.
public struct ParticipantResult: Sendable, Hashable {
  /// Post A or B.
  public var post: TraineePost
  /// The trainee's row id.
  public var trainee: Int64
  /// Overall score 0–100.
  public var overall: Int
  /// Decisions score 0–100.
  public var decisions: Int
  /// Double-review score 0–100.
  public var doubleReview: Int
  /// Time-limits score 0–100.
  public var timeLimits: Int
  /// Whether the pass mark was reached.
  public var passed: Bool
  /// The full result as JSON (the runtime's format).
  public var json: String

  /// Creates a participant's result.
  public init(post: TraineePost, trainee: Int64, overall: Int, decisions: Int, doubleReview: Int, timeLimits: Int, passed: Bool, json: String) {
    self.post = post
    self.trainee = trainee
    self.overall = overall
    self.decisions = decisions
    self.doubleReview = doubleReview
    self.timeLimits = timeLimits
    self.passed = passed
    self.json = json
  }
}

extension Schema {
  /// The "pair-mode" migration: the attempt's partner (post B, hashed with the attempt) and one
  /// result per participant (append-only, hashed).
  static func pairMode(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE attempt ADD COLUMN partner INTEGER REFERENCES trainee(id) ON DELETE RESTRICT;
        CREATE INDEX attempt_partner ON attempt(partner, status) WHERE partner IS NOT NULL;
        CREATE TRIGGER attempt_partner_final BEFORE UPDATE OF partner ON attempt
          BEGIN SELECT RAISE(ABORT, 'the partner of an attempt is part of its hash and cannot change'); END;
        CREATE TABLE participant (
          attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE RESTRICT,
          post TEXT NOT NULL CHECK (post IN ('A', 'B')),
          trainee INTEGER NOT NULL REFERENCES trainee(id) ON DELETE RESTRICT,
          overall INTEGER NOT NULL CHECK (overall BETWEEN 0 AND 100),
          decisions INTEGER NOT NULL CHECK (decisions BETWEEN 0 AND 100),
          doubleReview INTEGER NOT NULL CHECK (doubleReview BETWEEN 0 AND 100),
          timeLimits INTEGER NOT NULL CHECK (timeLimits BETWEEN 0 AND 100),
          passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
          resultJSON TEXT NOT NULL,
          resultHash TEXT NOT NULL CHECK (length(resultHash) = 64),
          PRIMARY KEY (attempt, post)
        ) STRICT;
        CREATE INDEX participant_trainee ON participant(trainee);
        CREATE TRIGGER participant_no_update BEFORE UPDATE ON participant
          BEGIN SELECT RAISE(ABORT, 'a recorded result cannot change'); END;
        CREATE TRIGGER participant_no_delete BEFORE DELETE ON participant
          BEGIN SELECT RAISE(ABORT, 'a recorded result cannot be deleted'); END;
        """)
  }
}

extension Chain {
  /// The hash of one participant's result in a pair attempt, chained from the attempt's result
  /// hash (which pins the log it was scored on).
  static func participantHash(
    attemptResultHash: String, post: String, trainee: Int64, traineeName: String?, overall: Int, decisions: Int,
    doubleReview: Int, timeLimits: Int, passed: Bool, resultJSON: String, key: RecordKey?
  ) -> String {
    digest(
      attemptResultHash
        + canonical(
          "participant",
          [
            post, String(trainee), traineeName, String(overall), String(decisions), String(doubleReview),
            String(timeLimits), passed ? "1" : "0", resultJSON,
          ]),
      key: key)
  }
}

extension SandboxDatabase {
  /// Records the participants' results of a pair attempt just closed (inside the closing
  /// transaction): each hashed from the attempt's result hash.
  static func insertParticipants(_ db: Database, attempt: Int64, _ results: [ParticipantResult], key: RecordKey?) throws {
    guard let resultHash = try String.fetchOne(db, sql: "SELECT resultHash FROM attempt WHERE id = ?", arguments: [attempt])
    else { throw StoreError.unknownAttempt(attempt) }
    for r in results {
      for value in [r.overall, r.decisions, r.doubleReview, r.timeLimits] where !(0...100).contains(value) {
        throw StoreError.invalidArgument("a participant's score must be between 0 and 100, not \(value).")
      }
      let name = try String.fetchOne(db, sql: "SELECT name FROM trainee WHERE id = ?", arguments: [r.trainee])
      let hash = Chain.participantHash(
        attemptResultHash: resultHash, post: r.post.rawValue, trainee: r.trainee, traineeName: name, overall: r.overall,
        decisions: r.decisions, doubleReview: r.doubleReview, timeLimits: r.timeLimits, passed: r.passed,
        resultJSON: r.json, key: key)
      try db.execute(
        sql: """
          INSERT INTO participant (attempt, post, trainee, overall, decisions, doubleReview, timeLimits, passed,
            resultJSON, resultHash)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [attempt, r.post.rawValue, r.trainee, r.overall, r.decisions, r.doubleReview, r.timeLimits, r.passed, r.json, hash])
    }
  }

  /// Finishes an open pair attempt with post A's result on the attempt and every participant's
  /// result beside it, in one transaction.
  public func finishAttempt(id: Int64, result: AttemptResult, participants: [ParticipantResult]) throws {
    try write { db in
      try Self.close(
        db, id: id, status: .finished, overall: result.overall, decisions: result.decisions,
        doubleReview: result.doubleReview, timeLimits: result.timeLimits, passed: result.passed, resultJSON: result.json,
        build: build, key: key, path: path)
      try Self.insertParticipants(db, attempt: id, participants, key: key)
    }
  }

  /// The open pair attempts a trainee is the partner (post B) of, newest last.
  public func openPairAttempts(partner: Int64) throws -> [AttemptRecord] {
    try read { db in
      guard try db.columns(in: "attempt").contains(where: { $0.name == "partner" }) else { return [] }
      return try Table.Attempt.fetchAll(
        db, sql: "SELECT * FROM attempt WHERE partner = ? AND status = 'open' ORDER BY id", arguments: [partner]
      ).map(\.value)
    }
  }

  /// Every open pair attempt, oldest first (where a trainer's `reassign` may have seated someone
  /// other than the attempt's trainee and partner).
  public func openPairAttempts() throws -> [AttemptRecord] {
    try read { db in
      guard try db.columns(in: "attempt").contains(where: { $0.name == "partner" }) else { return [] }
      return try Table.Attempt.fetchAll(
        db, sql: "SELECT * FROM attempt WHERE partner IS NOT NULL AND status = 'open' ORDER BY id"
      ).map(\.value)
    }
  }

  /// The instructor events of an attempt's log (verb `inject`: a trainer's events and post
  /// reassignments), in log order.
  public func instructorActions(attempt: Int64) throws -> [ActionRecord] {
    try read { db in
      typealias Columns = Table.Action.Columns
      return try Table.Action.filter(Columns.attempt == attempt && Columns.verb == "inject").order(Columns.seq).fetchAll(db).map(\.value)
    }
  }

  /// Attempts per person, oldest first: like ``attempts(trainee:scenario:cohort:)``, plus each pair
  /// attempt once more as its partner's record (`trainee` the partner, `partner` post A, post `B`,
  /// and once finished post B's own scores), filtered by the partner and the partner's cohort.
  /// What curriculum credit and `report` count.
  public func attempts(participant trainee: Int64?, scenario: String?, cohort: String?) throws -> [AttemptRecord] {
    let own = try attempts(trainee: trainee, scenario: scenario, cohort: cohort)
    let partnered: [AttemptRecord] = try read { db in
      guard try db.tableExists("participant") else { return [] }
      let (filters, arguments) = SandboxDatabase.attemptFilter(person: "attempt.partner", trainee, scenario, cohort)
      let conditions = ["attempt.partner IS NOT NULL"] + filters
      let sql = "SELECT attempt.* FROM attempt JOIN trainee ON trainee.id = attempt.partner WHERE "
        + conditions.joined(separator: " AND ") + " ORDER BY attempt.id"
      return try Table.Attempt.fetchAll(db, sql: sql, arguments: arguments).map { row in
        var a = row.value
        a.partner = row.trainee
        a.trainee = row.partner ?? row.trainee
        a.post = .b
        if let p = try Row.fetchOne(db, sql: "SELECT * FROM participant WHERE attempt = ? AND post = 'B'", arguments: [a.id]) {
          a.overall = p["overall"]
          a.decisions = p["decisions"]
          a.doubleReview = p["doubleReview"]
          a.timeLimits = p["timeLimits"]
          a.passed = p["passed"]
          a.resultJSON = p["resultJSON"]
        }
        return a
      }
    }
    return (own + partnered).enumerated().sorted { ($0.element.id, $0.offset) < ($1.element.id, $1.offset) }.map(\.element)
  }

  /// The participants' results of a pair attempt (post A, then B); empty for other attempts.
  public func participants(attempt: Int64) throws -> [ParticipantResult] {
    try read { db in
      guard try db.tableExists("participant") else { return [] }
      return try Row.fetchAll(db, sql: "SELECT * FROM participant WHERE attempt = ? ORDER BY post", arguments: [attempt]).map {
        ParticipantResult(
          post: TraineePost(rawValue: $0["post"]) ?? .a, trainee: $0["trainee"], overall: $0["overall"], decisions: $0["decisions"],
          doubleReview: $0["doubleReview"], timeLimits: $0["timeLimits"], passed: $0["passed"], json: $0["resultJSON"])
      }
    }
  }

  /// `verify` of a pair attempt's participants: a finished pair attempt has one result per post,
  /// for its trainee and its partner, each matching its hash; other attempts have none.
  static func verifyParticipants(
    _ db: Database, _ record: Table.StoredAttempt, resultHash: String?, key: RecordKey?, recompute: Bool,
    _ report: (Int64?, Int64?, String) -> Void
  ) throws {
    guard try db.tableExists("participant") else { return }
    let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM participant WHERE attempt = ? ORDER BY post"), arguments: [record.id])
    guard let partner = record.partner else {
      if !rows.isEmpty { report(record.id, nil, L10n.t("verify.pair.not-a-pair")) }
      return
    }
    guard record.status == "finished", let resultHash else {
      if !rows.isEmpty { report(record.id, nil, L10n.t("verify.pair.not-finished", L10n.catalog(Language.current)["store.status." + record.status] ?? record.status)) }
      return
    }
    let expected = ["A": record.trainee, "B": partner]
    for post in ["A", "B"] where !rows.contains(where: { ($0["post"] as String) == post }) {
      report(record.id, nil, L10n.t("verify.pair.missing", post))
    }
    for row in rows {
      let post: String = row["post"]
      let trainee: Int64 = row["trainee"]
      if expected[post] != trainee {
        report(record.id, nil, L10n.t("verify.pair.trainee", post, trainee))
      }
      let name = try String.fetchOne(db, sql: "SELECT name FROM trainee WHERE id = ?", arguments: [trainee])
      let hash = Chain.participantHash(
        attemptResultHash: resultHash, post: post, trainee: trainee, traineeName: name, overall: row["overall"],
        decisions: row["decisions"], doubleReview: row["doubleReview"], timeLimits: row["timeLimits"],
        passed: row["passed"], resultJSON: row["resultJSON"], key: key)
      if recompute && hash != (row["resultHash"] as String) {
        let overall: Int = row["overall"]
        report(
          record.id, nil,
          "the stored result of post \(post) (overall \(overall)) no longer matches its hash: the score or who it credits was edited")
      }
    }
  }
}
