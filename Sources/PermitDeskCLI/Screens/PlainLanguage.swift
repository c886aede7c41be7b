import PermitCore
import PermitLocalization

/// Plain-language explanations for employer personnel: what each material is, what each value of a
/// field means, and what each defect code on a notice says was wrong. The explanations of codes and
/// the materials list are in the session's language (the catalog's `plain.*`); `defect` is the
/// English notice's (a Chinese notice names each code by its Chinese name instead).
public enum PlainLanguage {
  /// What a material is, in one line.
  public static func material(_ k: MaterialKind) -> String {
    L10n.t("plain.material." + k.rawValue)
  }

  /// What an application type is.
  public static func applicationType(_ t: ApplicationType) -> String {
    L10n.t("plain.type." + t.rawValue)
  }

  /// What a category means.
  public static func category(_ c: Category) -> String {
    L10n.t("plain.category." + c.rawValue)
  }

  /// What an authentication value means.
  public static func authentication(_ a: Authentication) -> String {
    L10n.t("plain.authentication." + a.rawValue)
  }

  /// What a translation value means.
  public static func translation(_ t: Translation) -> String {
    L10n.t("plain.translation." + t.rawValue)
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
    guard let list = policy.requiredMaterials[type] else { return [L10n.t("plain.list.none", type.rawValue, policy.id)] }
    let title = category.map { L10n.t("plain.list.title.category", type.rawValue, $0.rawValue, policy.id) }
      ?? L10n.t("plain.list.title", type.rawValue, policy.id)
    var out = [title]
    var kinds = list.always
    if let c = category { kinds += (list.byCategory[c] ?? []).filter { !kinds.contains($0) } }
    for (i, k) in kinds.enumerated() { out.append("  \(i + 1). \(k.rawValue): \(material(k))") }
    if category == nil {
      for c in Category.allCases.sorted(by: >) where !(list.byCategory[c] ?? []).isEmpty {
        out.append("  " + L10n.t("plain.list.category-also", c.rawValue, Localized.list(list.byCategory[c]!.map(\.rawValue))))
      }
    }
    if !list.withDirectQualification.isEmpty {
      out.append("  " + L10n.t("plain.list.direct-also", Localized.list(list.withDirectQualification.map(\.rawValue))))
    }
    for route in TalentRoute.allCases {
      if let extra = list.byTalentRoute[route], !extra.isEmpty {
        out.append(
          "  " + L10n.t(route == .degree ? "plain.list.route-degree-also" : "plain.list.route-experience-also", Localized.list(extra.map(\.rawValue))))
      }
    }
    for r in ReplacementReason.allCases { if let extra = list.byReplacementReason[r], !extra.isEmpty { out.append("  " + L10n.t("plain.list.reason-also", r.rawValue, Localized.list(extra.map(\.rawValue)))) } }
    let listed = Set(list.always + list.byCategory.values.flatMap { $0 })
    let later = policy.categoryA.pendingAllowed.intersection(listed)
    if category == .a || category == nil, !later.isEmpty {
      out.append("  " + L10n.t("plain.list.later", Localized.list(later.map(\.rawValue).sorted())))
    }
    return out
  }
}
