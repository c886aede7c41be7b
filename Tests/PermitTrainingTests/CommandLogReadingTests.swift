import Foundation
import PermitCore
import Testing

@testable import PermitTraining

/// The action log's fast reader (issue 8, `verify --rescore` speed) gives the same command as the
/// general JSON reader for every text: what it does not read itself it leaves to the general one.
@Suite struct CommandLogReadingTests {
  static let commands: [AttemptCommand] = [
    .brief, .queue, .open(ticket: "T001"), .open(ticket: "票 07"), .show(material: .passport), .show(material: nil), .checklist,
    .points, .decide(outcome: .supplement, defects: ["stale:criminal-record", "missing:degree"], referTo: nil),
    .decide(outcome: .refuse, defects: ["jurisdiction"], referTo: "Haidian \"district\" window\\2"),
    .decide(outcome: .accept, defects: [], referTo: nil), .handover, .review(returnReason: nil),
    .review(returnReason: "the degree is not authenticated\nsee rule 3"), .issue, .clock, .advance(.by(seconds: 3600)),
    .advance(.by(seconds: -5)), .advance(.to(Timestamp(iso: "2017-07-03T09:00+08:00")!)), .advance(.toClock(hour: 9, minute: 5)),
    .advance(.next), .hint, .snapshot(name: "before lunch"), .restore(name: "a/b"), .monthly(year: 2017, month: 7),
    .monthly(year: nil, month: nil), .finish(now: false), .finish(now: true),
  ]

  @Test func theFastReaderAgreesWithTheGeneralOne() {
    for c in Self.commands {
      let text = CommandLog.encode(.command(c))
      #expect(CommandLog.decode(verb: c.name, arguments: text) == .command(c), "\(text)")
      #expect(CommandLog.decodeWithFoundation(verb: c.name, arguments: text) == .command(c), "\(text)")
    }
    let odd = [
      #"{"v":2,"seconds":1.5}"#, #"{"v":2,"seconds":true}"#, #"{"v":2,"next":false}"#, #"{"v":2,"next":null}"#,
      #"{"v":2,"ticket":7}"#, #"{"v":2,"ticket":"A","ticket":"B"}"#, #"{"v":2.0,"ticket":"A"}"#, #"{"v":3,"ticket":"A"}"#,
      #"{"v":2,"defects":["a",1],"outcome":"supplement"}"#, #"{"v":2,"invalid":["x","y"]}"#, #" { "v" : 2 , "ticket" : "T9" } "#,
      #"["supplement","stale:criminal-record"]"#, #"{"v":2,"ticket":"T1"} x"#, "", "{", #"{"v":02}"#, #"{"v":2,"year":2017,"month":7}"#,
      #"{"v":2,"ticket":"\u0054"}"#, #"{"v":2,"name":"x","extra":{"a":1}}"#, #"{"v":2,"now":false}"#, #"{"v":2,"now":true}"#,
      #"{"v":2}"#, #"{"v":2,"now":1}"#, #"{"v":2,"now":fals}"#,
    ]
    for verb in ["open", "advance", "decide", "monthly", "snapshot", "finish", "inject", "nonsense"] {
      for text in odd {
        #expect(CommandLog.decode(verb: verb, arguments: text) == CommandLog.decodeWithFoundation(verb: verb, arguments: text), "\(verb) \(text)")
      }
    }
  }
}
