import Foundation
import Testing

/// The product contract (product.md) as a user meets it on the command line: the mistakes people
/// make (a mistyped subcommand, a filter or pack id that names nothing, a mistyped --db) get one line
/// naming the mistake and the closest right word, with the contract's exit code; global options
/// work before every subcommand.
@Suite("product contract: mistakes on the command line")
struct ContractQATests {
  /// A finished attempt of `name` in cohort `cohort` at m01-s01.
  static func finishAttempt(_ box: Sandbox, name: String, cohort: String) throws {
    let r = try box.run([], stdin: "login \"\(name)\" --cohort \(cohort)\nstart m01-s01-jurisdiction\nfinish --now\nquit\n")
    try #require(r.exited(0), "\(r.stdout)\(r.stderr)")
  }

  @Test("a mistyped subcommand is named with the closest one, exit 64, and no REPL usage")
  func unknownSubcommand() throws {
    let box = try Sandbox()
    for (args, word, suggestion) in [
      (["repot"], "repot", "report"), (["Report"], "Report", "report"), (["--db", box.db, "verfy"], "verfy", "verify"),
      (["help", "rehears"], "rehears", "rehearse"), (["xyzzy"], "xyzzy", nil),
    ] as [([String], String, String?)] {
      let r = try box.run(args)
      #expect(r.exited(64), "\(args): \(r.status) \(r.stderr)")
      let lines = r.stderr.split(separator: "\n")
      #expect(lines.count == 1, "\(args): one line expected: \(r.stderr)")
      #expect(r.stderr.hasPrefix("permitdesk: unknown command '\(word)'"), "\(args): \(r.stderr)")
      if let suggestion { #expect(r.stderr.contains("did you mean '\(suggestion)'?"), "\(args): \(r.stderr)") }
      #expect(r.stderr.contains("permitdesk --help"), "\(args): \(r.stderr)")
      #expect(!r.stderr.contains("repl"), "\(args): the REPL's usage is not the answer: \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(args): \(r.stdout)")
    }
    // Nothing was created by the mistake.
    #expect(!FileManager.default.fileExists(atPath: box.db))
    // A right subcommand, `help SUBCOMMAND` and the REPL (no word) still work.
    #expect(try box.run(["help", "report"]).exited(0))
    #expect(try box.run(["--db", box.db, "report", "--help"]).exited(0))
    #expect(try box.run([], stdin: "quit\n").exited(0))
  }

  @Test("--db, --content and --no-color written before monitor, room and help reach them")
  func globalOptionsBeforeEverySubcommand() throws {
    let box = try Sandbox()
    try Self.finishAttempt(box, name: "ann", cohort: "spring")
    let monitor = try box.run(["--db", box.db, "--content", CLI.root, "--no-color", "monitor", "--once"])
    #expect(monitor.exited(0), "\(monitor.stderr)")
    #expect(monitor.stdout.contains("attempt") && monitor.stdout.contains("trainee"), "\(monitor.stdout)")
    let json = try box.run(["--db", box.db, "monitor", "--once", "--format", "json"])
    #expect(json.exited(0), "\(json.stderr)")
    #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "\(json.stdout)")
    // A room subcommand's help, not the REPL's; `help report` with a --db before it.
    let room = try box.run(["--db", box.db, "room", "init", "--help"])
    #expect(room.exited(0), "\(room.stderr)")
    #expect(room.stdout.contains("permitdesk room init"), "\(room.stdout)")
    let group = try box.run(["--no-color", "room", "--help"])
    #expect(group.exited(0) && group.stdout.contains("permitdesk room"), "\(group.stdout)\(group.stderr)")
    let help = try box.run(["--db", box.db, "help", "report"])
    #expect(help.exited(0) && help.stdout.contains("permitdesk report"), "\(help.stdout)\(help.stderr)")
  }

  @Test("report filters that name nothing are refused with the closest name; a known scenario never played is an empty report")
  func reportFilters() throws {
    let box = try Sandbox()
    try Self.finishAttempt(box, name: "Zoë", cohort: "spring")
    for (args, expected) in [
      (["--trainee", "zoë"], "no trainee 'zoë'; did you mean 'Zoë'?"),
      (["--cohort", "sprnig"], "no cohort 'sprnig'; did you mean 'spring'?"),
      (["--scenario", "m01-s01-jurisdictio"], "unknown scenario 'm01-s01-jurisdictio'; did you mean 'm01-s01-jurisdiction'?"),
    ] {
      for format in ["table", "csv", "json"] {
        let r = try box.run(["report"] + args + ["--format", format])
        #expect(r.exited(65), "\(args) \(format): \(r.status) \(r.stdout) \(r.stderr)")
        #expect(r.stderr == "permitdesk: \(expected)\n", "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(args) \(format): nothing that looks like a report: \(r.stdout)")
      }
    }
    // Right filters: the rows; a scenario of the course nobody played yet: no rows, exit 0.
    let right = try box.run(["report", "--trainee", "Zoë", "--cohort", "spring", "--scenario", "m01-s01-jurisdiction", "--format", "json"])
    #expect(right.exited(0), "\(right.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(right.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 1 && rows.first?["trainee"] as? String == "Zoë", "\(right.stdout)")
    let none = try box.run(["report", "--scenario", "m02-s01-materials-and-dates", "--format", "json"])
    #expect(none.exited(0) && none.stdout == "[]\n", "\(none.stdout)\(none.stderr)")
    // An output file that cannot be written: one line with what to check, exit 65.
    let bad = try box.run(["report", "--format", "csv", "-o", box.dir + "/no/such/folder/r.csv"])
    #expect(bad.exited(65), "\(bad.stderr)")
    #expect(bad.stderr.hasSuffix("r.csv: check that its folder exists and is writable\n"), "\(bad.stderr)")
  }

  @Test("purge on a mistyped --db creates no database and says so (exit 65); on the real one it purges")
  func purgeMissingDatabase() throws {
    let box = try Sandbox()
    let typo = box.dir + "/sandbx.sqlite"
    let r = try box.run(["purge", "--db", typo, "--before", "2030-01-01"])
    #expect(r.exited(65), "\(r.status) \(r.stdout) \(r.stderr)")
    #expect(r.stderr.contains("there is no sandbox database at \(typo)"), "\(r.stderr)")
    #expect(!r.stdout.contains("removed"), "\(r.stdout)")
    #expect(!FileManager.default.fileExists(atPath: typo), "purge created \(typo)")
    try Self.finishAttempt(box, name: "ann", cohort: "spring")
    let real = try box.run(["purge", "--db", box.db, "--before", "2030-01-01"])
    #expect(real.exited(0), "\(real.stderr)")
    #expect(real.stdout.contains("filed cases past retention removed"), "\(real.stdout)")
  }

  @Test("an unknown --policy is refused even when every packet names its own pack, with the known packs")
  func decideUnknownPolicy() throws {
    let box = try Sandbox()
    let packet = CLI.root + "/Scenarios/packets/overseas-b-complete.yaml"
    #expect(try String(contentsOfFile: packet, encoding: .utf8).contains("\npolicy: beijing-2017-pilot"))
    for format in ["text", "json"] {
      let r = try box.run(["decide", "--policy", "beijing2024", "--format", format, packet])
      #expect(r.exited(65), "\(format): \(r.status) \(r.stdout)")
      #expect(
        r.stderr == "permitdesk: unknown policy pack 'beijing2024'; known: beijing-2017-pilot, beijing-2024, beijing-2025; did you mean 'beijing-2024'?\n",
        "\(r.stderr)")
      #expect(r.stdout.isEmpty, "\(r.stdout)")
    }
    #expect(try box.run(["decide", "--policy", "beijing-2024", packet]).exited(0))
    // generate names it the same way (a usage error there, as its other option errors).
    let g = try box.run(["generate", "--count", "2", "--seed", "1", "--output", "-", "--policy", "beijing2024"])
    #expect(g.exited(64), "\(g.status) \(g.stderr)")
    #expect(g.stderr.contains("unknown policy pack 'beijing2024'") && g.stderr.contains("did you mean 'beijing-2024'?"), "\(g.stderr)")
    #expect(!g.stderr.contains("Policies: error"), "\(g.stderr)")
  }

