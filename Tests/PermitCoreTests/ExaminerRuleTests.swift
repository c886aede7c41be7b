import PermitCore
import Testing

/// One test (or a small family) per rule of domain.md Part A and README's interpretations.
@Suite("Examiner: base packets")
struct BasePacketTests {
  @Test("every base packet is accepted under both packs", arguments: BaseKind.allCases)
  func baseAccepted(_ kind: BaseKind) {
    for pack in Packs.both {
      let d = decide(kind.packet, pack)
      #expect(d.outcome == .accept, "\(kind.rawValue) under \(pack.id): \(codes(d))")
      #expect(d.defects.isEmpty)
      #expect(d.pending.isEmpty)
      #expect(d.referTo == nil)
      #expect(d.compliance.isEmpty)
    }
  }

  @Test func overseasBMirrorsTheExample() {
    let d = decide(basePacket())
    #expect(d.outcome == .accept)
    #expect(d.points.total == 70)
    #expect(d.points.salary == 17)
    #expect(d.points.education == 15)
    #expect(d.points.experience == 8)
    #expect(d.points.monthsInChina == 15)
    #expect(d.points.age == 15)
    #expect(d.computedCategory == .b)
    #expect(d.age == 29)
    #expect(d.receiptDate == day("2017-07-03"))
    // Mon 3 Jul 2017: day 1 = Tue 4, … day 5 = Mon 10.
    #expect(d.acceptanceDeadline == day("2017-07-10"))
    #expect(d.rules.contains(.requiredMaterials))
    #expect(d.rules == d.rules.sorted())
  }

  @Test func receiptDateIsBeijingLocal() {
    // 21:00 at UTC-5 on 2 Jul is 10:00 on 3 Jul in Beijing.
    let d = decide(basePacket().with { $0.submitted = ts("2017-07-02T21:00-05:00") })
    #expect(d.receiptDate == day("2017-07-03"))
    // 23:30 UTC on 3 Jul is 07:30 on 4 Jul in Beijing.
    let e = decide(basePacket().with { $0.submitted = ts("2017-07-03T23:30Z") })
    #expect(e.receiptDate == day("2017-07-04"))
  }
}

@Suite("Examiner: required materials")
struct RequiredMaterialTests {
  static let overseasB: [MaterialKind] = [
    .applicationForm, .passport, .degree, .criminalRecord, .healthCertificate, .contract, .workExperience,
  ]

  @Test("a missing overseas-notification material is listed", arguments: overseasB)
  func missingOverseas(_ kind: MaterialKind) {
    let d = decide(basePacket().with { $0.remove(kind) })
    #expect(d.outcome == .supplement)
    #expect(codes(d) == ["missing:" + kind.rawValue])
  }

  static let perType: [(BaseKind, MaterialKind)] = [
    (.domesticPermit, .applicationForm), (.domesticPermit, .passport), (.domesticPermit, .notificationLetter),
    (.domesticPermit, .visaEntry), (.domesticPermit, .healthCertificate), (.domesticPermit, .contract),
    (.extensionFiling, .applicationForm), (.extensionFiling, .passport), (.extensionFiling, .contract),
    (.extensionFiling, .residencePermit), (.extensionFiling, .workPermitCard),
    (.change, .applicationForm), (.change, .workPermitCard), (.change, .changeProof),
    (.cancellation, .applicationForm), (.cancellation, .terminationProof), (.cancellation, .workPermitCard),
    (.replacementLost, .applicationForm), (.replacementLost, .lossStatement),
    (.replacementDamaged, .applicationForm), (.replacementDamaged, .workPermitCard),
    (.overseasA, .talentProof),
  ]

  @Test("a missing material of each type's list is listed", arguments: perType)
  func missingPerType(_ base: BaseKind, _ kind: MaterialKind) {
    for pack in Packs.both {
      let d = decide(base.packet.with { $0.remove(kind) }, pack)
      #expect(d.outcome == .supplement, "\(base.rawValue) without \(kind.rawValue)")
      #expect(codes(d) == ["missing:" + kind.rawValue])
    }
  }

  @Test func typesDoNotRequireOtherTypesMaterials() {
    // A change needs no passport, contract or certificates; a cancellation neither.
    for base in [BaseKind.change, .cancellation, .replacementLost, .replacementDamaged] {
      let p = base.packet
      #expect(!p.materials.contains { $0.kind == .passport })
      #expect(decide(p).outcome == .accept)
    }
  }

  @Test func workExperienceOnlyForClaimedBAndC() {
    // Claimed C (below the computed B: not unsupported) still needs work experience.
    let c = decide(basePacket().with { $0.application.category = .c; $0.remove(.workExperience) })
    #expect(codes(c) == ["missing:work-experience"])
    // Claimed A with a direct qualification: work experience is not required.
    let a = decide(Base.overseasA())
    #expect(a.outcome == .accept)
    // Claimed A without support (Part A′ 5): the notice holds for the B the file supports too, so the
    // work-experience letter B needs is listed at once.
    let unsupported = decide(basePacket().with { $0.application.category = .a; $0.remove(.workExperience) })
    #expect(codes(unsupported) == ["category-unsupported", "missing:work-experience"])
  }

