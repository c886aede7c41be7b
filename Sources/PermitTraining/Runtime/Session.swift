import PermitContent
import PermitCore

/// What the trainee did and what happened, as the scoring engine needs it. Everything here is
/// derived by replaying the action log, never stored separately.
public struct AttemptFacts: Sendable, Hashable {
  /// A trainee's proposal as post A.
  public struct Proposed: Sendable, Hashable {
    public var ticket: String
    public var round: Int
    public var outcome: Outcome
    public var defects: [String]
    public var referTo: String?
    public var at: Timestamp
  }
  /// A trainee's verdict as post B.
  public struct Reviewed: Sendable, Hashable {
    public var ticket: String
    public var round: Int
    /// What the simulated post A proposed.
    public var proposal: Proposal
    /// Whether that proposal agreed with the examiner.
    public var proposalCorrect: Bool
    /// What was wrong with it, if anything.
    public var plantedError: String?
    public var agreed: Bool
    public var reason: String?
    /// Evidence items the trainee had looked at before the verdict (see ``AttemptFacts/evidence(of:)``).
    public var looked: [String]
    /// Every evidence item of the file's round.
    public var evidence: [String]
    /// Evidence items looked at before the verdict.
    public var evidenceShown: Int { looked.count }
    /// Evidence items of the round.
    public var evidenceTotal: Int { evidence.count }
    public var at: Timestamp
  }
  /// A breach of the double-post rule the core refused.
  public struct Breach: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
      case issueWithoutReview = "issue-without-review"
      case selfReview = "self-review"
      case incompleteNotice = "incomplete-notice"
    }
    public var kind: Kind
    public var ticket: String
    /// What an incomplete one-time notice left out (defect codes; empty for the other kinds).
    public var missing: [String] = []
    public var at: Timestamp
  }
  public var proposals: [Proposed] = []
  public var reviews: [Reviewed] = []
  /// Handovers to post B (post A's, as the trainee or in a pair).
  public var handovers: [Handover] = []
  public var breaches: [Breach] = []
  /// Hints taken, by ticket.
  public var hints: [String] = []
  /// Materials shown per ticket and round ("T001#1").
  public var shown: [String: Set<MaterialKind>] = [:]
  /// Ticket-rounds ("T001#1") whose checklist was displayed.
  public var checklistSeen: Set<String> = []
  /// Ticket-rounds whose points computation was displayed.
  public var pointsSeen: Set<String> = []

  /// What counts as the evidence of a file's round, each item named as the debrief names it: every
  /// document handed in (`show MATERIAL` displays it), the list of required materials (`checklist`)
  /// and, for a type whose category the window checks, the points computation (`points`). The
  /// overview (`open`, `show`) is not evidence: it lists, it does not examine.
  public static func evidence(of c: CaseFile) -> [String] {
    let p = c.currentRound.packet
    var items = Set(p.materials.map(\.kind)).sorted().map(\.rawValue) + ["checklist"]
    if c.policy.categoryCheckedTypes.contains(p.application.type) { items.append("points") }
    return items
  }

  /// The evidence items of a ticket-round the trainee has looked at.
  public func looked(_ key: String) -> [String] {
    (shown[key] ?? []).sorted().map(\.rawValue) + (checklistSeen.contains(key) ? ["checklist"] : [])
      + (pointsSeen.contains(key) ? ["points"] : [])
  }
}

