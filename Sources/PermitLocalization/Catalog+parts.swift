// The catalogs are written in parts, one file per language and group of screens (so that parallel
// work on different screens touches different files); each language's catalog is the union of its
// parts: the screens' groups and the examiner's findings and loader diagnostics (Catalog+findings+*.swift). A key must be in exactly one part (LocalizationTests checks ``duplicateKeys``).

extension Catalog {
  /// The parts of the English catalog.
  static let enParts: [[String: String]] = [enCore, enSession, enScoring, enRepl, enReport, enFindings, enPair, enLoader, enRoom, enStore, enPlain]
  /// The parts of the Chinese catalog, in the same order.
  static let zhParts: [[String: String]] = [zhCore, zhSession, zhScoring, zhRepl, zhReport, zhFindings, zhPair, zhLoader, zhRoom, zhStore, zhPlain]

  /// English.
  public static let en: [String: String] = union(enParts)
  /// Simplified Chinese.
  public static let zhHans: [String: String] = union(zhParts)

  static func union(_ parts: [[String: String]]) -> [String: String] {
    var out: [String: String] = [:]
    for p in parts { out.merge(p) { first, _ in first } }
    return out
  }

  /// Keys defined in more than one part of a language's catalog (should be none).
  public static var duplicateKeys: [String] {
    var out: Set<String> = []
    for parts in [enParts, zhParts] {
      var seen: Set<String> = []
      for p in parts {
        for k in p.keys where !seen.insert(k).inserted { out.insert(k) }
      }
    }
    return out.sorted()
  }
}
