import Foundation
import PermitContent
import PermitCore

/// Where `advance` moves the clock.
public enum AdvanceTarget: Hashable, Sendable {
  /// By a duration, in seconds (`advance 90m`).
  case by(seconds: Int64)
  /// To an instant (`advance --to 2017-07-04T09:00+08:00`).
  case to(Timestamp)
  /// To a time of today in the window's zone (`advance --to 14:00`).
  case toClock(hour: Int, minute: Int)
  /// To the next arrival, event or deadline (`advance --next`).
  case next
}

/// One command of an attempt, typed: what the trainee (or the autoplayer) does at the window. The
/// REPL parses words into these with ``AttemptCommands/parse(_:)``; the runtime never sees words.
public enum AttemptCommand: Hashable, Sendable {
  case brief
  case queue
  case open(ticket: String)
  case show(material: MaterialKind?)
  case checklist
  case points
  case decide(outcome: Outcome, defects: [String], referTo: String?)
  case handover
  /// Post B's verdict: `reason` nil agrees, a reason returns the proposal.
  case review(returnReason: String?)
  case issue
  case clock
  case advance(AdvanceTarget)
  case hint
  case snapshot(name: String)
  case restore(name: String)
  /// The monthly report of a month (nil: the current month).
  case monthly(year: Int?, month: Int?)
  /// Closes the attempt; `now` (`finish --now`) goes ahead even when files would still lapse.
  case finish(now: Bool)

  /// The command's name: the REPL verb, the key of its spec and of its cost.
  public var name: String {
    switch self {
    case .brief: return "brief"
    case .queue: return "queue"
    case .open: return "open"
    case .show: return "show"
    case .checklist: return "checklist"
    case .points: return "points"
    case .decide: return "decide"
    case .handover: return "handover"
    case .review: return "review"
    case .issue: return "issue"
    case .clock: return "clock"
    case .advance: return "advance"
    case .hint: return "hint"
    case .snapshot: return "snapshot"
    case .restore: return "restore"
    case .monthly: return "monthly"
    case .finish: return "finish"
    }
  }

  /// The command as REPL words (what a trainee would type for it).
  public var words: [String] {
    switch self {
    case .open(let t): return [name, t]
    case .show(let m): return [name] + (m.map { [$0.rawValue] } ?? [])
    case .decide(let o, let d, let r): return [name, o.rawValue] + d + (r.map { ["--refer-to", $0] } ?? [])
    case .review(let reason): return [name] + (reason.map { ["return", $0] } ?? ["agree"])
    case .advance(let a):
      switch a {
      case .by(let s): return [name, AttemptCommands.durationWord(s)]
      case .to(let t): return [name, "--to", t.description]
      case .toClock(let h, let m): return [name, "--to", CivilDate.pad(h, 2) + ":" + CivilDate.pad(m, 2)]
      case .next: return [name, "--next"]
      }
    case .snapshot(let n), .restore(let n): return [name, n]
    case .monthly(let y, let m): return [name] + (y.flatMap { y in m.map { ["\(y)-" + CivilDate.pad($0, 2)] } } ?? [])
    case .finish(let now): return [name] + (now ? ["--now"] : [])
    default: return [name]
    }
  }
}

/// What a command's argument is, so completion can offer the right words.
public enum ArgumentKind: Sendable, Hashable {
  case ticket, material, outcome, defectOrBody, verdict, defect, advance, snapshot, month
}

