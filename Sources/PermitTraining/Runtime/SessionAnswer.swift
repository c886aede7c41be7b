import PermitContent
import PermitCore

// What a command's handler returns (issue 8, "the screens in the CLI"): plain values — the core's
// types, strings only for names and content — that the CLI's screens render in the session's
// language. Replay, verify and autoplay never build text.

/// A time of the window's zone as the screens say it ("Mon 09:00 (2017-07-03)").
public struct DayTime: Hashable, Sendable {
  /// The date in the window's zone.
  public var date: CivilDate
  /// Minutes after midnight.
  public var minute: Int
  public init(date: CivilDate, minute: Int) {
    self.date = date
    self.minute = minute
  }
}

/// Content written in English and, when translated, in Chinese (the screens choose).
public struct ContentText: Hashable, Sendable {
  public var en: String
  public var zh: String?
  public init(en: String, zh: String?) {
    self.en = en
    self.zh = zh
  }
}

/// How many working days are left until a file's acceptance deadline.
public enum DaysLeft: Hashable, Sendable {
  case overdue
  case today
  case days(Int)
}

/// The answer of an accepted command.
public enum SessionAnswer: Hashable, Sendable {
  /// `brief`: the scenario's title, briefing and setup.
  case brief(BriefView)
  /// `queue`: the files in arrival order and who is still to come.
  case queue(QueueView)
  /// `open T`, `show`: a file's overview.
  case overview(ticket: String, file: CaseFile)
  /// `show MATERIAL`: the documents of that kind handed in (none: the material is absent).
  case material(ticket: String, kind: MaterialKind, documents: [Material])
  /// `checklist`.
  case checklist(ChecklistView)
  /// `points`.
  case points(PointsView)
  /// `decide`: the proposal made.
  case decided(ticket: String, outcome: Outcome, defects: [String], referTo: String?)
  /// `handover` to the simulated colleague (`away`: the time the colleague is back, when away).
  case handedOver(ticket: String, colleague: StaffID, away: Timestamp?)
  /// `handover` in a pair attempt: into post B's review queue.
  case handedToPartner(ticket: String, partner: String)
  /// `review`: the verdict given, and the late-filing note of a file accepted late (see
  /// ``Session/lateNote(_:)``).
  case reviewed(ticket: String, agreed: Bool, late: Defect?)
  /// `review` by post B in a pair attempt (`postA`: the partner who issues or decides again).
  case reviewedForPartner(ticket: String, agreed: Bool, postA: String, late: Defect?)
  /// `issue`: the notice issued (`lateDeadline`: the deadline it missed, when late).
  case issued(ticket: String, notice: Outcome, at: Timestamp, lateDeadline: CivilDate?)
  /// `clock`.
  case clock(ClockView)
  /// `advance`: the time now.
  case advanced(to: Timestamp)
  /// `hint`.
  case hint(HintView)
  /// `monthly`.
  case monthly(MonthlyView)
  /// `finish`: the time the world stopped.
  case finished(at: Timestamp)
  /// `snapshot NAME`.
  case snapshotTaken(name: String, at: Timestamp)
  /// `restore NAME`: the time now.
  case restored(name: String, at: Timestamp)
  /// A trainer's event (`inject`).
  case instructed(InstructorEvent)
}

/// `brief`.
public struct BriefView: Hashable, Sendable {
  public var title: ContentText
  public var briefing: ContentText
  public var window: String
  public var policy: String
  public var post: TraineePost
  /// The simulated colleague and its style (alone).
  public var colleague: StaffID
  public var colleagueStyle: String
  /// The partner and their post (a pair attempt).
  public var partner: String?
  public var partnerPost: TraineePost
  public var mode: AttemptMode
  /// Opening hours (minutes after midnight).
  public var opens: Int
  public var closes: Int
  public var start: Timestamp
}

/// `queue`.
public struct QueueView: Hashable, Sendable {
  /// One file of the queue.
  public struct Row: Hashable, Sendable {
    public var ticket: String
    public var type: ApplicationType
    public var applicant: String
    public var state: CaseState
    /// The acceptance deadline and the working days left, while a decision is awaited.
    public var due: CivilDate?
    public var left: DaysLeft?
    /// Whether the file is the one open.
    public var open: Bool
  }
  public var rows: [Row]
  /// The next arrival and how many are still to come.
  public var nextArrival: Timestamp?
  public var waiting: Int
}

/// `checklist`.
public struct ChecklistView: Hashable, Sendable {
  /// One required material: handed in, or replaced by a written commitment.
  public struct Item: Hashable, Sendable {
    public var kind: MaterialKind
    public var present: Bool
    public var commitment: Bool
  }
  public var ticket: String
  public var type: ApplicationType
  /// The category on the file (carried permit or claimed).
  public var category: Category?
  public var items: [Item]
}

/// `points`.
public enum PointsView: Hashable, Sendable {
  /// A file with no points computation (a renewal keeps its permit's category).
  case none(ticket: String, type: ApplicationType, category: Category, decisionDays: Int)
  /// The computation.
  case table(PointsTableView)
}

