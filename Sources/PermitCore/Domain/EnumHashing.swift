// The domain's enums have String raw values (the words of the YAML files). Left alone, Swift
// compares and hashes such enums through their raw value, character by character; the examiner
// does that thousands of times a second in sets of materials and rules. These conformances compare
// and hash the case itself (a one-byte tag; `EnumHashingTests` checks the layout) instead.

extension MaterialKind {
  @inline(__always) var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }
  public static func == (l: MaterialKind, r: MaterialKind) -> Bool { l.ordinal == r.ordinal }
  public func hash(into h: inout Hasher) { h.combine(ordinal) }
}

extension RuleID {
  @inline(__always) var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }
  public static func == (l: RuleID, r: RuleID) -> Bool { l.ordinal == r.ordinal }
  public func hash(into h: inout Hasher) { h.combine(ordinal) }
}

extension ApplicationType {
  @inline(__always) var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }
  public static func == (l: ApplicationType, r: ApplicationType) -> Bool { l.ordinal == r.ordinal }
  public func hash(into h: inout Hasher) { h.combine(ordinal) }
}

extension Authentication {
  @inline(__always) var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }
  public static func == (l: Authentication, r: Authentication) -> Bool { l.ordinal == r.ordinal }
  public func hash(into h: inout Hasher) { h.combine(ordinal) }
}

extension Education {
  @inline(__always) var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }
  public static func == (l: Education, r: Education) -> Bool { l.ordinal == r.ordinal }
  public func hash(into h: inout Hasher) { h.combine(ordinal) }
}

extension Category {
  @inline(__always) var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }
  public static func == (l: Category, r: Category) -> Bool { l.ordinal == r.ordinal }
  public func hash(into h: inout Hasher) { h.combine(ordinal) }
}

/// A set of rules as a bit mask (the examiner collects the rules it applies on every decision).
struct RuleMask {
  private(set) var bits: UInt64 = 0
  /// Rules sorted by id, once.
  static let sortedRules = RuleID.allCases.sorted { $0.rawValue < $1.rawValue }
  init(_ rules: [RuleID] = []) { for r in rules { insert(r) } }
  mutating func insert(_ r: RuleID) { bits |= 1 << UInt64(r.ordinal) }
  func contains(_ r: RuleID) -> Bool { bits & (1 << UInt64(r.ordinal)) != 0 }
  /// The rules, sorted by id.
  var sorted: [RuleID] { RuleMask.sortedRules.filter(contains) }
}
