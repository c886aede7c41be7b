import Foundation
import Testing

/// The product contract (product.md) in the REPL: a wrong command gets a one-line hint and changes
/// nothing. Words past what a verb takes are such a wrong command.
@Suite("product contract: mistakes in the REPL")
struct ContractQAReplTests {
  /// The verbs typed with one word too many, and the usage each refusal names.
  static let surplus: [(line: String, verb: String, usage: String)] = [
    ("help show extra", "help", "help [VERB]"),
    ("login ann extra", "login", "login NAME [--cohort COHORT]"),
    ("login ann --cohort spring extra", "login", "login NAME [--cohort COHORT]"),
    ("curriculum all", "curriculum", "curriculum"),
    ("scenarios m01 extra", "scenarios", "scenarios [MODULE]"),
    ("score extra", "score", "score"),
    ("debrief extra", "debrief", "debrief"),
    ("brief extra", "brief", "brief"),
    ("queue extra", "queue", "queue"),
    ("open T001 T002", "open", "open TICKET"),
    ("show passport extra", "show", "show [MATERIAL]"),
    ("checklist extra", "checklist", "checklist"),
    ("points extra", "points", "points"),
    ("handover extra", "handover", "handover"),
    ("review agree fine", "review", "review agree | review return REASON"),
    ("issue extra", "issue", "issue"),
    ("clock extra", "clock", "clock"),
    ("advance 1h extra", "advance", "advance DURATION | advance --to TIME | advance --next"),
    ("advance --to 14:00 extra", "advance", "advance DURATION | advance --to TIME | advance --next"),
    ("advance --next extra", "advance", "advance DURATION | advance --to TIME | advance --next"),
    ("hint extra", "hint", "hint"),
    ("snapshot a b", "snapshot", "snapshot NAME"),
    ("restore a b", "restore", "restore NAME"),
    ("monthly 2017-07 extra", "monthly", "monthly [YYYY-MM]"),
    ("finish --now extra", "finish", "finish [--now]"),
    ("quit now", "quit", "quit"),
    ("exit now", "exit", "quit"),
  ]

  @Test("every verb refuses words past its arguments with one line naming its usage; nothing runs, nothing is logged")
  func surplusWordsAreRefused() throws {
    let box = try Sandbox()
    let lines = Self.surplus.map(\.line)
    let script = ["login ann", "start m01-s01-jurisdiction", "clock"] + lines + ["clock", "quit"]
    let r = try box.run([], stdin: script.joined(separator: "\n") + "\n")
    #expect(r.exited(0), "\(r.status) \(r.stderr)")
    let errors = r.stderr.split(separator: "\n").map(String.init)
    #expect(errors.count == Self.surplus.count, "one line per mistake: \(r.stderr)")
    for (i, s) in Self.surplus.enumerated() where i < errors.count {
      #expect(errors[i].hasSuffix("too many words for '\(s.verb)'; usage: \(s.usage)"), "\(s.line): \(errors[i])")
    }
    // Nothing ran and nothing was logged: only the two clocks are in the action log (quit did not
    // leave: the second clock answered), and both say the same time (show, open, advance cost time).
    let log = try sqlite(box.db, "SELECT group_concat(verb, ' ') FROM action ORDER BY seq")
    #expect(log == "clock clock", "only the two clocks are in the action log: \(log)")
    #expect(try sqlite(box.db, "SELECT count(DISTINCT simTime) FROM action") == "1")
    #expect(try sqlite(box.db, "SELECT count(*) FROM trainee") == "1", "'login ann --cohort spring extra' created nothing")
  }

  @Test("the refusal is in Chinese in a Chinese session")
  func surplusInChinese() throws {
    let box = try Sandbox()
    let r = try box.run([], stdin: "login ann\nstart m01-s01-jurisdiction\nshow passport extra\nscore now\nquit\n", environment: ["LANG": "zh_CN.UTF-8"])
    #expect(r.stderr.contains("“show”后面的词太多；用法：show [MATERIAL]"), "\(r.stderr)")
    #expect(r.stderr.contains("“score”后面的词太多；用法：score"), "\(r.stderr)")
    #expect(try sqlite(box.db, "SELECT count(*) FROM action") == "0")
  }

  @Test("arguments a verb does take still work: free-text reasons, defects, quoted names, --cohort, --to")
  func legitimateArguments() throws {
    let box = try Sandbox()
    let script = [
      "login \"Li Wei\" --cohort spring", "help show", "scenarios m01-jurisdiction", "start m01-s01-jurisdiction",
      "advance --to 09:30", "advance 10m", "open T001", "show passport", "monthly 2017-07", "finish --now", "quit",
    ]
    let r = try box.run([], stdin: script.joined(separator: "\n") + "\n")
    #expect(r.exited(0), "\(r.stderr)")
    #expect(!r.stderr.contains("too many words"), "\(r.stderr)")
    #expect(try sqlite(box.db, "SELECT name || '/' || cohort FROM trainee") == "Li Wei/spring")
    #expect(try sqlite(box.db, "SELECT group_concat(verb, ' ') FROM action ORDER BY seq") == "advance advance open show monthly finish")
  }

  @Test("'start X --pair' without a name says so in the session's language")
  func pairWithoutName() throws {
    let box = try Sandbox()
    let en = try box.run([], stdin: "login ann\nstart m01-s01-jurisdiction --pair\nquit\n")
    #expect(en.stderr.contains("--pair takes your partner's name: 'start m01-s01-jurisdiction --pair NAME' (they 'join' as post B)"), "\(en.stderr)")
    let zh = try box.run([], stdin: "login ann\nstart m01-s01-jurisdiction --pair\nquit\n", environment: ["LANG": "zh_CN.UTF-8"])
    #expect(zh.stderr.contains("--pair 需要搭档的名字：'start m01-s01-jurisdiction --pair NAME'（搭档用 'join' 担任 B 岗）"), "\(zh.stderr)")
    #expect(try sqlite(box.db, "SELECT count(*) FROM attempt") == "0")
  }

  /// One value from the sandbox database, through the sqlite3 shell.
  func sqlite(_ db: String, _ sql: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [db, sql]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
