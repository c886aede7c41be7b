/// A JSON value with ordered keys, written deterministically (stable output for tests and diffs).
public indirect enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (l: JSON, r: JSON) -> Bool { l.render() == r.render() }

  /// A string or null.
  public static func optional(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }

  /// Compact or indented text.
  public func render(indent: Bool = false) -> String {
    var out = ""
    write(&out, indent ? 0 : nil)
    return out
  }

  private func write(_ out: inout String, _ level: Int?) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let d):
      if d == d.rounded() && abs(d) < 1e15 { out += String(Int(d)) } else { out += String(d) }
    case .string(let s): JSON.quote(s, &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        if let l = level { out += "\n" + String(repeating: "  ", count: l + 1) }
        item.write(&out, level.map { $0 + 1 })
      }
      if let l = level { out += "\n" + String(repeating: "  ", count: l) }
      out += "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, (k, v)) in pairs.enumerated() {
        if i > 0 { out += "," }
        if let l = level { out += "\n" + String(repeating: "  ", count: l + 1) }
        JSON.quote(k, &out)
        out += level == nil ? ":" : ": "
        v.write(&out, level.map { $0 + 1 })
      }
      if let l = level { out += "\n" + String(repeating: "  ", count: l) }
      out += "}"
    }
  }

  static func quote(_ s: String, _ out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }
}