  @Test func talentProofOnlyWithDirectQualification() {
    // A points-based A (no direct qualification) needs no talent-proof.
    let points = Base.overseasComputedA().with { $0.application.category = .a; $0.remove(.workExperience) }
    #expect(decide(points).computedCategory == .a)
    #expect(decide(points).outcome == .accept)
    // With a direct qualification, a missing talent-proof is a defect that cannot be pending.
    let d = decide(Base.overseasA().with { $0.remove(.talentProof) })
    #expect(d.computedCategory == .a)
    #expect(d.outcome == .supplement)
    #expect(codes(d) == ["missing:talent-proof"])
  }

  @Test func replacementLostVersusDamaged() {
    // Lost: the loss statement, not the card.
    let lostWithCardOnly = decide(
      Base.replacementLost().with {
        $0.remove(.lossStatement)
        $0.materials.append(Material(kind: .workPermitCard, name: Base.name))
      })
    #expect(codes(lostWithCardOnly) == ["missing:loss-statement"])
    // Damaged: the damaged card, not a loss statement.
    let damagedWithStatementOnly = decide(
      Base.replacementDamaged().with {
        $0.remove(.workPermitCard)
        $0.materials.append(Material(kind: .lossStatement, name: Base.name))
      })
    #expect(codes(damagedWithStatementOnly) == ["missing:work-permit-card"])
  }
}

@Suite("Examiner: recency, passport validity and expiry")
struct RecencyTests {
  @Test("certificates: 6 calendar months, counted from the issue date", arguments: [MaterialKind.criminalRecord, .healthCertificate])
  func sixMonthBoundary(_ kind: MaterialKind) {
    let onTheDay = decide(basePacket().with { $0.edit(kind) { $0.issued = day("2017-01-03") } })
    #expect(onTheDay.outcome == .accept, "issued 2017-01-03 is valid for a submission on 2017-07-03")
    let dayBefore = decide(basePacket().with { $0.edit(kind) { $0.issued = day("2017-01-02") } })
    #expect(codes(dayBefore) == ["stale:" + kind.rawValue])
    #expect(dayBefore.findings.first?.rule == .certificateAge)
    #expect(dayBefore.findings.first?.field == "issued")
  }

  @Test func monthEndBoundary() {
    // Issued 31 Aug 2017: six months run to the end of February (28 Feb 2018).
    func at(_ submitted: String) -> Decision {
      decide(
        basePacket().with {
          $0.submitted = beijing(submitted)
          $0.edit(.criminalRecord) { $0.issued = day("2017-08-31") }
          $0.edit(.healthCertificate) { $0.issued = day("2018-01-15") }
        })
    }
    #expect(at("2018-02-28").outcome == .accept)
    #expect(codes(at("2018-03-01")) == ["stale:criminal-record"])
    // In a leap year the last day of February is the 29th.
    func leap(_ submitted: String) -> Decision {
      decide(
        basePacket().with {
          $0.submitted = beijing(submitted)
          $0.edit(.healthCertificate) { $0.issued = day("2019-08-31") }
          $0.edit(.criminalRecord) { $0.issued = day("2020-01-15") }
        })
    }
    #expect(leap("2020-02-29").outcome == .accept)
    #expect(codes(leap("2020-03-01")) == ["stale:health-certificate"])
  }

  /// Part A′ 1: 6 months are counted forward from the issue date (Civil Code art. 201–202), so a
  /// certificate issued on 30 Nov is valid through 30 May (31 May: stale), one issued on 28 Feb
  /// through 28 Aug (31 Aug: stale), one issued on 31 Aug through 28 Feb.
  @Test func validityCountsForwardFromTheIssueDate() {
    func at(_ submitted: String, issued: String) -> [String] {
      codes(
        decide(
          basePacket().with {
            $0.submitted = beijing(submitted)
            $0.edit(.criminalRecord) { $0.issued = day(issued) }
            $0.edit(.healthCertificate) { $0.issued = day(submitted).adding(days: -10) }
          }))
    }
    #expect(at("2017-05-30", issued: "2016-11-30") == [])
    #expect(at("2017-05-31", issued: "2016-11-30") == ["stale:criminal-record"])
    #expect(at("2017-08-28", issued: "2017-02-28") == [])
    #expect(at("2017-08-31", issued: "2017-02-28") == ["stale:criminal-record"])
    #expect(at("2018-02-28", issued: "2017-08-31") == [])
    #expect(at("2018-03-01", issued: "2017-08-31") == ["stale:criminal-record"])
  }

