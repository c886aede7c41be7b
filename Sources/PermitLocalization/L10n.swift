import PermitCore

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
    return format(template, args.map(shown))
  }

  /// An argument as `"\(value)"` shows it, without the general interpolation's dynamic casts for
  /// the kinds most messages carry (text, whole numbers, times and dates).
  @inline(__always)
  static func shown(_ value: Any) -> String {
    if let s = value as? String { return s }
    if let i = value as? Int { return String(i) }
    if let t = value as? Timestamp { return t.description }
    if let d = value as? CivilDate { return d.description }
    return "\(value)"
  }

  /// Fills `{1}`…`{9}` (and `{10}`…) with the arguments; other braces are kept.
  ///
  /// Works on the template's UTF-8 bytes (a brace and the digits are ASCII, so they are never
  /// part of another character's bytes): the text between placeholders is copied in slices, not
  /// character by character (messages are built on every command, replays included).
  public static func format(_ template: String, _ args: [String]) -> String {
    guard !args.isEmpty else { return template }
    let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    let result: String? = template.utf8.withContiguousStorageIfAvailable { bytes -> String in
      guard bytes.contains(open) else { return template }
      var out = ""
      out.reserveCapacity(bytes.count + args.reduce(0) { $0 + $1.utf8.count })
      var copied = 0  // bytes before this index are in `out`
      var i = 0
      while i < bytes.count {
        guard bytes[i] == open else {
          i += 1
          continue
        }
        // `{` digits `}` (as `Int` reads them) with a number from 1 to the argument count: a placeholder.
        var j = i + 1
        if j < bytes.count, bytes[j] == UInt8(ascii: "+") { j += 1 }  // `Int("+1")` is 1
        let digits = j
        var n = 0
        while j < bytes.count, bytes[j] >= zero, bytes[j] <= nine, n <= args.count {
          n = n * 10 + Int(bytes[j] - zero)
          j += 1
        }
        if j > digits, j < bytes.count, bytes[j] == close, n >= 1, n <= args.count {
          out += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied..<i]), as: UTF8.self)
          out += args[n - 1]
          i = j + 1
          copied = i
        } else {
          i += 1
        }
      }
      if copied == 0 { return template }
      out += String(decoding: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]), as: UTF8.self)
      return out
    }
    return result ?? formatByCharacter(template, args)
  }

  /// ``format(_:_:)`` character by character: for a template without contiguous UTF-8 storage
  /// (a bridged string), and the reference the tests compare the byte version with.
  static func formatByCharacter(_ template: String, _ args: [String]) -> String {
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
