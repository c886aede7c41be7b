import PermitCore
import PermitLocalization

/// A diagnostic's message in language-neutral form (issue 15): a catalog key (`diag.…`), its
/// arguments and a name to suggest. ``Diagnostic/message`` is its English rendering (what JSON
/// output and tests read); ``Diagnostic/description`` renders it in the session's language, at the
/// same `file:line:column`.
public struct LoaderMessage: Hashable, Sendable {
  /// An argument of a message.
  public indirect enum Arg: Hashable, Sendable {
    /// Shown as written: a key, a value found in the file, a number, a list of codes.
    case text(String)
    /// Where in the file, as the reader describes it ("'kind' of a material"): translated phrase
    /// by phrase (``Place``).
    case place(String)
    /// What was found instead of the expected kind of value (``YAMLReader/describe(_:)``).
    case found(String)
    /// Another message, rendered in the same language.
    case message(LoaderMessage)
    /// Messages one after the other (`; ` between them).
    case messages([LoaderMessage])
    /// The detail of an examiner's finding (``FindingText``).
    case findingDetail(FindingReason)
    /// A phrase of libyaml's (a problem, "found undefined tag handle", or a context, "while parsing
    /// a flow mapping"): translated when the catalog knows it (``YAMLPhrase``), otherwise quoted as
    /// libyaml wrote it.
    case yaml(String)
    /// Why a proposal cannot be right (``Localized/malformation(_:in:)``).
    case malformation(ProposalCheck.Malformation)
    /// Why a defect code is not a valid pair (``Localized/pairProblem(_:in:)``).
    case pairProblem(PairProblem)
  }

  /// The catalog key, without the `diag.` prefix.
  public var key: String
  /// The arguments, `{1}`, `{2}`, … of the key's text.
  public var args: [Arg]
  /// A name to suggest ("; did you mean 'x'?"), if one is close.
  public var suggestion: String?

  /// A message of a key.
  public init(_ key: String, _ args: Arg..., suggest suggestion: String? = nil) {
    self.key = key
    self.args = args
    self.suggestion = suggestion
  }

  /// The message in a language.
  public func rendered(in language: Language) -> String {
    let values = args.map { arg -> String in
      switch arg {
      case .text(let s): return s
      case .place(let p): return Place.render(p, in: language)
      case .found(let f): return Place.found(f, in: language)
      case .message(let m): return m.rendered(in: language)
      case .messages(let ms): return ms.map { $0.rendered(in: language) }.joined(separator: L10n.t("diag.separator", in: language))
      case .findingDetail(let r): return FindingText.render(r, language).detail
      case .yaml(let phrase): return YAMLPhrase.render(phrase, in: language)
      case .malformation(let m): return Localized.malformation(m, in: language)
      case .pairProblem(let p): return Localized.pairProblem(p, in: language)
      }
    }
    let template = L10n.catalog(language)["diag." + key] ?? Catalog.en["diag." + key] ?? key
    return L10n.format(template, values) + (suggestion.map { L10n.t("suggest.did-you-mean", $0, in: language) } ?? "")
  }
}

/// The readers' descriptions of a place in a file ("'issued' of the criminal-record", "a material",
/// "employer"), rendered in a language: `'KEY' of REST` recursively, the nouns the readers use, a
/// material kind by its name. A phrase the table does not know stays as written.
public enum Place {
  /// Phrases that begin with a noun and name what follows: `an item of 'always'`, `rule
  /// jurisdiction`; each is rendered with the catalog's `diag.place.<name>` and the rest (itself a
  /// place, or a code kept as written).
  static let prefixes: [(prefix: String, key: String, place: Bool)] = [
    ("an item of ", "item-of", true), ("a band of ", "band-of", true), ("a group of ", "group-of", true),
    ("rule ", "rule", false), ("abolished ", "abolished", false),
  ]

  /// The phrase in the language.
  public static func render(_ phrase: String, in language: Language) -> String {
    guard language != .en else { return phrase }
    if phrase.hasPrefix("'"), let close = phrase.dropFirst().firstIndex(of: "'") {
      let key = phrase[phrase.index(after: phrase.startIndex)..<close]
      let rest = phrase[phrase.index(after: close)...]
      if rest.hasPrefix(" of ") {
        return L10n.t("diag.place.of", render(String(rest.dropFirst(4)), in: language), String(key), in: language)
      }
      if rest.isEmpty { return L10n.t("diag.place.key", String(key), in: language) }
    }
    if let own = L10n.catalog(language)["diag.place." + phrase] { return own }
    for p in prefixes where phrase.hasPrefix(p.prefix) {
      let rest = String(phrase.dropFirst(p.prefix.count))
      return L10n.t("diag.place." + p.key, p.place ? render(rest, in: language) : rest, in: language)
    }
    // `required-materials of extension`: a key and what it is of.
    if let of = phrase.range(of: " of "), !phrase[..<of.lowerBound].contains(" ") {
      return L10n.t(
        "diag.place.of-entry", String(phrase[..<of.lowerBound]), render(String(phrase[of.upperBound...]), in: language), in: language)
    }
    if phrase.hasPrefix("the "), let m = CodeNames.material(String(phrase.dropFirst(4)), in: language) { return m }
    return phrase
  }

  /// What was found instead of the expected kind of value: `a mapping`, `a list`, `nothing`, or a
  /// quoted value (kept as written).
  public static func found(_ description: String, in language: Language) -> String {
    guard language != .en else { return description }
    switch description {
    case "a mapping": return L10n.t("diag.found.mapping", in: language)
    case "a list": return L10n.t("diag.found.list", in: language)
    case "nothing": return L10n.t("diag.found.nothing", in: language)
    default: return description
    }
  }
}

/// libyaml's phrases (its problems and contexts, and the composer's own) in a language: the
/// catalog's `diag.yaml.phrase.<English phrase>`; one the catalog does not know is quoted as
/// written inside the Chinese sentence.
public enum YAMLPhrase {
  /// The phrase in the language.
  public static func render(_ phrase: String, in language: Language) -> String {
    guard language != .en else { return phrase }
    if let own = L10n.catalog(language)["diag.yaml.phrase." + phrase] { return own }
    return L10n.t("diag.yaml.phrase-untranslated", phrase, in: language)
  }
}
