import PermitCore

/// Generates plausible, clearly synthetic packets from a seed: applicants of many nationalities,
/// employers in each district, dates consistent with the submission time, and defects planted on
/// demand so that every defect kind of domain.md Part A is reachable.
///
/// Synthetic markers: passport numbers start with `SPEC` (specimen), employer names end in
/// "(Sandbox)". The examiner, not the generator, is the answer key: `planted` only says what was
/// changed.
public struct PacketGenerator {
  /// A generated packet and the mutations planted in it.
  public struct Generated {
    /// The packet.
    public var packet: Packet
    /// The defects planted (informational; the examiner decides).
    public var planted: [String]
  }

  /// Defect families the generator can plant.
  public static let mutations = [
    "missing", "stale", "expired-passport", "unauthenticated", "untranslated", "unsigned", "unsealed", "wrong-issuer",
    "mismatch-name", "mismatch-passport-number", "mismatch-birth-date", "mismatch-nationality", "mismatch-signature",
    "category-unsupported", "out-of-jurisdiction", "late-filing", "early-filing", "wrong-procedure", "apostille-too-early",
    "expired-document", "contract-language", "accept-pending",
  ]

  private var rng: SeededRandom
  /// The pack the packets are made for.
  public let policy: PolicyPack
  /// Types to draw from.
  public var types: [ApplicationType]
  /// Probability that a packet carries at least one defect.
  public var defectRate: Double
  /// Mutations to draw from.
  public var mix: [String]
  /// A fixed window, or nil for any of the pack's.
  public var window: String?
  /// Submission dates are drawn from this range.
  public var dates: ClosedRange<CivilDate>
  private var serial = 0
  /// Share of overseas and domestic applicants with a direct Category A qualification.
  public var talentShare = 0.1

  /// Creates a generator.
  public init(
    seed: UInt64, policy: PolicyPack, types: [ApplicationType] = ApplicationType.allCases, defectRate: Double = 0.6,
    mix: [String] = PacketGenerator.mutations, window: String? = nil,
    dates: ClosedRange<CivilDate> = CivilDate(year: 2017, month: 7, day: 3)!...CivilDate(year: 2026, month: 6, day: 30)!
  ) {
    rng = SeededRandom(seed: seed)
    self.policy = policy
    self.types = types.isEmpty ? ApplicationType.allCases : types
    self.defectRate = defectRate
    self.mix = mix.isEmpty ? PacketGenerator.mutations : mix
    self.window = window
    self.dates = dates
  }

  static let people: [(String, [String], [String])] = [
    ("CA", ["Olivia", "Liam", "Emma", "Noah"], ["MARTIN", "TREMBLAY", "ROY", "GAGNON"]),
    ("FR", ["Camille", "Louis", "Chloe", "Hugo"], ["BERNARD", "DUBOIS", "MOREAU", "LAURENT"]),
    ("DE", ["Anna", "Felix", "Lena", "Jonas"], ["MUELLER", "SCHMIDT", "WAGNER", "BECKER"]),
    ("GB", ["Amelia", "Oliver", "Isla", "George"], ["SMITH", "TAYLOR", "EVANS", "HUGHES"]),
    ("US", ["Ava", "Ethan", "Mia", "Lucas"], ["JOHNSON", "MILLER", "DAVIS", "GARCIA"]),
    ("JP", ["Yui", "Haruto", "Sakura", "Ren"], ["SATO", "SUZUKI", "TAKAHASHI", "TANAKA"]),
    ("KR", ["Seo-yeon", "Min-jun", "Ji-woo", "Do-yun"], ["KIM", "LEE", "PARK", "CHOI"]),
    ("BR", ["Ana", "Gabriel", "Julia", "Rafael"], ["SILVA", "SANTOS", "OLIVEIRA", "SOUZA"]),
    ("IN", ["Aarav", "Diya", "Vivaan", "Ananya"], ["SHARMA", "PATEL", "IYER", "REDDY"]),
    ("NG", ["Chiamaka", "Emeka", "Ngozi", "Tunde"], ["OKAFOR", "ADEYEMI", "EZE", "BELLO"]),
    ("RU", ["Anastasia", "Dmitri", "Olga", "Ivan"], ["IVANOVA", "PETROV", "SOKOLOVA", "VOLKOV"]),
    ("ES", ["Lucia", "Mateo", "Sofia", "Pablo"], ["GARCIA", "LOPEZ", "MARTINEZ", "SANCHEZ"]),
    ("AU", ["Charlotte", "Jack", "Ruby", "William"], ["WILSON", "BROWN", "WHITE", "THOMPSON"]),
    ("EG", ["Nour", "Omar", "Salma", "Youssef"], ["HASSAN", "MAHMOUD", "IBRAHIM", "FARID"]),
    ("MX", ["Valentina", "Santiago", "Ximena", "Diego"], ["HERNANDEZ", "RAMIREZ", "TORRES", "FLORES"]),
    ("HK", ["Wing", "Ka-ho", "Mei", "Chun"], ["CHAN", "WONG", "LEUNG", "CHEUNG"]),
  ]
  static let employerStems = [
    "Maple Technology", "Lotus Robotics", "Jade River Consulting", "Northern Star Education", "Silk Road Logistics",
    "Great Wall Biotech", "Peony Design", "Summit Finance", "Blue Harbor Media", "Crane Engineering",
  ]
  static let positions = [
    "Software engineer", "Chief data scientist", "English teacher", "Product manager", "Research fellow",
    "Mechanical engineer", "Marketing director", "Financial analyst", "Architect", "Chef",
  ]

