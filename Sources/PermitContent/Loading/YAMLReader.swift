import PermitCore

/// Limits on untrusted input files.
public enum InputLimits {
  /// Largest file read, in bytes.
  public static let maxBytes = 4 << 20
  /// Deepest nesting of mappings and sequences.
  public static let maxDepth = 48
  /// Most nodes decoded from one file (guards against alias expansion).
  public static let maxNodes = 400_000
}

/// A strict reader over a composed YAML tree: every value is read with its position, unknown keys
/// are errors with a suggestion, and every type mismatch is reported as `file:line:column`.
/// Problems are collected (not thrown one at a time) so that `check` shows all of them at once.
public final class YAMLReader {
  /// The file's name as shown in diagnostics.
  public let file: String
  /// Problems found so far.
  public private(set) var diagnostics: [Diagnostic] = []
  private var nodesRead = 0
  /// Whether a text that can carry two languages but has no Chinese is a warning (`check` sets it;
  /// loading for the REPL does not).
  public var warnMissingTranslations = false
  /// The missing-translation warnings, kept apart: `check` reports them only for a file without
  /// errors (a file that does not load has more urgent problems).
  public internal(set) var translationWarnings: [Diagnostic] = []

  /// Creates a reader for a file name.
  public init(file: String) { self.file = file }

  /// Whether an error was reported.
  public var failed: Bool { diagnostics.contains { $0.severity == .error } }

  /// Reports an error at a node (or at the start of the file), in language-neutral form (a message
  /// is a catalog key and its arguments, so that it reads in the session's language).
  public func error(_ node: YAMLNode?, _ text: LoaderMessage) {
    let m = node?.mark
    diagnostics.append(Diagnostic(file: file, line: m?.line ?? 1, column: m?.column ?? 1, text))
  }

  /// Reports a warning at a node, in language-neutral form.
  public func warning(_ node: YAMLNode?, _ text: LoaderMessage) {
    let m = node?.mark
    diagnostics.append(Diagnostic(file: file, line: m?.line ?? 1, column: m?.column ?? 1, severity: .warning, text))
  }

  /// Adds a ready-made diagnostic.
  func appendDiagnostic(_ d: Diagnostic) { diagnostics.append(d) }

  /// Parses text into a tree, reporting syntax errors with their position. Nil on failure.
  public func parse(_ text: String) -> YAMLNode? {
    if text.utf8.count > InputLimits.maxBytes {
      error(nil, LoaderMessage("file-too-large", .text("\(InputLimits.maxBytes >> 20)")))
      return nil
    }
    do throws(YAMLComposeError) {
      guard let node = try YAMLComposer.compose(text, maxDepth: InputLimits.maxDepth, maxNodes: InputLimits.maxNodes)
      else {
        error(nil, LoaderMessage("empty-file"))
        return nil
      }
      return node
    } catch {
      let mark = error.mark
      switch error.kind {
      case .syntax:
        let text =
          error.context.map { LoaderMessage("yaml.syntax.context", .yaml(error.problem), .yaml($0.text), .text("\($0.mark.line):\($0.mark.column)")) }
          ?? LoaderMessage("yaml.syntax", .yaml(error.problem))
        diagnostics.append(Diagnostic(file: file, line: mark.line, column: mark.column, text))
      case .reader:
        // libyaml's offset counts bytes of the input: placed directly (converting it to a count
        // of characters first put a control character after non-ASCII text at a wrong column).
        let (l, c) = YAMLReader.position(ofUTF8Offset: error.readerOffset, in: text)
        diagnostics.append(Diagnostic(file: file, line: l, column: c, LoaderMessage("yaml.unreadable", .yaml(error.problem))))
      case .duplicateKeys:
        var text =
          error.firstMark.map { LoaderMessage("yaml.duplicate-key.first", .text(error.duplicates[0]), .text("\($0.line):\($0.column)")) }
          ?? LoaderMessage("yaml.duplicate-key", .text(error.duplicates[0]))
        if error.duplicates.count > 1 {
          text = LoaderMessage("yaml.also-repeated", .message(text), .text(error.duplicates.dropFirst().map { "'\($0)'" }.joined(separator: ", ")))
        }
        diagnostics.append(Diagnostic(file: file, line: mark.line, column: mark.column, text))
      case .tooDeep:
        diagnostics.append(
          Diagnostic(file: file, line: mark.line, column: mark.column, LoaderMessage("yaml.too-deep", .text("\(InputLimits.maxDepth)"))))
      case .tooLarge:
        diagnostics.append(
          Diagnostic(file: file, line: mark.line, column: mark.column, LoaderMessage("yaml.too-large", .text("\(InputLimits.maxNodes)"))))
      case .memory:
        self.error(nil, LoaderMessage("yaml.memory"))
      }
      return nil
    }
  }

