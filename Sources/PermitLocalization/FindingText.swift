import PermitCore

/// A finding's detail and fix in the interface language (issue 15), rendered from its typed
/// ``FindingReason`` through the message catalog: codes inside become their names (materials,
/// application types, districts, authentication routes), dates and numbers stay as they are. The
/// English rendering is, word for word, the examiner's own `detail` and `fix`.
public enum FindingText {
  /// What is wrong, in the language.
  public static func detail(_ f: Finding, in language: Language = Language.current) -> String {
    render(f.reason, language).detail
  }

  /// How to put it right, in the language.
  public static func fix(_ f: Finding, in language: Language = Language.current) -> String {
    render(f.reason, language).fix ?? f.fix
  }

  /// The examiner's notes on a decision, in the language (as written when a note has no reason).
  public static func notes(_ d: Decision, in language: Language = Language.current) -> [String] {
    guard d.noteReasons.count == d.notes.count else { return d.notes }
    return d.noteReasons.map { render($0, language).detail }
  }

  /// What a flag noticed, in the language.
  public static func detail(_ flag: Flag, in language: Language = Language.current) -> String {
    render(flag.reason, language).detail
  }

  /// Detail and fix of a reason (the fix is nil for a flag, which asks nothing of the employer).
  public static func render(_ reason: FindingReason, _ lang: Language) -> (detail: String, fix: String?) {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.t(key, in: lang), args.map { "\($0)" }) }
    func m(_ k: MaterialKind) -> String { CodeNames.material(k.rawValue, in: lang) ?? k.rawValue }
    func type(_ k: ApplicationType) -> String { CodeNames.applicationType(k.rawValue, in: lang) ?? k.rawValue }
    func district(_ d: String) -> String { Localized.district(d, in: lang) }
    func route(_ a: Authentication) -> String { CodeNames.value("authentication", a.rawValue, in: lang) ?? a.rawValue }
    switch reason {
    case .outOfJurisdiction(let employer, let window, let referred):
      return (
        t("finding.out-of-jurisdiction.detail", district(employer), district(window)),
        referred.map { t("finding.out-of-jurisdiction.fix.district", district($0)) } ?? t("finding.out-of-jurisdiction.fix.center")
      )
    case .notAForeigner(let region):
      return (t("finding.not-a-foreigner.detail", region), t("finding.not-a-foreigner.fix"))
    case .abolished(let kind, let since, let by, let byZh):
      return (t("finding.abolished.detail", type(kind), since), lang == .zhHans ? byZh ?? by : by)
    case .notHandled(let kind):
      return (t("finding.not-handled.detail", type(kind)), t("finding.not-handled.fix"))
    case .nationalityChange:
      return (t("finding.nationality-change.detail"), t("finding.nationality-change.fix"))
    case .lateChange(let changed, let days, let limit, let due):
      let detail = due.map { t("finding.late-change.detail.working-days", changed, days, limit, $0) }
        ?? t("finding.late-change.detail.days", changed, days, limit)
      return (detail, t("finding.late-change.fix"))
    case .lateExtension(let before, let expires, let minimum):
      return (t("finding.late-extension.detail", before, expires, minimum), t("finding.late-extension.fix"))
    case .earlyExtension(let before, let expires, let maximum, let from):
      return (t("finding.early-extension.detail", before, expires, maximum), t("finding.early-extension.fix", from, maximum))
    case .lateDomesticPermit(let entered, let days, let limit):
      return (t("finding.late-domestic-permit.detail", entered, days, limit), t("finding.late-domestic-permit.fix"))
    case .lateCancellation(let ended, let due, let limit, let filed):
      return (t("finding.late-cancellation.detail", ended, due, limit, filed), t("finding.late-cancellation.fix"))
    case .missing(let kind, let app, let talent):
      let key = talent.map { "finding.missing.detail.talent-route." + $0.rawValue } ?? "finding.missing.detail"
      return (t(key, m(kind), type(app)), t("finding.missing.fix", m(kind)))
    case .missingAlternative(let group, let app, let days, let cancelled):
      let names = group.map(m).joined(separator: t("finding.list.or"))
      let detail = days.flatMap { d in cancelled.map { t("finding.missing-alternative.detail.visa", names, type(app), d, $0) } }
        ?? t("finding.missing-alternative.detail", names, type(app))
      return (detail, t("finding.missing.fix", group.first.map(m) ?? ""))
    case .passportValidity(let expires, let needed, let months):
      return (t("finding.passport-validity.detail", expires, needed, months), t("finding.passport-validity.fix"))
    case .categoryUnsupported(let claimed, let points, let computed, let a, let b):
      return (
        t("finding.category-unsupported.detail", claimed.rawValue, points, computed.rawValue, a, b),
        t("finding.category-unsupported.fix", computed.rawValue, claimed.rawValue)
      )
    case .unsigned(let kind):
      return (t("finding.unsigned.detail", m(kind)), t("finding.unsigned.fix", m(kind)))
    case .unsealed(let kind, let former):
      let suffix = former ? ".former" : ""
      return (t("finding.unsealed.detail" + suffix, m(kind)), t("finding.unsealed.fix" + suffix, m(kind)))
    case .mismatch(let field, let kind, let found, let expected):
      return (
        t("finding.mismatch.detail." + field, m(kind), found ?? "", expected ?? ""), t("finding.mismatch.fix", m(kind))
      )
    case .expired(let kind, let on):
      return (t("finding.expired.detail", m(kind), on), t("finding.expired.fix", m(kind)))
    case .stale(let kind, let issued, let through, let months, let received, let earliest):
      return (t("finding.stale.detail", issued, through, months, received), t("finding.stale.fix", m(kind), earliest))
    case .photoNoncompliant:
      return (t("finding.photo.detail"), t("finding.photo.fix"))
    case .contractStartsEarly(let starts, let cancelled):
      return (t("finding.contract-start.detail", starts, cancelled), t("finding.contract-start.fix", cancelled))
    case .swornSelfDeclaration:
      return (t("finding.sworn-declaration.detail"), t("finding.sworn-declaration.fix"))
    case .publicSecurityBureauTooSoon(let since, let nationality):
      let detail = since.map { t("finding.psb.detail.since", $0) } ?? t("finding.psb.detail.none")
      return (detail, t("finding.psb.fix", nationality))
    case .criminalRecordCountry(let issuedIn, let nationality, let residence):
      if let r = residence {
        return (
          t("finding.criminal-record-country.detail.residence", issuedIn, nationality, r),
          t("finding.criminal-record-country.fix.residence", nationality, r)
        )
      }
      return (t("finding.criminal-record-country.detail", issuedIn, nationality), t("finding.criminal-record-country.fix", nationality))
    case .unauthenticated(let kind, let from, let used, let accepted, let apostilleFrom):
      let detail: String
      if used == .none {
        detail = t("finding.unauthenticated.detail.none", m(kind), from)
      } else if let since = apostilleFrom {
        detail = t("finding.unauthenticated.detail.apostille", m(kind), from, route(used), since)
      } else {
        detail = t("finding.unauthenticated.detail.used", m(kind), from, route(used))
      }
      return (detail, t("finding.unauthenticated.fix", accepted.map(route).joined(separator: t("finding.list.comma"))))
    case .untranslated(let kind, let language, let origin, let unsealed):
      let detail: String
      if unsealed {
        detail = t("finding.untranslated.detail.unsealed", m(kind))
      } else if let l = language {
        detail = t("finding.untranslated.detail.language", m(kind), l)
      } else if let o = origin {
        detail = t("finding.untranslated.detail.origin", m(kind), o)
      } else {
        detail = t("finding.untranslated.detail.foreign", m(kind))
      }
      return (detail, t("finding.untranslated.fix"))
    case .notInChinese(let kind, let language):
      return (t("finding.not-in-chinese.detail", m(kind), language), t("finding.not-in-chinese.fix", m(kind)))
    case .ageOverLimitB(let age, let limit):
      return (t("finding.age-over-limit-b.detail", age, limit), nil)
    case .calendarNotCovered(let year):
      return (t("finding.note.calendar", year), nil)
    case .commitmentNotValid(let kind, let mayReplace, let computed, let anyCategory):
      let and = t("finding.list.and")
      let may = mayReplace.map(m).joined(separator: and)
      if anyCategory.isEmpty { return (t("finding.note.commitment", m(kind), may, computed.rawValue), nil) }
      return (t("finding.note.commitment.any", m(kind), may, computed.rawValue, anyCategory.map(m).joined(separator: and)), nil)
    }
  }
}
