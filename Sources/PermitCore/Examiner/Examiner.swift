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
    // Part A′ 5: when the claim is not supported, the notice must be complete for either claim, so
    // the list is the union of both categories' lists.
    var categories = [category]
    if categoryCheckedTypes.contains(app.type), !app.type.carriesPermitCategory, category > computed {
      categories.append(computed)
    }
    for c in categories {
      kinds += list.byCategory[c] ?? []
      if app.directQualification == nil { kinds += list.byPointsCategory[c] ?? [] }
    }
    if app.directQualification != nil { kinds += list.withDirectQualification }
    if let route = app.talentRoute, categories.contains(.a) { kinds += list.byTalentRoute[route] ?? [] }
    if let reason = app.replacementReason { kinds += list.byReplacementReason[reason] ?? [] }
    if app.salaryCommitment { kinds += list.withSalaryCommitment[category] ?? [] }
    var unique: [MaterialKind] = []
    unique.reserveCapacity(kinds.count)
    for k in kinds where !unique.contains(k) { unique.append(k) }
    return unique
  }

  /// Materials the file's Category A status rests on (its talent route): required, and never
  /// replaced by a commitment.
  public func talentRouteMaterials(for app: Application) -> Set<MaterialKind> {
    guard let route = app.talentRoute else { return [] }
    return Set(requiredMaterials[app.type]?.byTalentRoute[route] ?? [])
  }

  /// Category supported by the points and any direct qualification; for a file that carries the
  /// permit's category (Part A′ 6), that category.
  public func computedCategory(for app: Application, points: PointsBreakdown) -> Category {
    if app.type.carriesPermitCategory { return app.category ?? .c }
    return app.directQualification != nil ? .a : self.points.category(forPoints: points.total)
  }
}

/// One examination in progress (the checks of documents are in Examiner+Documents.swift).
struct Run {
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
  var noteReasons: [FindingReason] = []
  var mismatchSeen: Set<String> = []

  init(policy: PolicyPack, packet: Packet) {
    self.policy = policy
    self.packet = packet
    date = packet.submitted.date(atOffset: policy.utcOffsetSeconds)
    age = packet.applicant.birthDate.age(on: date)
    // Part A′ 6: renewal files carry the permit's category; no points are computed for them.
    points = packet.application.type.carriesPermitCategory ? PointsBreakdown() : policy.points.score(packet.application, age: age)
    computed = policy.computedCategory(for: packet.application, points: points)
    deadline = policy.calendar.addingWorkingDays(policy.acceptanceWorkingDays(for: computed), to: date)
  }

  mutating func add(
    _ defect: Defect, _ rule: RuleID, _ material: MaterialKind? = nil, field: String? = nil, _ detail: String,
    fix: String, _ reason: FindingReason
  ) {
    rules.insert(rule)
    findings.append(Finding(defect: defect, rule: rule, material: material, field: field, detail: detail, fix: fix, reason: reason))
  }

