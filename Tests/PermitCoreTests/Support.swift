import Foundation
import PermitContent
import PermitCore
import Testing

/// The shipped content (Policies/ of this checkout), loaded once for every test.
enum Packs {
  /// The package root: Tests/PermitCoreTests/Support.swift → three levels up.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static let library = ContentLibrary(root: root)

  static func load(_ id: String) -> PolicyPack {
    switch library.policy(id) {
    case .success(let p): return p
    case .failure(let e): fatalError("cannot load the shipped policy pack \(id): \(e)")
    }
  }

  /// `beijing-2017-pilot`, the default pack (domain.md Part A).
  static let pilot = load("beijing-2017-pilot")
  /// `beijing-2024`: the same rules, apostilles accepted, the 2024 calendar.
  static let y2024 = load("beijing-2024")
  /// `beijing-2025`: the rules in force from 2024-12-01 (domain.md Part C).
  static let y2025 = load("beijing-2025")
  /// Both shipped packs, for parameterised tests.
  static let both = [pilot, y2024]
  /// All three shipped packs.
  static let all = [pilot, y2024, y2025]
}

/// A date from ISO text (crashes the test on a typo, which is what we want).
func day(_ s: String) -> CivilDate {
  guard let d = CivilDate(iso: s) else { fatalError("bad date in a test: \(s)") }
  return d
}

/// A timestamp from ISO text with its offset.
func ts(_ s: String) -> Timestamp {
  guard let t = Timestamp(iso: s) else { fatalError("bad timestamp in a test: \(s)") }
  return t
}

/// Beijing local time on a day at an hour.
func beijing(_ d: String, _ hour: Int = 10, _ minute: Int = 0) -> Timestamp {
  Timestamp(date: day(d), hour: hour, minute: minute, offsetSeconds: 8 * 3600)
}

/// Decides a packet under a pack (the 2017 pilot pack by default).
func decide(_ p: Packet, _ policy: PolicyPack = Packs.pilot) -> Decision { Examiner(policy: policy).examine(p) }

/// The defect codes of a decision, as the JSON contract lists them.
func codes(_ d: Decision) -> [String] { d.defects.map(\.code) }

/// The compliance codes of a decision.
func complianceCodes(_ d: Decision) -> [String] { d.compliance.map(\.defect.code) }

extension Packet {
  /// A copy changed by `f`.
  func with(_ f: (inout Packet) -> Void) -> Packet {
    var p = self
    f(&p)
    return p
  }

  /// Changes the first material of a kind (the test fails when there is none).
  mutating func edit(_ kind: MaterialKind, _ f: (inout Material) -> Void) {
    guard let i = materials.firstIndex(where: { $0.kind == kind }) else {
      Issue.record("the packet has no \(kind.rawValue) to edit")
      return
    }
    f(&materials[i])
  }

  /// Removes every material of a kind.
  mutating func remove(_ kind: MaterialKind) { materials.removeAll { $0.kind == kind } }

  /// Moves the submission to another Beijing day, re-dating the certificates that must be recent
  /// (issued one month before) so that only the date under test changes.
  mutating func resubmitted(on d: String, hour: Int = 10) {
    submitted = beijing(d, hour)
    let issued = day(d).adding(months: -1)
    for i in materials.indices where materials[i].kind == .criminalRecord || materials[i].kind == .healthCertificate {
      materials[i].issued = issued
    }
  }
}

/// Base packets that the examiner accepts under both shipped packs, one per application type.
enum Base {
  static let name = "Olivia MARTIN"
  static let passportNumber = "SPEC12345"

  static var applicant: Applicant {
    Applicant(
      name: name, nationality: "CA", birthDate: day("1988-04-12"), passportNumber: passportNumber,
      passportExpires: day("2027-01-01"))
  }

  static var employer: Employer { Employer(name: "Beijing Maple Technology (Sandbox) Co., Ltd.", district: "chaoyang") }

  static var form: Material {
    Material(kind: .applicationForm, signed: true, sealed: true, name: name, passportNumber: passportNumber)
  }

  static var contract: Material { Material(kind: .contract, signed: true, sealed: true, language: "zh") }

  /// Scenarios/packets/overseas-b-complete.yaml, built in Swift: a complete Category B overseas
  /// notification received Mon 2017-07-03 at the Chaoyang window; 70 points.
  static func overseasB() -> Packet {
    Packet(
      window: "chaoyang", submitted: ts("2017-07-03T10:00+08:00"), policy: "beijing-2017-pilot", employer: employer,
      applicant: applicant,
      application: Application(
        type: .overseasNotification, category: .b, position: "Software engineer", annualSalary: 360_000,
        monthsInChinaPerYear: 12, education: .master, relatedExperienceYears: 5, hskLevel: 0),
      materials: [
        form,
        Material(kind: .passport),
        Material(
          kind: .degree, name: name, level: .master, issuedIn: "CA", authentication: .embassy, translation: .sealed),
        Material(kind: .criminalRecord, country: "CA", issued: day("2017-03-01"), authentication: .embassy, translation: .sealed),
        Material(kind: .healthCertificate, issued: day("2017-05-01")),
        Material(kind: .workExperience, sealed: true, translation: .sealed, years: 5, related: true),
        contract,
      ])
  }

