import Foundation
import Testing

/// Issue 11: hostile REPL input through the real binary. Each case reproduces a failure of the
/// reliability probe (a trap, a swallowed line, a stored NUL, a 50 MB line).
@Suite("REPL input: hostile lines and script files")
struct ReplInputEndToEndTests {
  @Test("advance 9999999d (and --to year 9999, then monthly) is refused with the limit; the REPL lives")
  func hugeAdvance() throws {
    let box = try Sandbox()
    let script = ["login far", "start m01-s01-jurisdiction", "advance 9999999d", "advance 9999999d", "advance " + String(repeating: "9999999d", count: 216),
      "advance --to 9999-12-31T23:59-14:00", "monthly", "advance 10000000d", "monthly", "clock"].joined(separator: "\n") + "\n"
    let r = try box.run([], stdin: script)
    #expect(r.exited(0), "exit \(r.status) \(r.reason): \(r.stderr)")
    #expect(r.stderr.components(separatedBy: "advance goes at most to").count - 1 == 5, "\(r.stderr)")
    #expect(r.stdout.contains("It is 2017-07-03T09:00+08:00"), "\(r.stdout)")
    #expect(try box.run(["verify"]).exited(0))
  }

  @Test("NUL and escape in a command or a trainee name are refused, never stored; verify stays clean")
  func controlCharacters() throws {
    let box = try Sandbox()
    let r = try box.run([], stdin: "login bo\u{0}b\nlogin ann\nstart m01-s01-jurisdiction\nadvance --next\nopen T001\u{0}x\nshow \u{1B}[2Jx\nqueue\n")
    #expect(r.exited(0))
    #expect(r.stderr.contains("control character U+0000 at column 9"), "\(r.stderr)")
    #expect(r.stderr.contains("control character U+001B at column 6"), "\(r.stderr)")
    #expect(r.stdout.contains("Logged in as ann."))
    let report = try box.run(["report", "--format", "csv"])
    #expect(!report.stdout.contains("bo") && report.stdout.contains("ann"), "\(report.stdout)")
    let verify = try box.run(["verify"])
    #expect(verify.exited(0), "\(verify.stdout)\(verify.stderr)")
  }

  @Test("--trainee 'bob --cohort evil' is one name, never a login with a cohort; a NUL name is refused")
  func traineeOption() throws {
    let box = try Sandbox()
    let r = try box.run(["--trainee", "bob --cohort evil"], stdin: "start m01-s01-jurisdiction\n")
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stdout.contains("Logged in as bob --cohort evil."), "\(r.stdout)")
    let rows = try ReportEndToEndTests.csv(box.run(["report", "--format", "csv"]).stdout)
    #expect(rows.count == 2 && rows[1][1] == "bob --cohort evil" && rows[1][2] == "", "\(rows)")
    let dash = try box.run(["--trainee", "--x", "--stop-on-error"], stdin: "")
    #expect(!dash.stdout.contains("Logged in"))
    let nul = try box.run([], stdin: "", environment: ["PERMITDESK_TRAINEE": "a\u{1B}b"])
    #expect(nul.stderr.contains("control character U+001B"), "\(nul.stderr)")
  }

  @Test("an unclosed quote is an error with a hint; nothing is swallowed", arguments: [false, true])
  func unclosedQuote(stopOnError: Bool) throws {
    let box = try Sandbox()
    let r = try box.run(stopOnError ? ["--stop-on-error"] : [], stdin: "login \"Bob Smith\nlogin \"Ann Lee\"\n")
    #expect(r.stderr.contains("unclosed \" at column 7: close it"), "\(r.stderr)")
    #expect(!r.stdout.contains("Bob"))
    #expect(r.exited(stopOnError ? 1 : 0))
    #expect(r.stdout.contains("Logged in as Ann Lee.") != stopOnError)
  }

  @Test("CRLF, CR-only and BOM script files run line by line; --stop-on-error stops at the failing line",
    arguments: ["\r\n", "\r", "\n"], [false, true])
  func lineEndings(ending: String, bom: Bool) throws {
    let box = try Sandbox()
    let lines = ["login crlf", "start m01-s01-jurisdiction", "advance --next", "frobnicate", "queue"]
    let path = box.write("s.script", (bom ? "\u{FEFF}" : "") + lines.joined(separator: ending) + ending)
    let r = try box.run(["--stop-on-error", "--file", path])
    #expect(r.exited(1), "exit \(r.status): \(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("Logged in as crlf.") && r.stdout.contains("Attempt #1 started.") && r.stdout.contains("It is now"), "\(r.stdout)")
    #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("unknown command 'frobnicate'"), "\(r.stderr)")
    // Without the failing line the same file runs to its end and exits 0.
    let ok = try box.run(["--file", box.write("t.script", (bom ? "\u{FEFF}" : "") + ["login crlf2", "scenarios", "quit"].joined(separator: ending))])
    #expect(ok.exited(0) && ok.stderr.isEmpty && ok.stdout.contains("Logged in as crlf2."), "\(ok.stderr)")
  }

  @Test("a 50 MB line is refused quickly, in bounded memory, and nothing is stored", arguments: [false, true])
  func hugeLine(viaFile: Bool) throws {
    let box = try Sandbox()
    let script = "login big\nstart m01-s01-jurisdiction\nshow " + String(repeating: "x", count: 50_000_000) + "\nqueue\n"
    let started = Date()
    let r = viaFile ? try box.run(["--file", box.write("big.script", script)]) : try box.run([], stdin: script)
    let seconds = Date().timeIntervalSince(started)
    #expect(r.exited(0))
    #expect(r.stderr.contains("line too long (more than 4096 bytes; at most 4096)"), "\(r.stderr.prefix(300))")
    #expect(r.stdout.contains("next arrival at 2017-07-03T09:05+08:00"), "the next command ran")
    #expect(seconds < 20, "took \(seconds) s")
    let size = try FileManager.default.attributesOfItem(atPath: box.db)[.size] as? Int ?? 0
    #expect(size < 2_000_000, "the database grew to \(size) bytes")
  }
}
