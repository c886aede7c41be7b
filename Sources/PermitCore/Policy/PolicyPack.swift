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
  /// The districts the pack knows (Part A′ 2: Beijing's 16, plus `e-town` where the pack names it).
  public var districts: [String] = District.beijing
  /// The day the pack's rules come into force, if stated.
  public var effectiveFrom: CivilDate?
  /// Application types abolished by the pack's rules: refused as `wrong-procedure:abolished`.
  public var abolishedTypes: [ApplicationType: AbolishedProcedure] = [:]
  /// Examiner rules that are not data (a new kind of check), switched on by the pack.
  public var examinerRules: Set<ExaminerRule> = []
  /// Materials a written commitment stands in for whatever the category, by application type.
  public var commitmentAnyCategory: [ApplicationType: Set<MaterialKind>] = [:]

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

  /// Rule ids the code can cite under this pack that it does not define (a pack is only valid when
  /// empty). Rules of features the pack does not use (abolished procedures, photos, the change of
  /// employer, the criminal-record forms) are needed only when the pack uses them.
  public var undefinedRules: [RuleID] { RuleID.allCases.filter { rules[$0] == nil && uses($0) } }

  /// Whether the examiner can cite `rule` under this pack.
  public func uses(_ rule: RuleID) -> Bool {
    switch rule {
    case .abolishedProcedure: return !abolishedTypes.isEmpty
    case .photo: return requiredMaterials.values.contains { $0.mentions(.photo) }
    case .changeEmployer: return handledTypes.contains(.changeEmployer)
    case .criminalRecordForm: return examinerRules.contains(.criminalRecordForms)
    case .domesticPermitDeadline: return handledTypes.contains(.domesticPermit)
    default: return true
    }
  }

  /// Working days for the window's acceptance decision (or one-time notice, or refusal) for a
  /// file of a category.
  public func acceptanceWorkingDays(for category: Category) -> Int {
    category == .a ? timeLimits.acceptanceWorkingDaysCategoryA ?? timeLimits.acceptanceWorkingDays
      : timeLimits.acceptanceWorkingDays
  }

  /// Working days for the Center's decision on an accepted file: the limit the pack sets for the
  /// application type, else by category (Category A, everyone else; domain.md Part A′ 6).
  public func centerDecisionWorkingDays(for type: ApplicationType, category: Category) -> Int {
    if let days = timeLimits.centerDecisionWorkingDaysByType[type] { return days }
    return category == .a ? timeLimits.centerDecisionWorkingDaysCategoryA : timeLimits.centerDecisionWorkingDays
  }
}

/// A procedure the pack's rules abolished.
public struct AbolishedProcedure: Hashable, Sendable {
  /// Abolished from this day.
  public var since: CivilDate
  /// What replaces it, for the refusal notice.
  public var replacedBy: String
  /// The same in Simplified Chinese, when the pack gives it (`replaced-by: {en: …, zh: …}`).
  public var replacedByZh: String?
  /// Creates an abolished procedure.
  public init(since: CivilDate, replacedBy: String, replacedByZh: String? = nil) {
    self.since = since
    self.replacedBy = replacedBy
    self.replacedByZh = replacedByZh
  }
}

/// An examiner rule that is a new kind of check rather than a value, switched on by a pack.
public enum ExaminerRule: String, CaseIterable, Hashable, Sendable {
  /// beijing-2025's no-criminal-record forms: a sworn self-declaration is not accepted; a non-sworn
  /// certificate of a foreign mission in China needs no further authentication; a public security
  /// bureau certificate is accepted for an applicant resident in China at least a year.
  case criminalRecordForms = "criminal-record-forms"
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
  /// The window's limit for a Category A file, when shorter (nil: as for any file).
  public var acceptanceWorkingDaysCategoryA: Int?
  /// The Center's limit per application type, overriding the category limits.
  public var centerDecisionWorkingDaysByType: [ApplicationType: Int] = [:]
  /// Whether `changeDays` counts working days (else calendar days).
  public var changeInWorkingDays = false
  /// Change of employer: a stay visa counts instead of a residence permit within this many calendar
  /// days of the previous permit's cancellation.
  public var changeEmployerVisaDays: Int?
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
  /// Documents that need no Chinese translation even when not in Chinese (Part A′ 4: the passport);
  /// every other document not in Chinese needs one sealed by the employer.
  public var translationExempt: Set<MaterialKind>
  /// Documents that must themselves be in Chinese.
  public var chineseRequired: Set<MaterialKind>
  /// Documents that must be signed by the applicant.
  public var mustBeSigned: Set<MaterialKind>
  /// Documents that must be sealed (by the employer, or by the former employer for work experience).
  public var mustBeSealed: Set<MaterialKind>

  /// Creates document rules.
  public init(
    authenticationRoutes: [MaterialKind: Set<Authentication>], specialRegionRoutes: [MaterialKind: Set<Authentication>],
    specialRegions: Set<String>, apostilleAcceptedFrom: CivilDate?, translationExempt: Set<MaterialKind>,
    chineseRequired: Set<MaterialKind>, mustBeSigned: Set<MaterialKind>, mustBeSealed: Set<MaterialKind>
  ) {
    self.authenticationRoutes = authenticationRoutes
    self.specialRegionRoutes = specialRegionRoutes
    self.specialRegions = specialRegions
    self.apostilleAcceptedFrom = apostilleAcceptedFrom
    self.translationExempt = translationExempt
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
  /// Also required when the category rests on points (no direct qualification).
  public var byPointsCategory: [Category: [MaterialKind]] = [:]
  /// Also required, by the permit's category, when the permit was granted on a salary commitment.
  public var withSalaryCommitment: [Category: [MaterialKind]] = [:]
  /// Alternatives: one material of each group is required.
  public var anyOf: [[MaterialKind]] = []
  /// Also required for a Category A that rests on this item (``TalentRoute``); no commitment stands
  /// in for these (beijing-2025: "unless the A status rests on that item").
  public var byTalentRoute: [TalentRoute: [MaterialKind]] = [:]

  /// Whether the list names a material anywhere.
  public func mentions(_ kind: MaterialKind) -> Bool {
    let all = always + withDirectQualification + anyOf.flatMap { $0 } + byTalentRoute.values.flatMap { $0 }
      + [byCategory, byPointsCategory, withSalaryCommitment].flatMap { $0.values.flatMap { $0 } }
      + byReplacementReason.values.flatMap { $0 }
    return all.contains(kind)
  }

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
