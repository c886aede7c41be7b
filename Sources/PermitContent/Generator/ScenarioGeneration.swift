import PermitCore
import PermitLocalization

/// `permitdesk generate`: a scenario file of synthetic scripted applicants with answer keys from
/// the examiner, from a seed, a profile and a defect mix.
public enum ScenarioGeneration {
  /// A named profile: application types, defect rate, defect families and share of Category A talents.
  public struct Profile: Sendable {
    /// Application types (empty = all).
    public var types: [ApplicationType]
    /// Probability an applicant has defects.
    public var defectRate: Double
    /// Defect families (empty = all).
    public var mix: [String]
    /// Share of applicants with a direct Category A qualification.
    public var talentShare: Double
  }

  /// The profiles, by name (what each is for: the catalog's `cli.generate.profile.NAME`, in `generate --help`).
  public static let profiles: [(String, Profile)] = [
    ("mixed", Profile(types: [], defectRate: 0.6, mix: [], talentShare: 0.1)),
    ("clean", Profile(types: [], defectRate: 0, mix: [], talentShare: 0.1)),
    (
      "defect-heavy",
      Profile(types: [], defectRate: 0.95, mix: [], talentShare: 0.1)
    ),
    (
      "category-a",
      Profile(
        types: [.overseasNotification], defectRate: 0.6, mix: ["accept-pending", "missing", "stale", "unauthenticated", "untranslated"],
        talentShare: 0.8)
    ),
    (
      "renewals",
      Profile(
        types: [.extension, .change, .cancellation, .replacement], defectRate: 0.6,
        mix: ["late-filing", "early-filing", "wrong-procedure", "expired-document", "missing", "mismatch-name", "out-of-jurisdiction"],
        talentShare: 0.1)
    ),
  ]

  /// The profile with a name.
  public static func profile(_ name: String) -> Profile? { profiles.first { $0.0 == name }?.1 }

  /// What to generate.
  public struct Options: Sendable {
    public var id: String
    public var count: Int
    public var seed: UInt64
    public var types: [ApplicationType]
    public var defectRate: Double
    public var mix: [String]
    public var talentShare: Double
    public var window: String
    public var post: TraineePost
    public var start: Timestamp
    public var everyMinutes: Int
    /// Creates options.
    public init(
      id: String, count: Int, seed: UInt64, types: [ApplicationType], defectRate: Double, mix: [String],
      talentShare: Double, window: String, post: TraineePost, start: Timestamp, everyMinutes: Int
    ) {
      self.id = id
      self.count = count
      self.seed = seed
      self.types = types
      self.defectRate = defectRate
      self.mix = mix
      self.talentShare = talentShare
      self.window = window
      self.post = post
      self.start = start
      self.everyMinutes = everyMinutes
    }
  }

  /// The scenario: scripted applicants T001… with answer keys (and post A proposals for post B).
  public static func make(_ o: Options, policy: PolicyPack) -> Scenario {
    var block = GenerateBlock(
      count: o.count, seed: o.seed, types: o.types, defectRate: o.defectRate, mix: o.mix, from: o.start,
      everyMinutes: o.everyMinutes, plantedErrorRate: 0.3)
    block.talentShare = o.talentShare
    let typeText = o.types.isEmpty ? "all application types" : o.types.map(\.rawValue).joined(separator: ", ")
    var s = Scenario(
      id: o.id, title: "Generated practice: \(o.count) applicants at \(o.window) (seed \(o.seed))",
      briefing:
        "Synthetic applicants generated from seed \(o.seed) (\(typeText)). Examine each packet and "
        + (o.post == .a ? "propose the outcome with every defect; a careful colleague reviews as post B."
          : "review the simulated post A's proposals: some carry planted errors."),
      policy: policy.id, window: o.window, post: o.post, colleague: .careful, assessment: false, start: o.start,
      hours: WorkingHours(opens: 9 * 60, closes: 17 * 60), costs: .standard, applicants: [], generate: [block],
      events: [], scoring: .standard, file: "")
    // Both languages, whatever the session's language: the file is content (issue 15).
    let typeTextZh = o.types.isEmpty ? "全部申请事项类型" : o.types.map { CodeNames.typeLabel($0.rawValue, in: .zhHans) }.joined(separator: "、")
    s.titleZh = "生成练习：\(Localized.district(o.window, in: .zhHans))窗口 \(o.count) 名申请人（种子 \(o.seed)）"
    s.briefingZh =
      "由种子 \(o.seed) 生成的模拟申请人（\(typeTextZh)）。请审查每一份申请材料，"
      + (o.post == .a ? "提出受理意见并列明全部缺陷；由认真的同事担任B岗复核。" : "复核模拟A岗提出的受理意见：其中有预设的错误。")
    var applicants = ScenarioExpander.applicants(of: s, policy: policy)
    for i in applicants.indices { applicants[i].ticket = "T" + ScenarioExpander.ticket(i + 1).dropFirst() }
    s.applicants = applicants
    s.generate = []
    return s
  }
}
