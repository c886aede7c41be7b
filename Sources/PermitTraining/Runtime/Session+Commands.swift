import PermitContent
import PermitCore

/// The command handlers of a ``Session``: each checks the command against the attempt and the core,
/// changes the state, and returns its answer as a value (``SessionAnswer``) or why it refused
/// (``SessionRefusal``); the world's events follow in the reply. The CLI's screens say them.
extension Session {
  func brief() -> SessionAnswer {
    .brief(BriefView(
      title: ContentText(en: scenario.title, zh: scenario.titleZh), briefing: ContentText(en: scenario.briefing, zh: scenario.briefingZh),
      window: scenario.window,
      policy: policy.id, post: post, colleague: colleague, colleagueStyle: scenario.colleague.rawValue,
      partner: pair?.name(of: acting.other), partnerPost: acting.other, mode: mode,
      opens: scenario.hours.opens, closes: scenario.hours.closes, start: scenario.start))
  }

  func daysLeft(_ c: CaseFile) -> DaysLeft {
    let today = now.date(atOffset: offset)
    let left = policy.calendar.workingDays(after: today, through: c.acceptanceDeadline)
    if today > c.acceptanceDeadline { return .overdue }
    return left == 0 ? .today : .days(left)
  }

  func queue() -> SessionAnswer {
    let rows = tickets.map { t -> QueueView.Row in
      let c = cases[t]!
      let p = c.currentRound.packet
      let due = c.state.awaitsAcceptanceDecision
      return QueueView.Row(
        ticket: t, type: p.application.type, applicant: p.applicant.name, state: c.state,
        due: due ? c.acceptanceDeadline : nil, left: due ? daysLeft(c) : nil, open: t == openTicket)
    }
    return .queue(QueueView(rows: rows, nextArrival: arrivals.first?.arrives, waiting: arrivals.count))
  }

  func openCase(short: Bool = false) -> Result<(String, CaseFile), CommandError> {
    guard let t = openTicket, let c = cases[t] else { return .failure(CommandError(.noOpenCase(short: short))) }
    return .success((t, c))
  }

  mutating func open(_ ticket: String) -> Result<SessionAnswer, CommandError> {
    let t = ticket.uppercased()
    guard let c = cases[t] else {
      if applicants[t] != nil { return .failure(CommandError(.notArrived(ticket: t))) }
      return .failure(CommandError(.noTicket(ticket: t, known: tickets)))
    }
    openTicket = t
    return .success(.overview(ticket: t, file: c))
  }

