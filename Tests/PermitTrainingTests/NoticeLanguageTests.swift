@testable import PermitDeskCLI
import PermitContent
import PermitCore
import PermitTraining
import Testing

/// Issue 15: the supplement notice (PermitTraining's NoticeText) in both languages.
@Suite struct NoticeLanguageTests {
  /// The Chinese notice is a Chinese document with the official titles; the English one is unchanged.
  @Test func noticesInBothLanguages() throws {
    let library = RuntimeFixture.library
    guard case .success(let packet) = library.loadPacket(path: RuntimeFixture.root + "/Scenarios/packets/overseas-b-defects.yaml") else {
      Issue.record("packet does not load")
      return
    }
    let pack = RuntimeFixture.pilot
    let d = Examiner(policy: pack).examine(packet)
    let zh = NoticeText.lines(packet: packet, decision: d, policy: pack, language: .zhHans)
    #expect(zh.first == "一次性告知补正材料通知书")
    #expect(zh[1] == String(repeating: "=", count: 24))
    #expect(zh.contains("2. 无犯罪记录证明超过6个月（stale:criminal-record）"))
    #expect(zh.contains("   补正：提交2017-01-03或之后出具的无犯罪记录证明"))
    #expect(zh.contains("   情况：出具于2017-01-02，有效至2017-07-02（6个月）；收件日为2017-07-03"))
    let en = NoticeText.lines(packet: packet, decision: d, policy: pack, language: .en)
    #expect(en.first == "ONE-TIME SUPPLEMENT NOTICE (一次性告知补正材料通知书)")
    #expect(en.contains("   To do: obtain a criminal-record issued on or after 2017-01-03"))
  }
}
