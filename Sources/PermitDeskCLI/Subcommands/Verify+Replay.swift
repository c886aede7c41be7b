import Foundation
import PermitLocalization
import PermitContent
import PermitStore
import PermitTraining

// Replaying recorded attempts for `verify`: re-scoring finished ones (`--rescore`) and rebuilding
// every attempt's case, review and notice rows (moved out of Report.swift, which stays under 400 lines).
//
// `verify` checks the hash chain and replays on the same pass: the store checks each attempt's log
// on one of `--jobs` threads and hands the log it read to that thread's ``AttemptInspector``, so
// the log is read once (issue 8: the whole `verify --rescore` over 10,000 attempts in < 5 s).

/// What replaying recorded attempts found, in the order `verify` prints it: each list by attempt.
struct ReplayFindings {
  /// Results that do not follow from their log (content unchanged), and attempts not re-scored.
  var scoreProblems: [(Int64, String)] = []
  /// Results that differ under content changed since the attempt: not evidence.
  var scoreChanged: [(Int64, String)] = []
  /// Projection rows that do not follow from their log (content unchanged): evidence of an edit.
  var projectionProblems: [(Int64, String)] = []
  /// Projection rows that differ under content changed since the attempt: not evidence.
  var projectionChanged: [(Int64, String)] = []
  /// Attempts whose projection was not compared, with the reason.
  var projectionSkipped: [(Int64, String)] = []
  /// Finished attempts re-scored.
  var rescored = 0
  /// Finished attempts not re-scored: scored by an earlier scoring model.
  var older = 0
  /// Attempts whose projection could not be compared because a live session wrote meanwhile.
  var unsettled: [AttemptRecord] = []

  mutating func add(_ other: ReplayFindings) {
    scoreProblems += other.scoreProblems
    scoreChanged += other.scoreChanged
    projectionProblems += other.projectionProblems
    projectionChanged += other.projectionChanged
    projectionSkipped += other.projectionSkipped
    rescored += other.rescored
    older += other.older
    unsettled += other.unsettled
  }

  static func ordered(_ list: [(Int64, String)]) -> [String] { list.sorted { $0.0 < $1.0 }.map(\.1) }
}

/// One thread's replays for `verify`: its own content library, course and setups (built once per
/// scenario), its own database connection. Re-scores finished attempts (scored by today's model)
/// and compares the projection rows of attempts from `projectionsFrom` on, on one replay when the
/// result was computed on the whole log.
final class AttemptInspector {
  let course: Course
  let setups = SetupCache()
  let names: [Int64: String]
  let db: SandboxDatabase
  let rescore: Bool
  let projectionsFrom: Int64
  let root: String
  var found = ReplayFindings()

  init(root: String, files: [String], names: [Int64: String], db: SandboxDatabase, rescore: Bool, projectionsFrom: Int64) {
    course = Course(library: ContentLibrary(root: root))
    for f in files { _ = course.addScenarioFile(f) }  // checked by the caller
    self.root = root
    self.names = names
    self.db = db
    self.rescore = rescore
    self.projectionsFrom = projectionsFrom
  }

  /// Checks one attempt, from `log` (its whole log as `verify` read it) or from the database.
  func inspect(_ a: AttemptRecord, log: [LoggedAction]? = nil) throws {
    var score = false
    if rescore && a.status == .finished {
      // A result scored by an earlier scoring model is not comparable with today's.
      if Repl.scoringModel(a.resultJSON) == Scorer.model { score = true } else { found.older += 1 }
    }
    var project = a.id >= projectionsFrom
    guard score || project else { return }
    let trainee = names[a.trainee] ?? "?"
    if score {
      switch try RecordedAttempt.rebuild(a, trainee: trainee, course: course, db: db, setups: setups, throughEnd: false, log: log) {
      case .failure(let e):
        if !course.scenarioIDs.contains(a.scenarioID) {
          // A trainer's own file (played by path), or a scenario since removed from the content.
          found.scoreProblems.append((a.id, L10n.t("verify.rescore.no-scenario", a.id, a.scenarioID, a.contentHash, root)))
        } else {
          found.scoreProblems.append((a.id, L10n.t("verify.rescore.cannot", a.id, e.message)))
        }
      case .success(let rebuilt):
        // The projection reflects the whole log: compared on this replay when the result was
        // computed on the last action (no `queue` after `finish`).
        if project && (log == nil || rebuilt.lastSeq == log?.last?.seq ?? 0) {
          project = try compare(a, rebuilt) == .moved
        }
        compareScores(a, rebuilt)
      }
    }
    if project {
      switch try RecordedAttempt.rebuild(a, trainee: trainee, course: course, db: db, setups: setups, throughEnd: true, log: log) {
      case .failure(let e):
        found.projectionSkipped.append((a.id, L10n.t("verify.projection.not-rebuilt", a.id, a.scenarioID, e.message)))
      case .success(let rebuilt):
        if try compare(a, rebuilt) == .moved { found.unsettled.append(a) }
      }
    }
  }

  /// Compares the rebuilt projection with the stored rows and records what differs.
  private func compare(_ a: AttemptRecord, _ rebuilt: RecordedAttempt) throws -> Verdict {
    let verdict = try Self.compareProjection(a, rebuilt, course: course, db: db)
    switch verdict {
    case .moved, .same: break
    case .problem(let p): found.projectionProblems.append((a.id, p))
    case .changed(let c): found.projectionChanged.append((a.id, c))
    }
    return verdict
  }