/// One entry of the command table: name, cost key, where it is allowed, what its arguments are and
/// the parser from words. Its help (usage, summary, text) is the CLI's (`AttemptCommandHelp`).
public struct CommandSpec: Sendable {
  /// The verb.
  public let name: String
  /// The key of the command's cost in a scenario's `costs:` (nil: it costs no time).
  public let costKey: CostKey?
  /// Whether it still works once the attempt is finished (it only reads).
  public let allowedAfterFinish: Bool
  /// What its arguments are, in order (the last repeats).
  public let arguments: [ArgumentKind]
  /// Whether it is window work: refused while the window is closed (README "The REPL"). Window work
  /// is exactly what costs window time, so this derives from ``costKey`` and nowhere else.
  public var needsOpenWindow: Bool { costKey != nil }
  /// Words after the verb → the command, or why they do not make one (``ParseFailure``).
  ///
  /// It ignores words past the command's last argument, so rows of the action log written in
  /// version 1 (plain words) read as they always did; typed input is checked with ``surplus(_:)``
  /// first, which the REPL refuses with the verb's usage and does not log.
  public let parse: @Sendable ([String]) -> Result<AttemptCommand, AttemptCommands.ParseError>
  /// How many words after the verb the command takes, given those words (nil: any number, for
  /// `decide`'s defects and `review return`'s free-text reason).
  public let maxArguments: @Sendable ([String]) -> Int?

  /// Whether the words after the verb go past what the command takes (`show passport extra`,
  /// `score now`, `review agree fine`).
  public func surplus(_ arguments: [String]) -> Bool {
    maxArguments(arguments).map { arguments.count > $0 } ?? false
  }
}

/// The one table of attempt commands: help, completion, costs, the allow-list after `finish`, the
/// log's encoding and autoplay all derive from it.
public enum AttemptCommands {
  /// Words that do not make a command: why, typed (the CLI says what to type instead).
  public struct ParseError: Error, Sendable, Hashable {
    public var reason: ParseFailure
    public init(_ reason: ParseFailure) { self.reason = reason }
  }

  /// Every attempt command, in the order `help` lists them.
  public static let specs: [CommandSpec] = [
    spec("brief", afterFinish: true, max: 0) { _ in .success(.brief) },
    spec("queue", afterFinish: true, max: 0) { _ in .success(.queue) },
    spec("open", cost: .open, args: [.ticket], max: 1) { a in
      a.count == 1 ? .success(.open(ticket: a[0].uppercased())) : .failure(ParseError(.open))
    },
    spec("show", cost: .show, afterFinish: true, args: [.material], max: 1) { a in
      guard let name = a.first else { return .success(.show(material: nil)) }
      guard let kind = MaterialKind(rawValue: name) else {
        return .failure(ParseError(.unknownMaterial(name)))
      }
      return .success(.show(material: kind))
    },
    spec("checklist", cost: .checklist, afterFinish: true, max: 0) { _ in .success(.checklist) },
    spec("points", cost: .points, afterFinish: true, max: 0) { _ in .success(.points) },
    spec("decide", cost: .decide, args: [.outcome, .defectOrBody], maxArguments: { _ in nil }, parse: parseDecide),
    spec("handover", cost: .handover, max: 0) { _ in .success(.handover) },
    spec("review", cost: .review, args: [.verdict, .defect], maxArguments: { $0.first == "agree" ? 1 : nil }) { a in
      guard let v = a.first, v == "agree" || v == "return" else { return .failure(ParseError(.review)) }
      if v == "agree" { return .success(.review(returnReason: nil)) }
      guard a.count >= 2 else { return .failure(ParseError(.reviewReason)) }
      return .success(.review(returnReason: a.dropFirst().joined(separator: " ")))
    },
    spec("issue", cost: .issue, max: 0) { _ in .success(.issue) },
    spec("clock", afterFinish: true, max: 0) { _ in .success(.clock) },
    spec("advance", args: [.advance], maxArguments: { $0.first == "--to" ? 2 : 1 }, parse: parseAdvance),
    spec("hint", cost: .hint, max: 0) { _ in .success(.hint) },
    spec("snapshot", args: [.snapshot], max: 1) { a in
      a.count == 1 ? .success(.snapshot(name: a[0])) : .failure(ParseError(.snapshot))
    },
    spec("restore", args: [.snapshot], max: 1) { a in
      a.count == 1 ? .success(.restore(name: a[0])) : .failure(ParseError(.restore))
    },
    spec("monthly", afterFinish: true, args: [.month], max: 1) { a in
      guard let s = a.first else { return .success(.monthly(year: nil, month: nil)) }
      let u = Array(s.utf8)
      guard u.count == 7, u[4] == 45, let y = CivilDate.digits(u, 0, 4), let m = CivilDate.twoDigits(u, 5), (1...12).contains(m),
        (1900...2100).contains(y)
      else {
        return .failure(ParseError(.monthly))
      }
      return .success(.monthly(year: y, month: m))
    },
    spec("finish", max: 1) { a in
      switch a {
      case []: return .success(.finish(now: false))
      case ["--now"]: return .success(.finish(now: true))
      default: return .failure(ParseError(.finish))
      }
    },
  ]

