import CLibYAML

/// A position in a YAML file: 1-based line and column (the column counts Unicode scalars).
public struct Mark: Sendable, Equatable, CustomStringConvertible {
  private let l: Int32
  private let c: Int32
  /// The line, from 1.
  public var line: Int { Int(l) }
  /// The column, from 1.
  public var column: Int { Int(c) }
  /// Creates a mark.
  public init(line: Int, column: Int) {
    l = Int32(clamping: line)
    c = Int32(clamping: column)
  }
  public var description: String { "\(line):\(column)" }
}

/// A composed YAML tree: scalars stay text (no type resolution), aliases are resolved (shared,
/// not copied), and every node keeps the position where it starts.
public enum YAMLNode: Sendable {
  case scalar(Scalar)
  case sequence(Sequence)
  case mapping(Mapping)

  /// A piece of text with its quoting style.
  public struct Scalar: Sendable {
    /// How a scalar was written (raw values as libyaml's).
    public enum Style: UInt8, Sendable {
      case any = 0, plain, singleQuoted, doubleQuoted, literal, folded
    }
    /// The text.
    public var string: String
    /// The position.
    public var mark: Mark
    /// The quoting style.
    public var style: Style
    /// Creates a scalar.
    public init(_ string: String, style: Style = .plain, mark: Mark = Mark(line: 1, column: 1)) {
      self.string = string
      self.style = style
      self.mark = mark
    }
  }

  /// A list of nodes.
  public struct Sequence: Sendable, RandomAccessCollection {
    /// The items.
    public var nodes: [YAMLNode]
    /// The position.
    public var mark: Mark
    /// Creates a sequence.
    public init(_ nodes: [YAMLNode], mark: Mark = Mark(line: 1, column: 1)) {
      self.nodes = nodes
      self.mark = mark
    }
    public var startIndex: Int { 0 }
    public var endIndex: Int { nodes.count }
    public subscript(i: Int) -> YAMLNode { nodes[i] }
  }

  /// Key-value pairs in file order.
  public struct Mapping: Sendable, RandomAccessCollection {
    public typealias Pair = (key: YAMLNode, value: YAMLNode)
    /// The pairs.
    public var pairs: [Pair]
    /// The position.
    public var mark: Mark
    /// Creates a mapping.
    public init(_ pairs: [Pair], mark: Mark = Mark(line: 1, column: 1)) {
      self.pairs = pairs
      self.mark = mark
    }
    public var startIndex: Int { 0 }
    public var endIndex: Int { pairs.count }
    public subscript(i: Int) -> Pair { pairs[i] }
    /// The value of the first scalar key with this text.
    public subscript(key: String) -> YAMLNode? {
      for p in pairs {
        if case .scalar(let s) = p.key, s.string == key { return p.value }
      }
      return nil
    }
  }

  /// Where the node starts.
  public var mark: Mark {
    switch self {
    case .scalar(let s): return s.mark
    case .sequence(let s): return s.mark
    case .mapping(let m): return m.mark
    }
  }

  /// The text of a scalar node.
  public var string: String? {
    if case .scalar(let s) = self { return s.string }
    return nil
  }

  /// The value of a scalar key in a mapping node.
  public subscript(key: String) -> YAMLNode? {
    if case .mapping(let m) = self { return m[key] }
    return nil
  }
}

/// A problem found while composing.
public struct YAMLComposeError: Error, Sendable {
  /// What kind of problem.
  public enum Kind: Sendable {
    /// Not readable as text (libyaml's reader: control characters, bad encoding).
    case reader
    /// A scanner, parser or composer (undefined alias, several documents) problem.
    case syntax
    /// The same key twice in one mapping.
    case duplicateKeys
    /// Too deep nesting of collections.
    case tooDeep
    /// Too many values once aliases are expanded.
    case tooLarge
    /// Out of memory.
    case memory
  }
  public var kind: Kind
  /// The problem, e.g. "did not find expected key".
  public var problem: String
  /// Where (for `.reader`: the offset, see `readerOffset`).
  public var mark: Mark
  /// libyaml's context (e.g. "while parsing a block mapping") with its position.
  public var context: (text: String, mark: Mark)?
  /// For `.reader`: the byte offset of the problem.
  public var readerOffset: Int = 0
  /// For `.duplicateKeys`: the keys, in the order of their second occurrence (`mark` is the first
  /// of these).
  public var duplicates: [String] = []
  /// For `.duplicateKeys`: where the first duplicated key was first written.
  public var firstMark: Mark?
}