  mutating func show(_ material: MaterialKind?) -> Result<SessionAnswer, CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      guard let kind = material else { return .success(.overview(ticket: t, file: c)) }
      let docs = c.currentRound.packet.materials.filter { $0.kind == kind }
      if !docs.isEmpty { note(.materialShown(ticket: t, round: c.rounds.count, material: kind)) }
      return .success(.material(ticket: t, kind: kind, documents: docs))
    }
  }

  mutating func checklist() -> Result<SessionAnswer, CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      note(.checklistShown(ticket: t, round: c.rounds.count))
      let p = c.currentRound.packet
      let computed = c.currentRound.examination.computedCategory
      let items = c.policy.required(for: p.application, computed: computed).map { k in
        ChecklistView.Item(
          kind: k, present: p.materials.contains { $0.kind == k },
          commitment: p.materials.contains { $0.kind == .commitment && $0.replaces == k })
      }
      return .success(.checklist(ChecklistView(ticket: t, type: p.application.type, category: p.application.category, items: items)))
    }
  }

  mutating func pointsCommand() -> Result<SessionAnswer, CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      note(.pointsShown(ticket: t, round: c.rounds.count))
      let e = c.currentRound.examination
      let app = c.currentRound.packet.application
      if !e.pointsComputed {
        // Part A′ 6: a renewal file carries the current permit's category; no points.
        let days = c.policy.centerDecisionWorkingDays(for: app.type, category: e.computedCategory)
        return .success(.points(.none(ticket: t, type: app.type, category: e.computedCategory, decisionDays: days)))
      }
      return .success(.points(.table(PointsTableView(
        ticket: t, age: e.age, receiptDate: e.receiptDate, factors: e.points.factors.map { .init(name: $0.name, points: $0.points) },
        total: e.points.total, category: c.policy.points.category(forPoints: e.points.total),
        directQualification: app.directQualification))))
    }
  }

  mutating func decide(_ outcome: Outcome, _ defects: [String], _ referTo: String?) -> Result<SessionAnswer, CommandError> {
    guard post == .a else { return .failure(CommandError(.postB(verb: "decide"))) }
    guard case .success(let (t, c0)) = openCase(short: true) else { return .failure(CommandError(.noOpenCase(short: true))) }
    var c = c0
    if let m = ProposalCheck.malformation(outcome: outcome, defects: defects, referTo: referTo, policy: c.policy) {
      return .failure(CommandError(.malformed(m)))
    }
    let p = Proposal(outcome: outcome, defects: defects, referTo: referTo, maker: trainee, at: now)
    let next: [FollowUp]
    do {
      next = try c.propose(p)
    } catch {
      return .failure(CommandError(.core(ticket: t, error: error, refused: false)))
    }
    put(t, c)
    arrange(t, next, by: trainee)
    note(.proposed(AttemptFacts.Proposed(ticket: t, round: c.rounds.count, outcome: outcome, defects: p.defects, referTo: referTo, at: now)))
    return .success(.decided(ticket: t, outcome: outcome, defects: p.defects, referTo: referTo))
  }

  /// The compliance breach a verdict on a late change or cancellation must know (domain.md Part A):
  /// the file is accepted and the lateness recorded as a compliance breach, not listed as a defect.
  /// Nil for other files. The screens say it (``SessionAnswer/reviewed(ticket:agreed:late:)``).
  public static func lateNote(_ e: Decision) -> Defect? { e.compliance.first?.defect }

  mutating func handover() -> Result<SessionAnswer, CommandError> {
    guard post == .a else { return .failure(CommandError(.postB(verb: "handover"))) }
    guard case .success(let (t, c)) = openCase(short: true) else { return .failure(CommandError(.noOpenCase(short: true))) }
    guard c.state == .proposed else { return .failure(CommandError(.handoverNotProposed(ticket: t, state: c.state))) }
    if pair != nil { return pairHandover(t, c) }
    note(.handedOver(AttemptFacts.Handover(ticket: t, round: c.rounds.count, at: now)))
    let at = colleagueAvailable(at: now)
    schedule(at, .colleagueReview(t))
    if at > now {
      return .success(.handedOver(ticket: t, colleague: colleague, away: at))
    }
    advanceWorld(to: now)
    return .success(.handedOver(ticket: t, colleague: colleague, away: nil))
  }

  mutating func review(_ returnReason: String?) -> Result<SessionAnswer, CommandError> {
    guard case .success(let (t, c0)) = openCase(short: true) else { return .failure(CommandError(.noOpenCase(short: true))) }
    var c = c0
    let v = returnReason == nil ? "agree" : "return"
    let verdict: ReviewVerdict = returnReason.map { .return(reason: .words($0)) } ?? .agree
    guard let proposal = c.proposal, c.state == .proposed else {
      return .failure(CommandError(.nothingToReview(ticket: t, state: c.state)))
    }
    if let refusal = pairReviewRefusal(t) { return .failure(CommandError(refusal)) }
    let next: [FollowUp]
    do {
      next = try c.review(verdict, by: trainee, at: now)
    } catch {
      if case .samePersonBothPosts = error {
        note(.breach(AttemptFacts.Breach(kind: .selfReview, ticket: t, at: now)))
      }
      return .failure(CommandError(.core(ticket: t, error: error, refused: true)))
    }
    put(t, c)
    let exam = c.currentRound.examination
    let planted = Session.judge(proposal, against: exam)
    let key = "\(t)#\(c.rounds.count)"
    let evidence = AttemptFacts.evidence(of: c)
    note(.reviewed(AttemptFacts.Reviewed(
      ticket: t, round: c.rounds.count, proposal: proposal, proposalCorrect: planted == nil, plantedError: planted,
      agreed: returnReason == nil, reason: returnReason,
      looked: facts(of: acting).looked(key).filter(evidence.contains), evidence: evidence, at: now)))
    if pair != nil { return pairReviewed(t, agreed: returnReason == nil, exam) }
    arrange(t, next, by: trainee)
    advanceWorld(to: now)
    return .success(.reviewed(ticket: t, agreed: v == "agree", late: Session.lateNote(exam)))
  }

  mutating func issue() -> Result<SessionAnswer, CommandError> {
    guard post == .a else { return .failure(CommandError(.postB(verb: "issue"))) }
    guard case .success(let (t, c0)) = openCase(short: true) else { return .failure(CommandError(.noOpenCase(short: true))) }
    var c = c0
    let next: [FollowUp]
    do {
      next = try c.issueNotice(by: trainee, at: now)
    } catch {
      switch error {
      case .notReviewed:
        note(.breach(AttemptFacts.Breach(kind: .issueWithoutReview, ticket: t, at: now)))
      case .incompleteNotice(let missing):
        note(.breach(AttemptFacts.Breach(kind: .incompleteNotice, ticket: t, missing: missing, at: now)))
      default: break
      }
      return .failure(CommandError(.core(ticket: t, error: error, refused: true)))
    }
    put(t, c)
    let n = c.notices.last!
    arrange(t, next, by: StaffID("window-registry"))
    return .success(.issued(ticket: t, notice: n.outcome, at: now, lateDeadline: n.onTime ? nil : c.currentRound.deadline))
  }

  func clockView() -> SessionAnswer {
    let today = now.date(atOffset: offset)
    let day: ClockView.Day = policy.calendar.isWorkingDay(today) ? .working : policy.calendar.holiday(on: today).map { .holiday($0) } ?? .weekend
    var agenda: [ClockView.Agendum] = []
    for t in tickets {
      let c = cases[t]!
      if c.state.awaitsAcceptanceDecision { agenda.append(.init(date: c.acceptanceDeadline, due: .acceptance(ticket: t, left: daysLeft(c)))) }
      if c.state.atCenter, let d = c.centerDeadline { agenda.append(.init(date: d, due: .center(ticket: t))) }
    }
    let away = absentUntil.flatMap { $0 > now ? $0 : nil }
    return .clock(ClockView(
      now: now, today: today, day: day, policy: policy.id, agenda: agenda.sorted { $0.date < $1.date },
      closesAt: windowOpen ? scenario.hours.closes : nil, opensAt: windowOpen ? nil : dayTime(nextOpening),
      colleagueAway: away == nil ? nil : colleague, awayUntil: away, nextArrival: arrivals.first?.arrives))
  }

  mutating func advance(_ a: AdvanceTarget) -> Result<SessionAnswer, CommandError> {
    var target: Timestamp
    switch a {
    case .next:
      guard let n = nextStop() else { return .failure(CommandError(.nothingToAdvanceTo)) }
      target = max(n, now)
    case .to(let t): target = t
    case .toClock(let h, let m): target = Timestamp(date: now.date(atOffset: offset), hour: h, minute: m, offsetSeconds: offset)
    case .by(let secs): target = now.adding(seconds: secs)
    }
    if target < now { return .failure(CommandError(.backwards(now: now))) }
    if target > horizon && a != .next {
      return .failure(CommandError(.pastHorizon(horizon.at(offset: now.offsetSeconds))))
    }
    advanceWorld(to: target)
    return .success(.advanced(to: now))
  }

  /// The latest time `advance` goes to: a year after the scenario's start, or its last scheduled
  /// arrival or event when that is later. Every time a trainee can type is bounded by it.
  public var horizon: Timestamp {
    let latest = ([scenario.start] + scenario.applicants.map(\.arrives) + scenario.events.map(\.at)).max() ?? scenario.start
    return max(scenario.start.adding(seconds: 366 * 86_400), latest)
  }

  /// Parses `90m`, `2h`, `1d`, `1h30m` into seconds (``AttemptCommands/parseDuration(_:)``).
  public static func parseDuration(_ s: String) -> Int64? { AttemptCommands.parseDuration(s) }

  mutating func hint() -> Result<SessionAnswer, CommandError> {
    guard mode == .practice else { return .failure(CommandError(.hintMode(mode))) }
    guard case .success(let (t, c)) = openCase(short: true) else { return .failure(CommandError(.noOpenCase(short: true))) }
    // A repeated hint for the same file gives the next pointer, not the same one.
    let before = facts(of: acting).hints.filter { $0 == t }.count
    note(.hintTaken(ticket: t))
    let e = c.currentRound.examination
    let proposed = Set(facts.proposals.last(where: { $0.ticket == t && $0.round == c.rounds.count })?.defects ?? [])
    let open = (e.findings + e.pendingFindings).filter { !proposed.contains($0.defect.code) }
    if !open.isEmpty {
      return .success(.hint(.pointer(
        index: before % open.count + 1, count: open.count, again: before >= open.count, finding: open[before % open.count], policy: c.policy)))
    }
    return .success(.hint(.nothing(outcome: e.outcome)))
  }

  /// The window's monthly report to the Center (`monthly [YYYY-MM]`, default the current month).
  func monthly(_ y: Int?, _ m: Int?) -> Result<SessionAnswer, CommandError> {
    var (year, month, _) = now.date(atOffset: offset).components
    if let y, let m { (year, month) = (y, m) }
    guard let r = MonthlyReport.make(year: year, month: month, cases: tickets.compactMap { cases[$0] }, policy: policy) else {
      return .failure(CommandError(.noMonthly(year: year, month: month)))
    }
    return .success(.monthly(MonthlyView(window: scenario.window, report: r, retentionYears: policy.timeLimits.retentionYears)))
  }

  /// Closes the window: the world runs on until every acceptance deadline has passed (undecided files
  /// become deemed acceptances) and the Center has decided. Without `now`, refused with the list of
  /// what would still happen (``stillToHappen``) when there is any.
  mutating func finish(now goAhead: Bool) -> Result<SessionAnswer, CommandError> {
    if let refusal = finishRefusal(now: goAhead) { return .failure(CommandError(refusal)) }
    var guardCount = 0
    while let n = nextHappening(), guardCount < 10_000 {
      guardCount += 1
      if n < now { break }
      advanceWorld(to: n)
      if arrivals.isEmpty && tasks.isEmpty && nextDeemedTime() == nil { break }
    }
    finished = true
    return .success(.finished(at: now))
  }
}
