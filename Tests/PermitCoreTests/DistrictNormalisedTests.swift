import Testing

@testable import PermitCore

/// Issue 8: `District.normalised` returns a name already in normal form as it is (checked on the
/// bytes); it must give what the character-by-character reading gives for every text.
@Suite struct DistrictNormalisedTests {
  @Test func theFastPathAgreesWithTheCharacterReading() {
    var names = District.all + District.all.map { $0.uppercased() } + District.all.map { " \($0)\t" }
    names += [
      "", " ", "\t\n", "chaoyang", "Chaoyang", "CHAOYANG", " chaoyang", "chaoyang ", "chao yang", "e-town", "E-Town", "haidian\r\n",
      "\u{0B}x\u{0C}", "x\u{1F}", "\u{1F}x", "朝阳", " 朝阳 ", "chaoyang\u{301}", "\u{A0}chaoyang\u{A0}", "\u{3000}haidian", "ÉCOLE", "x\u{85}",
      "a\u{7F}", "123", "-",
    ]
    for n in names {
      #expect(District.normalised(n) == District.normalisedByCharacter(n), "'\(n)'")
    }
    #expect(District.normalised(" Chaoyang ") == "chaoyang")
    #expect(District.normalised("\u{A0}haidian\u{3000}") == "haidian")
  }
}
