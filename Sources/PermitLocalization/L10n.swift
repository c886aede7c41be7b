/// Message lookup (issue 15). Every sentence a person reads comes from a catalog: one per language,
/// keyed by stable message keys (`notice.accept.title`), in `Catalog+en.swift` and
/// `Catalog+zhHans.swift`. The catalogs are data compiled into the binary (see `Locales/README.md`
/// for the choice): no file to find at start-up, whatever `--content` says, and no parsing before
/// the prompt. Placeholders are positional, `{1}`, `{2}`, … so a translation may reorder them.
public enum L10n {
  /// The catalog of a language.
  public static func catalog(_ language: Language) -> [String: String] {
    switch language {
    case .en: return Catalog.en
    case .zhHans: return Catalog.zhHans
    }
  }

  /// The message `key` in the current language (``Language/current``), placeholders filled in.
  /// A key missing from the language falls back to English, then to the key itself (the
  /// completeness test keeps both catalogs whole, so this is only a guard against a crash).
  public static func t(_ key: String, _ args: Any..., in language: Language = Language.current) -> String {
    let template = catalog(language)[key] ?? Catalog.en[key] ?? key
    return format(template, args.map { "\($0)" })
  }

  /// Fills `{1}`…`{9}` (and `{10}`…) with the arguments; other braces are kept.
  public static func format(_ template: String, _ args: [String]) -> String {
    guard !args.isEmpty, template.contains("{") else { return template }
    var out = ""
    var i = template.startIndex
    while i < template.endIndex {
      let c = template[i]
      if c == "{", let close = template[i...].firstIndex(of: "}"), let n = Int(template[template.index(after: i)..<close]),
        n >= 1, n <= args.count
      {
        out += args[n - 1]
        i = template.index(after: close)
      } else {
        out.append(c)
        i = template.index(after: i)
      }
    }
    return out
  }

  /// The placeholders a template uses (`{1}`, `{2}`…), for the catalog test.
  public static func placeholders(_ template: String) -> Set<Int> {
    var found: Set<Int> = []
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      let after = rest[rest.index(after: open)...]
      guard let close = after.firstIndex(of: "}") else { break }
      if let n = Int(after[..<close]) { found.insert(n) }
      rest = after[after.index(after: close)...]
    }
    return found
  }
}
