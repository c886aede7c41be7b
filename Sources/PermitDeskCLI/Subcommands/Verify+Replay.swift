import Foundation
import PermitLocalization
import PermitContent
import PermitStore
import PermitTraining

// Replaying recorded attempts for `verify`: re-scoring finished ones (`--rescore`) and rebuilding
// every attempt's case, review and notice rows (moved out of Report.swift, which stays under 400 lines).

extension PermitDesk.Verify {
    /// What re-scoring found: problems, attempts not comparable because their content changed, and
    /// how many were re-scored.
    struct Rescored {
      var problems: [String] = []
      var changed: [String] = []
      var rescored = 0
      /// Attempts whose projection rows were compared on the same replay (see `projections`).
      var projected: Set<Int64> = []
    }

    /// Re-scores finished attempts from their logs on `jobs` threads (each with its own content
    /// library and course; the database is read concurrently). Messages come back in attempt order.
    /// For the attempts in `projections`, the replay that re-scores them also checks their case,
    /// review and notice rows when it covers their whole log (`Rescored.projected`).
    static func rescore(
      _ attempts: [AttemptRecord], names: [Int64: String], root: String, db: SandboxDatabase, jobs: Int, files: [String] = [],
      projections: Set<Int64> = []
    ) throws -> Rescored {
      let n = max(1, min(jobs, attempts.count))
      final class Collected: @unchecked Sendable {  // every access holds `lock`
        let lock = NSLock()
        var problems: [(Int64, String)] = []
        var changed: [(Int64, String)] = []
        var rescored = 0
        var projected: Set<Int64> = []
        var failure: Error?
      }
      let all = Collected()
      let readers = try db.concurrentReaders(n)
      DispatchQueue.concurrentPerform(iterations: n) { worker in
        let db = readers[worker % readers.count]
        let course = Course(library: ContentLibrary(root: root))
        for f in files { _ = course.addScenarioFile(f) }  // checked by the caller
        let setups = SetupCache()
        var mine = Rescored()
        var myProblems: [(Int64, String)] = []
        var myChanged: [(Int64, String)] = []
        do {
          for a in stride(from: worker, to: attempts.count, by: n).map({ attempts[$0] }) {
            let rebuilt: RecordedAttempt
            switch try RecordedAttempt.rebuild(a, trainee: names[a.trainee] ?? "?", course: course, db: db, setups: setups) {
            case .failure(let e):
              if !course.scenarioIDs.contains(a.scenarioID) {
                // A trainer's own file (played by path), or a scenario since removed from the content.
                myProblems.append((a.id,
                  L10n.t("verify.rescore.no-scenario", a.id, a.scenarioID, a.contentHash, root)))
              } else {
                myProblems.append((a.id, L10n.t("verify.rescore.cannot", a.id, e.message)))
              }
              continue
            case .success(let r): rebuilt = r
            }
            if projections.contains(a.id) {
              switch try compareProjection(a, rebuilt, course: course, db: db) {
              case .moved: break  // actions after the result: checked on a replay of the whole log
              case .same: mine.projected.insert(a.id)
              case .problem(let p):
                mine.projected.insert(a.id)
                myProblems.append((a.id, p))
              case .changed(let c):
                mine.projected.insert(a.id)
                myChanged.append((a.id, c))
              }
            }
            let card = rebuilt.score(module: a.moduleID, course: course)
            mine.rescored += 1
            if a.overall != card.overall || a.decisions != card.decisions || a.doubleReview != card.doubleReview
              || a.timeLimits != card.timeLimits || a.passed != card.passed
            {
              if course.contentChanged(a.contentHash, scenario: a.scenarioID) {
                // Not evidence against the record: the scenario, a policy pack or a calendar it was
                // played on has changed since.
                myChanged.append((a.id,
                  L10n.t("verify.rescore.content-changed", a.id, a.scenarioID, card.overall, a.overall ?? -1)))
              } else {
                myProblems.append((a.id,
                  L10n.t("verify.rescore.differs", a.id, a.overall ?? -1, a.passed ?? false, card.overall, card.passed)))
              }
            }
            // A pair attempt: post B's own result must follow from the same log.
            if a.partner != nil, let b = try db.participants(attempt: a.id).first(where: { $0.post == .b }) {
              let cardB = Scorer.score(rebuilt.runner, post: .b, passMark: course.passMark(of: a.moduleID), module: course.module(named: a.moduleID))
              if (b.overall, b.decisions, b.doubleReview, b.timeLimits, b.passed) != (cardB.overall, cardB.decisions, cardB.doubleReview, cardB.timeLimits, cardB.passed)
                && !course.contentChanged(a.contentHash, scenario: a.scenarioID)
              {
                myProblems.append((a.id,
                  L10n.t("verify.rescore.differs-b", a.id, b.overall, b.passed, cardB.overall, cardB.passed)))
              }
            }
          }
        } catch {
          all.lock.withLock { all.failure = error }
        }
        all.lock.withLock {
          all.problems += myProblems
          all.changed += myChanged
          all.rescored += mine.rescored
          all.projected.formUnion(mine.projected)
        }
      }
      if let failure = all.failure { throw failure }
      return Rescored(
        problems: all.problems.sorted { $0.0 < $1.0 }.map(\.1), changed: all.changed.sorted { $0.0 < $1.0 }.map(\.1), rescored: all.rescored,
        projected: all.projected)
    }

