import PermitCore
import Testing

@testable import PermitTraining

/// Issue 8: `verify --rescore` decodes each distinct log row once per thread (`CommandLog.Reader`).
/// What it gives must be what `CommandLog.decode` gives, row by row, however full it is.
@Suite struct CommandLogReaderTests {
  /// Rows of every kind: version 2 of each sample command, version 1 words, invalid words, damaged text.
  static var rows: [(verb: String, arguments: String)] {
    var out = TypedCommandTests.samples.map { (verb: $0.name, arguments: CommandLog.encode(.command($0))) }
    out += [
      ("decide", #"["refuse","out-of-jurisdiction","--refer-to","haidian"]"#), ("advance", #"["10m"]"#), ("finish", "[]"),
      ("review", #"["return","missing","x"]"#), ("decide", CommandLog.encode(LoggedCommand.parse(["decide", "bogus"]).0)),
      ("open", "not json"), ("open", #"{"v":3}"#), ("show", #"{"material":"passport","v":2}"#), ("open", #"{"material":"passport","v":2}"#),
    ]
    return out
  }

  @Test func readsEveryRowAsTheDecoderDoes() {
    let reader = CommandLog.Reader()
    for _ in 0..<2 {  // the second pass is answered from what the first decoded
      for r in Self.rows {
        #expect(reader.decode(verb: r.verb, arguments: r.arguments) == CommandLog.decode(verb: r.verb, arguments: r.arguments), "\(r)")
      }
    }
    // The same text under another verb is another row.
    #expect(reader.decode(verb: "show", arguments: #"{"v":2}"#) != reader.decode(verb: "issue", arguments: #"{"v":2}"#))
    let distinct = Set(Self.rows.map { "\($0.verb)\u{0}\($0.arguments)" } + ["show\u{0}{\"v\":2}", "issue\u{0}{\"v\":2}"])
    #expect(reader.count == distinct.count, "one entry per distinct verb and text")
  }

  @Test func aFullReaderStartsAgainAndStaysRight() {
    let reader = CommandLog.Reader(limit: 3)
    for _ in 0..<3 {
      for r in Self.rows {
        #expect(reader.decode(verb: r.verb, arguments: r.arguments) == CommandLog.decode(verb: r.verb, arguments: r.arguments), "\(r)")
        #expect(reader.count <= 3)
      }
    }
  }
}
