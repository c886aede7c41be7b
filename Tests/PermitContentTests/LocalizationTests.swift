import Foundation
import PermitCore
import PermitLocalization
import Testing

/// Issue 15: the catalogs are complete in both languages, Chinese texts are translations, every code
/// has a Chinese name, the glossary's terms are used, and the language is chosen as documented.
@Suite struct LocalizationTests {
  @Test func everyKeyExistsInBothLanguages() {
    let en = Set(Catalog.en.keys)
    let zh = Set(Catalog.zhHans.keys)
    #expect(en.subtracting(zh).sorted() == [], "keys without a Chinese text")
    #expect(zh.subtracting(en).sorted() == [], "keys without an English text")
    #expect(en.count > 100)
  }

  /// The catalogs are written in parts (one file per group of screens); a key is in one part only.
  @Test func catalogPartsDoNotOverlap() {
    #expect(Catalog.duplicateKeys == [], "keys defined in two parts of a catalog")
  }

  @Test func chineseTextsAreTranslations() {
    let same = Catalog.en.keys.filter { Catalog.zhHans[$0] == Catalog.en[$0] }.sorted()
    #expect(same == [], "Chinese text identical to the English one")
    // A Chinese text contains Chinese characters or full-width punctuation (a translation left in
    // English would pass the test above if it differed by a character).
    func chinese(_ u: Unicode.Scalar) -> Bool {
      (0x4E00...0x9FFF).contains(u.value) || (0x3000...0x303F).contains(u.value) || (0xFF00...0xFFEF).contains(u.value)
    }
    let noHan = Catalog.zhHans.filter { !$0.value.unicodeScalars.contains(where: chinese) }.keys.sorted()
    #expect(noHan == [], "Chinese texts without a Chinese character")
    let empty = (Array(Catalog.en.filter { $0.value.isEmpty }.keys) + Array(Catalog.zhHans.filter { $0.value.isEmpty }.keys)).sorted()
    #expect(empty == [])
  }

  @Test func placeholdersAgree() {
    for (key, en) in Catalog.en {
      guard let zh = Catalog.zhHans[key] else { continue }
      #expect(L10n.placeholders(en) == L10n.placeholders(zh), "placeholders of \(key)")
    }
  }

  @Test func everyCodeHasAChineseName() {
    let missing = CodeNames.requiredNames.filter { $0.name == nil || $0.name!.isEmpty }.map(\.code)
    #expect(missing == [], "codes without a Chinese name")
    #expect(CodeNames.defectLabel("stale:criminal-record", in: .zhHans) == "stale:criminal-record 无犯罪记录证明超过6个月")
    #expect(CodeNames.defectLabel("stale:criminal-record", in: .en) == "stale:criminal-record")
    #expect(CodeNames.defect("missing:degree", in: .zhHans) == "缺少最高学位（学历）证书")
    #expect(CodeNames.defect("mismatch:passport-number", in: .zhHans) == "护照号码前后不一致")
    #expect(CodeNames.outcome("accept-pending", in: .zhHans) == "容缺受理")
    #expect(CodeNames.defect("missing:no-such-material", in: .zhHans) == nil)
    #expect(CodeNames.defect("no-such-family:degree", in: .zhHans) == nil)
  }

  /// The beijing-2025 pack's new codes (issue 10) are named before they land.
  @Test func namesOfTheBeijing2025Codes() {
    for m in ["photo", "salary-commitment", "tax-record", "cancellation-proof"] {
      #expect(CodeNames.material(m, in: .zhHans) != nil, "material \(m)")
    }
    for c in ["noncompliant:photo", "wrong-issuer:criminal-record", "wrong-procedure:abolished", "wrong-procedure:not-a-foreigner"] {
      #expect(CodeNames.defect(c, in: .zhHans) != nil, "defect \(c)")
    }
    #expect(CodeNames.applicationType("change-employer", in: .zhHans) != nil)
  }

  /// Each official term of the glossary is used by the Chinese texts, and each row has an English term.
  @Test func glossaryTermsAreUsed() throws {
    let text = try String(contentsOfFile: TestSupport.root + "/Locales/glossary.md", encoding: .utf8)
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| 中文") }
    let terms = rows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
    #expect(terms.count >= 18)
    let official = [
      "受理", "不予受理", "一次性告知", "补正", "容缺受理", "双岗审核", "A岗", "B岗", "工作日", "外国人工作许可通知",
      "外国人工作许可证", "延期", "变更", "注销", "补办", "告知承诺", "视为受理", "归档",
    ]
    #expect(terms.map { $0[0] } == official)
    let chinese = (Array(Catalog.zhHans.values) + Array(Catalog.zhNames.values) + Array(Catalog.zhMoreNames.values) + Array(Catalog.zhScreenNames.values))
      .joined(separator: "\n")
    for row in terms {
      #expect(!row[1].isEmpty, "English counterpart of \(row[0])")
      #expect(chinese.contains(row[0]), "\(row[0]) is not used by the Chinese catalog")
    }
  }

  @Test func languageSelection() {
    func pick(_ option: String?, _ env: [String: String]) -> Language? { Language.select(option: option, environment: env)?.0 }
    #expect(pick(nil, [:]) == .en)
    #expect(pick(nil, ["LANG": "zh_CN.UTF-8"]) == .zhHans)
    #expect(pick(nil, ["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]) == .en)
    #expect(pick(nil, ["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.GB18030"]) == .zhHans)
    #expect(pick(nil, ["LANG": "zh_CN.UTF-8", "PERMITDESK_LANG": "en"]) == .en)
    #expect(pick(nil, ["LANG": "zh_CN.UTF-8", "PERMITDESK_LANG": "klingon"]) == .zhHans)
    #expect(pick("en", ["PERMITDESK_LANG": "zh-Hans"]) == .en)
    #expect(pick("zh-Hans", [:]) == .zhHans)
    #expect(pick("zh", [:]) == .zhHans)
    #expect(pick("ZH-cn", [:]) == .zhHans)
    #expect(pick("fr", [:]) == nil)
    #expect(pick(nil, ["LANG": "fr_FR.UTF-8"]) == .en)
    #expect(pick(nil, ["LANG": ""]) == .en)
  }

  @Test func formatFillsPositionalPlaceholders() {
    #expect(L10n.format("{2} then {1}", ["a", "b"]) == "b then a")
    #expect(L10n.format("{3} {x} {", ["a"]) == "{3} {x} {")
    #expect(L10n.t("weekday.1", in: .zhHans) == "周一")
    #expect(L10n.t("no.such.key", in: .zhHans) == "no.such.key")
  }
}
