import Foundation
import PermitCore
import PermitContent
import PermitLocalization
import Testing

/// Issue 15: the examiner's findings carry a typed reason that the training layer renders through
/// the message catalog. The English rendering is the examiner's own text, word for word, on every
/// finding of the shipped scenarios and of the generator; the Chinese one is Chinese.
@Suite struct FindingTextTests {
  /// Every finding (and flag) of every shipped scenario's scripted packets and corrections, and of
  /// generated queues on the three packs with each defect family.
  static let decisions: [Decision] = {
    var out: [Decision] = []
    let library = TestSupport.library
    for (id, _) in library.scenarioFiles() {
      guard case .success(let s) = library.scenario(id: id), let pack = try? library.policy(s.policy).get() else { continue }
      for a in s.applicants {
        out.append(Examiner(policy: pack).examine(a.packet))
        // A public security bureau certificate for the same applicant, resident in China a month.
        if pack.examinerRules.contains(.criminalRecordForms), var p = Optional(a.packet),
          let i = p.materials.firstIndex(where: { $0.kind == .criminalRecord })
        {
          p.materials[i].issuedBy = .publicSecurityBureau
          p.applicant.inChinaSince = p.submitted.date().adding(months: -1)
          out.append(Examiner(policy: pack).examine(p))
        }
        if let c = a.correction { out.append(Examiner(policy: pack).examine(c.packet)) }
      }
    }
    for id in ["beijing-2017-pilot", "beijing-2024", "beijing-2025"] {
      let pack = TestSupport.pack(id)
      for (i, family) in PacketGenerator.mutations.enumerated() {
        var gen = PacketGenerator(seed: UInt64(500 + i), policy: pack, types: ApplicationType.allCases, defectRate: 1, mix: [family])
        gen.talentShare = 0.3
        for _ in 0..<60 { out.append(Examiner(policy: pack).examine(gen.nextPacket().packet)) }
      }
    }
    return out
  }()

  static func findings(_ d: Decision) -> [Finding] { d.findings + d.pendingFindings + d.compliance }

  /// The case name of a reason (`stale`, `missing`, …).
  static func caseName(_ r: FindingReason) -> String {
    Mirror(reflecting: r).children.first?.label ?? "\(r)"
  }

  @Test func englishRenderingIsTheExaminersText() {
    var seen: Set<String> = []
    for d in Self.decisions {
      for f in Self.findings(d) {
        seen.insert(Self.caseName(f.reason))
        #expect(FindingText.detail(f, in: .en) == f.detail, "\(f.reason)")
        #expect(FindingText.fix(f, in: .en) == f.fix, "\(f.reason)")
      }
      #expect(FindingText.notes(d, in: .en) == d.notes)
      #expect(d.noteReasons.count == d.notes.count)
      for flag in d.flags {
        seen.insert(Self.caseName(flag.reason))
        #expect(FindingText.detail(flag, in: .en) == flag.detail)
      }
    }
    let all: Set<String> = [
      "outOfJurisdiction", "notAForeigner", "abolished", "notHandled", "nationalityChange", "lateChange", "lateExtension",
      "earlyExtension", "lateDomesticPermit", "lateCancellation", "missing", "missingAlternative", "passportValidity",
      "categoryUnsupported", "unsigned", "unsealed", "mismatch", "expired", "stale", "photoNoncompliant", "contractStartsEarly",
      "swornSelfDeclaration", "publicSecurityBureauTooSoon", "criminalRecordCountry", "unauthenticated", "untranslated",
      "notInChinese", "ageOverLimitB",
    ]
    #expect(all.subtracting(seen).sorted() == [], "reasons no shipped or generated packet reaches")
  }