/// The sandbox runtime of one attempt: the scenario's world on a simulated clock, built on the real
/// core. Commands come in typed (or as words); each reply comes back as values — a typed answer or
/// refusal and the typed events — that the CLI's screens render. A `Session` is a pure function of
/// (scenario, applicants, policy packs, trainee, mode, commands), so replaying the action log
/// rebuilds it exactly: that is how `resume`, snapshots and scoring work.
public struct Session {
  /// The scenario.
  public let scenario: Scenario
  /// Practice, assessment or autoplay.
  public let mode: AttemptMode
  /// The trainee's identity on sign-offs: in a pair attempt, the identity of the post acting now
  /// (``acting``).
  public var trainee: StaffID { pair.map { StaffID("trainee:" + $0.name(of: acting)) } ?? soloTrainee }
  let soloTrainee: StaffID
  /// The two trainees of a pair attempt (`start --pair`), or nil: the simulated colleague is off
  /// and the partner is the real other post (see `Session+Pair.swift`). A trainer's `reassign`
  /// hands a post to another trainee (``seatChanges``).
  public internal(set) var pair: Pairing?
  /// The posts a trainer handed to another trainee during a pair attempt, in order.
  public internal(set) var seatChanges: [SeatChange] = []
  /// The post whose command is being applied: the scenario's post alone; in a pair attempt, the
  /// post of whoever typed the command (set by ``AttemptRunner/step(_:by:)``).
  public internal(set) var acting: TraineePost
  /// The colleague in the other post: the simulated one alone, post B's trainee in a pair.
  public var colleague: StaffID { pair.map { StaffID("trainee:" + $0.postB) } ?? simulatedColleague }
  let simulatedColleague: StaffID
  /// The simulated clock.
  public internal(set) var clock: SimulatedClock
  /// The policy pack in force now.
  public internal(set) var policy: PolicyPack
  /// Cases by ticket, in arrival order.
  public internal(set) var cases: [String: CaseFile] = [:]
  /// Tickets in arrival order.
  public internal(set) var tickets: [String] = []
  /// The applicants of the attempt (scripted and generated), by ticket.
  public internal(set) var applicants: [String: ScriptedApplicant]
  /// The ticket the acting trainee has open (each partner of a pair has their own).
  public internal(set) var openTicket: String? {
    get { openTickets[acting] }
    set { openTickets[acting] = newValue }
  }
  var openTickets: [TraineePost: String] = [:]
  /// What scoring needs: every fact of the attempt (both posts' in a pair; ``facts(of:)`` for one).
  public internal(set) var facts = AttemptFacts()
  /// The facts by the post that caused them (pair attempts).
  var factsByPost: [TraineePost: AttemptFacts] = [:]
  /// Whether `finish` has closed the attempt.
  public internal(set) var finished = false
  /// Events of the command under way (world and attempt), not yet handed out.
  var inbox: [SessionEvent] = []
  /// Tickets whose case changed since ``clearTouched()`` (what the store's projection must rewrite).
  public internal(set) var touched: Set<String> = []
  /// When each case awaiting its acceptance decision is deemed accepted (see ``nextDeemedTime()``):
  /// set from the core's ``FollowUp/acceptanceDecision(deadline:deemedAcceptedAt:)`` when a round is
  /// received, dropped when the case leaves the window's decision (a notice, or the deemed
  /// acceptance itself), so that finding the next one does no date arithmetic over every case.
  var deemed: [String: Timestamp] = [:]
  var arrivals: [ScriptedApplicant]
  var events: [TimedEvent]
  var tasks: [Task] = []
  var absentUntil: Timestamp?
  let packs: (String) -> PolicyPack?
  var taskSerial = 0

  /// Something the simulated world will do at a time.
  struct Task {
    enum Kind {
      case colleagueReview(String)  // post B reviews the trainee's proposal
      case colleaguePropose(String)  // post A proposes (trainee is post B)
      case colleagueIssue(String)
      case pendingItems(String)  // the employer brings the accept-pending items still owed
      case centerReview(String)
      case centerDecide(String)
      case correction(String)
    }
    var at: Timestamp
    var serial: Int
    var kind: Kind
  }

  /// Creates the session at the scenario's start. `applicants` are the scripted and generated
  /// applicants (see `ScenarioExpander`); `packs` resolves policy pack ids.
  public init(
    scenario: Scenario, applicants: [ScriptedApplicant], policy: PolicyPack, packs: @escaping (String) -> PolicyPack?,
    trainee: String, mode: AttemptMode, pair: Pairing? = nil
  ) {
    self.scenario = scenario
    self.mode = mode
    self.pair = pair
    acting = pair == nil ? scenario.post : .a
    soloTrainee = StaffID("trainee:" + trainee)
    simulatedColleague = StaffID(scenario.post == .a ? "Li Wei (simulated post B)" : "Zhang Min (simulated post A)")
    clock = SimulatedClock(start: scenario.start)
    self.policy = policy
    self.packs = packs
    let sorted = applicants.enumerated().sorted { ($0.element.arrives, $0.offset) < ($1.element.arrives, $1.offset) }.map(\.element)
    arrivals = sorted
    var byTicket: [String: ScriptedApplicant] = [:]
    for a in sorted { byTicket[a.ticket] = a }
    self.applicants = byTicket
    events = scenario.events.sorted { $0.at < $1.at }
    inbox.append(.welcome(title: ContentText(en: scenario.title, zh: scenario.titleZh), window: scenario.window, post: acting, mode: mode))
    advanceWorld(to: clock.current)
  }

  /// The time now.
  public var now: Timestamp { clock.current }

  /// Keeps a case's new state and notes that it changed.
  mutating func put(_ ticket: String, _ c: CaseFile) {
    cases[ticket] = c
    touched.insert(ticket)
    if !c.state.awaitsAcceptanceDecision { deemed[ticket] = nil }
  }

  /// Forgets which cases changed (the runner calls it before each command).
  public mutating func clearTouched() { touched.removeAll(keepingCapacity: true) }
  var offset: Int32 { policy.utcOffsetSeconds }

  // MARK: - Reading the world

  /// Events since the last call.
  public mutating func drainEvents() -> [SessionEvent] {
    defer { inbox.removeAll() }
    return inbox
  }

  /// Records a fact of the attempt: folded into ``facts`` and handed out with the reply's events.
  mutating func note(_ e: SessionEvent) {
    facts.record(e)
    if pair != nil { factsByPost[acting, default: AttemptFacts()].record(e) }
    inbox.append(e)
  }

