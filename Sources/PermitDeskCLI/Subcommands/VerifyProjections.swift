import Foundation
import PermitContent
import PermitStore
import PermitTraining

extension PermitDesk.Verify {
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
    _ a: AttemptRecord, _ rebuilt: RecordedAttempt, course: Course, db: SandboxDatabase, scratch: SandboxDatabase.ProjectionScratch
  ) throws -> ProjectionVerdict {
    let projection = Repl.projection(rebuilt.runner.session, attempt: a.id)
    switch try db.projectionMismatch(attempt: a.id, atSeq: rebuilt.lastSeq, rebuilt: projection, scratch: scratch) {
    case .moved: return .moved
    case .same: return .same
    case .differs(let what):
      if course.contentChanged(a.contentHash, scenario: a.scenarioID) {
        return .changed(
          "attempt #\(a.id): content changed since the attempt (\(a.scenarioID), its policy packs or calendars): \(what) under today's content; not evidence that the record was edited")
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
    DispatchQueue.concurrentPerform(iterations: n) { worker in
      let course = Course(library: ContentLibrary(root: root))
      for f in files { _ = course.addScenarioFile(f) }  // checked by the caller
      let setups = SetupCache()
      var problems: [(Int64, String)] = []
      var changed: [(Int64, String)] = []
      var skipped: [(Int64, String)] = []
      var compared = 0
      do {
        let scratch = try SandboxDatabase.ProjectionScratch()
        for index in stride(from: worker, to: attempts.count, by: n) {
          var a = attempts[index]
          var settled = false
          // A live session may write between the replay and the comparison: then replay again.
          for _ in 0..<3 where !settled {
            a = try db.attempt(id: a.id) ?? a
            let rebuilt: RecordedAttempt
            switch try RecordedAttempt.rebuild(a, trainee: names[a.trainee] ?? "?", course: course, db: db, setups: setups, throughEnd: true) {
            case .failure(let e):
              skipped.append((a.id, "attempt #\(a.id) (\(a.scenarioID)): its case, review and notice rows were not rebuilt: \(e.message)"))
              settled = true
              continue
            case .success(let r): rebuilt = r
            }
            switch try compareProjection(a, rebuilt, course: course, db: db, scratch: scratch) {
            case .moved: continue
            case .same: break
            case .problem(let p): problems.append((a.id, p))
            case .changed(let c): changed.append((a.id, c))
            }
            compared += 1
            settled = true
          }
          if !settled { skipped.append((a.id, "attempt #\(a.id) was being written while it was compared; run verify again")) }
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
