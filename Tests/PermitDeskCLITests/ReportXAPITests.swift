import Foundation
import Testing

/// `report --format xapi` and `--format html` after autoplayed attempts.
@Suite struct ReportXAPITests {
  @Test func statementsAndPage() throws {
    let db = FileManager.default.temporaryDirectory.appendingPathComponent("xapi-\(UUID().uuidString).sqlite").path
    defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
    #expect(try CLI.run(["play", "m01-s01-jurisdiction", "--autoplay", "perfect", "--format", "json", "--db", db, "--trainee", "ada"]).exited(0))
    #expect(try CLI.run(["play", "m01-s01-jurisdiction", "--autoplay", "late", "--format", "json", "--db", db, "--trainee", "ada"]).exited(0))
    let x = try CLI.run(["report", "--format", "xapi", "--include-autoplay", "--db", db])
    #expect(x.exited(0), "\(x.stderr)")
    let statements = try #require(try JSONSerialization.jsonObject(with: Data(x.stdout.utf8)) as? [[String: Any]])
    // Per finished attempt: initialized, completed, passed or failed (the scored one checked here).
    #expect(statements.count == 6)
    for s in statements where s["result"].flatMap({ ($0 as? [String: Any])?["score"] }) != nil {
      let result = try #require(s["result"] as? [String: Any])
      let score = try #require(result["score"] as? [String: Any])
      let scaled = try #require(score["scaled"] as? Double)
      #expect((0...1).contains(scaled))
      #expect(result["completion"] as? Bool == true)
      #expect((result["duration"] as? String)?.hasPrefix("PT") == true)
      let actor = try #require(s["actor"] as? [String: Any])
      #expect(actor["name"] as? String == "ada")
      let verb = try #require(s["verb"] as? [String: Any])
      let id = try #require(verb["id"] as? String)
      #expect(id.hasSuffix(result["success"] as? Bool == true ? "passed" : "failed"))
    }
    let h = try CLI.run(["report", "--format", "html", "--include-autoplay", "--db", db])
    #expect(h.exited(0))
    #expect(h.stdout.hasPrefix("<!doctype html>") && h.stdout.contains("<svg") && h.stdout.contains("m01-s01-jurisdiction"))
  }
}
