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
