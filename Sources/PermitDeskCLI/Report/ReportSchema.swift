import PermitContent
import PermitTraining

/// The JSON Schema (draft 2020-12) of `report --format json`, written from a view's columns so that
/// schema, output and README cannot drift apart.
enum ReportSchema {
  static func document(per: String, columns: [Column]) -> JSON {
    .object([
      ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
      ("$id", .string("urn:permitdesk:report-\(per).schema.json")),
      ("title", .string("permitdesk report --per \(per) --format json")),
      ("description", .string("An array with one object per row; keys are the report's columns.")),
      ("type", .string("array")),
      ("items", row(columns)),
    ])
  }

  static func row(_ columns: [Column]) -> JSON {
    .object([
      ("type", .string("object")),
      ("properties", .object(columns.map { c in (c.name, property(c)) })),
      ("required", .array(columns.map { .string($0.name) })),
      ("additionalProperties", .bool(false)),
    ])
  }

  static func property(_ c: Column) -> JSON {
    var type: JSON
    var extra: [(String, JSON)] = []
    switch c.type {
    case .string: type = .string("string")
    case .integer: type = .string("integer")
    case .number: type = .string("number")
    case .boolean: type = .string("boolean")
    case .dateTime:
      type = .string("string")
      extra.append(("format", .string("date-time")))
      extra.append(("pattern", .string("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$")))
    }
    if c.nullable, case .string(let t) = type { type = .array([.string(t), .string("null")]) }
    return .object([("description", .string(c.about)), ("type", type)] + extra)
  }
}
