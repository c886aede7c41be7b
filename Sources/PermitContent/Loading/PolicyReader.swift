import PermitCore
import PermitLocalization

/// Reads policy packs and holiday calendars from YAML, strictly.
public enum PolicyReader {
  static let topKeys = [
    "id", "title", "utc-offset", "calendar", "windows", "municipal-center", "handled-types", "time-limits", "validity",
    "documents", "required-materials", "category-a", "category-checked-types", "category-b-max-age", "points", "rules",
    "districts", "effective-from", "abolished-types", "examiner-rules", "commitment-any-category", "center-timings",
  ]
  /// Top-level keys a pack may leave out.
  static let optionalTopKeys: Set<String> = [
    "category-checked-types", "municipal-center", "districts", "effective-from", "abolished-types", "examiner-rules",
    "commitment-any-category", "center-timings",
  ]
  static let timeKeys = [
    "acceptance-working-days", "center-decision-working-days", "center-decision-working-days-category-a",
    "domestic-permit-days-after-entry", "extension-min-days-before-expiry", "extension-max-days-before-expiry",
    "change-days", "cancellation-working-days", "retention-years", "report-due-working-days",
  ]
  static let optionalTimeKeys = [
    "acceptance-working-days-category-a", "center-decision-working-days-by-type", "change-in-working-days",
    "change-employer-visa-days",
  ]
  static let documentKeys = [
    "authentication", "special-regions", "special-region-authentication", "apostille-accepted-from",
    "translation-exempt", "chinese-required", "must-be-signed", "must-be-sealed",
  ]

  /// Whether a YAML tree looks like a policy pack (used by `check` to recognise files).
  public static func looksLikePolicy(_ f: [String]) -> Bool { f.contains("required-materials") || f.contains("points") }

