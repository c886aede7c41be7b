import PermitCore
import PermitLocalization

/// A position in a file (1-based line and column).
public struct SourcePosition: Sendable, Hashable {
  /// Line, from 1.
  public var line: Int
  /// Column, from 1.
  public var column: Int
  /// Creates a position.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  /// The start of a file.
  public static let start = SourcePosition(line: 1, column: 1)
}

extension YAMLReader {
  /// The position of a node (the start of the file for nil).
  public func position(_ node: YAMLNode?) -> SourcePosition {
    guard let m = node?.mark else { return .start }
    return SourcePosition(line: m.line, column: m.column)
  }

  /// An error at a stored position, in language-neutral form.
  public func error(at p: SourcePosition, _ text: LoaderMessage) {
    append(Diagnostic(file: file, line: p.line, column: p.column, text))
  }
}

/// Where the parts of a scenario are in its file (for `check`'s answer-key cross-check).
public struct ScenarioSource: Sendable {
  /// Where one scripted applicant's parts are.
  public struct Applicant: Sendable {
    /// The applicant's mapping.
    public var node: SourcePosition
    /// The `expect:` key.
    public var expect: SourcePosition?
    /// The `proposal:` key.
    public var proposal: SourcePosition?
    /// The correction's `expect:` key.
    public var correctionExpect: SourcePosition?
  }
  /// The `id:` value.
  public var id: SourcePosition = .start
  /// Applicants by ticket.
  public var applicants: [String: Applicant] = [:]
  /// Generate blocks, in order.
  public var generate: [SourcePosition] = []
  /// Events, in order.
  public var events: [SourcePosition] = []
}

/// Reads scenario files (`Scenarios/README.md`) strictly: unknown keys with a suggestion, every
/// problem with `file:line:column`, and the semantic checks that need only the scenario and its
/// policy packs (unknown policy or window, duplicate tickets, arrivals before the clock starts,
/// unknown defect codes and materials, weights, generate mixes, events).
public enum ScenarioReader {
  /// Top-level keys.
  public static let topKeys = [
    "id", "title", "briefing", "policy", "window", "post", "colleague", "assessment", "clock", "costs", "applicants",
    "generate", "events", "scoring",
  ]
  /// Keys of a scripted applicant besides the packet's.
  public static let applicantExtraKeys = ["ticket", "arrives", "expect", "proposal", "review", "correction", "filed-online"]
  /// Keys of a scripted applicant that belong to its packet.
  public static let applicantPacketKeys = ["window", "submitted", "employer", "applicant", "application", "materials"]
  static let expectKeys = ["outcome", "defects", "category", "pending"]
  static let proposalKeys = ["outcome", "defects", "refer-to"]
  static let correctionKeys = ["after-hours", "packet", "expect"]
  /// Keys of a generate block.
  public static let generateKeys = [
    "count", "seed", "types", "defect-rate", "mix", "from", "every-minutes", "planted-error-rate",
  ]
  /// Kinds of event (exactly one per event).
  public static let eventKinds = ["rule-change", "surge", "colleague-absent-until", "announce"]
  static let eventKeys = ["at", "message"] + eventKinds
  /// Verbs whose time cost a scenario may override.
  public static let costVerbs = CostKey.allCases.map(\.rawValue)
  static let scoringKeys = ["decisions", "double-review", "time-limits", "pass-mark", "critical-errors"]

  /// Reads a `critical-errors:` list (a scenario's `scoring` or a module); nil when absent.
  static func criticalErrors(_ f: YAMLReader.Fields, _ r: YAMLReader, _ what: String) -> [CriticalError]? {
    guard let items = r.list(f, "critical-errors", what: what) else { return nil }
    var out: [CriticalError] = []
    for item in items {
      guard let e = r.choice(item, CriticalError.self, "an item of 'critical-errors'") else { continue }
      if out.contains(e) {
        r.error(item, LoaderMessage("scenario.critical-twice", .text(e.rawValue)))
      } else {
        out.append(e)
      }
    }
    return out
  }

  /// Reads a scenario; `policies` gives a pack by id (nil when unknown), `policyIDs` the known ids.
  /// Returns nil when an error was reported.
  public static func read(
    _ node: YAMLNode, reader r: YAMLReader, policies: (String) -> PolicyPack?, policyIDs: [String]
  ) -> (Scenario, ScenarioSource)? {
    let before = r.diagnostics.count
    guard let result = readPartial(node, reader: r, policies: policies, policyIDs: policyIDs),
      !r.diagnostics[before...].contains(where: { $0.severity == .error })
    else { return nil }
    return result
  }

