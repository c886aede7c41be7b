/// One applicant's submission at a window: the employer, the person, the application and the
/// materials actually handed in. The examiner decides on a packet alone (with a policy pack).
public struct Packet: Hashable, Sendable {
  /// District of the window that receives the packet (`chaoyang`).
  public var window: String
  /// When the window received it.
  public var submitted: Timestamp
  /// The policy pack the packet names, if any.
  public var policy: String?
  /// The employer that files the application.
  public var employer: Employer
  /// The foreign applicant, as on the passport.
  public var applicant: Applicant
  /// What is applied for.
  public var application: Application
  /// What was handed in; a kind that is absent is missing.
  public var materials: [Material]

  /// Creates a packet.
  public init(
    window: String, submitted: Timestamp, policy: String? = nil, employer: Employer, applicant: Applicant,
    application: Application, materials: [Material]
  ) {
    self.window = window
    self.submitted = submitted
    self.policy = policy
    self.employer = employer
    self.applicant = applicant
    self.application = application
    self.materials = materials
  }

  /// The first material of a kind, if handed in.
  public func material(_ kind: MaterialKind) -> Material? { materials.first { $0.kind == kind } }
}

/// The employer filing the application.
public struct Employer: Hashable, Sendable {
  /// Registered name.
  public var name: String
  /// District where the employer is registered (`chaoyang`, or any other district name).
  public var district: String
  /// Creates an employer.
  public init(name: String, district: String) {
    self.name = name
    self.district = district
  }
}

/// The applicant's identity, as on the passport (the reference every other document is checked
/// against).
public struct Applicant: Hashable, Sendable {
  /// Name as on the passport.
  public var name: String
  /// ISO 3166 alpha-2 nationality.
  public var nationality: String
  /// Date of birth.
  public var birthDate: CivilDate
  /// Passport number.
  public var passportNumber: String
  /// Passport expiry date.
  public var passportExpires: CivilDate
  /// Habitual residence, when not the country of nationality.
  public var residenceCountry: String?
  /// Resident in China since this date (a PSB no-criminal-record certificate needs a year, beijing-2025).
  public var inChinaSince: CivilDate?

  /// Creates an applicant.
  public init(
    name: String, nationality: String, birthDate: CivilDate, passportNumber: String, passportExpires: CivilDate,
    residenceCountry: String? = nil, inChinaSince: CivilDate? = nil
  ) {
    self.inChinaSince = inChinaSince
    self.name = name
    self.nationality = nationality
    self.birthDate = birthDate
    self.passportNumber = passportNumber
    self.passportExpires = passportExpires
    self.residenceCountry = residenceCountry
  }
}

/// The kind of application (the matter the window is asked to accept).
public enum ApplicationType: String, CaseIterable, Hashable, Sendable {
  case overseasNotification = "overseas-notification"
  case domesticPermit = "domestic-permit"
  case `extension` = "extension"
  case change = "change"
  case cancellation = "cancellation"
  case replacement = "replacement"
  /// In-country new application after the previous permit was cancelled (beijing-2025).
  case changeEmployer = "change-employer"

  /// Whether the file carries the current permit's category instead of points (domain.md Part A′ 6):
  /// extension, change, cancellation, replacement and change of employer.
  public var carriesPermitCategory: Bool {
    switch self {
    case .extension, .change, .cancellation, .replacement, .changeEmployer: return true
    case .overseasNotification, .domesticPermit: return false
    }
  }
}

/// Talent categories of the 2017 classification.
public enum Category: String, CaseIterable, Hashable, Sendable, Comparable {
  case a = "A"
  case b = "B"
  case c = "C"

  /// A is the highest rank.
  public var rank: Int {
    switch self {
    case .a: return 3
    case .b: return 2
    case .c: return 1
    }
  }

  public static func < (l: Category, r: Category) -> Bool { l.rank < r.rank }
}

/// What a Category A status rests on, when it rests on one of the items a commitment could
/// otherwise stand in for (domain.md Part C: "unless the A status rests on that item: talent route
/// `degree` / `experience`"). The other direct routes (talent programme, recognised award, …) are
/// ``Application/directQualification``; this names only the degree or the work experience, whose
/// proof must then be handed in itself.
public enum TalentRoute: String, CaseIterable, Hashable, Sendable {
  /// The A status rests on the degree: the degree certificate itself is required.
  case degree
  /// The A status rests on the work experience: the work-experience letter itself is required.
  case experience

  /// The material that proves the item.
  public var material: MaterialKind {
    switch self {
    case .degree: return .degree
    case .experience: return .workExperience
    }
  }
}

