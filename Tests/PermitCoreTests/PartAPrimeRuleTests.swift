@testable import PermitDeskCLI
import PermitCore
import PermitContent
import PermitTraining
import Testing

/// domain.md Part A′ 1–7, one test per row, with the boundary cases named there. They hold under every
/// shipped pack (Part A′ overrides Part A everywhere).
@Suite struct PartAPrimeRuleTests {
  static let packs = [Packs.pilot, Packs.y2024, Packs.y2025]

  /// A′ 1: a certificate issued on D is valid through D + 6 months, counted forward (Civil Code
  /// art. 201–202; a month without that day ends on its last day).
  @Test(arguments: [0, 1, 2]) func monthsCountForwardFromTheIssueDate(_ i: Int) {
    let pack = Self.packs[i]
    func at(_ submitted: String, issued: String) -> [String] {
      codes(
        decide(
          basePacket().with {
            $0.submitted = beijing(submitted)
            $0.applicant.passportExpires = day("2030-01-01")
            $0.edit(.criminalRecord) { $0.issued = day(submitted).adding(days: -10) }
            $0.edit(.healthCertificate) { $0.issued = day(issued) }
            if pack.uses(.photo) { $0.materials.append(Material(kind: .photo, issued: day(submitted), icaoCompliant: true)) }
            $0.application.salaryCommitment = false
            if pack.id == "beijing-2025" { $0.materials.append(Material(kind: .salaryCommitment, sealed: true)) }
          }, pack))
    }
    // The three cases of Part A′ 1 (Aug 2024 and 2023 are working days at 10:00).
    #expect(at("2024-08-29", issued: "2024-02-29") == [])
    #expect(at("2024-08-30", issued: "2024-02-29") == ["stale:health-certificate"])
    #expect(at("2023-08-28", issued: "2023-02-28") == [])
    #expect(at("2023-08-29", issued: "2023-02-28") == ["stale:health-certificate"])
    #expect(at("2023-08-31", issued: "2023-02-28") == ["stale:health-certificate"])
    #expect(at("2018-02-28", issued: "2017-08-31") == [])
    #expect(at("2018-03-01", issued: "2017-08-31") == ["stale:health-certificate"])
  }

  /// A′ 1: the passport must be valid on submission + 6 months (same counting).
  @Test func passportValidOnSubmissionPlusSixMonths() {
    func at(_ submitted: String, expires: String) -> [String] {
      codes(decide(basePacket().with {
        $0.resubmitted(on: submitted)
        $0.applicant.passportExpires = day(expires)
      }))
    }
    #expect(at("2017-08-31", expires: "2018-02-28") == [])
    #expect(at("2017-08-31", expires: "2018-02-27") == ["expired:passport"])
    #expect(at("2017-07-03", expires: "2018-01-03") == [])
    #expect(at("2017-07-03", expires: "2018-01-02") == ["expired:passport"])
  }

  /// A′ 2: case and surrounding spaces are ignored, so " chaoyang " at the Chaoyang window is in
  /// jurisdiction; the vocabulary is Beijing's 16 districts (plus e-town where a pack names it).
  @Test func districtsIgnoreCaseAndSpaces() {
    let d = decide(basePacket().with { $0.employer.district = " Chaoyang " })
    #expect(d.outcome == .accept)
    #expect(District.beijing.count == 16)
    #expect(District.canonical(" chaoyang ") == "chaoyang")
    #expect(District.canonical("shunyi district") == nil)
    #expect(District.suggestion(for: "shunyi district") == "shunyi")
    #expect(District.suggestion(for: "Haidain") == "haidian")
    #expect(District.suggestion(for: "Tongzhou District") == "tongzhou")
    #expect(District.canonical("e-town") == "e-town")
    #expect(District.canonical("e-town", in: Packs.pilot.districts) == nil)
    #expect(Packs.y2025.districts.contains("e-town"))
  }

