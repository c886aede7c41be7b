/// The examination of each document handed in: signature and seal, expiry and recency, photo,
/// issuer, authentication, translation, language and consistency with the passport; and the
/// alternatives of a list (one of a group required).
extension Run {
  /// Groups of alternative materials (one of each is required): the change of employer's residence
  /// permit, or stay visa within the pack's days of the previous permit's cancellation.
  mutating func examineAlternatives(_ app: Application, committed: [MaterialKind]) {
    guard let groups = policy.requiredMaterials[app.type]?.anyOf else { return }
    for group in groups where !group.isEmpty {
      rules.insert(.requiredMaterials)
      var usable: [Material] = []
      var reason = ""
      var late: (Int, CivilDate)?
      if group.contains(where: committed.contains) { continue }
      for kind in group {
        guard let m = packet.material(kind) else { continue }
        if kind == .visaEntry, app.type == .changeEmployer, let days = policy.timeLimits.changeEmployerVisaDays {
          rules.insert(.changeEmployer)
          if let cancelled = app.permitCancelled, date > cancelled.adding(days: days) {
            reason = "; the stay visa counts only within \(days) days of the previous permit's cancellation on \(cancelled)"
            late = (days, cancelled)
            continue
          }
        }
        usable.append(m)
      }
      if let m = usable.first {
        examine(m, app)
      } else {
        add(
          Defect(.missing, group[0]), app.type == .changeEmployer ? .changeEmployer : .requiredMaterials, group[0],
          "one of " + group.map(\.rawValue).joined(separator: " or ") + " is required for \(app.type.rawValue)" + reason,
          fix: "hand in the \(group[0].rawValue)", .missingAlternative(group, type: app.type, visaDays: late?.0, cancelled: late?.1))
      }
    }
  }

  /// Where a document comes from: the issuing country or region, if stated.
  func origin(of m: Material) -> String? {
    m.kind == .criminalRecord ? (m.country ?? m.issuedIn) : m.issuedIn
  }

