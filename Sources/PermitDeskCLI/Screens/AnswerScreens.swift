import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

/// The screens of the attempt's commands: each ``SessionAnswer`` as the lines the trainee reads, in
/// the session's language (``Language/current``), from the catalog's `session.*` and `pair.*` keys.
enum AnswerScreens {
  /// The lines of an accepted command's answer.
  static func lines(_ a: SessionAnswer) -> [String] {
    switch a {
    case .brief(let b): return brief(b)
    case .queue(let q): return queue(q)
    case .overview(let t, let c): return overview(t, c)
    case .material(let t, let kind, let docs):
      guard !docs.isEmpty else { return [L10n.t("session.show.none", t, CodeNames.materialLabel(kind.rawValue))] }
      return docs.map { L10n.t("session.doc.line", t, describe($0)) }
    case .checklist(let v): return checklist(v)
    case .points(let p): return points(p)
    case .decided(let t, let o, let d, let r): return [L10n.t("session.decide.done", t, Localized.proposal(o, d, r))]
    case .handedOver(let t, let colleague, let away):
      if let away { return [L10n.t("session.handover.away", t, Localized.staff(colleague), away)] }
      return [L10n.t("session.handover.done", t, Localized.staff(colleague))]
    case .handedToPartner(let t, let partner): return [L10n.t("pair.handover.done", t, partner)]
    case .reviewed(let t, let agreed, let late):
      return [L10n.t(agreed ? "session.review.agree" : "session.review.return", t)] + (late.map { [L10n.t("session.core-error", t, lateNote($0))] } ?? [])
    case .reviewedForPartner(let t, let agreed, let postA, let late):
      let a = postA.isEmpty ? L10n.t("pair.post-a") : postA
      return [L10n.t(agreed ? "pair.review.agree" : "pair.review.return", t, a)] + (late.map { [L10n.t("pair.ticket-line", t, lateNote($0))] } ?? [])
    case .issued(let t, let notice, let at, let late):
      return [L10n.t("session.issue.done", t, Localized.noticeName(notice), at, late.map { L10n.t("session.issue.late", $0) } ?? "")]
    case .clock(let v): return clock(v)
    case .advanced(let now): return [L10n.t("session.advance.done", now)]
    case .hint(let h): return [hint(h)]
    case .monthly(let m): return monthly(m)
    case .finished(let at): return [L10n.t("session.finish.done", at)]
    case .snapshotTaken(let name, let at): return [L10n.t("session.snapshot.taken", name, at)]
    case .restored(let name, let at): return [L10n.t("session.restore.done", name, at)]
    case .instructed(let e): return [L10n.t("instructor.event", e.summary)]
    }
  }

  /// "09:00".
  static func hhmm(_ m: Int) -> String { CivilDate.pad(m / 60, 2) + ":" + CivilDate.pad(m % 60, 2) }

  /// "Mon 09:00 (2017-07-03)": a time of the window's zone with its weekday.
  static func dayAndTime(_ d: DayTime) -> String {
    L10n.t("session.window.at", Localized.weekday(d.date), hhmm(d.minute), d.date)
  }

  /// Working days left until a deadline.
  static func daysLeft(_ d: DaysLeft) -> String {
    switch d {
    case .overdue: return L10n.t("session.days.overdue")
    case .today: return L10n.t("session.days.today")
    case .days(let n): return L10n.t(n == 1 ? "session.days.one" : "session.days.many", n)
    }
  }

  /// What a verdict on a late change or cancellation must know (domain.md Part A): the file is
  /// accepted and the lateness recorded as a compliance breach, not listed as a defect.
  static func lateNote(_ d: Defect, in language: Language = Language.current) -> String {
    let what = d.subject.map { CodeNames.value("filing", $0, in: language) ?? $0 } ?? L10n.t("session.late-note.filing", in: language)
    return L10n.t("session.late-note", what, CodeNames.defectLabel(d.code, in: language), in: language)
  }

  static func brief(_ b: BriefView) -> [String] {
    // Content in the session's language (issue 15).
    var out = [SessionScreens.text(b.title), ""]
    out += SessionScreens.text(b.briefing).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    out.append("")
    if let partner = b.partner {
      out.append(L10n.t(
        "session.brief.setup.pair", Localized.body(b.window), b.policy, Localized.post(b.post), partner, Localized.post(b.partnerPost),
        Localized.mode(b.mode)))
    } else {
      out.append(L10n.t(
        "session.brief.setup", Localized.body(b.window), b.policy, Localized.post(b.post), Localized.staff(b.colleague),
        Localized.name("colleague", b.colleagueStyle), Localized.mode(b.mode)))
    }
    out.append(L10n.t("session.brief.hours", hhmm(b.opens), hhmm(b.closes), b.start))
    return out
  }

  static func queue(_ q: QueueView) -> [String] {
    var out: [String] = []
    if q.rows.isEmpty { out.append(L10n.t("session.queue.empty")) }
    // Columns by display width (a Chinese type name or applicant name takes two columns a character).
    let typeWidth = max(22, q.rows.map { DisplayWidth.of(Localized.typeShort($0.type)) }.max() ?? 0)
    let nameWidth = max(22, q.rows.map { DisplayWidth.of($0.applicant) }.max() ?? 0)
    for r in q.rows {
      var status = Localized.state(r.state)
      if let due = r.due, let left = r.left { status += L10n.t("session.queue.due", due, daysLeft(left)) }
      let mark = r.open ? "*" : " "
      out.append("\(mark)\(r.ticket)  \(Localized.typeShort(r.type).padding(typeWidth))  \(r.applicant.padding(nameWidth))  \(status)")
    }
    if let next = q.nextArrival { out.append(L10n.t("session.queue.next", next, q.waiting)) }
    return out
  }