  /// A′ 3: BCP 47 tags; primary subtag zh is Chinese; an invalid tag is not a tag.
  @Test func languagesAreBCP47Tags() {
    for tag in ["zh", "zh-CN", "zh-Hans", "ZH", "zh-Hant-TW", "zh-yue"] {
      #expect(LanguageTag.isWellFormed(tag), "\(tag)")
      #expect(LanguageTag.isChinese(tag), "\(tag)")
      let d = decide(basePacket().with { $0.edit(.contract) { $0.language = tag } })
      #expect(d.outcome == .accept, "contract in \(tag)")
    }
    for tag in ["en", "es-MX", "fr-CA", "en-GB", "x-klingon", "sr-Latn-RS", "de-CH-1996"] {
      #expect(LanguageTag.isWellFormed(tag), "\(tag)")
      #expect(!LanguageTag.isChinese(tag), "\(tag)")
    }
    for tag in ["", "zh_CN", "chinese!", "e", "zh--CN", "toolongtag1", "en-US-", "-en", "a-b"] {
      #expect(!LanguageTag.isWellFormed(tag), "\(tag) is invalid")
    }
    #expect(codes(decide(basePacket().with { $0.edit(.contract) { $0.language = "en-US" } })) == ["untranslated:contract"])
  }

  /// A′ 4: every document not in Chinese needs a sealed translation, except the passport; a
  /// document issued in mainland China is Chinese unless its language says otherwise.
  @Test func translationForEveryNonChineseDocumentButThePassport() {
    // A Spanish health certificate from Mexico.
    let mx = decide(basePacket().with { $0.edit(.healthCertificate) { $0.issuedIn = "MX"; $0.language = "es-MX" } })
    #expect(codes(mx) == ["untranslated:health-certificate"])
    let mxTranslated = decide(basePacket().with {
      $0.edit(.healthCertificate) { $0.issuedIn = "MX"; $0.language = "es-MX"; $0.translation = .sealed }
    })
    #expect(mxTranslated.outcome == .accept)
    // Issued abroad with no language stated: not Chinese.
    #expect(codes(decide(basePacket().with { $0.edit(.healthCertificate) { $0.issuedIn = "FR" } })) == ["untranslated:health-certificate"])
    // Unsealed translation.
    #expect(codes(decide(basePacket().with { $0.edit(.workExperience) { $0.issuedIn = "CA"; $0.translation = .unsealed } })) == ["untranslated:work-experience"])
    // Issued in China: Chinese, unless its language says otherwise.
    #expect(decide(basePacket().with { $0.edit(.healthCertificate) { $0.issuedIn = "CN" } }).outcome == .accept)
    #expect(codes(decide(basePacket().with { $0.edit(.healthCertificate) { $0.issuedIn = "CN"; $0.language = "en" } })) == ["untranslated:health-certificate"])
    // Talent proof, change proof and termination proof, whatever their kind.
    #expect(codes(decide(Base.overseasA().with { $0.edit(.talentProof) { $0.language = "en" } })) == ["untranslated:talent-proof"])
    #expect(codes(decide(Base.change().with { $0.edit(.changeProof) { $0.issuedIn = "DE"; $0.language = "de" } })) == ["untranslated:change-proof"])
    #expect(codes(decide(Base.cancellation().with { $0.edit(.terminationProof) { $0.language = "fr" } })) == ["untranslated:termination-proof"])
    // The passport never needs one.
    #expect(decide(basePacket().with { $0.edit(.passport) { $0.issuedIn = "CA"; $0.language = "en" } }).outcome == .accept)
    // A Chinese-language document from Hong Kong needs none.
    #expect(decide(basePacket().with { $0.edit(.degree) { $0.issuedIn = "HK"; $0.authentication = .notarized; $0.translation = nil; $0.language = "zh-HK" } }).outcome == .accept)
  }