  /// A complete Category A overseas notification resting on a direct qualification (talent
  /// programme), with its talent-proof; no work-experience (not required for A).
  static func overseasA() -> Packet {
    overseasB().with {
      $0.application.category = .a
      $0.application.directQualification = "talent-programme"
      $0.remove(.workExperience)
      $0.materials.append(Material(kind: .talentProof, name: name))
    }
  }

  /// A Category B claim whose points compute to A (90 points, no direct qualification).
  static func overseasComputedA() -> Packet {
    overseasB().with {
      $0.application.annualSalary = 450_000  // 20
      $0.application.education = .doctorate  // 20
      $0.application.relatedExperienceYears = 17  // 20 (capped)
      // months 15, age 15: 90
    }
  }

  /// A domestic permit filed 8 days after a Z-visa entry.
  static func domesticPermit() -> Packet {
    Packet(
      window: "chaoyang", submitted: ts("2017-07-03T10:00+08:00"), employer: employer, applicant: applicant,
      application: Application(type: .domesticPermit, entryDate: day("2017-06-25")),
      materials: [
        form, Material(kind: .passport), Material(kind: .notificationLetter, name: name, passportNumber: passportNumber),
        Material(kind: .visaEntry, passportNumber: passportNumber), Material(kind: .healthCertificate, issued: day("2017-05-01")),
        contract,
      ])
  }

  /// An extension filed 60 days before the permit expires (2017-09-01).
  static func extensionFiling() -> Packet {
    Packet(
      window: "chaoyang", submitted: ts("2017-07-03T10:00+08:00"), employer: employer, applicant: applicant,
      application: Application(type: .extension, category: .b, permitExpires: day("2017-09-01")),
      materials: [
        form, Material(kind: .passport), contract, Material(kind: .residencePermit, name: name, expires: day("2017-09-01")),
        Material(kind: .workPermitCard, name: name, passportNumber: passportNumber, expires: day("2017-09-01")),
      ])
  }

  /// A change of passport reported 5 days after it happened; the card still shows the old number.
  static func change() -> Packet {
    Packet(
      window: "chaoyang", submitted: ts("2017-07-03T10:00+08:00"), employer: employer, applicant: applicant,
      application: Application(type: .change, category: .b, change: .init(kind: .passport, date: day("2017-06-28"))),
      materials: [form, Material(kind: .workPermitCard, name: name, passportNumber: "SPEC00000"), Material(kind: .changeProof)])
  }

  /// A cancellation filed the first working day after the contract ended (Fri 2017-06-30).
  static func cancellation() -> Packet {
    Packet(
      window: "chaoyang", submitted: ts("2017-07-03T10:00+08:00"), employer: employer, applicant: applicant,
      application: Application(type: .cancellation, category: .b, contractEnd: day("2017-06-30")),
      materials: [form, Material(kind: .terminationProof, signed: true), Material(kind: .workPermitCard, name: name)])
  }

  /// A replacement of a lost card.
  static func replacementLost() -> Packet {
    Packet(
      window: "chaoyang", submitted: ts("2017-07-03T10:00+08:00"), employer: employer, applicant: applicant,
      application: Application(type: .replacement, category: .b, replacementReason: .lost),
      materials: [form, Material(kind: .lossStatement, name: name)])
  }

  /// A replacement of a damaged card (the damaged card is handed in).
  static func replacementDamaged() -> Packet {
    Packet(
      window: "chaoyang", submitted: ts("2017-07-03T10:00+08:00"), employer: employer, applicant: applicant,
      application: Application(type: .replacement, category: .b, replacementReason: .damaged),
      materials: [form, Material(kind: .workPermitCard, name: name, passportNumber: passportNumber)])
  }
}

/// `basePacket()`: the complete Category B overseas-notification packet.
func basePacket() -> Packet { Base.overseasB() }

/// The accepted base packets, one per application type (and per replacement reason).
enum BaseKind: String, CaseIterable, Sendable {
  case overseasB = "overseas-notification B"
  case overseasA = "overseas-notification A (direct qualification)"
  case overseasComputedA = "overseas-notification B claimed, A computed"
  case domesticPermit = "domestic-permit"
  case extensionFiling = "extension"
  case change = "change"
  case cancellation = "cancellation"
  case replacementLost = "replacement (lost)"
  case replacementDamaged = "replacement (damaged)"

  var packet: Packet {
    switch self {
    case .overseasB: return Base.overseasB()
    case .overseasA: return Base.overseasA()
    case .overseasComputedA: return Base.overseasComputedA()
    case .domesticPermit: return Base.domesticPermit()
    case .extensionFiling: return Base.extensionFiling()
    case .change: return Base.change()
    case .cancellation: return Base.cancellation()
    case .replacementLost: return Base.replacementLost()
    case .replacementDamaged: return Base.replacementDamaged()
    }
  }
}