  /// What rebuilding the projections (case, review and notice rows) from the logs found.
  struct Projections {
    /// Rows that do not follow from their log (content unchanged): evidence of an edit.
    var problems: [String] = []
    /// Rows that differ from a log replayed on content changed since the attempt: not evidence.
    var changed: [String] = []
    /// Attempts not compared, with the reason (scenario not in the content, a log still moving).
    var skipped: [String] = []
    /// Attempts compared.
    var compared = 0
  }

  /// What comparing one attempt's stored projection with its rebuilt one found.
  enum ProjectionVerdict {
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
  static func compareProjection(
    _ a: AttemptRecord, _ rebuilt: RecordedAttempt, course: Course, db: SandboxDatabase
  ) throws -> ProjectionVerdict {
    let projection = Repl.projection(rebuilt.runner.session, attempt: a.id)
    switch try db.projectionMismatch(attempt: a.id, atSeq: rebuilt.lastSeq, rebuilt: projection) {
    case .moved: return .moved
    case .same: return .same
    case .differs(let what):
      if course.contentChanged(a.contentHash, scenario: a.scenarioID) {
        return .changed(
          L10n.t("verify.projection.content-changed", a.id, a.scenarioID, what))
      }
      return .problem("attempt #\(a.id): \(what)")
    }
  }

  /// Rebuilds every attempt's projection from its whole log (on `jobs` threads, each with its own
  /// course) and compares it with the stored rows, naming the first row that differs per attempt.
  static func checkProjections(
    _ attempts: [AttemptRecord], names: [Int64: String], root: String, db: SandboxDatabase, jobs: Int, files: [String] = []
  ) throws -> Projections {
    let n = max(1, min(jobs, attempts.count))
    final class Collected: @unchecked Sendable {  // every access holds `lock`
      let lock = NSLock()
      var problems: [(Int64, String)] = []
      var changed: [(Int64, String)] = []
      var skipped: [(Int64, String)] = []
      var compared = 0
      var failure: Error?
    }
    let all = Collected()
    let readers = try db.concurrentReaders(n)
    DispatchQueue.concurrentPerform(iterations: n) { worker in
      let db = readers[worker % readers.count]
      let course = Course(library: ContentLibrary(root: root))
      for f in files { _ = course.addScenarioFile(f) }  // checked by the caller
      let setups = SetupCache()
      var problems: [(Int64, String)] = []
      var changed: [(Int64, String)] = []
      var skipped: [(Int64, String)] = []
      var compared = 0
      do {
        for index in stride(from: worker, to: attempts.count, by: n) {
          var a = attempts[index]
          var settled = false
          // A live session may write between the replay and the comparison: then replay again.
          for _ in 0..<3 where !settled {
            a = try db.attempt(id: a.id) ?? a
            let rebuilt: RecordedAttempt
            switch try RecordedAttempt.rebuild(a, trainee: names[a.trainee] ?? "?", course: course, db: db, setups: setups, throughEnd: true) {
            case .failure(let e):
              skipped.append((a.id, L10n.t("verify.projection.not-rebuilt", a.id, a.scenarioID, e.message)))
              settled = true
              continue
            case .success(let r): rebuilt = r
            }
            switch try compareProjection(a, rebuilt, course: course, db: db) {
            case .moved: continue
            case .same: break
            case .problem(let p): problems.append((a.id, p))
            case .changed(let c): changed.append((a.id, c))
            }
            compared += 1
            settled = true
          }
          if !settled { skipped.append((a.id, L10n.t("verify.projection.busy", a.id))) }
        }
      } catch {
        all.lock.withLock { all.failure = error }
      }
      all.lock.withLock {
        all.problems += problems
        all.changed += changed
        all.skipped += skipped
        all.compared += compared
      }
    }
    if let failure = all.failure { throw failure }
    func ordered(_ list: [(Int64, String)]) -> [String] { list.sorted { $0.0 < $1.0 }.map(\.1) }
    return Projections(problems: ordered(all.problems), changed: ordered(all.changed), skipped: ordered(all.skipped), compared: all.compared)
  }
}
