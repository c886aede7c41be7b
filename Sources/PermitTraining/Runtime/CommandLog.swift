import Foundation
import PermitContent
import PermitCore

/// A command as the action log keeps it: a typed command, or words that did not make one (kept so
/// the log shows every line the trainee typed; replaying them changes nothing).
public enum LoggedCommand: Hashable, Sendable {
  case command(AttemptCommand)
  case invalid(verb: String, arguments: [String])
  /// An event injected by a trainer (verb `inject`); see ``InstructorEvent``.
  case instructor(InstructorEvent)

  /// The verb column.
  public var verb: String {
    switch self {
    case .command(let c): return c.name
    case .invalid(let v, _): return v
    case .instructor: return "inject"
    }
  }

  /// Parses REPL words into a logged command and, when they do not parse, the message.
  public static func parse(_ words: [String]) -> (LoggedCommand, AttemptCommands.ParseError?) {
    switch AttemptCommands.parse(words) {
    case .success(let c): return (.command(c), nil)
    case .failure(let e): return (.invalid(verb: words.first ?? "", arguments: Array(words.dropFirst())), e)
    }
  }
}

/// The encoding of commands in the action log's `arguments` column.
///
/// - Version 1 (the first schema, before typed commands): a JSON array of the words after the verb,
///   e.g. `["supplement","stale:criminal-record"]`. Still read: the words are parsed with today's
///   command table, which is the migration that keeps those attempts replayable. Rows of the log are
///   never rewritten (they are append-only and hash-chained).
/// - Version 2: a JSON object with `"v": 2` and the command's typed fields, e.g.
///   `{"defects":["stale:criminal-record"],"outcome":"supplement","v":2}`; words that did not parse
///   are kept as `{"invalid":[…],"v":2}`. `finish` carries `"now"` (`finish --now`); a `finish` row
///   without it (either version) was written when `finish` always went ahead, and reads as `--now`.
public enum CommandLog {
  /// The version written now.
  public static let version = 2

  /// The `arguments` text of a logged command (version 2, keys sorted).
  public static func encode(_ c: LoggedCommand) -> String {
    var o: [String: Any] = ["v": version]
    switch c {
    case .invalid(_, let args): o["invalid"] = args
    case .instructor(let e): o.merge(e.fields) { $1 }
    case .command(let cmd):
      switch cmd {
      case .brief, .queue, .checklist, .points, .handover, .issue, .clock, .hint: break
      case .finish(let now): o["now"] = now
      case .open(let t): o["ticket"] = t
      case .show(let m): if let m { o["material"] = m.rawValue }
      case .decide(let out, let d, let r):
        o["outcome"] = out.rawValue
        o["defects"] = d
        if let r { o["referTo"] = r }
      case .review(let reason): o["verdict"] = reason == nil ? "agree" : "return"; if let reason { o["reason"] = reason }
      case .advance(let a):
        switch a {
        case .by(let s): o["seconds"] = s
        case .to(let t): o["to"] = t.description
        case .toClock(let h, let m): o["clock"] = CivilDate.pad(h, 2) + ":" + CivilDate.pad(m, 2)
        case .next: o["next"] = true
        }
      case .snapshot(let n), .restore(let n): o["name"] = n
      case .monthly(let y, let m): if let y, let m { o["year"] = y; o["month"] = m }
      }
    }
    let data = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// Reads a logged command from its verb and `arguments` text, in either version. Text that is
  /// neither (a damaged row) reads as an invalid command, which replays as nothing.
  public static func decode(verb: String, arguments text: String) -> LoggedCommand {
    guard let data = text.data(using: .utf8), let any = try? JSONSerialization.jsonObject(with: data) else {
      return .invalid(verb: verb, arguments: [])
    }
    if let words = any as? [String] {  // version 1
      // Before `finish --now` existed, `finish` always went ahead.
      if verb == "finish" && words.isEmpty { return .command(.finish(now: true)) }
      return LoggedCommand.parse([verb] + words).0
    }
    guard let o = any as? [String: Any], (o["v"] as? Int) == 2 else { return .invalid(verb: verb, arguments: []) }
    if let bad = o["invalid"] as? [String] { return .invalid(verb: verb, arguments: bad) }
    if verb == "inject" { return InstructorEvent(fields: o).map(LoggedCommand.instructor) ?? .invalid(verb: verb, arguments: []) }
    func str(_ k: String) -> String? { o[k] as? String }
    let cmd: AttemptCommand?
    switch verb {
    case "brief": cmd = .brief
    case "queue": cmd = .queue
    case "checklist": cmd = .checklist
    case "points": cmd = .points
    case "handover": cmd = .handover
    case "issue": cmd = .issue
    case "clock": cmd = .clock
    case "hint": cmd = .hint
    // A row without "now" was written before `finish --now` existed, when `finish` always went ahead.
    case "finish": cmd = .finish(now: (o["now"] as? Bool) ?? true)
    case "open": cmd = str("ticket").map { .open(ticket: $0) }
    case "show":
      if let m = str("material") { cmd = MaterialKind(rawValue: m).map { .show(material: $0) } } else { cmd = .show(material: nil) }
    case "decide":
      cmd = str("outcome").flatMap(Outcome.init(rawValue:)).map {
        .decide(outcome: $0, defects: (o["defects"] as? [String]) ?? [], referTo: str("referTo"))
      }
    case "review": cmd = str("verdict") == "agree" ? .review(returnReason: nil) : str("reason").map { .review(returnReason: $0) }
    case "advance":
      if let s = (o["seconds"] as? NSNumber)?.int64Value { cmd = .advance(.by(seconds: s)) }
      else if let t = str("to").flatMap(Timestamp.init(iso:)) { cmd = .advance(.to(t)) }
      else if let c = str("clock"), c.count == 5, let h = Int(c.prefix(2)), let m = Int(c.suffix(2)) { cmd = .advance(.toClock(hour: h, minute: m)) }
      else if o["next"] != nil { cmd = .advance(.next) }
      else { cmd = nil }
    case "snapshot": cmd = str("name").map { .snapshot(name: $0) }
    case "restore": cmd = str("name").map { .restore(name: $0) }
    case "monthly": cmd = .monthly(year: o["year"] as? Int, month: o["month"] as? Int)
    default: cmd = nil
    }
    return cmd.map(LoggedCommand.command) ?? .invalid(verb: verb, arguments: [])
  }
}