  /// The next scheduled happening, if any (for `advance --next`).
  public func nextHappening() -> Timestamp? {
    var times: [Timestamp] = []
    if let a = arrivals.first { times.append(a.arrives) }
    if let e = events.first { times.append(e.at) }
    if let k = tasks.min(by: { $0.at < $1.at }) { times.append(k.at) }
    if let d = nextDeemedTime() { times.append(d) }
    return times.filter { $0 > now }.min() ?? times.min()
  }

  /// Applicants not yet arrived.
  public var waitingCount: Int { arrivals.count }

  /// Whether every case has had its acceptance decision and nobody is still to arrive.
  public var dayIsDone: Bool {
    arrivals.isEmpty && tickets.allSatisfy { !(cases[$0]!.state.awaitsAcceptanceDecision) }
      && !tasks.contains { task in
        switch task.kind {
        case .correction, .colleagueReview, .colleaguePropose, .colleagueIssue: return true
        case .pendingItems, .centerReview, .centerDecide: return false
        }
      }
  }

  // MARK: - Commands

  /// The result of one command: typed, rendered by the CLI's screens.
  public struct Reply: Sendable {
    /// The answer of an accepted command (nil: nothing to say, e.g. empty words).
    public var answer: SessionAnswer?
    /// Why the command was refused (nil when accepted).
    public var refusal: SessionRefusal?
    /// The action ran past closing and ended at closing.
    public var endedAtClosing: EndedAtClosing?
    /// What happened, typed (the world's events and the attempt's facts), in order.
    public var events: [SessionEvent] = []
    /// Whether the command was accepted (false: refused, and nothing changed but time).
    public var ok: Bool

    /// An accepted command's reply.
    public init(answer: SessionAnswer?, endedAtClosing: EndedAtClosing? = nil, events: [SessionEvent] = []) {
      self.answer = answer
      self.endedAtClosing = endedAtClosing
      self.events = events
      ok = true
    }

    /// A refused command's reply.
    public init(refusal: SessionRefusal, events: [SessionEvent] = []) {
      self.refusal = refusal
      self.events = events
      ok = false
    }

    /// A reply that says nothing (empty words; an autoplay step not committed).
    public static func empty(ok: Bool) -> Reply {
      var r = Reply(answer: nil)
      r.ok = ok
      return r
    }
  }

  /// Applies one command given as REPL words (parsed with ``AttemptCommands/parse(_:)``).
  public mutating func apply(_ words: [String]) -> Reply {
    guard !words.isEmpty else { return .empty(ok: true) }
    let verb = words[0]
    if finished && !(AttemptCommands.spec(verb)?.allowedAfterFinish ?? false) {
      return Reply(refusal: .finished)
    }
    switch AttemptCommands.parse(words) {
    case .success(let c): return apply(c)
    case .failure(let e): return Reply(refusal: .parse(e.reason), events: drainEvents())
    }
  }

  /// Applies one typed command. Costs simulated time when it succeeds (ending at closing when it
  /// would run past it); window work is refused while the window is closed. A refused command
  /// changes nothing and costs no time. Snapshots and restores are the runner's
  /// (``AttemptRunner``); here they are refused.
  public mutating func apply(_ command: AttemptCommand) -> Reply {
    if finished && !(AttemptCommands.spec(command.name)?.allowedAfterFinish ?? false) {
      return Reply(refusal: .finished)
    }
    if let refusal = pairRefusal(command) {
      return Reply(refusal: refusal, events: drainEvents())
    }
    let result: Result<SessionAnswer, CommandError>
    if let closed = windowRefusal(command) {
      return Reply(refusal: closed, events: drainEvents())
    }
    switch command {
    case .brief: result = .success(brief())
    case .queue: result = .success(queue())
    case .open(let t): result = open(t)
    case .show(let m): result = show(m)
    case .checklist: result = checklist()
    case .points: result = pointsCommand()
    case .decide(let o, let d, let r): result = decide(o, d, r)
    case .handover: result = handover()
    case .review(let reason): result = review(reason)
    case .issue: result = issue()
    case .clock: result = .success(clockView())
    case .advance(let a): result = advance(a)
    case .hint: result = hint()
    case .monthly(let y, let m): result = monthly(y, m)
    case .finish(let goAhead): result = finish(now: goAhead)
    case .snapshot, .restore: result = .failure(CommandError(.runnerOnly(verb: command.name)))
    }
    switch result {
    case .success(let answer):
      let cost = AttemptCommands.spec(command.name)?.costKey.map { scenario.costs.cost($0.rawValue) } ?? 0
      let ended = spend(minutes: cost)
      return Reply(answer: answer, endedAtClosing: ended, events: drainEvents())
    case .failure(let e):
      return Reply(refusal: e.reason, events: drainEvents())
    }
  }

  /// A command the session refused: why, typed (the CLI says what to do instead).
  public struct CommandError: Error, Sendable {
    public var reason: SessionRefusal
    init(_ reason: SessionRefusal) { self.reason = reason }
  }

}

