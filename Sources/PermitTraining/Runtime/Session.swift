import PermitCore

/// The mode of an attempt.
public enum AttemptMode: String, CaseIterable, Sendable, Hashable {
  /// Hints, snapshots and restores allowed.
  case practice
  /// None of those.
  case assessment
  /// Played by the model answer (`play --autoplay`).
  case autoplay
}

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
    /// Materials of the packet the trainee had shown before deciding.
    public var evidenceShown: Int
    /// Materials in the packet.
    public var evidenceTotal: Int
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
    public var detail: String
    public var at: Timestamp
  }
  public var proposals: [Proposed] = []
  public var reviews: [Reviewed] = []
  public var breaches: [Breach] = []
  /// Hints taken, by ticket.
  public var hints: [String] = []
  /// Materials shown per ticket and round ("T001#1").
  public var shown: [String: Set<MaterialKind>] = [:]
}

/// The sandbox runtime of one attempt: the scenario's world on a simulated clock, built on the real
/// core. Commands come in as words; the output comes back as lines. A `Session` is a pure function of
/// (scenario, applicants, policy packs, trainee, mode, commands), so replaying the action log
/// rebuilds it exactly: that is how `resume`, snapshots and scoring work.
public struct Session {
  /// The scenario.
  public let scenario: Scenario
  /// Practice, assessment or autoplay.
  public let mode: AttemptMode
  /// The trainee's identity on sign-offs.
  public let trainee: StaffID
  /// The simulated colleague in the other post.
  public let colleague: StaffID
  /// The simulated clock.
  public private(set) var clock: SimulatedClock
  /// The policy pack in force now.
  public private(set) var policy: PolicyPack
  /// Cases by ticket, in arrival order.
  public private(set) var cases: [String: CaseFile] = [:]
  /// Tickets in arrival order.
  public private(set) var tickets: [String] = []
  /// The applicants of the attempt (scripted and generated), by ticket.
  public let applicants: [String: ScriptedApplicant]
  /// The ticket the trainee has open.
  public private(set) var openTicket: String?
  /// What scoring needs.
  public private(set) var facts = AttemptFacts()
  /// Whether `finish` has closed the attempt.
  public private(set) var finished = false
  /// Messages from the world not yet shown.
  private var inbox: [String] = []
  /// Tickets whose case changed since ``clearTouched()`` (what the store's projection must rewrite).
  public private(set) var touched: Set<String> = []
  private var arrivals: [ScriptedApplicant]
  private var events: [TimedEvent]
  private var tasks: [Task] = []
  private var absentUntil: Timestamp?
  private let packs: (String) -> PolicyPack?
  private var taskSerial = 0

  /// Something the simulated world will do at a time.
  struct Task {
    enum Kind {
      case colleagueReview(String)  // post B reviews the trainee's proposal
      case colleaguePropose(String)  // post A proposes (trainee is post B)
      case colleagueIssue(String)
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
    trainee: String, mode: AttemptMode
  ) {
    self.scenario = scenario
    self.mode = mode
    self.trainee = StaffID("trainee:" + trainee)
    colleague = StaffID(scenario.post == .a ? "Li Wei (simulated post B)" : "Zhang Min (simulated post A)")
    clock = SimulatedClock(start: scenario.start)
    self.policy = policy
    self.packs = packs
    let sorted = applicants.enumerated().sorted { ($0.element.arrives, $0.offset) < ($1.element.arrives, $1.offset) }.map(\.element)
    arrivals = sorted
    var byTicket: [String: ScriptedApplicant] = [:]
    for a in sorted { byTicket[a.ticket] = a }
    self.applicants = byTicket
    events = scenario.events.sorted { $0.at < $1.at }
    inbox.append("\(scenario.title) — \(scenario.window) window, you are post \(scenario.post.rawValue), \(mode.rawValue) mode.")
    advanceWorld(to: clock.current)
  }

  /// The time now.
  public var now: Timestamp { clock.current }

  /// Keeps a case's new state and notes that it changed.
  mutating func put(_ ticket: String, _ c: CaseFile) {
    cases[ticket] = c
    touched.insert(ticket)
  }

  /// Forgets which cases changed (the runner calls it before each command).
  public mutating func clearTouched() { touched.removeAll(keepingCapacity: true) }
  var offset: Int32 { policy.utcOffsetSeconds }

  // MARK: - The world

