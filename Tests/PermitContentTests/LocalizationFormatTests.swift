import PermitCore
import Testing

@testable import PermitLocalization

/// Issue 8: `L10n.format` fills placeholders on the template's UTF-8 bytes (it runs on every
/// command, replays included); it must give what the character-by-character reading gives.
@Suite struct LocalizationFormatTests {
  @Test func bytesAndCharactersAgreeOnEveryCatalogText() {
    let args = ["α", "12", "SPEC-1 (Sandbox)", "{1}", "", "中文", "x", "y", "z", "ten", "eleven"]
    for (key, template) in Catalog.en.merging(Catalog.zhHans.map { ("zh." + $0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) {
      for n in [1, 2, 3, 6, 11] {
        let a = Array(args.prefix(n))
        #expect(L10n.format(template, a) == L10n.formatByCharacter(template, a), "\(key) with \(n) arguments")
      }
    }
  }

  @Test func edgeCasesAgree() {
    let templates = [
      "", "{", "}", "{}", "{1", "1}", "{1}", "{+1}", "{+}", "{-1}", "{01}", "{0}", "{10}", "{1000}", "{99999999999999999999999}",
      "a{1}b{2}c{3}", "{1{2}}", "{{1}}", "{ 1}", "{1 }", "{x}{1}", "前{1}后{2}", "é{1}é", "{2}{2}{1}", "no braces at all",
    ]
    for t in templates {
      for n in [0, 1, 2, 10] {
        let a = (0..<n).map { "<\($0)>" }
        #expect(L10n.format(t, a) == L10n.formatByCharacter(t, a), "'\(t)' with \(n) arguments")
      }
    }
  }

  @Test func argumentsShowAsInterpolationShowsThem() {
    let values: [Any] = [
      "text", 42, Timestamp(iso: "2017-07-03T09:00+08:00")!, CivilDate(iso: "2017-07-03")!, -7, 3.5, true, Optional<Int>.none as Any, UInt8(9), Substring("sub")]
    for v in values { #expect(L10n.shown(v) == "\(v)") }
  }
}
