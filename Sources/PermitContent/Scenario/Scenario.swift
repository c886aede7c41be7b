import PermitCore
import PermitLocalization

/// A training scenario (product.md §4): a day (or several) at one window, with scripted and
/// generated applicants arriving on a simulated clock, timed events, and scoring weights.
/// The file format is documented in `Scenarios/README.md`; `ScenarioReader` reads it strictly.
public struct Scenario: Sendable {
  /// Stable id (`m01-jurisdiction-basics`), unique across `Scenarios/`.
  public var id: String
  /// Title shown in lists.
  public var title: String
  /// What the trainee reads before starting (`brief`).
  public var briefing: String
  /// The title in Chinese, nil when not translated (issue 15; see ``title(in:)``).
  public var titleZh: String?
  /// The briefing in Chinese, nil when not translated.
  public var briefingZh: String?
  /// Policy pack id in force at the start.
  public var policy: String
  /// The window's district.
  public var window: String
  /// The post the trainee holds; the simulated colleague holds the other.
  public var post: TraineePost
  /// How the simulated colleague behaves.
  public var colleague: ColleagueStyle
  /// Whether the scenario is always played in assessment mode (no hints, snapshots).
  public var assessment: Bool
  /// Simulated start of the day.
  public var start: Timestamp
  /// Opening hours of the window.
  public var hours: WorkingHours
  /// Minutes of simulated time each action costs.
  public var costs: ActionCosts
  /// Scripted applicants.
  public var applicants: [ScriptedApplicant]
  /// Blocks of generated applicants (expanded by `ScenarioExpander` with their seeds).
  public var generate: [GenerateBlock]
  /// Timed events.
  public var events: [TimedEvent]
  /// Scoring weights and pass mark.
  public var scoring: ScoringWeights
  /// The file it was read from (for messages).
  public var file: String

  /// Creates a scenario.
  public init(
    id: String, title: String, briefing: String, policy: String, window: String, post: TraineePost,
    colleague: ColleagueStyle, assessment: Bool, start: Timestamp, hours: WorkingHours, costs: ActionCosts,
    applicants: [ScriptedApplicant], generate: [GenerateBlock], events: [TimedEvent], scoring: ScoringWeights,
    file: String
  ) {
    self.id = id
    self.title = title
    self.briefing = briefing
    self.policy = policy
    self.window = window
    self.post = post
    self.colleague = colleague
    self.assessment = assessment
    self.start = start
    self.hours = hours
    self.costs = costs
    self.applicants = applicants
    self.generate = generate
    self.events = events
    self.scoring = scoring
    self.file = file
  }
}

/// How the simulated colleague in the other post behaves.
public enum ColleagueStyle: String, CaseIterable, Sendable, Hashable {
  /// Post B that checks against the examiner and returns wrong proposals with the reason.
  case careful
  /// Post B that agrees with everything (the trainee must get it right alone).
  case rubberStamp = "rubber-stamp"
  /// Post A/B whose proposals or verdicts are scripted per applicant (`proposal:` / `review:`).
  case scripted
}

/// The actions whose time a scenario's `costs:` may set: the cost keys of the attempt commands. The
/// vocabulary lives here, below both the scenario reader and the runtime's command table
/// (`AttemptCommands` in PermitTraining), so that neither names the other.
public enum CostKey: String, CaseIterable, Sendable, Hashable {
  case open, show, checklist, points, decide, handover, review, issue, hint
}

/// Minutes of simulated time per action (product.md §6: every action costs time).
public struct ActionCosts: Sendable, Hashable {
  /// Minutes per verb (`open`, `show`, `checklist`, `points`, `decide`, `handover`, `review`, `issue`, `hint`).
  public var minutes: [String: Int]
  /// Default costs.
  public static let standard = ActionCosts(minutes: [
    "open": 2, "show": 1, "checklist": 1, "points": 2, "decide": 3, "handover": 1, "review": 3, "issue": 2,
    "hint": 5, "queue": 0, "clock": 0, "brief": 0,
  ])
  /// Creates costs.
  public init(minutes: [String: Int]) { self.minutes = minutes }
  /// Minutes a verb costs (0 when not listed).
  public func cost(_ verb: String) -> Int { minutes[verb] ?? 0 }
}

