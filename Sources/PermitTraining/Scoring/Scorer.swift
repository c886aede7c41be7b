import PermitCore

/// The three dimensions of product.md §7.
public enum Dimension: String, CaseIterable, Sendable, Hashable {
  case decisions
  case doubleReview = "double-review"
  case timeLimits = "time-limits"
}

/// One point lost, with the rule behind it and the evidence.
public struct PointLost: Sendable, Hashable {
  /// The dimension it counts against.
  public var dimension: Dimension
  /// Points of that dimension (0–100 scale) lost.
  public var points: Double
  /// The ticket, if the loss concerns a case.
  public var ticket: String?
  /// The policy rule.
  public var rule: RuleID
  /// One line: what went wrong.
  public var explanation: String
  /// Where the evidence was (material and field, or the case history).
  public var evidence: String
  /// The defect code the loss is about (missed, invented, or behind a wrong outcome), if any: what
  /// `report --per item` counts by defect.
  public var defect: String? = nil
}

/// The score of an attempt: a pure function of the replayed session.
public struct ScoreCard: Sendable {
  /// Decisions, 0–100.
  public var decisions: Int
  /// Double review, 0–100.
  public var doubleReview: Int
  /// Time limits, 0–100.
  public var timeLimits: Int
  /// Weighted overall, 0–100.
  public var overall: Int
  /// The pass mark applied.
  public var passMark: Int
  /// Whether overall ≥ pass mark.
  public var passed: Bool
  /// Every point lost.
  public var lost: [PointLost]
  /// End-of-day summary lines.
  public var summary: [String: Int]

