import Foundation
import Testing

/// A Center bounce is worded once on screen (the REPL's event and the debrief's timeline, in both
/// languages) while the store keeps the reason's stable English form and `verify --rescore` still
/// finds the record consistent.
@Suite("Center bounce: worded once on screen, stored form unchanged")
struct CenterBounceEndToEndTests {
  /// Doing nothing: every file lapses into a deemed acceptance and the Center bounces the files
  /// that should not have been accepted.
  static let script = "login ines\nstart m01-s01-jurisdiction\nfinish --now\ndebrief\n"

  static func lines(_ text: String, containing word: String) -> [Substring] {
    text.split(separator: "\n").filter { $0.contains(word) }
  }

  @Test("English: 'the Center BOUNCED the acceptance - the file should not …' and 'bounced: the file …'")
  func english() throws {
    let box = try Sandbox()
    let r = try box.run([], stdin: Self.script)
    #expect(r.exited(0), "\(r.stdout)\(r.stderr)")
    let events = Self.lines(r.stdout, containing: "BOUNCED")
    try #require(!events.isEmpty, "\(r.stdout)")
    for line in events {
      #expect(line.contains(": the Center BOUNCED the acceptance - the file should not have been accepted ("), "\(line)")
      #expect(line.lowercased().components(separatedBy: "bounced").count == 2, "\(line)")
    }
    let timeline = Self.lines(r.stdout, containing: "center-decide").filter { !$0.hasSuffix(": approved") }
    try #require(timeline.count == events.count, "\(r.stdout)")
    for line in timeline {
      #expect(line.contains(": bounced: the file should not have been accepted ("), "\(line)")
      #expect(!line.contains("refused: bounced"), "\(line)")
    }
    #expect(!r.stdout.contains("bounced: bounced") && !r.stdout.contains("BOUNCED the acceptance - bounced"), "\(r.stdout)")

    // The timeline is rebuilt from the log (the stored stable form is checked in
    // TimelineRenderingTests and FollowUpTests): verify --rescore still agrees with every record.
    let verify = try box.run(["verify", "--rescore"])
    #expect(verify.exited(0), "\(verify.stdout)\(verify.stderr)")
  }

  @Test("Chinese: '市中心退回了该受理——不应受理该案卷…' and '市中心退回该受理：不应受理该案卷…'")
  func chinese() throws {
    let box = try Sandbox()
    let r = try box.run(["--lang", "zh-Hans"], stdin: Self.script)
    #expect(r.exited(0), "\(r.stdout)\(r.stderr)")
    let events = Self.lines(r.stdout, containing: "市中心退回了该受理")
    try #require(!events.isEmpty, "\(r.stdout)")
    for line in events {
      #expect(line.contains("：市中心退回了该受理——不应受理该案卷（"), "\(line)")
      #expect(line.components(separatedBy: "退回").count == 2, "\(line)")
    }
    let timeline = Self.lines(r.stdout, containing: "市中心退回该受理：")
    #expect(timeline.count == events.count, "\(r.stdout)")
    for line in timeline {
      #expect(line.contains("市中心退回该受理：不应受理该案卷（") && line.components(separatedBy: "退回").count == 2, "\(line)")
    }
    #expect(!r.stdout.contains("bounced"), "\(r.stdout)")
  }
}
