import PermitContent
import PermitCore

/// The debrief of an attempt (product.md §7): every point lost with the rule and the evidence, a
/// timeline, and the end-of-day summary.
public enum Debrief {
  /// The score lines (`score`).
  public static func scoreLines(_ card: ScoreCard, finished: Bool) -> [String] {
    var out: [String]
    if finished {
      let verdict = card.passed ? "PASSED" : card.critical.isEmpty ? "NOT PASSED" : "NOT PASSED: critical error " + criticalSummary(card)
      out = ["Final score: \(card.overall)/100 (pass mark \(card.passMark): \(verdict))"]
    } else {
      let open = card.open == 0 ? "no file still open" : "\(card.open) of \(card.files) file\(card.files == 1 ? "" : "s") still open"
      out = ["Running score: \(card.overall)/100 so far (pass mark \(card.passMark); \(open); 'finish' closes the day and scores it)"]
    }
    out.append("  decisions \(card.decisions) · double review \(card.doubleReview) · time limits \(card.timeLimits)")
    if !finished && !card.critical.isEmpty {
      out.append("  critical error so far: " + criticalSummary(card) + " - the attempt cannot pass")
    }
    if card.hints > 0 || card.restores > 0 {
      out.append("  \(card.hints) hint\(card.hints == 1 ? "" : "s"), \(card.restores) restore\(card.restores == 1 ? "" : "s")" + (card.credited ? "" : " - no module credit for an attempt with a restore"))
    }
    return out
  }

  /// The critical errors in one phrase: `issue-without-review (T001, T002), blind-agreement (T004)`.
  static func criticalSummary(_ card: ScoreCard) -> String {
    var order: [CriticalError] = []
    var tickets: [CriticalError: [String]] = [:]
    for c in card.critical {
      if tickets[c.kind] == nil { order.append(c.kind) }
      if !(tickets[c.kind] ?? []).contains(c.ticket) { tickets[c.kind, default: []].append(c.ticket) }
    }
    return order.map { "\($0.rawValue) (" + (tickets[$0] ?? []).joined(separator: ", ") + ")" }.joined(separator: ", ")
  }

  /// The full debrief: critical errors first, then every point lost, what post B looked at, the
  /// restores, the timeline and the day's summary.
  public static func lines(session s: Session, card: ScoreCard, restores: [String] = []) -> [String] {
    var out = ["Debrief: \(s.scenario.title) (\(s.scenario.id)), \(s.trainee), \(s.mode.rawValue) mode"]
    out += scoreLines(card, finished: s.finished)
    out.append("")
    if !card.critical.isEmpty {
      out.append("Critical errors (each fails the attempt whatever the total):")
      for c in card.critical {
        out.append("  \(c.kind.rawValue)  \(c.ticket)  \(c.explanation)")
        out.append("      rule [\(c.kind.rule.rawValue)] \(c.kind.text): \(s.policy.text(of: c.kind.rule))")
        out.append("      evidence: \(c.evidence)")
      }
      out.append("")
    }
    if card.lost.isEmpty {
      out.append("No points lost.")
    } else {
      out.append("Points lost:")
      for l in card.lost {
        let pts = (l.points * 10).rounded() / 10
        out.append("  -\(pts) \(l.dimension.rawValue)  \(l.ticket ?? "-")  \(l.explanation)")
        out.append("      rule [\(l.rule.id)] \(l.rule.text(s.policy))")
        out.append("      evidence: \(l.evidence)")
      }
    }
    if !s.facts.reviews.isEmpty {
      out.append("")
      out.append("Evidence looked at before each verdict (show MATERIAL, checklist, points):")
      for rv in s.facts.reviews {
        let missing = rv.evidence.filter { !rv.looked.contains($0) }
        out.append("  \(rv.round > 1 ? "\(rv.ticket) round \(rv.round)" : rv.ticket)  \(rv.agreed ? "agreed" : "returned") at \(rv.at): looked at "
          + (rv.looked.isEmpty ? "nothing" : rv.looked.joined(separator: ", ")) + (missing.isEmpty ? "" : "; not at " + missing.joined(separator: ", ")))
      }
    }
    if !restores.isEmpty {
      out.append("")
      out.append("Restores (no module credit for this attempt):")
      for r in restores { out.append("  " + r) }
    }
    out.append("")
    out.append("Timeline:")
    var events: [(Timestamp, Int, String)] = []
    var i = 0
    for t in s.tickets {
      for tr in s.cases[t]!.history {
        i += 1
        events.append((tr.at, i, "\(tr.at)  \(t)  \(tr.event) by \(tr.actor): \(tr.reason)"))
      }
    }
    for (_, _, line) in events.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { out.append("  " + line) }
    out.append("")
    let m = card.summary
    out.append(
      "End of day: \(m["cases"] ?? 0) cases; \(m["notices"] ?? 0) notices (\(m["notices-on-time"] ?? 0) on time): "
        + "\(m["notices-accept"] ?? 0) acceptances, \(m["notices-accept-pending"] ?? 0) with items pending, "
        + "\(m["notices-supplement"] ?? 0) one-time notices, \(m["notices-refuse"] ?? 0) refusals; "
        + "\(m["deemed-accepted"] ?? 0) deemed accepted; \(m["center-bounced"] ?? 0) bounced by the Center; "
        + "\(m["proposals"] ?? 0) proposals, \(m["reviews"] ?? 0) reviews, \(m["hints"] ?? 0) hints, \(card.restores) restores.")
    return out
  }
}
