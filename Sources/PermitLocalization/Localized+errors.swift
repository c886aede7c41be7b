import PermitCore

extension Localized {
  /// Why the core refused an event, in the language (PermitCore's description in English).
  public static func workflowError(_ e: WorkflowError, in language: Language = Language.current) -> String {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.catalog(language)[key] ?? key, args.map { "\($0)" }) }
    switch e {
    case .notAllowed(let event, let state): return t("workflow.not-allowed", name("event", event, in: language), Localized.state(state, in: language))
    case .samePersonBothPosts(let who): return t("workflow.same-person", staff(who, in: language))
    case .notReviewed: return t("workflow.not-reviewed")
    case .incompleteNotice(let missing): return t("workflow.incomplete", list(missing.map { CodeNames.defectLabel($0, in: language) }, in: language))
    case .timeBeforeLastEvent(let at, let last): return t("workflow.time-before", at, last)
    case .pendingItemsOutstanding(let items): return t("workflow.pending-outstanding", list(items.map { CodeNames.materialLabel($0.rawValue, in: language) }, in: language))
    case .notPending(let m): return t("workflow.not-pending", CodeNames.materialLabel(m.rawValue, in: language))
    case .retentionNotExpired(let d): return t("workflow.retention", d)
    case .malformedProposal(let m): return t("workflow.malformed", malformation(m, in: language))
    }
  }

  /// A proposal that cannot be right, in the language.
  public static func malformation(_ m: ProposalCheck.Malformation, in language: Language = Language.current) -> String {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.catalog(language)[key] ?? key, args.map { "\($0)" }) }
    switch m {
    case .unknownDefect(let c): return t("session.unknown-defect", c)
    case .invalidPair(_, let hint): return t("malformed.invalid-pair", pairProblem(hint, in: language))
    case .duplicateDefect(let c): return t("malformed.duplicate", c)
    case .supplementWithoutDefects: return t("malformed.supplement-without-defects")
    case .acceptWithDefects: return t("malformed.accept-with-defects")
    case .refusalWithoutGround: return t("malformed.refusal-without-ground")
    case .pendingWithoutItems: return t("malformed.pending-without-items")
    case .notPendable(let c, let allowed): return t("malformed.not-pendable", c, list(allowed.map { "missing:" + $0 }, in: language))
    case .referralWithoutRefusal: return t("malformed.referral-without-refusal")
    case .missingReferral: return t("malformed.missing-referral")
    case .unknownBody(let b, let valid): return t("malformed.unknown-body", b, list(valid, in: language))
    }
  }
}

extension Localized {
  /// Why a defect code of a known family is not a valid pair, in the language.
  public static func pairProblem(_ p: PairProblem, in language: Language = Language.current) -> String {
    switch p {
    case .takesNoSubject(let k): return L10n.t("defect-pair.takes-no-subject", k.rawValue, in: language)
    case .needsSubject(let k, let subjects): return L10n.t("defect-pair.needs-subject", k.rawValue, list(subjects, in: language), in: language)
    case .wrongSubject(let code, let k, let subjects, let suggestion):
      return L10n.t("defect-pair.wrong-subject", code, k.rawValue, list(subjects, in: language), suggestion, in: language)
    }
  }
}

extension Localized {
  /// Why a case moved, as the timeline shows it (``transitionReason(_:in:)``).
  public static func transition(_ tr: Transition, in language: Language = Language.current) -> String {
    transitionReason(tr.reason, in: language)
  }