/// An answer key for one applicant: what the examiner must decide.
public struct Expectation: Sendable, Hashable {
  /// Expected outcome.
  public var outcome: Outcome
  /// Expected defect codes (sorted).
  public var defects: [String]
  /// Expected computed category, when the key states it.
  public var category: PermitCore.Category?
  /// Expected pending items, when the key states them.
  public var pending: [MaterialKind]?
  /// Creates an expectation.
  public init(outcome: Outcome, defects: [String], category: PermitCore.Category? = nil, pending: [MaterialKind]? = nil) {
    self.outcome = outcome
    self.defects = defects.sorted()
    self.category = category
    self.pending = pending
  }
}

/// A simulated post A's proposal (for post-B scenarios), possibly with a planted error.
public struct ScriptedProposal: Sendable, Hashable {
  /// Proposed outcome.
  public var outcome: Outcome
  /// Proposed defects.
  public var defects: [String]
  /// Proposed referral (refusals).
  public var referTo: String?
  /// Creates a scripted proposal.
  public init(outcome: Outcome, defects: [String], referTo: String? = nil) {
    self.outcome = outcome
    self.defects = defects.sorted()
    self.referTo = referTo
  }
}

/// One scripted applicant.
public struct ScriptedApplicant: Sendable, Hashable {
  /// Ticket at the window (`T001`), unique in the scenario.
  public var ticket: String
  /// When the applicant arrives (the packet's submission time).
  public var arrives: Timestamp
  /// What is handed in.
  public var packet: Packet
  /// The answer key, if given (checked against the examiner by `check`).
  public var expect: Expectation?
  /// For post-B scenarios: the simulated post A's proposal (defaults to the examiner's answer).
  public var proposal: ScriptedProposal?
  /// For a scripted colleague in post B: its verdict on the trainee's proposal (`agree` or a return reason).
  public var review: String?
  /// The employer's corrected submission after a one-time notice, if the scenario scripts one.
  public var correction: Correction?

  /// A corrected resubmission.
  public struct Correction: Sendable, Hashable {
    /// Working hours after the notice at which the employer comes back.
    public var afterHours: Int
    /// The corrected packet (its submission time is set on arrival).
    public var packet: Packet
    /// The answer key of the corrected packet.
    public var expect: Expectation?
    /// Creates a correction.
    public init(afterHours: Int, packet: Packet, expect: Expectation?) {
      self.afterHours = afterHours
      self.packet = packet
      self.expect = expect
    }
  }

  /// Creates a scripted applicant.
  public init(
    ticket: String, arrives: Timestamp, packet: Packet, expect: Expectation? = nil, proposal: ScriptedProposal? = nil,
    review: String? = nil, correction: Correction? = nil
  ) {
    self.ticket = ticket
    self.arrives = arrives
    self.packet = packet
    self.expect = expect
    self.proposal = proposal
    self.review = review
    self.correction = correction
  }
}

/// A block of generated applicants: fresh practice from a seed.
public struct GenerateBlock: Sendable, Hashable {
  /// How many applicants.
  public var count: Int
  /// Seed of the generator (an attempt may add its own seed to vary a retake).
  public var seed: UInt64
  /// Application types drawn from (empty = all).
  public var types: [ApplicationType]
  /// Probability an applicant has defects.
  public var defectRate: Double
  /// Defect families drawn from (empty = all; see `PacketGenerator.mutations`).
  public var mix: [String]
  /// First arrival.
  public var from: Timestamp
  /// Minutes between arrivals.
  public var everyMinutes: Int
  /// For post-B scenarios: probability that the simulated post A's proposal carries a planted error.
  public var plantedErrorRate: Double
  /// Share of applicants with a direct Category A qualification (the generator's default 0.1;
  /// not in the file format, set by `permitdesk generate --profile category-a`).
  public var talentShare: Double = 0.1
  /// Creates a block.
  public init(
    count: Int, seed: UInt64, types: [ApplicationType], defectRate: Double, mix: [String], from: Timestamp,
    everyMinutes: Int, plantedErrorRate: Double
  ) {
    self.count = count
    self.seed = seed
    self.types = types
    self.defectRate = defectRate
    self.mix = mix
    self.from = from
    self.everyMinutes = everyMinutes
    self.plantedErrorRate = plantedErrorRate
  }
}

