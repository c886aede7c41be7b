internal import GRDB
import PermitCore

// What `verify` reads of an attempt row: the stored texts it hashes, and where each column stands
// (split from Tables.swift to keep each under 400 lines).

extension Table {
  /// An `attempt` row's fields as the texts stored, with its trainee's name: what `verify` hashes.
  /// Mode, post and status stay text here, so that an edited value is reported (its hash no longer
  /// matches) instead of failing to decode, and the hash covers exactly what was written.
  struct StoredAttempt: FetchableRecord {
    var id: Int64
    var trainee: Int64
    var traineeName: String?
    var scenarioID: String
    var contentHash: String
    var seed: Int64
    var policy: String
    var mode: String
    var post: String
    var moduleID: String?
    var status: String
    var startedAt: String
    var finishedAt: String?
    var overall: Int?
    var decisions: Int?
    var doubleReview: Int?
    var timeLimits: Int?
    var passed: Bool?
    var resultJSON: String?
    /// The partner of a pair attempt (hashed with it); absent before the "pair-mode" migration.
    var partner: Int64?

    /// Read by position through `columns` (`verify` reads every attempt row twice; looking a
    /// column up by name lowercases the name on every read). A column absent from an older file
    /// reads as nil.
    init(row: Row, columns c: AttemptColumns) {
      id = row[c.id]
      trainee = row[c.trainee]
      traineeName = c.traineeName.flatMap { row[$0] }
      scenarioID = row[c.scenarioID]
      contentHash = row[c.contentHash]
      seed = row[c.seed]
      policy = row[c.policy]
      mode = row[c.mode]
      post = row[c.post]
      moduleID = c.moduleID.flatMap { row[$0] }
      status = row[c.status]
      startedAt = row[c.startedAt]
      finishedAt = c.finishedAt.flatMap { row[$0] }
      overall = c.overall.flatMap { row[$0] }
      decisions = c.decisions.flatMap { row[$0] }
      doubleReview = c.doubleReview.flatMap { row[$0] }
      timeLimits = c.timeLimits.flatMap { row[$0] }
      passed = c.passed.flatMap { row[$0] }
      resultJSON = c.resultJSON.flatMap { row[$0] }
      partner = c.partner.flatMap { row[$0] }
    }

    init(row: Row) throws { self.init(row: row, columns: AttemptColumns(row.columnNames)) }

    /// The attempt's record, read from the same row; nil when its mode, post or status is not one
    /// this version knows (an edited row: its hash reports it).
    func record(row: Row, columns c: AttemptColumns) -> AttemptRecord? {
      guard let mode = AttemptMode(rawValue: mode), let post = TraineePost(rawValue: post), let status = AttemptStatus(rawValue: status)
      else { return nil }
      var r = AttemptRecord(
        id: id, trainee: trainee, scenarioID: scenarioID, contentHash: contentHash, seed: UInt64(bitPattern: seed),
        policy: policy, mode: mode, post: post, moduleID: moduleID, status: status, startedAt: startedAt,
        finishedAt: finishedAt, overall: overall, decisions: decisions, doubleReview: doubleReview,
        timeLimits: timeLimits, passed: passed, resultJSON: resultJSON)
      r.resultSeq = c.resultSeq.flatMap { row[$0] }
      r.startedBy = c.startedBy.flatMap { row[$0] }
      r.scoredBy = c.scoredBy.flatMap { row[$0] }
      r.partner = partner
      return r
    }
  }

  /// The positions of an attempt row's columns in `SELECT attempt.*, trainee.name AS traineeName`
  /// (computed once per read from the file's own columns: older files lack some).
  struct AttemptColumns {
    let id: Int, trainee: Int, scenarioID: Int, contentHash: Int, seed: Int, policy: Int, mode: Int, post: Int, status: Int
    let startedAt: Int, lastSeq: Int, prevHash: Int, hash: Int
    let traineeName: Int?, moduleID: Int?, finishedAt: Int?, overall: Int?, decisions: Int?, doubleReview: Int?
    let timeLimits: Int?, passed: Int?, resultJSON: Int?, resultSeq: Int?, resultHash: Int?, startedBy: Int?, scoredBy: Int?
    let partner: Int?, headSeal: Int?, seal: Int?

    init<C: Collection<String>>(_ names: C) {
      var at: [String: Int] = [:]
      for (i, name) in names.enumerated() where at[name] == nil { at[name] = i }
      func required(_ name: String) -> Int { at[name] ?? 0 }
      (id, trainee, scenarioID, contentHash, seed) = (required("id"), required("trainee"), required("scenarioID"), required("contentHash"), required("seed"))
      (policy, mode, post, status, startedAt) = (required("policy"), required("mode"), required("post"), required("status"), required("startedAt"))
      (lastSeq, prevHash, hash) = (required("lastSeq"), required("prevHash"), required("hash"))
      (traineeName, moduleID, finishedAt, overall, decisions) = (at["traineeName"], at["moduleID"], at["finishedAt"], at["overall"], at["decisions"])
      (doubleReview, timeLimits, passed, resultJSON, resultSeq) = (at["doubleReview"], at["timeLimits"], at["passed"], at["resultJSON"], at["resultSeq"])
      (resultHash, startedBy, scoredBy, partner, headSeal, seal) = (at["resultHash"], at["startedBy"], at["scoredBy"], at["partner"], at["headSeal"], at["seal"])
    }
  }
}
