import PermitContent
import PermitLocalization
import PermitStore
import PermitTraining

/// What re-scoring many attempts on one thread shares between them: setups already built, by
/// scenario, seed and mode (re-scoring many attempts of one scenario builds its applicants once),
/// and log rows already decoded (most rows repeat across attempts: `advance` to the next
/// happening, `show passport`, `handover`). One per thread; the content it was built from does
/// not change while it lives (the caller's course is loaded once).
final class SetupCache {
  var byKey: [String: AttemptRunner.Setup] = [:]
  /// Log rows already decoded.
  let log = CommandLog.Reader()
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
    try rebuild(a, trainee: trainee, course: course, db: db, setups: setups, throughEnd: throughEnd, log: nil)
  }

  /// Rebuilds an attempt from `log`, its actions as already read (by `verify`, with the rows its
  /// chain was checked on), or from the database when nil.
  static func rebuild(
    _ a: AttemptRecord, trainee: String, course: Course, db: SandboxDatabase, setups: SetupCache?,
    throughEnd: Bool, log read: [LoggedAction]?
  ) throws -> Result<RecordedAttempt, SetupError> {
    let mode = a.mode
    var setup: AttemptRunner.Setup
    let key = "\(a.scenarioID)|\(a.seed)|\(a.mode.rawValue)"
    if let cached = setups?.byKey[key] {
      setup = cached
      setup.trainee = trainee
    } else {
      switch course.setup(scenario: a.scenarioID, trainee: trainee, mode: mode, seed: a.seed) {
      case .failure(let e): return .failure(SetupError(message: L10n.t("setup.attempt", a.id, SetupScreens.message(e))))
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
    let through: Int64? = !throughEnd && a.status != .open ? a.resultSeq : nil
    let rows = try read.map { all in through.map { last in all.filter { $0.seq <= last } } ?? all }
      ?? db.commandLog(attempt: a.id, through: through)
    let log = rows.map { row in
      (command: setups?.log.decode(verb: row.verb, arguments: row.arguments) ?? CommandLog.decode(verb: row.verb, arguments: row.arguments),
        actor: row.actor)
    }
    let runner = AttemptRunner.replay(setup: setup, log: log)
    return .success(
      RecordedAttempt(runner: runner, actions: log.count, lastSeq: rows.last?.seq ?? 0, finishedInLog: runner.session.finished))
  }

  /// The score of the rebuilt attempt under its module's pass mark.
  func score(module: String?, course: Course) -> ScoreCard {
    Scorer.score(runner, passMark: course.passMark(of: module), module: course.module(named: module))
  }
}
