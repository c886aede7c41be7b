import Foundation
import PermitContent
import PermitLocalization
import PermitCore
import PermitTraining

/// `rehearse --new TYPE`: asks employer personnel for a packet field by field, each question with
/// what it means, the current value in brackets (Enter keeps it) and, on a terminal, tab completion
/// of the allowed values. Starts from the synthetic template of the type, so every field has a
/// sensible value to keep or replace.
final class RehearseGuide {
  let reader: LineReader
  let policy: PolicyPack
  var packet: Packet
  /// Set when the input ended before the packet was complete.
  private(set) var ended = false
  private var choices: [String] = []
  /// The template's applicant: documents that repeated its facts repeat the new answers by default.
  private let original: Applicant

  init(reader: LineReader, policy: PolicyPack, template: Packet) {
    self.reader = reader
    self.policy = policy
    packet = template
    original = template.applicant
    LineReader.completer = { [unowned self] _, word in self.choices.filter { $0.hasPrefix(word) } }
  }

  func say(_ line: String = "") { print(line) }

  /// Asks one question until the answer is valid. `apply` returns an error message, or nil when the
  /// answer was taken. An empty answer keeps `current`; `?` shows the explanation again.
  func ask(_ label: String, _ help: String, current: String?, choices: [String] = [], apply: (String) -> String?) {
    guard !ended else { return }
    self.choices = choices
    say("")
    say("\(label): \(help)")
    if !choices.isEmpty && choices.count <= 12 { say(L10n.t("guide.choices", choices.joined(separator: ", "))) }
    while true {
      let prompt = "  \(label)" + (current.map { " [\($0)]" } ?? "") + ": "
      guard let raw = reader.next(prompt: prompt) else {
        ended = true
        return
      }
      if !reader.interactive { say(prompt + raw) }
      let answer = raw.trimmingCharacters(in: .whitespaces)
      if answer == "?" {
        say("  \(help)")
        continue
      }
      if answer.isEmpty {
        if current != nil { return }
        say(L10n.t("guide.need-value"))
        continue
      }
      if !choices.isEmpty && !choices.contains(answer) {
        say(L10n.t("guide.not-a-choice", answer, choices.joined(separator: ", ")) + Suggest.hint(answer, choices))
        continue
      }
      if let error = apply(answer) {
        say("  \(error)")
        continue
      }
      return
    }
  }

  func date(_ label: String, _ help: String, _ current: CivilDate?, _ set: (CivilDate) -> Void) {
    ask(label, help, current: current?.description) { a in
      guard let d = CivilDate(iso: a) else { return L10n.t("guide.date") }
      set(d)
      return nil
    }
  }

  func number(_ label: String, _ help: String, _ current: Int, range: ClosedRange<Int>, _ set: (Int) -> Void) {
    ask(label, help, current: String(current)) { a in
      guard let n = Int(a), range.contains(n) else { return L10n.t("guide.number", range.lowerBound, range.upperBound) }
      set(n)
      return nil
    }
  }

  func yesNo(_ label: String, _ help: String, _ current: Bool?, _ set: (Bool) -> Void) {
    ask(label, help, current: current.map { $0 ? "yes" : "no" }, choices: ["yes", "no"]) { a in
      set(a == "yes")
      return nil
    }
  }

  /// The whole conversation. Returns false when the input ended first.
  func run() -> Bool {
    let t = packet.application.type
    say(L10n.t("guide.intro.1", t.rawValue, PlainLanguage.applicationType(t)))
    say(L10n.t("guide.intro.2"))
    say(L10n.t("guide.intro.3"))
    say("")
    for l in PlainLanguage.materialsList(policy: policy, type: t, category: packet.application.category) { say(l) }
    employer()
    applicant()
    application()
    materials()
    return !ended
  }

