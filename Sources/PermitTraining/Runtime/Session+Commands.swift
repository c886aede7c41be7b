import PermitContent
import PermitCore
import PermitLocalization

/// The command handlers of a ``Session``: each checks the command against the attempt and the core,
/// changes the state, and returns the lines of its answer (the world's events follow in the reply).
extension Session {
  func brief() -> [String] {
    // Content in the session's language (issue 15); the screens' own words move to the CLI first.
    var out = ["\(scenario.title(in: Language.current))", ""]
    out += scenario.briefing(in: Language.current).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
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
    if let cat = app.category {
      facts.append(app.type.carriesPermitCategory ? "current permit Category \(cat.rawValue)" : "category \(cat.rawValue) claimed")
    }
    if let pos = app.position { facts.append("position \(pos)") }
    if app.annualSalary > 0 { facts.append("salary \(app.annualSalary) CNY") }
    if app.education != .none { facts.append("education \(app.education.rawValue)") }
    if app.relatedExperienceYears > 0 { facts.append("\(app.relatedExperienceYears) years related experience") }
    if let q = app.directQualification { facts.append("direct qualification \(q)") }
    if let r = app.talentRoute { facts.append("Category A rests on the \(r == .degree ? "degree" : "work experience")") }
    if let d = app.entryDate { facts.append("entered \(d)") }
    if let d = app.permitExpires { facts.append("permit expires \(d)") }
    if let ch = app.change { facts.append("change of \(ch.kind.rawValue) on \(ch.date)") }
    if let d = app.contractEnd { facts.append("contract ended \(d)") }
    if let r = app.replacementReason { facts.append("card \(r.rawValue)") }
    if let d = app.permitCancelled { facts.append("previous permit cancelled \(d)") }
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
      note(.materialShown(ticket: t, round: c.rounds.count, material: kind))
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
    if let v = m.starts { f.append("starts \(v)") }
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

  mutating func checklist() -> Result<[String], CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      note(.checklistShown(ticket: t, round: c.rounds.count))
      let p = c.currentRound.packet
      let computed = c.currentRound.examination.computedCategory
      let required = c.policy.required(for: p.application, computed: computed)
      let claim = p.application.type.carriesPermitCategory ? "current permit Category" : "Category"
      let suffix = p.application.type.carriesPermitCategory ? "" : " claimed"
      var out = ["\(t): materials required for \(p.application.type.rawValue)" + (p.application.category.map { ", \(claim) \($0.rawValue)\(suffix)" } ?? "")]
      for k in required {
        let here = p.materials.contains { $0.kind == k }
        let commitment = p.materials.contains { $0.kind == .commitment && $0.replaces == k }
        out.append("  [\(here ? "x" : commitment ? "c" : " ")] \(k.rawValue)" + (commitment && !here ? " (commitment handed in)" : ""))
      }
      out.append("  ([x] handed in, [c] commitment, [ ] not handed in; 'show MATERIAL' to examine each)")
      return .success(out)
    }
  }

  mutating func pointsCommand() -> Result<[String], CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      note(.pointsShown(ticket: t, round: c.rounds.count))
      let e = c.currentRound.examination
      let app = c.currentRound.packet.application
      if !e.pointsComputed {
        // Part A′ 6: a renewal file carries the current permit's category; no points.
        let days = c.policy.centerDecisionWorkingDays(for: app.type, category: e.computedCategory)
        return .success([
          "\(t): no points for \("aeiou".contains(app.type.rawValue.first ?? "x") ? "an" : "a") \(app.type.rawValue): the file carries the current permit's Category \(e.computedCategory.rawValue)"
            + " (the Center decides in \(days) working days)"
        ])
      }
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
    if let m = ProposalCheck.malformation(outcome: outcome, defects: defects, referTo: referTo, policy: c.policy) {
      return .failure(CommandError(Session.explain(m)))
    }
    let p = Proposal(outcome: outcome, defects: defects, referTo: referTo, maker: trainee, at: now)
    do {
      try c.propose(p)
    } catch {
      return .failure(CommandError("\(t): \(error)"))
    }
    put(t, c)
    note(.proposed(AttemptFacts.Proposed(ticket: t, round: c.rounds.count, outcome: outcome, defects: p.defects, referTo: referTo, at: now)))
    return .success(["\(t): you propose \(outcome.rawValue)" + (p.defects.isEmpty ? "" : " (" + p.defects.joined(separator: ", ") + ")") + (referTo.map { ", refer to \($0)" } ?? "") + ". Now 'handover' to post B."])
  }

  /// What a verdict on a late change or cancellation must know (domain.md Part A): the file is
  /// accepted and the lateness recorded as a compliance breach, not listed as a defect. Nil for
  /// other files.
  public static func lateNote(_ e: Decision) -> String? {
    guard let f = e.compliance.first else { return nil }
    let what = f.defect.subject ?? "filing"
    return "Note: this \(what) was filed late (\(f.defect.code)): a late \(what) is accepted and recorded on the case as a compliance breach reported to the Center, not listed as a defect."
  }

  /// A malformed proposal in words, with the nearest valid code or body when it is a typo.
  static func explain(_ m: ProposalCheck.Malformation) -> String {
    switch m {
    case .unknownDefect(let d): return "unknown defect code '\(d)'" + Suggest.hint(d, DefectCatalog.allCodes) + " (tab completes codes)"
    case .unknownBody(let b, let valid): return "\(m)" + Suggest.hint(b, valid)
    default: return "\(m)"
    }
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
        note(.breach(AttemptFacts.Breach(kind: .selfReview, ticket: t, detail: "tried to review a proposal you made yourself", at: now)))
      }
      return .failure(CommandError("\(t): refused: \(error)"))
    }
    put(t, c)
    let exam = c.currentRound.examination
    let planted = Session.judge(proposal, against: exam)
    let key = "\(t)#\(c.rounds.count)"
    let evidence = AttemptFacts.evidence(of: c)
    note(.reviewed(AttemptFacts.Reviewed(
      ticket: t, round: c.rounds.count, proposal: proposal, proposalCorrect: planted == nil, plantedError: planted,
      agreed: returnReason == nil, reason: returnReason,
      looked: facts.looked(key).filter(evidence.contains), evidence: evidence, at: now)))
    if v == "agree" {
      schedule(now, .colleagueIssue(t))
    } else {
      schedule(later(10), .colleaguePropose(t))
    }
    advanceWorld(to: now)
    return .success(["\(t): you \(v == "agree" ? "agree with" : "return") post A's proposal."] + (Session.lateNote(exam).map { ["\(t): \($0)"] } ?? []))
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
        note(.breach(AttemptFacts.Breach(kind: .issueWithoutReview, ticket: t, detail: "tried to issue before post B agreed", at: now)))
      case .incompleteNotice(let missing):
        note(.breach(AttemptFacts.Breach(kind: .incompleteNotice, ticket: t, detail: "one-time notice missing " + missing.joined(separator: ", "), at: now)))
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
    out.append(windowOpen ? L10n.t("session.window.clock-open", Session.hhmm(scenario.hours.closes)) : L10n.t("session.window.clock-closed", dayAndTime(nextOpening)))
    if let u = absentUntil, u > now { out.append("\(colleague) is away until \(u).") }
    if let a = arrivals.first { out.append("Next arrival: \(a.arrives).") }
    return out
  }

  mutating func advance(_ a: AdvanceTarget) -> Result<[String], CommandError> {
    var target: Timestamp
    switch a {
    case .next:
      guard let n = nextStop() else { return .failure(CommandError("nothing else is scheduled; 'finish' ends the attempt")) }
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
    // A repeated hint for the same file gives the next pointer, not the same one.
    let before = facts.hints.filter { $0 == t }.count
    note(.hintTaken(ticket: t))
    let e = c.currentRound.examination
    let proposed = Set(facts.proposals.last(where: { $0.ticket == t && $0.round == c.rounds.count })?.defects ?? [])
    let open = (e.findings + e.pendingFindings).filter { !proposed.contains($0.defect.code) }
    if !open.isEmpty {
      let f = open[before % open.count]
      let evidence = [f.material?.rawValue, f.field].compactMap { $0 }.joined(separator: " / ")
      let which = "pointer \(before % open.count + 1) of \(open.count)" + (before >= open.count ? ", all given once already" : "")
      return .success(["hint (\(which); each hint costs points): look at \(evidence.isEmpty ? "the application" : evidence) - rule [\(f.rule.rawValue)] \(c.policy.text(of: f.rule))"])
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
  /// become deemed acceptances) and the Center has decided. Without `now`, refused with the list of
  /// what would still happen (``stillToHappen``) when there is any.
  mutating func finish(now goAhead: Bool) -> Result<[String], CommandError> {
    if let refusal = finishRefusal(now: goAhead) { return .failure(CommandError(refusal)) }
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
