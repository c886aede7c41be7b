/// The working-day calendar of a policy pack: weekends off, public holidays off, and the official
/// make-up workdays (调休) worked, one year at a time as the State Council publishes them.
public struct HolidayCalendar: Hashable, Sendable {
  /// A named public holiday: the days off it gives.
  public struct Holiday: Hashable, Sendable {
    /// `spring-festival`, `national-day`, …
    public var name: String
    /// Every day off, weekends inside the break included.
    public var days: [CivilDate]
    /// Creates a holiday.
    public init(name: String, days: [CivilDate]) {
      self.name = name
      self.days = days
    }
  }

  /// A weekend day worked in exchange for a holiday bridge.
  public struct MakeUpWorkday: Hashable, Sendable {
    /// The date worked.
    public var date: CivilDate
    /// The holiday it makes up for.
    public var holiday: String
    /// Creates a make-up workday.
    public init(date: CivilDate, holiday: String) {
      self.date = date
      self.holiday = holiday
    }
  }

  /// One year's official arrangement.
  public struct Year: Hashable, Sendable {
    /// The calendar year.
    public var year: Int
    /// The notice it comes from.
    public var source: String
    /// Public holidays.
    public var holidays: [Holiday]
    /// Make-up workdays.
    public var workdays: [MakeUpWorkday]
    /// Creates a year.
    public init(year: Int, source: String, holidays: [Holiday], workdays: [MakeUpWorkday]) {
      self.year = year
      self.source = source
      self.holidays = holidays
      self.workdays = workdays
    }
  }

  /// The years this calendar covers, by year.
  public private(set) var years: [Int: Year]
  /// Day by day from `firstDay`: 0 = the weekend rule applies, 1 = holiday off, 2 = make-up workday
  /// (a flat table: working-day arithmetic runs on every decision).
  private var marks: [UInt8] = []
  private var firstDay: Int32 = 0

  /// Creates a calendar from yearly arrangements.
  public init(years: [Year]) {
    self.years = [:]
    for y in years { add(y) }
  }

  /// Adds or replaces one year's arrangement.
  public mutating func add(_ year: Year) {
    years[year.year] = year
    rebuildMarks()
  }

  private mutating func rebuildMarks() {
    guard let lo = years.keys.min(), let hi = years.keys.max(), let start = CivilDate(year: lo, month: 1, day: 1),
      let end = CivilDate(year: hi, month: 12, day: 31)
    else {
      marks = []
      return
    }
    firstDay = start.dayNumber
    marks = [UInt8](repeating: 0, count: Int(end.dayNumber - start.dayNumber) + 1)
    for y in years.values {
      for h in y.holidays { for d in h.days { marks[Int(d.dayNumber - firstDay)] = 1 } }
      for w in y.workdays { marks[Int(w.date.dayNumber - firstDay)] = 2 }
    }
  }

  @inline(__always) private func mark(_ date: CivilDate) -> UInt8 {
    let i = Int(date.dayNumber) - Int(firstDay)
    return i >= 0 && i < marks.count ? marks[i] : 0
  }

  /// Whether the calendar has the official arrangement for the year of `date`.
  public func covers(_ date: CivilDate) -> Bool { years[date.year] != nil }

  /// The holiday a date belongs to, if any.
  public func holiday(on date: CivilDate) -> String? {
    guard mark(date) == 1, let y = years[date.year] else { return nil }
    return y.holidays.first { $0.days.contains(date) }?.name
  }

  /// Whether a make-up workday falls on `date`.
  public func isMakeUpWorkday(_ date: CivilDate) -> Bool { mark(date) == 2 }

  /// Whether staff work on `date`: a weekday that is not a holiday, or a make-up workday.
  public func isWorkingDay(_ date: CivilDate) -> Bool {
    switch mark(date) {
    case 1: return false
    case 2: return true
    default: return !date.isWeekend
    }
  }

  /// The `n`-th working day after `start`: day 1 is the first working day after the day of receipt.
  /// `n = 0` returns `start` itself.
  public func addingWorkingDays(_ n: Int, to start: CivilDate) -> CivilDate {
    var d = start
    var left = n
    while left > 0 {
      d = d.adding(days: 1)
      if isWorkingDay(d) { left -= 1 }
    }
    return d
  }

  /// Working days after `start` up to and including `end` (0 when `end` is not after `start`).
  public func workingDays(after start: CivilDate, through end: CivilDate) -> Int {
    guard end > start else { return 0 }
    var count = 0
    var d = start.adding(days: 1)
    while d <= end {
      if isWorkingDay(d) { count += 1 }
      d = d.adding(days: 1)
    }
    return count
  }

  /// The first working day on or after `date`.
  public func workingDay(onOrAfter date: CivilDate) -> CivilDate {
    var d = date
    while !isWorkingDay(d) { d = d.adding(days: 1) }
    return d
  }
}