  func employer() {
    say("")
    say(L10n.t("guide.section.employer"))
    ask(L10n.t("guide.employer-name"), L10n.t("guide.employer-name.help"), current: packet.employer.name) {
      self.packet.employer.name = $0
      return nil
    }
    ask(L10n.t("guide.employer-district"), L10n.t("guide.employer-district.help"), current: packet.employer.district, choices: policy.windows) {
      self.packet.employer.district = $0
      return nil
    }
  }

  func applicant() {
    say("")
    say(L10n.t("guide.section.applicant"))
    ask(L10n.t("guide.applicant-name"), L10n.t("guide.applicant-name.help"), current: packet.applicant.name) {
      self.packet.applicant.name = $0
      return nil
    }
    ask(L10n.t("guide.nationality"), L10n.t("guide.nationality.help"), current: packet.applicant.nationality) { a in
      guard a.count == 2, a.allSatisfy({ $0.isUppercase }) else { return L10n.t("guide.nationality.format") }
      self.packet.applicant.nationality = a
      return nil
    }
    date(L10n.t("guide.birth-date"), L10n.t("guide.birth-date.help"), packet.applicant.birthDate) { self.packet.applicant.birthDate = $0 }
    ask(L10n.t("guide.passport-number"), L10n.t("guide.passport-number.help"), current: packet.applicant.passportNumber) {
      self.packet.applicant.passportNumber = $0
      return nil
    }
    date(L10n.t("guide.passport-expires"), L10n.t("guide.passport-expires.help"), packet.applicant.passportExpires) {
      self.packet.applicant.passportExpires = $0
    }
  }

  func application() {
    say("")
    say(L10n.t("guide.section.application"))
    var app: Application { get { packet.application } set { packet.application = newValue } }
    if policy.categoryCheckedTypes.contains(app.type) {
      ask(L10n.t("guide.category"), Category.allCases.map(PlainLanguage.category).joined(separator: "; "), current: app.category?.rawValue, choices: Category.allCases.map(\.rawValue)) {
        self.packet.application.category = Category(rawValue: $0)
        return nil
      }
    }
    if app.position != nil {
      ask(L10n.t("guide.position"), L10n.t("guide.position.help"), current: app.position) {
        self.packet.application.position = $0
        return nil
      }
    }
    number(L10n.t("guide.annual-salary"), L10n.t("guide.annual-salary.help"), app.annualSalary, range: 0...100_000_000) { self.packet.application.annualSalary = $0 }
    number(L10n.t("guide.months-in-china"), L10n.t("guide.months-in-china.help"), app.monthsInChinaPerYear, range: 0...12) { self.packet.application.monthsInChinaPerYear = $0 }
    ask(L10n.t("guide.education"), L10n.t("guide.education.help"), current: app.education.rawValue, choices: Education.allCases.map(\.rawValue)) {
      self.packet.application.education = Education(rawValue: $0)!
      return nil
    }
    number(L10n.t("guide.experience"), L10n.t("guide.experience.help"), app.relatedExperienceYears, range: 0...60) { self.packet.application.relatedExperienceYears = $0 }
    number(L10n.t("guide.hsk"), L10n.t("guide.hsk.help"), app.hskLevel, range: 0...6) { self.packet.application.hskLevel = $0 }
    if app.entryDate != nil { date(L10n.t("guide.entry-date"), L10n.t("guide.entry-date.help"), app.entryDate) { self.packet.application.entryDate = $0 } }
    if app.permitExpires != nil { date(L10n.t("guide.permit-expires"), L10n.t("guide.permit-expires.help"), app.permitExpires) { self.packet.application.permitExpires = $0 } }
    if app.contractEnd != nil { date(L10n.t("guide.contract-end"), L10n.t("guide.contract-end.help"), app.contractEnd) { self.packet.application.contractEnd = $0 } }
    if let c = app.change {
      ask(L10n.t("guide.change-kind"), L10n.t("guide.change-kind.help"), current: c.kind.rawValue, choices: ChangeKind.allCases.map(\.rawValue)) {
        self.packet.application.change?.kind = ChangeKind(rawValue: $0)!
        return nil
      }
      date(L10n.t("guide.change-date"), L10n.t("guide.change-date.help"), c.date) { self.packet.application.change?.date = $0 }
    }
    if let r = app.replacementReason {
      ask(L10n.t("guide.replacement-reason"), L10n.t("guide.replacement-reason.help"), current: r.rawValue, choices: ReplacementReason.allCases.map(\.rawValue)) {
        self.packet.application.replacementReason = ReplacementReason(rawValue: $0)
        return nil
      }
    }
  }

