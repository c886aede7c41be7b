import PermitCore
import PermitLocalization

/// The written notice the window would issue for a decision (domain.md §4.2): the acceptance notice
/// (受理通知书), the one-time supplement notice listing everything to correct (一次性告知/补正材料
/// 通知书), or the refusal-of-acceptance notice (不予受理决定书) with the reason, the competent body
/// and the right to reconsideration or litigation. In the language of ``Language/current``.
public enum NoticeText {
  /// The notice, as lines of text.
  public static func lines(packet: Packet, decision d: Decision, policy: PolicyPack, language: Language = Language.current) -> [String] {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.t(key, in: language), args.map { "\($0)" }) }
    let zh = language == .zhHans
    let a = packet.applicant
    let body = t("notice.issuer", Localized.district(packet.window, in: language))
    var out: [String] = []
    func header(_ title: String) {
      out.append(title)
      // Underlined to the title's display width (a Chinese character takes two columns).
      out.append(String(repeating: "=", count: DisplayWidth.of(title)))
      out.append(t("notice.issued-by", body))
      out.append(t("notice.employer", packet.employer.name))
      out.append(t("notice.applicant", a.name, a.nationality, a.passportNumber))
      out.append(t("notice.matter", CodeNames.typeLabel(packet.application.type.rawValue, in: language), d.receiptDate))
      out.append("")
    }
    func ruleText(_ f: Finding) -> String { "\(Localized.ruleText(policy, f.rule, in: language)) [\(f.rule.rawValue)]" }
    switch d.outcome {
    case .accept, .acceptPending:
      header(t("notice.accept.title"))
      let days = policy.centerDecisionWorkingDays(for: packet.application.type, category: d.computedCategory)
      let basis = t(d.pointsComputed ? "notice.basis.category" : "notice.basis.permit", d.computedCategory.rawValue)
      out.append(t(d.outcome == .acceptPending ? "notice.accept-pending.line1" : "notice.accept.line1", d.receiptDate))
      out.append(t("notice.accept.line2", days, basis))
      if !d.pending.isEmpty {
        out.append("")
        out.append(t("notice.accept.pending"))
        for f in d.pendingFindings {
          let what = f.material.map { CodeNames.materialLabel($0.rawValue, in: language) } ?? CodeNames.defectLabel(f.defect.code, in: language)
          out.append("  - \(what)\(t("notice.colon"))\(zh ? Remedy.text(f, in: language) : f.fix)")
        }
      }
      for f in d.compliance { out.append(t("notice.accept.recorded", zh ? FindingText.detail(f, in: language) : f.detail)) }
    case .supplement:
      header(t("notice.supplement.title"))
      out.append(t("notice.supplement.line1"))
      out.append(t("notice.supplement.line2"))
      out.append("")
      for (i, f) in d.findings.enumerated() {
        if zh {
          out.append("\(i + 1). \(CodeNames.defect(f.defect.code, in: language) ?? f.defect.code)（\(f.defect.code)）")
          out.append(t("notice.supplement.detail", FindingText.detail(f, in: language)))
          out.append(t("notice.supplement.todo", Remedy.text(f, in: language)))
        } else {
          let what = f.material.map(\.rawValue).map { f.detail.contains($0) ? "" : $0 + ": " } ?? ""
          out.append("\(i + 1). \(what)\(f.detail)")
          out.append(t("notice.supplement.todo", f.fix))
        }
        out.append(t("notice.supplement.rule", ruleText(f)))
      }
    case .refuse:
      header(t("notice.refuse.title"))
      out.append(t("notice.refuse.line1"))
      for f in d.findings {
        if zh {
          out.append("  - \(CodeNames.defect(f.defect.code, in: language) ?? f.defect.code)（\(f.defect.code)）：\(FindingText.detail(f, in: language))")
        } else {
          out.append("  - \(f.detail)")
        }
        out.append("    \(ruleText(f))")
        out.append(t("notice.refuse.todo", zh ? Remedy.text(f, in: language) : f.fix))
      }
      if let to = d.referTo {
        let name = to == policy.municipalCenter ? t("notice.refuse.center") : t("notice.refuse.district", Localized.district(to, in: language))
        out.append(t("notice.refuse.competent", name))
      }
      out.append(t("notice.refuse.remedy"))
    }
    // The notice is the window's decision, so it names no window deadline. Only an acceptance starts
    // a further time limit: the Center's decision.
    out.append("")
    if d.outcome.isAcceptance {
      let days = policy.centerDecisionWorkingDays(for: packet.application.type, category: d.computedCategory)
      out.append(t("notice.center-due", policy.calendar.addingWorkingDays(days, to: d.receiptDate), days, policy.id))
    } else {
      out.append(t("notice.policy", policy.id))
    }
    return out
  }

  /// The points breakdown behind the category (for types whose category is checked), in `language`.
  public static func pointsLines(packet: Packet, decision d: Decision, policy: PolicyPack, language: Language = Language.current) -> [String] {
    guard policy.categoryCheckedTypes.contains(packet.application.type) else { return [] }
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.t(key, in: language), args.map { "\($0)" }) }
    let claimed = packet.application.category.map { t("notice.points.claimed", $0.rawValue) } ?? t("notice.points.unclaimed")
    var out = [t("notice.points.header", claimed, d.computedCategory.rawValue)]
    for f in d.points.factors {
      let name = CodeNames.value("factor", f.name, in: language) ?? f.name
      out.append("  " + DisplayWidth.pad(name, to: 17) + String(f.points))
    }
    out.append("  " + DisplayWidth.pad(t("notice.points.total"), to: 17) + String(d.points.total))
    if let q = packet.application.directQualification { out.append("  " + t("notice.points.direct", q)) }
    return out
  }

  /// One plain-language line per code on the decision (defects, items pending, compliance notes);
  /// in Chinese, each code with its Chinese name.
  public static func codeLines(decision d: Decision, language: Language = Language.current) -> [String] {
    var codes: [String] = []
    for f in d.findings + d.pendingFindings + d.compliance where !codes.contains(f.defect.code) { codes.append(f.defect.code) }
    guard !codes.isEmpty else { return [] }
    let header = L10n.t("notice.codes.header", in: language)
    if language == .zhHans { return [header] + codes.map { "  " + CodeNames.defectLabel($0, in: language) } }
    return [header] + codes.map { "  " + PlainLanguage.defect($0) }
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