  /// Line and column (in characters, from 1) of a byte offset, with libyaml's line breaks (LF, CRLF,
  /// lone CR) and without counting a leading byte-order mark.
  static func position(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
    var line = 1
    var col = 1
    var previous: UInt8 = 0
    for (i, b) in text.utf8.enumerated() {
      if i >= offset { break }
      defer { previous = b }
      if i < 3 && (b == 0xEF || b == 0xBB || b == 0xBF) && text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { continue }
      if b == 10 {
        if previous != 13 { line += 1 }
        col = 1
      } else if b == 13 {
        line += 1
        col = 1
      } else if b & 0xC0 != 0x80 {
        col += 1
      }
    }
    return (line, col)
  }

  private func count() -> Bool {
    nodesRead += 1
    if nodesRead == InputLimits.maxNodes {
      error(nil, LoaderMessage("yaml.too-large", .text("\(InputLimits.maxNodes)")))
    }
    return nodesRead < InputLimits.maxNodes
  }

  // MARK: - Mappings

  /// A mapping whose keys have been checked against the allowed set.
  public struct Fields {
    /// The mapping node itself (for positions).
    public let node: YAMLNode
    /// The pairs of the mapping (shared with the node, not copied).
    let pairs: [YAMLNode.Mapping.Pair]
    /// Keys in file order.
    public let order: [String]
    /// Index in `pairs` of each key of `order`.
    let slots: [Int]
    /// Values by key.
    public var values: [String: YAMLNode] {
      Dictionary(uniqueKeysWithValues: zip(order, slots.map { pairs[$0].value }))
    }
    /// Key nodes by key (for positions of keys).
    public var keys: KeyNodes { KeyNodes(fields: self) }
    @inline(__always)
    func slot(_ key: String) -> Int? {
      var i = 0
      while i < order.count {
        if sameText(order[i], key) { return slots[i] }
        i += 1
      }
      return nil
    }
    /// The value of a key.
    public subscript(_ key: String) -> YAMLNode? {
      guard let i = slot(key) else { return nil }
      return pairs[i].value
    }
    /// Key nodes by key.
    public struct KeyNodes {
      let fields: Fields
      /// The key node of a key.
      public subscript(_ key: String) -> YAMLNode? {
        guard let i = fields.slot(key) else { return nil }
        return fields.pairs[i].key
      }
    }
  }

  /// Reads a mapping, reporting unknown keys (with a suggestion) and missing required keys.
  public func fields(_ node: YAMLNode, _ what: @autoclosure () -> String, allowed: [String], required: [String] = []) -> Fields? {
    guard count() else { return nil }
    guard case .mapping(let mapping) = node else {
      error(node, LoaderMessage("not-a-mapping", .place(what()), .found(describe(node))))
      return nil
    }
    let pairs = mapping.pairs
    var order: [String] = []
    var slots: [Int] = []
    order.reserveCapacity(pairs.count)
    slots.reserveCapacity(pairs.count)
    for i in pairs.indices {
      guard case .scalar(let ks) = pairs[i].key else {
        error(pairs[i].key, LoaderMessage("key-not-plain", .place(what())))
        continue
      }
      let key = ks.string
      if !allowed.contains(where: { sameText($0, key) }) {
        error(pairs[i].key, LoaderMessage("unknown-key", .text(key), .place(what()), suggest: Suggest.closest(to: key, in: allowed)))
        continue
      }
      if order.contains(where: { sameText($0, key) }) {
        error(pairs[i].key, LoaderMessage("duplicate-key", .text(key), .place(what())))
        continue
      }
      order.append(key)
      slots.append(i)
    }
    let f = Fields(node: node, pairs: pairs, order: order, slots: slots)
    for r in required {
      if let v = f[r], !isNull(v) { continue }
      error(node, LoaderMessage("needs-key", .place(what()), .text(r)))
    }
    return f
  }