  private static let byName: [String: CommandSpec] = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0) })

  /// The spec of a verb.
  public static func spec(_ name: String) -> CommandSpec? { byName[name] }

  /// The verbs of attempt commands.
  public static var names: [String] { specs.map(\.name) }

  /// The keys a scenario's `costs:` may set.
  public static var costKeys: [String] { specs.compactMap(\.costKey?.rawValue) }

  /// Parses REPL words (verb first) into a command.
  public static func parse(_ words: [String]) -> Result<AttemptCommand, ParseError> {
    guard let verb = words.first else { return .failure(ParseError(.noCommand)) }
    guard let s = byName[verb] else { return .failure(ParseError(.notAttemptCommand(verb))) }
    return s.parse(Array(words.dropFirst()))
  }

  private static func spec(
    _ name: String, cost: CostKey? = nil, afterFinish: Bool = false, args: [ArgumentKind] = [], max: Int,
    parse: @escaping @Sendable ([String]) -> Result<AttemptCommand, ParseError>
  ) -> CommandSpec {
    spec(name, cost: cost, afterFinish: afterFinish, args: args, maxArguments: { _ in max }, parse: parse)
  }

  private static func spec(
    _ name: String, cost: CostKey? = nil, afterFinish: Bool = false, args: [ArgumentKind] = [],
    maxArguments: @escaping @Sendable ([String]) -> Int?,
    parse: @escaping @Sendable ([String]) -> Result<AttemptCommand, ParseError>
  ) -> CommandSpec {
    CommandSpec(name: name, costKey: cost, allowedAfterFinish: afterFinish, arguments: args, parse: parse, maxArguments: maxArguments)
  }

  @Sendable static func parseDecide(_ args: [String]) -> Result<AttemptCommand, ParseError> {
    var words = args
    var referTo: String?
    if let i = words.firstIndex(of: "--refer-to") {
      guard i + 1 < words.count else { return .failure(ParseError(.referTo)) }
      referTo = District.normalised(words[i + 1])
      words.removeSubrange(i...(i + 1))
    }
    guard let o = words.first else { return .failure(ParseError(.decide)) }
    guard let outcome = Outcome(rawValue: o) else {
      return .failure(ParseError(.unknownOutcome(o)))
    }
    let defects = Array(words.dropFirst())
    for d in defects where !DefectCatalog.isKnown(d) {
      // An impossible pair (stale:passport) is malformed, with the family's valid subjects.
      if DefectCatalog.pairProblem(d) != nil { return .failure(ParseError(.invalidPair(d))) }
      return .failure(ParseError(.unknownDefect(d)))
    }
    if outcome == .supplement && defects.isEmpty { return .failure(ParseError(.supplementWithoutDefects)) }
    if outcome == .accept && !defects.isEmpty { return .failure(ParseError(.acceptWithDefects)) }
    if outcome == .refuse && defects.isEmpty { return .failure(ParseError(.refusalWithoutGround)) }
    return .success(.decide(outcome: outcome, defects: Array(Set(defects)).sorted(), referTo: referTo))
  }

  @Sendable static func parseAdvance(_ args: [String]) -> Result<AttemptCommand, ParseError> {
    guard let a = args.first else { return .failure(ParseError(.advance)) }
    if a == "--next" { return .success(.advance(.next)) }
    if a == "--to" {
      guard args.count == 2 else { return .failure(ParseError(.advance)) }
      if let t = Timestamp(iso: args[1]) { return .success(.advance(.to(t))) }
      let u = Array(args[1].utf8)
      if u.count == 5, u[2] == 58, let h = CivilDate.twoDigits(u, 0), let m = CivilDate.twoDigits(u, 3), (0..<24).contains(h), (0..<60).contains(m) {
        return .success(.advance(.toClock(hour: h, minute: m)))
      }
      return .failure(ParseError(.advance))
    }
    if let secs = parseDuration(a) { return .success(.advance(.by(seconds: secs))) }
    return .failure(ParseError(.advance))
  }

  /// Parses `90m`, `2h`, `1d`, `1h30m` into seconds (nil for anything else, for other digits than
  /// ASCII, beyond 10,000,000 of a unit, or a sum past `Int64`).
  public static func parseDuration(_ s: String) -> Int64? {
    var total: Int64 = 0
    var num: Int64 = 0
    var sawDigit = false
    var any = false
    for ch in s {
      if let a = ch.asciiValue, a >= 48, a <= 57 {
        num = num * 10 + Int64(a - 48)
        sawDigit = true
        if num > 10_000_000 { return nil }
      } else {
        guard sawDigit else { return nil }
        let unit: Int64
        switch ch {
        case "m": unit = 60
        case "h": unit = 3600
        case "d": unit = 86400
        default: return nil
        }
        let (sum, overflow) = total.addingReportingOverflow(num * unit)
        if overflow { return nil }
        total = sum
        num = 0
        sawDigit = false
        any = true
      }
    }
    return sawDigit || !any ? nil : total
  }

  /// A duration in seconds as the shortest `…d…h…m` word (seconds below a minute are dropped).
  static func durationWord(_ s: Int64) -> String {
    var rest = s / 60
    var out = ""
    if rest >= 1440 { out += "\(rest / 1440)d"; rest %= 1440 }
    if rest >= 60 { out += "\(rest / 60)h"; rest %= 60 }
    if rest > 0 || out.isEmpty { out += "\(rest)m" }
    return out
  }
}

