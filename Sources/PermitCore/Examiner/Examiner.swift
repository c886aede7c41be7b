/// The acceptance examiner: what a careful window clerk decides for a packet under a policy pack.
///
/// `examine` is a pure function of (packet, policy pack): the window and the submission time are
/// part of the packet. Every rule it applies is one of ``RuleID``, and every value comes from the
/// pack. The order of the checks follows the law: jurisdiction first (art. 32(2): a window without
/// authority examines nothing), then the procedure and its timing, then the materials, which
/// are all examined so that a one-time notice lists every defect at once.
public struct Examiner: Sendable {
  /// The policy pack in force.
  public let policy: PolicyPack

  /// Creates an examiner for a policy pack.
  public init(policy: PolicyPack) { self.policy = policy }

  /// Decides on one packet.
  public func examine(_ packet: Packet) -> Decision {
    var run = Run(policy: policy, packet: packet)
    run.examine()
    return run.decision()
  }
}

/// The required materials of a packet under a pack, after the claimed category and reason.
extension PolicyPack {
  /// Materials the packet's application requires, in the pack's order.
  public func required(for app: Application, computed: Category) -> [MaterialKind] {
    guard let list = requiredMaterials[app.type] else { return [] }
    var kinds = list.always
    let category = app.category ?? computed
    kinds += list.byCategory[category] ?? []
    if app.directQualification != nil { kinds += list.withDirectQualification }
    if let reason = app.replacementReason { kinds += list.byReplacementReason[reason] ?? [] }
    var unique: [MaterialKind] = []
    unique.reserveCapacity(kinds.count)
    for k in kinds where !unique.contains(k) { unique.append(k) }
    return unique
  }

  /// Category supported by the points and any direct qualification.
  public func computedCategory(for app: Application, points: PointsBreakdown) -> Category {
    app.directQualification != nil ? .a : self.points.category(forPoints: points.total)
  }
}

private struct Run {
  let policy: PolicyPack
  let packet: Packet
  let date: CivilDate
  let age: Int
  let points: PointsBreakdown
  let computed: Category
  let deadline: CivilDate
  var findings: [Finding] = []
  var compliance: [Finding] = []
  var flags: [Flag] = []
  var refusal = false
  var referTo: String?
  var rules = RuleMask([.jurisdiction, .acceptanceTimeLimit, .workingDays])
  var notes: [String] = []
  var mismatchSeen: Set<String> = []

  init(policy: PolicyPack, packet: Packet) {
    self.policy = policy
    self.packet = packet
    date = packet.submitted.date(atOffset: policy.utcOffsetSeconds)
    age = packet.applicant.birthDate.age(on: date)
    points = policy.points.score(packet.application, age: age)
    computed = policy.computedCategory(for: packet.application, points: points)
    deadline = policy.calendar.addingWorkingDays(policy.timeLimits.acceptanceWorkingDays, to: date)
  }

  mutating func add(
    _ defect: Defect, _ rule: RuleID, _ material: MaterialKind? = nil, field: String? = nil, _ detail: String,
    fix: String
  ) {
    rules.insert(rule)
    findings.append(Finding(defect: defect, rule: rule, material: material, field: field, detail: detail, fix: fix))
  }

  mutating func examine() {
    if !policy.calendar.covers(date) || !policy.calendar.covers(deadline) {
      notes.append(
        "the policy pack's calendar does not cover \(date.year); working days counted on weekends only")
    }
    let app = packet.application
    // 1. Jurisdiction (art. 32(2)).
    // District names are compared in their normal form ("Haidian" is haidian).
    let district = District.normalised(packet.employer.district)
    if district != District.normalised(packet.window) {
      let other = policy.window(named: district) != nil
      referTo = other ? district : policy.municipalCenter
      add(
        Defect(.outOfJurisdiction), .jurisdiction, field: "employer.district",
        "employer registered in \(packet.employer.district), not in \(packet.window)",
        fix: "apply at the \(other ? "\(district) district window" : "municipal Center")")
      refusal = true
      return
    }
    guard policy.handledTypes.contains(app.type) else {
      referTo = policy.municipalCenter
      add(
        Defect(.wrongProcedure, "not-handled"), .matterScope, field: "application.type",
        "\(app.type.rawValue) is not accepted at district windows", fix: "apply at the municipal Center")
      refusal = true
      return
    }
    // 2. Procedure and timing.
    examineTiming(app)
    if refusal { return }
    // 3. Materials.
    examineMaterials(app)
    examineCategory(app)
  }

