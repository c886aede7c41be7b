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

  /// Parses REPL words into a logged command and, when they do not parse, why (``ParseFailure``).
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
    if let fast = FlatJSON.object(text), let c = decode(verb: verb, fast) { return c }
    return decodeWithFoundation(verb: verb, arguments: text)
  }

  /// ``decode(verb:arguments:)`` for any text, through `JSONSerialization`.
  static func decodeWithFoundation(verb: String, arguments text: String) -> LoggedCommand {
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
    let fields = LogFields(
      string: { o[$0] as? String }, integer: { (o[$0] as? NSNumber)?.int64Value }, flag: { o[$0] as? Bool },
      strings: { o[$0] as? [String] }, has: { o[$0] != nil })
    return command(verb: verb, fields).map(LoggedCommand.command) ?? .invalid(verb: verb, arguments: [])
  }
}

extension CommandLog {
  /// Decodes log rows, each distinct row once: ``CommandLog/decode(verb:arguments:)`` is a function
  /// of the verb and the text, and most rows repeat across attempts (`advance` to the next
  /// happening, `show passport`, `handover`), so re-scoring many attempts on one thread keeps one
  /// reader (not shared between threads). It forgets everything when it holds `limit` rows.
  public final class Reader {
    struct Key: Hashable {
      let verb: String
      let arguments: String
    }
    private var known: [Key: LoggedCommand] = [:]
    /// Rows held before the reader starts again.
    public let limit: Int
    /// Distinct rows held now.
    public var count: Int { known.count }

    /// A reader holding at most `limit` decoded rows.
    public init(limit: Int = 100_000) { self.limit = max(1, limit) }

    /// The command of a log row (as ``CommandLog/decode(verb:arguments:)`` reads it).
    public func decode(verb: String, arguments: String) -> LoggedCommand {
      let key = Key(verb: verb, arguments: arguments)
      if let c = known[key] { return c }
      let c = CommandLog.decode(verb: verb, arguments: arguments)
      if known.count >= limit { known.removeAll(keepingCapacity: true) }
      known[key] = c
      return c
    }
  }

  /// Version 2 read without Foundation's `JSONSerialization` (which costs several microseconds an
  /// action on Linux, most of `verify --rescore`'s time): only objects whose values are what each key
  /// of version 2 holds. Anything else returns nil, and ``decode(verb:arguments:)`` reads it the
  /// general way, so both give the same command for every text.
  static func decode(verb: String, _ o: [String: FlatJSON]) -> LoggedCommand? {
    guard case .int(2)? = o["v"], verb != "inject" else { return nil }
    let strings: Set<String> = ["ticket", "material", "outcome", "referTo", "verdict", "reason", "to", "clock", "name"]
    for (k, v) in o {
      switch (k, v) {
      case ("v", .int), ("seconds", .int), ("year", .int), ("month", .int), ("next", .bool(true)), ("now", .bool): continue
      case ("defects", .strings), ("invalid", .strings): continue
      case (let k, .string) where strings.contains(k): continue
      default: return nil
      }
    }
    if case .strings(let bad)? = o["invalid"] { return .invalid(verb: verb, arguments: bad) }
    let fields = LogFields(
      string: { if case .string(let s)? = o[$0] { s } else { nil } },
      integer: { if case .int(let i)? = o[$0] { i } else { nil } },
      flag: { if case .bool(let b)? = o[$0] { b } else { nil } },
      strings: { if case .strings(let a)? = o[$0] { a } else { nil } },
      has: { o[$0] != nil })
    return command(verb: verb, fields).map(LoggedCommand.command) ?? .invalid(verb: verb, arguments: [])
  }

  /// The values of a version-2 object, however it was read (``FlatJSON`` or `JSONSerialization`).
  struct LogFields {
    let string: (String) -> String?
    let integer: (String) -> Int64?
    let flag: (String) -> Bool?
    let strings: (String) -> [String]?
    let has: (String) -> Bool
  }

