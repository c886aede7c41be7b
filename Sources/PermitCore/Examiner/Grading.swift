/// An answer to a file: the outcome, the defect codes the notice lists and, for a refusal, the
/// competent body. Both the examiner's decision and anyone's proposal can be put in this form, so
/// they are compared in one place (``Grading``).
public struct Answer: Hashable, Sendable {
  /// The outcome.
  public var outcome: Outcome
  /// The defect codes, sorted and without repeats. For accept-pending, the pending items as
  /// `missing:KIND`.
  public var defects: [String]
  /// For a refusal: the competent body, normalised (``District/normalised(_:)``).
  public var referTo: String?

  /// Creates an answer; defect codes are sorted and de-duplicated, the body normalised.
  public init(outcome: Outcome, defects: [String], referTo: String? = nil) {
    self.outcome = outcome
    self.defects = Array(Set(defects)).sorted()
    self.referTo = referTo.map(District.normalised)
  }
}

/// How one answer compares with the right one: what is right, what is missed, what is invented,
/// and whether the outcome and the referral are right. The only place the sandbox decides "is this
/// answer right?": the scorer, `check`'s answer keys, the simulated colleague and `replay` use it.
public struct Grade: Hashable, Sendable {
  /// The right answer.
  public var expected: Answer
  /// The answer graded.
  public var given: Answer
  /// Whether the outcome is the right one.
  public var outcomeRight: Bool
  /// Right codes the given answer leaves out (sorted).
  public var missed: [String]
  /// Codes the given answer lists that are not in the right one (sorted).
  public var invented: [String]
  /// Codes both list (sorted).
  public var found: [String]
  /// Whether the referral is right: true unless the right answer is a refusal that names a body and
  /// the given answer names another (or none).
  public var referralRight: Bool

  /// Whether the given answer is the right one in every respect the notice shows.
  public var isRight: Bool { outcomeRight && missed.isEmpty && invented.isEmpty && referralRight }

  /// Whether the outcome was right but the referral names the wrong body (or none).
  public var wronglyReferred: Bool { outcomeRight && !referralRight }

  /// Why the given answer is wrong, in one line (the words post B uses when returning it); nil when
  /// it is right. The outcome comes first: with a wrong outcome nothing else is listed.
  public var explanation: String? {
    if !outcomeRight { return "the outcome should be \(expected.outcome.rawValue), not \(given.outcome.rawValue)" }
    if expected.outcome == .acceptPending {
      return missed.isEmpty && invented.isEmpty ? nil : "pending items are " + expected.defects.joined(separator: ", ")
    }
    var parts: [String] = []
    if !missed.isEmpty { parts.append("missing " + missed.joined(separator: ", ")) }
    if !invented.isEmpty { parts.append("not defects: " + invented.joined(separator: ", ")) }
    if !referralRight, let r = expected.referTo { parts.append("refer to \(r)") }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }
}

/// The one grading function.
public enum Grading {
  /// Grades `given` against the right answer `expected`.
  public static func grade(_ given: Answer, against expected: Answer) -> Grade {
    let want = Set(expected.defects)
    let got = Set(given.defects)
    let outcomeRight = given.outcome == expected.outcome
    var referralRight = true
    if expected.outcome == .refuse, let r = expected.referTo, given.referTo != r { referralRight = false }
    return Grade(
      expected: expected, given: given, outcomeRight: outcomeRight,
      missed: want.subtracting(got).sorted(), invented: got.subtracting(want).sorted(),
      found: want.intersection(got).sorted(), referralRight: referralRight)
  }

  /// Grades `given` against the examiner's decision.
  public static func grade(_ given: Answer, against decision: Decision) -> Grade {
    grade(given, against: decision.answer)
  }

  /// Grades a proposal against the examiner's decision.
  public static func grade(_ p: Proposal, against decision: Decision) -> Grade {
    grade(Answer(p), against: decision.answer)
  }
}

extension Decision {
  /// The decision as the right answer a notice would carry: the defect codes, or for accept-pending
  /// the pending items as `missing:KIND`; the referral for a refusal.
  public var answer: Answer {
    Answer(
      outcome: outcome,
      defects: outcome == .acceptPending ? pending.map { Defect(.missing, $0).code } : defects.map(\.code),
      referTo: referTo)
  }
}

extension Answer {
  /// A proposal as an answer.
  public init(_ p: Proposal) { self.init(outcome: p.outcome, defects: p.defects, referTo: p.referTo) }
}


extension PolicyPack {
  /// The pack's window for a name in any case, or nil when it is not a window of the pack.
  public func window(named name: String) -> String? {
    let n = District.normalised(name)
    return windows.first { District.normalised($0) == n }
  }
}
