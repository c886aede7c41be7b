import PermitContent
import PermitCore
import PermitLocalization

/// How a decision is shown: the clerk's text and the JSON contract of `decide` (product.md §4.1).
public enum DecisionReport {
  /// The JSON object for one packet's decision.
  public static func json(file: String, packet: Packet, decision d: Decision, policy: PolicyPack) -> JSON {
    func finding(_ f: Finding) -> JSON {
      .object([
        ("defect", .string(f.defect.code)), ("rule", .string(f.rule.rawValue)),
        ("material", .optional(f.material?.rawValue)), ("field", .optional(f.field)), ("detail", .string(f.detail)),
        ("fix", .string(f.fix)), ("rule-text", .string(policy.text(of: f.rule))),
      ])
    }
    return .object([
      ("file", .string(file)),
      ("outcome", .string(d.outcome.rawValue)),
      ("defects", .array(d.defects.map { .string($0.code) })),
      ("refer-to", .optional(d.referTo)),
      ("points", d.pointsComputed ? .int(d.points.total) : .null),
      ("category", .string(d.computedCategory.rawValue)),
      ("claimed-category", .optional(d.claimedCategory?.rawValue)),
      ("acceptance-deadline", .string(d.acceptanceDeadline.description)),
      ("pending", .array(d.pending.map { .string($0.rawValue) })),
      ("rules", .array(d.rules.map { .string($0.rawValue) })),
      ("policy", .string(policy.id)),
      ("window", .string(packet.window)),
      ("received", .string(d.receiptDate.description)),
      ("points-breakdown", .object(d.points.factors.map { ($0.name, .int($0.points)) })),
      ("findings", .array(d.findings.map(finding))),
      ("pending-findings", .array(d.pendingFindings.map(finding))),
      ("compliance", .array(d.compliance.map(finding))),
      ("flags", .array(d.flags.map { .object([("code", .string($0.code)), ("rule", .string($0.rule.rawValue)), ("detail", .string($0.detail))]) })),
      ("notes", .array(d.notes.map { .string($0) })),
    ])
  }

  static func weekday(_ d: CivilDate) -> String { Localized.weekday(d) }

  /// What a clerk reads: outcome, each defect with its rule and fix, points, deadline (in the
  /// language of ``Language/current``; codes stay as they are, followed by their Chinese names).
  public static func text(file: String, packet: Packet, decision d: Decision, policy: PolicyPack) -> String {
    let lang = Language.current
    let zh = lang == .zhHans
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.t(key, in: lang), args.map { "\($0)" }) }
    var out: [String] = []
    let headline: String
    switch d.outcome {
    case .accept: headline = t("decide.headline.accept")
    case .acceptPending: headline = t("decide.headline.accept-pending")
    case .supplement: headline = t(d.findings.count == 1 ? "decide.headline.supplement.one" : "decide.headline.supplement.many", d.findings.count)
    case .refuse: headline = t("decide.headline.refuse") + (d.referTo.map { t("decide.refer", Localized.district($0, in: lang)) } ?? "")
    }
    out.append("\(file)")
    out.append(t("decide.outcome", headline))
    out.append(
      t(
        "decide.applicant", packet.applicant.name, packet.applicant.nationality,
        CodeNames.typeLabel(packet.application.type.rawValue, in: lang), packet.employer.name, packet.employer.district))
    out.append(
      t(
        "decide.received", d.receiptDate, weekday(d.receiptDate), packet.window, d.acceptanceDeadline, weekday(d.acceptanceDeadline),
        policy.acceptanceWorkingDays(for: d.computedCategory)))
    let claimed = d.claimedCategory.map { t("decide.claimed", $0.rawValue) } ?? ""
    if d.pointsComputed {
      out.append(t("decide.category", claimed, d.computedCategory.rawValue, d.points.total))
      out.append(
        t("decide.points", Localized.list(d.points.factors.map { "\(Localized.factor($0.name, in: lang)) \($0.points)" }, in: lang), d.points.total))
    } else {
      out.append(t("decide.category-permit", d.computedCategory.rawValue, CodeNames.typeLabel(packet.application.type.rawValue, in: lang)))
    }
    func show(_ title: String, _ list: [Finding]) {
      guard !list.isEmpty else { return }
      out.append(t("decide.section", title))
      for (i, f) in list.enumerated() {
        let evidence = [f.material?.rawValue, f.field].compactMap { $0 }.joined(separator: " / ")
        out.append("   \(i + 1). \(CodeNames.defectLabel(f.defect.code, in: lang))" + (evidence.isEmpty ? "" : "  (\(evidence))"))
        out.append(t("decide.found", FindingText.detail(f, in: lang)))
        out.append(t("decide.rule", f.rule.rawValue, Localized.ruleText(policy, f.rule, in: lang)))
        out.append(t("decide.fix", FindingText.fix(f, in: lang)))
      }
    }
    if d.findings.isEmpty && d.outcome == .accept { out.append(t("decide.no-defects")) }
    show(t("decide.defects"), d.findings)
    if !d.pending.isEmpty {
      out.append(t("decide.pending", Localized.list(d.pending.map { CodeNames.materialLabel($0.rawValue, in: lang) }, in: lang)))
    }
    show(t("decide.pending-items"), d.pendingFindings)
    show(t("decide.compliance"), d.compliance)
    for f in d.flags { out.append(t("decide.flag", f.code, FindingText.detail(f, in: lang), f.rule.rawValue)) }
    for n in FindingText.notes(d, in: lang) { out.append(t("decide.note", n)) }
    out.append(t("decide.rules", Localized.list(d.rules.map(\.rawValue), in: lang)))
    return out.joined(separator: "\n")
  }
}
