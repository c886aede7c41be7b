import Foundation
import Testing

/// `permitdesk rehearse`: templates, the notice text, and the first-time-right record.
@Suite struct RehearseEndToEndTests {
  func temp(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rehearse-\(UUID().uuidString)-\(name)").path
  }

  @Test func templatesOfEveryTypeAreAccepted() throws {
    for type in ["overseas-notification", "domestic-permit", "extension", "change", "cancellation", "replacement"] {
      let file = temp("\(type).yaml")
      defer { try? FileManager.default.removeItem(atPath: file) }
      let t = try CLI.run(["rehearse", "--template", type, "--output", file])
      #expect(t.exited(0), "\(t.stderr)")
      let r = try CLI.run(["rehearse", file, "--format", "json"])
      #expect(r.exited(0), "\(type): \(r.stderr)")
      let d = try #require(try CLI.json("[" + r.stdout + "]").first)
      #expect(["accept", "accept-pending"].contains(d["outcome"] as? String), "\(type): \(d["outcome"] ?? "?")")
      #expect(try String(contentsOfFile: file, encoding: .utf8).contains("SPEC"))
    }
  }

  @Test func theOneTimeNoticeListsEveryDefectAndTheRecordCountsFirstTimeRight() throws {
    let db = temp("db.sqlite")
    defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
    let bad = try CLI.run(["rehearse", "Scenarios/packets/overseas-b-defects.yaml", "--person", "Mei", "--db", db])
    #expect(bad.exited(0), "\(bad.stderr)")
    #expect(bad.stdout.contains("ONE-TIME SUPPLEMENT NOTICE"))
    for needle in ["Olivia MARTEN", "issued 2017-01-02", "not authenticated"] { #expect(bad.stdout.contains(needle)) }
    #expect(bad.stdout.contains("Mei: 1 rehearsal, 1 file, 0 right the first time (0%)"))
    let good = try CLI.run(["rehearse", "Scenarios/packets/overseas-b-complete.yaml", "--person", "Mei", "--db", db])
    // The same applicant and type: the file was not right the first time.
    #expect(good.stdout.contains("ACCEPTANCE NOTICE"))
    #expect(good.stdout.contains("Mei: 2 rehearsals, 1 file, 0 right the first time (0%)"))
    let other = try CLI.run(["rehearse", "Scenarios/packets/out-of-jurisdiction.yaml", "--person", "Mei", "--db", db])
    #expect(other.stdout.contains("REFUSAL-OF-ACCEPTANCE NOTICE"))
    #expect(other.stdout.contains("the haidian district window"))
    #expect(other.stdout.contains("reconsideration"))
  }

  @Test func badUsage() throws {
    #expect(try CLI.run(["rehearse"]).exited(64))
    let r = try CLI.run(["rehearse", "--template", "extenson"])
    #expect(r.exited(64))
    #expect(r.stderr.contains("did you mean 'extension'"))
  }
}
