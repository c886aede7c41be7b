import Foundation
import Testing

@testable import PermitStore

/// `verify` checks each attempt's log on several connections at once (issue 8: the whole
/// `verify --rescore` on both cores): the findings must not depend on how many.
@Suite("Store: verify on several threads, and the chain's canonical bytes")
struct ParallelVerifyTests {
  @Test("the canonical bytes an action is hashed over are the canonical text's UTF-8, for every kind of field")
  func canonicalBytes() {
    let fields: [[String?]] = [
      [], [nil], [""], ["a"], ["0123456789"], [String(repeating: "x", count: 100)], [String(repeating: "y", count: 12345)],
      ["审核", nil, "é\u{301}", "🙂;:|~", "1", "22"],
    ]
    for f in fields {
      for prefix in ["", "3fa9", "前"] {
        for (attempt, seq) in [(Int64(1), Int64(1)), (12, 1234567890)] {
          var c = ActionCanonical(attempt: attempt)
          var p = prefix
          p.withUTF8 { c.reset(prev: $0, seq: seq) }
          for field in f { c.field(field ?? "") }
          let text = prefix + Chain.canonical("action", [String(attempt), String(seq)] + f.map { $0 ?? "" })
          #expect(c.bytes == Array(text.utf8))
        }
      }
    }
    // The hash written with an action is the digest of that text.
    let text = "p0" + Chain.canonical("action", ["3", "4", "ana", "decide", "{\"a\":1}", "2017-07-03T09:00+08:00", "w", "ok", "1"])
    #expect(
      Chain.actionHash(
        prev: "p0", attempt: 3, seq: 4, actor: "ana", verb: "decide", arguments: "{\"a\":1}", simTime: "2017-07-03T09:00+08:00",
        wallTime: "w", result: "ok", ok: true, key: nil) == Chain.digest(text, key: nil))
    // A known vector: SHA-256 of "abc".
    #expect(Chain.digest("abc", key: nil) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test("a file with edits in several attempts: the same findings, in the same order, on 1, 2 and 3 threads")
  func sameFindingsOnEveryThreadCount() throws {
    try withTemporaryPath { path in
      let db = try SandboxDatabase(path: path)
      let t = try db.upsertTrainee(name: "olivia", cohort: nil)
      for i in 0..<7 {
        let a = try db.startAttempt(.sample(trainee: t.id))
        try db.appendActions(
          (1...(3 + i)).map { NewAction.sample(attempt: a.id, "advance", "{\"n\":\($0)}") }, attempt: a.id,
          finishing: i % 2 == 0 ? AttemptResult(overall: 70 + i, decisions: 70, doubleReview: 100, timeLimits: 80, passed: true, json: "{}") : nil)
      }
      #expect(try db.verify(key: nil, jobs: 2).problems == [])
      for trigger in Schema.guardTriggers {
        try db.executeRaw("DROP TRIGGER \(trigger)")
      }
      try db.executeRaw("UPDATE action SET arguments = 'forged' WHERE attempt = 2 AND seq = 2")
      try db.executeRaw("DELETE FROM action WHERE attempt = 4 AND seq = 3")
      try db.executeRaw("UPDATE attempt SET overall = 100 WHERE id = 5")
      try db.executeRaw("UPDATE action SET result = 'forged' WHERE attempt = 7 AND seq = 9")
      let reader = try SandboxDatabase(readOnlyPath: path)
      let one = try reader.verify(key: nil, jobs: 1).problems
      #expect(one.contains { $0.attempt == 2 && $0.seq == 2 })
      #expect(one.contains { $0.attempt == 4 && $0.seq == 4 })
      #expect(one.contains { $0.attempt == 5 && $0.seq == nil })
      #expect(one.contains { $0.attempt == 7 && $0.seq == 9 })
      #expect(try reader.concurrentReaders(3).count == 3)
      for jobs in [2, 3, 8] {
        #expect(try reader.verify(key: nil, jobs: jobs).problems == one)
        #expect(try db.verify(key: nil, jobs: jobs).problems == one)
      }
    }
  }
}