  mutating func date(_ range: ClosedRange<CivilDate>) -> CivilDate {
    CivilDate(dayNumber: Int32(rng.int(Int(range.lowerBound.dayNumber)...Int(range.upperBound.dayNumber))))
  }

  /// The next packet.
  public mutating func nextPacket() -> Generated {
    serial += 1
    let type = rng.pick(types)
    let w = window ?? rng.pick(policy.windows)
    let day = policy.calendar.workingDay(onOrAfter: date(dates))
    let submitted = Timestamp(
      date: day, hour: rng.int(9...16), minute: rng.pick([0, 10, 15, 20, 30, 40, 45, 50]),
      offsetSeconds: policy.utcOffsetSeconds)
    let (country, first, last) = rng.pick(PacketGenerator.people)
    let name = rng.pick(first) + " " + rng.pick(last)
    let birth = date(day.adding(years: -55)...day.adding(years: -24))
    let passportNumber = "SPEC" + String(100_000 + rng.int(0...899_999)).suffix(5)
    let applicant = Applicant(
      name: name, nationality: country, birthDate: birth, passportNumber: String(passportNumber),
      passportExpires: day.adding(months: rng.int(12...96)))
    let employer = Employer(name: "Beijing \(rng.pick(PacketGenerator.employerStems)) (Sandbox) Co., Ltd.", district: w)
    var app = Application(type: type, position: rng.pick(PacketGenerator.positions))
    var materials: [Material] = []
    let form = Material(kind: .applicationForm, signed: true, sealed: true, name: name, passportNumber: applicant.passportNumber)
    materials.append(form)
    let foreign = country == "HK" ? "HK" : country
    func recent(_ maxMonths: Int = 5) -> CivilDate { day.adding(days: -rng.int(3...(maxMonths * 30))) }
    switch type {
    case .overseasNotification, .domesticPermit:
      // A profile: salary, education, experience, months; the claim follows the computed category.
      app.annualSalary = rng.pick([60_000, 120_000, 180_000, 260_000, 360_000, 480_000, 800_000])
      app.education = rng.pick([.bachelor, .bachelor, .master, .doctorate])
      app.relatedExperienceYears = rng.int(2...14)
      app.monthsInChinaPerYear = rng.pick([6, 9, 12, 12])
      app.hskLevel = rng.pick([0, 0, 1, 3, 4, 5])
      if rng.chance(talentShare) { app.directQualification = rng.pick(["talent-programme", "recognised-award"]) }
      let pts = policy.points.score(app, age: birth.age(on: day))
      app.category = policy.computedCategory(for: app, points: pts)
      if type == .overseasNotification {
        materials.append(Material(kind: .passport))
        let degreeFrom = rng.chance(0.15) ? "CN" : foreign
        materials.append(
          Material(
            kind: .degree, name: name, level: app.education, issuedIn: degreeFrom,
            authentication: degreeFrom == "CN" ? nil : (degreeFrom == "HK" ? .notarized : rng.pick([.embassy, .foreignMissionInChina, .cscse])),
            translation: degreeFrom == "CN" || degreeFrom == "HK" ? nil : .sealed, language: degreeFrom == "HK" ? "zh" : nil))
        if app.category == .a && rng.chance(0.3) {
          materials.append(Material(kind: .commitment, replaces: .criminalRecord))
        } else {
          materials.append(
            Material(
              kind: .criminalRecord, name: name, country: foreign, issued: recent(),
              authentication: foreign == "HK" ? .notarized : .embassy, translation: foreign == "HK" ? nil : .sealed,
              language: foreign == "HK" ? "zh" : nil))
        }
        materials.append(Material(kind: .healthCertificate, name: name, issued: recent()))
        if app.category != .a {
          materials.append(
            Material(
              kind: .workExperience, sealed: true, issuedIn: foreign, translation: foreign == "HK" ? nil : .sealed,
              language: foreign == "HK" ? "zh" : nil, years: app.relatedExperienceYears, related: true))
        }
        if app.directQualification != nil { materials.append(Material(kind: .talentProof, name: name)) }
      } else {
        app.entryDate = day.adding(days: -rng.int(1...14))
        materials.append(Material(kind: .passport))
        materials.append(Material(kind: .notificationLetter, name: name, passportNumber: applicant.passportNumber))
        materials.append(Material(kind: .visaEntry, passportNumber: applicant.passportNumber))
        materials.append(Material(kind: .healthCertificate, name: name, issued: recent()))
      }
      materials.append(Material(kind: .contract, signed: true, sealed: true, language: "zh"))
    case .extension:
      let expires = day.adding(days: rng.int(policy.timeLimits.extensionMinDaysBeforeExpiry...policy.timeLimits.extensionMaxDaysBeforeExpiry))
      app.permitExpires = expires
      materials += [
        Material(kind: .passport), Material(kind: .contract, signed: true, sealed: true, language: "zh"),
        Material(kind: .residencePermit, name: name, expires: expires.adding(days: 30)),
        Material(kind: .workPermitCard, name: name, passportNumber: applicant.passportNumber, expires: expires),
      ]
    case .change:
      let kind = rng.pick([ChangeKind.passport, .name, .position, .employerName])
      app.change = Application.Change(kind: kind, date: day.adding(days: -rng.int(0...policy.timeLimits.changeDays)))
      materials += [
        Material(kind: .workPermitCard, name: name, passportNumber: kind == .passport ? "SPEC00000" : applicant.passportNumber),
        Material(kind: .changeProof),
      ]
    case .cancellation:
      app.contractEnd = day.adding(days: -rng.int(0...7))
      materials += [Material(kind: .terminationProof, signed: true), Material(kind: .workPermitCard, name: name)]
    case .replacement:
      let reason = rng.pick([ReplacementReason.lost, .damaged])
      app.replacementReason = reason
      materials.append(reason == .lost ? Material(kind: .lossStatement, name: name) : Material(kind: .workPermitCard, name: name))
    }
    var packet = Packet(
      window: w, submitted: submitted, employer: employer, applicant: applicant, application: app, materials: materials)
    var planted: [String] = []
    if rng.chance(defectRate) {
      for _ in 0..<rng.pick([1, 1, 1, 2, 2, 3]) {
        if let p = mutate(&packet, rng.pick(mix)) { planted.append(p) }
      }
    }
    return Generated(packet: packet, planted: planted)
  }

