import PermitCore

/// The written notice the window would issue for a decision (domain.md §4.2): the acceptance notice,
/// the one-time supplement notice listing everything to correct, or the refusal-of-acceptance notice
/// with the reason, the competent body and the right to reconsideration or litigation.
public enum NoticeText {
  /// The notice, as lines of text.
  public static func lines(packet: Packet, decision d: Decision, policy: PolicyPack) -> [String] {
    let a = packet.applicant
    let body = "\(packet.window.capitalized) district foreigners' work-permit window (SANDBOX - not a real notice)"
    var out: [String] = []
    func header(_ title: String) {
      out.append(title)
      out.append(String(repeating: "=", count: title.count))
      out.append("Issued by: \(body)")
      out.append("Employer:  \(packet.employer.name)")
      out.append("Applicant: \(a.name) (\(a.nationality)), passport \(a.passportNumber)")
      out.append("Matter:    \(packet.application.type.rawValue) work permit application, received \(d.receiptDate)")
      out.append("")
    }
    switch d.outcome {
    case .accept, .acceptPending:
      header("ACCEPTANCE NOTICE (受理通知书)")
      let days = policy.centerDecisionWorkingDays(for: packet.application.type, category: d.computedCategory)
      let basis = d.pointsComputed ? "Category \(d.computedCategory.rawValue)" : "the permit's Category \(d.computedCategory.rawValue)"
      out.append("Your application is accepted as of \(d.receiptDate). The municipal Center examines it and decides")
      out.append("within \(days) working days of acceptance (\(basis)).")
      if !d.pending.isEmpty {
        out.append("")
        out.append("Accepted with items pending (Category A): hand in before the decision:")
        for f in d.pendingFindings { out.append("  - \(f.material?.rawValue ?? f.defect.code): \(f.fix)") }
      }
      for f in d.compliance { out.append("Recorded: \(f.detail) (reported to the Center).") }
    case .supplement:
      header("ONE-TIME SUPPLEMENT NOTICE (一次性告知通知书)")
      out.append("Your application is incomplete or not in the legal form. Everything to correct is listed below,")
      out.append("once (Administrative Licensing Law art. 32). Hand in the corrected file at this window.")
      out.append("")
      for (i, f) in d.findings.enumerated() {
        let what = f.material.map(\.rawValue).map { f.detail.contains($0) ? "" : $0 + ": " } ?? ""
        out.append("\(i + 1). \(what)\(f.detail)")
        out.append("   To do: \(f.fix)")
        out.append("   Rule:  \(policy.text(of: f.rule)) [\(f.rule.rawValue)]")
      }
    case .refuse:
      header("REFUSAL-OF-ACCEPTANCE NOTICE (不予受理通知书)")
      out.append("This window does not accept the application, for the following reason:")
      for f in d.findings {
        out.append("  - \(f.detail)")
        out.append("    \(policy.text(of: f.rule)) [\(f.rule.rawValue)]")
        out.append("    What to do: \(f.fix)")
      }
      if let body = d.referTo {
        out.append("Competent body: " + (body == policy.municipalCenter ? "the municipal Center" : "the \(body) district window") + ".")
      }
      out.append("You may apply for administrative reconsideration or bring an administrative lawsuit against this decision.")
    }
    // The notice is the window's decision, so it names no window deadline. Only an acceptance starts
    // a further time limit: the Center's decision.
    out.append("")
    if d.outcome.isAcceptance {
      let days = policy.centerDecisionWorkingDays(for: packet.application.type, category: d.computedCategory)
      out.append("The Center's decision is due by \(policy.calendar.addingWorkingDays(days, to: d.receiptDate)) (\(days) working days after acceptance); policy \(policy.id).")
    } else {
      out.append("Policy \(policy.id).")
    }
    return out
  }

  /// The points breakdown behind the category (for types whose category is checked).
  public static func pointsLines(packet: Packet, decision d: Decision, policy: PolicyPack) -> [String] {
    guard policy.categoryCheckedTypes.contains(packet.application.type) else { return [] }
    let claimed = packet.application.category.map { "claimed Category \($0.rawValue)" } ?? "no category claimed"
    var out = ["Points (\(claimed); the points support Category \(d.computedCategory.rawValue)):"]
    for f in d.points.factors { out.append("  " + DisplayWidth.pad(f.name, to: 17) + String(f.points)) }
    out.append("  " + DisplayWidth.pad("total", to: 17) + String(d.points.total))
    if packet.application.directQualification != nil { out.append("  A direct qualification (\(packet.application.directQualification!)) makes it Category A whatever the points.") }
    return out
  }

  /// One plain-language line per code on the decision (defects, items pending, compliance notes).
  public static func codeLines(decision d: Decision) -> [String] {
    var codes: [String] = []
    for f in d.findings + d.pendingFindings + d.compliance where !codes.contains(f.defect.code) { codes.append(f.defect.code) }
    guard !codes.isEmpty else { return [] }
    return ["What the codes mean:"] + codes.map { "  " + PlainLanguage.defect($0) }
  }

  /// The notice followed by the points breakdown and the meaning of every code: what `rehearse` shows.
  public static func rehearsalLines(packet: Packet, decision d: Decision, policy: PolicyPack) -> [String] {
    var out = lines(packet: packet, decision: d, policy: policy)
    let points = pointsLines(packet: packet, decision: d, policy: policy)
    if !points.isEmpty { out += [""] + points }
    let codes = codeLines(decision: d)
    if !codes.isEmpty { out += [""] + codes }
    return out
  }
}
