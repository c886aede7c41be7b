import Foundation
import Testing

/// Help texts that wrap where the terminal does (not hard-wrapped mid-sentence), and REPL tables
/// aligned by display width.
@Suite("help wrapping and display-width tables")
struct HelpAndWidthTests {
  static let subcommands = ["", "repl", "decide", "check", "generate", "play", "rehearse", "report", "replay", "verify", "purge", "monitor", "bench", "bench-check", "bench-repl"]

  @Test("on a wide terminal every help paragraph is one line: none ends mid-sentence")
  func helpParagraphs() throws {
    let box = try Sandbox()
    for c in Self.subcommands {
      let r = try box.run(["help"] + (c.isEmpty ? [] : [c]), environment: ["COLUMNS": "1000"])
      #expect(r.exited(0), "help \(c): \(r.stderr)")
      let overview = r.stdout.components(separatedBy: "\nUSAGE:").first ?? ""
      for line in overview.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
        #expect(line.last.map { ".):".contains($0) } == true, "help \(c): a paragraph is cut mid-sentence: \(line)")
      }
      // And at 60 columns ArgumentParser wraps them itself.
      let narrow = try box.run(["help"] + (c.isEmpty ? [] : [c]), environment: ["COLUMNS": "60"])
      let over = narrow.stdout.split(separator: "\n").filter { DisplayWidthProbe.width(String($0)) > 60 && !$0.contains("  ") && !$0.contains("--") }
      #expect(over.isEmpty, "help \(c) at 60 columns: \(over)")
    }
  }

  @Test("the REPL queue aligns a CJK applicant name by display width")
  func queueAlignsWideNames() throws {
    let box = try Sandbox()
    let shipped = try String(contentsOfFile: CLI.root + "/Scenarios/m02-overseas-notification/m02-s01-materials-and-dates.yaml", encoding: .utf8)
    let name = try #require(shipped.range(of: #"applicant: \{ name: "[^"]+""#, options: .regularExpression))
    let original = String(shipped[name]).replacingOccurrences(of: "applicant: { name: ", with: "")
    let wide = shipped.replacingOccurrences(of: "\nid: m02-s01-materials-and-dates\n", with: "\nid: wide-names\n")
      .replacingOccurrences(of: original, with: "\"王小明 WANG\"")
    let file = box.write("wide.yaml", wide)
    let r = try box.run(["play", file, "--free", "--trainee", "t"], stdin: "advance --to 17:00\nqueue\n")
    #expect(r.exited(0), "\(r.stdout.suffix(500))\(r.stderr)")
    let rows = r.stdout.split(separator: "\n").map(String.init).filter { $0.range(of: #"^[ *]T\d{3}  "#, options: .regularExpression) != nil }
    try #require(rows.count >= 2 && rows.contains { $0.contains("王小明") }, "\(r.stdout.suffix(800))")
    // The status column starts at the same display column on every row.
    // (The status is the text after the last run of two or more spaces.)
    let starts = Set(rows.map { row -> Int in
      let gap = row.range(of: "  +", options: [.regularExpression, .backwards])!
      return DisplayWidthProbe.width(String(row[..<gap.upperBound]))
    })
    #expect(starts.count == 1, "\(rows)")
  }
}
