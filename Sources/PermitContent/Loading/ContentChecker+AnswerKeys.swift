import PermitCore
import PermitLocalization

// `check`'s cross-check of every answer key (`expect:`) with the examiner (split from
// ContentChecker.swift).
extension ContentChecker {
  /// Compares every answer key of a scenario with the examiner under the pack in force on arrival.
  public func crossCheck(_ s: Scenario, _ src: ScenarioSource, _ r: YAMLReader) {
    for a in s.applicants {
      let at = src.applicants[a.ticket]
      let id = s.policyID(at: a.arrives)
      guard let pack = self.pack(id) else { continue }
      if pack.window(named: a.packet.window) == nil {
        if a.packet.window == s.window && s.policy == pack.id { continue }  // reported at 'window:'

        r.error(
          at: at?.node ?? .start,
          LoaderMessage(
            "applicant-not-a-window", .text(a.ticket), .text(a.packet.window), .text(pack.id),
            suggest: Suggest.closest(to: a.packet.window, in: pack.windows)))
        continue
      }
      if !pack.districts.contains(a.packet.employer.district) {
        r.error(at: at?.node ?? .start, LoaderMessage("applicant-prefix", .text(a.ticket), .message(ContentChecker.unknownDistrict(a.packet.employer.district, pack))))
        continue
      }
      if let e = a.expect {
        compare(e, a.packet, pack, at?.expect ?? at?.node ?? .start, LoaderMessage("answer.who.applicant", .text(a.ticket)), r)
      }
      if let c = a.correction, let e = c.expect {
        let cid = s.policyID(at: c.packet.submitted)
        if let cpack = self.pack(cid) {
          compare(e, c.packet, cpack, at?.correctionExpect ?? at?.node ?? .start, LoaderMessage("answer.who.correction", .text(a.ticket)), r)
        }
      }
    }
  }

  func compare(_ e: Expectation, _ packet: Packet, _ pack: PolicyPack, _ at: SourcePosition, _ who: LoaderMessage, _ r: YAMLReader) {
    let d = Examiner(policy: pack).examine(packet)
    let codes = d.defects.map(\.code).sorted()
    // The key lists defects (not pending items), so it is graded against the examiner's defects.
    let g = Grading.grade(Answer(outcome: e.outcome, defects: e.defects), against: Answer(outcome: d.outcome, defects: codes))
    var differences: [LoaderMessage] = []
    if !g.outcomeRight { differences.append(LoaderMessage("answer.outcome", .text(e.outcome.rawValue), .text(d.outcome.rawValue))) }
    if !g.missed.isEmpty || !g.invented.isEmpty {
      var parts: [LoaderMessage] = []
      if !g.missed.isEmpty { parts.append(LoaderMessage("answer.key-misses", .text(g.missed.joined(separator: ", ")))) }
      if !g.invented.isEmpty { parts.append(LoaderMessage("answer.examiner-does-not-find", .text(g.invented.joined(separator: ", ")))) }
      differences.append(LoaderMessage("answer.defects", .messages(parts)))
    }
    if let c = e.category, c != d.computedCategory {
      differences.append(LoaderMessage("answer.category", .text(c.rawValue), .text(d.computedCategory.rawValue), .text("\(d.points.total)")))
    }
    if let p = e.pending, p.sorted() != d.pending.sorted() {
      differences.append(
        LoaderMessage(
          "answer.pending", .text(p.map(\.rawValue).joined(separator: ", ")),
          .text(d.pending.sorted().map(\.rawValue).joined(separator: ", "))))
    }
    guard !differences.isEmpty else { return }
    var said = codes.isEmpty
      ? LoaderMessage("answer.said", .text(d.outcome.rawValue))
      : LoaderMessage("answer.said.codes", .text(d.outcome.rawValue), .text(codes.joined(separator: ", ")))
    if let to = d.referTo { said = LoaderMessage("answer.said.refer", .message(said), .text(to)) }
    r.error(
      at: at,
      LoaderMessage("answer.disagrees", .message(who), .text(pack.id), .text("\(packet.submitted)"), .messages(differences), .message(said)))
    for f in d.findings {
      r.append(
        Diagnostic(
          file: r.file, line: at.line, column: at.column, severity: .note,
          LoaderMessage("answer.note.finding", .text(f.defect.code), .text(f.rule.rawValue), .findingDetail(f.reason))))
    }
    for f in d.pendingFindings {
      r.append(
        Diagnostic(
          file: r.file, line: at.line, column: at.column, severity: .note,
          LoaderMessage(
            "answer.note.pending", .text(f.material?.rawValue ?? f.defect.code), .text(f.rule.rawValue), .findingDetail(f.reason))))
    }
    if d.findings.isEmpty && d.outcome.isAcceptance {
      r.append(
        Diagnostic(
          file: r.file, line: at.line, column: at.column, severity: .note,
          LoaderMessage("answer.note.in-order", .text(d.computedCategory.rawValue), .text("\(d.points.total)"))))
    }
  }
}
