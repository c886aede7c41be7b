import Foundation
import Testing

/// Issue 9 through the real binary: malformed proposals refused with a hint, a critical error
/// failing an attempt whatever its total, and a restore costing the module credit.
@Suite("scoring end to end")
struct ScoringEndToEndTests {
  static func script(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

  @Test("malformed proposals are refused with a hint and not scored")
  func malformedProposals() throws {
    let r = try Sandbox().run([], stdin: Self.script([
      "login mal", "start m01-s01-jurisdiction", "advance --next", "open T001",
      "decide supplement stale:passport",
      "decide refuse out-of-jurisdiction --refer-to fengtai",
      "decide refuse out-of-jurisdiction --refer-to haidain",
      "decide accept-pending",
      "decide accept-pending missing:contract",
      "decide accept --refer-to haidian",
      "decide supplement stale:criminal-recrd",
      "score",
    ]))
    #expect(r.exited(0), "exit \(r.status); stderr: \(r.stderr)")
    let out = r.stdout + r.stderr  // refusals of a script go to standard error
    #expect(out.contains("'stale:passport' is not a valid pair: stale: applies to criminal-record, health-certificate, photo; did you mean expired:passport?"), "\(out)")
    #expect(out.contains("'fengtai' is not a body of this pack: refer to a pilot window or the municipal Center (chaoyang, haidian, shunyi, municipal-center)"))
    #expect(out.contains("'haidain' is not a body of this pack") && out.contains("did you mean 'haidian'?") || out.contains("haidian?"), "\(out)")
    #expect(out.contains("accept-pending lists the items still to come"))
    #expect(out.contains("'missing:contract' cannot be pending"))
    #expect(out.contains("only a refusal refers the employer elsewhere"))
    #expect(out.contains("unknown defect code 'stale:criminal-recrd'") && out.contains("stale:criminal-record"))
    #expect(!out.contains("you propose"), "a malformed proposal was accepted: \(out)")
    // Nothing was scored: no proposal, no invented defect.
    #expect(out.contains("decisions 0 · double review 100 · time limits 100"), "\(out)")
    #expect(!out.contains("invented"))
  }

  @Test("a critical error fails the attempt whatever the total, with the reason")
  func criticalError() throws {
    let box = try Sandbox()
    let r = try box.run(["play", "m01-s01-jurisdiction", "--autoplay", "skip-review"])
    #expect(r.exited(0), "exit \(r.status); stderr: \(r.stderr)")
    let verdict = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Final score:") }, "\(r.stdout)")
    #expect(verdict.contains("80/100") && verdict.contains("NOT PASSED: critical error issue-without-review (T001, T002"), "\(verdict)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let critical = try #require(lines.firstIndex { $0.hasPrefix("Critical errors") })
    let points = try #require(lines.firstIndex { $0.hasPrefix("Points lost") })
    #expect(critical < points, "critical errors come first")
    #expect(lines[critical + 1].contains("issue-without-review  T001  tried to issue before post B agreed"))
    #expect(lines[critical + 2].contains("rule [double-post] no notice without post B's agreement"))
  }

  @Test("start with an attempt in progress asks for --abandon or resume; --abandon starts anew")
  func startAbandon() throws {
    let r = try Sandbox().run([], stdin: Self.script([
      "login ab", "start m01-s01-jurisdiction", "advance --next", "start m01-s01-jurisdiction", "queue",
      "start m01-s01-jurisdiction --abandon", "queue",
    ]))
    let out = r.stdout + r.stderr
    #expect(out.contains("attempt #1 at m01-s01-jurisdiction is in progress (it is 2017-07-03T09:05+08:00): 'resume' to continue it, or 'start m01-s01-jurisdiction --abandon' to abandon it and start anew"), "\(out)")
    #expect(out.contains("T001  overseas-notification"), "the first attempt went on after the refusal: \(out)")
    #expect(out.contains("Attempt #2 started."), "\(out)")
    #expect(!out.contains("Attempt #3"))
  }

  /// The golden play-through (100/100) with a snapshot and a restore at the start: still 100, but no
  /// credit; the same play-through without the restore earns it.
  @Test("an attempt with a restore earns no module credit")
  func restoreEarnsNoCredit() throws {
    let golden = try ReplScriptTests.goldenScript().split(separator: "\n").map(String.init).filter { $0 != "quit" }
    let start = try #require(golden.firstIndex { $0.hasPrefix("start ") })
    var restored = golden
    restored.insert(contentsOf: ["snapshot begin", "advance 5m", "restore begin"], at: start + 1)
    let tail = ["curriculum", "debrief"]
    let plain = try Sandbox().run([], stdin: (golden + tail).joined(separator: "\n") + "\n")
    let again = try Sandbox().run([], stdin: (restored + tail).joined(separator: "\n") + "\n")
    for r in [plain, again] {
      #expect(r.exited(0), "exit \(r.status); stderr: \(r.stderr)")
      #expect(r.stdout.contains("Final score: 100/100 (pass mark 70: PASSED)"))
    }
    #expect(again.stdout.contains("restored 'begin'") && again.stdout.contains("earns no module credit"))
    #expect(again.stdout.contains("0 hints, 1 restore - no module credit for an attempt with a restore"))
    #expect(again.stdout.contains("Restores (no module credit for this attempt):"))
    // The module wants every scripted scenario; the plain attempt has m01-s01 done, the restored one not.
    let toPass = { (out: String) in out.split(separator: "\n").first { $0.contains("still to pass with credit:") }.map(String.init) ?? "" }
    #expect(!toPass(plain.stdout).isEmpty && !toPass(plain.stdout).contains("m01-s01-jurisdiction"), "\(toPass(plain.stdout))")
    #expect(toPass(again.stdout).contains("m01-s01-jurisdiction"), "\(toPass(again.stdout))")
  }
}
