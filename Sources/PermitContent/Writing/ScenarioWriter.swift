import PermitCore

/// Writes scenarios (and packets) as YAML in the format `ScenarioReader` reads, deterministically:
/// fixed key order, free text always double-quoted with escapes, so the same scenario gives the
/// same bytes on every machine.
public enum ScenarioWriter {
  /// A double-quoted YAML string (escapes `"`, `\` and control characters).
  public static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) || u.value == 0xFEFF
          || u.value == 0x2028 || u.value == 0x2029
        {
          let hex = String(u.value, radix: 16, uppercase: true)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  static func number(_ d: Double) -> String {
    if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
    return String(d)
  }

  /// A text in both languages (`{en: …, zh: …}`), or a plain string when there is no translation.
  static func bilingual(_ en: String, _ zh: String?) -> String {
    guard let zh else { return quote(en) }
    return "{en: \(quote(en)), zh: \(quote(zh))}"
  }

  /// A whole scenario. `header` lines are written first as comments.
  public static func write(_ s: Scenario, header: [String] = []) -> String {
    var o = ""
    for h in header { o += "# " + h + "\n" }
    o += "id: \(s.id)\n"
    o += "title: \(bilingual(s.title, s.titleZh))\n"
    o += "briefing: \(bilingual(s.briefing, s.briefingZh))\n"
    o += "policy: \(s.policy)\n"
    o += "window: \(s.window)\n"
    o += "post: \(s.post.rawValue)\n"
    o += "colleague: \(s.colleague.rawValue)\n"
    o += "assessment: \(s.assessment)\n"
    o += "clock:\n  start: \(s.start)\n"
    o += "  hours: { opens: \"\(ScenarioReader.hhmm(s.hours.opens))\", closes: \"\(ScenarioReader.hhmm(s.hours.closes))\" }\n"
    let changed = ScenarioReader.costVerbs.filter { s.costs.cost($0) != ActionCosts.standard.cost($0) }
    if !changed.isEmpty {
      o += "costs: { " + changed.map { "\($0): \(s.costs.cost($0))" }.joined(separator: ", ") + " }\n"
    }
    o += "applicants:" + (s.applicants.isEmpty ? " []\n" : "\n")
    for a in s.applicants { o += applicant(a, window: s.window) }
    if !s.generate.isEmpty {
      o += "generate:\n"
      for b in s.generate { o += "  - " + block(b, withFrom: true) + "\n" }
    }
    if !s.events.isEmpty {
      o += "events:\n"
      for e in s.events.sorted(by: { $0.at < $1.at }) {
        o += "  - at: \(e.at)\n"
        switch e.kind {
        case .ruleChange(let p): o += "    rule-change: \(p)\n"
        case .surge(let b): o += "    surge: " + block(b, withFrom: false) + "\n"
        case .colleagueAbsent(let u): o += "    colleague-absent-until: \(u)\n"
        case .announcement: o += "    announce: true\n"
        }
        o += "    message: \(bilingual(e.message, e.messageZh))\n"
      }
    }
    let w = s.scoring
    o += "scoring: { decisions: \(w.decisions), double-review: \(w.doubleReview), time-limits: \(w.timeLimits), pass-mark: \(w.passMark) }\n"
    return o
  }

  static func block(_ b: GenerateBlock, withFrom: Bool) -> String {
    var parts = ["count: \(b.count)", "seed: \(b.seed)"]
    if !b.types.isEmpty { parts.append("types: [" + b.types.map(\.rawValue).joined(separator: ", ") + "]") }
    parts.append("defect-rate: \(number(b.defectRate))")
    if !b.mix.isEmpty { parts.append("mix: [" + b.mix.joined(separator: ", ") + "]") }
    if withFrom { parts.append("from: \(b.from)") }
    parts.append("every-minutes: \(b.everyMinutes)")
    parts.append("planted-error-rate: \(number(b.plantedErrorRate))")
    return "{ " + parts.joined(separator: ", ") + " }"
  }

  static func codes(_ c: [String]) -> String { "[" + c.map(quote).joined(separator: ", ") + "]" }

  static func expectation(_ e: Expectation) -> String {
    var parts = ["outcome: \(e.outcome.rawValue)", "defects: \(codes(e.defects))"]
    if let c = e.category { parts.append("category: \(c.rawValue)") }
    if let p = e.pending { parts.append("pending: [" + p.map(\.rawValue).joined(separator: ", ") + "]") }
    return "{ " + parts.joined(separator: ", ") + " }"
  }

  static func applicant(_ a: ScriptedApplicant, window: String) -> String {
    var o = "  - ticket: \(a.ticket)\n"
    o += "    arrives: \(a.arrives)\n"
    o += packetBody(a.packet, indent: "    ", window: window, arrives: a.arrives)
    if let e = a.expect { o += "    expect: " + expectation(e) + "\n" }
    if let p = a.proposal {
      var parts = ["outcome: \(p.outcome.rawValue)", "defects: \(codes(p.defects))"]
      if let r = p.referTo { parts.append("refer-to: \(r)") }
      o += "    proposal: { " + parts.joined(separator: ", ") + " }\n"
    }
    if let r = a.review { o += "    review: \(quote(r))\n" }
    if let c = a.correction {
      o += "    correction:\n      after-hours: \(c.afterHours)\n      packet:\n"
      o += packetBody(c.packet, indent: "        ", window: window, arrives: nil)
      if let e = c.expect { o += "      expect: " + expectation(e) + "\n" }
    }
    return o
  }

  /// A packet file (window, submitted and policy included).
  public static func packet(_ p: Packet) -> String { packetBody(p, indent: "", window: nil, arrives: nil, policy: true) }

  static func packetBody(_ p: Packet, indent i: String, window: String?, arrives: Timestamp?, policy: Bool = false) -> String {
    var o = ""
    if p.window != window { o += i + "window: \(p.window)\n" }
    if p.submitted != arrives || p.submitted.offsetSeconds != arrives?.offsetSeconds { o += i + "submitted: \(p.submitted)\n" }
    if policy, let id = p.policy { o += i + "policy: \(id)\n" }
    o += i + "employer: { name: \(quote(p.employer.name)), district: \(quote(p.employer.district)) }\n"
    let a = p.applicant
    o += i + "applicant:\n"
    o += i + "  name: \(quote(a.name))\n"
    o += i + "  nationality: \(a.nationality)\n"
    o += i + "  birth-date: \(a.birthDate)\n"
    o += i + "  passport-number: \(quote(a.passportNumber))\n"
    o += i + "  passport-expires: \(a.passportExpires)\n"
    if let r = a.residenceCountry { o += i + "  residence-country: \(r)\n" }
    if let d = a.inChinaSince { o += i + "  in-china-since: \(d)\n" }
    let app = p.application
    o += i + "application:\n"
    o += i + "  type: \(app.type.rawValue)\n"
    if let c = app.category { o += i + "  category: \(c.rawValue)\n" }
    if let pos = app.position { o += i + "  position: \(quote(pos))\n" }
    if app.annualSalary != 0 { o += i + "  annual-salary: \(app.annualSalary)\n" }
    if app.monthsInChinaPerYear != 0 { o += i + "  months-in-china-per-year: \(app.monthsInChinaPerYear)\n" }
    if app.education != .none { o += i + "  education: \(app.education.rawValue)\n" }
    if app.relatedExperienceYears != 0 { o += i + "  related-experience-years: \(app.relatedExperienceYears)\n" }
    if app.hskLevel != 0 { o += i + "  hsk-level: \(app.hskLevel)\n" }
    if let q = app.directQualification { o += i + "  direct-qualification: \(q)\n" }
    if app.formerChineseNational { o += i + "  former-chinese-national: true\n" }
    if app.chineseTaughtDegree { o += i + "  chinese-taught-degree: true\n" }
    if app.specialArea { o += i + "  special-area: true\n" }
    if !app.bonuses.isEmpty { o += i + "  bonuses: [" + app.bonuses.joined(separator: ", ") + "]\n" }
    if app.localPoints != 0 { o += i + "  local-points: \(app.localPoints)\n" }
    if let d = app.entryDate { o += i + "  entry-date: \(d)\n" }
    if let d = app.permitExpires { o += i + "  permit-expires: \(d)\n" }
    if let c = app.change { o += i + "  change: { kind: \(c.kind.rawValue), date: \(c.date) }\n" }
    if let d = app.contractEnd { o += i + "  contract-end: \(d)\n" }
    if let r = app.replacementReason { o += i + "  replacement-reason: \(r.rawValue)\n" }
    if app.salaryCommitment { o += i + "  salary-commitment: true\n" }
    if let d = app.permitCancelled { o += i + "  permit-cancelled: \(d)\n" }
    if let t = app.talentRoute { o += i + "  talent-route: \(t.rawValue)\n" }
    o += i + "materials:" + (p.materials.isEmpty ? " []\n" : "\n")
    for m in p.materials { o += i + "  - " + material(m) + "\n" }
    return o
  }

  static func material(_ m: Material) -> String {
    var parts = ["kind: \(m.kind.rawValue)"]
    if let v = m.signed { parts.append("signed: \(v)") }
    if let v = m.sealed { parts.append("sealed: \(v)") }
    if let v = m.signatureMatches { parts.append("signature-matches: \(v)") }
    if let v = m.name { parts.append("name: \(quote(v))") }
    if let v = m.passportNumber { parts.append("passport-number: \(quote(v))") }
    if let v = m.nationality { parts.append("nationality: \(v)") }
    if let v = m.birthDate { parts.append("birth-date: \(v)") }
    if let v = m.level { parts.append("level: \(v.rawValue)") }
    if let v = m.issuedIn { parts.append("issued-in: \(v)") }
    if let v = m.country { parts.append("country: \(v)") }
    if let v = m.issued { parts.append("issued: \(v)") }
    if let v = m.expires { parts.append("expires: \(v)") }
    if let v = m.starts { parts.append("starts: \(v)") }
    if let v = m.authentication { parts.append("authentication: \(v.rawValue)") }
    if let v = m.translation { parts.append("translation: \(v.rawValue)") }
    if let v = m.language { parts.append("language: \(quote(v))") }
    if let v = m.years { parts.append("years: \(v)") }
    if let v = m.related { parts.append("related: \(v)") }
    if let v = m.replaces { parts.append("replaces: \(v.rawValue)") }
    if let v = m.icaoCompliant { parts.append("icao-compliant: \(v)") }
    if let v = m.issuedBy { parts.append("issued-by: \(v.rawValue)") }
    return "{ " + parts.joined(separator: ", ") + " }"
  }
}
