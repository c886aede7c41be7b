import PermitContent
import PermitCore
import PermitLocalization

// What a score is made of (dimensions, citations, points lost, the card): split from Scorer.swift,
// which keeps the scoring function, to keep each file under 400 lines.

/// The three dimensions of product.md §7.
public enum Dimension: String, CaseIterable, Sendable, Hashable {
  case decisions
  case doubleReview = "double-review"
  case timeLimits = "time-limits"
}

/// The rule a point lost cites: a rule of the policy pack, or a rule of the sandbox itself.
public enum Citation: Sendable, Hashable {
  /// A rule of the pack (`double-post`, `acceptance-time-limit`, the examiner's rule of a defect, …).
  case policy(RuleID)
  /// A hint taken (practice mode).
  case hint

  /// The id printed in brackets.
  public var id: String {
    switch self {
    case .policy(let r): return r.rawValue
    case .hint: return "hint"
    }
  }

  /// The rule's text under a pack.
  public func text(_ p: PolicyPack) -> String {
    switch self {
    case .policy(let r): return p.text(of: r)
    case .hint: return "each hint costs \(Int(Scorer.hintShare * 100))% of that file's decision share (practice mode)"
    }
  }
}

/// One point lost, with the rule behind it and the evidence.
public struct PointLost: Sendable, Hashable {
  /// The dimension it counts against.
  public var dimension: Dimension
  /// Points of that dimension (0–100 scale) lost.
  public var points: Double
  /// The ticket, if the loss concerns a case.
  public var ticket: String?
  /// The rule cited.
  public var rule: Citation
  /// One line: what went wrong.
  public var explanation: String
  /// Where the evidence was (material and field, or the case history).
  public var evidence: String
  /// The defect code the loss is about (missed, invented, or behind a wrong outcome), if any: what
  /// `report --per item` counts by defect.
  public var defect: String? = nil
  /// The explanation and the evidence as phrases, for a debrief in another language (not stored).
  public var why: Phrase? = nil
  public var shown: Phrase? = nil
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
  /// Whether overall ≥ pass mark and no critical error was committed.
  public var passed: Bool
  /// Critical errors committed (each fails the attempt whatever the total).
  public var critical: [CriticalFinding]
  /// Every point lost.
  public var lost: [PointLost]
  /// Files in the attempt (every applicant of the scenario, arrived or not).
  public var files: Int
  /// Files still open: not yet arrived, or awaiting the trainee's decision (0 once finished).
  public var open: Int
  /// Hints taken.
  public var hints: Int
  /// Restores made (practice mode).
  public var restores: Int
  /// Whether the attempt can earn module credit (no restore).
  public var credited: Bool { restores == 0 }
  /// End-of-day summary lines.
  public var summary: [String: Int]

  /// The `--format json` object of `play` (product.md §8): overall, decisions, double-review, time-limits, passed.
  public var json: JSON {
    .object([
      ("overall", .int(overall)), ("decisions", .int(decisions)), ("double-review", .int(doubleReview)),
      ("time-limits", .int(timeLimits)), ("passed", .bool(passed)), ("pass-mark", .int(passMark)),
      ("files", .int(files)), ("open", .int(open)), ("hints", .int(hints)), ("restores", .int(restores)),
      ("credited", .bool(credited)), ("scoring-model", .int(Scorer.model)),
      ("critical-errors", .array(critical.map { c in
        .object([
          ("error", .string(c.kind.rawValue)), ("ticket", .string(c.ticket)), ("explanation", .string(c.explanation)),
          ("evidence", .string(c.evidence)),
        ])
      })),
      ("points-lost", .array(lost.map { l in
        .object([
          ("dimension", .string(l.dimension.rawValue)), ("points", .number((l.points * 10).rounded() / 10)),
          ("ticket", .optional(l.ticket)), ("rule", .string(l.rule.id)), ("explanation", .string(l.explanation)),
          ("evidence", .string(l.evidence)),
        ] + (l.defect.map { [("defect", JSON.string($0))] } ?? []))
      })),
      ("summary", .object(summary.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
    ])
  }
}