  /// The fix of a stale certificate names the earliest issue date that is valid: a certificate
  /// issued that day is accepted, one issued the day before is stale (every submission day of
  /// 2017–2018, month ends included).
  @Test func staleFixNamesTheEarliestValidIssueDate() throws {
    var d = day("2017-07-01")
    while d <= day("2018-12-31") {
      let submission = d
      let stale = decide(
        basePacket().with {
          $0.submitted = Timestamp(date: submission, hour: 10, minute: 0, offsetSeconds: 8 * 3600)
          $0.edit(.healthCertificate) { $0.issued = submission.adding(months: -1) }
          $0.edit(.criminalRecord) { $0.issued = submission.adding(months: -7) }
        })
      let finding = try #require(stale.findings.first { $0.defect.code == "stale:criminal-record" })
      let marker = "issued on or after "
      let range = try #require(finding.fix.range(of: marker))
      let earliest = try #require(CivilDate(iso: finding.fix[range.upperBound...].prefix(10)))
      func codesIfIssued(_ issued: CivilDate) -> [String] {
        codes(
          decide(
            basePacket().with {
              $0.submitted = Timestamp(date: submission, hour: 10, minute: 0, offsetSeconds: 8 * 3600)
              $0.edit(.healthCertificate) { $0.issued = submission.adding(months: -1) }
              $0.edit(.criminalRecord) { $0.issued = issued }
            }))
      }
      #expect(codesIfIssued(earliest) == [], "submission \(submission): fix says \(earliest)")
      #expect(codesIfIssued(earliest.adding(days: -1)) == ["stale:criminal-record"], "submission \(submission)")
      d = d.adding(days: 1)
    }
    let aug31 = decide(
      basePacket().with {
        $0.submitted = beijing("2017-08-31")
        $0.edit(.criminalRecord) { $0.issued = day("2017-02-27") }
      })
    // Part A′ 1: one issued on 28 Feb is valid through 28 Aug only; 1 Mar is the earliest valid on 31 Aug.
    #expect(aug31.findings.first?.fix.hasSuffix("issued on or after 2017-03-01") == true)
  }

  @Test func passportSixMonthsBeyondSubmission() {
    let exactly = decide(basePacket().with { $0.applicant.passportExpires = day("2018-01-03") })
    #expect(exactly.outcome == .accept)
    let short = decide(basePacket().with { $0.applicant.passportExpires = day("2018-01-02") })
    #expect(codes(short) == ["expired:passport"])
    #expect(short.findings.first?.rule == .passportValidity)
    // The passport handed in may show an earlier expiry than the applicant record.
    let onDocument = decide(basePacket().with { $0.edit(.passport) { $0.expires = day("2017-12-31") } })
    #expect(codes(onDocument) == ["expired:passport"])
    // Only where a passport is required: a change does not check it.
    let change = decide(Base.change().with { $0.applicant.passportExpires = day("2017-08-01") })
    #expect(change.outcome == .accept)
  }

  @Test func documentsWithExpiryMustBeValidOnSubmission() {
    let expired = decide(Base.extensionFiling().with { $0.edit(.residencePermit) { $0.expires = day("2017-07-02") } })
    #expect(codes(expired) == ["expired:residence-permit"])
    let lastDay = decide(Base.extensionFiling().with { $0.edit(.residencePermit) { $0.expires = day("2017-07-03") } })
    #expect(lastDay.outcome == .accept)
  }
}

@Suite("Examiner: issuer, authentication, translation, language")
struct AuthenticityTests {
  @Test func criminalRecordFromNationalityOrResidence() {
    let wrong = decide(basePacket().with { $0.edit(.criminalRecord) { $0.country = "FR" } })
    #expect(codes(wrong) == ["wrong-issuer:criminal-record"])
    #expect(wrong.findings.first?.rule == .criminalRecordIssuer)
    let residence = decide(
      basePacket().with {
        $0.applicant.residenceCountry = "FR"
        $0.edit(.criminalRecord) { $0.country = "FR" }
      })
    #expect(residence.outcome == .accept)
    let nationalityWithResidence = decide(basePacket().with { $0.applicant.residenceCountry = "FR" })
    #expect(nationalityWithResidence.outcome == .accept)
    // Without a country, the record's `issued-in` is its origin.
    let issuedIn = decide(
      basePacket().with {
        $0.edit(.criminalRecord) {
          $0.country = nil
          $0.issuedIn = "DE"
        }
      })
    #expect(codes(issuedIn) == ["wrong-issuer:criminal-record"])
  }

  @Test("degree routes", arguments: [
    (Authentication.embassy, true), (.foreignMissionInChina, true), (.cscse, true), (.none, false), (.notarized, false),
    (.apostille, false),
  ])
  func degreeRoutes(_ route: Authentication, _ ok: Bool) {
    let d = decide(basePacket().with { $0.edit(.degree) { $0.authentication = route } })
    #expect(codes(d) == (ok ? [] : ["unauthenticated:degree"]))
  }

  @Test("criminal-record routes: no CSCSE", arguments: [
    (Authentication.embassy, true), (.foreignMissionInChina, true), (.cscse, false), (.none, false), (.notarized, false),
  ])
  func criminalRecordRoutes(_ route: Authentication, _ ok: Bool) {
    let d = decide(basePacket().with { $0.edit(.criminalRecord) { $0.authentication = route } })
    #expect(codes(d) == (ok ? [] : ["unauthenticated:criminal-record"]))
  }

  @Test func authenticationNotStatedCountsAsNone() {
    let d = decide(basePacket().with { $0.edit(.degree) { $0.authentication = nil } })
    #expect(codes(d) == ["unauthenticated:degree"])
  }