/// Highest education.
public enum Education: String, CaseIterable, Hashable, Sendable {
  case none, bachelor, master, doctorate
}

/// What changed, for a change application.
public enum ChangeKind: String, CaseIterable, Hashable, Sendable {
  case passport, name, position
  case employerName = "employer-name"
  case nationality
}

/// Why a replacement card is needed.
public enum ReplacementReason: String, CaseIterable, Hashable, Sendable {
  case lost, damaged
}

/// The application: its type and the facts the rules need.
public struct Application: Hashable, Sendable {
  /// The matter applied for.
  public var type: ApplicationType
  /// The category claimed by the employer, if any.
  public var category: Category?
  /// The position offered.
  public var position: String?
  /// Annual salary paid in China, in CNY.
  public var annualSalary: Int
  /// Months worked in China per year.
  public var monthsInChinaPerYear: Int
  /// Highest education.
  public var education: Education
  /// Years of work related to the post.
  public var relatedExperienceYears: Int
  /// HSK level, 0–6.
  public var hskLevel: Int
  /// A Category A route that needs no points (`talent-programme`, `recognised-award`, …); nil for none.
  public var directQualification: String?
  /// Formerly a Chinese national (Chinese-language points).
  public var formerChineseNational: Bool
  /// Bachelor's degree or higher taught in Chinese (Chinese-language points).
  public var chineseTaughtDegree: Bool
  /// Work located in a special area (western region, old industrial bases, poverty counties).
  public var specialArea: Bool
  /// Bonus items of the points table (`renowned-university`, `fortune-500`, `patent`, `five-years-in-china`).
  public var bonuses: [String]
  /// Local encouragement points granted by the provincial authority (0–10).
  public var localPoints: Int
  /// Domestic permit: date of entry on the Z visa.
  public var entryDate: CivilDate?
  /// Extension: current permit's expiry.
  public var permitExpires: CivilDate?
  /// Change: what changed and when.
  public var change: Change?
  /// Cancellation: the end of the contract.
  public var contractEnd: CivilDate?
  /// Replacement: lost or damaged.
  public var replacementReason: ReplacementReason?
  /// The permit was (or is being renewed after being) granted on the employer's salary commitment.
  public var salaryCommitment: Bool
  /// Change of employer: the day the previous permit was cancelled.
  public var permitCancelled: CivilDate?
  /// Category A resting on the degree or the work experience (no commitment for that item); nil
  /// when it rests on neither.
  public var talentRoute: TalentRoute?

  /// A change reported by a change application.
  public struct Change: Hashable, Sendable {
    /// What changed.
    public var kind: ChangeKind
    /// When it changed.
    public var date: CivilDate
    /// Creates a change.
    public init(kind: ChangeKind, date: CivilDate) {
      self.kind = kind
      self.date = date
    }
  }

  /// Creates an application; every fact but the type has a neutral default.
  public init(
    type: ApplicationType, category: Category? = nil, position: String? = nil, annualSalary: Int = 0,
    monthsInChinaPerYear: Int = 0, education: Education = .none, relatedExperienceYears: Int = 0,
    hskLevel: Int = 0, directQualification: String? = nil, formerChineseNational: Bool = false,
    chineseTaughtDegree: Bool = false, specialArea: Bool = false, bonuses: [String] = [], localPoints: Int = 0,
    entryDate: CivilDate? = nil, permitExpires: CivilDate? = nil, change: Change? = nil,
    contractEnd: CivilDate? = nil, replacementReason: ReplacementReason? = nil, salaryCommitment: Bool = false,
    permitCancelled: CivilDate? = nil, talentRoute: TalentRoute? = nil
  ) {
    self.talentRoute = talentRoute
    self.salaryCommitment = salaryCommitment
    self.permitCancelled = permitCancelled
    self.type = type
    self.category = category
    self.position = position
    self.annualSalary = annualSalary
    self.monthsInChinaPerYear = monthsInChinaPerYear
    self.education = education
    self.relatedExperienceYears = relatedExperienceYears
    self.hskLevel = hskLevel
    self.directQualification = directQualification
    self.formerChineseNational = formerChineseNational
    self.chineseTaughtDegree = chineseTaughtDegree
    self.specialArea = specialArea
    self.bonuses = bonuses
    self.localPoints = localPoints
    self.entryDate = entryDate
    self.permitExpires = permitExpires
    self.change = change
    self.contractEnd = contractEnd
    self.replacementReason = replacementReason
  }
}
