/// A calendar date without a time of day (proleptic Gregorian), as written on documents: `2017-07-03`.
///
/// Stored as a day count so that comparisons and day arithmetic are cheap and exact.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let dayNumber: Int32

  /// Creates a date from its day number (days since 1970-01-01).
  public init(dayNumber: Int32) { self.dayNumber = dayNumber }

  /// Creates a date from year, month and day; returns nil for an impossible date (2017-02-30).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), (1...9999).contains(year), day >= 1,
      day <= CivilDate.daysInMonth(year: year, month: month)
    else { return nil }
    self.dayNumber = Int32(CivilDate.daysFromCivil(year, month, day))
  }

  /// Parses `YYYY-MM-DD`; nil when the text is not a real date.
  public init?(iso text: Substring) {
    let u = Array(text.utf8)
    guard u.count == 10, u[4] == 45, u[7] == 45,
      let y = CivilDate.digits(u, 0, 4), let m = CivilDate.digits(u, 5, 2), let d = CivilDate.digits(u, 8, 2)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Parses `YYYY-MM-DD`; nil when the text is not a real date.
  public init?(iso text: String) { self.init(iso: Substring(text)) }

  /// Two ASCII digits at `start` of `u` as a number; nil when either is not a digit.
  public static func twoDigits(_ u: [UInt8], _ start: Int) -> Int? { digits(u, start, 2) }

  /// `count` ASCII digits at `start` of `u` as a number; nil when one is not a digit or `u` is short.
  public static func digits(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
    guard start >= 0, count >= 0, start + count <= u.count else { return nil }
    var v = 0
    for i in start..<(start + count) {
      let c = u[i]
      guard c >= 48, c <= 57 else { return nil }
      v = v * 10 + Int(c - 48)
    }
    return v
  }

  /// Year, month and day.
  public var components: (year: Int, month: Int, day: Int) { CivilDate.civilFromDays(Int(dayNumber)) }
  /// The year.
  public var year: Int { components.year }

  /// ISO weekday: 1 = Monday … 7 = Sunday.
  public var isoWeekday: Int {
    // 1970-01-01 was a Thursday (4).
    let w = (Int(dayNumber) % 7 + 7 + 3) % 7  // 0 = Monday
    return w + 1
  }

  /// True on Saturday and Sunday.
  public var isWeekend: Bool { isoWeekday >= 6 }

  /// The date `days` later (or earlier when negative); saturates at the ends of the day-number
  /// range instead of overflowing.
  public func adding(days: Int) -> CivilDate {
    let (sum, overflow) = Int(dayNumber).addingReportingOverflow(days)
    return CivilDate(dayNumber: overflow ? (days > 0 ? .max : .min) : Int32(clamping: sum))
  }

  /// The same day `months` calendar months later (earlier when negative), clamped to the month's
  /// last day: 2017-08-31 + 6 months = 2018-02-28.
  public func adding(months: Int) -> CivilDate {
    let (y, m, d) = components
    // Ten thousand years either way is past every date the calendar holds (and keeps the sum exact).
    let total = y * 12 + (m - 1) + min(max(months, -120_000), 120_000)
    let ny = total / 12
    let nm = total % 12 + 1
    let nd = min(d, CivilDate.daysInMonth(year: ny, month: nm))
    return CivilDate(year: ny, month: nm, day: nd) ?? self
  }

  /// The same day `years` later, clamped (2020-02-29 + 1 year = 2021-02-28).
  public func adding(years: Int) -> CivilDate { adding(months: 12 * years) }

  /// Calendar days from `self` to `other` (positive when `other` is later).
  public func days(to other: CivilDate) -> Int { Int(other.dayNumber) - Int(dayNumber) }

  /// Whole years of age on `date` for someone born on `self`.
  public func age(on date: CivilDate) -> Int {
    let b = components
    let d = date.components
    var age = d.year - b.year
    if (d.month, d.day) < (b.month, b.day) { age -= 1 }
    return age
  }

  public var description: String {
    let (y, m, d) = components
    return CivilDate.pad(y, 4) + "-" + CivilDate.pad(m, 2) + "-" + CivilDate.pad(d, 2)
  }

  /// Zero-pads a number to a width.
  public static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

  /// Days in a month of a year.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  // Howard Hinnant's civil-from-days algorithms.
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }
}