/// Why words do not make a command (``AttemptCommands/ParseError``), with what the screen needs to
/// say what to type instead.
public enum ParseFailure: Hashable, Sendable {
  /// No words.
  case noCommand
  /// A verb that is not an attempt command.
  case notAttemptCommand(String)
  /// `open` without exactly one ticket.
  case open
  /// `show` of an unknown material.
  case unknownMaterial(String)
  /// `review` without `agree` or `return`.
  case review
  /// `review return` without a reason.
  case reviewReason
  /// `snapshot` / `restore` without exactly one name.
  case snapshot
  case restore
  /// `monthly` with something other than `YYYY-MM`.
  case monthly
  /// `finish` with something other than `--now`.
  case finish
  /// `--refer-to` without a body.
  case referTo
  /// `decide` without an outcome.
  case decide
  /// An unknown outcome.
  case unknownOutcome(String)
  /// An impossible defect pair (`stale:passport`).
  case invalidPair(String)
  /// An unknown defect code.
  case unknownDefect(String)
  /// `decide supplement` without defects, `accept` with defects, `refuse` without a ground.
  case supplementWithoutDefects
  case acceptWithDefects
  case refusalWithoutGround
  /// `advance` with anything but a duration, `--to TIME` or `--next`.
  case advance
  /// `inject`: no event; a malformed `surge`, `colleague-absent`, `announce`, `rule-change`; an
  /// unknown event.
  case eventNeeded
  case surge
  case colleagueAbsent
  case announce
  case ruleChange
  case unknownEvent(String)
}