  /// Reads a pack; `calendars` supplies the years the pack names. Nil when an error was reported.
  public static func read(_ node: YAMLNode, reader r: YAMLReader, calendars: (Int) -> HolidayCalendar.Year?) -> PolicyPack? {
    let before = r.diagnostics.count
    let what = "the policy pack"
    guard let f = r.fields(node, what, allowed: topKeys, required: topKeys.filter { !optionalTopKeys.contains($0) })
    else { return nil }
    let id = r.text(f, "id", required: true, what: what) ?? ""
    let title = r.text(f, "title", what: what) ?? id
    var offset: Int32 = 8 * 3600
    if let s = r.text(f, "utc-offset", what: what) {
      if let t = Timestamp(iso: "2000-01-01T00:00" + s) { offset = t.offsetSeconds } else {
        r.error(f["utc-offset"], LoaderMessage("policy.utc-offset", .text(s)))
      }
    }
    var years: [HolidayCalendar.Year] = []
    if let items = r.list(f, "calendar", what: what) {
      for item in items {
        guard let s = r.scalar(item, "a calendar year"), let y = YAMLReader.wholeNumber(s) else {
          r.error(item, LoaderMessage("policy.calendar-year"))
          continue
        }
        if let cal = calendars(y) { years.append(cal) } else {
          r.error(item, LoaderMessage("policy.no-calendar", .text("\(y)")))
        }
      }
    }
    var districts = District.beijing
    if let items = r.list(f, "districts", what: what) {
      districts = []
      for item in items {
        guard let s = r.scalar(item, "a district") else { continue }
        if let d = District.canonical(s) { districts.append(d) } else {
          r.error(
            item,
            LoaderMessage("policy.unknown-district", .text(s), .text(District.all.joined(separator: ", ")), suggest: District.suggestion(for: s)))
        }
      }
    }
    var windows: [String] = []
    for item in r.list(f, "windows", what: what) ?? [] {
      guard let s = r.scalar(item, "a window") else { continue }
      if let d = District.canonical(s, in: districts) { windows.append(d) } else {
        r.error(
          item,
          LoaderMessage(
            "policy.window-not-district", .text(s), .text(districts.joined(separator: ", ")),
            suggest: District.suggestion(for: s, in: districts)))
      }
    }
    let effective = r.date(f, "effective-from", what: what)
    var abolished: [ApplicationType: AbolishedProcedure] = [:]
    if let n = f["abolished-types"], let af = r.fields(n, "abolished-types", allowed: ApplicationType.allCases.map(\.rawValue)) {
      for k in af.order {
        guard let e = r.fields(af[k]!, "abolished \(k)", allowed: ["since", "replaced-by"], required: ["since", "replaced-by"]),
          let since = r.date(e, "since", what: "abolished \(k)"), let by = r.bilingual(e, "replaced-by", required: true, what: "abolished \(k)")
        else { continue }
        abolished[ApplicationType(rawValue: k)!] = AbolishedProcedure(since: since, replacedBy: by.en, replacedByZh: by.zh)
      }
    }
    let examinerRules = Set(enums(f, "examiner-rules", ExaminerRule.self, r, what))
    var anyCategory: [ApplicationType: Set<MaterialKind>] = [:]
    if let n = f["commitment-any-category"],
      let cf = r.fields(n, "commitment-any-category", allowed: ApplicationType.allCases.map(\.rawValue))
    {
      for k in cf.order { anyCategory[ApplicationType(rawValue: k)!] = Set(enumList(cf[k]!, MaterialKind.self, r, "commitment-any-category \(k)")) }
    }
    let center = r.text(f, "municipal-center", what: what) ?? "municipal-center"
    let handled = Set(enums(f, "handled-types", ApplicationType.self, r, what))
    let time = readTimeLimits(f["time-limits"], r)
    let validity = readValidity(f["validity"], r)
    let documents = readDocuments(f["documents"], r)
    let required = readRequired(f["required-materials"], r)
    var categoryA = CategoryAFacilitation(pendingAllowed: [], commitmentMayReplace: [])
    if let n = f["category-a"], let c = r.fields(n, "category-a", allowed: ["pending-allowed", "commitment-may-replace"], required: ["pending-allowed", "commitment-may-replace"]) {
      categoryA.pendingAllowed = Set(enums(c, "pending-allowed", MaterialKind.self, r, "category-a"))
      categoryA.commitmentMayReplace = Set(enums(c, "commitment-may-replace", MaterialKind.self, r, "category-a"))
    }
    let checked = f["category-checked-types"] == nil
      ? [ApplicationType.overseasNotification] : enums(f, "category-checked-types", ApplicationType.self, r, what)
    let maxAge = r.int(f, "category-b-max-age", what: what, range: 18...100) ?? 60
    let points = f["points"].flatMap { readPoints($0, r) }
    let rules = readRules(f["rules"], r)
    let centerTimings = readCenterTimings(f["center-timings"], r)
    guard !r.diagnostics[before...].contains(where: { $0.severity == .error }), let time, let validity, let documents,
      let points, let centerTimings
    else { return nil }
    var pack = PolicyPack(
      id: id, title: title, utcOffsetSeconds: offset, windows: windows, municipalCenter: center, handledTypes: handled,
      timeLimits: time, validity: validity, documents: documents, requiredMaterials: required, categoryA: categoryA,
      points: points, categoryCheckedTypes: Set(checked), categoryBMaxAge: maxAge, rules: rules,
      calendar: HolidayCalendar(years: years))
    pack.districts = districts
    pack.effectiveFrom = effective
    pack.abolishedTypes = abolished
    pack.examinerRules = examinerRules
    pack.commitmentAnyCategory = anyCategory
    pack.center = centerTimings
    if !pack.undefinedRules.isEmpty {
      r.error(f["rules"] ?? node, LoaderMessage("policy.undefined-rules", .text(pack.undefinedRules.map(\.rawValue).joined(separator: ", "))))
      return nil
    }
    for t in ApplicationType.allCases where pack.handledTypes.contains(t) && pack.requiredMaterials[t] == nil {
      r.error(f["required-materials"], LoaderMessage("policy.no-required", .text(t.rawValue)))
    }
    return r.failed ? nil : pack
  }

  static func enums<T: RawRepresentable & CaseIterable>(
    _ f: YAMLReader.Fields, _ key: String, _ type: T.Type, _ r: YAMLReader, _ what: String
  ) -> [T] where T.RawValue == String {
    guard let items = r.list(f, key, what: what) else { return [] }
    return items.compactMap { r.choice($0, type, "an item of '\(key)'") }
  }

