// The one place where the catalogs are put together: the screens' messages outside an attempt
// (Catalog+en.swift, Catalog+zhHans.swift), the examiner's findings and loader diagnostics
// (Catalog+findings+en.swift, Catalog+findings+zhHans.swift) and the attempt's screens, score,
// REPL replies and report (Catalog+session/scoring/repl/report.*.swift). The parts never share a
// key (LocalizationTests checks it).

extension Catalog {
  /// The parts of the English catalog.
  static let enParts: [[String: String]] = [enScreens, enFindings, enSession, enScoring, enRepl, enReport]
  /// The parts of the Chinese catalog, in the same order.
  static let zhParts: [[String: String]] = [zhScreens, zhFindings, zhSession, zhScoring, zhRepl, zhReport]

  /// English: every message key.
  public static let en: [String: String] = union(enParts)
  /// Simplified Chinese: every message key.
  public static let zhHans: [String: String] = union(zhParts)

  static func union(_ parts: [[String: String]]) -> [String: String] {
    var out: [String: String] = [:]
    for p in parts { out.merge(p) { first, _ in first } }
    return out
  }

  /// Keys defined by more than one part of a language's catalog (empty in a sound build).
  public static var sharedKeys: [String] {
    var out: Set<String> = []
    for parts in [enParts, zhParts] {
      var seen: Set<String> = []
      for p in parts {
        for k in p.keys where !seen.insert(k).inserted { out.insert(k) }
      }
    }
    return out.sorted()
  }

  /// The same as ``sharedKeys``.
  public static var duplicateKeys: [String] { sharedKeys }
}