  /// The `--format json` object of `play` (product.md §8): overall, decisions, double-review, time-limits, passed.
  public var json: JSON {
    .object([
      ("overall", .int(overall)), ("decisions", .int(decisions)), ("double-review", .int(doubleReview)),
      ("time-limits", .int(timeLimits)), ("passed", .bool(passed)), ("pass-mark", .int(passMark)),
      ("points-lost", .array(lost.map { l in
        .object([
          ("dimension", .string(l.dimension.rawValue)), ("points", .number((l.points * 10).rounded() / 10)),
          ("ticket", .optional(l.ticket)), ("rule", .string(l.rule.rawValue)), ("explanation", .string(l.explanation)),
          ("evidence", .string(l.evidence)),
        ] + (l.defect.map { [("defect", JSON.string($0))] } ?? []))
      })),
      ("summary", .object(summary.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
    ])
  }
}

/// Scores a session (replayed from its action log). Weights come from the scenario; the pass mark
/// from the module when given.
public enum Scorer {
  /// Points a trainee loses per hint, in decision points of the case.
  public static let hintPenalty = 0.2
  /// Double-review points lost per breach (issue without post B, self-review).
  public static let breachPenalty = 25.0
  /// Share of a case's time points lost per working day late.
  public static let latePerDay = 0.25

  /// Computes the score card.
  public static func score(_ s: Session, passMark: Int? = nil) -> ScoreCard {
    var lost: [PointLost] = []
    let cases = s.tickets.compactMap { s.cases[$0] }
    // Which case-rounds count: every round that arrived.
    var rounds: [(CaseFile, Round)] = []
    for c in cases { for r in c.rounds { rounds.append((c, r)) } }
    // A round the trainee never decided because its deadline passed is a time-limits loss (deemed
    // acceptance), not a decisions one; the decisions dimension covers the rounds decided.
    func decided(_ c: CaseFile, _ r: Round) -> Bool {
      s.scenario.post == .a
        ? s.facts.proposals.contains { $0.ticket == c.ticket && $0.round == r.number }
        : s.facts.reviews.contains { $0.ticket == c.ticket && $0.round == r.number }
    }
    let lapsed = rounds.filter { c, r in !decided(c, r) && c.deemedAccepted && r.number == c.rounds.count }
    let judged = rounds.filter { c, r in !lapsed.contains { $0.0.ticket == c.ticket && $0.1.number == r.number } }
    let perCase = 100.0 / Double(max(1, judged.count))
    let perCaseTime = 100.0 / Double(max(1, rounds.count))

    func evidence(_ f: Finding) -> String {
      let place = [f.material?.rawValue, f.field].compactMap { $0 }.joined(separator: " / ")
      return (place.isEmpty ? "" : place + ": ") + f.detail
    }

    // 1. Decisions.
    var decisions = judged.isEmpty ? 0.0 : 100.0
    if judged.isEmpty {
      lost.append(PointLost(dimension: .decisions, points: 100, ticket: nil, rule: .acceptanceTimeLimit, explanation: "no file was decided in this attempt", evidence: "action log"))
    }
    for (c, r) in judged {
      let t = c.ticket
      let label = r.number > 1 ? "\(t) round \(r.number)" : t
      let e = r.examination
      let exp = "examiner: \(e.outcome.rawValue)" + (e.defects.isEmpty ? "" : " (" + e.defects.map(\.code).joined(separator: ", ") + ")")
      if s.scenario.post == .a {
        guard let p = s.facts.proposals.first(where: { $0.ticket == t && $0.round == r.number }) else {
          lost.append(PointLost(dimension: .decisions, points: perCase, ticket: label, rule: .acceptanceTimeLimit, explanation: "no decision was proposed", evidence: exp))
          decisions -= perCase
          continue
        }
        var caseLoss = 0.0
        let g = Grading.grade(Answer(outcome: p.outcome, defects: p.defects, referTo: p.referTo), against: e)
        if !g.outcomeRight {
          caseLoss = perCase
          let f = e.findings.first ?? e.pendingFindings.first
          lost.append(PointLost(
            dimension: .decisions, points: perCase, ticket: label, rule: f?.rule ?? .requiredMaterials,
            explanation: "proposed \(p.outcome.rawValue); the right outcome was \(e.outcome.rawValue)",
            evidence: f.map(evidence) ?? exp, defect: f?.defect.code))
        } else {
          let items = Double(max(1, g.expected.defects.count))
          let findings = e.outcome == .acceptPending ? e.pendingFindings : e.findings
          for d in g.missed {
            let f = findings.first { $0.defect.code == d }
            let pts = perCase * 0.5 / items
            caseLoss += pts
            lost.append(PointLost(dimension: .decisions, points: pts, ticket: label, rule: f?.rule ?? .oneTimeNotice, explanation: "missed \(d): the one-time notice must list every defect", evidence: f.map(evidence) ?? exp, defect: d))
          }
          for d in g.invented {
            let pts = perCase * 0.5 / items
            caseLoss += pts
            lost.append(PointLost(dimension: .decisions, points: pts, ticket: label, rule: .oneTimeNotice, explanation: "invented \(d): not a defect of this file", evidence: exp, defect: d))
          }
          if g.wronglyReferred, let ref = g.expected.referTo {
            let pts = perCase * 0.25
            caseLoss += pts
            lost.append(PointLost(dimension: .decisions, points: pts, ticket: label, rule: .jurisdiction, explanation: "the refusal must refer the employer to \(ref)", evidence: e.findings.first.map(evidence) ?? exp))
          }
        }
        decisions -= min(perCase, caseLoss)
      } else {
        guard let rv = s.facts.reviews.first(where: { $0.ticket == t && $0.round == r.number }) else {
          lost.append(PointLost(dimension: .decisions, points: perCase, ticket: label, rule: .doublePost, explanation: "you never reviewed post A's proposal", evidence: exp))
          decisions -= perCase
          continue
        }
        if rv.agreed && !rv.proposalCorrect {
          lost.append(PointLost(dimension: .decisions, points: perCase, ticket: label, rule: .doublePost, explanation: "agreed with a wrong proposal: \(rv.plantedError ?? "")", evidence: exp))
          decisions -= perCase
        } else if !rv.agreed && rv.proposalCorrect {
          lost.append(PointLost(dimension: .decisions, points: perCase, ticket: label, rule: .doublePost, explanation: "returned a correct proposal (\(rv.proposal.outcome.rawValue))", evidence: exp))
          decisions -= perCase
        }
      }
    }
    for c in cases {
      // Center bounces. (A second notice for an old defect cannot happen: the core refuses a
      // one-time notice that misses a defect, and the first proposal's omission is what costs.)
      if !c.deemedAccepted && c.centerDecision?.approved == false {
        let pts = perCase * 0.5
        decisions -= pts
        lost.append(PointLost(dimension: .decisions, points: pts, ticket: c.ticket, rule: .requiredMaterials, explanation: "the Center bounced the acceptance: \(c.centerDecision?.reason ?? "")", evidence: "case history"))
      }
    }
    for t in s.facts.hints {
      let pts = perCase * hintPenalty
      decisions -= pts
      lost.append(PointLost(dimension: .decisions, points: pts, ticket: t, rule: .oneTimeNotice, explanation: "hint taken", evidence: "practice mode"))
    }

    // 2. Double review.
    var review = 100.0
    for b in s.facts.breaches where b.kind != .incompleteNotice {
      review -= breachPenalty
      lost.append(PointLost(dimension: .doubleReview, points: breachPenalty, ticket: b.ticket, rule: .doublePost, explanation: b.detail, evidence: "action at \(b.at)"))
    }
    if s.scenario.post == .b {
      let reviews = s.facts.reviews
      let per = 100.0 / Double(max(1, reviews.count))
      for rv in reviews where rv.evidenceShown == 0 || rv.evidenceShown * 2 < rv.evidenceTotal {
        let share = rv.evidenceShown == 0 ? 1.0 : 0.5
        review -= per * share
        lost.append(PointLost(
          dimension: .doubleReview, points: per * share, ticket: rv.ticket, rule: .doublePost,
          explanation: rv.evidenceShown == 0 ? "\(rv.agreed ? "agreed" : "returned") without opening any material (rubber-stamping)" : "looked at only \(rv.evidenceShown) of \(rv.evidenceTotal) materials before the verdict",
          evidence: "'show MATERIAL' before 'review'"))
      }
    } else {
      // Post A: every notice needs post B's sign-off; the core guarantees it, so a notice issued is
      // proof. Cases never handed over before the deadline count here.
      for c in cases where c.deemedAccepted && !c.history.contains(where: { $0.event == "review" }) && s.facts.proposals.contains(where: { $0.ticket == c.ticket }) {
        let pts = perCaseTime
        review -= pts
        lost.append(PointLost(dimension: .doubleReview, points: pts, ticket: c.ticket, rule: .doublePost, explanation: "proposed but never handed over to post B", evidence: "case history"))
      }
    }

    // 3. Time limits.
    var time = 100.0
    for c in cases {
      for r in c.rounds {
        let notice = c.notices.first { $0.round == r.number }
        if let n = notice {
          if !n.onTime {
            let day = n.issuedAt.date(atOffset: c.policy.utcOffsetSeconds)
            let late = c.policy.calendar.workingDays(after: r.deadline, through: day)
            let pts = min(perCaseTime, perCaseTime * latePerDay * Double(max(1, late)))
            time -= pts
            lost.append(PointLost(dimension: .timeLimits, points: pts, ticket: c.ticket, rule: .acceptanceTimeLimit, explanation: "notice issued \(max(1, late)) working day\(late == 1 ? "" : "s") late (due \(r.deadline))", evidence: "notice at \(n.issuedAt)"))
          }
        } else if c.deemedAccepted && r.number == c.rounds.count {
          time -= perCaseTime
          lost.append(PointLost(dimension: .timeLimits, points: perCaseTime, ticket: c.ticket, rule: .deemedAcceptance, explanation: "no notice by \(r.deadline): deemed accepted by law", evidence: "case history"))
        }
      }
    }

    let d = clamp(decisions)
    let rv = clamp(review)
    let tl = clamp(time)
    let w = s.scenario.scoring
    let total = Double(w.decisions * d + w.doubleReview * rv + w.timeLimits * tl) / Double(max(1, w.decisions + w.doubleReview + w.timeLimits))
    let overall = Int(total.rounded())
    let mark = passMark ?? w.passMark
    var summary: [String: Int] = [
      "cases": cases.count, "notices": cases.reduce(0) { $0 + $1.notices.count },
      "notices-on-time": cases.reduce(0) { $0 + $1.notices.filter(\.onTime).count },
      "deemed-accepted": cases.filter(\.deemedAccepted).count,
      "center-bounced": cases.filter { $0.centerDecision?.approved == false }.count,
      "reviews": s.facts.reviews.count, "proposals": s.facts.proposals.count, "hints": s.facts.hints.count,
    ]
    for o in Outcome.allCases { summary["notices-" + o.rawValue] = cases.reduce(0) { $0 + $1.notices.filter { $0.outcome == o }.count } }
    return ScoreCard(decisions: d, doubleReview: rv, timeLimits: tl, overall: overall, passMark: mark, passed: overall >= mark, lost: lost, summary: summary)
  }

  static func clamp(_ v: Double) -> Int { Int(max(0, min(100, v)).rounded()) }
}