  static func enumList<T: RawRepresentable & CaseIterable>(_ n: YAMLNode, _ type: T.Type, _ r: YAMLReader, _ what: String) -> [T]
  where T.RawValue == String {
    guard let items = r.list(n, what) else { return [] }
    return items.compactMap { r.choice($0, type, "an item of \(what)") }
  }

  static func readTimeLimits(_ n: YAMLNode?, _ r: YAMLReader) -> TimeLimits? {
    let what = "time-limits"
    guard let n, let f = r.fields(n, what, allowed: timeKeys + optionalTimeKeys, required: timeKeys) else { return nil }
    func v(_ k: String) -> Int { r.int(f, k, what: what, range: 0...3650) ?? 0 }
    var limits = TimeLimits(
      acceptanceWorkingDays: v("acceptance-working-days"), centerDecisionWorkingDays: v("center-decision-working-days"),
      centerDecisionWorkingDaysCategoryA: v("center-decision-working-days-category-a"),
      domesticPermitDaysAfterEntry: v("domestic-permit-days-after-entry"),
      extensionMinDaysBeforeExpiry: v("extension-min-days-before-expiry"),
      extensionMaxDaysBeforeExpiry: v("extension-max-days-before-expiry"), changeDays: v("change-days"),
      cancellationWorkingDays: v("cancellation-working-days"), retentionYears: v("retention-years"),
      reportDueWorkingDays: v("report-due-working-days"))
    limits.acceptanceWorkingDaysCategoryA = r.int(f, "acceptance-working-days-category-a", what: what, range: 0...3650)
    limits.changeInWorkingDays = r.bool(f, "change-in-working-days", what: what) ?? false
    limits.changeEmployerVisaDays = r.int(f, "change-employer-visa-days", what: what, range: 0...3650)
    if let n = f["center-decision-working-days-by-type"],
      let tf = r.fields(n, "center-decision-working-days-by-type", allowed: ApplicationType.allCases.map(\.rawValue))
    {
      for k in tf.order {
        limits.centerDecisionWorkingDaysByType[ApplicationType(rawValue: k)!] = r.int(tf, k, what: "center-decision-working-days-by-type", range: 0...3650)
      }
    }
    return limits
  }

  static func readValidity(_ n: YAMLNode?, _ r: YAMLReader) -> Validity? {
    let what = "validity"
    guard let n, let f = r.fields(n, what, allowed: ["passport-min-months", "max-age-months"], required: ["passport-min-months"])
    else { return nil }
    var maxAge: [MaterialKind: Int] = [:]
    if let m = f["max-age-months"], let mf = r.fields(m, "max-age-months", allowed: MaterialKind.allCases.map(\.rawValue)) {
      for k in mf.order { maxAge[MaterialKind(rawValue: k)!] = r.int(mf, k, what: "max-age-months", range: 1...120) }
    }
    return Validity(passportMinMonths: r.int(f, "passport-min-months", what: what, range: 0...120) ?? 6, maxAgeMonths: maxAge)
  }

  static func routes(_ n: YAMLNode?, _ r: YAMLReader, _ what: String) -> [MaterialKind: Set<Authentication>] {
    guard let n, let f = r.fields(n, what, allowed: MaterialKind.allCases.map(\.rawValue)) else { return [:] }
    var result: [MaterialKind: Set<Authentication>] = [:]
    for k in f.order { result[MaterialKind(rawValue: k)!] = Set(enumList(f[k]!, Authentication.self, r, "'\(k)' of \(what)")) }
    return result
  }

  static func readDocuments(_ n: YAMLNode?, _ r: YAMLReader) -> DocumentRules? {
    let what = "documents"
    guard let n, let f = r.fields(n, what, allowed: documentKeys) else { return nil }
    func kinds(_ k: String) -> Set<MaterialKind> { Set(enums(f, k, MaterialKind.self, r, what)) }
    return DocumentRules(
      authenticationRoutes: routes(f["authentication"], r, "authentication"),
      specialRegionRoutes: routes(f["special-region-authentication"], r, "special-region-authentication"),
      specialRegions: Set(r.texts(f, "special-regions", what: what) ?? []),
      apostilleAcceptedFrom: r.date(f, "apostille-accepted-from", what: what),
      translationExempt: kinds("translation-exempt"), chineseRequired: kinds("chinese-required"),
      mustBeSigned: kinds("must-be-signed"), mustBeSealed: kinds("must-be-sealed"))
  }

