import PermitLocalization
import PermitCore

/// A trainee known to the sandbox. Names are unique; the cohort groups trainees for reports.
public struct TraineeRecord: Sendable, Hashable {
  /// Row id.
  public var id: Int64
  /// The login name, unique in the sandbox.
  public var name: String
  /// The cohort (training group), if any.
  public var cohort: String?
  /// When the trainee was first seen (wall clock, ISO 8601 UTC).
  public var createdAt: String

  /// Creates a record value (the store creates them; this is for callers' tests).
  public init(id: Int64, name: String, cohort: String?, createdAt: String) {
    self.id = id
    self.name = name
    self.cohort = cohort
    self.createdAt = createdAt
  }
}

/// What is needed to start an attempt: who plays which scenario, with which content and options.
public struct NewAttempt: Sendable {
  /// The trainee's row id.
  public var trainee: Int64
  /// The scenario id.
  public var scenarioID: String
  /// A hash of the scenario and policy content played, so a replay can tell if the content changed.
  public var contentHash: String
  /// The seed of the generator for this attempt.
  public var seed: UInt64
  /// The policy pack id.
  public var policy: String
  /// `practice`, `assessment` or `autoplay`.
  public var mode: AttemptMode
  /// The trainee's post: `A` or `B`.
  public var post: TraineePost
  /// The curriculum module, if the attempt belongs to one.
  public var moduleID: String?
  /// The partner's row id in a pair attempt (post B; `trainee` is post A); nil alone.
  public var partner: Int64? = nil

  /// Creates the description of a new attempt.
  public init(
    trainee: Int64, scenarioID: String, contentHash: String, seed: UInt64, policy: String, mode: AttemptMode,
    post: TraineePost, moduleID: String? = nil
  ) {
    self.trainee = trainee
    self.scenarioID = scenarioID
    self.contentHash = contentHash
    self.seed = seed
    self.policy = policy
    self.mode = mode
    self.post = post
    self.moduleID = moduleID
  }
}

/// Where an attempt stands. The raw value is what the `attempt.status` column holds and what the
/// result hash covers: never change one.
public enum AttemptStatus: String, CaseIterable, Sendable, Hashable, Codable {
  /// Being played (or paused): it can be resumed.
  case open
  /// Finished and scored.
  case finished
  /// Given up (`start --abandon`): closed without a score.
  case abandoned
}

/// One attempt of a trainee at a scenario, with its status and, once finished, its score.
public struct AttemptRecord: Sendable, Hashable {
  /// Row id (increasing: attempts sort oldest first by id).
  public var id: Int64
  /// The trainee's row id.
  public var trainee: Int64
  /// The scenario id.
  public var scenarioID: String
  /// The content hash recorded at start.
  public var contentHash: String
  /// The generator seed (stored in SQLite as the Int64 with the same bit pattern).
  public var seed: UInt64
  /// The policy pack id.
  public var policy: String
  /// `practice`, `assessment` or `autoplay`.
  public var mode: AttemptMode
  /// `A` or `B`.
  public var post: TraineePost
  /// The curriculum module, if any.
  public var moduleID: String?
  /// `open`, `finished` or `abandoned`.
  public var status: AttemptStatus
  /// When it started (wall clock, ISO 8601 UTC).
  public var startedAt: String
  /// When it was finished or abandoned (wall clock, ISO 8601 UTC).
  public var finishedAt: String?
  /// Overall score 0–100, once finished.
  public var overall: Int?
  /// Decisions score 0–100, once finished.
  public var decisions: Int?
  /// Double-review score 0–100, once finished.
  public var doubleReview: Int?
  /// Time-limits score 0–100, once finished.
  public var timeLimits: Int?
  /// Whether the pass mark was reached, once finished.
  public var passed: Bool?
  /// The full result as JSON (the runtime's format), once finished.
  public var resultJSON: String?
  /// The last action the result was computed on (finished and abandoned attempts).
  public var resultSeq: Int64? = nil
  /// The PermitDesk build that started the attempt (`permitdesk --version`); nil if recorded before
  /// builds were recorded.
  public var startedBy: String? = nil
  /// The PermitDesk build that finished and scored the attempt; nil while open or if recorded before.
  public var scoredBy: String? = nil
  /// The partner (post B) of a pair attempt, whose trainee is post A; nil alone (and in files from
  /// before pair mode).
  public var partner: Int64? = nil

  /// Creates a record value (the store creates them; this is for callers' tests).
  public init(
    id: Int64, trainee: Int64, scenarioID: String, contentHash: String, seed: UInt64, policy: String,
    mode: AttemptMode, post: TraineePost, moduleID: String?, status: AttemptStatus, startedAt: String, finishedAt: String?,
    overall: Int?, decisions: Int?, doubleReview: Int?, timeLimits: Int?, passed: Bool?, resultJSON: String?
  ) {
    self.id = id
    self.trainee = trainee
    self.scenarioID = scenarioID
    self.contentHash = contentHash
    self.seed = seed
    self.policy = policy
    self.mode = mode
    self.post = post
    self.moduleID = moduleID
    self.status = status
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.overall = overall
    self.decisions = decisions
    self.doubleReview = doubleReview
    self.timeLimits = timeLimits
    self.passed = passed
    self.resultJSON = resultJSON
  }
}

/// The score of a finished attempt.
public struct AttemptResult: Sendable {
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
  /// The full result as JSON (the runtime's format; stored and hashed as given).
  public var json: String

