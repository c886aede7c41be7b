import PermitCore

/// Reads packets (one applicant's submission, product.md §4.1) from YAML, strictly.
public enum PacketReader {
  /// Keys of a packet.
  public static let packetKeys = ["window", "submitted", "policy", "employer", "applicant", "application", "materials"]
  static let employerKeys = ["name", "district"]
  static let applicantKeys = [
    "name", "nationality", "birth-date", "passport-number", "passport-expires", "residence-country", "in-china-since",
  ]
  static let applicationKeys = [
    "type", "category", "position", "annual-salary", "months-in-china-per-year", "education",
    "related-experience-years", "hsk-level", "direct-qualification", "former-chinese-national",
    "chinese-taught-degree", "special-area", "bonuses", "local-points", "entry-date", "permit-expires", "change",
    "contract-end", "replacement-reason", "salary-commitment", "permit-cancelled", "talent-route",
  ]
  static let materialKeys = [
    "kind", "signed", "sealed", "signature-matches", "name", "passport-number", "nationality", "birth-date", "level",
    "issued-in", "country", "issued", "expires", "authentication", "translation", "language", "years", "related",
    "replaces", "icao-compliant", "issued-by", "starts",
  ]
  /// Direct qualifications for Category A (besides `none`).
  public static let directQualifications = [
    "none", "talent-programme", "recognised-award", "encouraged-post", "innovative-entrepreneur", "excellent-young-talent",
  ]
  /// What a Category A status rests on (besides `none`): ``TalentRoute``.
  public static let talentRoutes = ["none"] + TalentRoute.allCases.map(\.rawValue)
  /// Bonus items of the points table.
  public static let bonusItems = ["renowned-university", "fortune-500", "patent", "five-years-in-china"]

  /// Reads a packet from a mapping node. `extraKeys` are keys the caller reads itself (a scenario's
  /// `ticket`, `arrives`, `expect`). Returns nil when an error was reported.
  public static func read(
    _ node: YAMLNode, reader r: YAMLReader, extraKeys: [String] = [], defaults: PacketDefaults = PacketDefaults()
  ) -> Packet? {
    let before = r.diagnostics.count
    let what = "the packet"
    guard let f = r.fields(node, what, allowed: packetKeys + extraKeys, required: [
      "employer", "applicant", "application",
    ] + (defaults.window == nil ? ["window"] : []) + (defaults.submitted == nil ? ["submitted"] : []))
    else { return nil }
    let window = district(f, "window", r, what) ?? defaults.window
    let submitted = r.timestamp(f, "submitted", what: what) ?? defaults.submitted
    var policy = r.text(f, "policy", what: what)
    if let id = policy, !ScenarioReader.isID(id) {
      // An id, never a path: lowercase letters, digits and '-', like beijing-2017-pilot.
      r.error(f["policy"], LoaderMessage("packet.policy-id", .place(what), .text(id)))
      policy = nil
    }
    var employer: Employer?
    if let n = f["employer"], let e = r.fields(n, "employer", allowed: employerKeys, required: employerKeys) {
      if let name = r.text(e, "name", required: true, what: "employer"),
        let district = PacketReader.district(e, "district", r, "employer")
      {
        employer = Employer(name: name, district: district)
      }
    }
    let applicant = f["applicant"].flatMap { readApplicant($0, r) }
    let application = f["application"].flatMap { readApplication($0, r) }
    var materials: [Material] = []
    if let items = r.list(f, "materials", what: what) {
      for item in items { if let m = readMaterial(item, r) { materials.append(m) } }
    }
    // Semantic checks on dates (impossible or inconsistent).
    if let s = submitted, let a = applicant, let app = application {
      checkDates(f, s, a, app, materials, node: node, r)
      checkRequiredFacts(f, app, r)
    }
    guard r.diagnostics.count == before || !r.diagnostics[before...].contains(where: { $0.severity == .error }),
      let w = window, let s = submitted, let e = employer, let a = applicant, let app = application
    else { return nil }
    return Packet(window: w, submitted: s, policy: policy, employer: e, applicant: a, application: app, materials: materials)
  }

  /// A district name (Part A′ 2): case and surrounding spaces are ignored; anything that is not one of
  /// Beijing's districts (or `e-town`) is an error with a suggestion. Returns the vocabulary spelling.
  public static func district(_ f: YAMLReader.Fields, _ key: String, _ r: YAMLReader, _ what: String) -> String? {
    guard let s = r.text(f, key, required: true, what: what), !s.isBlank else { return nil }
    if let d = District.canonical(s) { return d }
    r.error(
      f[key],
      LoaderMessage(
        "packet.district", .text(key), .place(what), .text(District.all.joined(separator: ", ")), .text(s),
        suggest: District.suggestion(for: s)))
    return nil
  }