  /// Reads what can be read of a scenario even when some parts have errors (reported to `r`): the
  /// applicants that could be read are kept, so that `check` cross-checks their answer keys too.
  /// Nil only when the file is not a scenario mapping or has no readable clock start.
  public static func readPartial(
    _ node: YAMLNode, reader r: YAMLReader, policies: (String) -> PolicyPack?, policyIDs: [String]
  ) -> (Scenario, ScenarioSource)? {
    let what = "the scenario"
    var source = ScenarioSource()
    guard
      let f = r.fields(
        node, what, allowed: topKeys, required: ["id", "title", "briefing", "policy", "window", "clock"])
    else { return nil }
    let id = r.text(f, "id", required: true, what: what) ?? ""
    source.id = r.position(f["id"])
    if f["id"] != nil && !id.isEmpty && !isID(id) {
      r.error(f["id"], LoaderMessage("scenario.id", .text(id)))
    }
    let titleText = r.bilingual(f, "title", required: true, what: what)
    let briefingText = r.bilingual(f, "briefing", required: true, what: what)
    let title = titleText?.en ?? ""
    let briefing = briefingText?.en ?? ""
    let policyID = r.text(f, "policy", required: true, what: what) ?? ""
    var pack: PolicyPack?
    if f["policy"] != nil && !policyID.isEmpty {
      pack = policies(policyID)
      if pack == nil {
        r.error(
          f["policy"],
          LoaderMessage("unknown-policy", .text(policyID), .text(policyIDs.joined(separator: ", ")), suggest: Suggest.closest(to: policyID, in: policyIDs)))
      }
    }
    // Part A′ 2: one spelling of the window everywhere (case and surrounding spaces ignored).
    let window = District.normalised(r.text(f, "window", required: true, what: what) ?? "")
    var windowKnown = true
    if let p = pack, f["window"] != nil, !window.isEmpty, p.window(named: window) == nil {
      windowKnown = false
      r.error(
        f["window"],
        LoaderMessage(
          "not-a-window", .text(window), .text(p.id), .text(p.windows.joined(separator: ", ")),
          suggest: District.suggestion(for: window, in: p.windows) ?? Suggest.closest(to: window, in: p.windows)))
    }
    let post = r.choice(f, "post", TraineePost.self, what: what) ?? .a
    let colleague = r.choice(f, "colleague", ColleagueStyle.self, what: what) ?? .careful
    let assessment = r.bool(f, "assessment", what: what) ?? false
    let calendar = pack?.calendar ?? HolidayCalendar(years: [])
    let offset = pack?.utcOffsetSeconds ?? 8 * 3600

    // Clock.
    var start: Timestamp?
    var hours = WorkingHours(opens: 9 * 60, closes: 17 * 60)
    if let cn = f["clock"], !r.isNull(cn), let c = r.fields(cn, "clock", allowed: ["start", "hours"], required: ["start"]) {
      start = r.timestamp(c, "start", what: "clock")
      if let hn = c["hours"], !r.isNull(hn),
        let h = r.fields(hn, "hours", allowed: ["opens", "closes"], required: ["opens", "closes"])
      {
        let opens = minuteOfDay(h, "opens", r)
        let closes = minuteOfDay(h, "closes", r)
        if let o = opens, let cl = closes {
          if o >= cl {
            r.error(h["closes"], LoaderMessage("scenario.closes-before-opens", .text(hhmm(cl)), .text(hhmm(o))))
          } else {
            hours = WorkingHours(opens: o, closes: cl)
          }
        }
      }
      if let s = start, let p = pack, p.calendar.covers(s.date(atOffset: offset)),
        !p.calendar.isWorkingDay(s.date(atOffset: offset))
      {
        r.warning(c["start"], LoaderMessage("scenario.start-not-working-day", .text("\(s.date(atOffset: offset))")))
      }
      if let s = start, let p = pack, !p.calendar.covers(s.date(atOffset: offset)) {
        r.warning(c["start"], LoaderMessage("scenario.no-calendar", .text(p.id), .text("\(s.date(atOffset: offset).year)")))
      }
    }

    // Costs.
    var costs = ActionCosts.standard
    if let cn = f["costs"], !r.isNull(cn), let c = r.fields(cn, "costs", allowed: costVerbs) {
      for verb in c.order {
        if let v = r.int(c, verb, what: "costs", range: 0...600) { costs.minutes[verb] = v }
      }
    }

    // Scoring.
    var scoring = ScoringWeights.standard
    if let sn = f["scoring"], !r.isNull(sn), let s = r.fields(sn, "scoring", allowed: scoringKeys) {
      let d = r.int(s, "decisions", what: "scoring", range: 0...100)
      let dr = r.int(s, "double-review", what: "scoring", range: 0...100)
      let t = r.int(s, "time-limits", what: "scoring", range: 0...100)
      let pm = r.int(s, "pass-mark", what: "scoring", range: 0...100)
      scoring = ScoringWeights(
        decisions: d ?? scoring.decisions, doubleReview: dr ?? scoring.doubleReview, timeLimits: t ?? scoring.timeLimits,
        passMark: pm ?? scoring.passMark)
      scoring.criticalErrors = criticalErrors(s, r, "scoring")
      let weightsGiven = ["decisions", "double-review", "time-limits"].contains { s[$0] != nil }
      let sum = scoring.decisions + scoring.doubleReview + scoring.timeLimits
      if weightsGiven && sum != 100 && (d != nil || s["decisions"] == nil) && (dr != nil || s["double-review"] == nil)
        && (t != nil || s["time-limits"] == nil)
      {
        r.error(
          sn,
          LoaderMessage(
            "scenario.weights-sum", .text("\(scoring.decisions)"), .text("\(scoring.doubleReview)"), .text("\(scoring.timeLimits)"),
            .text("\(sum)")))
      }
    }

    // Applicants.
    var applicants: [ScriptedApplicant] = []
    var tickets: [String: SourcePosition] = [:]
    if let items = r.list(f, "applicants", what: what) {
      for item in items {
        guard
          let a = readApplicant(
            item, r, scenarioWindow: window, start: start, hours: hours, calendar: calendar, offset: offset, post: post,
            colleague: colleague, tickets: &tickets, source: &source)
        else { continue }
        applicants.append(a)
      }
    }
    // A scripted proposal must be well formed under the scenario's pack (Part A′ 8, 9): a planted
    // error is a wrong answer, never an impossible one.
    if let pack {
      for a in applicants {
        guard let p = a.proposal,
          let m = ProposalCheck.malformation(outcome: p.outcome, defects: p.defects, referTo: p.referTo, policy: pack)
        else { continue }
        let at = source.applicants[a.ticket]?.proposal ?? source.applicants[a.ticket]?.node ?? .start
        r.error(at: at, LoaderMessage("scenario.malformed-proposal", .text(a.ticket), .malformation(m)))
      }
    }

    // Generate blocks.
    var blocks: [GenerateBlock] = []
    if let items = r.list(f, "generate", what: what) {
      for item in items {
        source.generate.append(r.position(item))
        if let b = readGenerate(item, r, surgeAt: nil) {
          if let s = start, b.from < s {
            r.error(item, LoaderMessage("scenario.block-before-start", .text("\(b.from)"), .text("\(s)")))
          }
          blocks.append(b)
        }
      }
    }
    if applicants.isEmpty && blocks.isEmpty && f["applicants"] == nil && f["generate"] == nil {
      r.error(node, LoaderMessage("scenario.no-applicants"))
    }

    // Events.
    var events: [TimedEvent] = []
    if let items = r.list(f, "events", what: what) {
      for item in items {
        source.events.append(r.position(item))
        if let e = readEvent(item, r, start: start, policies: policies, policyIDs: policyIDs, window: windowKnown ? window : nil) {
          events.append(e)
        }
      }
    }

    // Generated applicants take the tickets G001, G002, …: a scripted one must not.
    var generated = blocks.reduce(0) { $0 + $1.count }
    for e in events { if case .surge(let b) = e.kind { generated += b.count } }
    if generated > 0 {
      let taken = Set((1...generated).map { ScenarioExpander.ticket($0) })
      for (t, at) in tickets.sorted(by: { $0.key < $1.key }) where taken.contains(t) {
        r.error(at: at, LoaderMessage("scenario.ticket-generated", .text(t), .text(ScenarioExpander.ticket(generated))))
      }
    }
    guard let start else { return nil }
    var scenario = Scenario(
      id: id, title: title, briefing: briefing, policy: policyID, window: window, post: post, colleague: colleague,
      assessment: assessment, start: start, hours: hours, costs: costs, applicants: applicants, generate: blocks,
      events: events, scoring: scoring, file: r.file)
    scenario.titleZh = titleText?.zh
    scenario.briefingZh = briefingText?.zh
    return (scenario, source)
  }

