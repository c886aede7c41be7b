import PermitCore

// The projection rows of an attempt (cases, reviews, notices), its snapshots and the rehearsal
// statistics: split from Records.swift (the attempt and its log) to keep each file under 400 lines.

/// One case of an attempt as the runtime last projected it, for reports and retention.
public struct CaseRow: Sendable, Hashable {
  /// The attempt's row id.
  public var attempt: Int64
  /// The ticket, unique within the attempt.
  public var ticket: String
  /// The case state (the runtime's name for it).
  public var state: String
  /// The notice outcome, once decided.
  public var outcome: Outcome?
  /// Defect codes of the last notice (stored as a JSON array).
  public var defects: [String]
  /// The staff identity at post A.
  public var maker: String?
  /// The staff identity at post B.
  public var checker: String?
  /// When the notice was issued (simulated time).
  public var noticeAt: String?
  /// The acceptance deadline.
  public var deadline: String
  /// Until when the filed case is kept (simulated date); nil while not filed.
  public var retainUntil: String?

  /// Creates a case row.
  public init(
    attempt: Int64, ticket: String, state: String, outcome: Outcome? = nil, defects: [String] = [],
    maker: String? = nil, checker: String? = nil, noticeAt: String? = nil, deadline: String,
    retainUntil: String? = nil
  ) {
    self.attempt = attempt
    self.ticket = ticket
    self.state = state
    self.outcome = outcome
    self.defects = defects
    self.maker = maker
    self.checker = checker
    self.noticeAt = noticeAt
    self.deadline = deadline
    self.retainUntil = retainUntil
  }
}

/// A named marker in a practice attempt, pointing at an action seq (0 = before the first action).
public struct SnapshotRecord: Sendable, Hashable {
  /// The attempt's row id.
  public var attempt: Int64
  /// The snapshot's name, unique within the attempt.
  public var name: String
  /// The action seq it points at.
  public var seq: Int64
  /// When it was saved (wall clock, ISO 8601 UTC).
  public var createdAt: String

  /// Creates a record value.
  public init(attempt: Int64, name: String, seq: Int64, createdAt: String) {
    self.attempt = attempt
    self.name = name
    self.seq = seq
    self.createdAt = createdAt
  }
}

/// The projections of an attempt saved with each action.
public struct Projection: Sendable {
  /// Case rows (nil: unchanged).
  public var cases: [CaseRow]?
  /// Review rows (nil: unchanged).
  public var reviews: [ReviewRow]?
  /// Notice rows (nil: unchanged).
  public var notices: [NoticeRow]?
  /// Creates a projection.
  public init(cases: [CaseRow]?, reviews: [ReviewRow]?, notices: [NoticeRow]?) {
    self.cases = cases
    self.reviews = reviews
    self.notices = notices
  }
}

/// A review of a proposal by post B, as recorded on the case.
public struct ReviewRow: Sendable, Hashable {
  /// Post B's verdict; the raw value is what the `review.verdict` column holds.
  public enum Verdict: String, CaseIterable, Sendable, Hashable, Codable {
    /// Post B agreed with the proposal.
    case agree
    /// Post B returned it to post A with a reason.
    case `return`
  }

  public var ticket: String
  public var round: Int
  /// Post A's identity.
  public var maker: String
  /// Post B's identity.
  public var reviewer: String
  /// `agree` or `return`.
  public var verdict: Verdict
  public var reason: String?
  /// Simulated time.
  public var at: String
  public init(ticket: String, round: Int, maker: String, reviewer: String, verdict: Verdict, reason: String?, at: String) {
    self.ticket = ticket
    self.round = round
    self.maker = maker
    self.reviewer = reviewer
    self.verdict = verdict
    self.reason = reason
    self.at = at
  }
}

/// A notice issued by the window, signed by both posts.
public struct NoticeRow: Sendable, Hashable {
  public var ticket: String
  public var round: Int
  public var outcome: Outcome
  /// Defect codes (stored as a JSON array).
  public var defects: [String]
  public var referTo: String?
  public var maker: String
  public var checker: String
  /// Simulated time.
  public var issuedAt: String
  public var onTime: Bool
  public init(
    ticket: String, round: Int, outcome: Outcome, defects: [String], referTo: String?, maker: String, checker: String,
    issuedAt: String, onTime: Bool
  ) {
    self.ticket = ticket
    self.round = round
    self.outcome = outcome
    self.defects = defects
    self.referTo = referTo
    self.maker = maker
    self.checker = checker
    self.issuedAt = issuedAt
    self.onTime = onTime
  }
}

/// An employer person's rehearsal record.
public struct RehearsalStats: Sendable, Hashable {
  public var person: String
  /// Packets submitted.
  public var submissions: Int
  /// Distinct files (applicant and type).
  public var files: Int
  /// Files accepted at their first submission.
  public var firstTimeRight: Int
  /// First-time-right rate, 0–100.
  public var rate: Int { files == 0 ? 0 : Int((Double(firstTimeRight) * 100 / Double(files)).rounded()) }
}