  @Test("generate's suggested next commands can be pasted into a shell as they are")
  func generateNextQuoted() throws {
    let box = try Sandbox()
    let r = try box.run(["generate", "--count", "2", "--seed", "3", "--output", "it's mine.yaml"])
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stdout.contains(#"next: permitdesk check 'it'\''s mine.yaml'; permitdesk play 'it'\''s mine.yaml' --free"#), "\(r.stdout)")
    // The suggestion runs as written, through a real shell.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", #"exec "$0" check 'it'\''s mine.yaml'"#, CLI.binary]
    p.currentDirectoryURL = URL(fileURLWithPath: box.dir)
    p.environment = box.environment
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let plain = try box.run(["generate", "--count", "2", "--seed", "3", "--output", "plain.yaml"])
    #expect(plain.stdout.contains("next: permitdesk check plain.yaml; permitdesk play plain.yaml --free"), "\(plain.stdout)")
  }

  @Test("scenarios keeps the titles in one column when an id is longer than 36 characters")
  func scenariosAligned() throws {
    let box = try Sandbox()
    let r = try box.run([], stdin: "login ann\nscenarios\n")
    #expect(r.exited(0), "\(r.stderr)")
    let rows = r.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  m") && $0.contains(" [post ") }
    try #require(rows.contains { $0.contains("m11-s05-contract-start-and-talent-route") }, "\(r.stdout)")
    let starts = Set(rows.map { row -> Int in
      let id = row.dropFirst(2).prefix { $0 != " " }
      let rest = row.dropFirst(2 + id.count)
      return 2 + id.count + rest.prefix { $0 == " " }.count
    })
    #expect(starts.count == 1, "titles start at columns \(starts.sorted())")
  }

  @Test("play SCENARIO without --trainee starts the scenario at the first login; a script that never logs in fails; --mode is checked")
  func playWaitsForLogin() throws {
    let box = try Sandbox()
    let r = try box.run(["play", "m01-s01-jurisdiction"], stdin: "login bob\nqueue\n")
    #expect(r.exited(0), "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.hasPrefix("log in to start m01-s01-jurisdiction: login NAME"), "\(r.stdout)")
    #expect(r.stdout.contains("Logged in as bob.\nAttempt #1 started."), "\(r.stdout)")
    #expect(r.stdout.contains("next arrival at 2017-07-03T09:05+08:00"), "the queue of the started attempt: \(r.stdout)")
    #expect(r.stderr.isEmpty, "\(r.stderr)")
    // The attempt is recorded for bob.
    let report = try box.run(["report", "--format", "json", "--trainee", "bob"])
    #expect(report.stdout.contains("\"scenario\" : \"m01-s01-jurisdiction\"") || report.stdout.contains("\"scenario\": \"m01-s01-jurisdiction\""), "\(report.stdout)")
    // A headless play-through that never logs in played nothing: exit 1, saying why.
    let none = try box.run(["play", "m01-s01-jurisdiction"], stdin: "queue\n")
    #expect(none.exited(1), "\(none.status) \(none.stderr)")
    // A command before the login says the login starts the scenario (not "then 'start SCENARIO'").
    #expect(none.stderr.hasPrefix("log in to start m01-s01-jurisdiction: login NAME"), "\(none.stderr)")
    #expect(none.stderr.contains("m01-s01-jurisdiction was not started: nobody logged in"), "\(none.stderr)")
    // --mode takes practice or assessment, checked before anything runs.
    let exam = try box.run(["play", "m01-s01-jurisdiction", "--trainee", "ann", "--mode", "exam"])
    #expect(exam.exited(64), "\(exam.status) \(exam.stdout)")
    #expect(exam.stderr.contains("'practice'") && exam.stdout.isEmpty, "\(exam.stderr)")
    let assessment = try box.run(["play", "m01-s01-jurisdiction", "--trainee", "ann", "--mode", "assessment"], stdin: "quit\n")
    #expect(assessment.exited(0) && assessment.stdout.contains("assessment mode"), "\(assessment.stdout)\(assessment.stderr)")
  }

  @Test("check counts a file named twice (F F, a file and its folder, ./F) once: no duplicate id of itself")
  func checkSameFileTwice() throws {
    let box = try Sandbox()
    let folder = CLI.root + "/Scenarios/m01-jurisdiction"
    let file = folder + "/m01-s01-jurisdiction.yaml"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
    for args in [[file, file], [file, folder], [folder + "/", file], [folder, folder + "/../m01-jurisdiction/m01-s01-jurisdiction.yaml"]] {
      let r = try box.run(["check"] + args)
      #expect(r.exited(0), "\(args): \(r.stdout)\(r.stderr)")
      #expect(!r.stdout.contains("duplicate") && !r.stderr.contains("duplicate"), "\(args): \(r.stdout)\(r.stderr)")
      let count = args.contains(folder) || args.contains(folder + "/") ? files.count : 1
      #expect(r.stdout.contains("checked \(count) file"), "\(args): \(r.stdout)")
    }
    // Two different files with one id are still a duplicate.
    let copy = box.write("copy.yaml", try String(contentsOfFile: file, encoding: .utf8))
    let dup = try box.run(["check", file, copy])
    #expect(dup.exited(1) && (dup.stdout + dup.stderr).contains("duplicate scenario id 'm01-s01-jurisdiction'"), "\(dup.stdout)\(dup.stderr)")
  }

  @Test("a scenario file played by path earns no module credit, even under a course scenario's id")
  func pathPlayEarnsNoCredit() throws {
    let box = try Sandbox()
    // An easier copy of m01-s01 under the same id: one file only, nothing to get wrong.
    let shipped = try String(contentsOfFile: CLI.root + "/Scenarios/m01-jurisdiction/m01-s01-jurisdiction.yaml", encoding: .utf8)
    #expect(shipped.contains("\nid: m01-s01-jurisdiction\n"))
    let copy = box.write("m01-s01-jurisdiction.yaml", shipped)
    let r = try box.run(["play", copy, "--trainee", "tt"], stdin: "finish --now\n")
    #expect(r.exited(0), "\(r.stdout)\(r.stderr)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(box.run(["report", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
    try #require(rows.count == 1, "\(rows)")
    #expect(rows[0]["scenario"] as? String == "m01-s01-jurisdiction")
    #expect(rows[0]["module"] is NSNull, "an attempt on a file given by path counts for no module: \(rows[0])")
    // The same scenario by id counts for its module.
    _ = try box.run(["play", "m01-s01-jurisdiction", "--trainee", "uu"], stdin: "finish --now\n")
    let byID = try #require(
      try JSONSerialization.jsonObject(with: Data(box.run(["report", "--format", "json", "--trainee", "uu"]).stdout.utf8)) as? [[String: Any]])
    #expect(byID.first?["module"] as? String == "m01-jurisdiction", "\(byID)")
  }

  @Test("decide's headline for a one-time notice with one defect reads as English")
  func oneDefectHeadline() throws {
    let box = try Sandbox()
    let complete = try String(contentsOfFile: CLI.root + "/Scenarios/packets/overseas-b-complete.yaml", encoding: .utf8)
    try #require(complete.contains("  - kind: passport\n"))
    let packet = box.write("one.yaml", complete.replacingOccurrences(of: "  - kind: passport\n", with: ""))
    let r = try box.run(["decide", packet])
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stdout.contains("Outcome:  SUPPLEMENT - issue one one-time notice listing its 1 defect\n"), "\(r.stdout)")
    #expect(r.stdout.contains("missing:passport"), "\(r.stdout)")
  }

