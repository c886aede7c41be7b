import PermitCore

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

  static func weekday(_ d: CivilDate) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.isoWeekday - 1] }

  /// What a clerk reads: outcome, each defect with its rule and fix, points, deadline.
  public static func text(file: String, packet: Packet, decision d: Decision, policy: PolicyPack) -> String {
    var out: [String] = []
    let headline: String
    switch d.outcome {
    case .accept: headline = "ACCEPT - issue the acceptance notice"
    case .acceptPending:
      headline = "ACCEPT WITH ITEMS PENDING - Category A; issue the acceptance notice and record the pending items"
    case .supplement:
      headline = "SUPPLEMENT - issue one one-time notice listing all \(d.findings.count) defect\(d.findings.count == 1 ? "" : "s")"
    case .refuse: headline = "REFUSE - issue the refusal-of-acceptance notice" + (d.referTo.map { "; refer to \($0)" } ?? "")
    }
    out.append("\(file)")
    out.append("  Outcome:  \(headline)")
    out.append(
      "  Applicant: \(packet.applicant.name) (\(packet.applicant.nationality)), \(packet.application.type.rawValue), employer \(packet.employer.name) [\(packet.employer.district)]"
    )
    out.append(
      "  Received: \(d.receiptDate) (\(weekday(d.receiptDate))) at the \(packet.window) window; decision due by \(d.acceptanceDeadline) (\(weekday(d.acceptanceDeadline))), \(policy.acceptanceWorkingDays(for: d.computedCategory)) working days"
    )
    let claimed = d.claimedCategory.map { "claimed \($0.rawValue), " } ?? ""
    if d.pointsComputed {
      out.append("  Category: \(claimed)computed \(d.computedCategory.rawValue) (\(d.points.total) points)")
      out.append(
        "  Points:   " + d.points.factors.map { "\($0.name) \($0.points)" }.joined(separator: ", ") + " = \(d.points.total)")
    } else {
      out.append("  Category: \(d.computedCategory.rawValue), the current permit's (no points for a \(packet.application.type.rawValue))")
    }
    func show(_ title: String, _ list: [Finding]) {
      guard !list.isEmpty else { return }
      out.append("  \(title):")
      for (i, f) in list.enumerated() {
        let evidence = [f.material?.rawValue, f.field].compactMap { $0 }.joined(separator: " / ")
        out.append("   \(i + 1). \(f.defect.code)" + (evidence.isEmpty ? "" : "  (\(evidence))"))
        out.append("      found: \(f.detail)")
        out.append("      rule:  [\(f.rule.rawValue)] \(policy.text(of: f.rule))")
        out.append("      fix:   \(f.fix)")
      }
    }
    if d.findings.isEmpty && d.outcome == .accept { out.append("  Defects:  none") }
    show("Defects", d.findings)
    if !d.pending.isEmpty { out.append("  Pending:  " + d.pending.map(\.rawValue).joined(separator: ", ") + " (to arrive before the Center decides)") }
    show("Pending items", d.pendingFindings)
    show("Compliance (recorded, reported to the Center)", d.compliance)
    for f in d.flags { out.append("  Flag for the Center: \(f.code) - \(f.detail) [\(f.rule.rawValue)]") }
    for n in d.notes { out.append("  Note: \(n)") }
    out.append("  Rules applied: " + d.rules.map(\.rawValue).joined(separator: ", "))
    return out.joined(separator: "\n")
  }
}
