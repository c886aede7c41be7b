import Foundation
import PermitContent
import PermitTraining
import PermitLocalization

/// One value of a report: typed, so CSV, JSON, HTML and the terminal table each write it their way.
enum Cell: Sendable, Equatable {
  case text(String)
  case int(Int)
  /// A mean or a sum of fractional points, shown to one decimal.
  case decimal(Double)
  case bool(Bool)
  /// A moment, already written in the policy pack's zone with its offset (ISO 8601).
  case time(String)
  case null

  /// The text of the cell in a table or a CSV file.
  var text: String {
    switch self {
    case .text(let s), .time(let s): s
    case .int(let i): String(i)
    case .decimal(let d): Cell.oneDecimal(d)
    case .bool(let b): b ? "yes" : "no"
    case .null: ""
    }
  }

  /// The JSON value.
  var json: JSON {
    switch self {
    case .text(let s), .time(let s): .string(s)
    case .int(let i): .int(i)
    case .decimal(let d): .number((d * 10).rounded() / 10)
    case .bool(let b): .bool(b)
    case .null: .null
    }
  }

  /// `d` rounded half away from zero to one decimal: 66.67 → "66.7", 70 → "70.0".
  static func oneDecimal(_ d: Double) -> String {
    let tenths = Int((d * 10).rounded(.toNearestOrAwayFromZero))
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
  }

  /// A number or null.
  static func of(_ i: Int?) -> Cell { i.map(Cell.int) ?? .null }
}

/// The kind of a column, for the JSON Schema and for alignment.
enum ColumnType: String, Sendable {
  case string, integer, number, boolean
  /// An ISO 8601 date-time string with offset.
  case dateTime = "date-time"
}

/// A report column: its name (the CSV header and JSON key), type, and what it holds (documented in
/// README and the JSON Schema).
struct Column: Sendable {
  var name: String
  var type: ColumnType
  var nullable: Bool
  var about: String

  init(_ name: String, _ type: ColumnType, nullable: Bool = false, _ about: String) {
    self.name = name
    self.type = type
    self.nullable = nullable
    self.about = about
  }
}

/// A report: a title, typed columns and rows. Adding a field is adding a `Column` and its cell.
struct ReportTable: Sendable {
  var title: String
  var columns: [Column]
  var rows: [[Cell]]

  /// An aligned terminal table (numbers right-aligned, display-width padding, no trailing spaces),
  /// its headings and yes/no in the session's language (a Chinese heading takes two columns a
  /// character; CSV and JSON keep the English column names).
  var textLines: [String] {
    let right = Set(columns.indices.filter { [.integer, .number].contains(columns[$0].type) })
    let header = columns.map { Language.current == .en ? $0.name : L10n.t("report.col." + $0.name) }
    let cells = rows.map { $0.map { c -> String in if case .bool(let b) = c { return L10n.t(b ? "report.yes" : "report.no") } else { return c.text } } }
    var lines = TextTable(header: header, rows: cells, rightAligned: right).lines
    if rows.isEmpty { lines.append(L10n.t("report.no-rows")) }
    return lines
  }

  /// JSON: an array of objects keyed by column name.
  var json: JSON {
    .array(rows.map { r in .object(zip(columns, r).map { ($0.name, $1.json) }) })
  }
}
