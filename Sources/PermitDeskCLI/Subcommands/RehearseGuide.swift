import Foundation
import PermitContent
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
    if !choices.isEmpty && choices.count <= 12 { say("  choices: " + choices.joined(separator: ", ")) }
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
        say("  Please give a value (or '?' for help).")
        continue
      }
      if !choices.isEmpty && !choices.contains(answer) {
        say("  '\(answer)' is not one of: \(choices.joined(separator: ", "))" + Suggest.hint(answer, choices))
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
      guard let d = CivilDate(iso: a) else { return "Please write a date as YYYY-MM-DD, e.g. 2017-03-01." }
      set(d)
      return nil
    }
  }

  func number(_ label: String, _ help: String, _ current: Int, range: ClosedRange<Int>, _ set: (Int) -> Void) {
    ask(label, help, current: String(current)) { a in
      guard let n = Int(a), range.contains(n) else { return "Please write a whole number from \(range.lowerBound) to \(range.upperBound)." }
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
    say("Guided rehearsal: a new \(t.rawValue) packet (\(PlainLanguage.applicationType(t))).")
    say("Each question says what it means. Enter keeps the value in [brackets]; '?' explains again;")
    say("on a terminal, tab completes the allowed values. Everything here stays in the sandbox.")
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
    say("== Employer ==")
    ask("employer name", "the employer's registered name, as on its business licence", current: packet.employer.name) {
      self.packet.employer.name = $0
      return nil
    }
    ask("employer district", "the district where the employer is registered: it decides which window accepts the file", current: packet.employer.district, choices: policy.windows) {
      self.packet.employer.district = $0
      return nil
    }
  }

  func applicant() {
    say("")
    say("== Applicant ==")
    ask("applicant name", "the name exactly as in the passport (family name in capitals)", current: packet.applicant.name) {
      self.packet.applicant.name = $0
      return nil
    }
    ask("nationality", "ISO country code of the passport, e.g. CA, DE, JP", current: packet.applicant.nationality) { a in
      guard a.count == 2, a.allSatisfy({ $0.isUppercase }) else { return "Please write two capital letters, e.g. CA." }
      self.packet.applicant.nationality = a
      return nil
    }
    date("birth date", "as in the passport", packet.applicant.birthDate) { self.packet.applicant.birthDate = $0 }
    ask("passport number", "as in the passport (sandbox passports start with SPEC)", current: packet.applicant.passportNumber) {
      self.packet.applicant.passportNumber = $0
      return nil
    }
    date("passport expires", "the passport's expiry date: it must run long enough beyond the day of submission", packet.applicant.passportExpires) {
      self.packet.applicant.passportExpires = $0
    }
  }

  func application() {
    say("")
    say("== Application ==")
    var app: Application { get { packet.application } set { packet.application = newValue } }
    if policy.categoryCheckedTypes.contains(app.type) {
      ask("category", Category.allCases.map(PlainLanguage.category).joined(separator: "; "), current: app.category?.rawValue, choices: Category.allCases.map(\.rawValue)) {
        self.packet.application.category = Category(rawValue: $0)
        return nil
      }
    }
    if app.position != nil {
      ask("position", "the job title in the contract", current: app.position) {
        self.packet.application.position = $0
        return nil
      }
    }
    number("annual salary", "gross yearly pay in yuan (points: the higher, the more)", app.annualSalary, range: 0...100_000_000) { self.packet.application.annualSalary = $0 }
    number("months in China per year", "months a year the applicant will work in China", app.monthsInChinaPerYear, range: 0...12) { self.packet.application.monthsInChinaPerYear = $0 }
    ask("education", "the highest degree held", current: app.education.rawValue, choices: Education.allCases.map(\.rawValue)) {
      self.packet.application.education = Education(rawValue: $0)!
      return nil
    }
    number("related experience years", "years of work related to the position", app.relatedExperienceYears, range: 0...60) { self.packet.application.relatedExperienceYears = $0 }
    number("HSK level", "Chinese proficiency test level, 0 for none", app.hskLevel, range: 0...6) { self.packet.application.hskLevel = $0 }
    if app.entryDate != nil { date("entry date", "the day the applicant entered China on this visa", app.entryDate) { self.packet.application.entryDate = $0 } }
    if app.permitExpires != nil { date("permit expires", "the expiry date on the current work permit", app.permitExpires) { self.packet.application.permitExpires = $0 } }
    if app.contractEnd != nil { date("contract end", "the day the employment ended or ends", app.contractEnd) { self.packet.application.contractEnd = $0 } }
    if let c = app.change {
      ask("change kind", "what changes on the permit", current: c.kind.rawValue, choices: ChangeKind.allCases.map(\.rawValue)) {
        self.packet.application.change?.kind = ChangeKind(rawValue: $0)!
        return nil
      }
      date("change date", "the day the change took effect", c.date) { self.packet.application.change?.date = $0 }
    }
    if let r = app.replacementReason {
      ask("replacement reason", "why the card is replaced", current: r.rawValue, choices: ReplacementReason.allCases.map(\.rawValue)) {
        self.packet.application.replacementReason = ReplacementReason(rawValue: $0)
        return nil
      }
    }
  }

  func materials() {
    let required = policy.required(for: packet.application, computed: packet.application.category ?? .b)
    say("")
    say("== Materials ==")
    say("Required for this application: " + required.map(\.rawValue).joined(separator: ", "))
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
      yesNo(kind.rawValue, "do you hand in \(PlainLanguage.material(kind))?", true) { have = $0 }
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
    if m.issued != nil { date("\(k) issued", "the issue date printed on the document", m.issued) { m.issued = $0 } }
    if m.expires != nil { date("\(k) expires", "the expiry date printed on the document", m.expires) { m.expires = $0 } }
    if m.name != nil {
      ask("\(k) name", "the applicant's name as written on this document", current: m.name) {
        m.name = $0
        return nil
      }
    }
    if m.passportNumber != nil {
      ask("\(k) passport number", "the passport number as written on this document", current: m.passportNumber) {
        m.passportNumber = $0
        return nil
      }
    }
    if m.authentication != nil {
      ask("\(k) authentication", Authentication.allCases.map(PlainLanguage.authentication).joined(separator: "; "), current: m.authentication?.rawValue, choices: Authentication.allCases.map(\.rawValue)) {
        m.authentication = Authentication(rawValue: $0)
        return nil
      }
    }
    if m.translation != nil {
      ask("\(k) translation", Translation.allCases.map(PlainLanguage.translation).joined(separator: "; "), current: m.translation?.rawValue, choices: Translation.allCases.map(\.rawValue)) {
        m.translation = Translation(rawValue: $0)
        return nil
      }
    }
    if m.signed != nil { yesNo("\(k) signed", "signed by the applicant", m.signed) { m.signed = $0 } }
    if m.sealed != nil { yesNo("\(k) sealed", "sealed by the employer (or the former employer, for work experience)", m.sealed) { m.sealed = $0 } }
    if m.years != nil { number("\(k) years", "years of experience the letters prove", m.years ?? 0, range: 0...60) { m.years = $0 } }
    return m
  }
}