  static func readRequired(_ n: YAMLNode?, _ r: YAMLReader) -> [ApplicationType: RequiredMaterials] {
    guard let n, let f = r.fields(n, "required-materials", allowed: ApplicationType.allCases.map(\.rawValue)) else { return [:] }
    var result: [ApplicationType: RequiredMaterials] = [:]
    for k in f.order {
      let type = ApplicationType(rawValue: k)!
      let what = "required-materials of \(k)"
      guard
        let t = r.fields(
          f[k]!, what, allowed: [
            "always", "category", "direct-qualification", "reason", "points-category", "salary-commitment", "any-of",
            "talent-route",
          ],
          required: ["always"])
      else { continue }
      var list = RequiredMaterials(always: enums(t, "always", MaterialKind.self, r, what))
      list.withDirectQualification = enums(t, "direct-qualification", MaterialKind.self, r, what)
      if let c = t["category"], let cf = r.fields(c, "category", allowed: ["A", "B", "C"]) {
        for key in cf.order { list.byCategory[PermitCore.Category(rawValue: key)!] = enumList(cf[key]!, MaterialKind.self, r, "category \(key)") }
      }
      if let c = t["points-category"], let cf = r.fields(c, "points-category", allowed: ["A", "B", "C"]) {
        for key in cf.order { list.byPointsCategory[PermitCore.Category(rawValue: key)!] = enumList(cf[key]!, MaterialKind.self, r, "points-category \(key)") }
      }
      if let c = t["salary-commitment"], let cf = r.fields(c, "salary-commitment", allowed: ["A", "B", "C"]) {
        for key in cf.order { list.withSalaryCommitment[PermitCore.Category(rawValue: key)!] = enumList(cf[key]!, MaterialKind.self, r, "salary-commitment \(key)") }
      }
      if let c = t["talent-route"], let cf = r.fields(c, "talent-route", allowed: TalentRoute.allCases.map(\.rawValue)) {
        for key in cf.order { list.byTalentRoute[TalentRoute(rawValue: key)!] = enumList(cf[key]!, MaterialKind.self, r, "talent-route \(key)") }
      }
      if let groups = r.list(t, "any-of", what: what) {
        for g in groups { list.anyOf.append(enumList(g, MaterialKind.self, r, "a group of any-of")) }
      }
      if let c = t["reason"], let cf = r.fields(c, "reason", allowed: ReplacementReason.allCases.map(\.rawValue)) {
        for key in cf.order { list.byReplacementReason[ReplacementReason(rawValue: key)!] = enumList(cf[key]!, MaterialKind.self, r, "reason \(key)") }
      }
      result[type] = list
    }
    return result
  }

  static func bands(_ n: YAMLNode?, _ r: YAMLReader, _ what: String) -> [PointsTable.Band] {
    guard let n, let items = r.list(n, what) else { return [] }
    return items.compactMap { item in
      guard let f = r.fields(item, "a band of \(what)", allowed: ["min", "points"], required: ["min", "points"]),
        let min = r.int(f, "min", what: what, range: 0...Int(Int32.max)), let p = r.int(f, "points", what: what, range: 0...100)
      else { return nil }
      return PointsTable.Band(min: min, points: p)
    }
  }

