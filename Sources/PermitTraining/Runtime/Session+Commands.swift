import PermitContent
import PermitCore
import PermitLocalization

/// The command handlers of a ``Session``: each checks the command against the attempt and the core,
/// changes the state, and returns the lines of its answer (the world's events follow in the reply).
extension Session {
  func brief() -> [String] {
    // Content and screen in the session's language (issue 15).
    var out = ["\(scenario.title(in: Language.current))", ""]
    out += scenario.briefing(in: Language.current).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    out.append("")
    if let pair {
      out.append(L10n.t(
        "session.brief.setup.pair", Localized.body(scenario.window), policy.id, Localized.post(post), pair.name(of: acting.other),
        Localized.post(acting.other), Localized.mode(mode)))
    } else {
      out.append(L10n.t(
        "session.brief.setup", Localized.body(scenario.window), policy.id, Localized.post(post), Localized.staff(colleague),
        Localized.name("colleague", scenario.colleague.rawValue), Localized.mode(mode)))
    }
    out.append(L10n.t("session.brief.hours", Session.hhmm(scenario.hours.opens), Session.hhmm(scenario.hours.closes), scenario.start))
    return out
  }

  static func hhmm(_ m: Int) -> String { CivilDate.pad(m / 60, 2) + ":" + CivilDate.pad(m % 60, 2) }

  func daysLeft(_ c: CaseFile) -> String {
    let today = now.date(atOffset: offset)
    let left = policy.calendar.workingDays(after: today, through: c.acceptanceDeadline)
    if today > c.acceptanceDeadline { return L10n.t("session.days.overdue") }
    return left == 0 ? L10n.t("session.days.today") : L10n.t(left == 1 ? "session.days.one" : "session.days.many", left)
  }

  func queue() -> [String] {
    var out: [String] = []
    if tickets.isEmpty { out.append(L10n.t("session.queue.empty")) }
    // Columns by display width (a Chinese type name or applicant name takes two columns a character).
    let packets = tickets.map { cases[$0]!.currentRound.packet }
    let typeWidth = max(22, packets.map { DisplayWidth.of(Localized.typeShort($0.application.type)) }.max() ?? 0)
    let nameWidth = max(22, packets.map { DisplayWidth.of($0.applicant.name) }.max() ?? 0)
    for t in tickets {
      let c = cases[t]!
      let p = c.currentRound.packet
      var status = Localized.state(c.state)
      if c.state.awaitsAcceptanceDecision { status += L10n.t("session.queue.due", c.acceptanceDeadline, daysLeft(c)) }
      let mark = t == openTicket ? "*" : " "
      out.append("\(mark)\(t)  \(Localized.typeShort(p.application.type).padding(typeWidth))  \(p.applicant.name.padding(nameWidth))  \(status)")
    }
    if let a = arrivals.first { out.append(L10n.t("session.queue.next", a.arrives, arrivals.count)) }
    return out
  }

  func openCase() -> Result<(String, CaseFile), CommandError> {
    guard let t = openTicket, let c = cases[t] else { return .failure(CommandError(L10n.t("session.no-open-case"))) }
    return .success((t, c))
  }

  mutating func open(_ ticket: String) -> Result<[String], CommandError> {
    let t = ticket.uppercased()
    guard cases[t] != nil else {
      let hint = Suggest.hint(t, tickets)
      if applicants[t] != nil { return .failure(CommandError(L10n.t("session.open.not-arrived", t))) }
      return .failure(CommandError(L10n.t("session.open.no-ticket", t) + hint))
    }
    openTicket = t
    return .success(overview(t))
  }

