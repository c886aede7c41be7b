/// A policy pack: every value the rules need (districts, material lists, validity windows, time
/// limits, points table, authentication routes, holiday calendar), loaded from data so that a
/// trainer can switch city or year without a code change. The code holds the *shape* of the rules;
/// this holds the numbers.
public struct PolicyPack: Hashable, Sendable {
  /// `beijing-2017-pilot`, `beijing-2024`, …
  public var id: String
  /// A human title.
  public var title: String
  /// The offset of local time at the windows, in seconds (Beijing: +08:00).
  public var utcOffsetSeconds: Int32
  /// Districts that have a window and accept for their own registered employers.
  public var windows: [String]
  /// The body to refer employers registered elsewhere to.
  public var municipalCenter: String
  /// Application types the windows accept.
  public var handledTypes: Set<ApplicationType>
  /// Time limits.
  public var timeLimits: TimeLimits
  /// Validity windows of documents.
  public var validity: Validity
  /// Authentication and translation routes.
  public var documents: DocumentRules
  /// Required materials per application type.
  public var requiredMaterials: [ApplicationType: RequiredMaterials]
  /// Category A facilitation: acceptance with items pending, and commitments.
  public var categoryA: CategoryAFacilitation
  /// The points table and category thresholds.
  public var points: PointsTable
  /// Types on which the claimed category is checked against the computed one.
  public var categoryCheckedTypes: Set<ApplicationType>
  /// Age above which Category B is flagged for the Center.
  public var categoryBMaxAge: Int
  /// The rules' texts and sources, by id.
  public var rules: [RuleID: PolicyRule]
  /// The working-day calendar.
  public var calendar: HolidayCalendar
  /// When the simulated municipal Center acts on an accepted file (the sandbox's model of its
  /// working rhythm; a pack may set its own).
  public var center: CenterTimings = .standard

  /// Creates a pack.
  public init(
    id: String, title: String, utcOffsetSeconds: Int32, windows: [String], municipalCenter: String,
    handledTypes: Set<ApplicationType>, timeLimits: TimeLimits, validity: Validity, documents: DocumentRules,
    requiredMaterials: [ApplicationType: RequiredMaterials], categoryA: CategoryAFacilitation, points: PointsTable,
    categoryCheckedTypes: Set<ApplicationType>, categoryBMaxAge: Int, rules: [RuleID: PolicyRule],
    calendar: HolidayCalendar
  ) {
    self.id = id
    self.title = title
    self.utcOffsetSeconds = utcOffsetSeconds
    self.windows = windows
    self.municipalCenter = municipalCenter
    self.handledTypes = handledTypes
    self.timeLimits = timeLimits
    self.validity = validity
    self.documents = documents
    self.requiredMaterials = requiredMaterials
    self.categoryA = categoryA
    self.points = points
    self.categoryCheckedTypes = categoryCheckedTypes
    self.categoryBMaxAge = categoryBMaxAge
    self.rules = rules
    self.calendar = calendar
  }

  /// The rule's text, or its id when the pack does not state it.
  public func text(of rule: RuleID) -> String { rules[rule]?.text ?? rule.rawValue }

  /// Rule ids the code cites that this pack does not define (a pack is only valid when empty).
  public var undefinedRules: [RuleID] { RuleID.allCases.filter { rules[$0] == nil } }
}

/// When the municipal Center acts on a file the window accepted: the preliminary review a number of
/// working days after acceptance at a time of day, then the decision within a number of working
/// days (never after its legal deadline) at a time of day.
public struct CenterTimings: Hashable, Sendable {
  /// Working days after acceptance until the preliminary review.
  public var reviewAfterWorkingDays: Int
  /// Minutes after midnight (local) of the preliminary review.
  public var reviewAtMinute: Int
  /// Working days after the preliminary review until the decision (capped by the legal deadline).
  public var decideWithinWorkingDays: Int
  /// Minutes after midnight (local) of the decision.
  public var decideAtMinute: Int
  /// Creates timings.
  public init(reviewAfterWorkingDays: Int, reviewAtMinute: Int, decideWithinWorkingDays: Int, decideAtMinute: Int) {
    self.reviewAfterWorkingDays = reviewAfterWorkingDays
    self.reviewAtMinute = reviewAtMinute
    self.decideWithinWorkingDays = decideWithinWorkingDays
    self.decideAtMinute = decideAtMinute
  }
  /// Review the next working day at 10:00, decide within two working days at 11:00.
  public static let standard = CenterTimings(reviewAfterWorkingDays: 1, reviewAtMinute: 600, decideWithinWorkingDays: 2, decideAtMinute: 660)
}

/// Time limits of a policy pack. Working days use the pack's calendar.
public struct TimeLimits: Hashable, Sendable {
  /// The window's acceptance decision or one-time notice: working days after receipt.
  public var acceptanceWorkingDays: Int
  /// The Center's decision: working days after acceptance.
  public var centerDecisionWorkingDays: Int
  /// The Center's decision for Category A.
  public var centerDecisionWorkingDaysCategoryA: Int
  /// Domestic permit: calendar days after the Z-visa entry.
  public var domesticPermitDaysAfterEntry: Int
  /// Extension: at least this many calendar days before the permit expires.
  public var extensionMinDaysBeforeExpiry: Int
  /// Extension: at most this many calendar days before the permit expires.
  public var extensionMaxDaysBeforeExpiry: Int
  /// Change: calendar days after the change.
  public var changeDays: Int
  /// Cancellation: working days after the contract ends.
  public var cancellationWorkingDays: Int
  /// Years filed documents are kept.
  public var retentionYears: Int
  /// Working days after the end of a month by which its report is due at the Center.
  public var reportDueWorkingDays: Int

