import Foundation
import Testing

@testable import PermitDeskCLI

/// `verify --rescore` reads each stored score card's `scoring-model` with a scan of the card's top
/// level; it must give what decoding the card gives, and hand over to the decoder when unsure.
@Suite("TopLevelJSON: the scoring model read without decoding the card")
struct TopLevelJSONTests {
  /// What decoding in full gives (the reference).
  static func decoded(_ json: String) -> Int {
    guard let data = json.data(using: .utf8), let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return 1 }
    return object["scoring-model"] as? Int ?? 1
  }

  static let cards = [
    #"{"overall":100,"credited":true,"scoring-model":3,"critical-errors":[],"summary":{"cases":10}}"#,
    #"{"summary":{"scoring-model":9},"scoring-model":2}"#,
    #"{"note":"\"scoring-model\":7","scoring-model":4}"#,
    #"{"a":[1,{"scoring-model":5},"]}"],"scoring-model":6,"b":"}"}"#,
    #"  {  "scoring-model" :  12 , "x" : null }  "#,
    "{\n\t\"scoring-model\":\r\n 0\n}",
    #"{"scoring-model":3,"scoring-model":4}"#,
    #"{"overall":90}"#,
    #"{}"#,
    #"{"scoring-model":"3"}"#,
    #"{"scoring-model":3.0}"#,
    #"{"scoring-model":-2}"#,
    #"{"scoring-model":03}"#,
    #"{"scoring-model":true}"#,
    #"{"scoring\u002dmodel":8}"#,
    #"{"scoring-model":3"#,
    #"{"scoring-model":3}}"#,
    #"["scoring-model",3]"#,
    #"{"scoring-model":3,}"#,
    #"{"text":"unterminated}"#,
    "",
    "not json",
    #"{"emoji":"🙂审核","scoring-model":5}"#,
  ]

  @Test("every card, well formed or not, gives what decoding it in full gives")
  func agreesWithTheDecoder() {
    for card in Self.cards {
      #expect(Repl.scoringModel(card) == Self.decoded(card), "\(card)")
    }
    #expect(Repl.scoringModel(nil) == 1)
  }

  @Test("the scan finds top-level members only, the last of two, and gives up on what it cannot follow")
  func scan() {
    #expect(TopLevelJSON.member("scoring-model", in: #"{"summary":{"scoring-model":9},"scoring-model":2}"#) == .value("2"))
    #expect(TopLevelJSON.member("scoring-model", in: #"{"summary":{"scoring-model":9}}"#) == .absent)
    #expect(TopLevelJSON.member("scoring-model", in: #"{"scoring-model":3,"scoring-model":4}"#) == .value("4"))
    #expect(TopLevelJSON.member("credited", in: #"{"credited":false,"x":[]}"#) == .value("false"))
    #expect(TopLevelJSON.member("scoring-model", in: #"{"scoring\u002dmodel":8}"#) == .unreadable)
    #expect(TopLevelJSON.member("scoring-model", in: #"{"a":"#) == .unreadable)
    #expect(TopLevelJSON.member("scoring-model", in: "[]") == .unreadable)
  }
}
