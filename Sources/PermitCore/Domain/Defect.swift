/// A defect found in a packet, in the stable vocabulary of domain.md: `missing:degree`,
/// `stale:criminal-record`, `mismatch:name`, `category-unsupported`, `out-of-jurisdiction`, …
public struct Defect: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The family of defect (the part before the colon).
  public enum Kind: String, CaseIterable, Hashable, Sendable {
    case missing, expired, stale, unauthenticated, untranslated, unsigned, unsealed
    /// Not in the required technical form (a photo that is not ICAO 9303 compliant).
    case noncompliant
    case wrongIssuer = "wrong-issuer"
    case mismatch
    case categoryUnsupported = "category-unsupported"
    case lateFiling = "late-filing"
    case earlyFiling = "early-filing"
    case wrongProcedure = "wrong-procedure"
    case outOfJurisdiction = "out-of-jurisdiction"

    /// Whether the code carries a subject after a colon.
    public var takesSubject: Bool { self != .categoryUnsupported && self != .outOfJurisdiction }
  }

  /// The family.
  public let kind: Kind
  /// The material, field, rule or reason after the colon; nil for subject-less kinds.
  public let subject: String?
  /// The full code, e.g. `missing:degree`.
  public let code: String

  /// Creates a defect of a kind about a subject.
  public init(_ kind: Kind, _ subject: String? = nil) {
    self.kind = kind
    self.subject = kind.takesSubject ? subject : nil
    if let s = self.subject { code = kind.rawValue + ":" + s } else { code = kind.rawValue }
  }

  /// Creates a defect about a material.
  public init(_ kind: Kind, _ material: MaterialKind) { self.init(kind, material.rawValue) }

  /// Parses a code; nil when the family is unknown or a subject is missing or unexpected.
  /// Subjects are checked by ``DefectCatalog`` (which knows the materials, fields and rules).
  public init?(code: String) {
    if let colon = code.firstIndex(of: ":") {
      guard let kind = Kind(rawValue: String(code[..<colon])), kind.takesSubject else { return nil }
      let subject = String(code[code.index(after: colon)...])
      guard !subject.isEmpty else { return nil }
      self.init(kind, subject)
    } else {
      guard let kind = Kind(rawValue: code), !kind.takesSubject else { return nil }
      self.init(kind)
    }
  }

  public var description: String { code }
  public static func < (l: Defect, r: Defect) -> Bool { l.code < r.code }
}

/// Every defect code the examiner can produce: the closed vocabulary used by answer keys,
/// decisions at the REPL, completion and the generator.
public enum DefectCatalog {
  /// Fields compared across documents.
  public static let mismatchFields = ["birth-date", "name", "nationality", "passport-number", "signature"]
  /// Timing rules that can be filed late.
  public static let lateFilingRules = ["cancellation", "change", "domestic-permit", "extension"]
  /// Timing rules that can be filed too early.
  public static let earlyFilingRules = ["extension"]
  /// Wrong-procedure reasons.
  public static let wrongProcedureReasons = ["abolished", "nationality-change", "not-a-foreigner", "not-handled"]
  /// Materials with a technical form (`noncompliant:`).
  public static let noncompliantMaterials = ["photo"]

  /// All codes, sorted.
  public static let allCodes: [String] = {
    var codes: [String] = ["category-unsupported", "out-of-jurisdiction"]
    let materials = MaterialKind.allCases.filter { $0 != .commitment }
    for kind in [Defect.Kind.missing, .expired, .stale, .unauthenticated, .untranslated, .unsigned, .unsealed, .wrongIssuer] {
      for m in materials { codes.append(kind.rawValue + ":" + m.rawValue) }
    }
    codes += noncompliantMaterials.map { "noncompliant:" + $0 }
    codes += mismatchFields.map { "mismatch:" + $0 }
    codes += lateFilingRules.map { "late-filing:" + $0 }
    codes += earlyFilingRules.map { "early-filing:" + $0 }
    codes += wrongProcedureReasons.map { "wrong-procedure:" + $0 }
    return codes.sorted()
  }()

  private static let codeSet = Set(allCodes)

  /// Whether a code is in the vocabulary.
  public static func isKnown(_ code: String) -> Bool { codeSet.contains(code) }
}
