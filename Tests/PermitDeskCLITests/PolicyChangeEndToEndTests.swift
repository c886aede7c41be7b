import Foundation
import Testing

/// The December 2024 rules from the command line: `replay --policy beijing-2025` on an attempt
/// recorded under the 2017 pack lists real divergences, and `rehearse --policy beijing-2025` lets an
/// employer rehearse under the new rules.
@Suite struct PolicyChangeEndToEndTests {
  @Test("replay --policy beijing-2025 on a recorded m02 attempt lists the files decided differently")
  func replayUnderTheNewRules() throws {
    let box = try Sandbox()
    let play = try box.run(["play", "m02-s01-materials-and-dates", "--autoplay", "perfect", "--free"])
    #expect(play.exited(0), "\(play.stderr)")
    let text = try box.run(["replay", "1", "--policy", "beijing-2025"])
    #expect(text.exited(0), "\(text.stderr)")
    #expect(text.stdout.contains("the recorded score follows from the log"), "\(text.stdout)")
    // A complete 2017 overseas notification now lacks the photo and the salary commitment.
    #expect(text.stdout.contains("beijing-2017-pilot says accept; beijing-2025 says supplement missing:photo,missing:salary-commitment"), "\(text.stdout)")
    let json = try box.run(["replay", "1", "--policy", "beijing-2025", "--format", "json"])
    let o = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let divergences = try #require(o["divergences"] as? [[String: Any]])
    #expect(divergences.count >= 1)
    for d in divergences {
      #expect(d["under"] as? String == "beijing-2025")
      #expect((d["now"] as? String)?.contains("missing:photo") == true, "\(d)")
    }
    // The 2024 pack decides these files as the 2017 pack did: no divergence.
    let same = try box.run(["replay", "1", "--policy", "beijing-2024"])
    #expect(same.stdout.contains("under beijing-2024 every file gets the same decision"), "\(same.stdout)")
  }

  @Test("the REPL's points and checklist: a renewal file carries the permit's category, no points (Part A′ 6)")
  func renewalPointsInTheRepl() throws {
    let box = try Sandbox()
    let r = try box.run(["--no-color"], stdin: "login ada\nstart m11-s01-midnight --free\nadvance 1h\nopen T002\npoints\nchecklist\nopen T001\npoints\nquit\n")
    #expect(r.stdout.contains("T002: no points for an extension: the file carries the current permit's Category B (the Center decides in 10 working days)"), "\(r.stdout)")
    #expect(r.stdout.contains("T002: materials required for extension, current permit Category B"), "\(r.stdout)")
    #expect(r.stdout.contains("T001: points (2017 interim table)"), "\(r.stdout)")
  }

  @Test("rehearse --policy beijing-2025: templates of the new rules, and the abolished domestic permit refused")
  func rehearseUnderTheNewRules() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rehearse2025-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for type in ["overseas-notification", "change-employer", "extension", "change", "cancellation"] {
      let file = dir + "/\(type).yaml"
      let t = try CLI.run(["rehearse", "--template", type, "--output", file, "--policy", "beijing-2025"])
      #expect(t.exited(0), "\(t.stderr)")
      let body = try String(contentsOfFile: file, encoding: .utf8)
      #expect(body.contains("policy: beijing-2025") && !body.contains("work-permit-card"), "\(type): \(body)")
      let r = try CLI.run(["rehearse", file])
      #expect(r.exited(0), "\(type): \(r.stderr)")
      #expect(r.stdout.contains("ACCEPTANCE NOTICE") && r.stdout.contains("policy beijing-2025"), "\(type): \(r.stdout)")
    }
    let overseas = try String(contentsOfFile: dir + "/overseas-notification.yaml", encoding: .utf8)
    #expect(overseas.contains("kind: photo"))
    // A domestic permit drafted under the old rules, rehearsed under the new ones.
    let old = dir + "/domestic.yaml"
    #expect(try CLI.run(["rehearse", "--template", "domestic-permit", "--output", old]).exited(0))
    // Filed after the reform: move the submission to Monday 6 January 2025.
    let draft = try String(contentsOfFile: old, encoding: .utf8)
    let lines = draft.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("submitted:") ? "submitted: 2025-01-06T10:00+08:00" : String($0) }
    try lines.joined(separator: "\n").write(toFile: old, atomically: true, encoding: .utf8)
    let r = try CLI.run(["rehearse", old, "--policy", "beijing-2025"])
    #expect(r.stdout.contains("REFUSAL-OF-ACCEPTANCE NOTICE"), "\(r.stdout)")
    #expect(r.stdout.contains("abolished on 2024-12-01") && r.stdout.contains("social-security card"), "\(r.stdout)")
    #expect(!r.stdout.contains("Competent body"), "no referral: \(r.stdout)")
  }
}

/// `decide`: `e-town` is a district only in packs that name it (Part A′ 2).
@Suite struct ETownDecideTests {
  @Test func eTownOnlyWhereThePackNamesIt() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("etown-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let text = try String(contentsOfFile: CLI.root + "/Scenarios/packets/overseas-b-complete.yaml", encoding: .utf8)
      .replacingOccurrences(of: "district: chaoyang }", with: "district: e-town }")
      .replacingOccurrences(of: "policy: beijing-2017-pilot\n", with: "")
    let file = dir + "/etown.yaml"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let old = try CLI.run(["decide", file])
    #expect(old.status == 65)  // line 7: the packet starts with its yaml-language-server modeline
    #expect(old.stderr.contains(":7:1: error: the employer's district 'e-town' is not a district of beijing-2017-pilot"), "\(old.stderr)")
    let new = try CLI.run(["decide", file, "--policy", "beijing-2025", "--format", "json"])
    #expect(new.exited(0), "\(new.stderr)")
    #expect(new.stdout.contains("\"out-of-jurisdiction\"") && new.stdout.contains("\"refer-to\": \"e-town\""), "\(new.stdout)")
  }
}
