import PermitCore
import Testing

/// The holiday calendar against the State Council's notices, working-day arithmetic, and the date
/// and time types.
@Suite("Calendar: the official notices")
struct OfficialCalendarTests {
  let c2017 = Packs.pilot.calendar
  let c2024 = Packs.y2024.calendar

  func range(_ from: String, _ to: String) -> [CivilDate] {
    var out: [CivilDate] = []
    var d = day(from)
    while d <= day(to) {
      out.append(d)
      d = d.adding(days: 1)
    }
    return out
  }

  @Test func notice2017() {
    let off: [(String, String, String)] = [
      ("2017-01-01", "2017-01-02", "new-year"), ("2017-01-27", "2017-02-02", "spring-festival"),
      ("2017-04-02", "2017-04-04", "qingming"), ("2017-04-29", "2017-05-01", "labour-day"),
      ("2017-05-28", "2017-05-30", "dragon-boat"), ("2017-10-01", "2017-10-08", "national-day-mid-autumn"),
    ]
    for (from, to, name) in off {
      for d in range(from, to) {
        #expect(!c2017.isWorkingDay(d), "\(d) is off (\(name))")
        #expect(c2017.holiday(on: d) == name)
      }
    }
    // Make-up workdays: weekends worked.
    for d in ["2017-01-22", "2017-02-04", "2017-04-01", "2017-05-27", "2017-09-30"] {
      #expect(day(d).isWeekend, "\(d) is a weekend day")
      #expect(c2017.isWorkingDay(day(d)), "\(d) is worked")
      #expect(c2017.isMakeUpWorkday(day(d)))
    }
    // Around the breaks: ordinary days.
    #expect(c2017.isWorkingDay(day("2017-01-26")))
    #expect(c2017.isWorkingDay(day("2017-02-03")))
    #expect(c2017.isWorkingDay(day("2017-09-29")))
    #expect(c2017.isWorkingDay(day("2017-10-09")))
    #expect(!c2017.isWorkingDay(day("2017-10-14")))  // an ordinary Saturday
    #expect(!c2017.isWorkingDay(day("2017-07-09")))  // an ordinary Sunday
    #expect(c2017.holiday(on: day("2017-07-09")) == nil)
    #expect(!c2017.isMakeUpWorkday(day("2017-07-10")))
  }

  @Test func notice2024() {
    let off: [(String, String)] = [
      ("2024-01-01", "2024-01-01"), ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"),
      ("2024-05-01", "2024-05-05"), ("2024-06-08", "2024-06-10"), ("2024-09-15", "2024-09-17"),
      ("2024-10-01", "2024-10-07"),
    ]
    for (from, to) in off {
      for d in range(from, to) { #expect(!c2024.isWorkingDay(d), "\(d) is off") }
    }
    for d in ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"] {
      #expect(day(d).isWeekend, "\(d) is a weekend day")
      #expect(c2024.isWorkingDay(day(d)), "\(d) is worked")
    }
    #expect(c2024.isWorkingDay(day("2024-02-09")))
    #expect(c2024.isWorkingDay(day("2024-02-19")))
    #expect(c2024.isWorkingDay(day("2024-10-08")))
    #expect(c2024.holiday(on: day("2024-02-14")) == "spring-festival")
  }

  @Test func bothPacksCover2017To2026Only() {
    for pack in Packs.both {
      for y in 2017...2026 { #expect(pack.calendar.covers(CivilDate(year: y, month: 6, day: 1)!)) }
      #expect(!pack.calendar.covers(day("2016-12-31")))
      #expect(!pack.calendar.covers(day("2027-01-01")))
    }
  }

  @Test func outsideTheCalendarADecisionSaysSo() {
    let d = decide(basePacket().with { $0.resubmitted(on: "2027-03-01") })
    #expect(d.notes.contains { $0.contains("does not cover") })
    #expect(decide(basePacket()).notes.isEmpty)
  }
}

@Suite("Calendar: working days")
struct WorkingDayTests {
  let cal = Packs.pilot.calendar