  /// Every key of a JSON document that is not kebab-case (lower-case words joined by '-').
  static func nonKebabKeys(_ json: String) throws -> Set<String> {
    var bad: Set<String> = []
    func walk(_ v: Any) {
      if let o = v as? [String: Any] {
        for (k, x) in o {
          if k.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil { bad.insert(k) }
          walk(x)
        }
      } else if let a = v as? [Any] {
        a.forEach(walk)
      }
    }
    walk(try JSONSerialization.jsonObject(with: Data(json.utf8)))
    return bad
  }

  @Test("every JSON the product writes is keyed in kebab-case (xAPI, a standard's own vocabulary, apart)")
  func jsonKeysKebabCase() throws {
    let box = try Sandbox()
    let packets = CLI.root + "/Scenarios/packets"
    let one = packets + "/overseas-b-defects.yaml"
    // An attempt still running (for monitor) and finished ones (for report and replay).
    try Self.finishAttempt(box, name: "ann", cohort: "spring")
    let running = try box.run([], stdin: "login bob\nstart m01-s01-jurisdiction\nadvance --next\nopen T001\nquit\n")
    #expect(running.exited(0), "\(running.stderr)")
    var outputs: [(String, [String])] = [
      ("decide", ["decide", "--format", "json", one, packets + "/category-a-pending.yaml", packets + "/out-of-jurisdiction.yaml"]),
      ("check", ["check", "--format", "json", CLI.root + "/Scenarios/m01-jurisdiction"]),
      ("play", ["play", "m01-s02-application-types", "--autoplay", "miss-defects", "--format", "json"]),
      ("replay", ["replay", "1", "--format", "json", "--policy", "beijing-2025"]),
      ("rehearse", ["rehearse", "--format", "json", one]),
      ("monitor", ["monitor", "--once", "--format", "json"]),
    ]
    for per in ["attempt", "trainee", "module", "item"] { outputs.append(("report --per \(per)", ["report", "--format", "json", "--per", per, "--include-autoplay"])) }
    for (name, args) in outputs {
      let r = try box.run(args)
      #expect(r.exited(0), "\(name): \(r.status) \(r.stderr)")
      let bad = try Self.nonKebabKeys(r.stdout)
      #expect(bad.isEmpty, "\(name): keys not in kebab-case: \(bad.sorted())")
    }
    // The monitor's row, by its documented keys.
    let monitor = try #require(
      try JSONSerialization.jsonObject(with: Data(box.run(["monitor", "--once", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
    let row = try #require(monitor.first)
    #expect(Set(row.keys) == ["attempt", "trainee", "scenario", "mode", "post", "clock", "files-done", "files-total", "score", "last-action", "last-action-seconds-ago", "alerts", "partner"], "\(row.keys.sorted())")
    #expect(row["trainee"] as? String == "bob" && row["last-action"] as? String == "open" && row["files-total"] as? Int == 10, "\(row)")
  }

  @Test("the employer rehearsal's record line is in the session's language")
  func rehearseRecordInChinese() throws {
    let box = try Sandbox()
    let zh = ["LANG": "zh_CN.UTF-8"]
    let packet = CLI.root + "/Scenarios/packets/overseas-b-defects.yaml"
    let r = try box.run(["rehearse", packet, "--person", "Mei"], environment: zh)
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stdout.contains("Mei：预演 1 次，申请 1 份，其中 0 份一次通过（0%）"), "\(r.stdout.suffix(300))")
    #expect(!r.stdout.contains("right the first time"), "\(r.stdout.suffix(300))")
    let template = try box.run(["rehearse", "--template", "extension", "--output", "t.yaml"], environment: zh)
    #expect(template.exited(0), "\(template.stderr)")
    let t = try box.run(["rehearse", box.dir + "/t.yaml", "--person", "Mei"], environment: zh)
    #expect(t.stdout.contains("Mei：这是模板自带的模拟申请人，不是你的草稿"), "\(t.stdout.suffix(300))")
    #expect(!t.stdout.contains("not your draft"), "\(t.stdout.suffix(300))")
  }

  @Test("rehearse --format json without a packet is refused, not answered in text")
  func rehearseJSONNeedsPacket() throws {
    let box = try Sandbox()
    for args in [["--materials", "extension"], ["--template", "extension"], ["--new", "extension", "--output", "n.yaml"]] {
      let r = try box.run(["rehearse", "--format", "json"] + args)
      #expect(r.exited(64), "\(args): \(r.status) \(r.stdout)")
      #expect(r.stdout.isEmpty && r.stderr.contains("--format json writes the decision on a packet file"), "\(args): \(r.stderr)")
    }
    let packet = CLI.root + "/Scenarios/packets/overseas-b-defects.yaml"
    let ok = try box.run(["rehearse", "--format", "json", packet])
    #expect(ok.exited(0) && (try? JSONSerialization.jsonObject(with: Data(ok.stdout.utf8))) != nil, "\(ok.stdout.prefix(200))\(ok.stderr)")
  }

  @Test("play SCENARIO --format json with a script: standard output is the score card as JSON alone")
  func playScriptFormatJSON() throws {
    let box = try Sandbox()
    let r = try box.run(["play", "m01-s01-jurisdiction", "--trainee", "jj", "--format", "json"], stdin: "advance --next\nopen T001\nfoo\nfinish --now\n")
    #expect(r.exited(0), "\(r.status) \(r.stderr)")
    let card = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout.prefix(400))")
    for key in ["overall", "decisions", "double-review", "time-limits"] {
      let v = try #require(card[key] as? Int, "\(key) in \(card.keys.sorted())")
      #expect((0...100).contains(v))
    }
    #expect(card["passed"] as? Bool == false)
    // The script's error still reaches standard error; the recorded attempt has the same score.
    #expect(r.stderr.contains("unknown command 'foo'"), "\(r.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(box.run(["report", "--format", "json", "--trainee", "jj"]).stdout.utf8)) as? [[String: Any]])
    #expect(report.first?["overall"] as? Int == card["overall"] as? Int, "\(report)")
    // Nothing played (a locked module): no JSON, exit 1.
    let locked = try box.run(["play", "m10-s01-assessment-post-a", "--trainee", "kk", "--format", "json"], stdin: "queue\n")
    #expect(locked.exited(1) && locked.stdout.isEmpty, "\(locked.status) \(locked.stdout)")
    #expect(locked.stderr.contains("no attempt was played"), "\(locked.stderr)")
  }

  @Test("the day's summary counts in English: '1 case', '1 hint', '2 cases'")
  func summaryPlurals() throws {
    let box = try Sandbox()
    let r = try box.run(["play", "m01-s01-jurisdiction", "--trainee", "pp"], stdin: "advance --next\nopen T001\nhint\nfinish --now\ndebrief\n")
    #expect(r.exited(0), "\(r.stderr)")
    let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("End of day:") }, "\(r.stdout.suffix(400))")
    #expect(line.hasPrefix("End of day: 10 cases; 0 notices (0 on time): 0 acceptances,"), "\(line)")
    #expect(line.hasSuffix("0 proposals, 0 reviews, 1 hint, 0 restores."), "\(line)")
    let zh = try box.run(["play", "m01-s01-jurisdiction", "--trainee", "qq"], stdin: "advance --next\nopen T001\nhint\nfinish --now\ndebrief\n", environment: ["LANG": "zh_CN.UTF-8"])
    #expect(zh.stdout.contains("当日小结：案卷10件；出具文书0份（按时0份）："), "\(zh.stdout.suffix(400))")
    #expect(zh.stdout.contains("提出受理意见0次，复核0次，提示1次，恢复快照0次。"), "\(zh.stdout.suffix(400))")
  }

