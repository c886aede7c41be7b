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
}
