import PermitContent
import PermitCore

/// Runs an attempt: feeds typed commands to a ``Session`` and keeps the practice-mode snapshots
/// (`snapshot NAME`, `restore NAME`) as values, so a restore costs nothing however long the attempt.
///
/// The runner's whole state is a function of the commands it was given, in order; the REPL logs
/// every command it passes here, so `AttemptRunner.replay` rebuilds an attempt exactly after a
/// crash (`resume`) and the scorer can recompute a score from the log alone.
///
/// Commit, then apply: ``step(_:)`` computes the state a command leads to; the caller writes the
/// command to the log and only then ``adopt(_:)``s the new state, so a failed write leaves the
/// attempt exactly as it was.
///
/// Cost flat in the attempt's length (issue 8): a step works on the runner's state in place, so no
/// collection of the attempt (cases, tickets, facts) is copied per command; copying the state first
/// and mutating the copy cost O(cases) per command. What the runner looks like from outside does
/// not change: until the step is adopted, reading ``state`` (or stepping again) first puts the state
/// before the step back, by replaying the adopted commands (O(attempt), only after a failed commit).
public final class AttemptRunner {
  /// Everything needed to build a fresh session.
  public struct Setup {
    public var scenario: Scenario
    public var applicants: [ScriptedApplicant]
    public var policy: PolicyPack
    public var packs: (String) -> PolicyPack?
    public var trainee: String
    public var mode: AttemptMode
    /// The two trainees of a pair attempt (nil alone); see ``Pairing``.
    public var pair: Pairing? = nil
    public init(scenario: Scenario, applicants: [ScriptedApplicant], policy: PolicyPack, packs: @escaping (String) -> PolicyPack?, trainee: String, mode: AttemptMode) {
      self.scenario = scenario
      self.applicants = applicants
      self.policy = policy
      self.packs = packs
      self.trainee = trainee
      self.mode = mode
    }
  }

  /// The runner's whole state: a value (copying it is cheap; collections are copied on write).
  public struct State {
    /// The session.
    public var session: Session
    /// Snapshots by name.
    public var snapshots: [String: Session] = [:]
    /// Restores made, in order, with the time they went back from and to (an attempt with a
    /// restore earns no module credit; the debrief and the report show them).
    public var restores: [RestoreMade] = []
  }

  /// What a command leads to: the next state, the reply, and whether every case may have changed
  /// (a restore), so the projection must be rewritten whole rather than for ``Session/touched``.
  public struct Step {
    public var state: State
    public var reply: Session.Reply
    public var command: LoggedCommand
    public var rewindsAll: Bool
    /// The post that typed the command (pair attempts; nil alone).
    public var post: TraineePost? = nil
    /// Which step of its runner this is (the runner adopts its pending step without a copy).
    var serial = 0
  }

  /// The setup.
  public let setup: Setup
  /// The current state (never a step not adopted).
  public var state: State {
    settle()
    return current
  }
  /// The state, possibly moved on by a step not adopted yet (``pending``).
  private var current: State
  /// The commands adopted so far, in order: what puts the state back after a step not adopted.
  private var adopted: [(command: LoggedCommand, post: TraineePost?)] = []
  /// The serial of the step `current` has moved on by, while it is not adopted.
  private var pending: Int?
  private var serial = 0
  /// The live session.
  public var session: Session { state.session }
  /// Who holds each post of a pair attempt now (a trainer's `reassign` changes it; nil alone). Read
  /// without putting back a step not adopted yet: a command's commit asks it between the step and
  /// its adoption, and only an instructor's event changes it.
  public var pairing: Pairing? { current.session.pair }
  /// Snapshot names.
  public var snapshotNames: [String] { state.snapshots.keys.sorted() }
  /// Restores made (see ``State/restores``).
  public var restores: [RestoreMade] { state.restores }

  /// Verbs the runner handles (every attempt command).
  public static var verbs: [String] { AttemptCommands.names }

  /// Starts a fresh attempt.
  public init(setup: Setup) {
    self.setup = setup
    current = State(session: AttemptRunner.fresh(setup))
  }

  static func fresh(_ s: Setup) -> Session {
    Session(scenario: s.scenario, applicants: s.applicants, policy: s.policy, packs: s.packs, trainee: s.trainee, mode: s.mode, pair: s.pair)
  }

  /// Rebuilds an attempt from its logged commands (output discarded).
  public static func replay(setup: Setup, log: [LoggedCommand]) -> AttemptRunner {
    let r = AttemptRunner(setup: setup)
    for c in log { r.replayStep(c, by: nil) }
    r.current.session.clearTouched()
    _ = r.drainEvents()
    return r
  }

  /// Rebuilds an attempt from its logged commands and who typed each (the log's actor column): in a
  /// pair attempt each command is applied as its trainee's post at that point of the log (a
  /// trainer's `reassign` hands a post to someone else from where it was logged).
  public static func replay(setup: Setup, log: [(command: LoggedCommand, actor: String)]) -> AttemptRunner {
    let r = AttemptRunner(setup: setup)
    for (c, actor) in log { r.replayStep(c, by: r.current.session.pair?.post(of: actor)) }
    r.current.session.clearTouched()
    _ = r.drainEvents()
    return r
  }