  /// Creates a result.
  public init(overall: Int, decisions: Int, doubleReview: Int, timeLimits: Int, passed: Bool, json: String) {
    self.overall = overall
    self.decisions = decisions
    self.doubleReview = doubleReview
    self.timeLimits = timeLimits
    self.passed = passed
    self.json = json
  }
}

/// An action to append to an attempt's log.
public struct NewAction: Sendable {
  /// The attempt's row id.
  public var attempt: Int64
  /// Who acted (a trainee name, `colleague`, `center`, `system`, …).
  public var actor: String
  /// The REPL verb or event name.
  public var verb: String
  /// The arguments, in the runtime's own encoding.
  public var arguments: String
  /// The simulated time of the action.
  public var simTime: String
  /// What the runtime answered, in its own encoding.
  public var result: String
  /// Whether the action succeeded.
  public var ok: Bool

  /// Creates an action to append.
  public init(
    attempt: Int64, actor: String, verb: String, arguments: String, simTime: String, result: String, ok: Bool
  ) {
    self.attempt = attempt
    self.actor = actor
    self.verb = verb
    self.arguments = arguments
    self.simTime = simTime
    self.result = result
    self.ok = ok
  }
}

/// One recorded action of the append-only log, with its place in the hash chain.
public struct ActionRecord: Sendable, Hashable {
  /// The attempt's row id.
  public var attempt: Int64
  /// Position in the attempt's log: 1, 2, 3, …
  public var seq: Int64
  /// Who acted.
  public var actor: String
  /// The verb or event name.
  public var verb: String
  /// The arguments.
  public var arguments: String
  /// The simulated time.
  public var simTime: String
  /// When it was recorded (wall clock, ISO 8601 UTC).
  public var wallTime: String
  /// What the runtime answered.
  public var result: String
  /// Whether it succeeded.
  public var ok: Bool
  /// The hash of the previous action (for seq 1: the attempt's hash).
  public var prevHash: String
  /// SHA-256 hex of `prevHash` and this row's canonical fields.
  public var hash: String

  /// Creates a record value (the store creates them; this is for callers' tests).
  public init(
    attempt: Int64, seq: Int64, actor: String, verb: String, arguments: String, simTime: String,
    wallTime: String, result: String, ok: Bool, prevHash: String, hash: String
  ) {
    self.attempt = attempt
    self.seq = seq
    self.actor = actor
    self.verb = verb
    self.arguments = arguments
    self.simTime = simTime
    self.wallTime = wallTime
    self.result = result
    self.ok = ok
    self.prevHash = prevHash
    self.hash = hash
  }
}

/// An attempt as `verify` read it: its row and its whole command log, read in the transaction
/// that checked its chain (see ``SandboxDatabase/verify(key:jobs:inspect:)``).
public struct AttemptLog: Sendable {
  /// The attempt's row.
  public var attempt: AttemptRecord
  /// `lastSeq` of the row (the head of the log it names).
  public var lastSeq: Int64
  /// Every action of the log, by seq.
  public var actions: [LoggedAction]
}

/// One command of an attempt's log as a replay reads it (``SandboxDatabase/commandLog(attempt:through:)``):
/// the columns of an ``ActionRecord`` that say what was done, and by whom.
public struct LoggedAction: Sendable, Hashable {
  /// Position in the attempt's log: 1, 2, 3, …
  public var seq: Int64
  /// Who acted.
  public var actor: String
  /// The verb or event name.
  public var verb: String
  /// The arguments (``ActionRecord/arguments``).
  public var arguments: String

  /// Creates a value.
  public init(seq: Int64, actor: String, verb: String, arguments: String) {
    self.seq = seq
    self.actor = actor
    self.verb = verb
    self.arguments = arguments
  }
}

/// What `verify` found, and how far it could vouch for the records.
public struct IntegrityReport: Sendable, Hashable {
  /// How the records were checked.
  public enum Authentication: String, Sendable, Hashable {
    /// An unsigned sandbox: the plain SHA-256 chain was recomputed (anyone who can edit the file could
    /// have recomputed it too).
    case unsigned
    /// A signed sandbox checked with its key: every hash, result and seal was recomputed with
    /// HMAC-SHA256.
    case authenticated
    /// A signed sandbox checked without its key: only the links of the chain were checked.
    case unauthenticated
  }

  /// The problems found; empty when the records are intact (as far as `authentication` goes).
  public var problems: [IntegrityProblem]
  /// How the records were checked.
  public var authentication: Authentication
  /// The id of the key the sandbox says its records are signed with (nil: unsigned).
  public var keyID: String?
}

/// One finding of `SandboxDatabase.verify()`.
public struct IntegrityProblem: Sendable, Hashable, CustomStringConvertible {
  /// The attempt concerned, if any.
  public var attempt: Int64?
  /// The action seq concerned, if any.
  public var seq: Int64?
  /// What is wrong.
  public var message: String

  /// Creates a finding.
  public init(attempt: Int64?, seq: Int64?, message: String) {
    self.attempt = attempt
    self.seq = seq
    self.message = message
  }

  /// `attempt #3, action 7: message`.
  public var description: String {
    switch (attempt, seq) {
    case (let a?, let s?): return L10n.t("verify.at.attempt-action", a, s, message)
    case (let a?, nil): return L10n.t("verify.at.attempt", a, message)
    case (nil, let s?): return L10n.t("verify.at.action", s, message)
    case (nil, nil): return message
    }
  }
}
