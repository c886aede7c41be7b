import Testing

@testable import PermitCore

/// Issue 11: time arithmetic never traps, whatever the operands.
@Suite struct TimeArithmeticTests {
  @Test("a date past the Int32 day range clamps; a far timestamp prints")
  func farDates() {
    let t = Timestamp(epochSeconds: Int64(Int32.max) * 86_400 * 2, offsetSeconds: 8 * 3600)
    #expect(t.date().dayNumber == .max)
    #expect(!t.description.isEmpty)
    #expect(Timestamp(epochSeconds: .max, offsetSeconds: 14 * 3600).epochSeconds == Timestamp.epochLimit)
    #expect(Timestamp(epochSeconds: .min, offsetSeconds: -14 * 3600).minuteOfDay() >= 0)
  }

  @Test("the year-10000 month has no report and digit parsing is bounds-checked")
  func edges() {
    #expect(CivilDate(year: 10000, month: 1, day: 1) == nil)
    #expect(CivilDate.digits(Array("12".utf8), 1, 2) == nil)
    #expect(CivilDate.twoDigits(Array("07".utf8), 0) == 7)
    #expect(Timestamp(iso: "9999-12-31T23:59-14:00")!.date(atOffset: 8 * 3600).year == 10000)
  }
}
