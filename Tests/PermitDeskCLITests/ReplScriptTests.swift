@testable import PermitDeskCLI
import Foundation
import PermitTraining
import Testing
import PermitLocalization

/// The REPL driven by a script on standard input (or `--file`): the whole output is the product.
@Suite("REPL: scripted standard input")
struct ReplScriptTests {
  static let golden = CLI.root + "/Tests/PermitDeskCLITests/Fixtures/m01-s01-golden.script"

  static func goldenScript() throws -> String { try String(contentsOfFile: golden, encoding: .utf8) }

  @Test("a whole scenario played through matches the golden transcript")
  func goldenTranscript() throws {
    let box = try Sandbox()
    let r = try box.run([], stdin: try Self.goldenScript())
    #expect(r.exited(0), "exit \(r.status); stderr: \(r.stderr)")
    #expect(r.stderr.isEmpty, "stderr: \(r.stderr)")
    try assertSnapshot(r.stdout, named: "m01-s01-jurisdiction-golden")
    // Not a terminal: no prompt and no colour.
    #expect(!r.stdout.contains("\u{1B}"), "ANSI escape in non-tty output")
    #expect(!r.stdout.contains("permitdesk>") && !r.stdout.contains("permitdesk golden"), "prompt in non-tty output")
    #expect(r.stdout.contains("Final score: 100/100 (pass mark 70: PASSED)"))
  }