  /// Whether text is a valid id (`[a-z0-9-]+`).
  public static func isID(_ s: String) -> Bool {
    !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
  }

  static func hhmm(_ m: Int) -> String { CivilDatePad.pad(m / 60) + ":" + CivilDatePad.pad(m % 60) }

  static func minuteOfDay(_ f: YAMLReader.Fields, _ key: String, _ r: YAMLReader) -> Int? {
    guard let n = f[key], let s = r.scalar(n, "'\(key)' of hours") else { return nil }
    let u = Array(s.utf8)
    func d(_ i: Int) -> Int? { u[i] >= 48 && u[i] <= 57 ? Int(u[i] - 48) : nil }
    if u.count == 5, u[2] == 58, let a = d(0), let b = d(1), let c = d(3), let e = d(4) {
      let h = a * 10 + b
      let m = c * 10 + e
      if h < 24 && m < 60 { return h * 60 + m }
      if h == 24 && m == 0 { return 24 * 60 }
    }
    r.error(n, LoaderMessage("scenario.hours-format", .text(key), .text(s)))
    return nil
  }

  // MARK: - Applicants

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

  // MARK: - Generate blocks and events

  /// Reads a generate block; for a surge (`surgeAt` set) `from` is not allowed and arrivals start then.
  static func readGenerate(_ n: YAMLNode, _ r: YAMLReader, surgeAt: Timestamp?) -> GenerateBlock? {
    let what = surgeAt == nil ? "a generate block" : "a surge"
    let before = r.diagnostics.count
    let allowed = surgeAt == nil ? generateKeys : generateKeys.filter { $0 != "from" }
    guard
      let f = r.fields(n, what, allowed: allowed, required: surgeAt == nil ? ["count", "seed", "from"] : ["count", "seed"])
    else { return nil }
    let count = r.int(f, "count", what: what, range: 1...200)
    let seed = r.int(f, "seed", what: what, range: 0...Int.max)
    var types: [ApplicationType] = []
    if let items = r.list(f, "types", what: what) {
      types = items.compactMap { r.choice($0, ApplicationType.self, "an item of 'types'") }
    }
    let rate = unit(f, "defect-rate", r, what)
    var mix: [String] = []
    if let items = r.list(f, "mix", what: what) {
      for item in items {
        guard let s = r.scalar(item, "an item of 'mix'") else { continue }
        if PacketGenerator.mutations.contains(s) { mix.append(s) } else {
          r.error(
            item,
            LoaderMessage(
              "scenario.unknown-family", .text(s), .text(PacketGenerator.mutations.joined(separator: ", ")),
              suggest: Suggest.closest(to: s, in: PacketGenerator.mutations)))
        }
      }
    }
    // A family that none of the block's types can carry plants nothing.
    if let items = f["mix"].flatMap({ n -> [YAMLNode]? in if case .sequence(let q) = n { return q.nodes } else { return nil } }) {
      let kinds = types.isEmpty ? ApplicationType.allCases : types
      for (name, item) in zip(items.compactMap { n -> String? in if case .scalar(let x) = n { return x.string } else { return nil } }, items) {
        if let only = familyTypes[name], Set(only).isDisjoint(with: kinds) {
          r.warning(item, LoaderMessage("scenario.family-types", .text(name), .text(only.map(\.rawValue).joined(separator: ", "))))
        }
      }
    }
    let from = surgeAt ?? r.timestamp(f, "from", what: what)
    let every = r.int(f, "every-minutes", what: what, range: 1...1440) ?? 15
    let planted = unit(f, "planted-error-rate", r, what)
    guard !r.diagnostics[before...].contains(where: { $0.severity == .error }), let count, let seed, let from else {
      return nil
    }
    return GenerateBlock(
      count: count, seed: UInt64(seed), types: types, defectRate: rate ?? 0.6, mix: mix, from: from, everyMinutes: every,
      plantedErrorRate: planted ?? 0.3)
  }

