import Foundation
import PermitContent
import PermitCore

/// What a trainer injects into a running attempt from the instructor station (`inject ATTEMPT
/// EVENT`), as a flight-simulator instructor would: it is appended to the attempt's action log
/// (verb `inject`) like any command, reaches the trainee before their next command, and replays
/// exactly, because the runtime applies it at the simulated time it was logged at.
public enum InstructorEvent: Hashable, Sendable {
  /// `surge N`: N more generated applicants start arriving now, one every 5 minutes.
  case surge(count: Int)
  /// `colleague-absent UNTIL`: the simulated colleague is away until a time (handovers wait).
  case colleagueAbsent(until: String)
  /// `announce TEXT`: a message to the trainee.
  case announce(text: String)
  /// `rule-change PACK`: another policy pack takes effect now.
  case ruleChange(policy: String)
  /// A pair attempt's post handed to another trainee (the trainer's `reassign ATTEMPT POST NAME`,
  /// not an `inject` kind: the REPL checks the trainee and the post's lease first).
  case reassign(post: TraineePost, to: String)

  /// The event kinds, as typed after `inject ATTEMPT`.
  public static let kinds = ["surge", "colleague-absent", "announce", "rule-change"]

  /// Parses the words after `inject ATTEMPT`.
  public static func parse(_ words: [String]) -> Result<InstructorEvent, AttemptCommands.ParseError> {
    guard let kind = words.first?.lowercased() else { return .failure(.init(.eventNeeded)) }
    let rest = Array(words.dropFirst())
    switch kind {
    case "surge":
      guard rest.count == 1, let n = Int(rest[0]), (1...50).contains(n) else {
        return .failure(.init(.surge))
      }
      return .success(.surge(count: n))
    case "colleague-absent":
      guard rest.count == 1, Timestamp(iso: rest[0]) != nil || clock(rest[0]) != nil else {
        return .failure(.init(.colleagueAbsent))
      }
      return .success(.colleagueAbsent(until: rest[0]))
    case "announce":
      let text = rest.joined(separator: " ").trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty else { return .failure(.init(.announce)) }
      return .success(.announce(text: text))
    case "rule-change":
      guard rest.count == 1 else { return .failure(.init(.ruleChange)) }
      return .success(.ruleChange(policy: rest[0]))
    default:
      return .failure(.init(.unknownEvent(kind)))
    }
  }

  /// `HH:MM` as (hour, minute).
  static func clock(_ text: String) -> (Int, Int)? {
    let parts = text.split(separator: ":")
    guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m),
      parts[1].count == 2
    else { return nil }
    return (h, m)
  }

  /// The event's fields for the log (`arguments` column, with `"v": 2`).
  public var fields: [String: Any] {
    switch self {
    case .surge(let n): return ["event": "surge", "count": n]
    case .colleagueAbsent(let u): return ["event": "colleague-absent", "until": u]
    case .announce(let t): return ["event": "announce", "text": t]
    case .ruleChange(let p): return ["event": "rule-change", "policy": p]
    case .reassign(let post, let to): return ["event": "reassign", "post": post.rawValue, "to": to]
    }
  }

  /// Reads the fields written by ``fields``.
  public init?(fields o: [String: Any]) {
    switch o["event"] as? String {
    case "surge":
      guard let n = (o["count"] as? NSNumber)?.intValue else { return nil }
      self = .surge(count: n)
    case "colleague-absent":
      guard let u = o["until"] as? String else { return nil }
      self = .colleagueAbsent(until: u)
    case "announce":
      guard let t = o["text"] as? String else { return nil }
      self = .announce(text: t)
    case "rule-change":
      guard let p = o["policy"] as? String else { return nil }
      self = .ruleChange(policy: p)
    case "reassign":
      guard let p = (o["post"] as? String).flatMap(TraineePost.init(rawValue:)), let to = o["to"] as? String, !to.isEmpty else { return nil }
      self = .reassign(post: p, to: to)
    default: return nil
    }
  }

  /// How the event reads in a monitor or a log listing.
  public var summary: String {
    switch self {
    case .surge(let n): return "surge \(n)"
    case .colleagueAbsent(let u): return "colleague-absent \(u)"
    case .announce(let t): return "announce \(t)"
    case .ruleChange(let p): return "rule-change \(p)"
    case .reassign(let post, let to): return "reassign \(post.rawValue) \(to)"
    }
  }
}