  /// Issue 15: the same play-through in a Chinese session (LANG=zh_CN.UTF-8, no other setting): every
  /// screen in Chinese, codes kept and named, tables aligned by display width.
  @Test("the golden scenario in a Chinese session matches its Chinese transcript")
  func goldenTranscriptChinese() throws {
    let box = try Sandbox()
    let r = try box.run([], stdin: try Self.goldenScript(), environment: ["LANG": "zh_CN.UTF-8"])
    #expect(r.exited(0), "exit \(r.status); stderr: \(r.stderr)")
    #expect(r.stderr.isEmpty, "stderr: \(r.stderr)")
    try assertSnapshot(r.stdout, named: "zh-m01-s01-jurisdiction-golden")
    #expect(r.stdout.contains("最终成绩：100/100（合格分数 70：通过）"))
    #expect(r.stdout.contains("refuse 不予受理（out-of-jurisdiction 不属于本受理窗口管辖），告知其向 haidian 海淀区 申请"))
    // No English sentence of the attempt's screens is left (the scenario's own texts are bilingual).
    for english in ["Running score", "handed over", "materials required", "Timeline:", "It is now", "you propose", "No points lost"] {
      #expect(!r.stdout.contains(english), "English left in the Chinese transcript: \(english)")
    }
    // The queue's columns line up by display width: the state column starts at the same column.
    let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix(" T00") || $0.hasPrefix("*T00") || $0.hasPrefix(" G00") || $0.hasPrefix("*G00") }
    #expect(rows.count >= 10)
    let columns = Set(rows.map { row -> Int in
      let states = ["市中心初审", "已归档", "已收件"]
      let cut = states.compactMap { row.range(of: $0)?.lowerBound }.first ?? row.endIndex
      return DisplayWidth.of(String(row[..<cut]))
    })
    #expect(columns.count == 1, "queue state column at display columns \(columns.sorted())")
  }

  @Test("--file SCRIPT prints exactly what the same script on standard input prints")
  func fileOption() throws {
    let viaStdin = try Sandbox().run([], stdin: try Self.goldenScript())
    let viaFile = try Sandbox().run(["--file", Self.golden])
    #expect(viaFile.exited(0), "exit \(viaFile.status); stderr: \(viaFile.stderr)")
    #expect(viaFile.stdout == viaStdin.stdout)
    #expect(!viaFile.stdout.isEmpty)
  }

  @Test("--file with a missing script is bad input (65)")
  func missingFile() throws {
    let r = try Sandbox().run(["--file", "/nonexistent/script.txt"])
    #expect(r.exited(65))
    #expect(r.stderr.contains("cannot read script"))
  }

  @Test("--stop-on-error exits 1 at the first failing command and prints nothing after it", arguments: [false, true])
  func stopOnError(viaFile: Bool) throws {
    let good = ["login stopper", "start m01-s01-jurisdiction", "queue"]
    let script = (good + ["open T999", "clock", "advance --next", "queue"]).joined(separator: "\n") + "\n"
    let box = try Sandbox()
    let r = viaFile ? try box.run(["--stop-on-error", "--file", box.write("stop.script", script)]) : try box.run(["--stop-on-error"], stdin: script)
    #expect(r.exited(1), "exit \(r.status); stderr: \(r.stderr)")
    // The same commands up to the failure, in a fresh sandbox, without the flag.
    let upTo = try Sandbox().run([], stdin: (good + ["open T999"]).joined(separator: "\n") + "\n")
    #expect(r.stdout == upTo.stdout)
    // A script's errors go to standard error: the failing command's is the only one.
    let errors = r.stderr.split(separator: "\n")
    #expect(errors.count == 1 && errors[0].contains("T999"), "the error: \(r.stderr)")
    #expect(!r.stdout.contains("It is now"), "a command after the failure ran")
    // Without the flag the session carries on and exits 0.
    let on = try Sandbox().run([], stdin: script)
    #expect(on.exited(0))
    #expect(on.stdout.hasPrefix(r.stdout) && on.stdout.count > r.stdout.count)
  }

  @Test("--stop-on-error also stops at an unknown verb; without it the exit is 0")
  func stopOnUnknownVerb() throws {
    let box = try Sandbox()
    let r = try box.run(["--stop-on-error"], stdin: "login a\nfrobnicate\nlogin b\n")
    #expect(r.exited(1))
    #expect(r.stdout.split(separator: "\n").count == 1)
    #expect(r.stderr.contains("unknown command 'frobnicate'"), "\(r.stderr)")
    #expect(!r.stdout.contains("Logged in as b"))
  }

  @Test(
    "a wrong command gets exactly one line with a suggestion and the session continues",
    arguments: [
      ("advanc --next", "did you mean 'advance'?"),
      ("hlep", "did you mean 'help'?"),
      ("quue", "did you mean 'queue'?"),
      ("debreif", "did you mean 'debrief'?"),
      ("help opne", "did you mean 'open'?"),
    ])
  func wrongCommand(line: String, suggestion: String) throws {
    let before = ["login typo", "start m01-s01-jurisdiction"]
    let after = ["advance --next", "queue"]
    try expectOneExtraLine(before: before, line: line, after: after, suggestion: suggestion)
  }

  @Test(
    "a bad argument gets exactly one line with what was expected and a suggestion; the session continues",
    arguments: [
      ("open T01", "did you mean 'T001'?"),
      ("show degre", "did you mean 'degree'?"),
      ("decide acept", "expected accept, accept-pending, supplement or refuse; did you mean 'accept'?"),
      ("decide supplement missing:degre", "did you mean 'missing:degree'?"),
      ("scenarios m01-jurisdictio", "did you mean 'm01-jurisdiction'?"),
      ("start m01-s01-jurisdictio", "did you mean 'm01-s01-jurisdiction'?"),
      ("help opne", "did you mean 'open'?"),
    ])
  func badArgument(line: String, suggestion: String) throws {
    let before = ["login typo", "start m01-s01-jurisdiction", "advance --next", "open T001"]
    let after = ["checklist", "decide accept", "queue"]
    try expectOneExtraLine(before: before, line: line, after: after, suggestion: suggestion)
  }

  @Test("help lists every contract verb; help VERB explains one")
  func help() throws {
    let r = try Sandbox().run([], stdin: "help\nhelp decide\nhelp advance\n")
    #expect(r.exited(0))
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "Commands (help VERB for more):")
    let verbs = [
      "help", "login", "curriculum", "start", "brief", "queue", "open", "show", "checklist", "points", "decide", "handover",
      "review", "issue", "clock", "advance", "score", "debrief", "resume", "quit", "hint", "snapshot", "restore",
    ]
    for v in verbs {
      #expect(lines.contains { $0.hasPrefix("  \(v) ") || $0 == "  \(v)" }, "help does not list \(v)")
    }
    let decide = try #require(lines.firstIndex { $0.hasPrefix("decide accept|accept-pending|supplement|refuse") })
    #expect(lines[decide + 1].contains("propose the outcome"))
    #expect(lines.contains { $0.hasPrefix("advance DURATION | advance --to TIME | advance --next") })
    #expect(!r.stdout.contains("\u{1B}"))
  }

  @Test("help never cuts a usage line: every usage appears whole in the listing")
  func helpKeepsUsageWhole() throws {
    let r = try Sandbox().run([], stdin: "help\n")
    #expect(r.exited(0))
    for usage in ["start SCENARIO [--mode practice|assessment] [--seed N] [--free]",
                  "decide accept|accept-pending|supplement|refuse [DEFECT…] [--refer-to BODY]"] {
      #expect(r.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(usage) }, "\(usage) is cut:\n\(r.stdout)")
    }
    #expect(!r.stdout.split(separator: "\n").contains { $0.hasSuffix(" ") })
  }

  @Test("help exit explains quit; help takes verbs in any case")
  func helpAliases() throws {
    let r = try Sandbox().run([], stdin: "help exit\nhelp QUIT\nhelp Open\n")
    #expect(r.exited(0))
    let quit = "quit\n  leave (an unfinished attempt can be resumed later)\n"
    #expect(r.stdout == quit + quit + "open TICKET\n  take a ticket's file\n  Shows the employer, the applicant, the application and the list of materials handed in.\n", "\(r.stdout)")
  }

  @Test("the REPL never ends on bad arguments")
  func badArguments() throws {
    let script = [
      "queue", "login", "start", "start nosuch-scenario", "login x", "start m01-s01-jurisdiction --mode exam", "start m01-s01-jurisdiction",
      "open", "decide", "decide maybe", "advance", "advance --to yesterday", "review agree", "show nosuch", "restore nothing", "clock",
    ].joined(separator: "\n")
    let r = try Sandbox().run([], stdin: script + "\n")
    #expect(r.exited(0), "exit \(r.status): \(r.stderr)")
    // One error line on standard error for each of the 13 refused commands.
    #expect(r.stderr.split(separator: "\n").count == 13, "\(r.stderr)")
    #expect(r.stdout.contains("It is 2017-07-03T09:00+08:00"), "the last command did not run:\n\(r.stdout)")
  }
}