  /// The application types each restricted defect family can apply to (others apply to all).
  static let familyTypes: [String: [ApplicationType]] = [
    "early-filing": [.extension], "wrong-procedure": [.change],
    "late-filing": [.extension, .domesticPermit, .change, .cancellation],
    "accept-pending": [.overseasNotification], "category-unsupported": [.overseasNotification],
    "apostille-too-early": [.overseasNotification], "wrong-issuer": [.overseasNotification],
    "unauthenticated": [.overseasNotification], "untranslated": [.overseasNotification],
    "stale": [.overseasNotification, .domesticPermit, .changeEmployer], "contract-language": [.overseasNotification, .domesticPermit, .extension],
    "expired-document": [.extension, .changeEmployer], "noncompliant-photo": [.overseasNotification, .changeEmployer],
    "contract-start": [.changeEmployer], "talent-route": [.overseasNotification],
  ]

  static func unit(_ f: YAMLReader.Fields, _ key: String, _ r: YAMLReader, _ what: String) -> Double? {
    guard let v = r.number(f, key, what: what) else { return nil }
    if v < 0 || v > 1 {
      r.error(f[key], LoaderMessage("out-of-range", .place("'\(key)' of \(what)"), .text("0"), .text("1"), .text("\(v)")))
      return nil
    }
    return v
  }