  /// A′ 5: Category A claimed at 59 points without a work-experience letter: the one notice lists
  /// the letter too, so claiming C as told leads to acceptance, not a second notice.
  @Test func unsupportedClaimListsBothCategoriesMaterials() {
    // 11 salary + 10 bachelor + 8 experience + 15 months + 15 age = 59: C.
    let a59 = basePacket().with {
      $0.application.category = .a
      $0.application.annualSalary = 150_000
      $0.application.education = .bachelor
      $0.edit(.degree) { $0.level = .bachelor }
      $0.remove(.workExperience)
    }
    let first = decide(a59)
    #expect(first.points.total == 59)
    #expect(first.computedCategory == .c)
    #expect(codes(first) == ["category-unsupported", "missing:work-experience"])
    let fix = first.findings.first { $0.defect.code == "category-unsupported" }?.fix ?? ""
    #expect(fix.contains("claim Category C"))
    // Following the notice: claim C and hand in the letter.
    let second = decide(a59.with {
      $0.application.category = .c
      $0.materials.append(Material(kind: .workExperience, sealed: true, years: 5, related: true))
    })
    #expect(second.outcome == .accept, "\(codes(second))")
    // Following the other branch of the notice (proof for A) is also complete: nothing more appears.
    #expect(Set(codes(decide(a59.with { $0.application.directQualification = "talent-programme"; $0.materials.append(Material(kind: .talentProof)) }))) == [])
  }

  /// A′ 6: renewal files carry the permit's category, no points; the Center has 5 working days
  /// for a Category A holder, 10 otherwise (2017 packs).
  @Test func renewalFilesCarryThePermitsCategory() throws {
    for (base, type) in [
      (Base.extensionFiling(), ApplicationType.extension), (Base.change(), .change), (Base.cancellation(), .cancellation),
      (Base.replacementLost(), .replacement),
    ] {
      let a = decide(base.with { $0.application.category = .a; $0.application.annualSalary = 900_000 })
      #expect(a.outcome == .accept, "\(type)")
      #expect(a.computedCategory == .a)
      #expect(!a.pointsComputed && a.points.total == 0, "no points for \(type)")
      #expect(Packs.pilot.centerDecisionWorkingDays(for: type, category: a.computedCategory) == 5)
      let text = NoticeText.lines(packet: base, decision: a, policy: Packs.pilot).joined(separator: "\n")
      #expect(text.contains("within 5 working days of acceptance (the permit's Category A)"), "\(text)")
      let c = decide(base.with { $0.application.category = .c })
      #expect(Packs.pilot.centerDecisionWorkingDays(for: type, category: c.computedCategory) == 10)
    }
    // The case file uses the same limit: A accepted Mon 2017-07-03 → Center due Mon 2017-07-10.
    var file = CaseFile(
      ticket: "T1", packet: Base.extensionFiling().with { $0.application.category = .a }, policy: Packs.pilot, receivedBy: "clerk")
    try file.propose(Proposal(outcome: .accept, defects: [], maker: "ann", at: beijing("2017-07-03", 10, 20)))
    try file.review(.agree, by: "bob", at: beijing("2017-07-03", 10, 30))
    try file.issueNotice(by: "ann", at: beijing("2017-07-03", 10, 40))
    #expect(file.centerDeadline == day("2017-07-10"))
  }

  /// A′ 7: residents of Hong Kong, Macao and Taiwan are not foreigners: refuse, no referral; a
  /// foreign national's documents issued there keep the notarized route.
  @Test(arguments: [0, 1, 2]) func hongKongMacaoTaiwanAreNotForeigners(_ i: Int) {
    let pack = Self.packs[i]
    for region in ["HK", "MO", "TW"] {
      let d = decide(basePacket().with { $0.applicant.nationality = region }, pack)
      #expect(d.outcome == .refuse, "\(region)")
      #expect(codes(d) == ["wrong-procedure:not-a-foreigner"])
      #expect(d.referTo == nil)
      #expect(d.rules.contains(.notAForeigner))
    }
    // A British national living in Hong Kong: documents issued there, notarized.
    let gb = decide(
      basePacket().with {
        $0.applicant.nationality = "GB"
        $0.applicant.residenceCountry = "HK"
        $0.edit(.degree) { $0.issuedIn = "HK"; $0.authentication = .notarized }
        $0.edit(.criminalRecord) { $0.country = "HK"; $0.authentication = .notarized }
      })
    #expect(gb.outcome == .accept, "\(codes(gb))")
  }
}