  /// The examiner's notes: a commitment that stands in for nothing, a year outside the calendar.
  @Test func notesRenderInBothLanguages() throws {
    let library = TestSupport.library
    guard case .success(let packet) = library.loadPacket(path: TestSupport.root + "/Scenarios/packets/overseas-b-complete.yaml") else {
      Issue.record("packet does not load")
      return
    }
    var committed = packet
    committed.materials.append(Material(kind: .commitment, replaces: .degree))
    var late = packet
    late.submitted = Timestamp(iso: "2031-03-03T10:00+08:00")!
    late.applicant.passportExpires = CivilDate(iso: "2040-01-01")!
    var seen: Set<String> = []
    for (p, pack) in [(committed, TestSupport.pack()), (committed, TestSupport.pack("beijing-2025")), (late, TestSupport.pack())] {
      let d = Examiner(policy: pack).examine(p)
      #expect(!d.notes.isEmpty, "\(pack.id)")
      #expect(FindingText.notes(d, in: .en) == d.notes)
      for (zh, en) in zip(FindingText.notes(d, in: .zhHans), d.notes) {
        #expect(zh != en && zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(zh)")
      }
      for r in d.noteReasons { seen.insert(Self.caseName(r)) }
    }
    #expect(seen == ["commitmentNotValid", "calendarNotCovered"])
  }

  @Test func chineseRenderingIsChinese() {
    func han(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
    for d in Self.decisions {
      for f in Self.findings(d) {
        let detail = FindingText.detail(f, in: .zhHans)
        let fix = FindingText.fix(f, in: .zhHans)
        #expect(han(detail) && detail != f.detail && !detail.contains("finding."), "\(f.reason): \(detail)")
        #expect(han(fix) && !fix.contains("finding."), "\(f.reason): \(fix)")
        // Codes inside are named: no material code is left in a Chinese sentence.
        if let m = f.material, m.rawValue.contains("-") { #expect(!detail.contains(m.rawValue), "\(detail)") }
      }
    }
    let stale = Self.decisions.flatMap(Self.findings).first { Self.caseName($0.reason) == "stale" && $0.material == .criminalRecord }
    #expect(stale.map { FindingText.fix($0, in: .zhHans).hasPrefix("提交") && FindingText.fix($0, in: .zhHans).hasSuffix("出具的无犯罪记录证明") } == true)
  }

  @Test func findingKeysAreInTheOneCatalog() {
    #expect(Catalog.en["finding.stale.detail"] != nil && Catalog.zhHans["finding.stale.detail"] != nil)
    #expect(Catalog.en["finding.stale.detail"] != Catalog.zhHans["finding.stale.detail"])
    #expect(Catalog.duplicateKeys == [], "a key defined by two parts of the catalog")
  }

  /// Every `LoaderMessage("key", …)` and `"finding.…"` key the sources use is in both catalogs.
  @Test func everyKeyTheSourcesUseIsInTheCatalog() throws {
    var used: Set<String> = []
    let sources = TestSupport.root + "/Sources"
    let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
    for f in files {
      let text = try String(contentsOfFile: sources + "/" + f, encoding: .utf8)
      for part in text.components(separatedBy: "LoaderMessage(\"").dropFirst() {
        if let end = part.firstIndex(of: "\"") { used.insert("diag." + part[..<end]) }
      }
    }
    #expect(used.count > 60, "\(used.count)")
    #expect(used.filter { Catalog.en[$0] == nil || Catalog.zhHans[$0] == nil }.sorted() == [])
  }

  @Test func placesAndFoundValuesAreTranslated() {
    #expect(Place.render("'issued' of the criminal-record", in: .zhHans) == "无犯罪记录证明的“issued”")
    #expect(Place.render("'kind' of a material", in: .zhHans) == "材料的“kind”")
    #expect(Place.render("'issued' of the criminal-record", in: .en) == "'issued' of the criminal-record")
    #expect(Place.render("something new", in: .zhHans) == "something new")
    #expect(Place.found("a list", in: .zhHans) == "列表" && Place.found("'x'", in: .zhHans) == "'x'")
    let m = LoaderMessage("unknown-key", .text("startz"), .place("the contract"), suggest: "starts")
    #expect(m.rendered(in: .en) == "unknown key 'startz' in the contract; did you mean 'starts'?")
    #expect(m.rendered(in: .zhHans) == "劳动合同（聘用合同）中有未知的键“startz”；你是否要输入“starts”？")
    let d = Diagnostic(file: "f.yaml", line: 3, column: 7, m)
    #expect(d.message == m.rendered(in: .en) && d.message(in: .zhHans) == m.rendered(in: .zhHans))
  }
}