  @Test func chineseDocumentsNeedNoAuthenticationNorTranslation() {
    let d = decide(
      basePacket().with {
        $0.edit(.degree) {
          $0.issuedIn = "CN"
          $0.authentication = nil
          $0.translation = nil
        }
      })
    #expect(d.outcome == .accept)
  }

  @Test func notarizedIsTheRouteForHongKongMacaoTaiwanOnly() {
    for region in ["HK", "MO", "TW"] {
      let notarized = decide(
        basePacket().with {
          $0.edit(.degree) {
            $0.issuedIn = region
            $0.authentication = .notarized
          }
        })
      #expect(notarized.outcome == .accept, "\(region) notarized degree")
      let embassy = decide(basePacket().with { $0.edit(.degree) { $0.issuedIn = region } })
      #expect(codes(embassy) == ["unauthenticated:degree"], "\(region) degree through an embassy")
    }
    // A Hong Kong resident's criminal record, notarized.
    let hk = decide(
      basePacket().with {
        $0.applicant.residenceCountry = "HK"
        $0.edit(.criminalRecord) {
          $0.country = "HK"
          $0.authentication = .notarized
        }
      })
    #expect(hk.outcome == .accept)
    // Notarized elsewhere is not a route.
    let ca = decide(basePacket().with { $0.edit(.criminalRecord) { $0.authentication = .notarized } })
    #expect(codes(ca) == ["unauthenticated:criminal-record"])
  }

  @Test("apostilles: refused before 2023-11-07, accepted from it, in both packs", arguments: [0, 1])
  func apostilleDate(_ packIndex: Int) {
    let pack = Packs.both[packIndex]
    func on(_ d: String, _ kind: MaterialKind) -> Decision {
      decide(
        basePacket().with {
          $0.resubmitted(on: d)
          $0.edit(kind) { $0.authentication = .apostille }
        }, pack)
    }
    for kind in [MaterialKind.degree, .criminalRecord] {
      let before = on("2023-11-06", kind)
      #expect(codes(before) == ["unauthenticated:" + kind.rawValue], "\(pack.id) \(kind.rawValue) on 2023-11-06")
      #expect(before.findings.first?.rule == .apostille)
      #expect(on("2023-11-07", kind).outcome == .accept, "\(pack.id) \(kind.rawValue) on 2023-11-07")
      #expect(on("2024-03-12", kind).outcome == .accept)
    }
    // A Hong Kong document keeps its own route (notarized) even after the date.
    let hk = decide(
      basePacket().with {
        $0.resubmitted(on: "2024-03-12")
        $0.edit(.degree) {
          $0.issuedIn = "HK"
          $0.authentication = .apostille
        }
      }, pack)
    #expect(codes(hk) == ["unauthenticated:degree"])
  }

  @Test("translation none or unsealed is untranslated", arguments: [
    (MaterialKind.degree, Translation.none), (.degree, .unsealed), (.criminalRecord, .none), (.criminalRecord, .unsealed),
  ])
  func untranslated(_ kind: MaterialKind, _ t: Translation) {
    let d = decide(basePacket().with { $0.edit(kind) { $0.translation = t } })
    #expect(codes(d) == ["untranslated:" + kind.rawValue])
    #expect(d.findings.first?.rule == .translation)
  }

  @Test func translationNotStatedCountsAsNone() {
    let d = decide(basePacket().with { $0.edit(.criminalRecord) { $0.translation = nil } })
    #expect(codes(d) == ["untranslated:criminal-record"])
  }

  @Test func foreignWorkExperienceNeedsTranslationNotAuthentication() {
    let ok = decide(basePacket().with { $0.edit(.workExperience) { $0.issuedIn = "US" } })
    #expect(ok.outcome == .accept)
    for t in [Translation.none, .unsealed] {
      let d = decide(
        basePacket().with {
          $0.edit(.workExperience) {
            $0.issuedIn = "US"
            $0.translation = t
          }
        })
      #expect(codes(d) == ["untranslated:work-experience"])
    }
    let cn = decide(
      basePacket().with {
        $0.edit(.workExperience) {
          $0.issuedIn = "CN"
          $0.translation = Translation.none
        }
      })
    #expect(cn.outcome == .accept)
  }

  @Test func contractMustBeInChinese() {
    let en = decide(basePacket().with { $0.edit(.contract) { $0.language = "en" } })
    #expect(codes(en) == ["untranslated:contract"])
    #expect(en.findings.first?.rule == .contractLanguage)
    let unstated = decide(basePacket().with { $0.edit(.contract) { $0.language = nil } })
    #expect(unstated.outcome == .accept)
  }
}

@Suite("Examiner: signatures, seals and consistency")
struct FormTests {
  @Test("unsigned and unsealed", arguments: [
    (MaterialKind.applicationForm, "signed", "unsigned:application-form"),
    (.applicationForm, "sealed", "unsealed:application-form"),
    (.contract, "signed", "unsigned:contract"),
    (.contract, "sealed", "unsealed:contract"),
    (.workExperience, "sealed", "unsealed:work-experience"),
  ])
  func signatureAndSeal(_ kind: MaterialKind, _ fact: String, _ code: String) {
    let d = decide(
      basePacket().with {
        $0.edit(kind) { if fact == "signed" { $0.signed = false } else { $0.sealed = false } }
      })
    #expect(codes(d) == [code])
    #expect(d.findings.first?.rule == .signatureAndSeal)
  }

