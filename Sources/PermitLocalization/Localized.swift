import PermitCore

/// Small localized pieces used by several screens: district names, weekdays, and the Chinese
/// standard remedy of a finding.
public enum Localized {
  /// A district as named in the language (`chaoyang` → 朝阳区); other districts and English: as given.
  public static func district(_ raw: String, in language: Language = Language.current) -> String {
    CodeNames.value("district", raw.lowercased(), in: language) ?? raw
  }

  /// The short weekday of a date (`Mon`, `周一`).
  public static func weekday(_ d: CivilDate, in language: Language = Language.current) -> String {
    L10n.t("weekday.\(d.isoWeekday)", in: language)
  }

  /// A policy rule's text in the language (the pack's English when it gives no Chinese).
  public static func ruleText(_ policy: PolicyPack, _ rule: RuleID, in language: Language = Language.current) -> String {
    if language == .zhHans, let zh = policy.rules[rule]?.textZh { return zh }
    return policy.text(of: rule)
  }

  /// A points factor's name (`salary` → 工资收入).
  public static func factor(_ raw: String, in language: Language = Language.current) -> String {
    CodeNames.value("factor", raw, in: language) ?? raw
  }
}

/// What the employer must do about a finding, in the language: the examiner's own sentence in
/// English, its rendering from the finding's typed reason in Chinese (``FindingText``).
public enum Remedy {
  /// The remedy.
  public static func text(_ f: Finding, in language: Language = Language.current) -> String {
    guard language == .zhHans else { return f.fix }
    return FindingText.fix(f, in: language)
  }
}

extension Localized {
  /// A value of a namespace of ``Catalog/zhScreenNames`` in the language: the value itself in
  /// English (or when it has no name).
  public static func name(_ namespace: String, _ raw: String, in language: Language = Language.current) -> String {
    CodeNames.value(namespace, raw, in: language) ?? raw
  }

  /// A case state (`filed`, 已归档).
  public static func state(_ s: CaseState, in language: Language = Language.current) -> String { name("state", s.rawValue, in: language) }

  /// An application type in a table column: the code in English, a short name in Chinese.
  public static func typeShort(_ t: ApplicationType, in language: Language = Language.current) -> String {
    name("type-short", t.rawValue, in: language)
  }

  /// An application type in a sentence: the code in English, the full name in Chinese.
  public static func type(_ t: ApplicationType, in language: Language = Language.current) -> String {
    CodeNames.applicationType(t.rawValue, in: language) ?? t.rawValue
  }

  /// A member of staff: the simulated colleagues, the Center and the window's desks by their
  /// Chinese names; a trainee (`trainee:NAME`) as 学员 NAME.
  public static func staff(_ s: StaffID, in language: Language = Language.current) -> String {
    guard language == .zhHans else { return s.value }
    if s.value.hasPrefix("trainee:") { return "学员 " + s.value.dropFirst(8) }
    if s.value.hasPrefix("trainer:") { return "培训师 " + s.value.dropFirst(8) }
    return name("staff", s.value, in: language)
  }

  /// A referral body as displayed: `haidian 海淀区`, `municipal-center 市中心`.
  public static func body(_ raw: String, in language: Language = Language.current) -> String {
    if raw == StaffID.center.value { return CodeNames.label(raw, CodeNames.value("staff", raw, in: language)) }
    return CodeNames.label(raw, CodeNames.value("district", raw.lowercased(), in: language))
  }

  /// The notice an outcome issues (`one-time supplement notice`, 一次性告知补正材料通知书).
  public static func noticeName(_ o: Outcome, in language: Language = Language.current) -> String {
    L10n.t("notice-name." + o.rawValue, in: language)
  }

  /// A proposal as displayed: outcome, defects and referral, codes followed by their names.
  public static func proposal(_ o: Outcome, _ defects: [String], _ referTo: String?, in language: Language = Language.current) -> String {
    CodeNames.outcomeLabel(o.rawValue, in: language)
      + (defects.isEmpty ? "" : L10n.t("session.proposal.defects", list(defects.map { CodeNames.defectLabel($0, in: language) }, in: language), in: language))
      + (referTo.map { L10n.t("session.proposal.refer", body($0, in: language), in: language) } ?? "")
  }

  /// Items joined with the language's list separator (`, ` or `，`).
  public static func list(_ items: [String], in language: Language = Language.current) -> String {
    items.joined(separator: L10n.t("list.sep", in: language))
  }

  /// An evidence item of a review (a material code, `checklist`, `points`) as displayed.
  public static func evidence(_ item: String, in language: Language = Language.current) -> String {
    if let m = CodeNames.material(item, in: language) { return CodeNames.label(item, m) }
    return CodeNames.label(item, CodeNames.value("evidence", item, in: language))
  }
}