  /// Moves the clock to `t`, letting everything scheduled up to then happen in time order.
  mutating func advanceWorld(to t: Timestamp) {
    while true {
      var next: (Timestamp, Int)?  // (time, kind 0 arrival 1 event 2 task 3 deadline)
      if let a = arrivals.first, a.arrives <= t { next = (a.arrives, 0) }
      if let e = events.first, e.at <= t, next == nil || e.at < next!.0 { next = (e.at, 1) }
      if let k = tasks.min(by: { ($0.at, $0.serial) < ($1.at, $1.serial) }), k.at <= t, next == nil || k.at < next!.0 {
        next = (k.at, 2)
      }
      if let d = nextDeemedTime(), d <= t, next == nil || d < next!.0 { next = (d, 3) }
      guard let (when, kind) = next else { break }
      if when > clock.current { try? clock.advance(to: when) }
      switch kind {
      case 0: arrive(arrivals.removeFirst())
      case 1: happen(events.removeFirst())
      case 2:
        let i = tasks.indices.min { (tasks[$0].at, tasks[$0].serial) < (tasks[$1].at, tasks[$1].serial) }!
        run(tasks.remove(at: i))
      default: applyDeadlines()
      }
    }
    if t > clock.current { try? clock.advance(to: t) }
  }

  /// When the next deemed acceptance happens: the start of the day after a pending deadline.
  func nextDeemedTime() -> Timestamp? {
    var best: Timestamp?
    for t in tickets {
      guard let c = cases[t], c.state.awaitsAcceptanceDecision else { continue }
      let when = Timestamp(date: c.acceptanceDeadline.adding(days: 1), hour: 0, minute: 0, offsetSeconds: offset)
        .at(offset: now.offsetSeconds)
      let at = max(when, c.lastEventAt)
      if best == nil || at < best! { best = at }
    }
    return best
  }

  mutating func applyDeadlines() {
    for t in tickets {
      guard var c = cases[t] else { continue }
      if c.applyDeadlines(now: now) {
        put(t, c)
        inbox.append("\(t): no notice by \(c.currentRound.deadline): the application now counts as accepted from receipt (deemed acceptance). It goes to the Center.")
        scheduleCenter(t)
      }
    }
  }

  mutating func schedule(_ at: Timestamp, _ kind: Task.Kind) {
    taskSerial += 1
    tasks.append(Task(at: at, serial: taskSerial, kind: kind))
  }

  func later(_ minutes: Int, from t: Timestamp? = nil) -> Timestamp {
    scenario.hours.adding(minutes: minutes, to: t ?? now, calendar: policy.calendar, offset: offset)
  }

  mutating func arrive(_ a: ScriptedApplicant) {
    var packet = a.packet
    packet.submitted = a.arrives
    let c = CaseFile(ticket: a.ticket, packet: packet, policy: policy, receivedBy: StaffID("window-intake"))
    put(a.ticket, c)
    tickets.append(a.ticket)
    inbox.append(
      "\(a.ticket) arrived: \(packet.applicant.name), \(packet.application.type.rawValue) for \(packet.employer.name)\(packet.employer.name.hasSuffix(".") ? "" : ".") Decision due by \(c.acceptanceDeadline)."
    )
    if scenario.post == .b { schedule(later(10, from: a.arrives), .colleaguePropose(a.ticket)) }
  }

  mutating func happen(_ e: TimedEvent) {
    switch e.kind {
    case .ruleChange(let id):
      if let p = packs(id) {
        policy = p
        inbox.append("RULE CHANGE: \(e.message) (policy \(id) in force from \(e.at); files received from now on are examined under it)")
      } else {
        inbox.append("RULE CHANGE announced but policy \(id) is not available: \(e.message)")
      }
    case .surge(let block):
      inbox.append("SURGE: \(e.message) (\(block.count) more applicants are queueing)")
    case .colleagueAbsent(let until):
      absentUntil = until
      inbox.append("\(colleague) is away until \(until): \(e.message)")
    case .announcement:
      inbox.append("ANNOUNCEMENT: \(e.message)")
    }
  }

  /// Surge arrivals are expanded ahead of time by the caller and simply arrive; nothing else here.

  func colleagueAvailable(at t: Timestamp) -> Timestamp {
    if let u = absentUntil, u > t { return u }
    return t
  }