  @Test("resume and replay say '1 action replayed' for one action")
  func oneActionReplayed() throws {
    let box = try Sandbox()
    _ = try box.run([], stdin: "login rr\nstart m01-s01-jurisdiction\nqueue\nquit\n")
    let resumed = try box.run([], stdin: "login rr\nresume\nquit\n")
    #expect(resumed.stdout.contains("Resumed attempt #1 at m01-s01-jurisdiction: 1 action replayed;"), "\(resumed.stdout)")
    let replay = try box.run(["replay", "1"])
    #expect(replay.stdout.hasPrefix("attempt #1 m01-s01-jurisdiction (rr, practice): 1 action replayed\n"), "\(replay.stdout)")
  }

  @Test("check names each typo'd key of a packet whose every top-level key is mistyped, as decide does; exit 1")
  func checkTypoedPacket() throws {
    let box = try Sandbox()
    var text = try String(contentsOfFile: CLI.root + "/Scenarios/packets/overseas-b-complete.yaml", encoding: .utf8)
    for (right, typo) in [("applicant:", "aplicant:"), ("application:", "aplication:"), ("materials:", "materals:"), ("employer:", "emploier:"), ("submitted:", "submited:")] {
      text = text.replacingOccurrences(of: "\n" + right, with: "\n" + typo)
    }
    let file = box.write("typo.yaml", text)
    let check = try box.run(["check", file])
    #expect(check.exited(1), "\(check.status) \(check.stderr)")
    let decide = try box.run(["decide", file])
    #expect(decide.exited(65), "\(decide.status)")
    #expect(!check.stdout.contains("cannot tell what this file is") && !check.stderr.contains("cannot tell"), "\(check.stdout)\(check.stderr)")
    for (typo, right) in [("aplicant", "applicant"), ("aplication", "application"), ("materals", "materials"), ("emploier", "employer"), ("submited", "submitted")] {
      let line = try #require((check.stdout + check.stderr).split(separator: "\n").first { $0.contains("unknown key '\(typo)'") }, "\(check.stdout)")
      #expect(line.hasPrefix(file + ":") && line.hasSuffix("error: unknown key '\(typo)' in the packet; did you mean '\(right)'?"), "\(line)")
      #expect(decide.stderr.contains(String(line)), "decide says the same: \(decide.stderr)")
    }
  }