  mutating func examineTiming(_ app: Application) {
    let limits = policy.timeLimits
    switch app.type {
    case .change:
      guard let change = app.change else { return }
      if change.kind == .nationality {
        rules.insert(.nationalityChange)
        add(
          Defect(.wrongProcedure, "nationality-change"), .nationalityChange, field: "application.change.kind",
          "a change of nationality cannot be filed as a change",
          fix: "cancel the permit and file a new application under the new nationality")
        refusal = true
        return
      }
      rules.insert(.changeDeadline)
      let days = change.date.days(to: date)
      if days > limits.changeDays {
        rules.insert(.changeDeadline)
        compliance.append(
          Finding(
            defect: Defect(.lateFiling, "change"), rule: .changeDeadline, field: "application.change.date",
            detail: "changed on \(change.date), filed \(days) days later (limit \(limits.changeDays) days)",
            fix: "accept; the late report is recorded and reported to the Center"))
      }
    case .extension:
      guard let expires = app.permitExpires else { return }
      rules.insert(.extensionWindow)
      let before = date.days(to: expires)
      if before < limits.extensionMinDaysBeforeExpiry {
        add(
          Defect(.lateFiling, "extension"), .extensionWindow, field: "application.permit-expires",
          "filed \(before) days before the permit expires on \(expires) (at least \(limits.extensionMinDaysBeforeExpiry) needed)",
          fix: "too late to extend: file a new application")
        refusal = true
      } else if before > limits.extensionMaxDaysBeforeExpiry {
        add(
          Defect(.earlyFiling, "extension"), .extensionWindow, field: "application.permit-expires",
          "filed \(before) days before the permit expires on \(expires) (at most \(limits.extensionMaxDaysBeforeExpiry))",
          fix:
            "come back from \(expires.adding(days: -limits.extensionMaxDaysBeforeExpiry)) (\(limits.extensionMaxDaysBeforeExpiry) days before expiry)"
        )
        refusal = true
      }
    case .domesticPermit:
      guard let entry = app.entryDate else { return }
      rules.insert(.domesticPermitDeadline)
      let after = entry.days(to: date)
      if after > limits.domesticPermitDaysAfterEntry {
        add(
          Defect(.lateFiling, "domestic-permit"), .domesticPermitDeadline, field: "application.entry-date",
          "entered on \(entry), filed \(after) days later (limit \(limits.domesticPermitDaysAfterEntry) days)",
          fix: "the permit can no longer be applied for on this entry; the employer must start a new application")
        refusal = true
      }
    case .cancellation:
      guard let end = app.contractEnd else { return }
      rules.insert(.cancellationDeadline)
      let due = policy.calendar.addingWorkingDays(limits.cancellationWorkingDays, to: end)
      if date > due {
        compliance.append(
          Finding(
            defect: Defect(.lateFiling, "cancellation"), rule: .cancellationDeadline, field: "application.contract-end",
            detail:
              "contract ended \(end), cancellation due by \(due) (\(limits.cancellationWorkingDays) working days), filed \(date)",
            fix: "accept; the late filing is recorded and reported to the Center"))
      }
    case .overseasNotification, .replacement:
      break
    }
  }