  mutating func examine(_ m: Material, _ app: Application) {
    let docs = policy.documents
    let kind = m.kind
    // Signature and seal.
    if docs.mustBeSigned.contains(kind) {
      rules.insert(.signatureAndSeal)
      if m.signed == false {
        add(
          Defect(.unsigned, kind), .signatureAndSeal, kind, field: "signed", "\(kind.rawValue) not signed by the applicant",
          fix: "have the applicant sign the \(kind.rawValue)", .unsigned(kind))
      }
    }
    if docs.mustBeSealed.contains(kind) {
      rules.insert(.signatureAndSeal)
      if m.sealed == false {
        let by = kind == .workExperience ? "the former employer" : "the employer"
        add(
          Defect(.unsealed, kind), .signatureAndSeal, kind, field: "sealed", "\(kind.rawValue) not sealed by \(by)",
          fix: "have \(by) seal the \(kind.rawValue)", .unsealed(kind, formerEmployer: kind == .workExperience))
      }
    }
    if m.signatureMatches == false {
      mismatch("signature", kind, "the signature on the \(kind.rawValue) differs from the passport's", found: nil, expected: nil)
    }
    // Expiry and recency.
    // Only documents that carry an expiry date expire (the one table of valid pairs, Part A′ 9).
    if kind != .passport, DefectCatalog.isKnown(Defect(.expired, kind).code), let e = m.expires, e < date {
      rules.insert(.documentExpiry)
      add(
        Defect(.expired, kind), .documentExpiry, kind, field: "expires", "\(kind.rawValue) expired on \(e)",
        fix: "hand in a valid \(kind.rawValue)", .expired(kind, on: e))
    }
    if let months = policy.validity.maxAgeMonths[kind] {
      let rule: RuleID = kind == .photo ? .photo : .certificateAge
      rules.insert(rule)
      // Part A′ 1 (Civil Code art. 201–202): N months counted forward from the issue date end on the
      // same day number N months later, or that month's last day; valid up to and including it.
      if let issued = m.issued, date > issued.adding(months: months) {
        add(
          Defect(.stale, kind), rule, kind, field: "issued",
          "issued \(issued), valid through \(issued.adding(months: months)) (\(months) months); received \(date)",
          fix: "obtain a \(kind.rawValue) issued on or after \(Run.earliestValidIssue(months: months, on: date))",
          .stale(
            kind, issued: issued, validThrough: issued.adding(months: months), months: months, received: date,
            earliest: Run.earliestValidIssue(months: months, on: date)))
      }
    }
    if kind == .photo, m.icaoCompliant == false {
      rules.insert(.photo)
      add(
        Defect(.noncompliant, kind), .photo, kind, field: "icao-compliant", "the photo does not meet ICAO 9303",
        fix: "take a new photo to the ICAO 9303 standard (white background, full face, no head covering)", .photoNoncompliant)
    }
    // Change of employer (Part C): the new contract starts on or after the old permit's cancellation.
    // A contract that states no start is not compared (a fact not stated is not held against it).
    if kind == .contract, app.type == .changeEmployer, let cancelled = app.permitCancelled {
      rules.insert(.changeEmployer)
      if let start = m.starts, start < cancelled {
        add(
          Defect(.noncompliant, kind), .changeEmployer, kind, field: "starts",
          "the contract starts on \(start), before the previous permit was cancelled on \(cancelled)",
          fix: "hand in a contract that starts on or after \(cancelled), the day the previous permit was cancelled",
          .contractStartsEarly(starts: start, cancelled: cancelled))
      }
    }
    let forms = policy.examinerRules.contains(.criminalRecordForms) && kind == .criminalRecord
    var skipIssuer = false
    var skipAuthentication = false
    if forms {
      rules.insert(.criminalRecordForm)
      switch m.issuedBy ?? .authority {
      case .swornSelfDeclaration:
        add(
          Defect(.wrongIssuer, kind), .criminalRecordForm, kind, field: "issued-by",
          "a sworn self-declaration is not a no-criminal-record certificate",
          fix: "obtain the certificate from the competent authority, or a certificate of the embassy or consulate in China",
          .swornSelfDeclaration)
        skipIssuer = true
        skipAuthentication = true
      case .consulateInChina:
        skipAuthentication = true
      case .publicSecurityBureau:
        skipIssuer = true
        let since = packet.applicant.inChinaSince
        if since.map({ date < $0.adding(years: 1) }) ?? true {
          add(
            Defect(.wrongIssuer, kind), .criminalRecordForm, kind, field: "issued-by",
            "a public security bureau certificate stands in only for an applicant resident in China at least a year"
              + (since.map { " (resident since \($0))" } ?? " (no residence in China stated)"),
            fix: "obtain the certificate from \(packet.applicant.nationality)",
            .publicSecurityBureauTooSoon(residentSince: since, nationality: packet.applicant.nationality))
        }
      case .authority:
        break
      }
    }
    // Issuer of the criminal record.
    if kind == .criminalRecord, !skipIssuer, let country = origin(of: m) {
      rules.insert(.criminalRecordIssuer)
      let a = packet.applicant
      if country != a.nationality && country != a.residenceCountry {
        add(
          Defect(.wrongIssuer, kind), .criminalRecordIssuer, kind, field: "country",
          "issued in \(country); it must come from the country of nationality (\(a.nationality))"
            + (a.residenceCountry.map { " or of habitual residence (\($0))" } ?? ""),
          fix: "obtain the certificate from \(a.nationality)" + (a.residenceCountry.map { " or \($0)" } ?? ""),
          .criminalRecordCountry(issuedIn: country, nationality: a.nationality, residence: a.residenceCountry))
      }
    }
    // Authentication and translation of foreign documents.
    if let from = origin(of: m), from != "CN", !skipAuthentication, !skipIssuer {
      let special = docs.specialRegions.contains(from)
      var routes = (special ? docs.specialRegionRoutes[kind] : docs.authenticationRoutes[kind])
      if let r = routes {
        rules.insert(.authentication)
        if !special, let since = docs.apostilleAcceptedFrom, date >= since { routes = r.union([.apostille]) }
        let used = m.authentication ?? .none
        if !(routes ?? r).contains(used) {
          var detail = "\(kind.rawValue) from \(from) "
          if used == .none {
            detail += "is not authenticated"
          } else {
            detail += "authenticated by \(used.rawValue), which is not accepted"
          }
          var rule = RuleID.authentication
          var apostilleFrom: CivilDate?
          if used == .apostille && !special {
            rule = .apostille
            apostilleFrom = docs.apostilleAcceptedFrom
            detail +=
              docs.apostilleAcceptedFrom.map { " before \($0) (China joined the Apostille Convention that day)" } ?? ""
          }
          let accepted = (routes ?? r).map(\.rawValue).sorted().joined(separator: ", ")
          add(
            Defect(.unauthenticated, kind), rule, kind, field: "authentication", detail,
            fix: "have it authenticated (\(accepted))",
            .unauthenticated(kind, from: from, used: used, accepted: (routes ?? r).sorted { $0.rawValue < $1.rawValue }, apostilleFrom: apostilleFrom))
        }
      }
    }
    // Part A′ 4: every document not in Chinese needs a sealed translation, except the passport (and
    // the documents that must be in Chinese themselves).
    if !docs.translationExempt.contains(kind), !docs.chineseRequired.contains(kind), kind != .commitment, !m.isChinese {
      rules.insert(.translation)
      let t = m.translation ?? .none
      if t != .sealed {
        let what = m.language.map { "in \($0)" } ?? origin(of: m).map { "from \($0)" } ?? "not in Chinese"
        add(
          Defect(.untranslated, kind), .translation, kind, field: "translation",
          t == .none
            ? "\(kind.rawValue) \(what) has no Chinese translation"
            : "the Chinese translation of the \(kind.rawValue) is not sealed by the employer",
          fix: "attach a Chinese translation sealed by the employer",
          .untranslated(kind, language: m.language, origin: origin(of: m), translationUnsealed: t != .none))
      }
    }
    if docs.chineseRequired.contains(kind) {
      rules.insert(.contractLanguage)
      if let lang = m.language, !LanguageTag.isChinese(lang) {
        add(
          Defect(.untranslated, kind), .contractLanguage, kind, field: "language",
          "the \(kind.rawValue) is in \(lang); it must be in Chinese",
          fix: "sign a \(kind.rawValue) written in Chinese", .notInChinese(kind, language: lang))
      }
    }
    // Consistency with the passport.
    checkConsistency(m, app)
  }

