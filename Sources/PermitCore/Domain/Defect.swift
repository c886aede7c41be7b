/// A defect found in a packet, in the stable vocabulary of domain.md: `missing:degree`,
/// `stale:criminal-record`, `mismatch:name`, `category-unsupported`, `out-of-jurisdiction`, …
public struct Defect: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The family of defect (the part before the colon).
  public enum Kind: String, CaseIterable, Hashable, Sendable {
    case missing, expired, stale, unauthenticated, untranslated, unsigned, unsealed
    /// Not in the required form or terms: a photo that is not ICAO 9303 compliant; a change of
    /// employer's contract that starts before the previous permit was cancelled.
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
///
/// A code is a family and, for most families, a subject. Only the pairs in ``validSubjects`` exist
/// (domain.md Part A′ 9): `stale:` applies to certificates with an issue-date rule, `expired:` to
/// documents that carry an expiry date, and so on. An impossible pair such as `stale:passport` is a
/// malformed code: refused with a hint wherever it is typed or written (REPL, scenario files,
/// generator), never scored as an "invented defect".
///
/// To add a material or a defect: add the material to ``MaterialKind`` (or the family to
/// ``Defect/Kind``) and its subjects to the one table below; everything else (the REPL's check and
/// completion, the loader, `check`, the generator) reads this table.
public enum DefectCatalog {
  /// Fields compared across documents.
  public static let mismatchFields = ["birth-date", "name", "nationality", "passport-number", "signature"]
  /// Timing rules that can be filed late.
  public static let lateFilingRules = ["cancellation", "change", "domestic-permit", "extension"]
  /// Timing rules that can be filed too early.
  public static let earlyFilingRules = ["extension"]
  /// Wrong-procedure reasons.
  public static let wrongProcedureReasons = ["abolished", "nationality-change", "not-a-foreigner", "not-handled"]
  /// Materials with a required form or terms (`noncompliant:`): the photo (ICAO 9303), the change
  /// of employer's contract (starts on or after the previous permit's cancellation).
  public static let noncompliantMaterials = ["contract", "photo"]

  /// Every material that can be required (all but the commitment that stands in for one).
  static let requirable = MaterialKind.allCases.filter { $0 != .commitment }.map(\.rawValue)
  static func names(_ kinds: MaterialKind...) -> [String] { kinds.map(\.rawValue) }

  /// THE table of valid pairs: for each family that takes a subject, the subjects it applies to.
  /// Families without a subject (`category-unsupported`, `out-of-jurisdiction`) are codes alone.
  public static let validSubjects: [Defect.Kind: [String]] = [
    // Any required material can be missing.
    .missing: requirable,
    // Documents that carry an expiry date (the passport's is the 6-month validity rule).
    .expired: names(.passport, .residencePermit, .workPermitCard, .notificationLetter, .visaEntry),
    // Certificates and photos with an issue-date rule (policy `validity.max-age-months`).
    .stale: names(.criminalRecord, .healthCertificate, .photo),
    // Foreign documents with an authentication route (policy `documents.authentication`).
    .unauthenticated: names(.degree, .criminalRecord, .workExperience, .healthCertificate, .talentProof),
    // Documents that may be in another language (Part A′ 4: whatever their kind, except the
    // passport and the photo, which the packs exempt; the contract must be in Chinese).
    .untranslated: requirable.filter { $0 != MaterialKind.passport.rawValue && $0 != MaterialKind.photo.rawValue },
    // Documents the applicant signs (policy `documents.must-be-signed`).
    .unsigned: names(.applicationForm, .contract, .lossStatement),
    // Documents an employer seals (policy `documents.must-be-sealed`).
    .unsealed: names(.applicationForm, .contract, .workExperience, .changeProof, .terminationProof, .salaryCommitment),
    // Materials with a required form or terms.
    .noncompliant: noncompliantMaterials,
    // Documents whose issuer is ruled (criminal record: country of nationality or residence).
    .wrongIssuer: names(.criminalRecord),
    .mismatch: mismatchFields,
    .lateFiling: lateFilingRules,
    .earlyFiling: earlyFilingRules,
    .wrongProcedure: wrongProcedureReasons,
  ]

  /// All codes, sorted.
  public static let allCodes: [String] = {
    var codes: [String] = []
    for kind in Defect.Kind.allCases {
      if kind.takesSubject {
        codes += (validSubjects[kind] ?? []).map { kind.rawValue + ":" + $0 }
      } else {
        codes.append(kind.rawValue)
      }
    }
    return codes.sorted()
  }()

  private static let codeSet = Set(allCodes)

  /// Whether a code is in the vocabulary (a known family with a valid subject).
  public static func isKnown(_ code: String) -> Bool { codeSet.contains(code) }

  /// The examiner's rule behind a defect code (what a missed or invented defect cites).
  public static func rule(of code: String) -> RuleID {
    guard let d = Defect(code: code) else { return .oneTimeNotice }
    switch d.kind {
    case .missing: return .requiredMaterials
    case .expired: return d.subject == MaterialKind.passport.rawValue ? .passportValidity : .documentExpiry
    case .stale: return d.subject == MaterialKind.photo.rawValue ? .photo : .certificateAge
    case .noncompliant: return d.subject == MaterialKind.contract.rawValue ? .changeEmployer : .photo
    case .unauthenticated: return .authentication
    case .untranslated: return d.subject == MaterialKind.contract.rawValue ? .contractLanguage : .translation
    case .unsigned, .unsealed: return .signatureAndSeal
    case .wrongIssuer: return .criminalRecordIssuer
    case .mismatch: return .consistency
    case .categoryUnsupported: return .categoryPoints
    case .lateFiling:
      switch d.subject {
      case "change": return .changeDeadline
      case "cancellation": return .cancellationDeadline
      case "domestic-permit": return .domesticPermitDeadline
      default: return .extensionWindow
      }
    case .earlyFiling: return .extensionWindow
    case .wrongProcedure:
      switch d.subject {
      case "nationality-change": return .nationalityChange
      case "not-a-foreigner": return .notAForeigner
      case "abolished": return .abolishedProcedure
      default: return .matterScope
      }
    case .outOfJurisdiction: return .jurisdiction
    }
  }

  /// Why a code that names a known family is not a valid pair, with what to write instead
  /// (`stale:passport` → ``PairProblem/wrongSubject(code:kind:subjects:suggestion:)`` with
  /// `expired:passport`). Nil for a valid code, and for a code whose family or subject is unknown
  /// everywhere (a typo: callers suggest the nearest code instead). The interface renders it in the
  /// session's language (PermitLocalization's `Localized.pairProblem`).
  public static func pairProblem(_ code: String) -> PairProblem? {
    if isKnown(code) { return nil }
    let parts = code.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard let kind = Defect.Kind(rawValue: parts[0]) else { return nil }
    if !kind.takesSubject { return .takesNoSubject(kind) }
    let subjects = validSubjects[kind] ?? []
    guard parts.count == 2, !parts[1].isEmpty else { return .needsSubject(kind, subjects: subjects) }
    let others = Defect.Kind.allCases.filter { $0 != kind && (validSubjects[$0] ?? []).contains(parts[1]) }
    guard !others.isEmpty else { return nil }
    let preferred = others.first { $0 == .expired || $0 == .stale } ?? others.first { $0 != .missing } ?? others[0]
    return .wrongSubject(code: code, kind: kind, subjects: subjects, suggestion: preferred.rawValue + ":" + parts[1])
  }
}

/// Why a defect code of a known family is not a valid pair (``DefectCatalog/pairProblem(_:)``).
public enum PairProblem: Hashable, Sendable, CustomStringConvertible {
  /// A family that takes no subject was written with one (`complete:x`).
  case takesNoSubject(Defect.Kind)
  /// A family that needs a subject was written alone; `subjects` are the valid ones.
  case needsSubject(Defect.Kind, subjects: [String])
  /// A subject the family does not apply to, though another family does (`stale:passport`):
  /// the family's valid subjects and the code to write instead (`expired:passport`).
  case wrongSubject(code: String, kind: Defect.Kind, subjects: [String], suggestion: String)

  /// In English (the interface renders it in the session's language).
  public var description: String {
    switch self {
    case .takesNoSubject(let k): return "'\(k.rawValue)' takes no subject: write it alone"
    case .needsSubject(let k, let subjects): return "'\(k.rawValue)' needs a subject: one of " + subjects.joined(separator: ", ")
    case .wrongSubject(let code, let k, let subjects, let suggestion):
      return "'\(code)' is not a valid pair: \(k.rawValue): applies to " + subjects.joined(separator: ", ")
        + "; did you mean \(suggestion)?"
    }
  }
}
