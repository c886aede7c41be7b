import PermitCore

/// Plain-language explanations for employer personnel: what each material is, what each value of a
/// field means, and what each defect code on a notice says was wrong.
public enum PlainLanguage {
  /// What a material is, in one line.
  public static func material(_ k: MaterialKind) -> String {
    switch k {
    case .applicationForm: "the work-permit application form, signed by the applicant and sealed by the employer"
    case .passport: "the applicant's passport (valid long enough beyond the day of submission)"
    case .degree: "the highest degree certificate, authenticated and translated if issued abroad"
    case .workExperience: "proof of related work experience from former employers (sealed letters)"
    case .criminalRecord: "a no-criminal-record certificate from the country of residence, recent enough"
    case .healthCertificate: "a health certificate from a recognised hospital, recent enough"
    case .contract: "the employment contract or letter of appointment, signed and sealed"
    case .talentProof: "proof of the qualification behind a Category A claim (award, talent programme)"
    case .notificationLetter: "the Notification Letter of Foreigner's Work Permit, issued after the overseas notification"
    case .visaEntry: "the work (Z) visa and entry stamp in the passport"
    case .residencePermit: "the residence permit for work"
    case .workPermitCard: "the Foreigner's Work Permit card"
    case .changeProof: "proof of the change (new passport, name change document, new position letter)"
    case .terminationProof: "proof that the employment ended (termination agreement or notice)"
    case .lossStatement: "a statement of loss or the damaged card (for a replacement)"
    case .photo: "a recent passport-style photo in the required technical form (ICAO 9303)"
    case .salaryCommitment: "the employer's written commitment on the salary behind the points"
    case .taxRecord: "the individual income tax record proving the committed salary"
    case .cancellationProof: "proof that the previous work permit was cancelled (change of employer)"
    case .commitment: "a written commitment standing in for a document still to come (Category A only)"
    }
  }

  /// What an application type is.
  public static func applicationType(_ t: ApplicationType) -> String {
    switch t {
    case .overseasNotification: "first application for someone still abroad (leads to the Notification Letter and a Z visa)"
    case .domesticPermit: "first work permit for someone already in China on a suitable status"
    case .extension: "extend a current work permit before it expires"
    case .change: "change the passport, name, position, employer name or nationality on a current permit"
    case .cancellation: "cancel the work permit when the employment ends"
    case .replacement: "replace a lost or damaged work-permit card"
    case .changeEmployer: "new application in China after the previous employer's permit was cancelled"
    }
  }

  /// What a category means.
  public static func category(_ c: Category) -> String {
    switch c {
    case .a: "A: high-level talent (a direct qualification, or 85 points or more); some documents may follow later"
    case .b: "B: professional talent (60 points or more, usually a degree and two years' related experience)"
    case .c: "C: other workers within quotas and special programmes (fewer than 60 points)"
    }
  }

  /// What an authentication value means.
  public static func authentication(_ a: Authentication) -> String {
    switch a {
    case .none: "none: the document was not authenticated"
    case .embassy: "embassy: authenticated by a Chinese embassy or consulate in the issuing country"
    case .foreignMissionInChina: "foreign-mission-in-china: authenticated by the issuing country's embassy or consulate in China"
    case .cscse: "cscse: degree verified by the Chinese Service Center for Scholarly Exchange"
    case .apostille: "apostille: a Hague Convention apostille (accepted only from the date the policy says)"
    case .notarized: "notarized: notarized locally (the route for Hong Kong, Macao and Taiwan documents)"
    }
  }

  /// What a translation value means.
  public static func translation(_ t: Translation) -> String {
    switch t {
    case .none: "none: no Chinese translation"
    case .unsealed: "unsealed: translated, but without a translation company's seal"
    case .sealed: "sealed: translated into Chinese and sealed by a translation company"
    }
  }

