/// A moment in time as written at the window: `2017-07-03T10:00+08:00`.
///
/// Keeps the UTC offset it was written with so that it prints back the same way; comparisons use
/// the instant.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00Z.
  public let epochSeconds: Int64
  /// The offset from UTC it was written with, in seconds.
  public let offsetSeconds: Int32

  /// The largest distance from 1970 a timestamp keeps (about 142 million years either way):
  /// arithmetic saturates here, so that adding an offset or a duration to any timestamp never
  /// overflows. Callers bound the values users type far more tightly (see `Session.advance`).
  public static let epochLimit: Int64 = 1 << 52

  /// Creates a timestamp from its instant and display offset (the instant saturates at
  /// ±`epochLimit`).
  public init(epochSeconds: Int64, offsetSeconds: Int32) {
    self.epochSeconds = min(max(epochSeconds, -Timestamp.epochLimit), Timestamp.epochLimit)
    self.offsetSeconds = offsetSeconds
  }

  /// Creates a timestamp from a local date and time at a UTC offset.
  public init(date: CivilDate, hour: Int, minute: Int, second: Int = 0, offsetSeconds: Int32) {
    let local = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    self.init(epochSeconds: local - Int64(offsetSeconds), offsetSeconds: offsetSeconds)
  }

  /// Parses `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`. The offset is required: a window time without one is
  /// ambiguous.
  public init?(iso text: String) {
    let u = Array(text.utf8)
    guard u.count >= 17, u[10] == 84 || u[10] == 116 /* T */,
      let date = CivilDate(iso: Substring(text.prefix(10))),
      let hh = CivilDate.digits(u, 11, 2), u[13] == 58, let mm = CivilDate.digits(u, 14, 2),
      hh < 24, mm < 60
    else { return nil }
    var i = 16
    var ss = 0
    if i < u.count, u[i] == 58 {
      guard u.count >= 19, let s = CivilDate.digits(u, 17, 2), s < 60 else { return nil }
      ss = s
      i = 19
    }
    guard i < u.count else { return nil }
    var offset: Int32
    if u[i] == 90 || u[i] == 122 {  // Z
      guard i + 1 == u.count else { return nil }
      offset = 0
    } else if u[i] == 43 || u[i] == 45 {  // + -
      guard u.count == i + 6, u[i + 3] == 58, let oh = CivilDate.digits(u, i + 1, 2),
        let om = CivilDate.digits(u, i + 4, 2), oh <= 14, om < 60
      else { return nil }
      offset = Int32(oh * 3600 + om * 60)
      if u[i] == 45 { offset = -offset }
    } else {
      return nil
    }
    self.init(date: date, hour: hh, minute: mm, second: ss, offsetSeconds: offset)
  }

  /// The local calendar date at `offsetSeconds` (by default the offset it was written with).
  public func date(atOffset offset: Int32? = nil) -> CivilDate {
    let local = epochSeconds + Int64(offset ?? offsetSeconds)
    return CivilDate(dayNumber: Int32(clamping: (local >= 0 ? local : local - 86_399) / 86_400))
  }

  /// Minutes since local midnight at `offsetSeconds`.
  public func minuteOfDay(atOffset offset: Int32? = nil) -> Int {
    let local = epochSeconds + Int64(offset ?? offsetSeconds)
    let secs = ((local % 86_400) + 86_400) % 86_400
    return Int(secs / 60)
  }

  /// The same instant shown at another offset.
  public func at(offset: Int32) -> Timestamp { Timestamp(epochSeconds: epochSeconds, offsetSeconds: offset) }

  /// This moment plus `seconds`, saturating at ±`epochLimit` instead of overflowing.
  public func adding(seconds: Int64) -> Timestamp {
    let (sum, overflow) = epochSeconds.addingReportingOverflow(seconds)
    let value = overflow ? (seconds > 0 ? Timestamp.epochLimit : -Timestamp.epochLimit) : sum
    return Timestamp(epochSeconds: value, offsetSeconds: offsetSeconds)
  }

  /// `2017-07-03T10:00+08:00` (seconds shown only when not zero).
  public var description: String {
    let d = date()
    let local = epochSeconds + Int64(offsetSeconds)
    let secs = Int(((local % 86_400) + 86_400) % 86_400)
    var s = d.description + "T" + CivilDate.pad(secs / 3600, 2) + ":" + CivilDate.pad(secs / 60 % 60, 2)
    if secs % 60 != 0 { s += ":" + CivilDate.pad(secs % 60, 2) }
    if offsetSeconds == 0 { return s + "Z" }
    let o = abs(Int(offsetSeconds))
    s += (offsetSeconds < 0 ? "-" : "+") + CivilDate.pad(o / 3600, 2) + ":" + CivilDate.pad(o / 60 % 60, 2)
    return s
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.epochSeconds < b.epochSeconds }
}