  @Test("a locked module played from the shell suggests 'permitdesk play X --free'; typed in the REPL, 'start X --free'")
  func lockedModuleSuggestion() throws {
    let box = try Sandbox()
    let id = "m10-s01-assessment-post-a"
    let shell = try box.run(["play", id, "--trainee", "kk"])
    #expect(shell.stderr.contains("or 'permitdesk play \(id) --free' to practise it without credit"), "\(shell.stderr)")
    #expect(!shell.stderr.contains("'start \(id) --free'"), "\(shell.stderr)")
    // Logged in later (the start waits for the login): still the shell's command.
    let later = try box.run(["play", id], stdin: "login ll\n")
    #expect(later.stderr.contains("'permitdesk play \(id) --free'"), "\(later.stderr)")
    // Inside the REPL, also after play's own start: the REPL's command.
    let typed = try box.run(["play", id, "--trainee", "kk"], stdin: "start \(id)\n")
    #expect(typed.stderr.contains("or 'start \(id) --free' to practise it without credit"), "\(typed.stderr)")
    let zh = try box.run(["play", id, "--trainee", "kk"], environment: ["LANG": "zh_CN.UTF-8"])
    #expect(zh.stderr.contains("或用 'permitdesk play \(id) --free' 练习（不计学分）"), "\(zh.stderr)")
    // The suggestion works.
    let free = try box.run(["play", id, "--free", "--trainee", "kk"], stdin: "clock\n")
    #expect(free.exited(0) && !free.stderr.contains("locked"), "\(free.stderr)")
  }
}