  func overview(_ t: String) -> [String] {
    let c = cases[t]!
    let p = c.currentRound.packet
    let a = p.applicant
    let app = p.application
    var out = [L10n.t("session.overview.head", t, Localized.type(app.type), c.rounds.count, Localized.state(c.state), p.submitted, c.acceptanceDeadline)]
    out.append(L10n.t("session.overview.employer", p.employer.name, Localized.body(p.employer.district)))
    out.append(
      L10n.t(
        "session.overview.applicant", a.name, a.nationality, a.birthDate, a.passportNumber, a.passportExpires,
        a.residenceCountry.map { L10n.t("session.overview.resides", $0) } ?? ""))
    var facts: [String] = []
    if let cat = app.category {
      facts.append(L10n.t(app.type.carriesPermitCategory ? "session.fact.permit-category" : "session.fact.claimed", cat.rawValue))
    }
    if let pos = app.position { facts.append(L10n.t("session.fact.position", pos)) }
    if app.annualSalary > 0 { facts.append(L10n.t("session.fact.salary", app.annualSalary)) }
    if app.education != .none { facts.append(L10n.t("session.fact.education", Localized.name("education", app.education.rawValue))) }
    if app.relatedExperienceYears > 0 { facts.append(L10n.t("session.fact.experience", app.relatedExperienceYears)) }
    if let q = app.directQualification { facts.append(L10n.t("session.fact.direct", q)) }
    if let r = app.talentRoute { facts.append(L10n.t(r == .degree ? "session.fact.talent-route.degree" : "session.fact.talent-route.experience")) }
    if let d = app.entryDate { facts.append(L10n.t("session.fact.entered", d)) }
    if let d = app.permitExpires { facts.append(L10n.t("session.fact.permit-expires", d)) }
    if let ch = app.change { facts.append(L10n.t("session.fact.change", Localized.name("change", ch.kind.rawValue), ch.date)) }
    if let d = app.contractEnd { facts.append(L10n.t("session.fact.contract-ended", d)) }
    if let r = app.replacementReason { facts.append(L10n.t("session.fact.card", Localized.name("replacement", r.rawValue))) }
    if let d = app.permitCancelled { facts.append(L10n.t("session.fact.permit-cancelled", d)) }
    if !facts.isEmpty { out.append(L10n.t("session.overview.application", Localized.list(facts))) }
    out.append(
      L10n.t(
        "session.overview.materials",
        p.materials.isEmpty ? L10n.t("none") : Localized.list(p.materials.map { CodeNames.materialLabel($0.kind.rawValue) })))
    if let prop = c.proposal, c.state == .proposed || c.state == .agreed {
      out.append(L10n.t("session.overview.proposal", Localized.staff(prop.maker), Localized.proposal(prop.outcome, prop.defects, prop.referTo)))
    }
    return out
  }

