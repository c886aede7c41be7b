import PermitCore
import PermitLocalization

// The generate blocks and timed events of a scenario (split from ScenarioReader.swift).
extension ScenarioReader {
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