  /// Creates time limits.
  public init(
    acceptanceWorkingDays: Int, centerDecisionWorkingDays: Int, centerDecisionWorkingDaysCategoryA: Int,
    domesticPermitDaysAfterEntry: Int, extensionMinDaysBeforeExpiry: Int, extensionMaxDaysBeforeExpiry: Int,
    changeDays: Int, cancellationWorkingDays: Int, retentionYears: Int, reportDueWorkingDays: Int
  ) {
    self.acceptanceWorkingDays = acceptanceWorkingDays
    self.centerDecisionWorkingDays = centerDecisionWorkingDays
    self.centerDecisionWorkingDaysCategoryA = centerDecisionWorkingDaysCategoryA
    self.domesticPermitDaysAfterEntry = domesticPermitDaysAfterEntry
    self.extensionMinDaysBeforeExpiry = extensionMinDaysBeforeExpiry
    self.extensionMaxDaysBeforeExpiry = extensionMaxDaysBeforeExpiry
    self.changeDays = changeDays
    self.cancellationWorkingDays = cancellationWorkingDays
    self.retentionYears = retentionYears
    self.reportDueWorkingDays = reportDueWorkingDays
  }
}

/// Validity windows of documents, in calendar months.
public struct Validity: Hashable, Sendable {
  /// The passport must be valid at least this many months beyond the submission date.
  public var passportMinMonths: Int
  /// Certificates that must be recent: issued at most this many months before submission.
  public var maxAgeMonths: [MaterialKind: Int]
  /// Creates validity windows.
  public init(passportMinMonths: Int, maxAgeMonths: [MaterialKind: Int]) {
    self.passportMinMonths = passportMinMonths
    self.maxAgeMonths = maxAgeMonths
  }
}

/// Authentication, translation, signature and seal rules for documents.
public struct DocumentRules: Hashable, Sendable {
  /// Foreign documents that must be authenticated, with the routes accepted for each.
  public var authenticationRoutes: [MaterialKind: Set<Authentication>]
  /// Routes accepted for documents issued in the special regions (HK, MO, TW).
  public var specialRegionRoutes: [MaterialKind: Set<Authentication>]
  /// Regions whose documents take the special routes.
  public var specialRegions: Set<String>
  /// The date from which apostilles are accepted (nil: never).
  public var apostilleAcceptedFrom: CivilDate?
  /// Documents that need a Chinese translation sealed by the employer when not issued in China.
  public var translationRequired: Set<MaterialKind>
  /// Documents that must themselves be in Chinese.
  public var chineseRequired: Set<MaterialKind>
  /// Documents that must be signed by the applicant.
  public var mustBeSigned: Set<MaterialKind>
  /// Documents that must be sealed (by the employer, or by the former employer for work experience).
  public var mustBeSealed: Set<MaterialKind>

  /// Creates document rules.
  public init(
    authenticationRoutes: [MaterialKind: Set<Authentication>], specialRegionRoutes: [MaterialKind: Set<Authentication>],
    specialRegions: Set<String>, apostilleAcceptedFrom: CivilDate?, translationRequired: Set<MaterialKind>,
    chineseRequired: Set<MaterialKind>, mustBeSigned: Set<MaterialKind>, mustBeSealed: Set<MaterialKind>
  ) {
    self.authenticationRoutes = authenticationRoutes
    self.specialRegionRoutes = specialRegionRoutes
    self.specialRegions = specialRegions
    self.apostilleAcceptedFrom = apostilleAcceptedFrom
    self.translationRequired = translationRequired
    self.chineseRequired = chineseRequired
    self.mustBeSigned = mustBeSigned
    self.mustBeSealed = mustBeSealed
  }
}

/// The materials an application type requires.
public struct RequiredMaterials: Hashable, Sendable {
  /// Always required.
  public var always: [MaterialKind]
  /// Also required for a claimed category.
  public var byCategory: [Category: [MaterialKind]]
  /// Also required when Category A rests on a direct qualification.
  public var withDirectQualification: [MaterialKind]
  /// Also required for a replacement reason.
  public var byReplacementReason: [ReplacementReason: [MaterialKind]]

  /// Creates a list.
  public init(
    always: [MaterialKind], byCategory: [Category: [MaterialKind]] = [:], withDirectQualification: [MaterialKind] = [],
    byReplacementReason: [ReplacementReason: [MaterialKind]] = [:]
  ) {
    self.always = always
    self.byCategory = byCategory
    self.withDirectQualification = withDirectQualification
    self.byReplacementReason = byReplacementReason
  }
}

/// Category A facilitation measures (容缺受理 and commitments).
public struct CategoryAFacilitation: Hashable, Sendable {
  /// Materials that may be missing at acceptance and arrive before the decision.
  public var pendingAllowed: Set<MaterialKind>
  /// Materials a written commitment may stand in for.
  public var commitmentMayReplace: Set<MaterialKind>
  /// Creates the measures.
  public init(pendingAllowed: Set<MaterialKind>, commitmentMayReplace: Set<MaterialKind>) {
    self.pendingAllowed = pendingAllowed
    self.commitmentMayReplace = commitmentMayReplace
  }
}
