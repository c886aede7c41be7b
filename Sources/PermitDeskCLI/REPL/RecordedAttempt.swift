import PermitStore
import PermitTraining

/// A recorded attempt rebuilt from its action log: what `resume`, `replay` and `verify --rescore`
/// share. The log is the authority; the runner's state follows from it.
struct RecordedAttempt {
  let runner: AttemptRunner
  /// Actions replayed.
  let actions: Int

  /// Rebuilds an attempt; nil with the reason when its mode or scenario no longer loads.
  static func rebuild(_ a: AttemptRecord, trainee: String, course: Course, db: SandboxDatabase) throws -> Result<RecordedAttempt, SetupError> {
    guard let mode = AttemptMode(rawValue: a.mode) else {
      return .failure(SetupError(message: "attempt #\(a.id) has an unknown mode \(a.mode)"))
    }
    let setup: AttemptRunner.Setup
    switch course.setup(scenario: a.scenarioID, trainee: trainee, mode: mode, seed: a.seed) {
    case .failure(let e): return .failure(SetupError(message: "attempt #\(a.id): \(e.message)"))
    case .success(let s): setup = s
    }
    let log = try db.actions(attempt: a.id).map { [$0.verb] + Repl.decodeArguments($0.arguments) }
    return .success(RecordedAttempt(runner: AttemptRunner.replay(setup: setup, log: log), actions: log.count))
  }

  /// The score of the rebuilt attempt under its module's pass mark.
  func score(module: String?, course: Course) -> ScoreCard {
    Scorer.score(runner, passMark: course.passMark(of: module), module: course.module(named: module))
  }
}