  func materials() {
    let required = policy.required(for: packet.application, computed: packet.application.category ?? .b)
    say("")
    say(L10n.t("guide.section.materials"))
    say(L10n.t("guide.required", required.map(\.rawValue).joined(separator: ", ")))
    var kept: [Material] = []
    // What the documents repeat of the applicant follows the answers given above (each is asked again).
    let a = packet.applicant
    packet.materials = packet.materials.map { m in
      var m = m
      if m.name == original.name { m.name = a.name }
      if m.passportNumber == original.passportNumber { m.passportNumber = a.passportNumber }
      if m.nationality == original.nationality { m.nationality = a.nationality }
      if m.birthDate == original.birthDate { m.birthDate = a.birthDate }
      return m
    }
    for kind in required {
      guard !ended else { return }
      let template = packet.materials.first { $0.kind == kind } ?? Material(kind: kind)
      var have = true
      yesNo(kind.rawValue, L10n.t("guide.hand-in", PlainLanguage.material(kind)), true) { have = $0 }
      if have { kept.append(material(template)) }
    }
    // Materials of the template that the list does not require (a commitment, say) are kept as they are.
    kept += packet.materials.filter { m in !required.contains(m.kind) }
    packet.materials = kept
  }

  /// Asks for the facts the template's material states.
  func material(_ m: Material) -> Material {
    var m = m
    let k = m.kind.rawValue
    if m.issued != nil { date(L10n.t("guide.material.issued", k), L10n.t("guide.material.issued.help"), m.issued) { m.issued = $0 } }
    if m.expires != nil { date(L10n.t("guide.material.expires", k), L10n.t("guide.material.expires.help"), m.expires) { m.expires = $0 } }
    if m.name != nil {
      ask(L10n.t("guide.material.name", k), L10n.t("guide.material.name.help"), current: m.name) {
        m.name = $0
        return nil
      }
    }
    if m.passportNumber != nil {
      ask(L10n.t("guide.material.passport-number", k), L10n.t("guide.material.passport-number.help"), current: m.passportNumber) {
        m.passportNumber = $0
        return nil
      }
    }
    if m.authentication != nil {
      ask(L10n.t("guide.material.authentication", k), Authentication.allCases.map(PlainLanguage.authentication).joined(separator: "; "), current: m.authentication?.rawValue, choices: Authentication.allCases.map(\.rawValue)) {
        m.authentication = Authentication(rawValue: $0)
        return nil
      }
    }
    if m.translation != nil {
      ask(L10n.t("guide.material.translation", k), Translation.allCases.map(PlainLanguage.translation).joined(separator: "; "), current: m.translation?.rawValue, choices: Translation.allCases.map(\.rawValue)) {
        m.translation = Translation(rawValue: $0)
        return nil
      }
    }
    if m.signed != nil { yesNo(L10n.t("guide.material.signed", k), L10n.t("guide.material.signed.help"), m.signed) { m.signed = $0 } }
    if m.sealed != nil { yesNo(L10n.t("guide.material.sealed", k), L10n.t("guide.material.sealed.help"), m.sealed) { m.sealed = $0 } }
    if m.years != nil { number(L10n.t("guide.material.years", k), L10n.t("guide.material.years.help"), m.years ?? 0, range: 0...60) { m.years = $0 } }
    return m
  }
}
