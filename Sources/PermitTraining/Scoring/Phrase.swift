import PermitContent
import PermitCore
import PermitLocalization

/// A sentence of the score card kept as a catalog key with typed arguments (issue 15): the stored
/// card keeps its English text (``PointLost/explanation``, ``PointLost/evidence``: what `report`,
/// `verify --rescore` and the JSON read), and the debrief renders the same sentence in the
/// session's language, codes followed by their names.
public struct Phrase: Sendable, Hashable {
  /// An argument, rendered by kind.
  public indirect enum Arg: Sendable, Hashable {
    /// Shown as given (names, times, numbers, the examiner's own words).
    case text(String)
    /// A defect code (`missing:degree 缺少最高学位（学历）证书`).
    case defect(String)
    /// Defect codes, as a list.
    case defects([String])
    /// An outcome code.
    case outcome(String)
    /// A district (`haidian 海淀区`) or referral body.
    case body(String)
    /// Evidence items (materials, `checklist`, `points`), as a list.
    case evidence([String])
    /// Another phrase, or nothing.
    case phrase(Phrase?)
    /// A value named in a namespace of the code names (`filing`, `change`), shown as is in English.
    case named(String, String)
  }

  public var key: String
  public var args: [Arg]

  public init(_ key: String, _ args: Arg...) {
    self.key = key
    self.args = args
  }

  /// Text that is the same in every language (the examiner's own words, until they are
  /// translated): no key, one argument shown as given.
  public static func plain(_ s: String) -> Phrase { Phrase("", .text(s)) }

  /// The sentence in a language.
  public func text(in language: Language = Language.current) -> String {
    if key.isEmpty { return args.map { render($0, language) }.joined() }
    return L10n.t(key, args.map { render($0, language) }, in: language)
  }

  private func render(_ a: Arg, _ language: Language) -> String {
    switch a {
    case .text(let s): return s
    case .defect(let c): return CodeNames.defectLabel(c, in: language)
    case .defects(let cs): return Localized.list(cs.map { CodeNames.defectLabel($0, in: language) }, in: language)
    case .outcome(let o): return CodeNames.outcomeLabel(o, in: language)
    case .body(let b): return Localized.body(b, in: language)
    case .evidence(let items): return Localized.list(items.map { Localized.evidence($0, in: language) }, in: language)
    case .phrase(let p): return p?.text(in: language) ?? ""
    case .named(let ns, let raw): return Localized.name(ns, raw, in: language)
    }
  }
}

extension L10n {
  /// The message `key` with already rendered arguments.
  static func t(_ key: String, _ args: [String], in language: Language) -> String {
    format(catalog(language)[key] ?? Catalog.en[key] ?? key, args)
  }
}

extension PointLost {
  /// A point lost whose explanation and evidence are phrases: the stored text is their English.
  init(dimension: Dimension, points: Double, ticket: String?, rule: Citation, why: Phrase, shown: Phrase, defect: String? = nil) {
    self.init(
      dimension: dimension, points: points, ticket: ticket, rule: rule, explanation: why.text(in: .en), evidence: shown.text(in: .en), defect: defect)
    self.why = why
    self.shown = shown
  }
}

extension CriticalFinding {
  /// A critical error whose explanation and evidence are phrases: the stored text is their English.
  init(kind: CriticalError, ticket: String, why: Phrase, shown: Phrase) {
    self.init(kind: kind, ticket: ticket, explanation: why.text(in: .en), evidence: shown.text(in: .en))
    self.why = why
    self.shown = shown
  }
}