  static func readApplicant(_ n: YAMLNode, _ r: YAMLReader) -> Applicant? {
    let what = "applicant"
    guard
      let f = r.fields(
        n, what, allowed: applicantKeys,
        required: ["name", "nationality", "birth-date", "passport-number", "passport-expires"])
    else { return nil }
    let name = r.text(f, "name", required: true, what: what)
    let nat = country(f, "nationality", r, what)
    let birth = r.date(f, "birth-date", what: what)
    let number = r.text(f, "passport-number", required: true, what: what)
    let expires = r.date(f, "passport-expires", what: what)
    let residence = country(f, "residence-country", r, what)
    let since = r.date(f, "in-china-since", what: what)
    guard let name, let nat, let birth, let number, let expires else { return nil }
    return Applicant(
      name: name, nationality: nat, birthDate: birth, passportNumber: number, passportExpires: expires,
      residenceCountry: residence, inChinaSince: since)
  }

  static func country(_ f: YAMLReader.Fields, _ key: String, _ r: YAMLReader, _ what: String) -> String? {
    guard let s = r.text(f, key, what: what) else { return nil }
    let ok = s.count == 2 && s.unicodeScalars.allSatisfy { $0.value >= 65 && $0.value <= 90 }
    if !ok {
      r.error(f[key], LoaderMessage("packet.country", .text(key), .place(what), .text(s)))
      return nil
    }
    return s
  }

  static func readApplication(_ n: YAMLNode, _ r: YAMLReader) -> Application? {
    let what = "application"
    guard let f = r.fields(n, what, allowed: applicationKeys, required: ["type"]) else { return nil }
    guard let type = r.choice(f, "type", ApplicationType.self, what: what) else { return nil }
    var app = Application(type: type)
    app.category = r.choice(f, "category", PermitCore.Category.self, what: what)
    app.position = r.text(f, "position", what: what)
    app.annualSalary = r.int(f, "annual-salary", what: what, range: 0...1_000_000_000) ?? 0
    app.monthsInChinaPerYear = r.int(f, "months-in-china-per-year", what: what, range: 0...12) ?? 0
    app.education = r.choice(f, "education", Education.self, what: what) ?? .none
    app.relatedExperienceYears = r.int(f, "related-experience-years", what: what, range: 0...80) ?? 0
    app.hskLevel = r.int(f, "hsk-level", what: what, range: 0...6) ?? 0
    if let q = r.text(f, "direct-qualification", what: what) {
      if !directQualifications.contains(q) {
        r.error(
          f["direct-qualification"],
          LoaderMessage(
            "packet.direct-qualification", .text(directQualifications.joined(separator: ", ")), .text(q),
            suggest: Suggest.closest(to: q, in: directQualifications)))
      } else if q != "none" {
        app.directQualification = q
      }
    }
    if let t = r.text(f, "talent-route", what: what) {
      if let route = TalentRoute(rawValue: t) {
        app.talentRoute = route
        if let c = app.category, c != .a {
          r.warning(f["talent-route"], LoaderMessage("packet.talent-route-not-a", .text(c.rawValue)))
        }
      } else if t != "none" {
        r.error(
          f["talent-route"],
          LoaderMessage("packet.talent-route", .text(talentRoutes.joined(separator: ", ")), .text(t), suggest: Suggest.closest(to: t, in: talentRoutes)))
      }
    }
    app.formerChineseNational = r.bool(f, "former-chinese-national", what: what) ?? false
    app.chineseTaughtDegree = r.bool(f, "chinese-taught-degree", what: what) ?? false
    app.specialArea = r.bool(f, "special-area", what: what) ?? false
    if let items = r.list(f, "bonuses", what: what) {
      for item in items {
        guard let b = r.scalar(item, "a bonus item") else { continue }
        if bonusItems.contains(b) { app.bonuses.append(b) } else {
          r.error(item, LoaderMessage("packet.bonus", .text(b), .text(bonusItems.joined(separator: ", ")), suggest: Suggest.closest(to: b, in: bonusItems)))
        }
      }
    }
    app.localPoints = r.int(f, "local-points", what: what, range: 0...10) ?? 0
    app.entryDate = r.date(f, "entry-date", what: what)
    app.permitExpires = r.date(f, "permit-expires", what: what)
    app.contractEnd = r.date(f, "contract-end", what: what)
    app.replacementReason = r.choice(f, "replacement-reason", ReplacementReason.self, what: what)
    app.salaryCommitment = r.bool(f, "salary-commitment", what: what) ?? false
    app.permitCancelled = r.date(f, "permit-cancelled", what: what)
    if let cn = f["change"], !r.isNull(cn), let c = r.fields(cn, "change", allowed: ["kind", "date"], required: ["kind", "date"]) {
      if let kind = r.choice(c, "kind", ChangeKind.self, what: "change"), let date = r.date(c, "date", what: "change") {
        app.change = Application.Change(kind: kind, date: date)
      }
    }
    return app
  }