  /// Rebuilds an attempt from REPL words (each parsed as the REPL would).
  public static func replay(setup: Setup, log: [[String]]) -> AttemptRunner {
    replay(setup: setup, log: log.map { LoggedCommand.parse($0).0 })
  }

  /// Events of the world not yet shown (the welcome of a fresh attempt).
  public func drainEvents() -> [SessionEvent] {
    settle()
    return current.session.drainEvents()
  }

  /// Applies REPL words: parsed with the command table, then applied.
  @discardableResult
  public func apply(_ words: [String]) -> Session.Reply {
    guard !words.isEmpty else { return .empty(ok: true) }
    return apply(LoggedCommand.parse(words).0)
  }

  /// Applies a typed command.
  @discardableResult
  public func apply(_ command: AttemptCommand) -> Session.Reply { apply(.command(command)) }

  /// Applies a logged command.
  @discardableResult
  public func apply(_ command: LoggedCommand) -> Session.Reply {
    let s = step(command)
    adopt(s)
    return s.reply
  }

  /// A step adopted at once, for a replay (the reply is discarded): the same change as
  /// `adopt(step(command, by: post))` without the ``Step`` value, whose copy of the state (every
  /// collection of the session retained and released) cost a tenth of `verify --rescore`.
  private func replayStep(_ command: LoggedCommand, by post: TraineePost?) {
    settle()
    _ = step(command, by: post, on: &current)
    adopted.append((command, post))
  }

  /// Makes a step's state the current one.
  public func adopt(_ step: Step) {
    if pending != step.serial {
      settle()
      current = step.state
    }
    pending = nil
    adopted.append((step.command, step.post))
  }

  /// Puts back the state before a step that was not adopted: the adopted commands replayed, each
  /// as the post that typed it.
  private func settle() {
    guard pending != nil else { return }
    pending = nil
    let r = AttemptRunner(setup: setup)
    for (c, post) in adopted { r.adopt(r.step(c, by: post)) }
    current = r.current
  }

  /// The state a command leads to and its reply. The runner looks unchanged until the step is
  /// adopted (see the type's notes: the work is done in place). In a pair attempt, `post` is the
  /// post of whoever typed the command (nil: post A, or the scenario's post alone).
  public func step(_ command: LoggedCommand, by post: TraineePost? = nil) -> Step {
    settle()
    serial += 1
    pending = serial
    let step = step(command, by: post, on: &current)
    return Step(state: current, reply: step.reply, command: command, rewindsAll: step.rewindsAll, post: post, serial: serial)
  }

  /// A command's effect on `next`, in place: the reply, and whether every case may have changed.
  private func step(_ command: LoggedCommand, by post: TraineePost?, on next: inout State) -> (reply: Session.Reply, rewindsAll: Bool) {
    next.session.clearTouched()
    if setup.pair != nil { next.session.acting = post ?? .a }
    func done(_ reply: Session.Reply, all: Bool = false) -> (reply: Session.Reply, rewindsAll: Bool) { (reply, all) }
    func refused(_ why: SessionRefusal) -> (reply: Session.Reply, rewindsAll: Bool) { (Session.Reply(refusal: why), false) }
    let verb = command.verb
    if case .instructor(let e) = command {
      return done(instruct(e, &next))
    }
    if next.session.finished && !(AttemptCommands.spec(verb)?.allowedAfterFinish ?? false) {
      return refused(.finished)
    }
    switch command {
    case .instructor: return done(.empty(ok: false))  // handled above
    case .invalid(let v, let args):
      let why: SessionRefusal
      if case .failure(let e) = AttemptCommands.parse([v] + args) { why = .parse(e.reason) } else { why = .notUnderstood(verb: v) }
      return done(Session.Reply(refusal: why, events: next.session.drainEvents()))
    case .command(let c):
      switch c {
      case .snapshot(let name), .restore(let name):
        guard setup.mode == .practice else { return refused(.practiceOnly(verb: verb, mode: setup.mode)) }
        if let refusal = next.session.pairRefusal(c) { return refused(refusal) }
        if case .snapshot = c {
          next.snapshots[name] = next.session
          return done(Session.Reply(answer: .snapshotTaken(name: name, at: next.session.now)))
        }
        guard let saved = next.snapshots[name] else {
          return refused(.unknownSnapshot(name: name, known: next.snapshots.keys.sorted()))
        }
        let from = next.session.now
        next.session = saved
        next.session.clearTouched()
        next.restores.append(RestoreMade(name: name, from: from, to: next.session.now))
        return done(Session.Reply(answer: .restored(name: name, at: next.session.now)), all: true)
      default:
        return (next.session.apply(c), false)
      }
    }
  }
}
