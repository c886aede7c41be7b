import PermitCore

/// One finished or open attempt, as curriculum progress needs it.
public struct AttemptSummary: Sendable, Hashable {
  public var moduleID: String?
  public var scenarioID: String
  public var mode: String
  public var finished: Bool
  public var overall: Int?
  public var passed: Bool?
  public init(moduleID: String?, scenarioID: String, mode: String, finished: Bool, overall: Int?, passed: Bool?) {
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
  /// Passed (a finished attempt at or above the module's pass mark).
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
}

/// Computes progress: a module opens when all its prerequisites are passed; it is passed by a
/// finished attempt of one of its scenarios, started from the module, scoring at least its pass
/// mark (assessment modules count assessment-mode attempts only; autoplay never counts).
public enum Progress {
  public static func compute(modules: [CurriculumModule], attempts: [AttemptSummary]) -> [ModuleProgress] {
    var passed = Set<String>()
    var result: [ModuleProgress] = []
    // Modules are in course order; prerequisites may point anywhere, so iterate to a fixed point.
    var stats: [String: (Int, Int?, Int?, Bool)] = [:]
    for m in modules {
      let mine = attempts.filter {
        $0.moduleID == m.id && $0.finished && $0.mode != "autoplay" && (!m.assessment || $0.mode == "assessment")
      }
      let scores = mine.compactMap(\.overall)
      let ok = scores.contains { $0 >= m.passMark }
      stats[m.id] = (mine.count, scores.max(), scores.last, ok)
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
      result.append(ModuleProgress(module: m, status: status, attempts: s.0, best: s.1, last: s.2, missing: missing))
    }
    return result
  }
}