  @Test func factNotStatedIsNotHeldAgainst() {
    let d = decide(
      basePacket().with {
        $0.edit(.applicationForm) {
          $0.signed = nil
          $0.sealed = nil
        }
        $0.edit(.workExperience) { $0.sealed = nil }
      })
    #expect(d.outcome == .accept)
  }

  @Test func eachFieldMismatch() {
    let name = decide(basePacket().with { $0.edit(.applicationForm) { $0.name = "Olivia MARTEN" } })
    #expect(codes(name) == ["mismatch:name"])
    let number = decide(basePacket().with { $0.edit(.applicationForm) { $0.passportNumber = "SPEC12346" } })
    #expect(codes(number) == ["mismatch:passport-number"])
    let nationality = decide(basePacket().with { $0.edit(.degree) { $0.nationality = "US" } })
    #expect(codes(nationality) == ["mismatch:nationality"])
    let birth = decide(basePacket().with { $0.edit(.applicationForm) { $0.birthDate = day("1988-04-13") } })
    #expect(codes(birth) == ["mismatch:birth-date"])
    let signature = decide(basePacket().with { $0.edit(.contract) { $0.signatureMatches = false } })
    #expect(codes(signature) == ["mismatch:signature"])
    #expect(signature.findings.first?.rule == .consistency)
  }

  @Test func oneDefectPerFieldEvenIfSeveralDocumentsDisagree() {
    let d = decide(
      basePacket().with {
        $0.edit(.applicationForm) {
          $0.name = "Olivia MARTEN"
          $0.signatureMatches = false
          $0.nationality = "US"
        }
        $0.edit(.degree) {
          $0.name = "Olive MARTIN"
          $0.nationality = "FR"
          $0.birthDate = day("1988-12-04")
        }
        $0.edit(.contract) { $0.signatureMatches = false }
        $0.edit(.criminalRecord) {
          $0.name = "O. MARTIN"
          $0.passportNumber = "X"
          $0.birthDate = day("1988-04-11")
        }
        $0.edit(.healthCertificate) { $0.passportNumber = "Y" }
      })
    #expect(
      codes(d) == ["mismatch:birth-date", "mismatch:name", "mismatch:nationality", "mismatch:passport-number", "mismatch:signature"])
  }

  @Test func namesAndNumbersAreComparedNormalised() {
    let d = decide(
      basePacket().with {
        $0.edit(.applicationForm) {
          $0.name = "olivia  MARTIN"
          $0.passportNumber = "spec 12345"
        }
      })
    #expect(d.outcome == .accept)
  }

  @Test func aChangeLeavesTheOldValueOnTheCard() {
    // The base change packet's card shows the old passport number: not a mismatch.
    #expect(decide(Base.change()).outcome == .accept)
    // A name change: the card and the proof carry the old name.
    let name = decide(
      Base.change().with {
        $0.application.change = .init(kind: .name, date: day("2017-06-28"))
        $0.edit(.workPermitCard) {
          $0.name = "Olivia TREMBLAY"
          $0.passportNumber = Base.passportNumber
        }
      })
    #expect(name.outcome == .accept)
    // But the application form must carry the new facts.
    let form = decide(Base.change().with { $0.edit(.applicationForm) { $0.passportNumber = "SPEC00000" } })
    #expect(codes(form) == ["mismatch:passport-number"])
  }
}

@Suite("Examiner: timing rules")
struct TimingTests {
  @Test func domesticPermitWithin15Days() {
    let day15 = decide(Base.domesticPermit().with { $0.application.entryDate = day("2017-06-18") })
    #expect(day15.outcome == .accept)
    let day16 = decide(Base.domesticPermit().with { $0.application.entryDate = day("2017-06-17") })
    #expect(day16.outcome == .refuse)
    #expect(codes(day16) == ["late-filing:domestic-permit"])
    #expect(day16.findings.first?.rule == .domesticPermitDeadline)
  }

  @Test func extensionBetween30And90Days() {
    func expiring(_ d: String) -> Decision { decide(Base.extensionFiling().with { $0.application.permitExpires = day(d) }) }
    #expect(expiring("2017-08-02").outcome == .accept)  // 30 days
    let late = expiring("2017-08-01")  // 29 days
    #expect(late.outcome == .refuse)
    #expect(codes(late) == ["late-filing:extension"])
    #expect(expiring("2017-10-01").outcome == .accept)  // 90 days
    let early = expiring("2017-10-02")  // 91 days
    #expect(early.outcome == .refuse)
    #expect(codes(early) == ["early-filing:extension"])
    #expect(early.referTo == nil)
  }

  @Test func aRefusalListsOnlyItsGround() {
    let d = decide(
      Base.extensionFiling().with {
        $0.application.permitExpires = day("2017-07-20")
        $0.remove(.contract)
        $0.edit(.applicationForm) { $0.signed = false }
      })
    #expect(d.outcome == .refuse)
    #expect(codes(d) == ["late-filing:extension"])
  }

