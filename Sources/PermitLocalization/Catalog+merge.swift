// The one place where the catalogs are put together: the screens' messages (Catalog+en.swift,
// Catalog+zhHans.swift) and the examiner's findings and loader diagnostics (Catalog+findings+en.swift,
// Catalog+findings+zhHans.swift). The parts never share a key (LocalizationTests checks it).

extension Catalog {
  /// English: every message key.
  public static let en: [String: String] = enScreens.merging(enFindings) { screen, _ in screen }
  /// Simplified Chinese: every message key.
  public static let zhHans: [String: String] = zhScreens.merging(zhFindings) { screen, _ in screen }
  /// Keys defined by more than one part (empty in a sound build).
  public static var sharedKeys: [String] {
    (Set(enScreens.keys).intersection(enFindings.keys).union(Set(zhScreens.keys).intersection(zhFindings.keys))).sorted()
  }
}
