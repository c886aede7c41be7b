// The English texts of the `report` table and HTML page (issue 15).
// Every key must exist in Catalog+report.zhHans.swift (LocalizationTests).

extension Catalog {
  /// English: the report texts.
  static let enReport: [String: String] = [:]
}