  @Test func changeWithin10DaysElseComplianceBreach() {
    let onTime = decide(Base.change().with { $0.application.change?.date = day("2017-06-23") })
    #expect(onTime.outcome == .accept)
    #expect(onTime.compliance.isEmpty)
    let late = decide(Base.change().with { $0.application.change?.date = day("2017-06-22") })
    #expect(late.outcome == .accept)
    #expect(late.defects.isEmpty)
    #expect(complianceCodes(late) == ["late-filing:change"])
    #expect(late.rules.contains(.changeDeadline))
  }

  @Test func nationalityChangeIsTheWrongProcedure() {
    let d = decide(Base.change().with { $0.application.change = .init(kind: .nationality, date: day("2017-07-01")) })
    #expect(d.outcome == .refuse)
    #expect(codes(d) == ["wrong-procedure:nationality-change"])
    #expect(d.findings.first?.rule == .nationalityChange)
  }

  @Test func cancellationWithin10WorkingDays() {
    // Contract ended Fri 30 Jun 2017: 10 working days run to Fri 14 Jul.
    func filed(_ d: String) -> Decision { decide(Base.cancellation().with { $0.submitted = beijing(d) }) }
    #expect(filed("2017-07-14").compliance.isEmpty)
    let late = filed("2017-07-17")
    #expect(late.outcome == .accept)
    #expect(late.defects.isEmpty)
    #expect(complianceCodes(late) == ["late-filing:cancellation"])
  }

  @Test func cancellationAcrossNationalDay2017() {
    // Contract ended Fri 29 Sep 2017. Working days: Sat 30 Sep (make-up) 1, 1–8 Oct off,
    // 9 Oct 2, 10 3, 11 4, 12 5, 13 6, 16 7, 17 8, 18 9, 19 10: due Thu 19 Oct.
    // (Counting weekends only would give Fri 13 Oct; ignoring the make-up day, Fri 20 Oct.)
    func filed(_ d: String) -> Decision {
      decide(Base.cancellation().with {
        $0.application.contractEnd = day("2017-09-29")
        $0.submitted = beijing(d)
      })
    }
    #expect(filed("2017-10-19").compliance.isEmpty)
    #expect(complianceCodes(filed("2017-10-20")) == ["late-filing:cancellation"])
  }
}

@Suite("Examiner: outcomes and jurisdiction")
struct OutcomeTests {
  @Test func supplementListsEveryDefectSorted() {
    // Scenarios/packets/overseas-b-defects.yaml plus two more.
    let d = decide(
      basePacket().with {
        $0.edit(.applicationForm) { $0.name = "Olivia MARTEN" }
        $0.edit(.degree) { $0.authentication = Authentication.none }
        $0.edit(.criminalRecord) { $0.issued = day("2017-01-02") }
        $0.edit(.contract) { $0.language = "en" }
        $0.remove(.healthCertificate)
      })
    #expect(d.outcome == .supplement)
    #expect(
      codes(d) == [
        "mismatch:name", "missing:health-certificate", "stale:criminal-record", "unauthenticated:degree",
        "untranslated:contract",
      ])
    #expect(d.pending.isEmpty)
    #expect(d.referTo == nil)
    #expect(d.rules.contains(.oneTimeNotice))
  }

  @Test func otherPilotDistrictIsReferredToItsWindow() {
    let d = decide(
      basePacket().with {
        $0.employer.district = "haidian"
        $0.remove(.degree)
        $0.edit(.contract) { $0.signed = false }
      })
    #expect(d.outcome == .refuse)
    #expect(codes(d) == ["out-of-jurisdiction"])
    #expect(d.referTo == "haidian")
  }

  @Test func nonPilotDistrictIsReferredToTheMunicipalCenter() {
    let d = decide(basePacket().with { $0.employer.district = "dongcheng" })
    #expect(d.outcome == .refuse)
    #expect(codes(d) == ["out-of-jurisdiction"])
    #expect(d.referTo == "municipal-center")
    // The jurisdiction check comes before timing.
    let ext = decide(
      Base.extensionFiling().with {
        $0.employer.district = "shunyi"
        $0.application.permitExpires = day("2017-07-10")
      })
    #expect(codes(ext) == ["out-of-jurisdiction"])
    #expect(ext.referTo == "shunyi")
  }

  @Test func acceptPendingListsNoDefects() {
    let d = decide(Base.overseasA().with { $0.remove(.healthCertificate); $0.remove(.degree) })
    #expect(d.outcome == .acceptPending)
    #expect(d.defects.isEmpty)
    #expect(d.pending == [.degree, .healthCertificate])
    #expect(d.pendingFindings.map(\.defect.code) == ["missing:degree", "missing:health-certificate"])
    #expect(d.rules.contains(.acceptPending))
  }
}

@Suite("Examiner: categories and points")
struct PointsTests {
  /// An application scoring by the factors given, for someone aged 30 (15 age points).
  func score(_ f: (inout Application) -> Void) -> PointsBreakdown {
    var app = Application(type: .overseasNotification)
    f(&app)
    return Packs.pilot.points.score(app, age: 30)
  }

