#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the workflow gets "now" from: the system clock in production, a simulated clock in the
/// sandbox. The core never reads the time itself; callers pass timestamps from a clock.
public protocol WorkClock: Sendable {
  /// The current time.
  func now() -> Timestamp
}

/// The real time, shown at a fixed UTC offset (Beijing: +08:00).
public struct SystemClock: WorkClock {
  /// Offset used to show and date the time.
  public var offsetSeconds: Int32
  /// Creates a system clock.
  public init(offsetSeconds: Int32 = 8 * 3600) { self.offsetSeconds = offsetSeconds }
  public func now() -> Timestamp {
    Timestamp(epochSeconds: Int64(time(nil)), offsetSeconds: offsetSeconds)
  }
}

/// A simulated clock that only moves forward (the sandbox's time).
public struct SimulatedClock: WorkClock {
  /// The current simulated time.
  public private(set) var current: Timestamp

  /// Why the clock refused to move.
  public struct BackwardsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The time asked for.
    public var requested: Timestamp
    /// The time it is.
    public var current: Timestamp
    public var description: String { "the clock only moves forward: it is \(current), \(requested) is earlier" }
  }

  /// Creates a clock at a start time.
  public init(start: Timestamp) { current = start }
  public func now() -> Timestamp { current }

  /// Moves to a later time (the same time is allowed); earlier throws.
  public mutating func advance(to t: Timestamp) throws(BackwardsError) {
    if t < current { throw BackwardsError(requested: t, current: current) }
    current = Timestamp(epochSeconds: t.epochSeconds, offsetSeconds: current.offsetSeconds)
  }

  /// Moves forward by a number of seconds (negative throws).
  public mutating func advance(bySeconds s: Int64) throws(BackwardsError) {
    try advance(to: current.adding(seconds: s))
  }
}

/// Opening hours of a window on working days, in minutes since local midnight.
public struct WorkingHours: Hashable, Sendable {
  /// Opening minute (9:00 = 540).
  public var opens: Int
  /// Closing minute (17:00 = 1020).
  public var closes: Int
  /// Creates opening hours.
  public init(opens: Int, closes: Int) {
    self.opens = opens
    self.closes = closes
  }

  /// Whether the window is open at `t` (a working day between the hours).
  public func isOpen(at t: Timestamp, calendar: HolidayCalendar, offset: Int32) -> Bool {
    let m = t.minuteOfDay(atOffset: offset)
    return calendar.isWorkingDay(t.date(atOffset: offset)) && m >= opens && m < closes
  }

  /// The closing time of the day `t` falls on in the window's zone, shown at `t`'s offset (whether or
  /// not that day is a working day).
  public func closing(onDayOf t: Timestamp, offset: Int32) -> Timestamp {
    Timestamp(date: t.date(atOffset: offset), hour: closes / 60, minute: closes % 60, offsetSeconds: offset).at(offset: t.offsetSeconds)
  }

  /// The next opening at or after `t`.
  public func nextOpening(atOrAfter t: Timestamp, calendar: HolidayCalendar, offset: Int32) -> Timestamp {
    if isOpen(at: t, calendar: calendar, offset: offset) { return t }
    var day = t.date(atOffset: offset)
    if !(calendar.isWorkingDay(day) && t.minuteOfDay(atOffset: offset) < opens) {
      day = calendar.workingDay(onOrAfter: day.adding(days: 1))
    }
    return Timestamp(date: day, hour: opens / 60, minute: opens % 60, offsetSeconds: offset).at(offset: t.offsetSeconds)
  }

  /// `t` plus `minutes` of open window time: time spent past closing carries over to the next
  /// working day's opening.
  public func adding(minutes: Int, to t: Timestamp, calendar: HolidayCalendar, offset: Int32) -> Timestamp {
    var now = nextOpening(atOrAfter: t, calendar: calendar, offset: offset)
    var left = minutes
    while left > 0 {
      let m = now.minuteOfDay(atOffset: offset)
      let room = closes - m
      if left < room { return now.adding(seconds: Int64(left) * 60) }
      left -= room
      now = nextOpening(atOrAfter: now.adding(seconds: Int64(room) * 60), calendar: calendar, offset: offset)
    }
    return now
  }
}
