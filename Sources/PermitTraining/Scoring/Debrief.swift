import PermitCore

/// The debrief of an attempt (product.md §7): every point lost with the rule and the evidence, a
/// timeline, and the end-of-day summary.
public enum Debrief {
  /// The score lines (`score`).
  public static func scoreLines(_ card: ScoreCard, finished: Bool) -> [String] {
    [
      finished
        ? "Final score: \(card.overall)/100 (pass mark \(card.passMark): \(card.passed ? "PASSED" : "NOT PASSED"))"
        : "Running score: \(card.overall)/100 so far (pass mark \(card.passMark); 'finish' closes the day and scores it)",
      "  decisions \(card.decisions) · double review \(card.doubleReview) · time limits \(card.timeLimits)",
    ]
  }

  /// The full debrief.
  public static func lines(session s: Session, card: ScoreCard) -> [String] {
    var out = ["Debrief: \(s.scenario.title) (\(s.scenario.id)), \(s.trainee), \(s.mode.rawValue) mode"]
    out += scoreLines(card, finished: s.finished)
    out.append("")
    if card.lost.isEmpty {
      out.append("No points lost.")
    } else {
      out.append("Points lost:")
      for l in card.lost {
        let pts = (l.points * 10).rounded() / 10
        out.append("  -\(pts) \(l.dimension.rawValue)  \(l.ticket ?? "-")  \(l.explanation)")
        out.append("      rule [\(l.rule.rawValue)] \(s.policy.text(of: l.rule))")
        out.append("      evidence: \(l.evidence)")
      }
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
        + "\(m["proposals"] ?? 0) proposals, \(m["reviews"] ?? 0) reviews, \(m["hints"] ?? 0) hints.")
    return out
  }
}
