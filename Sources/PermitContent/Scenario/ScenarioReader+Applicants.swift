import PermitCore
import PermitLocalization

// The scripted applicants of a scenario: each one's packet, answer key, proposal, review and
// correction (split from ScenarioReader.swift).
extension ScenarioReader {
  static func readApplicant(
    _ item: YAMLNode, _ r: YAMLReader, scenarioWindow: String, start: Timestamp?, hours: WorkingHours,
    calendar: HolidayCalendar, offset: Int32, post: TraineePost, colleague: ColleagueStyle,
    tickets: inout [String: SourcePosition], source: inout ScenarioSource
  ) -> ScriptedApplicant? {
    let what = "an applicant"
    guard case .mapping = item else {
      r.error(item, LoaderMessage("not-a-mapping", .place(what), .found(r.describe(item))))
      return nil
    }
    // The applicant's own keys are checked here; the packet reader checks the rest (and reports
    // unknown keys with a suggestion over both sets).
    guard
      let f = r.fields(
        item, what, allowed: applicantExtraKeys + applicantPacketKeys, required: ["ticket", "arrives"])
    else { return nil }
    let before = r.diagnostics.count
    let ticket = r.text(f, "ticket", required: true, what: what)
    if let t = ticket, let n = f["ticket"] {
      if !t.isEmpty && !t.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) {
        r.error(n, LoaderMessage("scenario.ticket-characters", .text(t)))
      }
      if let first = tickets[t] {
        r.error(n, LoaderMessage("scenario.ticket-duplicate", .text(t), .text("\(first.line)")))
      } else {
        tickets[t] = r.position(n)
      }
    }
    let arrives = r.timestamp(f, "arrives", what: what)
    if let a = arrives, let s = start, a < s {
      r.error(f["arrives"], LoaderMessage("scenario.arrives-before-start", .text("\(a)"), .text("\(s)")))
    } else if let a = arrives, !hours.isOpen(at: a, calendar: calendar, offset: offset),
      r.bool(f, "filed-online", what: what) != true
    {
      // A file submitted online outside opening hours (the December 2024 system is fully online) is
      // received then and seen at the next opening; anything else arriving then is likely a slip.
      r.warning(f["arrives"], LoaderMessage("scenario.arrives-closed", .text("\(a)")))
    }
    // The packet: a mapping of the packet keys only (positions kept).
    var packetNode: YAMLNode?
    if case .mapping(let m) = item {
      var pairs: [YAMLNode.Mapping.Pair] = []
      for (k, v) in m {
        if case .scalar(let ks) = k, applicantPacketKeys.contains(ks.string) { pairs.append((k, v)) }
      }
      packetNode = YAMLNode.mapping(YAMLNode.Mapping(pairs, mark: item.mark))
    }
    // Check the packet's required keys at the applicant's position.
    for k in ["employer", "applicant", "application"] where f[k] == nil {
      r.error(item, LoaderMessage("needs-key", .place(what), .text(k)))
    }
    var packet: Packet?
    if let pn = packetNode, f["employer"] != nil, f["applicant"] != nil, f["application"] != nil {
      packet = PacketReader.read(
        pn, reader: r, extraKeys: [], defaults: PacketDefaults(window: scenarioWindow, submitted: arrives ?? start))
    }
    if let p = packet, let a = arrives, f["submitted"] != nil, p.submitted != a {
      r.warning(f["submitted"], LoaderMessage("scenario.submitted-not-arrival", .text("\(p.submitted)"), .text("\(a)")))
    }
    var entry = ScenarioSource.Applicant(node: r.position(item))
    var expect: Expectation?
    if let en = f["expect"], !r.isNull(en) {
      entry.expect = r.position(f.keys["expect"])
      expect = readExpectation(en, r)
    }
    var proposal: ScriptedProposal?
    if let pn = f["proposal"], !r.isNull(pn) {
      entry.proposal = r.position(f.keys["proposal"])
      proposal = readProposal(pn, r)
      if post == .a {
        r.warning(f.keys["proposal"], LoaderMessage("scenario.proposal-post-a"))
      }
    }
    var review: String?
    if let rn = f["review"], !r.isNull(rn) {
      review = readReview(rn, r)
      if colleague != .scripted {
        r.warning(f.keys["review"], LoaderMessage("scenario.review-not-scripted"))
      }
    }
    var correction: ScriptedApplicant.Correction?
    if let cn = f["correction"], !r.isNull(cn) {
      let expectUnreadable = f["expect"] != nil && !r.isNull(f["expect"]!) && expect == nil
      if !expectUnreadable && expect?.outcome != .supplement {
        r.error(
          f.keys["correction"],
          expect.map { LoaderMessage("scenario.correction-needs-supplement.not", .text($0.outcome.rawValue)) }
            ?? LoaderMessage("scenario.correction-needs-supplement"))
      }
      if let c = r.fields(cn, "correction", allowed: correctionKeys, required: ["after-hours", "packet"]) {
        let after = r.int(c, "after-hours", what: "correction", range: 1...2000)
        var back: Timestamp?
        if let a = arrives, let h = after {
          back = hours.adding(minutes: h * 60, to: a, calendar: calendar, offset: offset)
        }
        var cp: Packet?
        if let pn = c["packet"] {
          cp = PacketReader.read(pn, reader: r, defaults: PacketDefaults(window: scenarioWindow, submitted: back ?? arrives ?? start))
        }
        var cexpect: Expectation?
        if let en = c["expect"], !r.isNull(en) {
          entry.correctionExpect = r.position(c.keys["expect"])
          cexpect = readExpectation(en, r)
        }
        if let after, let cp { correction = .init(afterHours: after, packet: cp, expect: cexpect) }
      }
    }
    if let t = ticket { source.applicants[t] = entry }
    guard !r.diagnostics[before...].contains(where: { $0.severity == .error }), let ticket, let arrives, let packet
    else { return nil }
    return ScriptedApplicant(
      ticket: ticket, arrives: arrives, packet: packet, expect: expect, proposal: proposal, review: review,
      correction: correction)
  }

  /// Reads a list of defect codes, each checked against the catalog.
  static func defects(_ f: YAMLReader.Fields, _ r: YAMLReader, _ what: String) -> [String]? {
    guard let items = r.list(f, "defects", what: what) else { return f["defects"] == nil || r.isNull(f["defects"]!) ? [] : nil }
    var codes: [String] = []
    var ok = true
    for item in items {
      guard let s = r.scalar(item, "a defect code") else {
        ok = false
        continue
      }
      if !DefectCatalog.isKnown(s) {
        if let problem = DefectCatalog.pairProblem(s) {
          r.error(item, LoaderMessage("defect-pair", .pairProblem(problem)))
        } else {
          r.error(item, LoaderMessage("scenario.unknown-defect", .text(s), suggest: Suggest.closest(to: s, in: DefectCatalog.allCodes)))
        }
        ok = false
      } else if codes.contains(s) {
        r.error(item, LoaderMessage("scenario.defect-twice", .text(s)))
        ok = false
      } else {
        codes.append(s)
      }
    }
    return ok ? codes.sorted() : nil
  }

  static func readExpectation(_ n: YAMLNode, _ r: YAMLReader) -> Expectation? {
    let what = "expect"
    let before = r.diagnostics.count
    guard let f = r.fields(n, what, allowed: expectKeys, required: ["outcome"]) else { return nil }
    let outcome = r.choice(f, "outcome", Outcome.self, what: what)
    let codes = defects(f, r, what)
    let category = r.choice(f, "category", PermitCore.Category.self, what: what)
    var pending: [MaterialKind]?
    if let items = r.list(f, "pending", what: what) {
      pending = items.compactMap { r.choice($0, MaterialKind.self, "an item of 'pending'") }
    }
    if let o = outcome, let c = codes {
      switch o {
      case .accept where !c.isEmpty, .acceptPending where !c.isEmpty:
        r.error(f["defects"], LoaderMessage("scenario.acceptance-lists-defects", .text(o.rawValue), .text(c.joined(separator: ", "))))
      case .supplement where c.isEmpty:
        r.error(f["outcome"] ?? n, LoaderMessage("scenario.supplement-without-defects"))
      default: break
      }
    }
    guard !r.diagnostics[before...].contains(where: { $0.severity == .error }), let outcome, let codes else { return nil }
    return Expectation(outcome: outcome, defects: codes, category: category, pending: pending?.sorted())
  }

  static func readProposal(_ n: YAMLNode, _ r: YAMLReader) -> ScriptedProposal? {
    let what = "proposal"
    let before = r.diagnostics.count
    guard let f = r.fields(n, what, allowed: proposalKeys, required: ["outcome"]) else { return nil }
    let outcome = r.choice(f, "outcome", Outcome.self, what: what)
    let codes = defects(f, r, what)
    let referTo = r.text(f, "refer-to", what: what)
    if outcome == .refuse, codes?.contains("out-of-jurisdiction") == true, referTo == nil {
      r.error(n, LoaderMessage("scenario.proposal-refer-to"))
    }
    guard !r.diagnostics[before...].contains(where: { $0.severity == .error }), let outcome, let codes else { return nil }
    return ScriptedProposal(outcome: outcome, defects: codes, referTo: referTo)
  }

  /// `agree`, `"return: reason"` or `{ return: reason }`; returns `agree` or `return: reason`.
  static func readReview(_ n: YAMLNode, _ r: YAMLReader) -> String? {
    if case .mapping = n {
      guard let f = r.fields(n, "review", allowed: ["return"], required: ["return"]),
        let reason = r.text(f, "return", required: true, what: "review")
      else { return nil }
      return "return: " + reason.trimmingCharacters()
    }
    guard let s = r.scalar(n, "'review'") else { return nil }
    if s == "agree" { return s }
    if s.hasPrefix("return:") && !String(s.dropFirst(7)).trimmingCharacters().isEmpty {
      return "return: " + String(s.dropFirst(7)).trimmingCharacters()
    }
    r.error(n, LoaderMessage("scenario.review-format", .text(s)))
    return nil
  }
}