  static func readEvent(
    _ n: YAMLNode, _ r: YAMLReader, start: Timestamp?, policies: (String) -> PolicyPack?, policyIDs: [String], window: String?
  ) -> TimedEvent? {
    let what = "an event"
    let before = r.diagnostics.count
    guard let f = r.fields(n, what, allowed: eventKeys, required: ["at", "message"]) else { return nil }
    let at = r.timestamp(f, "at", what: what)
    if let a = at, let s = start, a < s {
      r.error(f["at"], LoaderMessage("scenario.event-before-start", .text("\(a)"), .text("\(s)")))
    }
    let messageText = r.bilingual(f, "message", required: true, what: what)
    let message = messageText?.en
    let kinds = eventKinds.filter { f[$0] != nil }
    var kind: TimedEvent.Kind?
    if kinds.count != 1 {
      r.error(
        n,
        kinds.isEmpty
          ? LoaderMessage("scenario.event-no-kind", .text(eventKinds.joined(separator: ", ")))
          : LoaderMessage("scenario.event-two-kinds", .text(kinds.dropLast().joined(separator: ", ")), .text(kinds.last ?? "")))
    } else {
      switch kinds[0] {
      case "rule-change":
        if let id = r.text(f, "rule-change", required: true, what: what) {
          if let p = policies(id) {
            if let window, p.window(named: window) == nil {
              r.error(f["rule-change"], LoaderMessage("scenario.rule-change-window", .text(window), .text(id)))
            }
            kind = .ruleChange(policy: id)
          } else {
            r.error(
              f["rule-change"],
              LoaderMessage("unknown-policy", .text(id), .text(policyIDs.joined(separator: ", ")), suggest: Suggest.closest(to: id, in: policyIDs)))
          }
        }
      case "surge":
        if let a = at, let sn = f["surge"], let b = readGenerate(sn, r, surgeAt: a) { kind = .surge(b) }
      case "colleague-absent-until":
        if let u = r.timestamp(f, "colleague-absent-until", what: what) {
          if let a = at, u <= a {
            r.error(f["colleague-absent-until"], LoaderMessage("scenario.colleague-back-early", .text("\(u)"), .text("\(a)")))
          }
          kind = .colleagueAbsent(until: u)
        }
      default:
        if let b = r.bool(f, "announce", what: what) {
          if b { kind = .announcement } else { r.error(f["announce"], LoaderMessage("scenario.announce-true")) }
        }
      }
    }
    guard !r.diagnostics[before...].contains(where: { $0.severity == .error }), let at, let message, let kind else {
      return nil
    }
    var event = TimedEvent(at: at, kind: kind, message: message)
    event.messageZh = messageText?.zh
    return event
  }
}

enum CivilDatePad {
  static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension Scenario {
  /// The policy pack id in force at a time (the last rule change at or before it).
  public func policyID(at t: Timestamp) -> String {
    var id = policy
    for e in events.sorted(by: { $0.at < $1.at }) where e.at <= t {
      if case .ruleChange(let p) = e.kind { id = p }
    }
    return id
  }

  /// Policy pack ids the scenario uses.
  public var policyIDs: [String] {
    var ids = [policy]
    for e in events { if case .ruleChange(let p) = e.kind, !ids.contains(p) { ids.append(p) } }
    return ids
  }
}
