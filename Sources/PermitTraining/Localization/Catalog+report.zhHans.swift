// report 表格与 HTML 页面的中文文本（issue 15）。

extension Catalog {
  /// Simplified Chinese: the report texts.
  static let zhReport: [String: String] = [:]
}
