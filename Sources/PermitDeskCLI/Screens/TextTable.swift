/// Terminal display width (what `wcwidth(3)` reports): East Asian wide and fullwidth characters and
/// emoji take two columns, combining marks and format characters none, everything else one.
public enum DisplayWidth {
  /// Columns a terminal uses for `s` (the sum over its scalars, as terminals do).
  public static func of(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { $0 + of($1) }
  }

  /// Columns of one scalar: 0, 1 or 2. Control characters count 0 (they have no width to align).
  public static func of(_ u: Unicode.Scalar) -> Int {
    let v = u.value
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
    if v < 0x300 { return 1 }
    switch u.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0
    case .format where v != 0xAD: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(v) || v == 0x200B { return 0 }
    if u.properties.isEmojiPresentation { return 2 }
    return isWide(v) ? 2 : 1
  }

  /// Unicode East Asian Width W and F ranges (outside emoji, handled above).
  static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
    0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x20000...0x2FFFD,
    0x30000...0x3FFFD,
  ]

  static func isWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    var lo = 0
    var hi = wide.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if v < wide[mid].lowerBound {
        hi = mid - 1
      } else if v > wide[mid].upperBound {
        lo = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// `s` padded with spaces to `width` display columns (never cut).
  public static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - of(s)))
    return right ? fill + s : s + fill
  }
}

/// An aligned plain-text table: columns padded by display width, two spaces apart, no trailing spaces.
public struct TextTable: Sendable {
  /// The column titles (nil: no header line).
  public var header: [String]?
  /// The rows; short rows are padded with empty cells.
  public var rows: [[String]]
  /// Columns aligned to the right (numbers).
  public var rightAligned: Set<Int>
  /// Draw a dashed line under the header.
  public var rule: Bool
  /// Text before each line (indentation).
  public var indent: String

  /// Creates a table.
  public init(header: [String]? = nil, rows: [[String]], rightAligned: Set<Int> = [], rule: Bool = true, indent: String = "") {
    self.header = header
    self.rows = rows
    self.rightAligned = rightAligned
    self.rule = rule
    self.indent = indent
  }

  /// The table's lines.
  public var lines: [String] {
    let all = ((header.map { [$0] } ?? []) + rows).map { $0.map(TextTable.visible) }
    let n = all.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: n)
    for r in all { for (i, v) in r.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(v)) } }
    func line(_ r: [String]) -> String {
      var cells: [String] = []
      for i in 0..<n {
        let v = i < r.count ? r[i] : ""
        cells.append(DisplayWidth.pad(v, to: widths[i], right: rightAligned.contains(i)))
      }
      return TextTable.trimTrailing(indent + cells.joined(separator: "  "))
    }
    var out: [String] = []
    if let h = all.first, header != nil {
      out.append(line(h))
      if rule { out.append(TextTable.trimTrailing(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))) }
    }
    for r in all.dropFirst(header == nil ? 0 : 1) { out.append(line(r)) }
    return out
  }

  /// `s` with control characters written as escapes (`\t`, `\n`, `\u{7}`): a tab or newline inside a
  /// cell would break the alignment of every column after it.
  public static func visible(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out += u.value < 0x20 || u.value == 0x7F ? "\\u{\(String(u.value, radix: 16))}" : String(u)
      }
    }
    return out
  }

  /// `s` without trailing spaces.
  public static func trimTrailing(_ s: String) -> String {
    var t = Substring(s)
    while t.last == " " { t.removeLast() }
    return String(t)
  }
}