  /// Whether a node is YAML null (`~`, `null`, or nothing).
  public func isNull(_ node: YAMLNode) -> Bool {
    guard case .scalar(let s) = node else { return false }
    if s.style != .plain { return false }
    return s.string.isEmpty || s.string == "~" || s.string == "null" || s.string == "Null" || s.string == "NULL"
  }

  /// A short description of a node's type for messages.
  public func describe(_ node: YAMLNode) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let s):
      if isNull(node) { return "nothing" }
      let text = s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string
      return "'\(text)'"
    }
  }

  /// The text of a scalar, or nil (with an error) for another kind of node.
  public func scalar(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
    guard count() else { return nil }
    guard case .scalar(let s) = node else {
      error(node, LoaderMessage("not-a-value", .place(what()), .found(describe(node))))
      return nil
    }
    return s.string
  }

  // MARK: - Typed values

  /// A required or optional piece of text.
  public func text(_ f: Fields, _ key: String, required: Bool = false, what: String) -> String? {
    guard let n = f[key], !isNull(n) else { return nil }
    guard let s = scalar(n, "'\(key)' of \(what)") else { return nil }
    if required && s.isBlank { error(n, LoaderMessage("empty", .place("'\(key)' of \(what)"))) }
    return s
  }

  /// A whole number within a range.
  public func int(_ f: Fields, _ key: String, what: String, range: ClosedRange<Int>) -> Int? {
    guard let n = f[key], !isNull(n), let s = scalar(n, "'\(key)' of \(what)") else { return nil }
    guard let v = YAMLReader.wholeNumber(s) else {
      error(n, LoaderMessage("not-a-whole-number", .place("'\(key)' of \(what)"), .text(s)))
      return nil
    }
    guard range.contains(v) else {
      error(n, LoaderMessage("out-of-range", .place("'\(key)' of \(what)"), .text("\(range.lowerBound)"), .text("\(range.upperBound)"), .text("\(v)")))
      return nil
    }
    return v
  }

  /// A number (integer or decimal).
  public func number(_ f: Fields, _ key: String, what: String) -> Double? {
    guard let n = f[key], !isNull(n), let s = scalar(n, "'\(key)' of \(what)") else { return nil }
    guard let v = YAMLReader.decimalNumber(s) else {
      error(n, LoaderMessage("not-a-number", .place("'\(key)' of \(what)"), .text(s)))
      return nil
    }
    return v
  }

  /// The one grammar of whole numbers in content files: `0`, or an optional `-` and digits not
  /// starting with `0` (`12`, `-3`). No `+`, no `_`, no leading zeros, no `-0`, no other digits than
  /// ASCII; nil also when the value does not fit in an `Int`.
  public static func wholeNumber(_ s: String) -> Int? {
    let u = Array(s.utf8)
    let digits = u.first == 45 ? u.dropFirst() : u[...]
    guard let first = digits.first, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    if first == 48 && (digits.count > 1 || u.first == 45) { return nil }
    return Int(s)
  }

  /// A decimal number: a whole number (see `wholeNumber`, but `-0` and `0.x` allowed) with an
  /// optional fraction of ASCII digits (`0.25`). No exponent, no hexadecimal, no `inf` or `nan`.
  public static func decimalNumber(_ s: String) -> Double? {
    let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = String(parts[0])
    guard wholeNumber(whole) != nil || whole == "-0" else { return nil }
    if parts.count == 2 {
      guard !parts[1].isEmpty, parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    }
    return Double(s).flatMap { $0.isFinite ? $0 : nil }
  }

  /// `true` or `false`.
  public func bool(_ f: Fields, _ key: String, what: String) -> Bool? {
    guard let n = f[key], !isNull(n), let s = scalar(n, "'\(key)' of \(what)") else { return nil }
    switch s {
    case "true", "True", "TRUE", "yes": return true
    case "false", "False", "FALSE", "no": return false
    default:
      error(n, LoaderMessage("not-a-boolean", .place("'\(key)' of \(what)"), .text(s)))
      return nil
    }
  }

  /// An ISO date `YYYY-MM-DD`.
  public func date(_ f: Fields, _ key: String, what: String) -> CivilDate? {
    guard let n = f[key], !isNull(n) else { return nil }
    return date(n, "'\(key)' of \(what)")
  }

  /// An ISO date from a node.
  public func date(_ n: YAMLNode, _ what: @autoclosure () -> String) -> CivilDate? {
    guard let s = scalar(n, what()) else { return nil }
    guard let d = CivilDate(iso: s) else {
      error(n, LoaderMessage("not-a-date", .place(what()), .text(s)))
      return nil
    }
    return d
  }

  /// An ISO date-time with offset.
  public func timestamp(_ f: Fields, _ key: String, what: String) -> Timestamp? {
    guard let n = f[key], !isNull(n), let s = scalar(n, "'\(key)' of \(what)") else { return nil }
    guard let t = Timestamp(iso: s) else {
      error(n, LoaderMessage("not-a-timestamp", .place("'\(key)' of \(what)"), .text(s)))
      return nil
    }
    return t
  }

  /// One of an enum's raw values, with a suggestion when misspelt.
  public func choice<T: RawRepresentable & CaseIterable>(
    _ f: Fields, _ key: String, _ type: T.Type, what: String
  ) -> T? where T.RawValue == String {
    guard let n = f[key], !isNull(n) else { return nil }
    return choice(n, type, "'\(key)' of \(what)")
  }

  /// One of an enum's raw values from a node.
  public func choice<T: RawRepresentable & CaseIterable>(_ n: YAMLNode, _ type: T.Type, _ what: @autoclosure () -> String) -> T?
  where T.RawValue == String {
    guard let s = scalar(n, what()) else { return nil }
    if let v = T(rawValue: s) { return v }
    let all = T.allCases.map(\.rawValue)
    error(n, LoaderMessage("not-one-of", .place(what()), .text(all.joined(separator: ", ")), .text(s), suggest: Suggest.closest(to: s, in: all)))
    return nil
  }

  /// A list (a single value is not accepted in place of a list).
  public func list(_ f: Fields, _ key: String, what: String) -> [YAMLNode]? {
    guard let n = f[key], !isNull(n) else { return nil }
    return list(n, "'\(key)' of \(what)")
  }

  /// A list from a node.
  public func list(_ n: YAMLNode, _ what: @autoclosure () -> String) -> [YAMLNode]? {
    guard count() else { return nil }
    guard case .sequence(let seq) = n else {
      error(n, LoaderMessage("not-a-list", .place(what()), .found(describe(n))))
      return nil
    }
    return seq.nodes
  }

  /// A list of texts.
  public func texts(_ f: Fields, _ key: String, what: String) -> [String]? {
    guard let items = list(f, key, what: what) else { return nil }
    return items.compactMap { scalar($0, "an item of '\(key)'") }
  }
}

/// String equality with a cheap length check first (most keys compared differ in length).
@inline(__always)
func sameText(_ a: String, _ b: String) -> Bool {
  a.utf8.count == b.utf8.count && a == b
}

extension String {
  /// Whether the text is empty or only whitespace (as `trimmingCharacters().isEmpty`).
  var isBlank: Bool {
    for b in utf8 {
      if b >= 0x80 { return allSatisfy(\.isWhitespace) }
      if b != 32 && !(9...13).contains(b) { return false }
    }
    return true
  }

  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }

}