  mutating func run(_ task: Task) {
    switch task.kind {
    case .colleagueReview(let t): colleagueReview(t)
    case .colleaguePropose(let t): colleaguePropose(t)
    case .colleagueIssue(let t): colleagueIssue(t)
    case .centerReview(let t):
      guard var c = cases[t] else { return }
      for item in c.pending { try? c.receivePending(item, at: now) }
      if (try? c.centerPreliminaryReviewDone(at: now)) != nil {
        put(t, c)
        let due = c.centerDeadline.map { c.policy.calendar.workingDay(onOrAfter: $0) }
        let at = Timestamp(date: min(due ?? now.date(atOffset: offset), policy.calendar.addingWorkingDays(2, to: now.date(atOffset: offset))), hour: 11, minute: 0, offsetSeconds: offset)
        schedule(max(at, now), .centerDecide(t))
      }
    case .centerDecide(let t):
      guard var c = cases[t] else { return }
      let exam = c.currentRound.examination
      let ok = exam.outcome.isAcceptance
      let reason = ok ? "approved" : "bounced: the file should not have been accepted (\(exam.outcome.rawValue): \(exam.defects.map(\.code).joined(separator: ", ")))"
      if (try? c.centerDecide(approve: ok, reason: reason, at: now)) != nil {
        try? c.file(at: now, by: .center)
        put(t, c)
        inbox.append(ok ? "\(t): the Center approved the permit; file kept until \(c.retainUntil!)." : "\(t): the Center BOUNCED the acceptance - \(reason).")
      }
    case .correction(let t):
      guard var c = cases[t], c.state == .awaitingCorrection, let fix = applicants[t]?.correction else { return }
      var packet = fix.packet
      packet.submitted = now
      if (try? c.resubmit(packet)) != nil {
        put(t, c)
        inbox.append("\(t): the employer is back with the corrected file (round \(c.rounds.count)); decision due by \(c.acceptanceDeadline).")
        if scenario.post == .b { schedule(later(10), .colleaguePropose(t)) }
      }
    }
  }

  /// The examiner's answer for the current round, as a proposal.
  func modelProposal(_ c: CaseFile, maker: StaffID, at: Timestamp) -> Proposal {
    let a = c.currentRound.examination.answer
    return Proposal(outcome: a.outcome, defects: a.defects, referTo: a.referTo, maker: maker, at: at)
  }

  /// Whether a proposal agrees with the examiner, and if not, why (``Grading``).
  public static func judge(_ p: Proposal, against e: Decision) -> String? {
    Grading.grade(p, against: e).explanation
  }

  mutating func colleagueReview(_ t: String) {
    guard var c = cases[t], c.state == .proposed, let p = c.proposal else { return }
    let verdict: ReviewVerdict
    switch scenario.colleague {
    case .rubberStamp: verdict = .agree
    case .careful:
      if let why = Session.judge(p, against: c.currentRound.examination) { verdict = .return(reason: why) } else { verdict = .agree }
    case .scripted:
      let s = applicants[t]?.review ?? "agree"
      verdict = s == "agree" ? .agree : .return(reason: s.hasPrefix("return:") ? String(s.dropFirst(7)).trimmingCharacters() : s)
    }
    do {
      try c.review(verdict, by: colleague, at: now)
      put(t, c)
      switch verdict {
      case .agree: inbox.append("\(t): post B (\(colleague)) agrees. You may issue the notice.")
      case .return(let r): inbox.append("\(t): post B (\(colleague)) returns your proposal: \(r).")
      }
    } catch {
      inbox.append("\(t): post B could not review: \(error)")
    }
  }

  mutating func colleaguePropose(_ t: String) {
    guard var c = cases[t], c.state == .received else { return }
    var p = modelProposal(c, maker: colleague, at: now)
    if c.rounds.count == 1, let scripted = applicants[t]?.proposal, !c.history.contains(where: { $0.event == "review" }) {
      p = Proposal(outcome: scripted.outcome, defects: scripted.defects, referTo: scripted.referTo, maker: colleague, at: now)
    }
    do {
      try c.propose(p)
      put(t, c)
      inbox.append("\(t): post A (\(colleague)) proposes \(p.outcome.rawValue)\(p.defects.isEmpty ? "" : " (" + p.defects.joined(separator: ", ") + ")"). Your review, please.")
    } catch {
      // A scripted proposal the core refuses (`check` reports these): post A proposes the file's answer.
      let model = modelProposal(c, maker: colleague, at: now)
      if (try? c.propose(model)) != nil {
        put(t, c)
        inbox.append("\(t): post A (\(colleague)) proposes \(model.outcome.rawValue)\(model.defects.isEmpty ? "" : " (" + model.defects.joined(separator: ", ") + ")"). Your review, please.")
      }
    }
  }