  mutating func examineMaterials(_ app: Application) {
    rules.insert(.requiredMaterials)
    let required = policy.required(for: app, computed: computed)
    // Commitments standing in for materials (Category A only).
    var committed: [MaterialKind] = []
    for m in packet.materials where m.kind == .commitment {
      guard let replaced = m.replaces else { continue }
      rules.insert(.commitment)
      if computed == .a && policy.categoryA.commitmentMayReplace.contains(replaced) {
        committed.append(replaced)
      } else {
        notes.append(
          "the commitment for \(replaced.rawValue) is not valid: commitments stand in only for "
            + policy.categoryA.commitmentMayReplace.map(\.rawValue).sorted().joined(separator: " and ")
            + " of a Category A applicant (computed category \(computed.rawValue))")
      }
    }
    for kind in required {
      if committed.contains(kind) { continue }
      guard let m = packet.material(kind) else {
        add(
          Defect(.missing, kind), .requiredMaterials, kind,
          "\(kind.rawValue) is required for \(app.type.rawValue) and was not handed in",
          fix: "hand in the \(kind.rawValue)")
        continue
      }
      examine(m, app)
    }
    if required.contains(.passport) {
      rules.insert(.passportValidity)
      var expires = packet.applicant.passportExpires
      if let e = packet.material(.passport)?.expires, e < expires { expires = e }
      let needed = date.adding(months: policy.validity.passportMinMonths)
      if expires < needed {
        add(
          Defect(.expired, .passport), .passportValidity, .passport, field: "passport-expires",
          "passport expires \(expires); it must be valid until at least \(needed) (\(policy.validity.passportMinMonths) months after receipt)",
          fix: "renew the passport and hand in the new one")
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
          fix: "have the applicant sign the \(kind.rawValue)")
      }
    }
    if docs.mustBeSealed.contains(kind) {
      rules.insert(.signatureAndSeal)
      if m.sealed == false {
        let by = kind == .workExperience ? "the former employer" : "the employer"
        add(
          Defect(.unsealed, kind), .signatureAndSeal, kind, field: "sealed", "\(kind.rawValue) not sealed by \(by)",
          fix: "have \(by) seal the \(kind.rawValue)")
      }
    }
    if m.signatureMatches == false {
      mismatch("signature", kind, "the signature on the \(kind.rawValue) differs from the passport's")
    }
    // Expiry and recency.
    if kind != .passport, let e = m.expires, e < date {
      rules.insert(.documentExpiry)
      add(
        Defect(.expired, kind), .documentExpiry, kind, field: "expires", "\(kind.rawValue) expired on \(e)",
        fix: "hand in a valid \(kind.rawValue)")
    }
    if let months = policy.validity.maxAgeMonths[kind] {
      rules.insert(.certificateAge)
      // "Issued at most N months before submission": the cut-off is the submission date N calendar
      // months back (31 May → 30 Nov); a certificate issued before it is stale.
      if let issued = m.issued, issued < date.adding(months: -months) {
        add(
          Defect(.stale, kind), .certificateAge, kind, field: "issued",
          "issued \(issued), more than \(months) months before receipt on \(date)",
          fix: "obtain a \(kind.rawValue) issued on or after \(date.adding(months: -months))")
      }
    }
    // Issuer of the criminal record.
    if kind == .criminalRecord, let country = origin(of: m) {
      rules.insert(.criminalRecordIssuer)
      let a = packet.applicant
      if country != a.nationality && country != a.residenceCountry {
        add(
          Defect(.wrongIssuer, kind), .criminalRecordIssuer, kind, field: "country",
          "issued in \(country); it must come from the country of nationality (\(a.nationality))"
            + (a.residenceCountry.map { " or of habitual residence (\($0))" } ?? ""),
          fix: "obtain the certificate from \(a.nationality)" + (a.residenceCountry.map { " or \($0)" } ?? ""))
      }
    }
    // Authentication and translation of foreign documents.
    if let from = origin(of: m), from != "CN" {
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
          if used == .apostille && !special {
            rule = .apostille
            detail +=
              docs.apostilleAcceptedFrom.map { " before \($0) (China joined the Apostille Convention that day)" } ?? ""
          }
          let accepted = (routes ?? r).map(\.rawValue).sorted().joined(separator: ", ")
          add(
            Defect(.unauthenticated, kind), rule, kind, field: "authentication", detail,
            fix: "have it authenticated (\(accepted))")
        }
      }
      if docs.translationRequired.contains(kind) && m.language != "zh" {
        rules.insert(.translation)
        let t = m.translation ?? .none
        if t != .sealed {
          add(
            Defect(.untranslated, kind), .translation, kind, field: "translation",
            t == .none
              ? "\(kind.rawValue) from \(from) has no Chinese translation"
              : "the Chinese translation of the \(kind.rawValue) is not sealed by the employer",
            fix: "attach a Chinese translation sealed by the employer")
        }
      }
    }
    if docs.chineseRequired.contains(kind) {
      rules.insert(.contractLanguage)
      if let lang = m.language, lang != "zh" {
        add(
          Defect(.untranslated, kind), .contractLanguage, kind, field: "language",
          "the \(kind.rawValue) is in \(lang); it must be in Chinese",
          fix: "sign a \(kind.rawValue) written in Chinese")
      }
    }
    // Consistency with the passport.
    checkConsistency(m, app)
  }

  mutating func mismatch(_ field: String, _ kind: MaterialKind, _ detail: String) {
    rules.insert(.consistency)
    guard mismatchSeen.insert(field).inserted else { return }
    add(
      Defect(.mismatch, field), .consistency, kind, field: field, detail,
      fix: "correct the \(kind.rawValue) so that it agrees with the passport")
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
      mismatch("name", m.kind, "the \(m.kind.rawValue) reads \"\(n)\"; the passport reads \"\(a.name)\"")
    }
    if let p = m.passportNumber, exempt != "passport-number", p != a.passportNumber,
      Run.normalizedNumber(p) != Run.normalizedNumber(a.passportNumber)
    {
      mismatch("passport-number", m.kind, "the \(m.kind.rawValue) gives passport \(p); the passport is \(a.passportNumber)")
    }
    if let nat = m.nationality, exempt != "nationality", nat != a.nationality, nat.uppercased() != a.nationality.uppercased() {
      mismatch("nationality", m.kind, "the \(m.kind.rawValue) gives nationality \(nat); the passport gives \(a.nationality)")
    }
    if let b = m.birthDate, b != a.birthDate {
      mismatch("birth-date", m.kind, "the \(m.kind.rawValue) gives birth date \(b); the passport gives \(a.birthDate)")
    }
  }

  static func normalizedName(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").uppercased()
  }

  static func normalizedNumber(_ s: String) -> String {
    String(s.filter { $0 != " " && $0 != "-" }).uppercased()
  }

  mutating func examineCategory(_ app: Application) {
    guard policy.categoryCheckedTypes.contains(app.type) else { return }
    rules.insert(.categoryPoints)
    if let claimed = app.category, claimed > computed {
      add(
        Defect(.categoryUnsupported), .categoryPoints, field: "application.category",
        "Category \(claimed.rawValue) claimed; the materials support \(points.total) points, Category \(computed.rawValue)"
          + " (A from \(policy.points.thresholdA) or a direct qualification, B from \(policy.points.thresholdB))",
        fix: "claim Category \(computed.rawValue), or hand in the proof that supports Category \(claimed.rawValue)")
    }
    let effective = min(app.category ?? computed, computed)
    if effective == .b && age > policy.categoryBMaxAge {
      rules.insert(.ageLimitB)
      flags.append(
        Flag(
          code: "age-over-limit:B", rule: .ageLimitB, field: "applicant.birth-date",
          detail: "aged \(age): over \(policy.categoryBMaxAge) for Category B; the Center decides whether to relax the limit"))
    }
  }

  func decision() -> Decision {
    var outcome: Outcome
    var listed = findings.sorted { $0.defect < $1.defect }
    var pending: [MaterialKind] = []
    var pendingFindings: [Finding] = []
    var used = rules
    if refusal {
      outcome = .refuse
    } else if listed.isEmpty {
      outcome = .accept
    } else if computed == .a,
      listed.allSatisfy({
        $0.defect.kind == .missing && $0.material.map(policy.categoryA.pendingAllowed.contains) == true
      })
    {
      outcome = .acceptPending
      pendingFindings = listed
      pending = listed.compactMap(\.material).sorted()
      listed = []
      used.insert(.acceptPending)
    } else {
      outcome = .supplement
      used.insert(.oneTimeNotice)
    }
    if outcome.isAcceptance { used.insert(.deemedAcceptance) }
    return Decision(
      outcome: outcome, findings: listed, referTo: outcome == .refuse ? referTo : nil, points: points,
      computedCategory: computed, claimedCategory: packet.application.category, age: age, receiptDate: date,
      acceptanceDeadline: deadline, pending: pending, pendingFindings: pendingFindings,
      compliance: outcome == .refuse ? [] : compliance, flags: outcome == .refuse ? [] : flags,
      rules: used.sorted, notes: notes)
  }
}