  @Test("thresholds: 85 → A, 84 → B, 60 → B, 59 → C", arguments: [
    // salary, education, experience years, months, hsk → total
    (450_000, Education.doctorate, 12, 12, 0, 85, Category.a),
    (450_000, .doctorate, 11, 12, 0, 84, .b),
    (150_000, .bachelor, 2, 12, 4, 60, .b),
    (150_000, .bachelor, 2, 12, 3, 59, .c),
  ])
  func thresholds(_ salary: Int, _ edu: Education, _ years: Int, _ months: Int, _ hsk: Int, _ total: Int, _ cat: Category) {
    // Born 1987-07-03: 30 on the day of receipt, 15 age points.
    let d = decide(
      basePacket().with {
        $0.applicant.birthDate = day("1987-07-03")
        $0.application.annualSalary = salary
        $0.application.education = edu
        $0.application.relatedExperienceYears = years
        $0.application.monthsInChinaPerYear = months
        $0.application.hskLevel = hsk
        $0.application.category = .c
      })
    #expect(d.points.total == total)
    #expect(d.computedCategory == cat)
  }

  @Test("age bands on the day of receipt", arguments: [
    ("1992-07-04", 24, 10), ("1992-07-03", 25, 10), ("1991-07-04", 25, 10), ("1991-07-03", 26, 15),
    ("1972-07-03", 45, 15), ("1971-07-03", 46, 10), ("1962-07-03", 55, 10), ("1961-07-03", 56, 5),
    ("1957-07-03", 60, 5), ("1956-07-04", 60, 5), ("1956-07-03", 61, 0),
  ])
  func ageBands(_ birth: String, _ age: Int, _ points: Int) {
    let d = decide(basePacket().with { $0.applicant.birthDate = day(birth) })
    #expect(d.age == age)
    #expect(d.points.age == points)
  }

  @Test func overSixtyForBIsFlaggedNotADefect() {
    // 61 years: 55 points → C by points; claimed C, so no age flag (B only).
    let c = decide(basePacket().with { $0.applicant.birthDate = day("1956-07-03"); $0.application.category = .c })
    #expect(c.flags.isEmpty)
    // Raise the points to B (20+15+8+15+4+0 = 62): claimed B, 61 → accepted, flagged for the Center.
    let b = decide(basePacket().with { $0.applicant.birthDate = day("1956-07-03"); $0.application.annualSalary = 500_000; $0.application.hskLevel = 4 })
    #expect(b.computedCategory == .b)
    #expect(b.outcome == .accept)
    #expect(b.flags.map(\.code) == ["age-over-limit:B"])
    let sixty = decide(basePacket().with { $0.applicant.birthDate = day("1957-07-03"); $0.application.annualSalary = 500_000; $0.application.hskLevel = 4 })
    #expect(sixty.flags.isEmpty)
  }

  @Test("salary bands, lower bound inclusive", arguments: [
    (0, 0), (49_999, 0), (50_000, 5), (69_999, 5), (70_000, 8), (149_999, 8), (150_000, 11), (249_999, 11),
    (250_000, 14), (349_999, 14), (350_000, 17), (449_999, 17), (450_000, 20), (5_000_000, 20),
  ])
  func salaryBands(_ salary: Int, _ points: Int) {
    #expect(score { $0.annualSalary = salary }.salary == points)
  }

  @Test("experience: 2 years 5 points, +1 a year, capped at 20", arguments: [
    (0, 0), (1, 0), (2, 5), (3, 6), (10, 13), (16, 19), (17, 20), (18, 20), (40, 20),
  ])
  func experience(_ years: Int, _ points: Int) {
    #expect(score { $0.relatedExperienceYears = years }.experience == points)
  }

  @Test func otherFactors() {
    #expect(score { $0.monthsInChinaPerYear = 2 }.monthsInChina == 0)
    #expect(score { $0.monthsInChinaPerYear = 3 }.monthsInChina == 5)
    #expect(score { $0.monthsInChinaPerYear = 6 }.monthsInChina == 10)
    #expect(score { $0.monthsInChinaPerYear = 9 }.monthsInChina == 15)
    #expect(score { $0.education = .bachelor }.education == 10)
    #expect(score { $0.education = .doctorate }.education == 20)
    #expect(score { $0.hskLevel = 6; $0.formerChineseNational = true }.chinese == 5)
    #expect(score { $0.chineseTaughtDegree = true }.chinese == 5)
    #expect(score { $0.specialArea = true }.location == 10)
    #expect(score { $0.bonuses = ["patent", "fortune-500"] }.bonus == 5)
    #expect(score { $0.localPoints = 25 }.local == 10)
    #expect(score { _ in }.total == 15)  // age alone
  }

  @Test func categoryUnsupportedOnlyWhenClaimedAboveComputed() {
    let above = decide(basePacket().with { $0.application.category = .a })
    #expect(above.outcome == .supplement)
    #expect(codes(above) == ["category-unsupported"])
    #expect(above.findings.first?.rule == .categoryPoints)
    let below = decide(basePacket().with { $0.application.category = .c })
    #expect(below.outcome == .accept)
    // 54 points claimed as B (like domain.md's 52-point example).
    let b52 = decide(basePacket().with { $0.application.annualSalary = 0; $0.application.relatedExperienceYears = 6 })
    #expect(b52.points.total < 60)
    #expect(codes(b52) == ["category-unsupported"])
  }