  mutating func mismatch(_ field: String, _ kind: MaterialKind, _ detail: String, found: String?, expected: String?) {
    rules.insert(.consistency)
    guard mismatchSeen.insert(field).inserted else { return }
    add(
      Defect(.mismatch, field), .consistency, kind, field: field, detail,
      fix: "correct the \(kind.rawValue) so that it agrees with the passport",
      .mismatch(field: field, kind, found: found, expected: expected))
  }

  mutating func checkConsistency(_ m: Material, _ app: Application) {
    rules.insert(.consistency)
    let a = packet.applicant
    // A change legitimately leaves the old value on the card and on the proof of the change.
    var exempt: String?
    if app.type == .change, m.kind == .workPermitCard || m.kind == .changeProof, let c = app.change {
      switch c.kind {
      case .name: exempt = "name"
      case .passport: exempt = "passport-number"
      case .nationality: exempt = "nationality"
      default: exempt = nil
      }
    }
    if let n = m.name, exempt != "name", n != a.name, Run.normalizedName(n) != Run.normalizedName(a.name) {
      mismatch("name", m.kind, "the \(m.kind.rawValue) reads \"\(n)\"; the passport reads \"\(a.name)\"", found: n, expected: a.name)
    }
    if let p = m.passportNumber, exempt != "passport-number", p != a.passportNumber,
      Run.normalizedNumber(p) != Run.normalizedNumber(a.passportNumber)
    {
      mismatch("passport-number", m.kind, "the \(m.kind.rawValue) gives passport \(p); the passport is \(a.passportNumber)", found: p, expected: a.passportNumber)
    }
    if let nat = m.nationality, exempt != "nationality", nat != a.nationality, nat.uppercased() != a.nationality.uppercased() {
      mismatch("nationality", m.kind, "the \(m.kind.rawValue) gives nationality \(nat); the passport gives \(a.nationality)", found: nat, expected: a.nationality)
    }
    if let b = m.birthDate, b != a.birthDate {
      mismatch("birth-date", m.kind, "the \(m.kind.rawValue) gives birth date \(b); the passport gives \(a.birthDate)", found: "\(b)", expected: "\(a.birthDate)")
    }
  }

  /// The earliest issue date still valid on `date` for a validity of `months` counted forward.
  static func earliestValidIssue(months: Int, on date: CivilDate) -> CivilDate {
    var d = date.adding(months: -months)
    while d.adding(months: months) < date { d = d.adding(days: 1) }
    return d
  }

  static func normalizedName(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").uppercased()
  }

  static func normalizedNumber(_ s: String) -> String {
    String(s.filter { $0 != " " && $0 != "-" }).uppercased()
  }
}