  static func readPoints(_ n: YAMLNode, _ r: YAMLReader) -> PointsTable? {
    let what = "points"
    let keys = ["salary", "education", "experience", "months-in-china", "chinese", "special-area", "age", "bonus", "local-cap", "thresholds"]
    guard let f = r.fields(n, what, allowed: keys, required: keys) else { return nil }
    var education: [Education: Int] = [:]
    if let e = f["education"], let ef = r.fields(e, "education", allowed: Education.allCases.map(\.rawValue)) {
      for k in ef.order { education[Education(rawValue: k)!] = r.int(ef, k, what: "education", range: 0...100) }
    }
    var exp = (2, 5, 1, 20)
    if let e = f["experience"], let ef = r.fields(e, "experience", allowed: ["min-years", "base", "per-year", "cap"], required: ["min-years", "base", "per-year", "cap"]) {
      exp = (
        r.int(ef, "min-years", what: "experience", range: 0...80) ?? 2, r.int(ef, "base", what: "experience", range: 0...100) ?? 5,
        r.int(ef, "per-year", what: "experience", range: 0...100) ?? 1, r.int(ef, "cap", what: "experience", range: 0...100) ?? 20
      )
    }
    var hsk: [Int: Int] = [:]
    var chinese = (5, 5, 5)
    if let c = f["chinese"], let cf = r.fields(c, "chinese", allowed: ["hsk", "former-chinese-national", "chinese-taught-degree", "cap"], required: ["hsk", "cap"]) {
      if let h = cf["hsk"], let hf = r.fields(h, "hsk", allowed: ["1", "2", "3", "4", "5", "6"]) {
        for k in hf.order { hsk[Int(k)!] = r.int(hf, k, what: "hsk", range: 0...100) }
      }
      chinese = (
        r.int(cf, "former-chinese-national", what: "chinese", range: 0...100) ?? 0,
        r.int(cf, "chinese-taught-degree", what: "chinese", range: 0...100) ?? 0, r.int(cf, "cap", what: "chinese", range: 0...100) ?? 5
      )
    }
    var ages: [PointsTable.AgeBand] = []
    if let a = f["age"], let items = r.list(a, "age") {
      for item in items {
        if let af = r.fields(item, "an age band", allowed: ["from", "to", "points"], required: ["from", "to", "points"]),
          let from = r.int(af, "from", what: "age band", range: 0...150), let to = r.int(af, "to", what: "age band", range: 0...150),
          let p = r.int(af, "points", what: "age band", range: 0...100)
        {
          if to < from { r.error(item, LoaderMessage("policy.age-band-empty", .text("\(from)"), .text("\(to)"))) }
          ages.append(PointsTable.AgeBand(from: from, to: to, points: p))
        }
      }
    }
    var bonusItems: [String: Int] = [:]
    var bonusCap = 5
    if let b = f["bonus"], let bf = r.fields(b, "bonus", allowed: ["items", "cap"], required: ["items", "cap"]) {
      if let i = bf["items"], let itf = r.fields(i, "bonus items", allowed: PacketReader.bonusItems) {
        for k in itf.order { bonusItems[k] = r.int(itf, k, what: "bonus items", range: 0...100) }
      }
      bonusCap = r.int(bf, "cap", what: "bonus", range: 0...100) ?? 5
    }
    var thresholds = (85, 60)
    if let t = f["thresholds"], let tf = r.fields(t, "thresholds", allowed: ["A", "B"], required: ["A", "B"]) {
      thresholds = (r.int(tf, "A", what: "thresholds", range: 0...200) ?? 85, r.int(tf, "B", what: "thresholds", range: 0...200) ?? 60)
      if thresholds.1 > thresholds.0 { r.error(t, LoaderMessage("policy.thresholds", .text("\(thresholds.1)"), .text("\(thresholds.0)"))) }
    }
    return PointsTable(
      salary: bands(f["salary"], r, "salary"), education: education, experienceMinYears: exp.0, experienceBase: exp.1,
      experiencePerYear: exp.2, experienceCap: exp.3, monthsInChina: bands(f["months-in-china"], r, "months-in-china"),
      hsk: hsk, formerChineseNational: chinese.0, chineseTaughtDegree: chinese.1, chineseCap: chinese.2,
      specialArea: r.int(f, "special-area", what: what, range: 0...100) ?? 0, age: ages, bonusItems: bonusItems,
      bonusCap: bonusCap, localCap: r.int(f, "local-cap", what: what, range: 0...100) ?? 10, thresholdA: thresholds.0,
      thresholdB: thresholds.1)
  }

