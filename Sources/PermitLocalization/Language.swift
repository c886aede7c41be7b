/// An interface language of PermitDesk (issue 15): English, or Simplified Chinese for the people
/// who staff the windows. Codes (defect codes, materials, outcomes, verbs) are language-neutral and
/// accepted in either.
public enum Language: String, CaseIterable, Sendable, Hashable {
  case en
  case zhHans = "zh-Hans"

  /// The language every message of this process is written in. Set once at start-up by the
  /// executable (before any command is parsed); English until then.
  nonisolated(unsafe) public static var current: Language = .en

  /// Reads a language tag or a POSIX locale name: `en`, `zh-Hans`, `zh`, `zh_CN.UTF-8`,
  /// `zh_CN.GB18030`, `zh_SG`, `en_US.UTF-8`, `C`, `POSIX`. Every Chinese locale reads as
  /// Simplified Chinese (the only Chinese catalog); nil for an empty or unknown value.
  public init?(tag: String) {
    // Strip the codeset (`.UTF-8`) and modifier (`@euro`), compare case-insensitively with `-` as `_`.
    var t = Substring(tag)
    if let i = t.firstIndex(where: { $0 == "." || $0 == "@" }) { t = t[..<i] }
    let norm = String(t.lowercased().map { $0 == "-" ? "_" : $0 })
    if norm.isEmpty { return nil }
    let primary = norm.split(separator: "_").first.map(String.init) ?? norm
    switch primary {
    case "zh", "cmn", "chinese", "中文": self = .zhHans
    case "en", "c", "posix", "english": self = .en
    default: return nil
    }
  }

  /// Where the language came from (for `--lang` errors and tests).
  public enum Source: Equatable, Sendable {
    case option, permitdeskLang, locale(String), fallback
  }

  /// Chooses the language: `--lang`, then `PERMITDESK_LANG`, then the first set one of `LC_ALL`,
  /// `LC_MESSAGES`, `LANG` (POSIX precedence), else English. An unknown `PERMITDESK_LANG` or locale
  /// falls through to the next source; an unknown `--lang` is the caller's usage error (see
  /// ``select(option:environment:)`` returning nil).
  public static func select(option: String?, environment env: [String: String]) -> (Language, Source)? {
    if let o = option {
      guard let l = Language(tag: o) else { return nil }
      return (l, .option)
    }
    if let v = env["PERMITDESK_LANG"], !v.isEmpty, let l = Language(tag: v) { return (l, .permitdeskLang) }
    // POSIX: LC_ALL overrides LC_MESSAGES, which overrides LANG; the first non-empty one decides.
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let v = env[name], !v.isEmpty {
        if let l = Language(tag: v) { return (l, .locale(name)) }
        return (.en, .locale(name))
      }
    }
    return (.en, .fallback)
  }

  /// The accepted spellings of `--lang`, for messages.
  public static let spellings = "en, zh-Hans (also zh, zh_CN.UTF-8)"
}
