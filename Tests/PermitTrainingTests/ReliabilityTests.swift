@testable import PermitDeskCLI
import PermitCore
import Testing

@testable import PermitTraining

/// Issue 11: no value a trainee can type crashes the runtime; input is checked before it is read.
@Suite struct TypedValueLimitTests {
  func runner() -> AttemptRunner {
    AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: .a, colleague: .careful), mode: .practice))
  }

  @Test("advance 9999999d, once, repeated or 216 times in one word, is refused with the limit; the clock stays")
  func hugeDurations() {
    let r = runner()
    let start = r.session.now
    for words in [["advance", "9999999d"], ["advance", String(repeating: "9999999d", count: 216)], ["advance", "10000000d"]] {
      for _ in 0..<3 {
        let reply = r.apply(words)
        #expect(!reply.ok)
        #expect(r.session.now == start)
      }
    }
    let reply = r.apply(["advance", "9999999d"])
    #expect(reply.lines.first?.contains("advance goes at most to") == true, "\(reply.lines)")
    // Up to the limit is fine, past it is not.
    #expect(r.apply(["advance", "366d"]).ok)
    #expect(!r.apply(["advance", "1d"]).ok)
    #expect(r.apply(["monthly"]).ok)
  }

  @Test("advance --to the last minute of year 9999, then monthly: refused, no crash")
  func lastMinuteOfTheCalendar() {
    let r = runner()
    #expect(!r.apply(["advance", "--to", "9999-12-31T23:59-14:00"]).ok)
    #expect(r.apply(["monthly"]).ok)
    #expect(!r.apply(["monthly", "9999-12"]).ok)
    #expect(!r.apply(["monthly", "+017-07"]).ok)
    #expect(!r.apply(["advance", "--to", "-1:-5"]).ok)
    #expect(!r.apply(["advance", "--to", "+9:+5"]).ok)
  }

  @Test("durations: digits and units only, no overflow")
  func durations() {
    #expect(Session.parseDuration("١h") == nil)  // an Arabic-Indic digit is not a digit here
    #expect(Session.parseDuration("10000001d") == nil)
    #expect(Session.parseDuration(String(repeating: "9999999d", count: 20_000)) != nil)  // sums in Int64
  }

  @Test("timestamps and dates saturate instead of trapping")
  func saturation() {
    let t = Timestamp(iso: "2017-07-03T09:00+08:00")!
    let far = t.adding(seconds: .max)
    #expect(far.epochSeconds == Timestamp.epochLimit)
    _ = far.date().description
    _ = far.description
    #expect(t.adding(seconds: .min).epochSeconds == -Timestamp.epochLimit)
    let d = CivilDate(iso: "2017-07-03")!
    #expect(d.adding(days: .max).dayNumber == .max)
    #expect(d.adding(days: .min).dayNumber == .min)
    #expect(CivilDate(dayNumber: .min).days(to: CivilDate(dayNumber: .max)) == Int(Int32.max) - Int(Int32.min))
    _ = d.adding(months: .max)
    _ = d.adding(years: .min / 12)
  }
}

@Suite struct ReplInputTests {
  @Test("NUL, escape, DEL, C1, line separators and bidi overrides are refused at their column; tab is a space")
  func controlCharacters() {
    for (line, column, scalar) in [
      ("login bob\u{0}x", 10, 0), ("é\u{1B}[31m", 2, 0x1B), ("a\u{7F}", 2, 0x7F), ("a\u{85}", 2, 0x85), ("日本\u{2028}", 3, 0x2028),
      ("x \u{202E}gnp.exe", 3, 0x202E),
    ] as [(String, Int, UInt32)] {
      #expect(ReplInput.words(line) == .failure(.controlCharacter(column: column, scalar: scalar)), "\(line.debugDescription)")
    }
    #expect(ReplInput.words("open\tT001") == .success(["open", "T001"]))
    #expect(InputScreens.message(ReplInput.Problem.controlCharacter(column: 10, scalar: 0)).hasPrefix("control character U+0000 at column 10"))
  }

  @Test("quotes group words; an unclosed quote is an error with a hint, not swallowed")
  func quotes() {
    #expect(ReplInput.words(#"login "Bob Smith" --cohort "c 1""#) == .success(["login", "Bob Smith", "--cohort", "c 1"]))
    #expect(ReplInput.words(#"snapshot """#) == .success(["snapshot", ""]))
    #expect(ReplInput.words(#"decide "supplement missing:degree"#) == .failure(.unclosedQuote(column: 8)))
    #expect(InputScreens.message(ReplInput.Problem.unclosedQuote(column: 8)).contains("close it"))
    #expect(ReplInput.lenientWords(#"decide "sup"#) == ["decide", "sup"])
    for w in ["a", "two words", "", "--x y"] { #expect(ReplInput.words("x " + ReplInput.quoted(w)!) == .success(["x", w])) }
    #expect(ReplInput.quoted(#"a"b"#) == nil)
  }

  @Test("a line longer than the limit is refused before it is split")
  func length() {
    let line = "queue " + String(repeating: "x", count: ReplInput.maxLineBytes)
    #expect(ReplInput.words(line) == .failure(.tooLong(bytes: line.utf8.count)))
    #expect(InputScreens.message(ReplInput.Problem.tooLong(bytes: ReplInput.maxLineBytes + 1)).contains("more than 4096 bytes"))
    #expect(ReplInput.check(String(repeating: "é", count: ReplInput.maxLineBytes / 2)) == nil)
  }

  @Test("scripts split at LF, CRLF and lone CR, without a byte-order mark")
  func scriptLines() {
    #expect(ReplInput.lines(of: "a\r\nb\r\nc") == ["a", "b", "c"])
    #expect(ReplInput.lines(of: "a\rb\rc\r") == ["a", "b", "c"])
    #expect(ReplInput.lines(of: "\u{FEFF}a\nb\n") == ["a", "b"])
    #expect(ReplInput.lines(of: "a\n\n\r\nb") == ["a", "", "", "b"])
    #expect(ReplInput.lines(of: "") == [])
  }

  @Test("trainee and cohort names: printable, short, not an option")
  func names() {
    #expect(ReplInput.nameProblem("Bob Smith") == nil)
    #expect(ReplInput.nameProblem("王小明") == nil)
    for bad in ["", "  ", "bo\u{0}b", "bob\t", "--cohort", String(repeating: "x", count: 65), " bob", #"a"b"#, "a\u{202E}b"] {
      #expect(ReplInput.nameProblem(bad) != nil, "\(bad.debugDescription)")
    }
  }
}
