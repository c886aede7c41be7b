import PermitCore
import PermitContent
import Testing

/// domain.md Part C: the `beijing-2025` pack, one test per row, with the boundary cases.
@Suite struct PartCRuleTests {
  let pack = Packs.y2025

  /// The Category B overseas notification under the new rules: received Mon 2024-12-02, photo and
  /// salary commitment handed in, certificates a month old.
  static func overseas() -> Packet {
    basePacket().with {
      $0.resubmitted(on: "2024-12-02")
      $0.applicant.passportExpires = day("2030-01-01")
      $0.policy = "beijing-2025"
      $0.materials.append(Material(kind: .photo, issued: day("2024-11-20"), icaoCompliant: true))
      $0.materials.append(Material(kind: .salaryCommitment, sealed: true))
    }
  }

  /// A change of employer: the old permit cancelled on Fri 2024-11-22, residence permit valid.
  static func changeEmployer() -> Packet {
    Packet(
      window: "chaoyang", submitted: beijing("2024-12-02"), employer: Base.employer, applicant: Base.applicant.with {
        $0.passportExpires = day("2030-01-01")
      },
      application: Application(type: .changeEmployer, category: .b, permitCancelled: day("2024-11-22")),
      materials: [
        Base.form, Material(kind: .passport), Material(kind: .photo, issued: day("2024-11-01"), icaoCompliant: true),
        Base.contract, Material(kind: .cancellationProof, issued: day("2024-11-22")),
        Material(kind: .residencePermit, expires: day("2025-06-30")),
      ])
  }

  static func renewal(_ type: ApplicationType, category: Category = .b) -> Packet {
    var base: Packet
    switch type {
    case .extension: base = Base.extensionFiling()
    case .change: base = Base.change()
    default: base = Base.cancellation()
    }
    return base.with {
      $0.submitted = beijing("2024-12-02")
      $0.application.category = category
      $0.remove(.workPermitCard)
      $0.applicant.passportExpires = day("2030-01-01")
      $0.application.permitExpires = day("2025-01-31")  // 60 days
      $0.application.change?.date = day("2024-11-28")
      $0.application.contractEnd = day("2024-11-29")
      if type == .extension { $0.edit(.residencePermit) { $0.expires = day("2025-01-31") } }
    }
  }

  func d(_ p: Packet) -> Decision { decide(p, pack) }

