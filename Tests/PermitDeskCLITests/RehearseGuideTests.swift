import Foundation
import Testing

/// `rehearse --new` (guided, in a pty and from a pipe), `rehearse --materials`, the notice's points and
/// plain-language codes, and first-time-right counting only a person's own drafts.
@Suite("employer rehearsal, guided")
struct RehearseGuideTests {
  @Test("rehearse --new in a pseudo-terminal: list first, help, tab completion, packet file, notice (pexpect)")
  func guidedInPty() throws {
    let box = try Sandbox()
    let r = try box.runTool(["/usr/bin/env", "python3", CLI.root + "/Tests/tools/pty_rehearse.py", CLI.binary, box.dir])
    #expect(r.status == 0, "pty_rehearse.py exited \(r.status):\n\(r.output)")
    for check in [
      "ok: the materials list for the type and category comes first",
      "ok: '?' explained a question again; tab completed 'doc' to 'doctorate'",
      "ok: the packet file holds the answers and a schema modeline",
      "ok: the notice has the points breakdown, a plain line per code, and the person's record",
    ] {
      #expect(r.output.contains(check + "\n"), "missing '\(check)' in:\n\(r.output)")
    }
    #expect(FileManager.default.fileExists(atPath: box.dir + "/mine.yaml"))
  }

  @Test("rehearse --new from a pipe: Enter keeps every value; the packet checks clean; input ending early writes nothing")
  func guidedFromPipe() throws {
    let box = try Sandbox()
    let out = box.dir + "/ext.yaml"
    let r = try box.run(["rehearse", "--new", "extension", "--output", out], stdin: String(repeating: "\n", count: 200))
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stdout.contains("packet written to \(out)") && r.stdout.contains("ACCEPTANCE NOTICE"))
    #expect(r.stdout.contains("The Center's decision is due by") && !r.stdout.contains("Decision due by"))
    #expect(try box.run(["check", out]).exited(0))
    // An answer that is not allowed is asked again, with the choices.
    let wrong = try box.run(["rehearse", "--new", "extension", "--output", box.dir + "/w.yaml"], stdin: "\nwestside\n" + String(repeating: "\n", count: 200))
    #expect(wrong.exited(0) && wrong.stdout.contains("'westside' is not one of: chaoyang"), "\(wrong.stdout.prefix(1500))")
    let early = try box.run(["rehearse", "--new", "extension", "--output", box.dir + "/e.yaml"], stdin: "\n\n")
    #expect(early.exited(65) && early.stderr.contains("nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: box.dir + "/e.yaml"))
    #expect(try box.run(["rehearse", "--new", "extensoin"]).exited(64))
  }

  @Test("rehearse --materials TYPE [--category C] lists what the type needs, explained")
  func materials() throws {
    let box = try Sandbox()
    let all = try box.run(["rehearse", "--materials", "overseas-notification"])
    #expect(all.exited(0))
    #expect(all.stdout.hasPrefix("Materials for overseas-notification (policy beijing-2017-pilot):"))
    #expect(all.stdout.contains("Category B also: work-experience") && all.stdout.contains("talent-proof"))
    let b = try box.run(["rehearse", "--materials", "overseas-notification", "--category", "B"])
    #expect(b.stdout.contains("7. work-experience: proof of related work experience"))
    let ext = try box.run(["rehearse", "--materials", "extension"])
    #expect(ext.stdout.contains("work-permit-card") && !ext.stdout.contains("may hand in later"))
    #expect(try box.run(["rehearse", "--materials", "extension", "--category", "D"]).exited(64))
  }

  @Test("the notice: points breakdown, a plain line for every code, no window deadline on a supplement or refusal")
  func noticeExtras() throws {
    let box = try Sandbox()
    let bad = try box.run(["rehearse", CLI.root + "/Scenarios/packets/overseas-b-defects.yaml"])
    #expect(bad.stdout.contains("Points (claimed Category B") && bad.stdout.contains("  total"))
    let codes = try #require(bad.stdout.components(separatedBy: "What the codes mean:\n").last)
    let lines = codes.split(separator: "\n").filter { $0.hasPrefix("  ") }
    #expect(lines.count >= 3 && lines.allSatisfy { $0.contains(": ") }, "\(codes)")
    #expect(!bad.stdout.contains("due by"))
    let refused = try box.run(["rehearse", CLI.root + "/Scenarios/packets/out-of-jurisdiction.yaml"])
    #expect(refused.stdout.contains("out-of-jurisdiction: the employer is registered in another district") && !refused.stdout.contains("due by"))
  }

  @Test("first-time-right counts a person's own drafts, not an unchanged template")
  func ownDraftsOnly() throws {
    let box = try Sandbox()
    let t = box.dir + "/t.yaml"
    #expect(try box.run(["rehearse", "--template", "extension", "--output", t]).exited(0))
    let first = try box.run(["rehearse", t, "--person", "hr2"])
    #expect(first.stdout.contains("not your draft: not recorded"), "\(first.stdout.suffix(300))")
    let mine = try String(contentsOfFile: t, encoding: .utf8)
    #expect(mine.hasPrefix("# yaml-language-server: $schema=file://"))
    let passport = try #require(mine.range(of: #"SPEC\d+"#, options: .regularExpression))
    let own = box.write("own.yaml", mine.replacingOccurrences(of: String(mine[passport]), with: "SPEC99001"))
    let second = try box.run(["rehearse", own, "--person", "hr2"])
    #expect(second.stdout.contains("hr2: 1 rehearsal, 1 file, 1 right the first time (100%)"), "\(second.stdout.suffix(300))")
  }
}
