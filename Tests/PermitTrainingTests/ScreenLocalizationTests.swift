@testable import PermitDeskCLI
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining
import Testing

/// Issue 15: the screens of an attempt (the runtime's and the scorer's texts) are catalogued in both
/// languages, and the names they show exist in Chinese.
@Suite struct ScreenLocalizationTests {
  /// Every screen of an attempt has its texts in the catalog: each key group the runtime uses
  /// exists in both languages with the same placeholders (the groups of issue 15's item 1).
  @Test func attemptScreensAreCatalogued() {
    for prefix in ["session.", "event.", "score.", "debrief.", "repl.start.", "repl.resume.", "workflow.", "malformed.", "notice-name."] {
      let en = Catalog.en.keys.filter { $0.hasPrefix(prefix) }
      #expect(en.count > 0, "no \(prefix) keys")
      for k in en { #expect(Catalog.zhHans[k] != nil, "\(k) has no Chinese text") }
    }
    // The names the screens show: every case state, mode, post, dimension and critical error.
    for s in CaseState.allCases { #expect(CodeNames.value("state", s.rawValue, in: .zhHans) != nil, "state \(s)") }
    for m in AttemptMode.allCases { #expect(CodeNames.value("mode", m.rawValue, in: .zhHans) != nil, "mode \(m)") }
    for p in TraineePost.allCases { #expect(Localized.post(p, in: .zhHans).hasSuffix("岗")) }
    for d in Dimension.allCases { #expect(CodeNames.value("dimension", d.rawValue, in: .zhHans) != nil, "dimension \(d)") }
    for c in CriticalError.allCases {
      #expect(CodeNames.value("critical", c.rawValue, in: .zhHans) != nil, "critical \(c)")
      #expect(Catalog.en["critical-rule." + c.rawValue] == c.text, "critical-rule.\(c.rawValue) is the rule's English text")
    }
    for t in ApplicationType.allCases { #expect(CodeNames.value("type-short", t.rawValue, in: .zhHans) != nil, "type \(t)") }
    for c in ColleagueStyle.allCases { #expect(CodeNames.value("colleague", c.rawValue, in: .zhHans) != nil, "colleague \(c)") }
    for o in Outcome.allCases { #expect(Catalog.en["notice-name." + o.rawValue] == o.noticeName, "notice-name.\(o.rawValue) is PermitCore's") }
  }

  /// A document's facts in Chinese name every value; English is PermitCore's wording.
  @Test func documentsDescribedInBothLanguages() {
    var m = Material(kind: .degree)
    m.name = "Olivia MARLOWE"
    m.level = .master
    m.authentication = .embassy
    m.signed = false
    #expect(AnswerScreens.describe(m, in: .en) == "degree: name \"Olivia MARLOWE\", level master, authentication embassy, NOT signed")
    #expect(AnswerScreens.describe(m, in: .zhHans) == "degree 最高学位（学历）证书：姓名“Olivia MARLOWE”，学位 硕士，认证 中国驻外使领馆认证，未签字")
    #expect(Localized.workflowError(.notReviewed, in: .zhHans) == "未经双岗审核不得出具文书：须先经B岗同意")
    #expect(Localized.workflowError(.notReviewed, in: .en) == WorkflowError.notReviewed.description)
    #expect(
      Localized.workflowError(.incompleteNotice(missing: ["missing:degree"]), in: .en)
        == WorkflowError.incompleteNotice(missing: ["missing:degree"]).description)
  }

  /// Post B's reason for returning a proposal: PermitCore's words in English, named codes in Chinese.
  @Test func returnReasonsInBothLanguages() {
    let right = Answer(outcome: .supplement, defects: ["missing:degree", "stale:criminal-record"], referTo: nil)
    let cases = [
      Answer(outcome: .accept, defects: [], referTo: nil),
      Answer(outcome: .supplement, defects: ["missing:degree", "unsigned:contract"], referTo: nil),
      Answer(outcome: .supplement, defects: ["missing:degree", "stale:criminal-record"], referTo: nil),
    ]
    for given in cases {
      let g = Grading.grade(given, against: right)
      #expect(Localized.grade(g, in: .en) == g.explanation)
    }
    let g = Grading.grade(cases[1], against: right)
    #expect(
      Localized.grade(g, in: .zhHans)
        == "遗漏 stale:criminal-record 无犯罪记录证明超过6个月；并非缺陷：unsigned:contract 劳动合同（聘用合同）未经申请人签字")
    let refuse = Answer(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "haidian")
    let wrongBody = Grading.grade(Answer(outcome: .refuse, defects: ["out-of-jurisdiction"], referTo: "shunyi"), against: refuse)
    #expect(Localized.grade(wrongBody, in: .en) == wrongBody.explanation)
    #expect(Localized.grade(wrongBody, in: .zhHans) == "应告知向 haidian 海淀区 申请")
  }
}
