/// The points table of a policy pack (by default the 2017 interim table, domain.md §2.2) and the
/// thresholds that turn points into a category.
public struct PointsTable: Hashable, Sendable {
  /// A lower-inclusive band: values at or above `min` score `points` (the highest matching band wins).
  public struct Band: Hashable, Sendable {
    /// Lower bound, inclusive.
    public var min: Int
    /// Points scored.
    public var points: Int
    /// Creates a band.
    public init(min: Int, points: Int) {
      self.min = min
      self.points = points
    }
  }

  /// An inclusive age band.
  public struct AgeBand: Hashable, Sendable {
    /// Youngest age in the band.
    public var from: Int
    /// Oldest age in the band.
    public var to: Int
    /// Points scored.
    public var points: Int
    /// Creates an age band.
    public init(from: Int, to: Int, points: Int) {
      self.from = from
      self.to = to
      self.points = points
    }
  }

  /// Salary bands in CNY a year.
  public var salary: [Band]
  /// Points per education level.
  public var education: [Education: Int]
  /// Related experience: below `experienceMinYears` scores 0; at it, `experienceBase`; each year beyond
  /// adds `experiencePerYear`; capped at `experienceCap`.
  public var experienceMinYears: Int
  /// Points at exactly the minimum years.
  public var experienceBase: Int
  /// Points per extra year.
  public var experiencePerYear: Int
  /// Cap of the experience factor.
  public var experienceCap: Int
  /// Months worked in China per year.
  public var monthsInChina: [Band]
  /// Points per HSK level (index = level); capped at `chineseCap`.
  public var hsk: [Int: Int]
  /// Points for a former Chinese national.
  public var formerChineseNational: Int
  /// Points for a degree taught in Chinese.
  public var chineseTaughtDegree: Int
  /// Cap of the Chinese-language factor.
  public var chineseCap: Int
  /// Points for work in a special area.
  public var specialArea: Int
  /// Age bands; an age in no band scores 0.
  public var age: [AgeBand]
  /// Points per bonus item, by name.
  public var bonusItems: [String: Int]
  /// Cap of the bonus factor.
  public var bonusCap: Int
  /// Cap of local encouragement points.
  public var localCap: Int
  /// Points at or above which the category is A.
  public var thresholdA: Int
  /// Points at or above which the category is B.
  public var thresholdB: Int

  /// Creates a table.
  public init(
    salary: [Band], education: [Education: Int], experienceMinYears: Int, experienceBase: Int,
    experiencePerYear: Int, experienceCap: Int, monthsInChina: [Band], hsk: [Int: Int],
    formerChineseNational: Int, chineseTaughtDegree: Int, chineseCap: Int, specialArea: Int, age: [AgeBand],
    bonusItems: [String: Int], bonusCap: Int, localCap: Int, thresholdA: Int, thresholdB: Int
  ) {
    self.salary = salary.sorted { $0.min > $1.min }
    self.education = education
    self.experienceMinYears = experienceMinYears
    self.experienceBase = experienceBase
    self.experiencePerYear = experiencePerYear
    self.experienceCap = experienceCap
    self.monthsInChina = monthsInChina.sorted { $0.min > $1.min }
    self.hsk = hsk
    self.formerChineseNational = formerChineseNational
    self.chineseTaughtDegree = chineseTaughtDegree
    self.chineseCap = chineseCap
    self.specialArea = specialArea
    self.age = age
    self.bonusItems = bonusItems
    self.bonusCap = bonusCap
    self.localCap = localCap
    self.thresholdA = thresholdA
    self.thresholdB = thresholdB
  }

  static func band(_ bands: [Band], _ value: Int) -> Int {
    for b in bands where value >= b.min { return b.points }
    return 0
  }

  /// Scores an application for someone of `age` whole years.
  public func score(_ app: Application, age: Int) -> PointsBreakdown {
    var p = PointsBreakdown()
    p.salary = PointsTable.band(salary, app.annualSalary)
    p.education = education[app.education] ?? 0
    if app.relatedExperienceYears >= experienceMinYears {
      p.experience = min(
        experienceCap, experienceBase + (app.relatedExperienceYears - experienceMinYears) * experiencePerYear)
    }
    p.monthsInChina = PointsTable.band(monthsInChina, app.monthsInChinaPerYear)
    var chinese = hsk[app.hskLevel] ?? 0
    if app.formerChineseNational { chinese = max(chinese, formerChineseNational) }
    if app.chineseTaughtDegree { chinese = max(chinese, chineseTaughtDegree) }
    p.chinese = min(chineseCap, chinese)
    p.location = app.specialArea ? specialArea : 0
    p.age = self.age.first { age >= $0.from && age <= $0.to }?.points ?? 0
    p.bonus = min(bonusCap, app.bonuses.reduce(0) { $0 + (bonusItems[$1] ?? 0) })
    p.local = max(0, min(localCap, app.localPoints))
    return p
  }

  /// The category points alone support.
  public func category(forPoints total: Int) -> Category {
    total >= thresholdA ? .a : total >= thresholdB ? .b : .c
  }
}

/// Points per factor of the table, and their total.
public struct PointsBreakdown: Hashable, Sendable {
  /// Annual salary.
  public var salary = 0
  /// Education.
  public var education = 0
  /// Related work experience.
  public var experience = 0
  /// Months in China per year.
  public var monthsInChina = 0
  /// Chinese language.
  public var chinese = 0
  /// Work location.
  public var location = 0
  /// Age.
  public var age = 0
  /// Renowned university, Fortune 500, IP, years in China.
  public var bonus = 0
  /// Local encouragement.
  public var local = 0

  /// Creates an empty breakdown.
  public init() {}

  /// The total.
  public var total: Int { salary + education + experience + monthsInChina + chinese + location + age + bonus + local }

  /// The factors in the order of the table, with their names.
  public var factors: [(name: String, points: Int)] {
    [
      ("salary", salary), ("education", education), ("experience", experience), ("months-in-china", monthsInChina),
      ("chinese", chinese), ("location", location), ("age", age), ("bonus", bonus), ("local", local),
    ]
  }
}
