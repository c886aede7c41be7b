import PermitContent
import PermitCore

/// One finished or open attempt, as curriculum progress needs it.
public struct AttemptSummary: Sendable, Hashable {
  public var moduleID: String?
  public var scenarioID: String
  public var mode: String
  public var finished: Bool
  public var overall: Int?
  public var passed: Bool?
  /// Whether the attempt can earn credit (false after a `restore`).
  public var credited: Bool
  public init(moduleID: String?, scenarioID: String, mode: String, finished: Bool, overall: Int?, passed: Bool?, credited: Bool = true) {
    self.credited = credited
    self.moduleID = moduleID
    self.scenarioID = scenarioID
    self.mode = mode
    self.finished = finished
    self.overall = overall
    self.passed = passed
  }
}

/// A module's status for a trainee.
public enum ModuleStatus: String, Sendable, Hashable {
  /// Prerequisites not yet passed.
  case locked
  /// Available.
  case open
  /// Passed (each required scenario has a credited attempt that passed).
  case passed
}

/// A trainee's progress through the course.
public struct ModuleProgress: Sendable, Hashable {
  public var module: CurriculumModule
  public var status: ModuleStatus
  public var attempts: Int
  public var best: Int?
  public var last: Int?
  /// Prerequisites still to pass.
  public var missing: [String]
  /// Required scenarios with no credited pass yet.
  public var scenariosToPass: [String] = []
}

/// Computes progress: a module opens when all its prerequisites are passed; it is passed when each
/// of its required scenarios (`required`, default every scripted one) has a credited attempt,
/// started from the module, that passed: at or above the pass mark with no critical error.
/// Assessment modules count assessment-mode attempts only; autoplay never counts; an attempt with a
/// `restore` earns no credit.
public enum Progress {
  public static func compute(
    modules: [CurriculumModule], attempts: [AttemptSummary], required: (CurriculumModule) -> [String] = { $0.required ?? $0.scenarios }
  ) -> [ModuleProgress] {
    var passed = Set<String>()
    var result: [ModuleProgress] = []
    // Modules are in course order; prerequisites may point anywhere, so iterate to a fixed point.
    var stats: [String: (Int, Int?, Int?, Bool)] = [:]
    var toPass: [String: [String]] = [:]
    for m in modules {
      let mine = attempts.filter {
        $0.moduleID == m.id && $0.finished && $0.mode != "autoplay" && (!m.assessment || $0.mode == "assessment")
      }
      let scores = mine.compactMap(\.overall)
      let passedWithCredit = Set(mine.filter { $0.credited && $0.passed == true && ($0.overall ?? -1) >= m.passMark }.map(\.scenarioID))
      let left = required(m).filter { !passedWithCredit.contains($0) }
      toPass[m.id] = left
      stats[m.id] = (mine.count, scores.max(), scores.last, left.isEmpty)
    }
    var changed = true
    while changed {
      changed = false
      for m in modules where !passed.contains(m.id) {
        if m.prerequisites.allSatisfy(passed.contains) && stats[m.id]!.3 {
          passed.insert(m.id)
          changed = true
        }
      }
    }
    for m in modules {
      let s = stats[m.id]!
      let missing = m.prerequisites.filter { !passed.contains($0) }
      let status: ModuleStatus = passed.contains(m.id) ? .passed : missing.isEmpty ? .open : .locked
      result.append(ModuleProgress(module: m, status: status, attempts: s.0, best: s.1, last: s.2, missing: missing, scenariosToPass: toPass[m.id] ?? []))
    }
    return result
  }
}