/// Something that happens at a simulated time.
public struct TimedEvent: Sendable, Hashable {
  /// What happens.
  public enum Kind: Sendable, Hashable {
    /// Another policy pack takes effect (announced at the prompt).
    case ruleChange(policy: String)
    /// A surge of generated arrivals.
    case surge(GenerateBlock)
    /// The colleague in the other post is absent until a time (handovers wait).
    case colleagueAbsent(until: Timestamp)
    /// A message to the trainee.
    case announcement
  }
  /// When.
  public var at: Timestamp
  /// What.
  public var kind: Kind
  /// What the trainee is told.
  public var message: String
  /// The message in Chinese, nil when not translated.
  public var messageZh: String?
  /// The message in a language (English when not translated).
  public func message(in language: Language = Language.current) -> String {
    language == .zhHans ? (messageZh ?? message) : message
  }
  /// Creates an event.
  public init(at: Timestamp, kind: Kind, message: String) {
    self.at = at
    self.kind = kind
    self.message = message
  }
}

/// Weights of the three scoring dimensions (product.md §7) and the pass mark.
public struct ScoringWeights: Sendable, Hashable {
  /// Weight of decisions (default 60).
  public var decisions: Int
  /// Weight of double review (default 20).
  public var doubleReview: Int
  /// Weight of time limits (default 20).
  public var timeLimits: Int
  /// Pass mark 0–100 (the module's pass mark overrides it in the curriculum).
  public var passMark: Int
  /// The critical errors that fail an attempt whatever the total (`scoring.critical-errors`); nil:
  /// the module's list, else ``CriticalError/defaults``.
  public var criticalErrors: [CriticalError]?
  /// Default weights.
  public static let standard = ScoringWeights(decisions: 60, doubleReview: 20, timeLimits: 20, passMark: 70)
  /// Creates weights.
  public init(decisions: Int, doubleReview: Int, timeLimits: Int, passMark: Int) {
    self.decisions = decisions
    self.doubleReview = doubleReview
    self.timeLimits = timeLimits
    self.passMark = passMark
  }
}

/// A curriculum module (product.md §5), one file under `Curriculum/`.
public struct CurriculumModule: Sendable, Hashable {
  /// Stable id (`m01-jurisdiction`).
  public var id: String
  /// Position in the course (1, 2, …).
  public var order: Int
  /// Title.
  public var title: String
  /// What the trainee will be able to do.
  public var objectives: [String]
  /// Briefing text.
  public var briefing: String
  /// The title in Chinese, nil when not translated (issue 15).
  public var titleZh: String?
  /// The objectives in Chinese, item by item (nil items are not translated).
  public var objectivesZh: [String?] = []
  /// The briefing in Chinese, nil when not translated.
  public var briefingZh: String?
  /// Scenario ids, in the order offered.
  public var scenarios: [String]
  /// Pass mark 0–100.
  public var passMark: Int
  /// Module ids that must be passed first.
  public var prerequisites: [String]
  /// Whether it is an assessment (played in assessment mode).
  public var assessment: Bool
  /// The scenarios that must each have a credited attempt at or above the pass mark (`required`);
  /// nil: every scripted scenario of the module (see ``requiredScenarios(generatedOnly:)``).
  public var required: [String]?
  /// The critical errors of the module's scenarios (`critical-errors`); nil: the defaults.
  public var criticalErrors: [CriticalError]?
  /// The file it was read from.
  public var file: String
  /// Creates a module.
  public init(
    id: String, order: Int, title: String, objectives: [String], briefing: String, scenarios: [String], passMark: Int,
    prerequisites: [String], assessment: Bool, file: String
  ) {
    self.id = id
    self.order = order
    self.title = title
    self.objectives = objectives
    self.briefing = briefing
    self.scenarios = scenarios
    self.passMark = passMark
    self.prerequisites = prerequisites
    self.assessment = assessment
    self.file = file
  }
}

extension Scenario {
  /// The title in a language (English when not translated).
  public func title(in language: Language = Language.current) -> String {
    language == .zhHans ? (titleZh ?? title) : title
  }
  /// The briefing in a language (English when not translated).
  public func briefing(in language: Language = Language.current) -> String {
    language == .zhHans ? (briefingZh ?? briefing) : briefing
  }
}

extension CurriculumModule {
  /// The title in a language (English when not translated).
  public func title(in language: Language = Language.current) -> String {
    language == .zhHans ? (titleZh ?? title) : title
  }
  /// The objectives in a language (each in English when not translated).
  public func objectives(in language: Language = Language.current) -> [String] {
    guard language == .zhHans else { return objectives }
    return objectives.enumerated().map { i, en in i < objectivesZh.count ? (objectivesZh[i] ?? en) : en }
  }
  /// The briefing in a language (English when not translated).
  public func briefing(in language: Language = Language.current) -> String {
    language == .zhHans ? (briefingZh ?? briefing) : briefing
  }
}