@Suite("permitdesk: options and content location")
struct OptionTests {
  @Test("the bundled content is found from any working directory without PERMITDESK_HOME")
  func contentFromElsewhere() throws {
    let r = try Sandbox().run([], stdin: "login far\nstart m01-s01-jurisdiction\n", environment: ["PERMITDESK_HOME": ""])
    #expect(r.exited(0))
    #expect(r.stdout.contains("Attempt #1 started."), "\(r.stdout)")
  }

  @Test("--db and --trainee written after a subcommand are the subcommand's, not the REPL's")
  func subcommandOptions() throws {
    let box = try Sandbox()
    let other = box.dir + "/other.sqlite"
    // PERMITDESK_DB points at box.db; every command below names `other` explicitly.
    let play = try box.run(["play", "m01-s04-practice", "--autoplay", "perfect", "--format", "json", "--db", other, "--trainee", "tia"])
    #expect(play.exited(0), "\(play.stderr)")
    let repl = try box.run(["--db", other], stdin: "login una\nstart m01-s01-jurisdiction\n")
    #expect(repl.exited(0))
    let report = try box.run(["report", "--db", other, "--format", "csv", "--include-autoplay", "--trainee", "tia"])
    #expect(report.exited(0), "\(report.stderr)")
    let rows = try ReportEndToEndTests.csv(report.stdout)
    #expect(rows.count == 2 && rows[1][1] == "tia" && rows[1][3] == "m01-s04-practice", "\(report.stdout)")
    let all = try ReportEndToEndTests.csv(box.run(["report", "--db", other, "--format", "csv", "--include-autoplay"]).stdout)
    #expect(all.dropFirst().map { $0[1] }.sorted() == ["tia", "una"])
    #expect(try box.run(["verify", "--db", other]).exited(0))
    // Nothing went to the environment's database: it was never created (and `report`, which only
    // reads, says so instead of creating it).
    let mine = try box.run(["report", "--format", "csv", "--include-autoplay"])
    #expect(mine.exited(65) && mine.stderr.contains("there is no sandbox database"), "\(mine.stderr)")
    #expect(!FileManager.default.fileExists(atPath: box.db))
  }

  @Test("`permitdesk repl` is the default subcommand; an unknown option is a usage error (64)")
  func defaultSubcommand() throws {
    let box = try Sandbox()
    let a = try box.run(["repl", "--trainee", "ida"], stdin: "score\n")
    let b = try Sandbox().run(["--trainee", "ida"], stdin: "score\n")
    #expect(a.exited(0) && a.stdout == b.stdout && a.stderr == b.stderr && a.stderr.contains("no attempt in progress"))
    #expect(try box.run(["--bogus"]).exited(64))
  }
}

/// Runs a session with and without `line` between `before` and `after`: the line must add exactly
/// one output line, containing `suggestion`, with no colour, and change nothing else.
func expectOneExtraLine(
  before: [String], line: String, after: [String], suggestion: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  // Standard error merged into standard output, as on a terminal: the error line in its place.
  let with = try Sandbox().run([], stdin: (before + [line] + after).joined(separator: "\n") + "\n", mergingErrors: true)
  let without = try Sandbox().run([], stdin: (before + after).joined(separator: "\n") + "\n", mergingErrors: true)
  // Apart, the error is the one line on standard error and the transcript is unchanged.
  let apart = try Sandbox().run([], stdin: (before + [line] + after).joined(separator: "\n") + "\n")
  let clean = try Sandbox().run([], stdin: (before + after).joined(separator: "\n") + "\n")
  #expect(apart.stdout == clean.stdout, "the error line went to standard output", sourceLocation: sourceLocation)
  #expect(apart.stderr.split(separator: "\n").count == 1 && apart.stderr.contains(suggestion), "\(apart.stderr)", sourceLocation: sourceLocation)
  #expect(with.exited(0), sourceLocation: sourceLocation)
  var a = with.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let b = without.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  #expect(a.count == b.count + 1, "not exactly one extra line:\n\(with.stdout)", sourceLocation: sourceLocation)
  let extra = try #require(a.indices.first { $0 >= b.count || a[$0] != b[$0] }, sourceLocation: sourceLocation)
  let message = a.remove(at: extra)
  #expect(message.contains(suggestion), "\(message)", sourceLocation: sourceLocation)
  #expect(!with.stdout.contains("\u{1B}"), "colour in non-tty output", sourceLocation: sourceLocation)
  #expect(a == b, "the rest of the session differs:\n\(with.stdout)", sourceLocation: sourceLocation)
}