  mutating func colleagueIssue(_ t: String) {
    guard var c = cases[t], c.state == .agreed else { return }
    do {
      try c.issueNotice(by: colleague, at: now)
      put(t, c)
      inbox.append("\(t): post A issued the \(c.notices.last!.outcome.noticeName).")
      afterNotice(t)
    } catch {
      // The core refuses an incomplete one-time notice: post A proposes again.
      inbox.append("\(t): the notice was refused by the system: \(error). Post A will propose again.")
      var cc = c
      let p = modelProposal(cc, maker: colleague, at: now)
      if (try? cc.propose(p)) != nil {
        put(t, cc)
        inbox.append("\(t): post A (\(colleague)) proposes \(p.outcome.rawValue)\(p.defects.isEmpty ? "" : " (" + p.defects.joined(separator: ", ") + ")"). Your review, please.")
      }
    }
  }

  mutating func scheduleCenter(_ t: String) {
    schedule(Timestamp(date: policy.calendar.addingWorkingDays(1, to: now.date(atOffset: offset)), hour: 10, minute: 0, offsetSeconds: offset), .centerReview(t))
  }

  mutating func afterNotice(_ t: String) {
    guard var c = cases[t], let n = c.notices.last else { return }
    switch n.outcome {
    case .accept, .acceptPending: scheduleCenter(t)
    case .refuse:
      try? c.file(at: now, by: StaffID("window-registry"))
      put(t, c)
    case .supplement:
      if let fix = applicants[t]?.correction, c.rounds.count == 1 {
        schedule(scenario.hours.adding(minutes: fix.afterHours * 60, to: now, calendar: policy.calendar, offset: offset), .correction(t))
      }
    }
  }

  // MARK: - Reading the world