  @Test("acceptance deadline = 5 working days, day 1 the first working day after receipt", arguments: [
    // Mon 3 Jul 2017 → Tue 4 … Mon 10.
    ("2017-07-03", "2017-07-10"),
    // Fri 29 Sep 2017 → Sat 30 Sep (make-up) 1; 1–8 Oct off; Mon 9 Oct 2, 10 3, 11 4, Thu 12 Oct 5.
    ("2017-09-29", "2017-10-12"),
    // Received on the make-up Saturday itself: day 1 is Mon 9 Oct; day 5 Fri 13 Oct.
    ("2017-09-30", "2017-10-13"),
    // Received during the break (Tue 3 Oct 2017): Mon 9 … Fri 13.
    ("2017-10-03", "2017-10-13"),
    // Thu 26 Jan 2017 (eve of Spring Festival): Sun 22 Jan is behind; 27 Jan–2 Feb off; Fri 3 Feb 1,
    // Sat 4 Feb (make-up) 2, Mon 6 3, Tue 7 4, Wed 8 Feb 5.
    ("2017-01-26", "2017-02-08"),
    // Fri 9 Feb 2024: 10–17 Feb off; Sun 18 Feb (make-up) 1, Mon 19 2, 20 3, 21 4, Thu 22 Feb 5.
    ("2024-02-09", "2024-02-22"),
    // Tue 30 Apr 2024: 1–5 May off; Mon 6 May 1 … Fri 10 May 5.
    ("2024-04-30", "2024-05-10"),
    // Thu 9 May 2024: Fri 10 1, Sat 11 (make-up) 2, Mon 13 3, Tue 14 4, Wed 15 May 5.
    ("2024-05-09", "2024-05-15"),
    // Fri 27 Sep 2024: Sun 29 Sep (make-up) 1, Mon 30 2; 1–7 Oct off; Tue 8 3, Wed 9 4, Thu 10 Oct 5.
    ("2024-09-27", "2024-10-10"),
    // Fri 11 Oct 2024: Sat 12 Oct (make-up) 1, Mon 14 2, 15 3, 16 4, Thu 17 Oct 5.
    ("2024-10-11", "2024-10-17"),
  ])
  func acceptanceDeadline(_ received: String, _ due: String) {
    let pack = received.hasPrefix("2024") ? Packs.y2024 : Packs.pilot
    #expect(pack.calendar.addingWorkingDays(5, to: day(received)) == day(due))
    // The examiner uses the same rule.
    let d = decide(basePacket().with { $0.resubmitted(on: received) }, pack)
    #expect(d.acceptanceDeadline == day(due))
    #expect(pack.calendar.workingDays(after: day(received), through: day(due)) == 5)
  }

  @Test func arithmetic() {
    #expect(cal.addingWorkingDays(0, to: day("2017-10-01")) == day("2017-10-01"))
    #expect(cal.addingWorkingDays(1, to: day("2017-09-29")) == day("2017-09-30"))
    #expect(cal.addingWorkingDays(2, to: day("2017-09-29")) == day("2017-10-09"))
    #expect(cal.workingDays(after: day("2017-09-29"), through: day("2017-09-29")) == 0)
    #expect(cal.workingDays(after: day("2017-10-09"), through: day("2017-09-29")) == 0)
    #expect(cal.workingDays(after: day("2017-09-28"), through: day("2017-10-09")) == 3)  // 29, 30, 9
    #expect(cal.workingDay(onOrAfter: day("2017-10-01")) == day("2017-10-09"))
    #expect(cal.workingDay(onOrAfter: day("2017-09-30")) == day("2017-09-30"))
    #expect(cal.workingDay(onOrAfter: day("2017-07-08")) == day("2017-07-10"))
    // Center time limits: 10 working days from Mon 3 Jul 2017 is Mon 17 Jul; 5 is Mon 10 Jul.
    #expect(cal.addingWorkingDays(10, to: day("2017-07-03")) == day("2017-07-17"))
  }