  /// One line saying what a defect code on a notice means.
  public static func defect(_ code: String) -> String {
    guard let d = Defect(code: code) else { return "\(code): see the notice above" }
    let subject = d.subject ?? ""
    let what = MaterialKind(rawValue: subject).map { "the " + $0.rawValue.replacingOccurrences(of: "-", with: " ") } ?? subject
    let text: String
    switch d.kind {
    case .missing: text = "\(what) was not handed in, and this application needs it"
    case .expired: text = "\(what) had expired, or expires too soon, on the day of submission"
    case .stale: text = "\(what) was issued too long before submission (the policy sets a maximum age)"
    case .unauthenticated: text = "\(what) was issued abroad and lacks the authentication the policy requires"
    case .untranslated: text = "\(what) is not in Chinese and lacks a sealed Chinese translation"
    case .unsigned: text = "\(what) lacks the applicant's signature"
    case .unsealed: text = "\(what) lacks the employer's (or former employer's) seal"
    case .noncompliant:
      text = subject == MaterialKind.contract.rawValue
        ? "the new contract starts before the previous work permit was cancelled (change of employer)"
        : "\(what) is not in the required technical form (for a photo: ICAO 9303)"
    case .wrongIssuer: text = "\(what) comes from, or was authenticated by, a body the policy does not accept"
    case .mismatch: text = "the \(subject.replacingOccurrences(of: "-", with: " ")) differs between the documents"
    case .categoryUnsupported: text = "the points and qualifications do not support the category claimed"
    case .lateFiling: text = "the \(subject) application was filed after its deadline"
    case .earlyFiling: text = "the \(subject) application was filed earlier than the policy allows"
    case .wrongProcedure:
      text = subject == "nationality-change"
        ? "a change of nationality needs a new application, not a change of the permit"
        : "this window does not handle this procedure for this case"
    case .outOfJurisdiction: text = "the employer is registered in another district: apply at that district's window"
    }
    return "\(code): \(text)"
  }

  /// The required-materials list of a type (and category), one line per material, plus what the
  /// policy adds for a direct qualification or a replacement reason.
  public static func materialsList(policy: PolicyPack, type: ApplicationType, category: Category?) -> [String] {
    guard let list = policy.requiredMaterials[type] else { return ["\(type.rawValue): no materials list in policy \(policy.id)"] }
    let title = "Materials for \(type.rawValue)" + (category.map { ", Category \($0.rawValue)" } ?? "") + " (policy \(policy.id)):"
    var out = [title]
    var kinds = list.always
    if let c = category { kinds += (list.byCategory[c] ?? []).filter { !kinds.contains($0) } }
    for (i, k) in kinds.enumerated() { out.append("  \(i + 1). \(k.rawValue): \(material(k))") }
    if category == nil {
      for c in Category.allCases.sorted(by: >) where !(list.byCategory[c] ?? []).isEmpty {
        out.append("  Category \(c.rawValue) also: " + list.byCategory[c]!.map(\.rawValue).joined(separator: ", "))
      }
    }
    if !list.withDirectQualification.isEmpty {
      out.append("  With a direct Category A qualification also: " + list.withDirectQualification.map(\.rawValue).joined(separator: ", "))
    }
    for route in TalentRoute.allCases {
      if let extra = list.byTalentRoute[route], !extra.isEmpty {
        out.append("  When Category A rests on the \(route == .degree ? "degree" : "work experience") also (no commitment stands in): " + extra.map(\.rawValue).joined(separator: ", "))
      }
    }
    for r in ReplacementReason.allCases { if let extra = list.byReplacementReason[r], !extra.isEmpty { out.append("  When the card was \(r.rawValue) also: " + extra.map(\.rawValue).joined(separator: ", ")) } }
    let listed = Set(list.always + list.byCategory.values.flatMap { $0 })
    let later = policy.categoryA.pendingAllowed.intersection(listed)
    if category == .a || category == nil, !later.isEmpty {
      out.append("  Category A may hand in later (accepted with items pending): " + later.map(\.rawValue).sorted().joined(separator: ", "))
    }
    return out
  }
}
