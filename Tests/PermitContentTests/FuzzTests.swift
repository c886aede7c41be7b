import Foundation
import PermitCore
import Testing

@testable import PermitContent

@Suite("Fuzzing the loaders")
struct FuzzTests {
  /// Seed inputs: every shipped YAML file and every fixture.
  static func corpus() -> [(String, Data)] {
    var files: [String] = []
    for dir in ["Scenarios", "Curriculum", "Policies", "Tests/PermitContentTests/Fixtures"] {
      files += TestSupport.yamlFiles(under: TestSupport.root + "/" + dir)
    }
    return files.compactMap { f in FileManager.default.contents(atPath: f).map { (f, $0) } }
  }

  /// A mutated copy: bytes flipped, truncated, a slice duplicated, lines shuffled, or random bytes.
  static func mutate(_ data: Data, _ rng: inout SeededRandom) -> Data {
    var b = [UInt8](data)
    switch rng.int(0...6) {
    case 0:  // flip a few bytes
      for _ in 0..<rng.int(1...8) where !b.isEmpty { b[rng.int(0...(b.count - 1))] ^= UInt8(rng.int(1...255)) }
    case 1:  // truncate
      if !b.isEmpty { b = Array(b.prefix(rng.int(0...(b.count - 1)))) }
    case 2:  // duplicate a slice
      if b.count > 2 {
        let i = rng.int(0...(b.count - 2))
        let j = rng.int((i + 1)...(b.count - 1))
        b.insert(contentsOf: b[i..<j], at: rng.int(0...b.count))
      }
    case 3:  // replace a byte with YAML punctuation
      let punct: [UInt8] = Array(":-[]{}&*!|>'\"%@`#,? \t\n".utf8)
      for _ in 0..<rng.int(1...5) where !b.isEmpty { b[rng.int(0...(b.count - 1))] = rng.pick(punct) }
    case 4:  // swap two lines
      var lines = b.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
      if lines.count > 2 {
        lines.swapAt(rng.int(0...(lines.count - 1)), rng.int(0...(lines.count - 1)))
        b = Array(lines.joined(separator: [10]))
      }
    case 5:  // delete a line
      var lines = b.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
      if lines.count > 1 {
        lines.remove(at: rng.int(0...(lines.count - 1)))
        b = Array(lines.joined(separator: [10]))
      }
    default:  // random bytes
      b = (0..<rng.int(0...300)).map { _ in UInt8(rng.int(0...255)) }
    }
    return Data(b)
  }

  @Test("thousands of mutated inputs: no crash, every diagnostic has a position")
  func fuzz() {
    let corpus = FuzzTests.corpus()
    #expect(corpus.count >= 20)
    let checker = ContentChecker(library: TestSupport.library)
    var rng = SeededRandom(seed: 20_171_103)
    var withErrors = 0
    let rounds = 3000
    for i in 0..<rounds {
      let (name, original) = rng.pick(corpus)
      var data = FuzzTests.mutate(original, &rng)
      if rng.chance(0.3) { data = FuzzTests.mutate(data, &rng) }
      let (_, diagnostics) = checker.check(data: data, file: "fuzz-\(i).yaml")
      if diagnostics.contains(where: { $0.severity == .error }) { withErrors += 1 }
      for d in diagnostics {
        #expect(d.line >= 1 && d.column >= 1, "\(name) mutation \(i): \(d)")
        #expect(d.file == "fuzz-\(i).yaml")
        #expect(!d.message.isEmpty)
      }
    }
    // Most mutations break something, and the reader says so.
    #expect(withErrors > rounds / 3)
  }

  @Test("hostile inputs: deep nesting, alias bombs, NUL and invalid UTF-8")
  func hostile() {
    let checker = ContentChecker(library: TestSupport.library)
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 { bomb += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + String(repeating: "*\(Character(UnicodeScalar(96 + i)!)), ", count: 9) + "*\(Character(UnicodeScalar(96 + i)!))]\n" }
    bomb += "applicants: *j\nclock: {start: 2017-07-03T09:00+08:00}\n"
    let cases: [Data] = [
      Data(deep.utf8), Data(bomb.utf8), Data([0x69, 0x64, 0x3A, 0x00, 0x0A]), Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0xFE]),
      Data(), Data("---\n...\n".utf8), Data("- a\n- b\n".utf8), Data("id: [".utf8),
    ]
    for (i, data) in cases.enumerated() {
      let (_, diagnostics) = checker.check(data: data, file: "hostile-\(i).yaml")
      #expect(diagnostics.contains { $0.severity == .error }, "case \(i)")
      for d in diagnostics { #expect(d.line >= 1 && d.column >= 1, "case \(i): \(d)") }
    }
  }
}