  /// The one reading of a version-2 object's fields as a command (nil: not a command).
  static func command(verb: String, _ f: LogFields) -> AttemptCommand? {
    let str = f.string
    switch verb {
    case "brief": return .brief
    case "queue": return .queue
    case "checklist": return .checklist
    case "points": return .points
    case "handover": return .handover
    case "issue": return .issue
    case "clock": return .clock
    case "hint": return .hint
    // A row without "now" was written before `finish --now` existed, when `finish` always went ahead.
    case "finish": return .finish(now: f.flag("now") ?? true)
    case "open": return str("ticket").map { .open(ticket: $0) }
    case "show":
      guard let m = str("material") else { return .show(material: nil) }
      return MaterialKind(rawValue: m).map { .show(material: $0) }
    case "decide":
      return str("outcome").flatMap(Outcome.init(rawValue:)).map {
        .decide(outcome: $0, defects: f.strings("defects") ?? [], referTo: str("referTo"))
      }
    case "review": return str("verdict") == "agree" ? .review(returnReason: nil) : str("reason").map { .review(returnReason: $0) }
    case "advance":
      if let s = f.integer("seconds") { return .advance(.by(seconds: s)) }
      if let t = str("to").flatMap(Timestamp.init(iso:)) { return .advance(.to(t)) }
      if let c = str("clock"), c.count == 5, let h = Int(c.prefix(2)), let m = Int(c.suffix(2)) { return .advance(.toClock(hour: h, minute: m)) }
      return f.has("next") ? .advance(.next) : nil
    case "snapshot": return str("name").map { .snapshot(name: $0) }
    case "restore": return str("name").map { .restore(name: $0) }
    case "monthly": return .monthly(year: f.integer("year").flatMap { Int(exactly: $0) }, month: f.integer("month").flatMap { Int(exactly: $0) })
    default: return nil
    }
  }
}

/// A value of a flat JSON object as the action log writes it: a string, an integer, `true` or
/// `false`, or an array of strings. ``object(_:)`` reads one object of such values and returns nil
/// for any other text (nested objects, other numbers, `null`, bad syntax), which callers then read
/// with `JSONSerialization`.
enum FlatJSON: Equatable {
  case string(String)
  case int(Int64)
  case bool(Bool)
  case strings([String])

  /// The object, or nil when the text is anything else.
  static func object(_ text: String) -> [String: FlatJSON]? {
    var p = Parser(bytes: Array(text.utf8))
    return p.object()
  }

  struct Parser {
    let bytes: [UInt8]
    var i = 0

    mutating func skip() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }

    mutating func eat(_ b: UInt8) -> Bool {
      skip()
      guard i < bytes.count, bytes[i] == b else { return false }
      i += 1
      return true
    }

    mutating func object() -> [String: FlatJSON]? {
      guard eat(UInt8(ascii: "{")) else { return nil }
      var out: [String: FlatJSON] = [:]
      if eat(UInt8(ascii: "}")) { return end(out) }
      repeat {
        skip()
        guard let k = string(), eat(UInt8(ascii: ":")), let v = value(), out.updateValue(v, forKey: k) == nil else { return nil }
      } while eat(UInt8(ascii: ","))
      guard eat(UInt8(ascii: "}")) else { return nil }
      return end(out)
    }

    mutating func end(_ o: [String: FlatJSON]) -> [String: FlatJSON]? {
      skip()
      return i == bytes.count ? o : nil
    }

    mutating func value() -> FlatJSON? {
      skip()
      guard i < bytes.count else { return nil }
      switch bytes[i] {
      case UInt8(ascii: "\""): return string().map(FlatJSON.string)
      case UInt8(ascii: "["):
        i += 1
        var items: [String] = []
        if eat(UInt8(ascii: "]")) { return .strings(items) }
        repeat {
          skip()
          guard let s = string() else { return nil }
          items.append(s)
        } while eat(UInt8(ascii: ","))
        return eat(UInt8(ascii: "]")) ? .strings(items) : nil
      case UInt8(ascii: "t"), UInt8(ascii: "f"):
        for word in ["true", "false"] {
          let w = Array(word.utf8)
          if bytes.count - i >= w.count, Array(bytes[i..<(i + w.count)]) == w {
            i += w.count
            return .bool(word == "true")
          }
        }
        return nil
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let digits = i
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        // Integers only, in JSON's form (no leading zero); fractions and exponents are read the general way.
        guard i > digits, i - digits == 1 || bytes[digits] != UInt8(ascii: "0"), i - start <= 18 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
        return Int64(String(decoding: bytes[start..<i], as: UTF8.self)).map(FlatJSON.int)
      default: return nil
      }
    }

    /// A string without escapes (what the log writes for codes, tickets and names); a string with
    /// a backslash or a control character is left to the general reader.
    mutating func string() -> String? {
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
      let start = i + 1
      var j = start
      while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
        if bytes[j] == UInt8(ascii: "\\") || bytes[j] < 0x20 { return nil }
        j += 1
      }
      guard j < bytes.count else { return nil }
      i = j + 1
      return String(decoding: bytes[start..<j], as: UTF8.self)
    }
  }
}
