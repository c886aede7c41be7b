import Foundation
import PermitContent
import PermitCore
import PermitStore
import PermitTraining

/// Points lost in one attempt for one reason: the rule behind it and, where the loss is about a
/// defect (missed or invented on a notice), the defect code.
struct LostItem: Sendable, Hashable {
  var dimension: String
  var rule: String
  var defect: String?
  var points: Double
}

/// What a report knows about one attempt: the record plus what its result and action log hold.
struct AttemptFacts: Sendable {
  var record: AttemptRecord
  var trainee: TraineeRecord?
  /// Hints taken (from the result's summary; nil while the attempt is open).
  var hints: Int?
  /// Successful `restore` commands in the action log.
  var restores: Int
  /// Critical errors, when the result records them (`critical-errors`: a count or a list).
  var criticalErrors: Int?
  /// The pass mark applied, when the result records it.
  var passMark: Int?
  /// Every point lost, from the result.
  var lost: [LostItem]

  var name: String { trainee?.name ?? "?" }
  var cohort: String { trainee?.cohort ?? "" }
  var finished: Bool { record.status == .finished }

  /// Reads the facts of an attempt. A result that does not parse leaves the derived fields empty.
  init(_ a: AttemptRecord, trainee: TraineeRecord?, actions: [ActionRecord]) {
    record = a
    self.trainee = trainee
    restores = actions.filter { $0.verb == "restore" && $0.ok }.count
    lost = []
    guard let text = a.resultJSON, let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return }
    passMark = obj["pass-mark"] as? Int
    hints = (obj["summary"] as? [String: Any])?["hints"] as? Int
    switch obj["critical-errors"] {
    case let n as Int: criticalErrors = n
    case let list as [Any]: criticalErrors = list.count
    default: break
    }
    for case let l as [String: Any] in obj["points-lost"] as? [Any] ?? [] {
      let explanation = l["explanation"] as? String ?? ""
      lost.append(LostItem(
        dimension: l["dimension"] as? String ?? "", rule: l["rule"] as? String ?? "",
        defect: l["defect"] as? String ?? AttemptFacts.defect(in: explanation),
        points: (l["points"] as? Double) ?? Double(l["points"] as? Int ?? 0)))
    }
  }

  /// The defect code of a loss explained as "missed CODE: …" or "invented CODE: …" (the scorer's
  /// wording for defects left off or added to a notice), else nil.
  static func defect(in explanation: String) -> String? {
    for lead in ["missed ", "invented "] where explanation.hasPrefix(lead) {
      let rest = explanation.dropFirst(lead.count)
      guard let colon = rest.firstIndex(of: ":") else { return nil }
      let code = rest[..<colon]
      return code.isEmpty || code.contains(" ") ? nil : String(code)
    }
    return nil
  }
}

/// Writes wall-clock moments (stored in UTC) in the zone of the attempt's policy pack, with the offset.
struct ZoneClock {
  let library: ContentLibrary
  private var offsets: [String: Int] = [:]

  init(library: ContentLibrary) { self.library = library }

  /// The UTC offset of a policy pack in seconds (0 when the pack cannot be loaded).
  mutating func offset(policy: String) -> Int {
    if let o = offsets[policy] { return o }
    let o: Int
    if case .success(let pack) = library.policy(policy) { o = Int(pack.utcOffsetSeconds) } else { o = 0 }
    offsets[policy] = o
    return o
  }

  /// `2026-12-01T22:07:52+08:00` for the stored `2026-12-01T14:07:52.123Z` and a +8 h pack.
  mutating func local(_ utc: String?, policy: String) -> Cell {
    guard let utc, let date = ZoneClock.parse(utc) else { return utc.map(Cell.text) ?? .null }
    return .time(ZoneClock.format(date, offset: offset(policy: policy)))
  }

  static func parse(_ s: String) -> Date? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = f.date(from: s) { return d }
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: s)
  }

  static func format(_ d: Date, offset: Int) -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(secondsFromGMT: 0)!
    f.formatOptions = [.withInternetDateTime]
    let s = f.string(from: d)
    // Foundation writes "Z" for a zero offset; a trainer reads "+00:00" as plainly as "+08:00".
    return s.hasSuffix("Z") ? String(s.dropLast()) + "+00:00" : s
  }
}

extension AttemptFacts {
  /// The facts of `attempts`, reading each attempt's action log.
  static func load(_ attempts: [AttemptRecord], trainees: [Int64: TraineeRecord], db: SandboxDatabase) throws -> [AttemptFacts] {
    try attempts.map { a in AttemptFacts(a, trainee: trainees[a.trainee], actions: try db.actions(attempt: a.id)) }
  }
}
