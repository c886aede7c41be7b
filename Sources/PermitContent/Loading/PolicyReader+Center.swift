import PermitCore

/// The pack's `center-timings`: when the sandbox's simulated municipal Center acts on a file the
/// window accepted (``CenterTimings``). Optional, each key too; what is left out keeps the default
/// (``CenterTimings/standard``: review the next working day at 10:00, decide within two working days
/// at 11:00, never after the Center's legal deadline).
extension PolicyReader {
  static let centerTimingKeys = ["review-after-working-days", "review-at", "decide-within-working-days", "decide-at"]

  /// Reads `center-timings`, reporting errors at the offending value; nil when it has one.
  static func readCenterTimings(_ n: YAMLNode?, _ r: YAMLReader) -> CenterTimings? {
    var timings = CenterTimings.standard
    guard let n, !r.isNull(n) else { return timings }
    let what = "center-timings"
    guard let f = r.fields(n, what, allowed: centerTimingKeys) else { return nil }
    let before = r.diagnostics.count
    if let v = r.int(f, "review-after-working-days", what: what, range: 0...60) { timings.reviewAfterWorkingDays = v }
    if let v = r.int(f, "decide-within-working-days", what: what, range: 0...60) { timings.decideWithinWorkingDays = v }
    if let v = timeOfDay(f, "review-at", r) { timings.reviewAtMinute = v }
    if let v = timeOfDay(f, "decide-at", r) { timings.decideAtMinute = v }
    return r.diagnostics[before...].contains { $0.severity == .error } ? nil : timings
  }

  /// A time of day written `"HH:MM"` (00:00–23:59), in minutes after midnight.
  static func timeOfDay(_ f: YAMLReader.Fields, _ key: String, _ r: YAMLReader) -> Int? {
    guard let n = f[key], !r.isNull(n), let s = r.scalar(n, "'\(key)' of center-timings") else { return nil }
    let u = Array(s.utf8)
    func d(_ i: Int) -> Int? { u[i] >= 48 && u[i] <= 57 ? Int(u[i] - 48) : nil }
    if u.count == 5, u[2] == 58, let a = d(0), let b = d(1), let c = d(3), let e = d(4), a * 10 + b < 24, c * 10 + e < 60 {
      return (a * 10 + b) * 60 + c * 10 + e
    }
    r.error(n, LoaderMessage("policy.center-time-format", .text(key), .text(s)))
    return nil
  }
}