  /// Messages from the world since the last call.
  public mutating func drainMessages() -> [String] {
    defer { inbox.removeAll() }
    return inbox
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
        case .centerReview, .centerDecide: return false
        }
      }
  }

  // MARK: - Commands

  /// The result of one command.
  public struct Reply: Sendable {
    /// Lines to print.
    public var lines: [String]
    /// Whether the command was accepted (false: an error line was printed and nothing changed but time).
    public var ok: Bool
  }

  /// Applies one command given as REPL words (parsed with ``AttemptCommands/parse(_:)``).
  public mutating func apply(_ words: [String]) -> Reply {
    guard !words.isEmpty else { return Reply(lines: [], ok: true) }
    let verb = words[0]
    if finished && !(AttemptCommands.spec(verb)?.allowedAfterFinish ?? false) {
      return Reply(lines: [Session.finishedMessage], ok: false)
    }
    switch AttemptCommands.parse(words) {
    case .success(let c): return apply(c)
    case .failure(let e): return Reply(lines: [e.message] + drainMessages(), ok: false)
    }
  }

  /// What a command after `finish` is told.
  public static let finishedMessage = "the attempt is finished; see 'score' and 'debrief', or 'start' another scenario"

  /// Applies one typed command. Costs simulated time when it succeeds. Snapshots and restores are
  /// the runner's (``AttemptRunner``); here they are refused.
  public mutating func apply(_ command: AttemptCommand) -> Reply {
    if finished && !(AttemptCommands.spec(command.name)?.allowedAfterFinish ?? false) {
      return Reply(lines: [Session.finishedMessage], ok: false)
    }
    let result: Result<[String], CommandError>
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
    case .clock: result = .success(clockLines())
    case .advance(let a): result = advance(a)
    case .hint: result = hint()
    case .monthly(let y, let m): result = monthly(y, m)
    case .finish: result = finish()
    case .snapshot, .restore: result = .failure(CommandError("'\(command.name)' is the runner's, not the session's"))
    }
    switch result {
    case .success(let lines):
      let cost = AttemptCommands.spec(command.name)?.costKey.map { scenario.costs.cost($0) } ?? 0
      if cost > 0 { advanceWorld(to: later(cost)) }
      return Reply(lines: lines + drainMessages(), ok: true)
    case .failure(let e):
      return Reply(lines: [e.message] + drainMessages(), ok: false)
    }
  }

  /// A command the session refused, with what to do instead.
  public struct CommandError: Error, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
  }

  func brief() -> [String] {
    var out = ["\(scenario.title)", ""]
    out += scenario.briefing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    out.append("")
    out.append("Window: \(scenario.window). Policy: \(policy.id). Your post: \(scenario.post.rawValue) (colleague: \(colleague), \(scenario.colleague.rawValue)). Mode: \(mode.rawValue).")
    out.append("Opening hours \(Session.hhmm(scenario.hours.opens))-\(Session.hhmm(scenario.hours.closes)); day starts \(scenario.start).")
    return out
  }

  static func hhmm(_ m: Int) -> String { CivilDate.pad(m / 60, 2) + ":" + CivilDate.pad(m % 60, 2) }

  func daysLeft(_ c: CaseFile) -> String {
    let today = now.date(atOffset: offset)
    let left = policy.calendar.workingDays(after: today, through: c.acceptanceDeadline)
    if today > c.acceptanceDeadline { return "overdue" }
    return left == 0 ? "due today" : "\(left) working day\(left == 1 ? "" : "s") left"
  }

  func queue() -> [String] {
    var out: [String] = []
    if tickets.isEmpty { out.append("nobody at the window yet") }
    for t in tickets {
      let c = cases[t]!
      let p = c.currentRound.packet
      var status = c.state.rawValue
      if c.state.awaitsAcceptanceDecision { status += ", due \(c.acceptanceDeadline) (\(daysLeft(c)))" }
      let mark = t == openTicket ? "*" : " "
      out.append("\(mark)\(t)  \(p.application.type.rawValue.padding(22))  \(p.applicant.name.padding(22))  \(status)")
    }
    if let a = arrivals.first { out.append("next arrival at \(a.arrives) (\(arrivals.count) still to come)") }
    return out
  }

  func openCase() -> Result<(String, CaseFile), CommandError> {
    guard let t = openTicket, let c = cases[t] else { return .failure(CommandError("no case is open; 'open TICKET' first (see 'queue')")) }
    return .success((t, c))
  }

  mutating func open(_ ticket: String) -> Result<[String], CommandError> {
    let t = ticket.uppercased()
    guard cases[t] != nil else {
      let hint = Suggest.hint(t, tickets)
      if applicants[t] != nil { return .failure(CommandError("\(t) has not arrived yet; 'advance --next' to wait")) }
      return .failure(CommandError("no ticket \(t) at the window" + hint))
    }
    openTicket = t
    return .success(overview(t))
  }

  func overview(_ t: String) -> [String] {
    let c = cases[t]!
    let p = c.currentRound.packet
    let a = p.applicant
    let app = p.application
    var out = ["\(t) - \(app.type.rawValue), round \(c.rounds.count), \(c.state.rawValue); received \(p.submitted), decision due by \(c.acceptanceDeadline)"]
    out.append("  employer:  \(p.employer.name), registered in \(p.employer.district)")
    out.append("  applicant: \(a.name), \(a.nationality), born \(a.birthDate), passport \(a.passportNumber) valid to \(a.passportExpires)" + (a.residenceCountry.map { ", resides in \($0)" } ?? ""))
    var facts: [String] = []
    if let cat = app.category { facts.append("category \(cat.rawValue) claimed") }
    if let pos = app.position { facts.append("position \(pos)") }
    if app.annualSalary > 0 { facts.append("salary \(app.annualSalary) CNY") }
    if app.education != .none { facts.append("education \(app.education.rawValue)") }
    if app.relatedExperienceYears > 0 { facts.append("\(app.relatedExperienceYears) years related experience") }
    if let q = app.directQualification { facts.append("direct qualification \(q)") }
    if let d = app.entryDate { facts.append("entered \(d)") }
    if let d = app.permitExpires { facts.append("permit expires \(d)") }
    if let ch = app.change { facts.append("change of \(ch.kind.rawValue) on \(ch.date)") }
    if let d = app.contractEnd { facts.append("contract ended \(d)") }
    if let r = app.replacementReason { facts.append("card \(r.rawValue)") }
    if !facts.isEmpty { out.append("  application: " + facts.joined(separator: ", ")) }
    out.append("  materials: " + (p.materials.isEmpty ? "none" : p.materials.map(\.kind.rawValue).joined(separator: ", ")))
    if let prop = c.proposal, c.state == .proposed || c.state == .agreed {
      out.append("  proposal by \(prop.maker): \(prop.outcome.rawValue)" + (prop.defects.isEmpty ? "" : " (" + prop.defects.joined(separator: ", ") + ")") + (prop.referTo.map { ", refer to \($0)" } ?? ""))
    }
    return out
  }

  mutating func show(_ material: MaterialKind?) -> Result<[String], CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      guard let kind = material else { return .success(overview(t)) }
      let name = kind.rawValue
      let p = c.currentRound.packet
      let docs = p.materials.filter { $0.kind == kind }
      guard !docs.isEmpty else { return .success(["\(t): no \(name) was handed in"]) }
      facts.shown["\(t)#\(c.rounds.count)", default: []].insert(kind)
      return .success(docs.map { "\(t): " + Session.describe($0) })
    }
  }

  /// One line stating every fact written on a document.
  public static func describe(_ m: Material) -> String {
    var f: [String] = []
    if let v = m.name { f.append("name \"\(v)\"") }
    if let v = m.passportNumber { f.append("passport-number \(v)") }
    if let v = m.nationality { f.append("nationality \(v)") }
    if let v = m.birthDate { f.append("birth-date \(v)") }
    if let v = m.level { f.append("level \(v.rawValue)") }
    if let v = m.issuedIn { f.append("issued-in \(v)") }
    if let v = m.country { f.append("country \(v)") }
    if let v = m.issued { f.append("issued \(v)") }
    if let v = m.expires { f.append("expires \(v)") }
    if let v = m.authentication { f.append("authentication \(v.rawValue)") }
    if let v = m.translation { f.append("translation \(v.rawValue)") }
    if let v = m.language { f.append("language \(v)") }
    if let v = m.years { f.append("years \(v)") }
    if let v = m.related { f.append(v ? "related to the post" : "NOT related to the post") }
    if let v = m.signed { f.append(v ? "signed" : "NOT signed") }
    if let v = m.sealed { f.append(v ? "sealed" : "NOT sealed") }
    if let v = m.signatureMatches { f.append(v ? "signature matches the passport" : "signature DIFFERS from the passport") }
    if let v = m.replaces { f.append("stands in for \(v.rawValue)") }
    if let v = m.icaoCompliant { f.append(v ? "ICAO 9303 compliant" : "NOT ICAO 9303 compliant") }
    if let v = m.issuedBy { f.append("issued by \(v.rawValue)") }
    return m.kind.rawValue + ": " + (f.isEmpty ? "(nothing further stated)" : f.joined(separator: ", "))
  }

  func checklist() -> Result<[String], CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      let p = c.currentRound.packet
      let computed = c.currentRound.examination.computedCategory
      let required = c.policy.required(for: p.application, computed: computed)
      var out = ["\(t): materials required for \(p.application.type.rawValue)" + (p.application.category.map { ", Category \($0.rawValue) claimed" } ?? "")]
      for k in required {
        let here = p.materials.contains { $0.kind == k }
        let commitment = p.materials.contains { $0.kind == .commitment && $0.replaces == k }
        out.append("  [\(here ? "x" : commitment ? "c" : " ")] \(k.rawValue)" + (commitment && !here ? " (commitment handed in)" : ""))
      }
      out.append("  ([x] handed in, [c] commitment, [ ] not handed in; 'show MATERIAL' to examine each)")
      return .success(out)
    }
  }

  func pointsCommand() -> Result<[String], CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      let e = c.currentRound.examination
      var out = ["\(t): points (2017 interim table), age \(e.age) on \(e.receiptDate)"]
      out += e.points.factors.map { "  \($0.name.padding(16)) \($0.points)" }
      out.append("  total            \(e.points.total) -> Category \(c.policy.points.category(forPoints: e.points.total).rawValue) by points" + (c.currentRound.packet.application.directQualification.map { "; direct qualification \($0) -> Category A" } ?? ""))
      return .success(out)
    }
  }

  mutating func decide(_ outcome: Outcome, _ defects: [String], _ referTo: String?) -> Result<[String], CommandError> {
    guard scenario.post == .a else { return .failure(CommandError("you are post B in this scenario: 'review agree' or 'review return REASON'")) }
    guard case .success(let (t, c0)) = openCase() else { return .failure(CommandError("no case is open; 'open TICKET' first")) }
    var c = c0
    let p = Proposal(outcome: outcome, defects: defects, referTo: referTo, maker: trainee, at: now)
    do {
      try c.propose(p)
    } catch {
      return .failure(CommandError("\(t): \(error)"))
    }
    put(t, c)
    facts.proposals.append(AttemptFacts.Proposed(ticket: t, round: c.rounds.count, outcome: outcome, defects: p.defects, referTo: referTo, at: now))
    return .success(["\(t): you propose \(outcome.rawValue)" + (p.defects.isEmpty ? "" : " (" + p.defects.joined(separator: ", ") + ")") + (referTo.map { ", refer to \($0)" } ?? "") + ". Now 'handover' to post B."])
  }

  mutating func handover() -> Result<[String], CommandError> {
    guard scenario.post == .a else { return .failure(CommandError("you are post B: post A hands over to you")) }
    guard case .success(let (t, c)) = openCase() else { return .failure(CommandError("no case is open; 'open TICKET' first")) }
    guard c.state == .proposed else { return .failure(CommandError("\(t) is \(c.state.rawValue): 'decide' first, then 'handover'")) }
    let at = colleagueAvailable(at: now)
    schedule(at, .colleagueReview(t))
    if at > now {
      return .success(["\(t): handed over; \(colleague) is away until \(at) and will review then (use the time on other cases, or 'advance --next')."])
    }
    advanceWorld(to: now)
    return .success(["\(t): handed over to post B (\(colleague))."])
  }

  mutating func review(_ returnReason: String?) -> Result<[String], CommandError> {
    guard case .success(let (t, c0)) = openCase() else { return .failure(CommandError("no case is open; 'open TICKET' first")) }
    var c = c0
    let v = returnReason == nil ? "agree" : "return"
    let verdict: ReviewVerdict = returnReason.map { .return(reason: $0) } ?? .agree
    guard let proposal = c.proposal, c.state == .proposed else {
      return .failure(CommandError("\(t) has no proposal waiting for review (\(c.state.rawValue))"))
    }
    do {
      try c.review(verdict, by: trainee, at: now)
    } catch {
      if case .samePersonBothPosts = error {
        facts.breaches.append(AttemptFacts.Breach(kind: .selfReview, ticket: t, detail: "tried to review a proposal you made yourself", at: now))
      }
      return .failure(CommandError("\(t): refused: \(error)"))
    }
    put(t, c)
    let exam = c.currentRound.examination
    let planted = Session.judge(proposal, against: exam)
    let key = "\(t)#\(c.rounds.count)"
    let total = Set(c.currentRound.packet.materials.map(\.kind)).count
    facts.reviews.append(AttemptFacts.Reviewed(
      ticket: t, round: c.rounds.count, proposal: proposal, proposalCorrect: planted == nil, plantedError: planted,
      agreed: returnReason == nil, reason: returnReason,
      evidenceShown: facts.shown[key]?.count ?? 0, evidenceTotal: total, at: now))
    if v == "agree" {
      schedule(now, .colleagueIssue(t))
    } else {
      schedule(later(10), .colleaguePropose(t))
    }
    advanceWorld(to: now)
    return .success(["\(t): you \(v == "agree" ? "agree with" : "return") post A's proposal."])
  }

  mutating func issue() -> Result<[String], CommandError> {
    guard scenario.post == .a else { return .failure(CommandError("you are post B: post A issues the notice after you agree")) }
    guard case .success(let (t, c0)) = openCase() else { return .failure(CommandError("no case is open; 'open TICKET' first")) }
    var c = c0
    do {
      try c.issueNotice(by: trainee, at: now)
    } catch {
      switch error {
      case .notReviewed:
        facts.breaches.append(AttemptFacts.Breach(kind: .issueWithoutReview, ticket: t, detail: "tried to issue before post B agreed", at: now))
      case .incompleteNotice(let missing):
        facts.breaches.append(AttemptFacts.Breach(kind: .incompleteNotice, ticket: t, detail: "one-time notice missing " + missing.joined(separator: ", "), at: now))
      default: break
      }
      return .failure(CommandError("\(t): refused: \(error)"))
    }
    put(t, c)
    let n = c.notices.last!
    afterNotice(t)
    return .success(["\(t): \(n.outcome.noticeName) issued at \(now)" + (n.onTime ? "" : " - LATE, the deadline was \(c.currentRound.deadline)") + "."])
  }

  func clockLines() -> [String] {
    let today = now.date(atOffset: offset)
    var out = ["It is \(now) (\(DecisionReport.weekday(today))), \(policy.calendar.isWorkingDay(today) ? "a working day" : (policy.calendar.holiday(on: today).map { "public holiday: \($0)" } ?? "a weekend day")). Policy in force: \(policy.id)."]
    var agenda: [(CivilDate, String)] = []
    for t in tickets {
      let c = cases[t]!
      if c.state.awaitsAcceptanceDecision { agenda.append((c.acceptanceDeadline, "\(t): acceptance decision due (\(daysLeft(c)))")) }
      if c.state.atCenter, let d = c.centerDeadline { agenda.append((d, "\(t): Center decision due")) }
    }
    if agenda.isEmpty { out.append("No deadlines pending.") } else {
      out.append("Agenda:")
      for (d, s) in agenda.sorted(by: { $0.0 < $1.0 }) { out.append("  \(d)  \(s)") }
    }
    if let u = absentUntil, u > now { out.append("\(colleague) is away until \(u).") }
    if let a = arrivals.first { out.append("Next arrival: \(a.arrives).") }
    return out
  }

  mutating func advance(_ a: AdvanceTarget) -> Result<[String], CommandError> {
    var target: Timestamp
    switch a {
    case .next:
      guard let n = nextHappening() else { return .failure(CommandError("nothing else is scheduled; 'finish' ends the attempt")) }
      target = max(n, now)
    case .to(let t): target = t
    case .toClock(let h, let m): target = Timestamp(date: now.date(atOffset: offset), hour: h, minute: m, offsetSeconds: offset)
    case .by(let secs): target = now.adding(seconds: secs)
    }
    if target < now { return .failure(CommandError("the clock only moves forward: it is \(now)")) }
    if target > horizon && a != .next {
      return .failure(CommandError("advance goes at most to \(horizon.at(offset: now.offsetSeconds)), a year after the scenario starts: nothing in it happens later ('finish' closes the window)"))
    }
    advanceWorld(to: target)
    return .success(["It is now \(now)."])
  }

  /// The latest time `advance` goes to: a year after the scenario's start, or its last scheduled
  /// arrival or event when that is later. Every time a trainee can type is bounded by it.
  public var horizon: Timestamp {
    let latest = ([scenario.start] + scenario.applicants.map(\.arrives) + scenario.events.map(\.at)).max() ?? scenario.start
    return max(scenario.start.adding(seconds: 366 * 86_400), latest)
  }

  /// Parses `90m`, `2h`, `1d`, `1h30m` into seconds (``AttemptCommands/parseDuration(_:)``).
  public static func parseDuration(_ s: String) -> Int64? { AttemptCommands.parseDuration(s) }

  mutating func hint() -> Result<[String], CommandError> {
    guard mode == .practice else { return .failure(CommandError("no hints in \(mode.rawValue) mode")) }
    guard case .success(let (t, c)) = openCase() else { return .failure(CommandError("no case is open; 'open TICKET' first")) }
    facts.hints.append(t)
    let e = c.currentRound.examination
    let proposed = Set(facts.proposals.last(where: { $0.ticket == t && $0.round == c.rounds.count })?.defects ?? [])
    if let f = (e.findings + e.pendingFindings).first(where: { !proposed.contains($0.defect.code) }) {
      let evidence = [f.material?.rawValue, f.field].compactMap { $0 }.joined(separator: " / ")
      return .success(["hint (costs points): look at \(evidence.isEmpty ? "the application" : evidence) - rule [\(f.rule.rawValue)] \(c.policy.text(of: f.rule))"])
    }
    return .success(["hint (costs points): nothing more to find in this file; the outcome is \(e.outcome.rawValue)"])
  }

  /// The window's monthly report to the Center (`monthly [YYYY-MM]`, default the current month).
  func monthly(_ y: Int?, _ m: Int?) -> Result<[String], CommandError> {
    var (year, month, _) = now.date(atOffset: offset).components
    if let y, let m { (year, month) = (y, m) }
    guard let r = MonthlyReport.make(year: year, month: month, cases: tickets.compactMap { cases[$0] }, policy: policy) else {
      return .failure(CommandError("no monthly report for \(year)-\(CivilDate.pad(month, 2)): the calendar ends in 9999"))
    }
    var out = ["Monthly report of the \(scenario.window) window to the municipal Center, \(year)-\(CivilDate.pad(month, 2)) (due \(r.due))"]
    out.append("  submissions received: \(r.received)")
    out.append("  notices: " + Outcome.allCases.map { "\($0.rawValue) \(r.notices[$0] ?? 0)" }.joined(separator: ", ") + "; on time \(r.noticesOnTime)")
    out.append("  deemed accepted: \(r.deemedAccepted)")
    out.append("  compliance breaches: " + (r.complianceBreaches.isEmpty ? "none" : r.complianceBreaches.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
    out.append("  Center decisions: approved \(r.approved), refused \(r.centerRefused); at the Center at month end: \(r.atCenterAtMonthEnd)")
    out.append("  files filed: \(r.filed) (kept \(policy.timeLimits.retentionYears) years)")
    return .success(out)
  }

  /// Closes the window: the world runs on until every acceptance deadline has passed (undecided files
  /// become deemed acceptances) and the Center has decided.
  mutating func finish() -> Result<[String], CommandError> {
    var guardCount = 0
    while let n = nextHappening(), guardCount < 10_000 {
      guardCount += 1
      if n < now { break }
      advanceWorld(to: n)
      if arrivals.isEmpty && tasks.isEmpty && nextDeemedTime() == nil { break }
    }
    finished = true
    return .success(["The attempt is finished at \(now). 'score' for the result, 'debrief' for every point lost."])
  }
}

extension String {
  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
