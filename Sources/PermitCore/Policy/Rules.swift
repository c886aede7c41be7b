/// The identifiers of the rules the core applies. Each is defined (text and sources) in every
/// policy pack, and cited by decisions, debriefs and reports. This enum is the one place where the
/// code names a rule.
public enum RuleID: String, CaseIterable, Hashable, Sendable, Comparable {
  case jurisdiction
  case matterScope = "matter-scope"
  case requiredMaterials = "required-materials"
  case passportValidity = "passport-validity"
  case certificateAge = "certificate-age"
  case criminalRecordIssuer = "criminal-record-issuer"
  case authentication
  case apostille
  case translation
  case contractLanguage = "contract-language"
  case signatureAndSeal = "signature-and-seal"
  case documentExpiry = "document-expiry"
  case consistency
  case categoryPoints = "category-points"
  case acceptPending = "accept-pending"
  case commitment
  case oneTimeNotice = "one-time-notice"
  case acceptanceTimeLimit = "acceptance-time-limit"
  case deemedAcceptance = "deemed-acceptance"
  case centerTimeLimit = "center-time-limit"
  case domesticPermitDeadline = "domestic-permit-deadline"
  case extensionWindow = "extension-window"
  case changeDeadline = "change-deadline"
  case nationalityChange = "nationality-change"
  case cancellationDeadline = "cancellation-deadline"
  case ageLimitB = "age-limit-b"
  case doublePost = "double-post"
  case filingRetention = "filing-retention"
  case monthlyReport = "monthly-report"
  case workingDays = "working-days"
  case notAForeigner = "not-a-foreigner"
  case abolishedProcedure = "abolished-procedure"
  case photo
  case changeEmployer = "change-employer"
  case criminalRecordForm = "criminal-record-form"

  public static func < (l: RuleID, r: RuleID) -> Bool { l.rawValue < r.rawValue }
}

/// A rule as a policy pack states it: a one-line text a clerk can read and the sources behind it.
public struct PolicyRule: Hashable, Sendable {
  /// The rule's id.
  public var id: RuleID
  /// One line a clerk understands ("Passport valid at least 6 months beyond the submission date.").
  public var text: String
  /// The same line in Simplified Chinese, when the pack gives it (`text: {en: …, zh: …}`).
  public var textZh: String?
  /// Source ids: `S39` (domain.md Part B) or `T1` (research-2024-rules.md); never empty in a valid pack.
  public var sources: [String]
  /// How far the sources can be trusted (`high`, `medium`, `medium-low`, …), when the pack says.
  public var confidence: String?
  /// Creates a rule.
  public init(id: RuleID, text: String, sources: [String], confidence: String? = nil) {
    self.id = id
    self.text = text
    self.sources = sources
    self.confidence = confidence
  }
}