  @Test func makeUpWorkdaysCanBeReplaced() {
    var c = HolidayCalendar(years: [])
    #expect(!c.isWorkingDay(day("2017-09-30")))
    c.add(
      HolidayCalendar.Year(
        year: 2017, source: "test", holidays: [.init(name: "x", days: [day("2017-10-02")])],
        workdays: [.init(date: day("2017-09-30"), holiday: "x")]))
    #expect(c.isWorkingDay(day("2017-09-30")))
    #expect(!c.isWorkingDay(day("2017-10-02")))
    c.add(HolidayCalendar.Year(year: 2017, source: "test 2", holidays: [], workdays: []))
    #expect(!c.isWorkingDay(day("2017-09-30")))
    #expect(c.isWorkingDay(day("2017-10-02")))
  }
}

@Suite("Dates and times")
struct DateTimeTests {
  @Test func weekdays() {
    #expect(day("1970-01-01").isoWeekday == 4)
    #expect(day("1969-12-31").isoWeekday == 3)
    #expect(day("2017-07-03").isoWeekday == 1)
    #expect(day("2017-09-30").isoWeekday == 6)
    #expect(day("2017-10-01").isoWeekday == 7)
    #expect(day("2024-02-29").isoWeekday == 4)
    #expect(day("2017-10-01").isWeekend)
    #expect(!day("2017-09-29").isWeekend)
  }

