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
  /// Why a case moved, as the timeline shows it: PermitCore's words in English; in Chinese the
  /// state the case moved to, and a returned proposal's reason.
  public static func transition(_ tr: Transition, in language: Language = Language.current) -> String {
    guard language == .zhHans else { return tr.reason }
    let prefix = "post B returns the proposal to post A: "
    var out = L10n.t("timeline.to-state", state(tr.to, in: language), in: language)
    if tr.event == "review", tr.reason.hasPrefix(prefix) { out += L10n.t("timeline.return-reason", tr.reason.dropFirst(prefix.count), in: language) }
    return out
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