  @Test func baseFilesAreAccepted() {
    #expect(codes(d(Self.overseas())) == [])
    #expect(codes(d(Self.changeEmployer())) == [])
    for t in [ApplicationType.extension, .change, .cancellation] { #expect(codes(d(Self.renewal(t))) == [], "\(t)") }
  }

  @Test func effectiveDate() {
    #expect(pack.effectiveFrom == day("2024-12-01"))
    #expect(pack.rules[.abolishedProcedure]?.sources.contains("T5") == true)
  }

  /// Application types: change-employer is handled; domestic-permit and replacement are abolished
  /// from 2024-12-01 (refused, no referral, the notice says what replaces them).
  @Test func abolishedProcedures() {
    #expect(pack.handledTypes == [.overseasNotification, .extension, .change, .cancellation, .changeEmployer])
    let domestic = Base.domesticPermit().with {
      $0.resubmitted(on: "2024-12-02")
      $0.applicant.passportExpires = day("2030-01-01")
      $0.application.entryDate = day("2024-11-28")
    }
    let r = d(domestic)
    #expect(r.outcome == .refuse && codes(r) == ["wrong-procedure:abolished"] && r.referTo == nil)
    #expect(r.findings[0].fix.contains("social-security card"))
    let replacement = d(Base.replacementLost().with { $0.submitted = beijing("2024-12-02") })
    #expect(codes(replacement) == ["wrong-procedure:abolished"])
    // The day it was abolished (Sun 2024-12-01) counts; the day before, the type is merely not handled.
    #expect(codes(d(domestic.with { $0.submitted = beijing("2024-12-01", 0, 0) })) == ["wrong-procedure:abolished"])
    #expect(codes(d(domestic.with { $0.submitted = beijing("2024-11-30", 23, 59) })) == ["wrong-procedure:not-handled"])
    // The 2017 pack accepted the same domestic permit.
    #expect(decide(domestic, Packs.y2024).outcome == .accept)
  }

  @Test func noPermitCardAnywhere() {
    for (t, list) in pack.requiredMaterials { #expect(!list.mentions(.workPermitCard), "\(t)") }
  }

  /// Photo: overseas notification and change of employer; ≤ 6 months (forward from the day taken);
  /// ICAO 9303.
  @Test func photo() {
    #expect(codes(d(Self.overseas().with { $0.remove(.photo) })) == ["missing:photo"])
    #expect(codes(d(Self.changeEmployer().with { $0.remove(.photo) })) == ["missing:photo"])
    #expect(codes(d(Self.overseas().with { $0.edit(.photo) { $0.issued = day("2024-06-02") } })) == [])
    #expect(codes(d(Self.overseas().with { $0.edit(.photo) { $0.issued = day("2024-06-01") } })) == ["stale:photo"])
    #expect(codes(d(Self.overseas().with { $0.edit(.photo) { $0.icaoCompliant = false } })) == ["noncompliant:photo"])
    #expect(d(Self.overseas().with { $0.edit(.photo) { $0.icaoCompliant = false } }).findings[0].rule == .photo)
  }

  /// Salary commitment: points-based A or B, not a direct qualification, not C.
  @Test func salaryCommitment() {
    #expect(codes(d(Self.overseas().with { $0.remove(.salaryCommitment) })) == ["missing:salary-commitment"])
    let computedA = Self.overseas().with {
      $0.application.category = .a
      $0.application.annualSalary = 450_000
      $0.application.education = .doctorate
      $0.application.relatedExperienceYears = 17
      $0.remove(.salaryCommitment)
    }
    #expect(codes(d(computedA)) == ["missing:salary-commitment"])
    let direct = Self.overseas().with {
      $0.application.category = .a
      $0.application.directQualification = "talent-programme"
      $0.materials.append(Material(kind: .talentProof))
      $0.remove(.workExperience)
      $0.remove(.salaryCommitment)
    }
    #expect(codes(d(direct)) == [])
    let c = Self.overseas().with { $0.application.category = .c; $0.remove(.salaryCommitment) }
    #expect(codes(d(c)) == [])
  }

  /// Tax record at extension and cancellation when the permit rests on a salary commitment, not for A.
  @Test func taxRecord() {
    for t in [ApplicationType.extension, .cancellation] {
      #expect(codes(d(Self.renewal(t).with { $0.application.salaryCommitment = true })) == ["missing:tax-record"], "\(t)")
      #expect(codes(d(Self.renewal(t, category: .a).with { $0.application.salaryCommitment = true })) == [], "\(t) A")
      #expect(codes(d(Self.renewal(t).with {
        $0.application.salaryCommitment = true
        $0.materials.append(Material(kind: .taxRecord, issuedIn: "CN"))
      })) == [], "\(t) with the record")
    }
    #expect(codes(d(Self.renewal(.change).with { $0.application.salaryCommitment = true })) == [])
  }

  /// Extension: 120 to 30 days before expiry; the residence permit must still be valid. 100 days:
  /// accepted now, refused (early) under the 2017 rules.
  @Test func extensionWindow() {
    func at(_ days: Int, _ p: PolicyPack = Packs.y2025) -> [String] {
      let e = Self.renewal(.extension).with {
        $0.application.permitExpires = day("2024-12-02").adding(days: days)
        $0.edit(.residencePermit) { $0.expires = day("2024-12-02").adding(days: days) }
      }
      return codes(decide(e, p))
    }
    #expect(at(120) == [])
    #expect(at(121) == ["early-filing:extension"])
    #expect(at(30) == [])
    #expect(at(29) == ["late-filing:extension"])
    #expect(at(100) == [])
    #expect(at(100, Packs.y2024) == ["early-filing:extension"])
    #expect(codes(d(Self.renewal(.extension).with { $0.edit(.residencePermit) { $0.expires = day("2024-11-30") } })) == ["expired:residence-permit"])
  }

  /// Change: within 10 working days (the 2017 rule counted 10 calendar days).
  @Test func changeInWorkingDays() {
    // Changed Fri 2024-11-15: the 10th working day is Fri 2024-11-29.
    let p = Self.renewal(.change).with { $0.application.change = .init(kind: .passport, date: day("2024-11-15")) }
    #expect(complianceCodes(d(p.with { $0.submitted = beijing("2024-11-29") })) == [])
    #expect(complianceCodes(d(p.with { $0.submitted = beijing("2024-12-02") })) == ["late-filing:change"])
    #expect(complianceCodes(decide(p.with { $0.submitted = beijing("2024-11-29") }, Packs.y2024)) == ["late-filing:change"])
  }

  /// Change of employer: its own list; a residence permit, or a stay visa within 30 days of the
  /// cancellation; no criminal record, health certificate, degree or work experience.
  @Test func changeOfEmployer() {
    let p = Self.changeEmployer()
    for k in [MaterialKind.applicationForm, .passport, .photo, .contract, .cancellationProof] {
      #expect(codes(d(p.with { $0.remove(k) })) == ["missing:" + k.rawValue], "\(k)")
    }
    let required = pack.required(for: p.application, computed: .b)
    for k in [MaterialKind.criminalRecord, .healthCertificate, .degree, .workExperience] { #expect(!required.contains(k)) }
    let visa = p.with {
      $0.remove(.residencePermit)
      $0.materials.append(Material(kind: .visaEntry, passportNumber: Base.passportNumber))
    }
    // Cancelled 2024-11-22: the stay visa counts through 2024-12-22 (a Sunday); Mon 12-23 is day 31.
    #expect(codes(d(visa.with { $0.submitted = beijing("2024-12-20") })) == [])
    let late = d(visa.with { $0.submitted = beijing("2024-12-23") })
    #expect(codes(late) == ["missing:residence-permit"])
    #expect(late.findings[0].rule == .changeEmployer)
    #expect(codes(d(p.with { $0.remove(.residencePermit) })) == ["missing:residence-permit"])
  }

  /// Criminal record: sworn self-declaration refused; a consulate-in-China certificate needs no
  /// authentication; a PSB certificate for an applicant in China ≥ 1 year; Category A commitment.
  @Test func criminalRecordForms() {
    let o = Self.overseas()
    let sworn = d(o.with { $0.edit(.criminalRecord) { $0.issuedBy = .swornSelfDeclaration } })
    #expect(codes(sworn) == ["wrong-issuer:criminal-record"])
    #expect(sworn.findings[0].rule == .criminalRecordForm)
    let consulate = o.with { $0.edit(.criminalRecord) { $0.issuedBy = .consulateInChina; $0.authentication = Authentication.none } }
    #expect(codes(d(consulate)) == [])
    #expect(codes(decide(consulate, Packs.y2024)) == ["unauthenticated:criminal-record"])
    let psb = o.with {
      $0.edit(.criminalRecord) { $0.issuedBy = .publicSecurityBureau; $0.country = "CN"; $0.authentication = nil; $0.translation = nil }
    }
    #expect(codes(d(psb.with { $0.applicant.inChinaSince = day("2023-12-02") })) == [])
    #expect(codes(d(psb.with { $0.applicant.inChinaSince = day("2023-12-03") })) == ["wrong-issuer:criminal-record"])
    #expect(codes(d(psb)) == ["wrong-issuer:criminal-record"])
    #expect(codes(decide(psb.with { $0.applicant.inChinaSince = day("2020-01-01") }, Packs.y2024)) == ["wrong-issuer:criminal-record"])
  }

  /// Category A: a commitment stands in for criminal record, degree and work experience; before
  /// entry the health commitment stands in for any category.
  @Test func commitments() {
    let a = Self.overseas().with {
      $0.application.category = .a
      $0.application.directQualification = "talent-programme"
      $0.materials.append(Material(kind: .talentProof))
      $0.remove(.workExperience)
      $0.remove(.salaryCommitment)
      $0.remove(.degree)
      $0.remove(.criminalRecord)
      $0.materials.append(Material(kind: .commitment, replaces: .degree))
      $0.materials.append(Material(kind: .commitment, replaces: .criminalRecord))
    }
    #expect(d(a).outcome == .accept)
    #expect(decide(a, Packs.y2024).outcome == .acceptPending)
    let healthB = Self.overseas().with {
      $0.remove(.healthCertificate)
      $0.materials.append(Material(kind: .commitment, replaces: .healthCertificate))
    }
    #expect(d(healthB).outcome == .accept)
    #expect(codes(decide(healthB, Packs.y2024)) == ["missing:health-certificate"])
  }

  /// Change of employer: the new contract starts on or after the day the old permit was cancelled
  /// (Fri 2024-11-22 here). The day itself passes, the day before is `noncompliant:contract`; a
  /// contract that states no start is not compared.
  @Test func contractStartsOnOrAfterTheCancellation() {
    let p = Self.changeEmployer()
    func starting(_ start: String?) -> Decision { d(p.with { $0.edit(.contract) { $0.starts = start.map(day) } }) }
    #expect(codes(starting("2024-11-22")) == [])
    #expect(codes(starting("2024-12-16")) == [])
    let early = starting("2024-11-21")
    #expect(early.outcome == .supplement && codes(early) == ["noncompliant:contract"])
    let f = early.findings[0]
    #expect(f.rule == .changeEmployer && f.material == .contract && f.field == "starts")
    #expect(f.detail.contains("2024-11-21") && f.detail.contains("2024-11-22") && f.fix.contains("2024-11-22"), "\(f)")
    #expect(early.rules.contains(.changeEmployer))
    #expect(codes(starting(nil)) == [])
    // Listed with the other defects on one notice.
    let both = d(p.with { $0.edit(.contract) { $0.starts = day("2024-10-01"); $0.signed = false } })
    #expect(codes(both) == ["noncompliant:contract", "unsigned:contract"])
    // Only a change of employer compares the start: an overseas notification's contract is not.
    #expect(codes(d(Self.overseas().with { $0.edit(.contract) { $0.starts = day("2020-01-01") } })) == [])
    // A valid pair of the vocabulary, cited against the change-of-employer rule (T1, medium).
    #expect(DefectCatalog.isKnown("noncompliant:contract") && DefectCatalog.rule(of: "noncompliant:contract") == .changeEmployer)
    #expect(DefectCatalog.rule(of: "noncompliant:photo") == .photo)
    #expect(pack.rules[.changeEmployer]?.sources == ["T1"] && pack.rules[.changeEmployer]?.confidence == "medium")
    #expect(pack.text(of: .changeEmployer).contains("starting on or after"))
  }

  /// Category A: a commitment stands in for the degree and the work-experience letter, except for
  /// the item the A status rests on (`talent-route`), which is then required and stays missing
  /// when only committed (a computed A: accepted with the item pending).
  @Test func talentRouteItemIsNotCommitted() {
    let full = Self.overseas()
    let degree = full.material(.degree)!
    let letter = full.material(.workExperience)!
    let a = full.with {
      $0.application.category = .a
      $0.application.directQualification = "talent-programme"
      $0.materials.append(Material(kind: .talentProof))
      $0.remove(.workExperience)
      $0.remove(.salaryCommitment)
      $0.remove(.degree)
      $0.materials.append(Material(kind: .commitment, replaces: .degree))
    }
    #expect(d(a).outcome == .accept)
    // Resting on the degree: the commitment does not stand in for it.
    let onDegree = a.with { $0.application.talentRoute = .degree }
    let r = d(onDegree)
    #expect(r.outcome == .acceptPending && r.pending == [.degree])
    #expect(r.pendingFindings.first?.detail.contains("talent route degree") == true, "\(r.pendingFindings)")
    #expect(r.rules.contains(.commitment))
    #expect(d(onDegree.with { $0.materials.append(degree) }).outcome == .accept)
    // With another defect the one-time notice lists the degree.
    #expect(codes(d(onDegree.with { $0.edit(.contract) { $0.signed = false } })) == ["missing:degree", "unsigned:contract"])
    // Resting on experience: the letter is required (A files otherwise need none), and no
    // commitment stands in for it; the commitment for the degree still does.
    let onExperience = a.with { $0.application.talentRoute = .experience }
    #expect(pack.required(for: onExperience.application, computed: .a).contains(.workExperience))
    #expect(!pack.required(for: a.application, computed: .a).contains(.workExperience))
    #expect(d(onExperience).pending == [.workExperience])
    let committed = d(onExperience.with { $0.materials.append(Material(kind: .commitment, replaces: .workExperience)) })
    #expect(committed.outcome == .acceptPending && committed.pending == [.workExperience])
    #expect(d(onExperience.with { $0.materials.append(letter) }).outcome == .accept)
    // The pack's data (T1, medium), and the rule text says so.
    #expect(pack.requiredMaterials[.overseasNotification]?.byTalentRoute == [.degree: [.degree], .experience: [.workExperience]])
    #expect(pack.rules[.commitment]?.sources == ["T1"] && pack.text(of: .commitment).contains("talent route"))
    // Part A and A′ name no talent route: the 2017 packs have none, and it changes nothing there.
    for old in Packs.both {
      #expect(old.requiredMaterials.values.allSatisfy { $0.byTalentRoute.isEmpty }, "\(old.id)")
      #expect(decide(onDegree, old) == decide(a, old), "\(old.id)")
      #expect(decide(onExperience, old) == decide(a, old), "\(old.id)")
    }
  }

  /// Window limit 3 working days, 1 for Category A; Center 5 for overseas and change of employer,
  /// 3 for extension, change and cancellation.
  @Test func timeLimits() {
    // Received Mon 2024-12-02: B due Thu 12-05, A due Tue 12-03.
    #expect(d(Self.overseas()).acceptanceDeadline == day("2024-12-05"))
    let a = Self.overseas().with {
      $0.application.category = .a
      $0.application.directQualification = "talent-programme"
      $0.materials.append(Material(kind: .talentProof))
    }
    #expect(d(a).acceptanceDeadline == day("2024-12-03"))
    #expect(d(Self.renewal(.extension, category: .a)).acceptanceDeadline == day("2024-12-03"))
    for (t, days) in [(ApplicationType.overseasNotification, 5), (.changeEmployer, 5), (.extension, 3), (.change, 3), (.cancellation, 3)] {
      for c in Category.allCases { #expect(pack.centerDecisionWorkingDays(for: t, category: c) == days, "\(t) \(c)") }
    }
  }

  /// The larger set of windows, E-Town included; Mentougou, Pinggu and Miyun go to the Center.
  @Test func windows() {
    #expect(pack.windows.count == 14)
    #expect(pack.windows.contains("e-town"))
    let etown = Self.overseas().with { $0.window = "e-town"; $0.employer.district = "e-town" }
    #expect(d(etown).outcome == .accept)
    for (district, body) in [("mentougou", "municipal-center"), ("pinggu", "municipal-center"), ("miyun", "municipal-center"), ("dongcheng", "dongcheng"), ("e-town", "e-town")] {
      let r = d(Self.overseas().with { $0.employer.district = district })
      #expect(codes(r) == ["out-of-jurisdiction"] && r.referTo == body, "\(district)")
    }
    #expect(decide(basePacket().with { $0.employer.district = "dongcheng" }, Packs.pilot).referTo == "municipal-center")
  }

  /// Apostilles are accepted (from 2023-11-07).
  @Test func apostille() {
    #expect(codes(d(Self.overseas().with { $0.edit(.degree) { $0.authentication = .apostille } })) == [])
  }

  /// Points and thresholds are unchanged.
  @Test func pointsUnchanged() {
    #expect(pack.points == Packs.pilot.points)
    #expect(d(Self.overseas()).points == decide(basePacket()).points)
  }
}

extension Applicant {
  func with(_ f: (inout Applicant) -> Void) -> Applicant {
    var a = self
    f(&a)
    return a
  }
}
