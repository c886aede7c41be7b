import PermitLocalization
/// A text of the content in the two interface languages (issue 15): titles, briefings, module
/// objectives and event messages are written either as a plain string (English) or as
/// `{en: …, zh: …}`. English is required; Chinese falls back to English when absent.
public struct BilingualText: Sendable, Hashable {
  /// The English text.
  public var en: String
  /// The Simplified Chinese text, nil when not translated.
  public var zh: String?

  /// Creates a text.
  public init(en: String, zh: String? = nil) {
    self.en = en
    self.zh = zh
  }

  /// The text in a language (English when there is no translation).
  public func text(_ language: Language = Language.current) -> String {
    language == .zhHans ? (zh ?? en) : en
  }
}

extension YAMLReader {
  /// The language keys of a bilingual text.
  static let languageKeys = ["en", "zh"]

  /// A text that may carry two languages: a scalar (English) or a mapping `{en: …, zh: …}`.
  /// With ``warnMissingTranslations``, a text without `zh` is a warning.
  public func bilingual(_ f: Fields, _ key: String, required: Bool = false, what: String) -> BilingualText? {
    guard let n = f[key], !isNull(n) else { return nil }
    return bilingual(n, "'\(key)' of \(what)", required: required)
  }

  /// A node read as a bilingual text (see ``bilingual(_:_:required:what:)``).
  public func bilingual(_ n: YAMLNode, _ what: String, required: Bool = false) -> BilingualText? {
    if case .mapping = n {
      guard let g = fields(n, what, allowed: Self.languageKeys, required: ["en"]) else { return nil }
      guard let enNode = g["en"], !isNull(enNode), let en = scalar(enNode, "'en' of \(what)") else { return nil }
      if required && en.isBlank { error(enNode, LoaderMessage("empty", .place("'en' of \(what)"))) }
      var zh: String?
      if let zn = g["zh"], !isNull(zn), let z = scalar(zn, "'zh' of \(what)") {
        if z.isBlank { error(zn, LoaderMessage("empty", .place("'zh' of \(what)"))) } else { zh = z }
      }
      if zh == nil && warnMissingTranslations { translationWarning(n, LoaderMessage("bilingual.add-zh", .place(what))) }
      return BilingualText(en: en, zh: zh)
    }
    guard let s = scalar(n, what) else { return nil }
    if required && s.isBlank { error(n, LoaderMessage("empty", .place(what))) }
    if warnMissingTranslations {
      translationWarning(n, LoaderMessage("bilingual.write-both", .place(what)))
    }
    return BilingualText(en: s)
  }

  func translationWarning(_ node: YAMLNode, _ text: LoaderMessage) {
    let m = node.mark
    translationWarnings.append(Diagnostic(file: file, line: m.line, column: m.column, severity: .warning, text))
  }

  /// A list of bilingual texts.
  public func bilingualList(_ f: Fields, _ key: String, what: String) -> [BilingualText]? {
    guard let items = list(f, key, what: what) else { return nil }
    return items.enumerated().compactMap { bilingual($0.element, "item \($0.offset + 1) of '\(key)' of \(what)") }
  }
}
