/// Why the examiner made a finding, with the facts it rests on (issue 15): the language-neutral form
/// of a finding's `detail` and `fix`. The core writes those two in English; an interface in another
/// language renders the reason through its message catalog instead (PermitCore holds no catalog).
/// Values are codes and dates (material kinds, application types, district names, ISO dates), so a
/// renderer can name each in its own language.
public enum FindingReason: Hashable, Sendable {
  /// The employer is registered in another district; `referredDistrict` is the district window it
  /// is referred to, nil for the municipal Center.
  case outOfJurisdiction(employerDistrict: String, window: String, referredDistrict: String?)
  /// A resident of Hong Kong, Macao or Taiwan (Part A′ 7).
  case notAForeigner(region: String)
  /// A procedure the pack abolished, with what replaces it (the pack's text, and its Chinese when given).
  case abolished(type: ApplicationType, since: CivilDate, replacedBy: String, replacedByZh: String?)
  /// A type the district windows do not handle.
  case notHandled(type: ApplicationType)
  /// A change of nationality filed as a change.
  case nationalityChange
  /// A change reported late: `due` is set when the limit counts working days.
  case lateChange(changed: CivilDate, daysLater: Int, limit: Int, due: CivilDate?)
  /// An extension filed too late.
  case lateExtension(daysBefore: Int, expires: CivilDate, minimum: Int)
  /// An extension filed too early; come back from `comeBackFrom`.
  case earlyExtension(daysBefore: Int, expires: CivilDate, maximum: Int, comeBackFrom: CivilDate)
  /// A domestic permit filed too long after entry.
  case lateDomesticPermit(entered: CivilDate, daysLater: Int, limit: Int)
  /// A cancellation filed after its working-day limit.
  case lateCancellation(contractEnded: CivilDate, due: CivilDate, limit: Int, filed: CivilDate)
  /// A required material not handed in; `talentRoute` when a commitment for it did not count
  /// because the Category A status rests on it.
  case missing(MaterialKind, type: ApplicationType, talentRoute: TalentRoute?)
  /// None of a group of alternatives usable; `visaDays` and `cancelled` when a stay visa was handed
  /// in too long after the previous permit's cancellation.
  case missingAlternative([MaterialKind], type: ApplicationType, visaDays: Int?, cancelled: CivilDate?)
  /// The passport is not valid long enough.
  case passportValidity(expires: CivilDate, needed: CivilDate, months: Int)
  /// The claimed category is above the computed one.
  case categoryUnsupported(claimed: Category, points: Int, computed: Category, thresholdA: Int, thresholdB: Int)
  /// Not signed by the applicant.
  case unsigned(MaterialKind)
  /// Not sealed by the employer (or, for a work-experience letter, the former employer).
  case unsealed(MaterialKind, formerEmployer: Bool)
  /// A field of a document differs from the passport (`field` is a ``DefectCatalog/mismatchFields``
  /// name; `found` and `expected` are nil for the signature).
  case mismatch(field: String, MaterialKind, found: String?, expected: String?)
  /// A document past its expiry date.
  case expired(MaterialKind, on: CivilDate)
  /// A certificate or photo issued too long before receipt.
  case stale(MaterialKind, issued: CivilDate, validThrough: CivilDate, months: Int, received: CivilDate, earliest: CivilDate)
  /// A photo not to ICAO 9303.
  case photoNoncompliant
  /// A change of employer's contract that starts before the previous permit's cancellation.
  case contractStartsEarly(starts: CivilDate, cancelled: CivilDate)
  /// A sworn self-declaration handed in as a criminal record.
  case swornSelfDeclaration
  /// A public security bureau certificate for an applicant resident in China less than a year.
  case publicSecurityBureauTooSoon(residentSince: CivilDate?, nationality: String)
  /// A criminal record from neither the country of nationality nor of habitual residence.
  case criminalRecordCountry(issuedIn: String, nationality: String, residence: String?)
  /// A foreign document without an accepted authentication; `apostilleFrom` when an apostille came
  /// before the day the pack accepts them.
  case unauthenticated(MaterialKind, from: String, used: Authentication, accepted: [Authentication], apostilleFrom: CivilDate?)
  /// A document not in Chinese without a sealed translation: `language` or `origin` as stated;
  /// `translationUnsealed` when a translation was attached without the employer's seal.
  case untranslated(MaterialKind, language: String?, origin: String?, translationUnsealed: Bool)
  /// A document that must itself be in Chinese is in another language.
  case notInChinese(MaterialKind, language: String)
  /// Category B above the age limit (a flag for the Center).
  case ageOverLimitB(age: Int, limit: Int)
  /// A note: the pack's calendar does not cover the year (working days count weekends only).
  case calendarNotCovered(year: Int)
  /// A note: a commitment that stands in for nothing here (`anyCategory`: what a commitment may
  /// replace whatever the category, for this type).
  case commitmentNotValid(MaterialKind, mayReplace: [MaterialKind], computed: Category, anyCategory: [MaterialKind])
}
