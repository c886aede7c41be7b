import PermitCore

/// The defects the generator plants (one family at a time), kept apart from the making of packets.
extension PacketGenerator {
  mutating func index(_ p: Packet, _ kind: MaterialKind) -> Int? { p.materials.firstIndex { $0.kind == kind } }

  /// Plants one defect of a family, if the packet allows it; returns what was planted.
  mutating func mutate(_ p: inout Packet, _ family: String) -> String? {
    let day = p.submitted.date(atOffset: policy.utcOffsetSeconds)
    let type = p.application.type
    switch family {
    case "missing":
      let required = policy.required(for: p.application, computed: p.application.category ?? .c)
      let present = required.filter { k in p.materials.contains { $0.kind == k } }
      guard !present.isEmpty else { return nil }
      let k = rng.pick(present)
      p.materials.removeAll { $0.kind == k }
      return "missing:" + k.rawValue
    case "accept-pending":
      guard type == .overseasNotification, p.application.category == .a else { return nil }
      let k = rng.pick([MaterialKind.degree, .healthCertificate])
      p.materials.removeAll { $0.kind == k }
      return "missing:" + k.rawValue
    case "stale":
      let options = p.materials.indices.filter { policy.validity.maxAgeMonths[p.materials[$0].kind] != nil && p.materials[$0].issued != nil }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].issued = day.adding(months: -(policy.validity.maxAgeMonths[p.materials[i].kind]!)).adding(days: -rng.int(1...60))
      return "stale:" + p.materials[i].kind.rawValue
    case "expired-passport":
      guard policy.required(for: p.application, computed: .c).contains(.passport) else { return nil }
      p.applicant.passportExpires = day.adding(months: policy.validity.passportMinMonths).adding(days: -rng.int(1...150))
      return "expired:passport"
    case "unauthenticated", "apostille-too-early":
      let options = p.materials.indices.filter {
        let m = p.materials[$0]
        return (m.kind == .degree || m.kind == .criminalRecord) && (m.issuedIn ?? m.country).map { $0 != "CN" } == true
      }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      if family == "apostille-too-early" {
        guard let since = policy.documents.apostilleAcceptedFrom, day < since,
          !(policy.documents.specialRegions.contains(p.materials[i].issuedIn ?? p.materials[i].country ?? ""))
        else { return nil }
        p.materials[i].authentication = .apostille
      } else {
        p.materials[i].authentication = rng.pick([Authentication.none, .notarized])
        if p.materials[i].authentication == .notarized,
          policy.documents.specialRegions.contains(p.materials[i].issuedIn ?? p.materials[i].country ?? "")
        {
          p.materials[i].authentication = Authentication.none
        }
      }
      return "unauthenticated:" + p.materials[i].kind.rawValue
    case "untranslated":
      let options = p.materials.indices.filter { p.materials[$0].translation == .sealed }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].translation = rng.pick([Translation.none, .unsealed])
      return "untranslated:" + p.materials[i].kind.rawValue
    case "unsigned":
      let options = p.materials.indices.filter { policy.documents.mustBeSigned.contains(p.materials[$0].kind) }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].signed = false
      return "unsigned:" + p.materials[i].kind.rawValue
    case "unsealed":
      let options = p.materials.indices.filter { policy.documents.mustBeSealed.contains(p.materials[$0].kind) }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].sealed = false
      return "unsealed:" + p.materials[i].kind.rawValue
    case "wrong-issuer":
      guard let i = index(p, .criminalRecord) else { return nil }
      if policy.examinerRules.contains(.criminalRecordForms) && rng.chance(0.5) {
        p.materials[i].issuedBy = .swornSelfDeclaration
        return "wrong-issuer:criminal-record"
      }
      p.materials[i].country = p.applicant.nationality == "TH" ? "VN" : "TH"
      p.materials[i].authentication = .embassy
      p.materials[i].translation = .sealed
      p.materials[i].language = nil
      return "wrong-issuer:criminal-record"
    case "mismatch-name":
      guard let i = p.materials.firstIndex(where: { $0.name != nil && $0.kind != .workPermitCard }) else { return nil }
      var n = Array(p.applicant.name)
      let j = n.count - 1 - rng.int(0...2)
      n[j] = n[j] == "A" ? "E" : "A"
      p.materials[i].name = String(n)
      return "mismatch:name"
    case "mismatch-passport-number":
      guard let i = p.materials.firstIndex(where: { $0.passportNumber != nil && $0.kind == .applicationForm }) else { return nil }
      p.materials[i].passportNumber = "SPEC" + String(String(rng.int(10_000...99_999)))
      if p.materials[i].passportNumber == p.applicant.passportNumber { return nil }
      return "mismatch:passport-number"
    case "mismatch-birth-date":
      guard let i = index(p, .applicationForm) else { return nil }
      p.materials[i].birthDate = p.applicant.birthDate.adding(days: rng.pick([-1, 1, 365, -31]))
      return "mismatch:birth-date"
    case "mismatch-nationality":
      guard let i = index(p, .applicationForm) else { return nil }
      p.materials[i].nationality = p.applicant.nationality == "GB" ? "IE" : "GB"
      return "mismatch:nationality"
    case "mismatch-signature":
      guard let i = index(p, .applicationForm) else { return nil }
      p.materials[i].signatureMatches = false
      return "mismatch:signature"
    case "category-unsupported":
      guard type == .overseasNotification, let c = p.application.category, c != .a else { return nil }
      p.application.category = .a
      if p.application.directQualification != nil { return nil }
      return "category-unsupported"
    case "out-of-jurisdiction":
      // Another window, or a district without one (the four of the 2017 pilot's queues when the pack
      // has no window there, else the pack's districts without a window).
      var elsewhere = ["dongcheng", "xicheng", "fengtai", "tongzhou"].filter { !policy.windows.contains($0) }
      if elsewhere.isEmpty { elsewhere = policy.districts.filter { !policy.windows.contains($0) } }
      let others = policy.windows.filter { $0 != p.window } + elsewhere
      p.employer.district = rng.pick(others)
      return "out-of-jurisdiction"
    case "late-filing":
      switch type {
      case .extension:
        p.application.permitExpires = day.adding(days: rng.int(1...(policy.timeLimits.extensionMinDaysBeforeExpiry - 1)))
        return "late-filing:extension"
      case .domesticPermit:
        p.application.entryDate = day.adding(days: -(policy.timeLimits.domesticPermitDaysAfterEntry + rng.int(1...20)))
        return "late-filing:domestic-permit"
      case .change:
        let limit = policy.timeLimits.changeInWorkingDays ? policy.timeLimits.changeDays * 2 + 6 : policy.timeLimits.changeDays
        p.application.change?.date = day.adding(days: -(limit + rng.int(1...30)))
        return "late-filing:change (compliance)"
      case .cancellation:
        p.application.contractEnd = day.adding(days: -rng.int(20...40))
        return "late-filing:cancellation (compliance)"
      default: return nil
      }
    case "early-filing":
      guard type == .extension else { return nil }
      p.application.permitExpires = day.adding(days: policy.timeLimits.extensionMaxDaysBeforeExpiry + rng.int(1...60))
      return "early-filing:extension"
    case "wrong-procedure":
      guard type == .change else { return nil }
      p.application.change?.kind = .nationality
      return "wrong-procedure:nationality-change"
    case "expired-document":
      let options = p.materials.indices.filter { p.materials[$0].expires != nil }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].expires = day.adding(days: -rng.int(1...90))
      return "expired:" + p.materials[i].kind.rawValue
    case "contract-language":
      guard let i = index(p, .contract) else { return nil }
      p.materials[i].language = rng.pick(["en", "fr"])
      return "untranslated:contract"
    case "not-a-foreigner":
      guard !policy.documents.specialRegions.isEmpty else { return nil }
      let (region, first, last) = rng.pick(PacketGenerator.regionResidents)
      guard policy.documents.specialRegions.contains(region) else { return nil }
      p.applicant.nationality = region
      p.applicant.name = rng.pick(first) + " " + rng.pick(last)
      for i in p.materials.indices where p.materials[i].name != nil { p.materials[i].name = p.applicant.name }
      return "wrong-procedure:not-a-foreigner"
    case "abolished":
      let abolished = policy.abolishedTypes.filter { day >= $0.value.since }.keys.sorted { $0.rawValue < $1.rawValue }
      guard !abolished.isEmpty else { return nil }
      let t = rng.pick(abolished)
      p.application.type = t
      if t == .domesticPermit { p.application.entryDate = day.adding(days: -rng.int(1...14)) }
      if t == .replacement { p.application.replacementReason = .lost }
      if t.carriesPermitCategory && p.application.category == nil { p.application.category = .b }
      return "wrong-procedure:abolished"
    case "noncompliant-photo":
      guard let i = index(p, .photo) else { return nil }
      p.materials[i].icaoCompliant = false
      return "noncompliant:photo"
    case "contract-start":
      // A change of employer's contract that starts before the old permit was cancelled.
      guard type == .changeEmployer, let cancelled = p.application.permitCancelled, let i = index(p, .contract) else { return nil }
      p.materials[i].starts = cancelled.adding(days: -rng.int(1...20))
      return "noncompliant:contract"
    case "talent-route":
      // A Category A resting on its degree or work experience, with a commitment for that very item.
      // One route per file: a second plant would move the route and revive the first commitment.
      guard type == .overseasNotification, p.application.category == .a, p.application.talentRoute == nil,
        let routes = policy.requiredMaterials[type]?.byTalentRoute.keys.sorted(by: { $0.rawValue < $1.rawValue }), !routes.isEmpty
      else { return nil }
      let route = rng.pick(routes)
      let item = route.material
      guard policy.categoryA.commitmentMayReplace.contains(item) else { return nil }
      p.application.talentRoute = route
      p.materials.removeAll { $0.kind == item || ($0.kind == .commitment && $0.replaces == item) }
      p.materials.append(Material(kind: .commitment, replaces: item))
      return "missing:" + item.rawValue
    default:
      return nil
    }
  }
}