  /// A typed transition reason in the language, from the catalog's `timeline.*` keys: codes with
  /// their names in Chinese, the English the same words as the reason's stable form except for a
  /// Center bounce, whose stable form says "refused: bounced: …" and whose screen text says
  /// "bounced: …" once.
  public static func transitionReason(_ r: TransitionReason, in language: Language = Language.current) -> String {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.catalog(language)[key] ?? key, args.map { "\($0)" }) }
    func defects(_ ds: [String]) -> String { list(ds.map { CodeNames.defectLabel($0, in: language) }, in: language) }
    func materials(_ ms: [MaterialKind]) -> String {
      ms.isEmpty ? t("none") : list(ms.map { CodeNames.materialLabel($0.rawValue, in: language) }, in: language)
    }
    func late(_ d: CivilDate?) -> String { d.map { t("timeline.late", $0) } ?? "" }
    func centerLate(_ d: CivilDate?) -> String { d.map { t("timeline.center-late", $0) } ?? "" }
    let outcome = { (o: Outcome) in CodeNames.outcomeLabel(o.rawValue, in: language) }
    switch r {
    case .received(let window, let deadline): return t("timeline.received", district(window, in: language), deadline)
    case .proposed(let o, let ds): return t("timeline.proposed", outcome(o) + (ds.isEmpty ? "" : t("timeline.defects", defects(ds))))
    case .agreed(let o): return t("timeline.agreed", outcome(o))
    case .returned(.words(let s)): return t("timeline.returned", s)
    case .returned(.grade(let g)): return t("timeline.returned", grade(g, in: language) ?? "")
    case .acceptanceIssued(let o, let lateAfter, let maker, let checker, let due):
      return t("timeline.issued.acceptance", noticeName(o, in: language), late(lateAfter), staff(maker, in: language), staff(checker, in: language), due)
    case .oneTimeNoticeIssued(let ds, let lateAfter): return t("timeline.issued.supplement", late(lateAfter), defects(ds))
    case .refusalIssued(let referTo, let lateAfter):
      return t("timeline.issued.refusal", late(lateAfter), referTo.map { t("timeline.referred", body($0, in: language)) } ?? "")
    case .deemedAccepted(let deadline, let receipt): return t("timeline.deemed", deadline, receipt)
    case .resubmitted(let round, let deadline): return t("timeline.resubmitted", round, deadline)
    case .pendingReceived(let item, let still): return t("timeline.pending-received", CodeNames.materialLabel(item.rawValue, in: language), materials(still))
    case .preliminaryReviewDone: return t("timeline.preliminary-review")
    case .centerApproved(let lateAfter): return t("timeline.center-approved", centerLate(lateAfter))
    case .centerRefused(let reason, let lateAfter):
      // A bounce says so once ("bounced: the file should not have been accepted …"); the stored
      // form keeps its historical "refused: bounced: …" (TransitionReason.description).
      if case .shouldNotHaveBeenAccepted = reason { return t("timeline.center-bounced", centerReason(reason, in: language), centerLate(lateAfter)) }
      return t("timeline.center-refused", centerReason(reason, in: language), centerLate(lateAfter))
    case .filed(let until, let years): return t("timeline.filed", until, years)
    case .purged(let until): return t("timeline.purged", until)
    case .policyChanged(let from, let to): return t("timeline.policy-changed", from, to)
    }
  }

  /// Why the Center decided as it did, in the language (the Center's own words as they are); a
  /// bounce's reason without the word "bounced" its screens put before it.
  public static func centerReason(_ r: CenterReason, in language: Language = Language.current) -> String {
    switch r {
    case .approved: return L10n.t("center-reason.approved", in: language)
    case .shouldNotHaveBeenAccepted(let o, let ds):
      return L10n.t(
        "event.center-bounced.reason", CodeNames.outcomeLabel(o.rawValue, in: language),
        list(ds.map { CodeNames.defectLabel($0, in: language) }, in: language), in: language)
    case .stated(let s): return s
    }
  }
}

extension Localized {
  /// Why a proposal is wrong, in the language (the words post B uses when returning it): PermitCore's
  /// ``Grade/explanation`` in English, codes followed by their names in Chinese; nil when it is right.
  public static func grade(_ g: Grade, in language: Language = Language.current) -> String? {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.catalog(language)[key] ?? key, args.map { "\($0)" }) }
    func codes(_ cs: [String]) -> String { list(cs.map { CodeNames.defectLabel($0, in: language) }, in: language) }
    if !g.outcomeRight {
      return t("grade.outcome", CodeNames.outcomeLabel(g.expected.outcome.rawValue, in: language), CodeNames.outcomeLabel(g.given.outcome.rawValue, in: language))
    }
    if g.expected.outcome == .acceptPending {
      return g.missed.isEmpty && g.invented.isEmpty ? nil : t("grade.pending", codes(g.expected.defects))
    }
    var parts: [String] = []
    if !g.missed.isEmpty { parts.append(t("grade.missing", codes(g.missed))) }
    if !g.invented.isEmpty { parts.append(t("grade.invented", codes(g.invented))) }
    if !g.referralRight, let r = g.expected.referTo { parts.append(t("grade.refer", body(r, in: language))) }
    return parts.isEmpty ? nil : parts.joined(separator: t("grade.sep"))
  }
}
