/// The kinds of document a window receives (domain.md, "Materials").
public enum MaterialKind: String, CaseIterable, Hashable, Sendable, Comparable {
  case applicationForm = "application-form"
  case passport
  case degree
  case workExperience = "work-experience"
  case criminalRecord = "criminal-record"
  case healthCertificate = "health-certificate"
  case contract
  case talentProof = "talent-proof"
  case notificationLetter = "notification-letter"
  case visaEntry = "visa-entry"
  case residencePermit = "residence-permit"
  case workPermitCard = "work-permit-card"
  case changeProof = "change-proof"
  case terminationProof = "termination-proof"
  case lossStatement = "loss-statement"
  /// A passport photo (beijing-2025): recent and ICAO 9303 compliant.
  case photo
  /// The employer's commitment on the salary behind the points (beijing-2025).
  case salaryCommitment = "salary-commitment"
  /// Individual income tax record proving the committed salary (beijing-2025).
  case taxRecord = "tax-record"
  /// Proof that the previous permit was cancelled (beijing-2025, change of employer).
  case cancellationProof = "cancellation-proof"
  /// A written commitment standing in for another material (Category A).
  case commitment

  public static func < (l: MaterialKind, r: MaterialKind) -> Bool { l.rawValue < r.rawValue }
}

/// How a foreign document was authenticated.
public enum Authentication: String, CaseIterable, Hashable, Sendable {
  case none
  /// By a Chinese embassy or consulate abroad.
  case embassy
  /// By the issuing country's mission in China.
  case foreignMissionInChina = "foreign-mission-in-china"
  /// By the Chinese Service Center for Scholarly Exchange (degrees).
  case cscse
  /// Apostille (Hague Convention; accepted from the policy's date).
  case apostille
  /// Notarized locally (the route for Hong Kong, Macao and Taiwan documents).
  case notarized
}

/// Who issued a no-criminal-record certificate (the beijing-2025 criminal-record rule).
public enum CriminalRecordIssuer: String, CaseIterable, Hashable, Sendable {
  /// The competent authority of the issuing country (the usual certificate).
  case authority
  /// A sworn self-declaration (not accepted under beijing-2025).
  case swornSelfDeclaration = "sworn-self-declaration"
  /// A non-sworn certificate of a foreign embassy or consulate in China (no further authentication).
  case consulateInChina = "consulate-in-china"
  /// A Chinese public security bureau, for an applicant resident in China at least a year.
  case publicSecurityBureau = "public-security-bureau"
}

/// The Chinese translation of a foreign document.
public enum Translation: String, CaseIterable, Hashable, Sendable {
  case none, unsealed, sealed
}

/// One document as handed in. Only `kind` is always present; the other facts are those written on
/// the document or observed by the clerk, nil when not stated.
public struct Material: Hashable, Sendable {
  /// Which document.
  public var kind: MaterialKind
  /// Signed by the applicant (forms, contract).
  public var signed: Bool?
  /// Sealed by the employer (forms, contract) or by the former employer (work-experience).
  public var sealed: Bool?
  /// Whether the signature agrees with the passport's (`false` = differs).
  public var signatureMatches: Bool?
  /// Name as written on the document.
  public var name: String?
  /// Passport number as written on the document.
  public var passportNumber: String?
  /// Nationality as written on the document.
  public var nationality: String?
  /// Date of birth as written on the document.
  public var birthDate: CivilDate?
  /// Degree level.
  public var level: Education?
  /// Country or region where the document was issued (`CN` = in China).
  public var issuedIn: String?
  /// Issuing country (criminal record).
  public var country: String?
  /// Issue date.
  public var issued: CivilDate?
  /// Expiry date written on the document.
  public var expires: CivilDate?
  /// Contract: the day the employment starts (a change of employer's contract may not start before
  /// the previous permit was cancelled, beijing-2025).
  public var starts: CivilDate?
  /// Authentication route.
  public var authentication: Authentication?
  /// Chinese translation.
  public var translation: Translation?
  /// Language of the document as a BCP 47 tag (any tag with primary subtag `zh` is Chinese).
  public var language: String?
  /// Photo: compliant with ICAO 9303 (`false` = not).
  public var icaoCompliant: Bool?
  /// Criminal record: who issued it.
  public var issuedBy: CriminalRecordIssuer?
  /// Work-experience: years covered.
  public var years: Int?
  /// Work-experience: related to the post.
  public var related: Bool?
  /// Commitment: the material it stands in for.
  public var replaces: MaterialKind?

  /// Creates a material of a kind with no facts stated.
  public init(
    kind: MaterialKind, signed: Bool? = nil, sealed: Bool? = nil, signatureMatches: Bool? = nil, name: String? = nil,
    passportNumber: String? = nil, nationality: String? = nil, birthDate: CivilDate? = nil, level: Education? = nil,
    issuedIn: String? = nil, country: String? = nil, issued: CivilDate? = nil, expires: CivilDate? = nil,
    authentication: Authentication? = nil, translation: Translation? = nil, language: String? = nil,
    years: Int? = nil, related: Bool? = nil, replaces: MaterialKind? = nil, icaoCompliant: Bool? = nil,
    issuedBy: CriminalRecordIssuer? = nil, starts: CivilDate? = nil
  ) {
    self.starts = starts
    self.icaoCompliant = icaoCompliant
    self.issuedBy = issuedBy
    self.kind = kind
    self.signed = signed
    self.sealed = sealed
    self.signatureMatches = signatureMatches
    self.name = name
    self.passportNumber = passportNumber
    self.nationality = nationality
    self.birthDate = birthDate
    self.level = level
    self.issuedIn = issuedIn
    self.country = country
    self.issued = issued
    self.expires = expires
    self.authentication = authentication
    self.translation = translation
    self.language = language
    self.years = years
    self.related = related
    self.replaces = replaces
  }

  /// Whether the document is in Chinese (domain.md Part A′ 3–4): its `language` says so, or it states
  /// no language and was issued in mainland China (or states no origin at all).
  public var isChinese: Bool {
    if let l = language { return LanguageTag.isChinese(l) }
    let from = kind == .criminalRecord ? (country ?? issuedIn) : issuedIn
    return from == nil || from == "CN"
  }
}