  @Test func directQualificationIsA() {
    let d = decide(
      Base.overseasA().with {
        $0.application.annualSalary = 0
        $0.application.education = .bachelor
        $0.application.monthsInChinaPerYear = 3
      })
    #expect(d.points.total < 60)
    #expect(d.computedCategory == .a)
    #expect(d.outcome == .accept)
  }
}

@Suite("Examiner: Category A facilitation")
struct CategoryATests {
  @Test("accept-pending for each pending-allowed material", arguments: [
    MaterialKind.degree, .criminalRecord, .healthCertificate, .workExperience,
  ])
  func eachPendingMaterial(_ kind: MaterialKind) {
    // Claimed B, computed A by points: work experience is required (claimed B) and may be pending.
    for pack in Packs.both {
      let d = decide(Base.overseasComputedA().with { $0.remove(kind) }, pack)
      #expect(d.computedCategory == .a)
      #expect(d.outcome == .acceptPending, "\(pack.id) without \(kind.rawValue)")
      #expect(d.pending == [kind])
      #expect(d.defects.isEmpty)
    }
  }

  @Test func onlyForComputedA() {
    let b = decide(basePacket().with { $0.remove(.degree) })
    #expect(b.outcome == .supplement)
    #expect(codes(b) == ["missing:degree"])
    // Claimed A but computed B: unsupported, and the missing item is a defect.
    let claimed = decide(basePacket().with { $0.application.category = .a; $0.remove(.degree) })
    #expect(claimed.outcome == .supplement)
    #expect(codes(claimed) == ["category-unsupported", "missing:degree"])
  }

  @Test func anyOtherDefectMeansSupplement() {
    let stale = decide(
      Base.overseasA().with {
        $0.remove(.degree)
        $0.edit(.healthCertificate) { $0.issued = day("2016-12-01") }
      })
    #expect(stale.outcome == .supplement)
    #expect(codes(stale) == ["missing:degree", "stale:health-certificate"])
    let staleOnly = decide(Base.overseasA().with { $0.edit(.criminalRecord) { $0.issued = day("2016-12-01") } })
    #expect(staleOnly.outcome == .supplement)
    #expect(codes(staleOnly) == ["stale:criminal-record"])
    let contract = decide(Base.overseasA().with { $0.remove(.contract) })
    #expect(codes(contract) == ["missing:contract"])
    let unsigned = decide(Base.overseasA().with { $0.remove(.degree); $0.edit(.applicationForm) { $0.signed = false } })
    #expect(unsigned.outcome == .supplement)
    #expect(codes(unsigned) == ["missing:degree", "unsigned:application-form"])
  }

  @Test("commitments stand in for the criminal record and health certificate of computed A",
    arguments: [MaterialKind.criminalRecord, .healthCertificate])
  func commitments(_ kind: MaterialKind) {
    for pack in Packs.both {
      let a = decide(
        Base.overseasA().with {
          $0.remove(kind)
          $0.materials.append(Material(kind: .commitment, replaces: kind))
        }, pack)
      #expect(a.outcome == .accept, "\(pack.id): commitment for \(kind.rawValue)")
      #expect(a.rules.contains(.commitment))
      // Computed B: the commitment is not valid; the certificate is missing.
      let b = decide(
        basePacket().with {
          $0.remove(kind)
          $0.materials.append(Material(kind: .commitment, replaces: kind))
        }, pack)
      #expect(b.outcome == .supplement)
      #expect(codes(b) == ["missing:" + kind.rawValue])
    }
  }

  @Test func commitmentsStandInForNothingElse() {
    let degree = decide(
      Base.overseasA().with {
        $0.remove(.degree)
        $0.materials.append(Material(kind: .commitment, replaces: .degree))
      })
    #expect(degree.outcome == .acceptPending)
    #expect(degree.pending == [.degree])
    let contract = decide(
      Base.overseasA().with {
        $0.remove(.contract)
        $0.materials.append(Material(kind: .commitment, replaces: .contract))
      })
    #expect(codes(contract) == ["missing:contract"])
  }

  @Test func theShippedCategoryAExample() {
    // Scenarios/packets/category-a-pending.yaml in Swift.
    let p = Base.overseasA().with {
      $0.resubmitted(on: "2024-03-12")
      $0.remove(.degree)
      $0.remove(.healthCertificate)
      $0.remove(.criminalRecord)
      $0.materials.append(Material(kind: .commitment, replaces: .criminalRecord))
    }
    let d = decide(p, Packs.y2024)
    #expect(d.outcome == .acceptPending)
    #expect(d.pending == [.degree, .healthCertificate])
  }
}

/// District names are compared without regard to case.
@Suite struct DistrictCaseTests {
  @Test func capitalisedDistrictsAreTheSameDistrict() {
    #expect(decide(basePacket().with { $0.employer.district = "Chaoyang" }).outcome == .accept)
    let other = decide(basePacket().with { $0.employer.district = "Haidian" })
    #expect(other.outcome == .refuse)
    #expect(other.referTo == "haidian")
  }
}
