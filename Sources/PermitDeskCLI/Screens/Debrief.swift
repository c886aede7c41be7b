import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

/// The debrief of an attempt (product.md §7): every point lost with the rule and the evidence, a
/// timeline, and the end-of-day summary.
public enum Debrief {
  /// The score lines (`score`), in the session's language.
  public static func scoreLines(_ card: ScoreCard, finished: Bool) -> [String] {
    var out: [String]
    if finished {
      let verdict =
        card.passed ? L10n.t("score.passed") : card.critical.isEmpty ? L10n.t("score.not-passed") : L10n.t("score.not-passed.critical", criticalSummary(card))
      out = [L10n.t("score.final", card.overall, card.passMark, verdict)]
    } else {
      let open = card.open == 0 ? L10n.t("score.open.none") : L10n.t(card.files == 1 ? "score.open.one" : "score.open.many", card.open, card.files)
      out = [L10n.t("score.running", card.overall, card.passMark, open)]
    }
    out.append(L10n.t("score.dimensions", card.decisions, card.doubleReview, card.timeLimits))
    if !finished && !card.critical.isEmpty {
      out.append(L10n.t("score.critical-so-far", criticalSummary(card)))
    }
    if card.hints > 0 || card.restores > 0 {
      out.append(
        L10n.t(
          "score.aids", L10n.t(card.hints == 1 ? "score.hints.one" : "score.hints.many", card.hints),
          L10n.t(card.restores == 1 ? "score.restores.one" : "score.restores.many", card.restores), card.credited ? "" : L10n.t("score.no-credit")))
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
    return Localized.list(order.map { L10n.t("score.critical.item", critical($0), Localized.list(tickets[$0] ?? [])) })
  }

  /// The full debrief: critical errors first, then every point lost, what post B looked at, the
  /// restores, the timeline and the day's summary.
  public static func lines(session s: Session, card: ScoreCard, restores: [RestoreMade] = []) -> [String] {
    var out = [L10n.t("debrief.head", s.scenario.title(in: Language.current), s.scenario.id, Localized.staff(s.trainee), Localized.mode(s.mode))]
    out += scoreLines(card, finished: s.finished)
    out.append("")
    if !card.critical.isEmpty {
      out.append(L10n.t("debrief.critical"))
      for c in card.critical {
        out.append("  \(critical(c.kind))  \(c.ticket)  \(c.why?.text() ?? c.explanation)")
        out.append(L10n.t("debrief.rule-text", c.kind.rule.rawValue, L10n.t("critical-rule." + c.kind.rawValue), Localized.ruleText(s.policy, c.kind.rule)))
        out.append(L10n.t("debrief.evidence", c.shown?.text() ?? c.evidence))
      }
      out.append("")
    }
    if card.lost.isEmpty {
      out.append(L10n.t("debrief.no-loss"))
    } else {
      out.append(L10n.t("debrief.lost"))
      for l in card.lost {
        let pts = (l.points * 10).rounded() / 10
        out.append("  -\(pts) \(Localized.name("dimension", l.dimension.rawValue))  \(l.ticket.map(ticket) ?? "-")  \(l.why?.text() ?? l.explanation)")
        out.append(L10n.t("debrief.rule", l.rule.id, citation(l.rule, s.policy)))
        out.append(L10n.t("debrief.evidence", l.shown?.text() ?? l.evidence))
      }
    }
    if !s.facts.reviews.isEmpty {
      out.append("")
      out.append(L10n.t("debrief.looked.head"))
      for rv in s.facts.reviews {
        let missing = rv.evidence.filter { !rv.looked.contains($0) }
        let looked = rv.looked.isEmpty ? L10n.t("debrief.nothing") : Localized.list(rv.looked.map { Localized.evidence($0) })
        out.append(
          L10n.t(
            "debrief.looked", rv.round > 1 ? L10n.t("debrief.round", rv.ticket, rv.round) : rv.ticket, L10n.t(rv.agreed ? "debrief.agreed" : "debrief.returned"),
            rv.at, looked, missing.isEmpty ? "" : L10n.t("debrief.not-at", Localized.list(missing.map { Localized.evidence($0) }))))
      }
    }
    if !restores.isEmpty {
      out.append("")
      out.append(L10n.t("debrief.restores"))
      for r in restores { out.append("  " + SessionScreens.restore(r)) }
    }
    out.append("")
    out.append(L10n.t("debrief.timeline"))
    var events: [(Timestamp, Int, String)] = []
    var i = 0
    for t in s.tickets {
      for tr in s.cases[t]!.history {
        i += 1
        events.append((tr.at, i, L10n.t("debrief.timeline.row", tr.at, t, Localized.name("event", tr.event.rawValue), Localized.staff(tr.actor), Localized.transition(tr))))
      }
    }
    for (_, _, line) in events.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { out.append("  " + line) }
    out.append("")
    let m = card.summary
    // "1 case", "2 cases": each counted noun in its number (Chinese has one form).
    func n(_ noun: String, _ count: Int) -> String { L10n.t("debrief.summary.\(noun).\(count == 1 ? "one" : "other")", count) }
    out.append(
      L10n.t(
        "debrief.summary", n("cases", m["cases"] ?? 0), n("notices", m["notices"] ?? 0), m["notices-on-time"] ?? 0,
        n("acceptances", m["notices-accept"] ?? 0), m["notices-accept-pending"] ?? 0, n("supplements", m["notices-supplement"] ?? 0),
        n("refusals", m["notices-refuse"] ?? 0), m["deemed-accepted"] ?? 0, m["center-bounced"] ?? 0, n("proposals", m["proposals"] ?? 0),
        n("reviews", m["reviews"] ?? 0), n("hints", m["hints"] ?? 0), n("restores", card.restores)))
    return out
  }

  /// A ticket label of the score card (`T001 round 2`) in the session's language.
  static func ticket(_ label: String) -> String {
    let parts = label.components(separatedBy: " round ")
    guard parts.count == 2 else { return label }
    return L10n.t("debrief.round", parts[0], parts[1])
  }

  /// A critical error as displayed: the code, with its name in Chinese.
  static func critical(_ k: CriticalError) -> String { CodeNames.label(k.rawValue, CodeNames.value("critical", k.rawValue)) }

  /// The text of a cited rule in the session's language.
  static func citation(_ c: Citation, _ p: PolicyPack) -> String {
    switch c {
    case .policy(let r): return Localized.ruleText(p, r)
    case .hint: return L10n.t("debrief.hint-rule", Int(Scorer.hintShare * 100))
    }
  }
}