/// `points` for a file whose category is computed.
public struct PointsTableView: Hashable, Sendable {
  /// One factor and its points.
  public struct Factor: Hashable, Sendable {
    public var name: String
    public var points: Int
  }
  public var ticket: String
  public var age: Int
  public var receiptDate: CivilDate
  public var factors: [Factor]
  public var total: Int
  public var category: Category
  public var directQualification: String?
}

/// `clock`.
public struct ClockView: Hashable, Sendable {
  /// What kind of day today is in the pack's calendar.
  public enum Day: Hashable, Sendable {
    case working
    case holiday(String)
    case weekend
  }
  /// One dated item of the agenda.
  public enum Due: Hashable, Sendable {
    case acceptance(ticket: String, left: DaysLeft)
    case center(ticket: String)
  }
  /// One dated item of the agenda.
  public struct Agendum: Hashable, Sendable {
    public var date: CivilDate
    public var due: Due
  }
  public var now: Timestamp
  public var today: CivilDate
  public var day: Day
  public var policy: String
  /// The agenda, by date.
  public var agenda: [Agendum]
  /// Open: today's closing (minutes); closed: the next opening.
  public var closesAt: Int?
  public var opensAt: DayTime?
  /// The colleague away now, and until when.
  public var colleagueAway: StaffID?
  public var awayUntil: Timestamp?
  public var nextArrival: Timestamp?
}

/// `hint`.
public enum HintView: Hashable, Sendable {
  /// A finding still open: the `index`-th (from 1) of `count`; `again` once every one was given.
  case pointer(index: Int, count: Int, again: Bool, finding: Finding, policy: PolicyPack)
  /// Nothing left to point at: the file's right outcome.
  case nothing(outcome: Outcome)
}

/// `monthly`.
public struct MonthlyView: Hashable, Sendable {
  public var window: String
  public var report: MonthlyReport
  public var retentionYears: Int
}

/// Why a command was refused, with what the screen needs to say what to do instead.
public enum SessionRefusal: Hashable, Sendable {
  /// A command after `finish`.
  case finished
  /// The words did not parse.
  case parse(ParseFailure)
  /// A logged verb the runtime does not know.
  case notUnderstood(verb: String)
  /// Window work while the window is closed (`opens`: the next opening).
  case windowClosed(opens: DayTime)
  /// Snapshots and restores are the runner's.
  case runnerOnly(verb: String)
  /// Snapshots and restores outside practice.
  case practiceOnly(verb: String, mode: AttemptMode)
  /// `restore` of an unknown snapshot.
  case unknownSnapshot(name: String, known: [String])
  /// No file open (`short`: the terse form of the commands that act on it).
  case noOpenCase(short: Bool)
  /// `open` of a ticket not arrived yet.
  case notArrived(ticket: String)
  /// `open` of an unknown ticket.
  case noTicket(ticket: String, known: [String])
  /// A post-A command as post B (`decide`, `handover`, `issue`).
  case postB(verb: String)
  /// A proposal that cannot be right.
  case malformed(ProposalCheck.Malformation)
  /// The core refused an event on a file (`refused`: "refused" wording rather than the file's note).
  case core(ticket: String, error: WorkflowError, refused: Bool)
  /// `handover` of a file not proposed.
  case handoverNotProposed(ticket: String, state: CaseState)
  /// `review` with no proposal to review.
  case nothingToReview(ticket: String, state: CaseState)
  /// `advance --next` with nothing scheduled.
  case nothingToAdvanceTo
  /// `advance` into the past.
  case backwards(now: Timestamp)
  /// `advance` past the attempt's horizon.
  case pastHorizon(Timestamp)
  /// `hint` outside practice.
  case hintMode(AttemptMode)
  /// `monthly` of a month with nothing to report.
  case noMonthly(year: Int, month: Int)
  /// A plain `finish` while something would still happen.
  case stillToHappen([Session.StillToHappen])
  /// Pair attempts: only post A moves the clock.
  case pairClock(postA: String)
  /// Pair attempts: no snapshots or restores.
  case pairSnapshot
  /// Pair attempts: a handover already waiting in post B's queue.
  case pairAlreadyHandedOver(ticket: String, postB: String)
  /// Pair attempts: post B reviews only what post A handed over.
  case pairNotHandedOver(ticket: String, postA: String)
  /// A pair handover outside a pair attempt.
  case notPair
  /// A trainer's event on a finished attempt.
  case instructorFinished
  /// A trainer's rule change to an unknown pack.
  case instructorNoPack(String)
  /// A trainer's absence that ends before now.
  case instructorAbsentTime(now: Timestamp)
  /// A trainer's `reassign` in an attempt that is not a pair attempt.
  case instructorNotPair
  /// A trainer's `reassign` of a post to the trainee who holds it.
  case instructorSameSeat(post: TraineePost, name: String)
  /// A trainer's `reassign` of a post to the trainee at the other post (a self-review).
  case instructorBothPosts(post: TraineePost, name: String)
}

/// Window work that ran past closing ended at closing (`minutes` of which `done` were spent).
public struct EndedAtClosing: Hashable, Sendable {
  public var closes: Int
  public var done: Int
  public var minutes: Int
  public var opens: DayTime
}

/// A restore made (``AttemptRunner/State/restores``): the snapshot and the times it went from and to.
public struct RestoreMade: Hashable, Sendable {
  public var name: String
  public var from: Timestamp
  public var to: Timestamp
}
