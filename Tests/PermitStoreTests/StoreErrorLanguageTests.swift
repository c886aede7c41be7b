import PermitLocalization
import PermitStore
import Testing

/// Issue 15: the store's errors read in the session's language; the English is as it always was.
@Suite struct StoreErrorLanguageTests {
  static let cases: [StoreError] = [
    .notASandbox("/x.sqlite"), .unreadable("/x.sqlite"), .newerSchema("/x.sqlite"), .missing("/x.sqlite"),
    .cannotOpen(path: "/x.sqlite", reason: "disk I/O error"), .unknownAttempt(7), .unknownTrainee("ana"),
    .attemptNotOpen(id: 7, status: "finished"), .attemptNotOpen(id: 7, status: "abandoned"), .busy("/x.sqlite"),
    .database("constraint failed"), .logAdvanced(attempt: 7, head: 12), .leaseLost(attempt: 7, by: nil),
  ]

  @Test func englishAsBefore() {
    #expect(
      StoreError.missing("/x.sqlite").message(in: .en)
        == "there is no sandbox database at /x.sqlite; this command only reads and creates none. Check the path given with --db or PERMITDESK_DB.")
    #expect(
      StoreError.attemptNotOpen(id: 7, status: "finished").message(in: .en)
        == "attempt #7 is already finished; it cannot be finished or abandoned again. Start a new attempt with `start SCENARIO`.")
    #expect(
      StoreError.leaseLost(attempt: 7, by: nil).message(in: .en)
        == "attempt #7 was taken over; nothing was recorded here. 'resume --take-over' takes it back.")
    #expect(StoreError.invalidArgument("as written").message(in: .zhHans) == "as written")
  }

  @Test func chineseForEveryTypedCase() {
    for e in Self.cases {
      let zh = e.message(in: .zhHans)
      #expect(zh != e.message(in: .en), "\(e)")
      // Only the store's own reasons (SQLite's words) may stay in English.
      let own = ["disk I/O error", "constraint failed"].reduce(zh) { $0.replacingOccurrences(of: $1, with: "") }
      #expect(own.range(of: "[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", options: .regularExpression) == nil, "\(zh)")
    }
    #expect(StoreError.attemptNotOpen(id: 7, status: "finished").message(in: .zhHans).hasPrefix("练习#7已经结束"))
  }
}