  mutating func examine() {
    if !policy.calendar.covers(date) || !policy.calendar.covers(deadline) {
      notes.append(
        "the policy pack's calendar does not cover \(date.year); working days counted on weekends only")
      noteReasons.append(.calendarNotCovered(year: date.year))
    }
    let app = packet.application
    // 1. Jurisdiction (art. 32(2)).
    // District names are compared in their normal form (Part A′ 2: case and surrounding spaces ignored).
    let district = District.normalised(packet.employer.district)
    if district != District.normalised(packet.window) {
      let other = policy.window(named: district) != nil
      referTo = other ? district : policy.municipalCenter
      add(
        Defect(.outOfJurisdiction), .jurisdiction, field: "employer.district",
        "employer registered in \(packet.employer.district), not in \(packet.window)",
        fix: "apply at the \(other ? "\(district) district window" : "municipal Center")",
        .outOfJurisdiction(employerDistrict: packet.employer.district, window: packet.window, referredDistrict: other ? district : nil))
      refusal = true
      return
    }
    // Part A′ 7: residents of Hong Kong, Macao and Taiwan are not foreigners and need no permit.
    let nationality = packet.applicant.nationality.uppercased()
    if policy.documents.specialRegions.contains(nationality) {
      add(
        Defect(.wrongProcedure, "not-a-foreigner"), .notAForeigner, field: "applicant.nationality",
        "the applicant is a resident of \(nationality), not a foreigner: the foreigners' work-permit procedure does not apply",
        fix: "no work permit is needed: the employer hires as it would a mainland Chinese employee", .notAForeigner(region: nationality))
      refusal = true
      return
    }
    if let abolished = policy.abolishedTypes[app.type], date >= abolished.since {
      add(
        Defect(.wrongProcedure, "abolished"), .abolishedProcedure, field: "application.type",
        "the \(app.type.rawValue) procedure was abolished on \(abolished.since)", fix: abolished.replacedBy,
        .abolished(type: app.type, since: abolished.since, replacedBy: abolished.replacedBy, replacedByZh: abolished.replacedByZh))
      refusal = true
      return
    }
    guard policy.handledTypes.contains(app.type) else {
      referTo = policy.municipalCenter
      add(
        Defect(.wrongProcedure, "not-handled"), .matterScope, field: "application.type",
        "\(app.type.rawValue) is not accepted at district windows", fix: "apply at the municipal Center", .notHandled(type: app.type))
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
          fix: "cancel the permit and file a new application under the new nationality", .nationalityChange)
        refusal = true
        return
      }
      rules.insert(.changeDeadline)
      let days = change.date.days(to: date)
      let due = limits.changeInWorkingDays
        ? policy.calendar.addingWorkingDays(limits.changeDays, to: change.date) : change.date.adding(days: limits.changeDays)
      if date > due {
        let unit = limits.changeInWorkingDays ? "working days, due by \(due)" : "days"
        compliance.append(
          Finding(
            defect: Defect(.lateFiling, "change"), rule: .changeDeadline, field: "application.change.date",
            detail: "changed on \(change.date), filed \(days) days later (limit \(limits.changeDays) \(unit))",
            fix: "accept; the late report is recorded and reported to the Center",
            reason: .lateChange(changed: change.date, daysLater: days, limit: limits.changeDays, due: limits.changeInWorkingDays ? due : nil)))
      }
    case .extension:
      guard let expires = app.permitExpires else { return }
      rules.insert(.extensionWindow)
      let before = date.days(to: expires)
      if before < limits.extensionMinDaysBeforeExpiry {
        add(
          Defect(.lateFiling, "extension"), .extensionWindow, field: "application.permit-expires",
          "filed \(before) days before the permit expires on \(expires) (at least \(limits.extensionMinDaysBeforeExpiry) needed)",
          fix: "too late to extend: file a new application",
          .lateExtension(daysBefore: before, expires: expires, minimum: limits.extensionMinDaysBeforeExpiry))
        refusal = true
      } else if before > limits.extensionMaxDaysBeforeExpiry {
        add(
          Defect(.earlyFiling, "extension"), .extensionWindow, field: "application.permit-expires",
          "filed \(before) days before the permit expires on \(expires) (at most \(limits.extensionMaxDaysBeforeExpiry))",
          fix:
            "come back from \(expires.adding(days: -limits.extensionMaxDaysBeforeExpiry)) (\(limits.extensionMaxDaysBeforeExpiry) days before expiry)",
          .earlyExtension(
            daysBefore: before, expires: expires, maximum: limits.extensionMaxDaysBeforeExpiry,
            comeBackFrom: expires.adding(days: -limits.extensionMaxDaysBeforeExpiry)))
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
          fix: "the permit can no longer be applied for on this entry; the employer must start a new application",
          .lateDomesticPermit(entered: entry, daysLater: after, limit: limits.domesticPermitDaysAfterEntry))
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
            fix: "accept; the late filing is recorded and reported to the Center",
            reason: .lateCancellation(contractEnded: end, due: due, limit: limits.cancellationWorkingDays, filed: date)))
      }
    case .overseasNotification, .replacement, .changeEmployer:
      break
    }
  }

  mutating func examineMaterials(_ app: Application) {
    rules.insert(.requiredMaterials)
    let required = policy.required(for: app, computed: computed)
    // Commitments standing in for materials (Category A only).
    var committed: [MaterialKind] = []
    var restsOn: [MaterialKind: (String, TalentRoute)] = [:]
    let talentItems = policy.talentRouteMaterials(for: app)
    for m in packet.materials where m.kind == .commitment {
      guard let replaced = m.replaces else { continue }
      rules.insert(.commitment)
      let anyCategory = policy.commitmentAnyCategory[app.type] ?? []
      if talentItems.contains(replaced), let route = app.talentRoute {
        // Part C: a commitment does not stand in for the item the Category A status rests on.
        restsOn[replaced] = (
          "; the commitment does not stand in for it: the Category A status rests on the \(route == .degree ? "degree" : "work experience") (talent route \(route.rawValue))",
          route
        )
      } else if (computed == .a && policy.categoryA.commitmentMayReplace.contains(replaced)) || anyCategory.contains(replaced) {
        committed.append(replaced)
      } else {
        notes.append(
          "the commitment for \(replaced.rawValue) is not valid: commitments stand in only for "
            + policy.categoryA.commitmentMayReplace.map(\.rawValue).sorted().joined(separator: " and ")
            + " of a Category A applicant (computed category \(computed.rawValue))"
            + (anyCategory.isEmpty ? "" : ", or for " + anyCategory.map(\.rawValue).sorted().joined(separator: " and ") + " in any category"))
        noteReasons.append(
          .commitmentNotValid(
            replaced, mayReplace: policy.categoryA.commitmentMayReplace.sorted { $0.rawValue < $1.rawValue }, computed: computed,
            anyCategory: anyCategory.sorted { $0.rawValue < $1.rawValue }))
      }
    }
    for kind in required {
      if committed.contains(kind) { continue }
      guard let m = packet.material(kind) else {
        add(
          Defect(.missing, kind), .requiredMaterials, kind,
          "\(kind.rawValue) is required for \(app.type.rawValue) and was not handed in" + (restsOn[kind]?.0 ?? ""),
          fix: "hand in the \(kind.rawValue)", .missing(kind, type: app.type, talentRoute: restsOn[kind]?.1))
        continue
      }
      examine(m, app)
    }
    examineAlternatives(app, committed: committed)
    if required.contains(.passport) {
      rules.insert(.passportValidity)
      var expires = packet.applicant.passportExpires
      if let e = packet.material(.passport)?.expires, e < expires { expires = e }
      let needed = date.adding(months: policy.validity.passportMinMonths)
      if expires < needed {
        add(
          Defect(.expired, .passport), .passportValidity, .passport, field: "passport-expires",
          "passport expires \(expires); it must be valid until at least \(needed) (\(policy.validity.passportMinMonths) months after receipt)",
          fix: "renew the passport and hand in the new one",
          .passportValidity(expires: expires, needed: needed, months: policy.validity.passportMinMonths))
      }
    }
  }

  mutating func examineCategory(_ app: Application) {
    guard policy.categoryCheckedTypes.contains(app.type), !app.type.carriesPermitCategory else { return }
    rules.insert(.categoryPoints)
    if let claimed = app.category, claimed > computed {
      add(
        Defect(.categoryUnsupported), .categoryPoints, field: "application.category",
        "Category \(claimed.rawValue) claimed; the materials support \(points.total) points, Category \(computed.rawValue)"
          + " (A from \(policy.points.thresholdA) or a direct qualification, B from \(policy.points.thresholdB))",
        fix: "claim Category \(computed.rawValue) (this notice also lists what Category \(computed.rawValue) needs), or hand in the proof that supports Category \(claimed.rawValue)",
        .categoryUnsupported(
          claimed: claimed, points: points.total, computed: computed, thresholdA: policy.points.thresholdA,
          thresholdB: policy.points.thresholdB))
    }
    let effective = min(app.category ?? computed, computed)
    if effective == .b && age > policy.categoryBMaxAge {
      rules.insert(.ageLimitB)
      flags.append(
        Flag(
          code: "age-over-limit:B", rule: .ageLimitB, field: "applicant.birth-date",
          detail: "aged \(age): over \(policy.categoryBMaxAge) for Category B; the Center decides whether to relax the limit",
          reason: .ageOverLimitB(age: age, limit: policy.categoryBMaxAge)))
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
      computedCategory: computed, pointsComputed: !packet.application.type.carriesPermitCategory,
      claimedCategory: packet.application.category, age: age, receiptDate: date,
      acceptanceDeadline: deadline, pending: pending, pendingFindings: pendingFindings,
      compliance: outcome == .refuse ? [] : compliance, flags: outcome == .refuse ? [] : flags,
      rules: used.sorted, notes: notes, noteReasons: noteReasons)
  }
}