  @Test("ISO dates: real dates only", arguments: [
    ("2017-07-03", true), ("2016-02-29", true), ("2000-02-29", true), ("2017-02-28", true), ("2017-12-31", true),
    ("2017-02-30", false), ("2017-02-29", false), ("1900-02-29", false), ("2017-13-01", false), ("2017-00-10", false),
    ("2017-04-31", false), ("2017-07-00", false), ("2017-7-3", false), ("2017/07/03", false), ("20170703", false),
    ("2017-07-03 ", false), ("", false), ("２017-07-03", false), ("0000-01-01", false),
  ])
  func isoDates(_ text: String, _ valid: Bool) {
    let d = CivilDate(iso: text)
    #expect((d != nil) == valid)
    if let d { #expect(d.description == text) }
  }

  @Test func components() {
    let d = day("2017-07-03")
    #expect(d.components.year == 2017 && d.components.month == 7 && d.components.day == 3)
    #expect(CivilDate(year: 2017, month: 7, day: 3) == d)
    #expect(CivilDate(year: 2017, month: 2, day: 29) == nil)
    #expect(day("1970-01-01").dayNumber == 0)
    #expect(day("1969-12-31").dayNumber == -1)
    #expect(day("2017-07-03").days(to: day("2017-10-01")) == 90)
    #expect(day("2017-10-01").days(to: day("2017-07-03")) == -90)
  }

  @Test("calendar months, clamped to the month's end", arguments: [
    ("2017-01-03", 6, "2017-07-03"), ("2017-08-31", 6, "2018-02-28"), ("2019-08-31", 6, "2020-02-29"),
    ("2017-01-31", 1, "2017-02-28"), ("2017-03-31", -1, "2017-02-28"), ("2017-12-15", 1, "2018-01-15"),
    ("2017-01-15", -1, "2016-12-15"), ("2017-07-03", -6, "2017-01-03"), ("2017-05-31", 1, "2017-06-30"),
    ("2017-07-03", 0, "2017-07-03"), ("2017-07-03", 120, "2027-07-03"),
  ])
  func months(_ from: String, _ n: Int, _ to: String) {
    #expect(day(from).adding(months: n) == day(to))
  }

  @Test func yearsAndAge() {
    #expect(day("2020-02-29").adding(years: 1) == day("2021-02-28"))
    #expect(day("2017-07-03").adding(years: 3) == day("2020-07-03"))
    #expect(day("2000-02-29").age(on: day("2017-02-28")) == 16)
    #expect(day("2000-02-29").age(on: day("2017-03-01")) == 17)
    #expect(day("1988-04-12").age(on: day("2017-04-11")) == 28)
    #expect(day("1988-04-12").age(on: day("2017-04-12")) == 29)
  }

  @Test("timestamps need an offset", arguments: [
    ("2017-07-03T10:00+08:00", true), ("2017-07-03T10:00Z", true), ("2017-07-03T10:00:30+08:00", true),
    ("2017-07-03T23:59-05:00", true), ("2017-07-03t10:00z", true),
    ("2017-07-03T10:00", false), ("2017-07-03T10:00:30", false), ("2017-07-03 10:00+08:00", false),
    ("2017-07-03T24:00+08:00", false), ("2017-07-03T10:60+08:00", false), ("2017-07-03T10:00+0800", false),
    ("2017-07-03T10:00+15:00", false), ("2017-02-30T10:00+08:00", false), ("2017-07-03T10:00+08:00 ", false),
    ("2017-07-03T10:00:61+08:00", false), ("2017-07-03", false), ("2017-07-03T1:00+08:00", false),
  ])
  func timestamps(_ text: String, _ valid: Bool) {
    #expect((Timestamp(iso: text) != nil) == valid, "\(text)")
  }

  @Test func timestampValues() {
    let t = ts("2017-07-03T10:00+08:00")
    #expect(t.epochSeconds == 1_499_047_200)
    #expect(t.offsetSeconds == 8 * 3600)
    #expect(t.description == "2017-07-03T10:00+08:00")
    #expect(t.date() == day("2017-07-03"))
    #expect(t.minuteOfDay() == 600)
    #expect(ts("2017-07-03T02:00Z").epochSeconds == t.epochSeconds)
    #expect(ts("2017-07-03T02:00Z").description == "2017-07-03T02:00Z")
    #expect(ts("2017-07-03T10:00:30+08:00").description == "2017-07-03T10:00:30+08:00")
    let west = ts("2017-07-03T23:30-05:00")
    #expect(west.date() == day("2017-07-03"))
    #expect(west.date(atOffset: 8 * 3600) == day("2017-07-04"))
    #expect(west.minuteOfDay(atOffset: 8 * 3600) == 12 * 60 + 30)
    #expect(west.description == "2017-07-03T23:30-05:00")
    #expect(ts("2017-07-03T10:00+05:30").description == "2017-07-03T10:00+05:30")
    // Ordered by instant, whatever the offset.
    #expect(ts("2017-07-03T09:00+08:00") < ts("2017-07-03T02:00Z"))
    #expect(!(ts("2017-07-03T10:00+08:00") < ts("2017-07-03T02:00Z")))
    #expect(ts("1969-12-31T23:00Z").date() == day("1969-12-31"))
    #expect(Timestamp(date: day("2017-07-03"), hour: 10, minute: 0, offsetSeconds: 8 * 3600) == t)
  }

  @Test func simulatedClockMovesForwardOnly() throws {
    var clock = SimulatedClock(start: beijing("2017-07-03", 9))
    try clock.advance(bySeconds: 3600)
    #expect(clock.now() == beijing("2017-07-03", 10))
    try clock.advance(to: beijing("2017-07-03", 10))
    #expect(throws: SimulatedClock.BackwardsError.self) { try clock.advance(to: beijing("2017-07-03", 9)) }
    #expect(clock.now() == beijing("2017-07-03", 10))
  }

  @Test func workingHours() {
    let hours = WorkingHours(opens: 9 * 60, closes: 17 * 60)
    let cal = Packs.pilot.calendar
    let off: Int32 = 8 * 3600
    #expect(hours.isOpen(at: beijing("2017-09-30", 10), calendar: cal, offset: off))
    #expect(!hours.isOpen(at: beijing("2017-10-02", 10), calendar: cal, offset: off))
    #expect(hours.nextOpening(atOrAfter: beijing("2017-09-30", 17), calendar: cal, offset: off) == beijing("2017-10-09", 9))
    // 90 minutes from 16:30 on Fri 29 Sep: 30 that day, 60 on the make-up Saturday.
    #expect(
      hours.adding(minutes: 90, to: beijing("2017-09-29", 16, 30), calendar: cal, offset: off) == beijing("2017-09-30", 10))
    // Closing is 17:00 of the day a time falls on, in the window's zone, shown at that time's offset.
    #expect(hours.closing(onDayOf: beijing("2017-09-29", 16, 30), offset: off) == beijing("2017-09-29", 17))
    let utc = beijing("2017-09-29", 8).at(offset: 0)  // 00:00 UTC, still the 29th in Beijing
    #expect(hours.closing(onDayOf: utc, offset: off).epochSeconds == beijing("2017-09-29", 17).epochSeconds)
    #expect(hours.closing(onDayOf: utc, offset: off).offsetSeconds == 0)
    // Closing itself is closed; a minute before is open.
    #expect(!hours.isOpen(at: beijing("2017-09-29", 17), calendar: cal, offset: off))
    #expect(hours.isOpen(at: beijing("2017-09-29", 16, 59), calendar: cal, offset: off))
  }
}
