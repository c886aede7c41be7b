/// The window's acceptance outcome (Administrative Licensing Law art. 32).
public enum Outcome: String, CaseIterable, Hashable, Sendable, Codable {
  /// Within jurisdiction, complete and in legal form: acceptance notice.
  case accept
  /// Category A accepted with items still to come (容缺受理).
  case acceptPending = "accept-pending"
  /// One-time notice listing every defect (一次性告知).
  case supplement
  /// Refusal of acceptance with the reason and the competent body (不予受理).
  case refuse

  /// Whether the outcome accepts the application (the Center then decides).
  public var isAcceptance: Bool { self == .accept || self == .acceptPending }

  /// The notice the window issues for this outcome.
  public var noticeName: String {
    switch self {
    case .accept: return "acceptance notice"
    case .acceptPending: return "acceptance notice (items pending)"
    case .supplement: return "one-time supplement notice"
    case .refuse: return "refusal-of-acceptance notice"
    }
  }
}

/// One thing the examiner found: the defect code, the rule behind it, the evidence (material and
/// field) and what the employer must do.
public struct Finding: Hashable, Sendable {
  /// The defect (or compliance breach, or flag) code.
  public var defect: Defect
  /// The policy rule applied.
  public var rule: RuleID
  /// The material the evidence is on, if any.
  public var material: MaterialKind?
  /// The field of the packet the evidence is in (`issued`, `passport-expires`, …), if any.
  public var field: String?
  /// What is wrong, concretely ("issued 2017-01-02, more than 6 months before 2017-07-03").
  public var detail: String
  /// How to put it right.
  public var fix: String
  /// The detail and the fix in language-neutral form (codes, dates and numbers), for an interface
  /// that renders them in another language; `detail` and `fix` are its English rendering.
  public var reason: FindingReason

  /// Creates a finding.
  public init(
    defect: Defect, rule: RuleID, material: MaterialKind? = nil, field: String? = nil, detail: String, fix: String,
    reason: FindingReason
  ) {
    self.reason = reason
    self.defect = defect
    self.rule = rule
    self.material = material
    self.field = field
    self.detail = detail
    self.fix = fix
  }
}

/// The examiner's decision on one packet: a pure function of (packet, policy pack).
public struct Decision: Hashable, Sendable {
  /// The outcome.
  public var outcome: Outcome
  /// Every defect found, with rule and evidence, sorted by code; empty for acceptances.
  public var findings: [Finding]
  /// For a refusal: the competent body (a district window or the municipal Center); else nil.
  public var referTo: String?
  /// The points breakdown of the 2017 table.
  public var points: PointsBreakdown
  /// The category the points and qualifications support; for a file that carries the permit's
  /// category (Part A′ 6), that category.
  public var computedCategory: Category
  /// Whether points were computed (false for renewal files, which carry the permit's category).
  public var pointsComputed: Bool
  /// The category the employer claimed, if any.
  public var claimedCategory: Category?
  /// Applicant's age in whole years on the day of receipt.
  public var age: Int
  /// The window's local date of receipt.
  public var receiptDate: CivilDate
  /// The last day for the acceptance decision or one-time notice (working days).
  public var acceptanceDeadline: CivilDate
  /// For accept-pending: the materials still to come.
  public var pending: [MaterialKind]
  /// For accept-pending: why each item is pending.
  public var pendingFindings: [Finding]
  /// Compliance breaches recorded on an accepted case (late change or cancellation), not defects.
  public var compliance: [Finding]
  /// Matters flagged for the Center's attention (for example age over 60 for Category B).
  public var flags: [Flag]
  /// The policy rules applied, sorted.
  public var rules: [RuleID]
  /// Remarks about the decision itself (for example a date outside the pack's calendar).
  public var notes: [String]
  /// The notes in language-neutral form, one per note (see ``Finding/reason``).
  public var noteReasons: [FindingReason] = []

  /// The defect codes, sorted.
  public var defects: [Defect] { findings.map(\.defect) }
}

/// A matter the window flags for the Center without refusing or asking for correction (the Center
/// decides on substantive eligibility).
public struct Flag: Hashable, Sendable {
  /// A stable code, e.g. `age-over-limit:B`.
  public var code: String
  /// The rule behind it.
  public var rule: RuleID
  /// The field of the packet the evidence is in.
  public var field: String?
  /// What was noticed.
  public var detail: String
  /// The detail in language-neutral form (see ``Finding/reason``).
  public var reason: FindingReason
  /// Creates a flag.
  public init(code: String, rule: RuleID, field: String?, detail: String, reason: FindingReason) {
    self.reason = reason
    self.code = code
    self.rule = rule
    self.field = field
    self.detail = detail
  }
}