  static func readMaterial(_ n: YAMLNode, _ r: YAMLReader) -> Material? {
    let what = "a material"
    guard let f = r.fields(n, what, allowed: materialKeys, required: ["kind"]),
      let kind = r.choice(f, "kind", MaterialKind.self, what: what)
    else { return nil }
    let w = "the \(kind.rawValue)"
    var m = Material(kind: kind)
    m.signed = r.bool(f, "signed", what: w)
    m.sealed = r.bool(f, "sealed", what: w)
    m.signatureMatches = r.bool(f, "signature-matches", what: w)
    m.name = r.text(f, "name", what: w)
    m.passportNumber = r.text(f, "passport-number", what: w)
    m.nationality = country(f, "nationality", r, w)
    m.birthDate = r.date(f, "birth-date", what: w)
    m.level = r.choice(f, "level", Education.self, what: w)
    m.issuedIn = country(f, "issued-in", r, w)
    m.country = country(f, "country", r, w)
    m.issued = r.date(f, "issued", what: w)
    m.expires = r.date(f, "expires", what: w)
    m.authentication = r.choice(f, "authentication", Authentication.self, what: w)
    m.translation = r.choice(f, "translation", Translation.self, what: w)
    if let lang = r.text(f, "language", what: w) {
      if LanguageTag.isWellFormed(lang) { m.language = lang } else {
        r.error(f["language"], LoaderMessage("packet.language", .place(w), .text(lang)))
      }
    }
    m.icaoCompliant = r.bool(f, "icao-compliant", what: w)
    m.starts = r.date(f, "starts", what: w)
    if m.starts != nil, kind != .contract {
      r.warning(f["starts"], LoaderMessage("packet.starts-not-contract", .place(w)))
    }
    m.issuedBy = r.choice(f, "issued-by", CriminalRecordIssuer.self, what: w)
    m.years = r.int(f, "years", what: w, range: 0...80)
    m.related = r.bool(f, "related", what: w)
    if let rep = f["replaces"], !r.isNull(rep) {
      m.replaces = r.choice(rep, MaterialKind.self, "'replaces' of \(w)")
      if m.replaces == .commitment { r.error(rep, LoaderMessage("packet.commitment-of-commitment")) }
    } else if kind == .commitment {
      r.error(n, LoaderMessage("packet.commitment-needs-replaces"))
    }
    return m
  }

  static func checkRequiredFacts(_ f: YAMLReader.Fields, _ app: Application, _ r: YAMLReader) {
    let node = f["application"]
    switch app.type {
    case .domesticPermit where app.entryDate == nil:
      r.error(node, LoaderMessage("packet.needs-entry-date"))
    case .extension where app.permitExpires == nil:
      r.error(node, LoaderMessage("packet.needs-permit-expires"))
    case .change where app.change == nil:
      r.error(node, LoaderMessage("packet.needs-change"))
    case .cancellation where app.contractEnd == nil:
      r.error(node, LoaderMessage("packet.needs-contract-end"))
    case .replacement where app.replacementReason == nil:
      r.error(node, LoaderMessage("packet.needs-replacement-reason"))
    case .changeEmployer where app.permitCancelled == nil:
      r.error(node, LoaderMessage("packet.needs-permit-cancelled"))
    default: break
    }
    // Part A′ 6: renewal files state the current permit's category; no points are computed for them.
    if app.type.carriesPermitCategory && app.category == nil {
      r.error(node, LoaderMessage("packet.needs-category", .text(app.type.rawValue)))
    }
  }

  static func checkDates(
    _ f: YAMLReader.Fields, _ submitted: Timestamp, _ a: Applicant, _ app: Application, _ materials: [Material],
    node: YAMLNode, _ r: YAMLReader
  ) {
    let day = submitted.date()
    if a.birthDate >= day {
      r.error(f["applicant"], LoaderMessage("packet.birth-not-before", .text("\(a.birthDate)"), .text("\(day)")))
    } else if a.birthDate.age(on: day) < 16 {
      r.error(f["applicant"], LoaderMessage("packet.too-young", .text("\(a.birthDate.age(on: day))"), .text("\(day)")))
    }
    if let e = app.entryDate, e > day {
      r.error(f["application"], LoaderMessage("packet.entry-after", .text("\(e)"), .text("\(day)")))
    }
    if let c = app.permitCancelled, c > day {
      r.error(f["application"], LoaderMessage("packet.cancelled-after", .text("\(c)"), .text("\(day)")))
    }
    if let c = app.change, c.date > day {
      r.error(f["application"], LoaderMessage("packet.change-after", .text("\(c.date)"), .text("\(day)")))
    }
    if let e = app.contractEnd, e > day.adding(days: 366) {
      r.error(f["application"], LoaderMessage("packet.contract-end-far", .text("\(e)"), .text("\(day)")))
    }
    if let items = f["materials"], case .sequence(let seq) = items {
      for (m, n) in zip(materials, seq) {
        if let i = m.issued, i > day {
          r.error(n, LoaderMessage("packet.issued-after", .place("the \(m.kind.rawValue)"), .text("\(i)"), .text("\(day)")))
        }
      }
    }
  }
}

/// Values a scenario supplies to its packets when they leave them out.
public struct PacketDefaults: Sendable {
  /// The scenario's window.
  public var window: String?
  /// The packet's arrival time.
  public var submitted: Timestamp?
  /// Creates defaults.
  public init(window: String? = nil, submitted: Timestamp? = nil) {
    self.window = window
    self.submitted = submitted
  }
}