  private mutating func index(_ p: Packet, _ kind: MaterialKind) -> Int? { p.materials.firstIndex { $0.kind == kind } }

  /// Plants one defect of a family, if the packet allows it; returns what was planted.
  mutating func mutate(_ p: inout Packet, _ family: String) -> String? {
    let day = p.submitted.date(atOffset: policy.utcOffsetSeconds)
    let type = p.application.type
    switch family {
    case "missing":
      let required = policy.required(for: p.application, computed: p.application.category ?? .c)
      let present = required.filter { k in p.materials.contains { $0.kind == k } }
      guard !present.isEmpty else { return nil }
      let k = rng.pick(present)
      p.materials.removeAll { $0.kind == k }
      return "missing:" + k.rawValue
    case "accept-pending":
      guard type == .overseasNotification, p.application.category == .a else { return nil }
      let k = rng.pick([MaterialKind.degree, .healthCertificate])
      p.materials.removeAll { $0.kind == k }
      return "missing:" + k.rawValue
    case "stale":
      let options = p.materials.indices.filter { policy.validity.maxAgeMonths[p.materials[$0].kind] != nil && p.materials[$0].issued != nil }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].issued = day.adding(months: -(policy.validity.maxAgeMonths[p.materials[i].kind]!)).adding(days: -rng.int(1...60))
      return "stale:" + p.materials[i].kind.rawValue
    case "expired-passport":
      guard policy.required(for: p.application, computed: .c).contains(.passport) else { return nil }
      p.applicant.passportExpires = day.adding(months: policy.validity.passportMinMonths).adding(days: -rng.int(1...150))
      return "expired:passport"
    case "unauthenticated", "apostille-too-early":
      let options = p.materials.indices.filter {
        let m = p.materials[$0]
        return (m.kind == .degree || m.kind == .criminalRecord) && (m.issuedIn ?? m.country).map { $0 != "CN" } == true
      }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      if family == "apostille-too-early" {
        guard let since = policy.documents.apostilleAcceptedFrom, day < since,
          !(policy.documents.specialRegions.contains(p.materials[i].issuedIn ?? p.materials[i].country ?? ""))
        else { return nil }
        p.materials[i].authentication = .apostille
      } else {
        p.materials[i].authentication = rng.pick([Authentication.none, .notarized])
        if p.materials[i].authentication == .notarized,
          policy.documents.specialRegions.contains(p.materials[i].issuedIn ?? p.materials[i].country ?? "")
        {
          p.materials[i].authentication = Authentication.none
        }
      }
      return "unauthenticated:" + p.materials[i].kind.rawValue
    case "untranslated":
      let options = p.materials.indices.filter { p.materials[$0].translation == .sealed }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].translation = rng.pick([Translation.none, .unsealed])
      return "untranslated:" + p.materials[i].kind.rawValue
    case "unsigned":
      let options = p.materials.indices.filter { policy.documents.mustBeSigned.contains(p.materials[$0].kind) }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].signed = false
      return "unsigned:" + p.materials[i].kind.rawValue
    case "unsealed":
      let options = p.materials.indices.filter { policy.documents.mustBeSealed.contains(p.materials[$0].kind) }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].sealed = false
      return "unsealed:" + p.materials[i].kind.rawValue
    case "wrong-issuer":
      guard let i = index(p, .criminalRecord) else { return nil }
      p.materials[i].country = p.applicant.nationality == "TH" ? "VN" : "TH"
      p.materials[i].authentication = .embassy
      p.materials[i].translation = .sealed
      p.materials[i].language = nil
      return "wrong-issuer:criminal-record"
    case "mismatch-name":
      guard let i = p.materials.firstIndex(where: { $0.name != nil && $0.kind != .workPermitCard }) else { return nil }
      var n = Array(p.applicant.name)
      let j = n.count - 1 - rng.int(0...2)
      n[j] = n[j] == "A" ? "E" : "A"
      p.materials[i].name = String(n)
      return "mismatch:name"
    case "mismatch-passport-number":
      guard let i = p.materials.firstIndex(where: { $0.passportNumber != nil && $0.kind == .applicationForm }) else { return nil }
      p.materials[i].passportNumber = "SPEC" + String(String(rng.int(10_000...99_999)))
      if p.materials[i].passportNumber == p.applicant.passportNumber { return nil }
      return "mismatch:passport-number"
    case "mismatch-birth-date":
      guard let i = index(p, .applicationForm) else { return nil }
      p.materials[i].birthDate = p.applicant.birthDate.adding(days: rng.pick([-1, 1, 365, -31]))
      return "mismatch:birth-date"
    case "mismatch-nationality":
      guard let i = index(p, .applicationForm) else { return nil }
      p.materials[i].nationality = p.applicant.nationality == "GB" ? "IE" : "GB"
      return "mismatch:nationality"
    case "mismatch-signature":
      guard let i = index(p, .applicationForm) else { return nil }
      p.materials[i].signatureMatches = false
      return "mismatch:signature"
    case "category-unsupported":
      guard type == .overseasNotification, let c = p.application.category, c != .a else { return nil }
      p.application.category = .a
      if p.application.directQualification != nil { return nil }
      return "category-unsupported"
    case "out-of-jurisdiction":
      let others = policy.windows.filter { $0 != p.window } + ["dongcheng", "xicheng", "fengtai", "tongzhou"]
      p.employer.district = rng.pick(others)
      return "out-of-jurisdiction"
    case "late-filing":
      switch type {
      case .extension:
        p.application.permitExpires = day.adding(days: rng.int(1...(policy.timeLimits.extensionMinDaysBeforeExpiry - 1)))
        return "late-filing:extension"
      case .domesticPermit:
        p.application.entryDate = day.adding(days: -(policy.timeLimits.domesticPermitDaysAfterEntry + rng.int(1...20)))
        return "late-filing:domestic-permit"
      case .change:
        p.application.change?.date = day.adding(days: -(policy.timeLimits.changeDays + rng.int(1...30)))
        return "late-filing:change (compliance)"
      case .cancellation:
        p.application.contractEnd = day.adding(days: -rng.int(20...40))
        return "late-filing:cancellation (compliance)"
      default: return nil
      }
    case "early-filing":
      guard type == .extension else { return nil }
      p.application.permitExpires = day.adding(days: policy.timeLimits.extensionMaxDaysBeforeExpiry + rng.int(1...60))
      return "early-filing:extension"
    case "wrong-procedure":
      guard type == .change else { return nil }
      p.application.change?.kind = .nationality
      return "wrong-procedure:nationality-change"
    case "expired-document":
      let options = p.materials.indices.filter { p.materials[$0].expires != nil }
      guard let i = options.isEmpty ? nil : rng.pick(options) else { return nil }
      p.materials[i].expires = day.adding(days: -rng.int(1...90))
      return "expired:" + p.materials[i].kind.rawValue
    case "contract-language":
      guard let i = index(p, .contract) else { return nil }
      p.materials[i].language = rng.pick(["en", "fr"])
      return "untranslated:contract"
    default:
      return nil
    }
  }
}