  static func readRules(_ n: YAMLNode?, _ r: YAMLReader) -> [RuleID: PolicyRule] {
    guard let n, let f = r.fields(n, "rules", allowed: RuleID.allCases.map(\.rawValue)) else { return [:] }
    var result: [RuleID: PolicyRule] = [:]
    for k in f.order {
      let id = RuleID(rawValue: k)!
      guard let rf = r.fields(f[k]!, "rule \(k)", allowed: ["text", "sources", "confidence"], required: ["text", "sources"])
      else { continue }
      let texts = r.bilingual(rf, "text", required: true, what: "rule \(k)")
      let text = texts?.en ?? k
      let sources = r.texts(rf, "sources", what: "rule \(k)") ?? []
      if sources.isEmpty {
        r.error(rf["sources"], LoaderMessage("policy.rule-no-source", .text(k)))
      }
      for (s, node) in zip(sources, r.list(rf, "sources", what: "rule \(k)") ?? []) where !isSourceID(s) {
        r.error(node, LoaderMessage("policy.source-id", .text(s)))
      }
      var confidence: String?
      if let c = r.text(rf, "confidence", what: "rule \(k)") {
        if confidenceLevels.contains(c) { confidence = c } else {
          r.error(
            rf["confidence"],
            LoaderMessage(
              "policy.confidence", .text(k), .text(confidenceLevels.joined(separator: ", ")), .text(c),
              suggest: Suggest.closest(to: c, in: confidenceLevels)))
        }
      }
      result[id] = PolicyRule(id: id, text: text, sources: sources, confidence: confidence)
      result[id]?.textZh = texts?.zh
    }
    return result
  }

  /// Confidence levels a rule may state (research-2024-rules.md).
  public static let confidenceLevels = ["high", "medium-high", "medium", "medium-low", "low"]

  /// `S` or `T` followed by a number.
  static func isSourceID(_ s: String) -> Bool {
    guard let first = s.first, first == "S" || first == "T" else { return false }
    let rest = s.dropFirst()
    return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// Reads one year's holiday calendar.
  public static func readCalendar(_ node: YAMLNode, reader r: YAMLReader) -> HolidayCalendar.Year? {
    let what = "the holiday calendar"
    guard let f = r.fields(node, what, allowed: ["year", "source", "holidays", "make-up-workdays"], required: ["year", "source", "holidays"]),
      let year = r.int(f, "year", what: what, range: 1900...2100)
    else { return nil }
    var holidays: [HolidayCalendar.Holiday] = []
    for item in r.list(f, "holidays", what: what) ?? [] {
      guard let h = r.fields(item, "a holiday", allowed: ["name", "from", "to"], required: ["name", "from", "to"]),
        let name = r.text(h, "name", required: true, what: "holiday"), let from = r.date(h, "from", what: "holiday"),
        let to = r.date(h, "to", what: "holiday")
      else { continue }
      if to < from || from.year != year || to.year != year {
        r.error(item, LoaderMessage("calendar.holiday-backwards", .text(name), .text("\(year)"), .text("\(from)"), .text("\(to)")))
        continue
      }
      holidays.append(HolidayCalendar.Holiday(name: name, days: (0...from.days(to: to)).map { from.adding(days: $0) }))
    }
    var workdays: [HolidayCalendar.MakeUpWorkday] = []
    for item in r.list(f, "make-up-workdays", what: what) ?? [] {
      guard let w = r.fields(item, "a make-up workday", allowed: ["date", "for"], required: ["date", "for"]),
        let date = r.date(w, "date", what: "make-up workday"), let name = r.text(w, "for", required: true, what: "make-up workday")
      else { continue }
      if date.year != year { r.error(item, LoaderMessage("calendar.workday-year", .text("\(date)"), .text("\(year)"))) }
      if !date.isWeekend { r.error(item, LoaderMessage("calendar.workday-weekday", .text("\(date)"))) }
      if !holidays.contains(where: { $0.name == name }) {
        r.error(w["for"], LoaderMessage("calendar.unknown-holiday", .text(name), suggest: Suggest.closest(to: name, in: holidays.map(\.name))))
      }
      workdays.append(HolidayCalendar.MakeUpWorkday(date: date, holiday: name))
    }
    return HolidayCalendar.Year(year: year, source: r.text(f, "source", what: what) ?? "", holidays: holidays, workdays: workdays)
  }
}
