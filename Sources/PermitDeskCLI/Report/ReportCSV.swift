/// CSV for spreadsheets (RFC 4180): CRLF line ends, fields quoted when they hold a comma, quote, CR
/// or LF, and cells that a spreadsheet would run as a formula neutralised as OWASP recommends.
enum ReportCSV {
  /// The UTF-8 byte order mark: without it Excel and Calc read UTF-8 names as mojibake.
  static let bom = "\u{FEFF}"

  /// The whole file: optional BOM, header, rows, each line ending in CRLF.
  static func file(_ table: ReportTable, bom withBOM: Bool) -> String {
    let lines = [table.columns.map(\.name)] + table.rows.map { r in r.map(cellText) }
    return (withBOM ? bom : "") + lines.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
  }

  /// A cell's text; a text cell that a spreadsheet would take for a formula is neutralised.
  static func cellText(_ c: Cell) -> String {
    if case .text(let s) = c { return neutralise(s) }
    return c.text
  }

  /// OWASP "CSV injection": a cell beginning with `=`, `+`, `-`, `@`, tab or carriage return is
  /// prefixed with a single quote so that it is read as text, never run as a formula. Numbers are
  /// typed cells and never pass through here, so `-3` stays a number.
  static func neutralise(_ s: String) -> String {
    guard let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return s }
    return "'" + s
  }

  /// RFC 4180 quoting: a field holding a comma, a double quote, CR or LF is quoted, quotes doubled;
  /// a neutralised field (leading single quote) is quoted too, as OWASP recommends.
  static func field(_ s: String) -> String {
    s.hasPrefix("'") || s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}
