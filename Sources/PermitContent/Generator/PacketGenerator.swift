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
    "expired-document", "contract-language", "accept-pending", "not-a-foreigner", "abolished", "noncompliant-photo",
    "contract-start", "talent-route",
  ]

  /// The families drawn from when a block names none: all, less those modelled after a pack's
  /// queues were first generated that can never apply to it (a pack without change of employer or
  /// talent routes keeps the very queues its seeds gave before).
  public static func defaultMix(for policy: PolicyPack) -> [String] {
    mutations.filter { family in
      switch family {
      case "contract-start": return policy.handledTypes.contains(.changeEmployer)
      case "talent-route": return policy.requiredMaterials.values.contains { !$0.byTalentRoute.isEmpty }
      default: return true
      }
    }
  }

  var rng: SeededRandom
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
    seed: UInt64, policy: PolicyPack, types: [ApplicationType] = [], defectRate: Double = 0.6,
    mix: [String] = [], window: String? = nil,
    dates: ClosedRange<CivilDate> = CivilDate(year: 2017, month: 7, day: 3)!...CivilDate(year: 2026, month: 6, day: 30)!
  ) {
    rng = SeededRandom(seed: seed)
    self.policy = policy
    // By default, the types the pack's windows handle.
    self.types = types.isEmpty ? ApplicationType.allCases.filter(policy.handledTypes.contains) : types
    self.defectRate = defectRate
    self.mix = mix.isEmpty ? PacketGenerator.defaultMix(for: policy) : mix
    self.window = window
    // A pack's packets are submitted while its rules are in force.
    if let from = policy.effectiveFrom {
      self.dates = max(from, dates.lowerBound)...max(from, dates.upperBound)
    } else {
      self.dates = dates
    }
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
    // British nationals living in Hong Kong: foreigners whose documents are issued in Hong Kong and
    // take the notarized route (Part A′ 7). Residents of HK, MO and TW are planted only by `not-a-foreigner`.
    ("GB@HK", ["Wing", "Ka-ho", "Mei", "Chun"], ["CHAN", "WONG", "LEUNG", "CHEUNG"]),
  ]
  /// Residents of Hong Kong, Macao and Taiwan: not foreigners (Part A′ 7), planted only by `not-a-foreigner`.
  static let regionResidents: [(String, [String], [String])] = [
    ("HK", ["Wing", "Ka-ho", "Mei", "Chun"], ["CHAN", "WONG", "LEUNG", "CHEUNG"]),
    ("MO", ["Iek", "Kin", "Sio", "Man"], ["LEONG", "CHAO", "LEI", "IONG"]),
    ("TW", ["Yi-ting", "Chia-hao", "Shu-fen", "Chih-ming"], ["CHEN", "LIN", "HUANG", "CHANG"]),
  ]
  /// Languages of the countries above (BCP 47), for documents issued there.
  static let languages: [String: String] = [
    "CA": "en-CA", "FR": "fr", "DE": "de", "GB": "en-GB", "US": "en-US", "JP": "ja", "KR": "ko", "BR": "pt-BR",
    "IN": "en-IN", "NG": "en", "RU": "ru", "ES": "es", "AU": "en-AU", "EG": "ar", "MX": "es-MX",
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
    let (person, first, last) = rng.pick(PacketGenerator.people)
    // "GB@HK": nationality GB, living in and holding documents from Hong Kong.
    let country = String(person.prefix(2))
    let foreign = person.hasSuffix("@HK") ? "HK" : country
    let name = rng.pick(first) + " " + rng.pick(last)
    let birth = date(day.adding(years: -55)...day.adding(years: -24))
    let passportNumber = "SPEC" + String(100_000 + rng.int(0...899_999)).suffix(5)
    let applicant = Applicant(
      name: name, nationality: country, birthDate: birth, passportNumber: String(passportNumber),
      passportExpires: day.adding(months: rng.int(12...96)), residenceCountry: foreign == country ? nil : foreign)
    let employer = Employer(name: "Beijing \(rng.pick(PacketGenerator.employerStems)) (Sandbox) Co., Ltd.", district: w)
    var app = Application(type: type, position: rng.pick(PacketGenerator.positions))
    var materials: [Material] = []
    let form = Material(kind: .applicationForm, signed: true, sealed: true, name: name, passportNumber: applicant.passportNumber)
    materials.append(form)
    func recent(_ maxMonths: Int = 5) -> CivilDate { day.adding(days: -rng.int(3...(maxMonths * 30))) }
    if type.carriesPermitCategory {
      // The current permit's category (Part A′ 6), drawn without consuming the seed's sequence so
      // that queues generated before the rule stay the same.
      app.category = [Category.b, .c, .b, .a, .c][serial % 5]
      app.salaryCommitment = app.category != .c && serial % 3 == 0
    }
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
            translation: degreeFrom == "CN" || degreeFrom == "HK" ? nil : .sealed,
            language: degreeFrom == "HK" ? "zh-HK" : PacketGenerator.languages[degreeFrom]))
        if app.category == .a && rng.chance(0.3) {
          materials.append(Material(kind: .commitment, replaces: .criminalRecord))
        } else {
          materials.append(
            Material(
              kind: .criminalRecord, name: name, country: foreign, issued: recent(),
              authentication: foreign == "HK" ? .notarized : .embassy, translation: foreign == "HK" ? nil : .sealed,
              language: foreign == "HK" ? "zh-HK" : PacketGenerator.languages[foreign]))
        }
        if serial % 5 == 2 {
          // A health certificate issued abroad, in the country's language: translated (Part A′ 4).
          materials.append(
            Material(
              kind: .healthCertificate, name: name, issuedIn: country, issued: recent(), translation: .sealed,
              language: PacketGenerator.languages[country]))
        } else {
          materials.append(Material(kind: .healthCertificate, name: name, issued: recent()))
        }
        if app.category != .a {
          materials.append(
            Material(
              kind: .workExperience, sealed: true, issuedIn: foreign, translation: foreign == "HK" ? nil : .sealed,
              language: foreign == "HK" ? "zh-HK" : nil, years: app.relatedExperienceYears, related: true))
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
    case .changeEmployer:
      let cancelled = day.adding(days: -rng.int(1...25))
      app.permitCancelled = cancelled
      materials += [
        // The new contract starts on or after the cancellation (drawn from the serial, so that the
        // seed's sequence stays what it was before the rule was modelled).
        Material(kind: .passport), Material(kind: .contract, signed: true, sealed: true, language: "zh", starts: cancelled.adding(days: serial % 3)),
        Material(kind: .cancellationProof, name: name, issued: cancelled),
        rng.chance(0.7)
          ? Material(kind: .residencePermit, name: name, expires: day.adding(days: rng.int(30...300)))
          : Material(kind: .visaEntry, passportNumber: applicant.passportNumber),
      ]
    case .replacement:
      let reason = rng.pick([ReplacementReason.lost, .damaged])
      app.replacementReason = reason
      materials.append(reason == .lost ? Material(kind: .lossStatement, name: name) : Material(kind: .workPermitCard, name: name))
    }
    conformToPack(&materials, app, day: day, name: name, applicant: applicant)
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

  /// Makes the materials follow the pack's lists: a material the pack no longer asks for is left
  /// out (the permit card after 2024-12-01), one it newly asks for is added in good order (photo,
  /// salary commitment, tax record, residence permit).
  mutating func conformToPack(
    _ materials: inout [Material], _ app: Application, day: CivilDate, name: String, applicant: Applicant
  ) {
    guard let list = policy.requiredMaterials[app.type] else { return }
    let computed = app.category ?? .c
    let required = policy.required(for: app, computed: computed)
    let alternatives = Set(list.anyOf.flatMap { $0 })
    materials.removeAll { m in
      m.kind != .commitment && !required.contains(m.kind) && !alternatives.contains(m.kind) && !list.mentions(m.kind)
        && m.kind != .applicationForm
    }
    for kind in required where !materials.contains(where: { $0.kind == kind || $0.replaces == kind }) {
      switch kind {
      case .photo: materials.append(Material(kind: .photo, issued: day.adding(days: -rng.int(3...120)), icaoCompliant: true))
      case .salaryCommitment: materials.append(Material(kind: .salaryCommitment, sealed: true))
      case .taxRecord: materials.append(Material(kind: .taxRecord, name: name, issuedIn: "CN"))
      case .residencePermit: materials.append(Material(kind: .residencePermit, name: name, expires: day.adding(days: rng.int(60...300))))
      case .passport: materials.append(Material(kind: .passport))
      default: materials.append(Material(kind: kind, name: name))
      }
    }
    for group in list.anyOf where !group.isEmpty && !materials.contains(where: { group.contains($0.kind) }) {
      materials.append(Material(kind: group[0], name: name, expires: day.adding(days: rng.int(60...300))))
    }
  }
}
