import PermitContent
import PermitLocalization
import PermitStore
import PermitTraining

/// Setups already built, by scenario, seed and mode (re-scoring many attempts of one scenario
/// builds its applicants once). One per thread.
final class SetupCache {
  var byKey: [String: AttemptRunner.Setup] = [:]
}

/// A recorded attempt rebuilt from its action log: what `resume`, `replay` and `verify --rescore`
/// share. The log is the authority; the runner's state follows from it.
struct RecordedAttempt {
  let runner: AttemptRunner
  /// Actions replayed.
  let actions: Int
  /// The seq of the last action replayed (0 for none).
  var lastSeq: Int64 = 0
  /// Whether the log holds a `finish` that succeeded (an attempt killed during `finish` before
  /// version 2 could leave one without a recorded result).
  let finishedInLog: Bool

  /// Rebuilds an attempt; nil with the reason when its scenario no longer loads. A finished
  /// attempt is replayed up to the action its result was computed on (`resultSeq`): what came after
  /// (a `queue` after `finish`) does not change the score. `throughEnd` replays every action (what
  /// the stored projection rows reflect).
  static func rebuild(
    _ a: AttemptRecord, trainee: String, course: Course, db: SandboxDatabase, setups: SetupCache? = nil,
    throughEnd: Bool = false
  ) throws -> Result<RecordedAttempt, SetupError> {
    let mode = a.mode
    var setup: AttemptRunner.Setup
    let key = "\(a.scenarioID)|\(a.seed)|\(a.mode.rawValue)"
    if let cached = setups?.byKey[key] {
      setup = cached
      setup.trainee = trainee
    } else {
      switch course.setup(scenario: a.scenarioID, trainee: trainee, mode: mode, seed: a.seed) {
      case .failure(let e): return .failure(SetupError(message: L10n.t("setup.attempt", a.id, e.message)))
      case .success(let s): setup = s
      }
      setups?.byKey[key] = setup
    }
    if let partner = a.partner {
      // A pair attempt: post A is the attempt's trainee, post B its partner; each logged command is
      // applied as the post of whoever typed it.
      guard let name = try db.trainees(cohort: nil).first(where: { $0.id == partner })?.name else {
        return .failure(SetupError(message: L10n.t("setup.attempt.partner", a.id, partner)))
      }
      setup.pair = Pairing(postA: trainee, postB: name)
    }
    var rows = try db.actions(attempt: a.id)
    if !throughEnd, let last = a.resultSeq, a.status != .open { rows = rows.filter { $0.seq <= last } }
    let log = rows.map { (command: CommandLog.decode(verb: $0.verb, arguments: $0.arguments), actor: $0.actor) }
    let runner = AttemptRunner.replay(setup: setup, log: log)
    return .success(
      RecordedAttempt(runner: runner, actions: log.count, lastSeq: rows.last?.seq ?? 0, finishedInLog: runner.session.finished))
  }

  /// The score of the rebuilt attempt under its module's pass mark.
  func score(module: String?, course: Course) -> ScoreCard {
    Scorer.score(runner, passMark: course.passMark(of: module), module: course.module(named: module))
  }
}