extension AttemptRunner {
  /// The state an instructor event leads to: the event happens now in the simulated world.
  func instruct(_ e: InstructorEvent, _ next: inout State) -> Session.Reply {
    let s = next.session
    guard !s.finished else { return Session.Reply(refusal: .instructorFinished) }
    let message = ""  // the screens say it came from the trainer (``WorldMessage/fromTrainer``)
    switch e {
    case .announce(let text):
      next.session.instruct(TimedEvent(at: s.now, kind: .announcement, message: text), arrivals: [], fromTrainer: false)
    case .ruleChange(let id):
      guard setup.packs(id) != nil else { return Session.Reply(refusal: .instructorNoPack(id)) }
      next.session.instruct(TimedEvent(at: s.now, kind: .ruleChange(policy: id), message: message), arrivals: [])
    case .colleagueAbsent(let text):
      let offset = s.now.offsetSeconds
      var until = Timestamp(iso: text)
      if until == nil, let (h, m) = InstructorEvent.clock(text) {
        until = Timestamp(date: s.now.date(atOffset: offset), hour: h, minute: m, offsetSeconds: offset)
      }
      guard let until, until > s.now else { return Session.Reply(refusal: .instructorAbsentTime(now: s.now)) }
      next.session.instruct(TimedEvent(at: s.now, kind: .colleagueAbsent(until: until), message: message), arrivals: [])
    case .surge(let n):
      // Deterministic: the same attempt and the same injections give the same applicants.
      let serial = s.tickets.filter { $0.hasPrefix("S") }.count + s.pendingArrivals.filter { $0.ticket.hasPrefix("S") }.count
      let block = GenerateBlock(
        count: n, seed: ScenarioExpander.mixSeed(0x5EED_0000_0000_0000 | UInt64(serial), UInt64(n)), types: [],
        defectRate: 0.5, mix: [], from: s.now, everyMinutes: 5, plantedErrorRate: 0.2)
      var scenario = setup.scenario
      scenario.generate = [block]
      scenario.events = []
      let generated = ScenarioExpander.applicants(of: scenario, policy: s.policy).enumerated().map { k, a in
        var a = a
        let number = serial + k + 1
        a.ticket = number < 10 ? "S00\(number)" : number < 100 ? "S0\(number)" : "S\(number)"
        return a
      }
      next.session.instruct(TimedEvent(at: s.now, kind: .surge(block), message: message), arrivals: generated)
    case .reassign(let post, let name):
      if let refusal = next.session.reassign(post, to: name) { return Session.Reply(refusal: refusal) }
    }
    return Session.Reply(answer: .instructed(e), events: next.session.drainEvents())
  }
}

extension Session {
  /// Applicants still to arrive.
  public var pendingArrivals: [ScriptedApplicant] { arrivals }

  /// An instructor's event (``InstructorEvent``), happening now: it is announced like a scenario's
  /// timed event, and a surge's applicants join the arrivals (and the answer keys).
  public mutating func instruct(_ e: TimedEvent, arrivals extra: [ScriptedApplicant], fromTrainer: Bool = true) {
    for a in extra { applicants[a.ticket] = a }
    if !extra.isEmpty {
      arrivals = (arrivals + extra).enumerated()
        .sorted { ($0.element.arrives, $0.offset) < ($1.element.arrives, $1.offset) }.map(\.element)
    }
    happen(e, fromTrainer: fromTrainer)
  }
}
