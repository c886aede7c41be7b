import PermitCore

/// Runs an attempt: feeds commands to a ``Session`` and handles the practice-mode rewinds
/// (`snapshot NAME`, `restore NAME`) by replaying the commands that make up the current state.
///
/// The runner's whole state is a function of the commands it was given, in order; the REPL logs
/// every command it passes here, so `AttemptRunner.replay` rebuilds an attempt exactly after a
/// crash (`resume`) and the scorer can recompute a score from the log alone.
public final class AttemptRunner {
  /// Everything needed to build a fresh session.
  public struct Setup {
    public var scenario: Scenario
    public var applicants: [ScriptedApplicant]
    public var policy: PolicyPack
    public var packs: (String) -> PolicyPack?
    public var trainee: String
    public var mode: AttemptMode
    public init(scenario: Scenario, applicants: [ScriptedApplicant], policy: PolicyPack, packs: @escaping (String) -> PolicyPack?, trainee: String, mode: AttemptMode) {
      self.scenario = scenario
      self.applicants = applicants
      self.policy = policy
      self.packs = packs
      self.trainee = trainee
      self.mode = mode
    }
  }

  /// The setup.
  public let setup: Setup
  /// The live session.
  public private(set) var session: Session
  /// Commands that make up the current state (after restores).
  public private(set) var effective: [[String]] = []
  /// Snapshots: name → number of effective commands at the time.
  public private(set) var snapshots: [String: Int] = [:]
  /// Restores made, in order, with the time they went back from and to (an attempt with a restore
  /// earns no module credit; the debrief and the report show them).
  public private(set) var restores: [String] = []

  /// Verbs the runner handles (the session's plus snapshot/restore).
  public static let verbs = [
    "brief", "queue", "open", "show", "checklist", "points", "decide", "handover", "review", "issue", "clock",
    "advance", "hint", "finish", "snapshot", "restore", "monthly",
  ]

  /// Starts a fresh attempt.
  public init(setup: Setup) {
    self.setup = setup
    session = AttemptRunner.fresh(setup)
  }

  static func fresh(_ s: Setup) -> Session {
    Session(scenario: s.scenario, applicants: s.applicants, policy: s.policy, packs: s.packs, trainee: s.trainee, mode: s.mode)
  }

  /// Rebuilds an attempt from its logged commands (output discarded).
  public static func replay(setup: Setup, log: [[String]]) -> AttemptRunner {
    let r = AttemptRunner(setup: setup)
    for words in log { _ = r.apply(words) }
    _ = r.session.drainMessages()
    return r
  }

  /// Applies one command.
  public func apply(_ words: [String]) -> Session.Reply {
    guard let verb = words.first else { return Session.Reply(lines: [], ok: true) }
    switch verb {
    case "snapshot", "restore":
      guard setup.mode == .practice else {
        return Session.Reply(lines: ["'\(verb)' is for practice mode only; this attempt is \(setup.mode.rawValue)"], ok: false)
      }
      guard words.count == 2 else { return Session.Reply(lines: ["usage: \(verb) NAME"], ok: false) }
      let name = words[1]
      if verb == "snapshot" {
        snapshots[name] = effective.count
        return Session.Reply(lines: ["snapshot '\(name)' taken at \(session.now)"], ok: true)
      }
      guard let n = snapshots[name] else {
        let known = snapshots.keys.sorted()
        return Session.Reply(lines: ["no snapshot '\(name)'" + (known.isEmpty ? "; take one with 'snapshot NAME'" : "; snapshots: " + known.joined(separator: ", ")) + Suggest.hint(name, known)], ok: false)
      }
      let from = session.now
      effective = Array(effective.prefix(n))
      session = AttemptRunner.fresh(setup)
      for w in effective { _ = session.apply(w) }
      _ = session.drainMessages()
      restores.append("restore \(name) at \(from), back to \(session.now)")
      return Session.Reply(lines: ["restored '\(name)': it is \(session.now) again (practice mode only; an attempt with a restore earns no module credit)"], ok: true)
    default:
      let reply = session.apply(words)
      effective.append(words)
      return reply
    }
  }
}