  /// Compares the stored result (and post B's, for a pair) with the one the log gives.
  private func compareScores(_ a: AttemptRecord, _ rebuilt: RecordedAttempt) {
    let card = rebuilt.score(module: a.moduleID, course: course)
    found.rescored += 1
    if a.overall != card.overall || a.decisions != card.decisions || a.doubleReview != card.doubleReview
      || a.timeLimits != card.timeLimits || a.passed != card.passed
    {
      if course.contentChanged(a.contentHash, scenario: a.scenarioID) {
        // Not evidence against the record: the scenario, a policy pack or a calendar it was
        // played on has changed since.
        found.scoreChanged.append((a.id, L10n.t("verify.rescore.content-changed", a.id, a.scenarioID, card.overall, a.overall ?? -1)))
      } else {
        found.scoreProblems.append((a.id, L10n.t("verify.rescore.differs", a.id, a.overall ?? -1, a.passed ?? false, card.overall, card.passed)))
      }
    }
    // A pair attempt: post B's own result must follow from the same log.
    if a.partner != nil, let b = try? db.participants(attempt: a.id).first(where: { $0.post == .b }) {
      let cardB = Scorer.score(rebuilt.runner, post: .b, passMark: course.passMark(of: a.moduleID), module: course.module(named: a.moduleID))
      if (b.overall, b.decisions, b.doubleReview, b.timeLimits, b.passed) != (cardB.overall, cardB.decisions, cardB.doubleReview, cardB.timeLimits, cardB.passed)
        && !course.contentChanged(a.contentHash, scenario: a.scenarioID)
      {
        found.scoreProblems.append((a.id, L10n.t("verify.rescore.differs-b", a.id, b.overall, b.passed, cardB.overall, cardB.passed)))
      }
    }
  }

  /// What comparing one attempt's stored projection with its rebuilt one found.
  enum Verdict: Equatable {
    case same
    /// A row that does not follow from the log (content unchanged).
    case problem(String)
    /// A row that differs under content changed since the attempt.
    case changed(String)
    /// The log moved on since the replay: replay again.
    case moved
  }

  /// Compares the projection of `rebuilt` (attempt `a` replayed through its last action) with the
  /// stored rows.
  static func compareProjection(_ a: AttemptRecord, _ rebuilt: RecordedAttempt, course: Course, db: SandboxDatabase) throws -> Verdict {
    let projection = Repl.projection(rebuilt.runner.session, attempt: a.id)
    switch try db.projectionMismatch(attempt: a.id, atSeq: rebuilt.lastSeq, rebuilt: projection) {
    case .moved: return .moved
    case .same: return .same
    case .differs(let what):
      if course.contentChanged(a.contentHash, scenario: a.scenarioID) {
        return .changed(L10n.t("verify.projection.content-changed", a.id, a.scenarioID, what))
      }
      return .problem("attempt #\(a.id): \(what)")
    }
  }

  /// Runs one inspector per thread over `attempts` (each read from the database) and gathers what
  /// they found.
  static func run(
    _ attempts: [AttemptRecord], jobs: Int, make: @Sendable (_ db: SandboxDatabase) -> AttemptInspector, db: SandboxDatabase
  ) throws -> ReplayFindings {
    let n = max(1, min(jobs, attempts.count))
    let readers = try db.concurrentReaders(n)
    let all = Gathered()
    DispatchQueue.concurrentPerform(iterations: n) { worker in
      let inspector = make(readers[worker % readers.count])
      do {
        for index in stride(from: worker, to: attempts.count, by: n) { try inspector.inspect(attempts[index]) }
      } catch {
        all.lock.withLock { all.failure = error }
      }
      all.lock.withLock { all.found.add(inspector.found) }
    }
    if let failure = all.failure { throw failure }
    return all.found
  }

  /// Findings gathered from several threads.
  final class Gathered: @unchecked Sendable {  // every access holds `lock`
    let lock = NSLock()
    var found = ReplayFindings()
    /// The inspectors of `verify`'s threads (each read after `verify` returns).
    var inspectors: [AttemptInspector] = []
    var failure: Error?
  }
}

extension PermitDesk.Verify {
  /// Re-scores finished attempts from their logs on `jobs` threads (each with its own content
  /// library, course and database connection): `bench-runtime`'s measure of the re-score alone.
  static func rescore(
    _ attempts: [AttemptRecord], names: [Int64: String], root: String, db: SandboxDatabase, jobs: Int, files: [String] = []
  ) throws -> (problems: [String], rescored: Int) {
    let found = try AttemptInspector.run(attempts, jobs: jobs, make: { db in
      AttemptInspector(root: root, files: files, names: names, db: db, rescore: true, projectionsFrom: .max)
    }, db: db)
    return (ReplayFindings.ordered(found.scoreProblems + found.scoreChanged), found.rescored)
  }

  /// Compares again the projections of attempts a live session wrote to while they were compared:
  /// each is read and replayed again, up to three times.
  static func settle(
    _ attempts: [AttemptRecord], names: [Int64: String], root: String, db: SandboxDatabase, files: [String]
  ) throws -> ReplayFindings {
    let inspector = AttemptInspector(root: root, files: files, names: names, db: db, rescore: false, projectionsFrom: 0)
    for original in attempts {
      var settled = false
      for _ in 0..<3 where !settled {
        let a = try db.attempt(id: original.id) ?? original
        let before = inspector.found.unsettled.count
        try inspector.inspect(a)
        settled = inspector.found.unsettled.count == before
        if !settled { inspector.found.unsettled.removeLast() }
      }
      if !settled { inspector.found.projectionSkipped.append((original.id, L10n.t("verify.projection.busy", original.id))) }
    }
    return inspector.found
  }
}