  static func overview(_ t: String, _ c: CaseFile) -> [String] {
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

  /// One line stating every fact written on a document, in the language (codes with their names in
  /// Chinese).
  static func describe(_ m: Material, in language: Language = Language.current) -> String {
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

  static func checklist(_ v: ChecklistView) -> [String] {
    let claim = v.type.carriesPermitCategory ? "session.checklist.permit" : "session.checklist.claimed"
    var out = [L10n.t("session.checklist.head", v.ticket, Localized.type(v.type), v.category.map { L10n.t(claim, $0.rawValue) } ?? "")]
    for i in v.items {
      out.append(
        "  [\(i.present ? "x" : i.commitment ? "c" : " ")] \(CodeNames.materialLabel(i.kind.rawValue))"
          + (i.commitment && !i.present ? L10n.t("session.checklist.commitment") : ""))
    }
    out.append(L10n.t("session.checklist.legend"))
    return out
  }

  static func points(_ p: PointsView) -> [String] {
    switch p {
    case .none(let t, let type, let category, let days):
      let article = "aeiou".contains(type.rawValue.first ?? "x") ? "session.points.none.an" : "session.points.none.a"
      return [L10n.t(article, t, Localized.type(type), category.rawValue, days)]
    case .table(let e):
      var out = [L10n.t("session.points.head", e.ticket, e.age, e.receiptDate)]
      // The factor column by display width (Chinese factor names).
      let total = L10n.t("session.points.total")
      let width = max(16, (e.factors.map { DisplayWidth.of(Localized.factor($0.name)) } + [DisplayWidth.of(total)]).max() ?? 0)
      out += e.factors.map { "  \(Localized.factor($0.name).padding(width)) \($0.points)" }
      out.append(
        "  \(total.padding(width)) " + L10n.t("session.points.result", e.total, e.category.rawValue)
          + (e.directQualification.map { L10n.t("session.points.direct", $0) } ?? ""))
      return out
    }
  }

  static func clock(_ v: ClockView) -> [String] {
    let kind: String
    switch v.day {
    case .working: kind = L10n.t("session.clock.working")
    case .holiday(let name): kind = L10n.t("session.clock.holiday", name)
    case .weekend: kind = L10n.t("session.clock.weekend")
    }
    var out = [L10n.t("session.clock.now", v.now, Localized.weekday(v.today), kind, v.policy)]
    if v.agenda.isEmpty { out.append(L10n.t("session.clock.none")) } else {
      out.append(L10n.t("session.clock.agenda"))
      for a in v.agenda {
        let s: String
        switch a.due {
        case .acceptance(let t, let left): s = L10n.t("session.clock.acceptance-due", t, daysLeft(left))
        case .center(let t): s = L10n.t("session.clock.center-due", t)
        }
        out.append("  \(a.date)  \(s)")
      }
    }
    if let closes = v.closesAt {
      out.append(L10n.t("session.window.clock-open", hhmm(closes)))
    } else if let opens = v.opensAt {
      out.append(L10n.t("session.window.clock-closed", dayAndTime(opens)))
    }
    if let c = v.colleagueAway, let u = v.awayUntil { out.append(L10n.t("session.clock.away", Localized.staff(c), u)) }
    if let a = v.nextArrival { out.append(L10n.t("session.clock.next", a)) }
    return out
  }

  static func hint(_ h: HintView) -> String {
    switch h {
    case .pointer(let index, let count, let again, let f, let policy):
      let evidence = [f.material.map { CodeNames.materialLabel($0.rawValue) }, f.field.map { CodeNames.label($0, CodeNames.value("field", $0)) }]
        .compactMap { $0 }.joined(separator: " / ")
      let which = L10n.t("session.hint.pointer", index, count) + (again ? L10n.t("session.hint.all-given") : "")
      return L10n.t("session.hint.look", which, evidence.isEmpty ? L10n.t("session.hint.application") : evidence, f.rule.rawValue, Localized.ruleText(policy, f.rule))
    case .nothing(let outcome):
      return L10n.t("session.hint.nothing", CodeNames.outcomeLabel(outcome.rawValue))
    }
  }

  static func monthly(_ v: MonthlyView) -> [String] {
    let r = v.report
    let month = "\(r.year)-\(CivilDate.pad(r.month, 2))"
    var out = [L10n.t("session.monthly.head", Localized.district(v.window), month, r.due)]
    out.append(L10n.t("session.monthly.received", r.received))
    out.append(L10n.t("session.monthly.notices", Localized.list(Outcome.allCases.map { "\(CodeNames.outcomeLabel($0.rawValue)) \(r.notices[$0] ?? 0)" }), r.noticesOnTime))
    out.append(L10n.t("session.monthly.deemed", r.deemedAccepted))
    let breaches = r.complianceBreaches.sorted { $0.key < $1.key }.map { "\(CodeNames.defectLabel($0.key)) \($0.value)" }
    out.append(L10n.t("session.monthly.breaches", breaches.isEmpty ? L10n.t("none") : Localized.list(breaches)))
    out.append(L10n.t("session.monthly.center", r.approved, r.centerRefused, r.atCenterAtMonthEnd))
    out.append(L10n.t("session.monthly.filed", r.filed, v.retentionYears))
    return out
  }
}

extension String {
  /// Padded with spaces to `width` terminal columns (display width: a CJK name takes two per character).
  func padding(_ width: Int) -> String { DisplayWidth.pad(self, to: width) }
}