/// Composes libyaml's events into a `YAMLNode` tree, iteratively (no recursion, so deep input cannot
/// overflow the stack), checking nesting depth, duplicate keys and alias expansion on the way.
enum YAMLComposer {
  private struct Frame {
    var isMapping: Bool
    var mark: Mark
    var anchor: String?
    var size: Int
    var items: [YAMLNode] = []
    var pairs: [YAMLNode.Mapping.Pair] = []
    var key: YAMLNode? = nil
  }

  @inline(__always)
  private static func mark(_ m: yaml_mark_t) -> Mark {
    Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
  }

  private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let p else { return nil }
    return String(cString: p)
  }

  /// The root node of the only document, or nil for an empty stream.
  static func compose(_ text: String, maxDepth: Int, maxNodes: Int) throws(YAMLComposeError) -> YAMLNode? {
    var text = text
    let result = text.withUTF8 { buf -> Result<YAMLNode?, YAMLComposeError> in
      do throws(YAMLComposeError) {
        return .success(try compose(buf, maxDepth: maxDepth, maxNodes: maxNodes))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private static func compose(_ buf: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxNodes: Int) throws(
    YAMLComposeError
  ) -> YAMLNode? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw YAMLComposeError(kind: .memory, problem: "out of memory", mark: Mark(line: 1, column: 1))
    }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    // Empty input is an empty stream (libyaml also wants a non-null pointer).
    guard let base = buf.baseAddress, buf.count > 0 else { return nil }
    yaml_parser_set_input_string(&parser, base, buf.count)

    var event = yaml_event_t()
    func next() throws(YAMLComposeError) {
      if yaml_parser_parse(&parser, &event) != 1 { throw parserError(parser) }
    }

    try next()  // STREAM-START
    yaml_event_delete(&event)
    try next()  // DOCUMENT-START or STREAM-END
    if event.type == YAML_STREAM_END_EVENT {
      yaml_event_delete(&event)
      return nil
    }
    yaml_event_delete(&event)

    var stack: [Frame] = []
    stack.reserveCapacity(16)
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var total = 0
    var root: YAMLNode? = nil

    // Adds a finished node to its parent (or makes it the root).
    func add(_ node: YAMLNode, size: Int) {
      if stack.isEmpty {
        root = node
        return
      }
      let i = stack.count - 1
      stack[i].size += size
      if stack[i].isMapping {
        if let k = stack[i].key {
          stack[i].pairs.append((key: k, value: node))
          stack[i].key = nil
        } else {
          stack[i].key = node
        }
      } else {
        stack[i].items.append(node)
      }
    }

    while root == nil {
      try next()
      defer { yaml_event_delete(&event) }
      switch event.type {
      case YAML_SCALAR_EVENT:
        let s = event.data.scalar
        let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
        let style = YAMLNode.Scalar.Style(rawValue: UInt8(truncatingIfNeeded: s.style.rawValue)) ?? .any
        let node = YAMLNode.scalar(.init(value, style: style, mark: mark(event.start_mark)))
        total += 1
        if let a = string(s.anchor) { anchors[a] = (node, 1) }
        add(node, size: 1)
      case YAML_ALIAS_EVENT:
        let name = string(event.data.alias.anchor) ?? ""
        guard let target = anchors[name] else {
          throw YAMLComposeError(kind: .syntax, problem: "found undefined alias", mark: mark(event.start_mark))
        }
        total += target.size
        if total > maxNodes {
          throw YAMLComposeError(
            kind: .tooLarge, problem: "more than \(maxNodes) values (aliases expanded); the file is too large",
            mark: mark(event.start_mark))
        }
        add(target.node, size: target.size)
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        let isMapping = event.type == YAML_MAPPING_START_EVENT
        let m = mark(event.start_mark)
        if stack.count >= maxDepth {
          throw YAMLComposeError(kind: .tooDeep, problem: "nesting deeper than \(maxDepth) levels", mark: m)
        }
        let anchor = isMapping ? string(event.data.mapping_start.anchor) : string(event.data.sequence_start.anchor)
        total += 1
        stack.append(Frame(isMapping: isMapping, mark: m, anchor: anchor, size: 1))
      case YAML_SEQUENCE_END_EVENT:
        let f = stack.removeLast()
        let node = YAMLNode.sequence(.init(f.items, mark: f.mark))
        if let a = f.anchor { anchors[a] = (node, f.size) }
        add(node, size: f.size)
      case YAML_MAPPING_END_EVENT:
        let f = stack.removeLast()
        try checkDuplicates(f.pairs)
        let node = YAMLNode.mapping(.init(f.pairs, mark: f.mark))
        if let a = f.anchor { anchors[a] = (node, f.size) }
        add(node, size: f.size)
      default:
        break
      }
    }

    try next()  // DOCUMENT-END
    yaml_event_delete(&event)
    try next()
    defer { yaml_event_delete(&event) }
    if event.type != YAML_STREAM_END_EVENT {
      throw YAMLComposeError(
        kind: .syntax, problem: "but found another document", mark: mark(event.start_mark),
        context: ("expected a single document in the stream", Mark(line: 1, column: 1)))
    }
    return root
  }

  /// Scalar keys written twice, reported at the second occurrence (the one to delete or rename),
  /// with where the key was first written.
  private static func checkDuplicates(_ pairs: [YAMLNode.Mapping.Pair]) throws(YAMLComposeError) {
    let n = pairs.count
    if n < 2 { return }
    // (key, where it is repeated, where it was first written), in file order of the repeat.
    var dups: [(String, Mark, Mark)] = []
    if n <= 24 {
      for i in 1..<n {
        guard case .scalar(let ki) = pairs[i].key else { continue }
        for j in 0..<i {
          guard case .scalar(let kj) = pairs[j].key, sameText(kj.string, ki.string) else { continue }
          if !dups.contains(where: { $0.0 == ki.string }) { dups.append((ki.string, ki.mark, kj.mark)) }
          break
        }
      }
    } else {
      var first: [String: Mark] = [:]
      var seen: Set<String> = []
      for p in pairs {
        guard case .scalar(let k) = p.key else { continue }
        if let m = first[k.string] {
          if seen.insert(k.string).inserted { dups.append((k.string, k.mark, m)) }
        } else {
          first[k.string] = k.mark
        }
      }
    }
    guard let head = dups.first else { return }
    throw YAMLComposeError(
      kind: .duplicateKeys, problem: "duplicate keys", mark: head.1, duplicates: dups.map(\.0), firstMark: head.2)
  }

  private static func parserError(_ p: yaml_parser_t) -> YAMLComposeError {
    let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
    switch p.error {
    case YAML_MEMORY_ERROR:
      return YAMLComposeError(kind: .memory, problem: "out of memory", mark: Mark(line: 1, column: 1))
    case YAML_READER_ERROR:
      return YAMLComposeError(
        kind: .reader, problem: problem, mark: Mark(line: 1, column: 1), readerOffset: Int(p.problem_offset))
    default:
      let context: (text: String, mark: Mark)? = p.context.map {
        (text: String(cString: $0), mark: mark(p.context_mark))
      }
      return YAMLComposeError(kind: .syntax, problem: problem, mark: mark(p.problem_mark), context: context)
    }
  }
}