  mutating func show(_ material: MaterialKind?) -> Result<[String], CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      guard let kind = material else { return .success(overview(t)) }
      let p = c.currentRound.packet
      let docs = p.materials.filter { $0.kind == kind }
      guard !docs.isEmpty else { return .success([L10n.t("session.show.none", t, CodeNames.materialLabel(kind.rawValue))]) }
      note(.materialShown(ticket: t, round: c.rounds.count, material: kind))
      return .success(docs.map { L10n.t("session.doc.line", t, Session.describe($0)) })
    }
  }

  /// One line stating every fact written on a document, in the session's language (codes with
  /// their names in Chinese).
  public static func describe(_ m: Material, in language: Language = Language.current) -> String {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.catalog(language)[key] ?? Catalog.en[key] ?? key, args.map { "\($0)" }) }
    func named(_ ns: String, _ raw: String) -> String { Localized.name(ns, raw, in: language) }
    var f: [String] = []
    if let v = m.name { f.append(t("session.doc.name", v)) }
    if let v = m.passportNumber { f.append(t("session.doc.passport-number", v)) }
    if let v = m.nationality { f.append(t("session.doc.nationality", v)) }
    if let v = m.birthDate { f.append(t("session.doc.birth-date", v)) }
    if let v = m.level { f.append(t("session.doc.level", named("education", v.rawValue))) }
    if let v = m.issuedIn { f.append(t("session.doc.issued-in", v)) }
    if let v = m.country { f.append(t("session.doc.country", v)) }
    if let v = m.issued { f.append(t("session.doc.issued", v)) }
    if let v = m.expires { f.append(t("session.doc.expires", v)) }
    if let v = m.starts { f.append(t("session.doc.starts", v)) }
    if let v = m.authentication { f.append(t("session.doc.authentication", named("authentication", v.rawValue))) }
    if let v = m.translation { f.append(t("session.doc.translation", named("translation", v.rawValue))) }
    if let v = m.language { f.append(t("session.doc.language", v)) }
    if let v = m.years { f.append(t("session.doc.years", v)) }
    if let v = m.related { f.append(t(v ? "session.doc.related" : "session.doc.unrelated")) }
    if let v = m.signed { f.append(t(v ? "session.doc.signed" : "session.doc.unsigned")) }
    if let v = m.sealed { f.append(t(v ? "session.doc.sealed" : "session.doc.unsealed")) }
    if let v = m.signatureMatches { f.append(t(v ? "session.doc.signature-matches" : "session.doc.signature-differs")) }
    if let v = m.replaces { f.append(t("session.doc.replaces", CodeNames.materialLabel(v.rawValue, in: language))) }
    if let v = m.icaoCompliant { f.append(t(v ? "session.doc.icao" : "session.doc.not-icao")) }
    if let v = m.issuedBy { f.append(t("session.doc.issued-by", v.rawValue)) }
    return t("session.doc.line", CodeNames.materialLabel(m.kind.rawValue, in: language), f.isEmpty ? t("session.doc.nothing") : Localized.list(f, in: language))
  }

  mutating func checklist() -> Result<[String], CommandError> {
    switch openCase() {
    case .failure(let e): return .failure(e)
    case .success(let (t, c)):
      note(.checklistShown(ticket: t, round: c.rounds.count))
      let p = c.currentRound.packet
      let computed = c.currentRound.examination.computedCategory
      let required = c.policy.required(for: p.application, computed: computed)
      let claim = p.application.type.carriesPermitCategory ? "session.checklist.permit" : "session.checklist.claimed"
      var out = [L10n.t("session.checklist.head", t, Localized.type(p.application.type), p.application.category.map { L10n.t(claim, $0.rawValue) } ?? "")]
      for k in required {
        let here = p.materials.contains { $0.kind == k }
        let commitment = p.materials.contains { $0.kind == .commitment && $0.replaces == k }
        out.append("  [\(here ? "x" : commitment ? "c" : " ")] \(CodeNames.materialLabel(k.rawValue))" + (commitment && !here ? L10n.t("session.checklist.commitment") : ""))
      }
      out.append(L10n.t("session.checklist.legend"))
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
        let article = "aeiou".contains(app.type.rawValue.first ?? "x") ? "session.points.none.an" : "session.points.none.a"
        return .success([L10n.t(article, t, Localized.type(app.type), e.computedCategory.rawValue, days)])
      }
      var out = [L10n.t("session.points.head", t, e.age, e.receiptDate)]
      // The factor column by display width (Chinese factor names).
      let total = L10n.t("session.points.total")
      let width = max(16, (e.points.factors.map { DisplayWidth.of(Localized.factor($0.name)) } + [DisplayWidth.of(total)]).max() ?? 0)
      out += e.points.factors.map { "  \(Localized.factor($0.name).padding(width)) \($0.points)" }
      out.append(
        "  \(total.padding(width)) "
          + L10n.t("session.points.result", e.points.total, c.policy.points.category(forPoints: e.points.total).rawValue)
          + (c.currentRound.packet.application.directQualification.map { L10n.t("session.points.direct", $0) } ?? ""))
      return .success(out)
    }
  }

  mutating func decide(_ outcome: Outcome, _ defects: [String], _ referTo: String?) -> Result<[String], CommandError> {
    guard post == .a else { return .failure(CommandError(L10n.t("session.decide.post-b"))) }
    guard case .success(let (t, c0)) = openCase() else { return .failure(CommandError(L10n.t("session.no-open-case.short"))) }
    var c = c0
    if let m = ProposalCheck.malformation(outcome: outcome, defects: defects, referTo: referTo, policy: c.policy) {
      return .failure(CommandError(Session.explain(m)))
    }
    let p = Proposal(outcome: outcome, defects: defects, referTo: referTo, maker: trainee, at: now)
    let next: [FollowUp]
    do {
      next = try c.propose(p)
    } catch {
      return .failure(CommandError(L10n.t("session.core-error", t, Localized.workflowError(error))))
    }
    put(t, c)
    arrange(t, next, by: trainee)
    note(.proposed(AttemptFacts.Proposed(ticket: t, round: c.rounds.count, outcome: outcome, defects: p.defects, referTo: referTo, at: now)))
    return .success([L10n.t("session.decide.done", t, Localized.proposal(outcome, p.defects, referTo))])
  }

  /// What a verdict on a late change or cancellation must know (domain.md Part A): the file is
  /// accepted and the lateness recorded as a compliance breach, not listed as a defect. Nil for
  /// other files.
  public static func lateNote(_ e: Decision, in language: Language = Language.current) -> String? {
    guard let f = e.compliance.first else { return nil }
    let what = f.defect.subject.map { CodeNames.value("filing", $0, in: language) ?? $0 } ?? L10n.t("session.late-note.filing", in: language)
    return L10n.t("session.late-note", what, CodeNames.defectLabel(f.defect.code, in: language), in: language)
  }

  /// A malformed proposal in words, with the nearest valid code or body when it is a typo.
  static func explain(_ m: ProposalCheck.Malformation) -> String {
    switch m {
    case .unknownDefect(let d): return L10n.t("session.unknown-defect", d) + Suggest.hint(d, DefectCatalog.allCodes) + L10n.t("session.unknown-defect.tab")
    case .unknownBody(let b, let valid): return Localized.malformation(m) + Suggest.hint(b, valid)
    default: return Localized.malformation(m)
    }
  }

  mutating func handover() -> Result<[String], CommandError> {
    guard post == .a else { return .failure(CommandError(L10n.t("session.handover.post-b"))) }
    guard case .success(let (t, c)) = openCase() else { return .failure(CommandError(L10n.t("session.no-open-case.short"))) }
    guard c.state == .proposed else { return .failure(CommandError(L10n.t("session.handover.not-proposed", t, Localized.state(c.state)))) }
    if pair != nil { return pairHandover(t, c) }
    note(.handedOver(AttemptFacts.Handover(ticket: t, round: c.rounds.count, at: now)))
    let at = colleagueAvailable(at: now)
    schedule(at, .colleagueReview(t))
    if at > now {
      return .success([L10n.t("session.handover.away", t, Localized.staff(colleague), at)])
    }
    advanceWorld(to: now)
    return .success([L10n.t("session.handover.done", t, Localized.staff(colleague))])
  }

  mutating func review(_ returnReason: String?) -> Result<[String], CommandError> {
    guard case .success(let (t, c0)) = openCase() else { return .failure(CommandError(L10n.t("session.no-open-case.short"))) }
    var c = c0
    let v = returnReason == nil ? "agree" : "return"
    let verdict: ReviewVerdict = returnReason.map { .return(reason: .words($0)) } ?? .agree
    guard let proposal = c.proposal, c.state == .proposed else {
      return .failure(CommandError(L10n.t("session.review.nothing", t, Localized.state(c.state))))
    }
    if let refusal = pairReviewRefusal(t) { return .failure(CommandError(refusal)) }
    let next: [FollowUp]
    do {
      next = try c.review(verdict, by: trainee, at: now)
    } catch {
      if case .samePersonBothPosts = error {
        note(.breach(AttemptFacts.Breach(kind: .selfReview, ticket: t, detail: "tried to review a proposal you made yourself", at: now)))
      }
      return .failure(CommandError(L10n.t("session.refused", t, Localized.workflowError(error))))
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
    return .success(
      [L10n.t(v == "agree" ? "session.review.agree" : "session.review.return", t)] + (Session.lateNote(exam).map { [L10n.t("session.core-error", t, $0)] } ?? []))
  }

  mutating func issue() -> Result<[String], CommandError> {
    guard post == .a else { return .failure(CommandError(L10n.t("session.issue.post-b"))) }
    guard case .success(let (t, c0)) = openCase() else { return .failure(CommandError(L10n.t("session.no-open-case.short"))) }
    var c = c0
    let next: [FollowUp]
    do {
      next = try c.issueNotice(by: trainee, at: now)
    } catch {
      switch error {
      case .notReviewed:
        note(.breach(AttemptFacts.Breach(kind: .issueWithoutReview, ticket: t, detail: "tried to issue before post B agreed", at: now)))
      case .incompleteNotice(let missing):
        note(.breach(AttemptFacts.Breach(kind: .incompleteNotice, ticket: t, detail: "one-time notice missing " + missing.joined(separator: ", "), at: now)))
      default: break
      }
      return .failure(CommandError(L10n.t("session.refused", t, Localized.workflowError(error))))
    }
    put(t, c)
    let n = c.notices.last!
    arrange(t, next, by: StaffID("window-registry"))
    return .success([L10n.t("session.issue.done", t, Localized.noticeName(n.outcome), now, n.onTime ? "" : L10n.t("session.issue.late", c.currentRound.deadline))])
  }

  func clockLines() -> [String] {
    let today = now.date(atOffset: offset)
    let kind =
      policy.calendar.isWorkingDay(today)
      ? L10n.t("session.clock.working") : (policy.calendar.holiday(on: today).map { L10n.t("session.clock.holiday", $0) } ?? L10n.t("session.clock.weekend"))
    var out = [L10n.t("session.clock.now", now, Localized.weekday(today), kind, policy.id)]
    var agenda: [(CivilDate, String)] = []
    for t in tickets {
      let c = cases[t]!
      if c.state.awaitsAcceptanceDecision { agenda.append((c.acceptanceDeadline, L10n.t("session.clock.acceptance-due", t, daysLeft(c)))) }
      if c.state.atCenter, let d = c.centerDeadline { agenda.append((d, L10n.t("session.clock.center-due", t))) }
    }
    if agenda.isEmpty { out.append(L10n.t("session.clock.none")) } else {
      out.append(L10n.t("session.clock.agenda"))
      for (d, s) in agenda.sorted(by: { $0.0 < $1.0 }) { out.append("  \(d)  \(s)") }
    }
    out.append(windowOpen ? L10n.t("session.window.clock-open", Session.hhmm(scenario.hours.closes)) : L10n.t("session.window.clock-closed", dayAndTime(nextOpening)))
    if let u = absentUntil, u > now { out.append(L10n.t("session.clock.away", Localized.staff(colleague), u)) }
    if let a = arrivals.first { out.append(L10n.t("session.clock.next", a.arrives)) }
    return out
  }

  mutating func advance(_ a: AdvanceTarget) -> Result<[String], CommandError> {
    var target: Timestamp
    switch a {
    case .next:
      guard let n = nextStop() else { return .failure(CommandError(L10n.t("session.advance.nothing"))) }
      target = max(n, now)
    case .to(let t): target = t
    case .toClock(let h, let m): target = Timestamp(date: now.date(atOffset: offset), hour: h, minute: m, offsetSeconds: offset)
    case .by(let secs): target = now.adding(seconds: secs)
    }
    if target < now { return .failure(CommandError(L10n.t("session.advance.backwards", now))) }
    if target > horizon && a != .next {
      return .failure(CommandError(L10n.t("session.advance.horizon", horizon.at(offset: now.offsetSeconds))))
    }
    advanceWorld(to: target)
    return .success([L10n.t("session.advance.done", now)])
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
    guard mode == .practice else { return .failure(CommandError(L10n.t("session.hint.mode", Localized.mode(mode)))) }
    guard case .success(let (t, c)) = openCase() else { return .failure(CommandError(L10n.t("session.no-open-case.short"))) }
    // A repeated hint for the same file gives the next pointer, not the same one.
    let before = facts(of: acting).hints.filter { $0 == t }.count
    note(.hintTaken(ticket: t))
    let e = c.currentRound.examination
    let proposed = Set(facts.proposals.last(where: { $0.ticket == t && $0.round == c.rounds.count })?.defects ?? [])
    let open = (e.findings + e.pendingFindings).filter { !proposed.contains($0.defect.code) }
    if !open.isEmpty {
      let f = open[before % open.count]
      let evidence = [f.material.map { CodeNames.materialLabel($0.rawValue) }, f.field.map { CodeNames.label($0, CodeNames.value("field", $0)) }]
        .compactMap { $0 }.joined(separator: " / ")
      let which = L10n.t("session.hint.pointer", before % open.count + 1, open.count) + (before >= open.count ? L10n.t("session.hint.all-given") : "")
      return .success([
        L10n.t("session.hint.look", which, evidence.isEmpty ? L10n.t("session.hint.application") : evidence, f.rule.rawValue, Localized.ruleText(c.policy, f.rule))
      ])
    }
    return .success([L10n.t("session.hint.nothing", CodeNames.outcomeLabel(e.outcome.rawValue))])
  }

  /// The window's monthly report to the Center (`monthly [YYYY-MM]`, default the current month).
  func monthly(_ y: Int?, _ m: Int?) -> Result<[String], CommandError> {
    var (year, month, _) = now.date(atOffset: offset).components
    if let y, let m { (year, month) = (y, m) }
    guard let r = MonthlyReport.make(year: year, month: month, cases: tickets.compactMap { cases[$0] }, policy: policy) else {
      return .failure(CommandError(L10n.t("session.monthly.none", "\(year)-\(CivilDate.pad(month, 2))")))
    }
    var out = [L10n.t("session.monthly.head", Localized.district(scenario.window), "\(year)-\(CivilDate.pad(month, 2))", r.due)]
    out.append(L10n.t("session.monthly.received", r.received))
    out.append(L10n.t("session.monthly.notices", Localized.list(Outcome.allCases.map { "\(CodeNames.outcomeLabel($0.rawValue)) \(r.notices[$0] ?? 0)" }), r.noticesOnTime))
    out.append(L10n.t("session.monthly.deemed", r.deemedAccepted))
    let breaches = r.complianceBreaches.sorted { $0.key < $1.key }.map { "\(CodeNames.defectLabel($0.key)) \($0.value)" }
    out.append(L10n.t("session.monthly.breaches", breaches.isEmpty ? L10n.t("none") : Localized.list(breaches)))
    out.append(L10n.t("session.monthly.center", r.approved, r.centerRefused, r.atCenterAtMonthEnd))
    out.append(L10n.t("session.monthly.filed", r.filed, policy.timeLimits.retentionYears))
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
    return .success([L10n.t("session.finish.done", now)])
  }
}
