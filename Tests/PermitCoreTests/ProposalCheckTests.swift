import PermitCore
import Testing

/// domain.md Part A′ 8 and 9: referrals name a body of the pack, defect codes are valid pairs only,
/// and a proposal that cannot be right is malformed, not scored.
@Suite("malformed proposals")
struct ProposalCheckTests {
  func check(_ o: Outcome, _ d: [String], _ r: String? = nil, _ p: PolicyPack = Packs.pilot) -> ProposalCheck.Malformation? {
    ProposalCheck.malformation(outcome: o, defects: d, referTo: r, policy: p)
  }

  @Test func impossiblePairsAreRefusedWithAHint() {
    #expect(!DefectCatalog.isKnown("stale:passport"))
    let m = check(.supplement, ["stale:passport"])
    guard case .invalidPair(let code, let hint) = m else {
      Issue.record("expected an invalid pair, got \(String(describing: m))")
      return
    }
    #expect(code == "stale:passport")
    guard case .wrongSubject(let written, let kind, let subjects, let suggestion) = hint else {
      Issue.record("expected a wrong subject, got \(hint)")
      return
    }
    #expect(written == "stale:passport" && kind == .stale && subjects.contains("criminal-record") && suggestion == "expired:passport")
    #expect(hint.description.contains("criminal-record") && hint.description.contains("did you mean expired:passport?"), "\(hint)")
    #expect(DefectCatalog.pairProblem("out-of-jurisdiction:haidian") == .takesNoSubject(.outOfJurisdiction))
    #expect(DefectCatalog.pairProblem("stale") == .needsSubject(.stale, subjects: DefectCatalog.validSubjects[.stale] ?? []))
    for bad in ["expired:degree", "wrong-issuer:passport", "unsigned:passport", "stale:contract", "untranslated:passport"] {
      #expect(!DefectCatalog.isKnown(bad), "\(bad)")
      #expect(DefectCatalog.pairProblem(bad) != nil, "\(bad)")
    }
    // A typo is no pair problem: callers suggest the nearest code.
    #expect(DefectCatalog.pairProblem("stale:criminal-recrd") == nil)
    #expect(check(.supplement, ["stale:criminal-recrd"]) == .unknownDefect("stale:criminal-recrd"))
    #expect(DefectCatalog.pairProblem("out-of-jurisdiction:haidian") != nil)
  }

  @Test func everyCodeIsAFamilyWithAValidSubject() {
    for code in DefectCatalog.allCodes {
      let d = Defect(code: code)
      #expect(d != nil, "\(code)")
      if let d, let s = d.subject { #expect(DefectCatalog.validSubjects[d.kind]?.contains(s) == true, "\(code)") }
    }
    for kind in Defect.Kind.allCases where kind.takesSubject { #expect(!(DefectCatalog.validSubjects[kind] ?? []).isEmpty, "\(kind)") }
  }

  /// What the policy packs can make the examiner produce must be in the table.
  @Test func policyRulesOnlyProduceValidPairs() {
    for p in [Packs.pilot, Packs.y2024, Packs.y2025] {
      for k in p.validity.maxAgeMonths.keys { #expect(DefectCatalog.isKnown("stale:" + k.rawValue), "\(p.id) stale:\(k.rawValue)") }
      for k in p.documents.authenticationRoutes.keys { #expect(DefectCatalog.isKnown("unauthenticated:" + k.rawValue), "\(p.id) \(k)") }
      // Part A′ 4: every document not exempt can be untranslated.
      for k in MaterialKind.allCases where k != .commitment && !p.documents.translationExempt.contains(k) {
        #expect(DefectCatalog.isKnown("untranslated:" + k.rawValue), "\(p.id) \(k)")
      }
      for k in p.documents.mustBeSigned { #expect(DefectCatalog.isKnown("unsigned:" + k.rawValue), "\(p.id) \(k)") }
      for k in p.documents.mustBeSealed { #expect(DefectCatalog.isKnown("unsealed:" + k.rawValue), "\(p.id) \(k)") }
      for k in p.categoryA.pendingAllowed { #expect(DefectCatalog.isKnown("missing:" + k.rawValue), "\(p.id) \(k)") }
    }
  }

  @Test func referralsNameAPilotWindowOrTheCenter() {
    #expect(check(.refuse, ["out-of-jurisdiction"], "haidian") == nil)
    #expect(check(.refuse, ["out-of-jurisdiction"], "municipal-center") == nil)
    #expect(check(.refuse, ["out-of-jurisdiction"]) == .missingReferral)
    #expect(check(.refuse, ["out-of-jurisdiction"], "fengtai") == .unknownBody("fengtai", valid: ["chaoyang", "haidian", "shunyi", "municipal-center"]))
    #expect(check(.refuse, ["out-of-jurisdiction"], "the-moon") != nil)
    #expect(check(.supplement, ["missing:degree"], "haidian") == .referralWithoutRefusal)
    #expect("\(check(.refuse, ["out-of-jurisdiction"], "fengtai")!)".contains("pilot window or the municipal Center"))
  }

  @Test func outcomesNeedTheirDefects() {
    #expect(check(.acceptPending, []) == .pendingWithoutItems)
    #expect(check(.acceptPending, ["missing:degree"]) == nil)
    #expect(check(.acceptPending, ["missing:contract"]) == .notPendable("missing:contract", allowed: ["criminal-record", "degree", "health-certificate", "work-experience"]))
    #expect(check(.acceptPending, ["stale:criminal-record"]) != nil)
    #expect(check(.supplement, []) == .supplementWithoutDefects)
    #expect(check(.accept, ["missing:degree"]) == .acceptWithDefects)
    #expect(check(.refuse, []) == .refusalWithoutGround)
    #expect(check(.supplement, ["missing:degree", "missing:degree"]) == .duplicateDefect("missing:degree"))
    #expect(check(.accept, []) == nil)
  }

  @Test func theCoreRefusesAMalformedProposal() throws {
    var c = openCase(basePacket())
    expectError(.malformedProposal(.invalidPair("stale:passport", hint: DefectCatalog.pairProblem("stale:passport")!))) {
      try c.propose(Proposal(outcome: .supplement, defects: ["stale:passport"], maker: "ann", at: after(c)))
    }
    expectError(.malformedProposal(.pendingWithoutItems)) {
      try c.propose(Proposal(outcome: .acceptPending, defects: [], maker: "ann", at: after(c)))
    }
    #expect(c.state == .received)
  }
}
