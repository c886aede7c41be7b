@testable import PermitDeskCLI
import Foundation
import PermitCore
import Testing

@testable import PermitTraining
import PermitContent

/// Runtime, autoplay and scoring properties on small scenarios built in code.
enum RuntimeFixture {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let library = ContentLibrary(root: root)
  static let pilot = try! library.policy("beijing-2017-pilot").get()

  static func packet(_ yaml: String) -> Packet {
    let r = YAMLReader(file: "inline")
    let node = r.parse(yaml)!
    guard let p = PacketReader.read(node, reader: r) else { fatalError(r.diagnostics.map(\.description).joined(separator: "\n")) }
    return p
  }

  /// A complete overseas-notification packet, shared with the content tests
  /// (`Tests/PermitContentTests/Fixtures/packets/complete.yaml`).
  static let complete: String = {
    let path = root + "/Tests/PermitContentTests/Fixtures/packets/complete.yaml"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fatalError("missing fixture \(path)") }
    return text
  }()

  static var defective: String {
    complete.replacingOccurrences(of: "issued: 2017-03-01", with: "issued: 2016-12-01")
      .replacingOccurrences(of: "authentication: embassy, translation: sealed }\n  - { kind: criminal", with: "authentication: none, translation: sealed }\n  - { kind: criminal")
  }

  static let foreignEmployer = """
    window: chaoyang
    submitted: 2017-07-03T09:10+08:00
    employer: { name: "Beijing Lotus (Sandbox) Co., Ltd.", district: haidian }
    applicant: { name: "Yui SATO", nationality: JP, birth-date: 1990-09-30, passport-number: SPEC55501, passport-expires: 2026-05-01 }
    application: { type: cancellation, category: B, contract-end: 2017-06-30 }
    materials:
      - { kind: application-form, signed: true, sealed: true }
      - { kind: termination-proof }
      - { kind: work-permit-card }
    """

  static func at(_ s: String) -> Timestamp { Timestamp(iso: s)! }

  static func scenario(post: TraineePost, colleague: ColleagueStyle = .careful, planted: Bool = false) -> Scenario {
    var apps = [
      ScriptedApplicant(ticket: "T001", arrives: at("2017-07-03T09:10+08:00"), packet: packet(complete)),
      ScriptedApplicant(ticket: "T002", arrives: at("2017-07-03T09:40+08:00"), packet: packet(defective)),
      ScriptedApplicant(ticket: "T003", arrives: at("2017-07-03T10:30+08:00"), packet: packet(foreignEmployer)),
    ]
    if planted { apps[1].proposal = ScriptedProposal(outcome: .supplement, defects: ["stale:criminal-record"]) }
    return Scenario(
      id: "test", title: "Test day", briefing: "A test.", policy: "beijing-2017-pilot", window: "chaoyang", post: post,
      colleague: colleague, assessment: false, start: at("2017-07-03T09:00+08:00"),
      hours: WorkingHours(opens: 540, closes: 1020), costs: .standard, applicants: apps, generate: [], events: [],
      scoring: .standard, file: "test.yaml")
  }

  static func setup(_ s: Scenario, mode: AttemptMode = .autoplay) -> AttemptRunner.Setup {
    AttemptRunner.Setup(scenario: s, applicants: s.applicants, policy: pilot, packs: { try? library.policy($0).get() }, trainee: "ada", mode: mode)
  }

  static func autoplay(_ s: Scenario, _ style: AutoplayStyle) -> (AttemptRunner, ScoreCard, [[String]]) {
    let r = AttemptRunner(setup: setup(s))
    var log: [[String]] = []
    Autoplayer.play(r, style: style) { command, _ in log.append(command.words) }
    return (r, Scorer.score(r.session), log)
  }
}

@Suite struct AutoplayScoringTests {
  @Test(arguments: [TraineePost.a, .b])
  func perfectPlayScores100(post: TraineePost) {
    let (r, card, _) = RuntimeFixture.autoplay(RuntimeFixture.scenario(post: post, planted: post == .b), .perfect)
    #expect(r.session.finished)
    #expect(card.decisions == 100 && card.doubleReview == 100 && card.timeLimits == 100, "\(card.lost)")
    #expect(card.overall == 100 && card.passed)
    // Every case got its notice, signed by two different people.
    for t in r.session.tickets {
      let c = r.session.cases[t]!
      #expect(!c.notices.isEmpty)
      for n in c.notices { #expect(n.maker != n.checker) }
    }
  }

  @Test func skipReviewLowersOnlyDoubleReview() {
    for post in [TraineePost.a, .b] {
      let (_, card, _) = RuntimeFixture.autoplay(RuntimeFixture.scenario(post: post, planted: post == .b), .skipReview)
      #expect(card.doubleReview < 100, "post \(post)")
      #expect(card.decisions == 100 && card.timeLimits == 100, "post \(post): \(card.lost)")
    }
  }

  @Test func lateLowersOnlyTimeLimits() {
    for post in [TraineePost.a, .b] {
      let (r, card, _) = RuntimeFixture.autoplay(RuntimeFixture.scenario(post: post, planted: post == .b), .late)
      #expect(card.timeLimits < 100, "post \(post)")
      #expect(card.decisions == 100 || post == .b, "post \(post): \(card.lost)")
      #expect(card.doubleReview == 100 || post == .b, "post \(post): \(card.lost)")
      #expect(r.session.tickets.contains { r.session.cases[$0]!.deemedAccepted })
    }
  }

  @Test func missDefectsLowersOnlyDecisions() {
    for post in [TraineePost.a, .b] {
      for colleague in [ColleagueStyle.careful, .rubberStamp] {
        let (_, card, _) = RuntimeFixture.autoplay(RuntimeFixture.scenario(post: post, colleague: colleague, planted: post == .b), .missDefects)
        #expect(card.decisions < 100, "post \(post) \(colleague)")
        #expect(card.doubleReview == 100 && card.timeLimits == 100, "post \(post) \(colleague): \(card.lost)")
      }
    }
  }

  @Test func sameLogSameScore() {
    for style in AutoplayStyle.allCases {
      let s = RuntimeFixture.scenario(post: .a)
      let (r, card, log) = RuntimeFixture.autoplay(s, style)
      let again = AttemptRunner.replay(setup: RuntimeFixture.setup(s), log: log)
      let card2 = Scorer.score(again.session)
      #expect(card.json == card2.json, "\(style)")
      #expect(again.session.now == r.session.now)
      #expect(again.session.tickets.map { again.session.cases[$0]!.history } == r.session.tickets.map { r.session.cases[$0]!.history })
    }
  }
}

@Suite struct SessionCommandTests {
  func runner(post: TraineePost = .a, mode: AttemptMode = .practice, colleague: ColleagueStyle = .careful) -> AttemptRunner {
    AttemptRunner(setup: RuntimeFixture.setup(RuntimeFixture.scenario(post: post, colleague: colleague), mode: mode))
  }

  @Test func issueBeforePostBIsRefusedAndRecorded() {
    let r = runner()
    _ = r.apply(["advance", "30m"])
    #expect(r.apply(["open", "T001"]).ok)
    #expect(r.apply(["decide", "accept"]).ok)
    let issue = r.apply(["issue"])
    #expect(!issue.ok)
    #expect(issue.lines[0].contains("post B"))
    #expect(r.session.facts.breaches.map(\.kind) == [.issueWithoutReview])
    #expect(r.apply(["handover"]).ok)
    #expect(r.apply(["issue"]).ok)
    #expect(r.session.cases["T001"]!.notices.count == 1)
  }

  @Test func selfReviewIsRefused() {
    let r = runner()
    _ = r.apply(["advance", "30m"])
    _ = r.apply(["open", "T001"])
    _ = r.apply(["decide", "accept"])
    let review = r.apply(["review", "agree"])
    #expect(!review.ok)
    #expect(r.session.facts.breaches.map(\.kind) == [.selfReview])
  }

  @Test func incompleteNoticeIsRefusedByTheCore() {
    let r = runner(colleague: .rubberStamp)
    _ = r.apply(["advance", "1h"])
    _ = r.apply(["open", "T002"])
    #expect(r.apply(["decide", "supplement", "stale:criminal-record"]).ok)
    #expect(r.apply(["handover"]).ok)
    let issue = r.apply(["issue"])
    #expect(!issue.ok)
    #expect(issue.lines[0].contains("unauthenticated:degree"))
    #expect(r.session.cases["T002"]!.notices.isEmpty)
  }

  @Test func carefulColleagueReturnsAWrongProposal() {
    let r = runner()
    _ = r.apply(["advance", "1h"])
    _ = r.apply(["open", "T002"])
    _ = r.apply(["decide", "accept"])
    let h = r.apply(["handover"])
    #expect(h.lines.contains { $0.contains("returns your proposal") })
    #expect(r.session.cases["T002"]!.state == .received)
  }

  @Test func wrongCommandsGetAHint() {
    let r = runner()
    #expect(r.apply(["open", "T001"]).lines[0].contains("not arrived"))
    _ = r.apply(["advance", "1h"])
    #expect(r.apply(["open", "T00l"]).lines[0].contains("did you mean 'T001'"))
    _ = r.apply(["open", "T001"])
    #expect(r.apply(["decide", "acept"]).lines[0].contains("did you mean 'accept'"))
    #expect(r.apply(["decide", "supplement", "stale:criminal-recrd"]).lines[0].contains("did you mean 'stale:criminal-record'"))
    #expect(r.apply(["show", "pasport"]).lines[0].contains("did you mean 'passport'"))
    #expect(!r.apply(["advance", "--to", "2017-07-03T08:00+08:00"]).ok)
  }

  @Test func snapshotAndRestoreInPracticeOnly() {
    let r = runner()
    _ = r.apply(["advance", "1h"])
    #expect(r.apply(["snapshot", "before"]).ok)
    let t = r.session.now
    _ = r.apply(["advance", "3h"])
    #expect(r.apply(["restore", "before"]).ok)
    #expect(r.session.now == t)
    let a = runner(mode: .assessment)
    #expect(!a.apply(["snapshot", "x"]).ok)
    #expect(!a.apply(["hint"]).ok)
  }

  @Test func doingNothingEndsInDeemedAcceptance() {
    let r = runner()
    #expect(!r.apply(["finish"]).ok)  // three files would lapse: it needs --now
    #expect(r.apply(["finish", "--now"]).ok)
    let s = r.session
    #expect(s.tickets.allSatisfy { s.cases[$0]!.deemedAccepted })
    let card = Scorer.score(s)
    #expect(card.timeLimits == 0)
    #expect(card.decisions == 0)
    // The defective and out-of-jurisdiction files are bounced by the Center.
    #expect(s.cases["T002"]!.centerDecision?.approved == false)
  }

  @Test func durations() {
    #expect(Session.parseDuration("90m") == 5400)
    #expect(Session.parseDuration("1h30m") == 5400)
    #expect(Session.parseDuration("2d") == 172_800)
    #expect(Session.parseDuration("h") == nil)
    #expect(Session.parseDuration("10") == nil)
    #expect(Session.parseDuration("-1h") == nil)
  }
}

@Suite struct ProgressTests {
  func module(_ id: String, _ order: Int, prereq: [String] = [], assessment: Bool = false) -> CurriculumModule {
    CurriculumModule(id: id, order: order, title: id, objectives: [], briefing: "", scenarios: [id + "-s1"], passMark: 70, prerequisites: prereq, assessment: assessment, file: "")
  }

  @Test func modulesOpenWhenPrerequisitesPass() {
    let mods = [module("m1", 1), module("m2", 2, prereq: ["m1"]), module("m3", 3, prereq: ["m2"], assessment: true)]
    var attempts: [AttemptSummary] = []
    var p = Progress.compute(modules: mods, attempts: attempts)
    #expect(p.map(\.status) == [.open, .locked, .locked])
    attempts.append(AttemptSummary(moduleID: "m1", scenarioID: "m1-s1", mode: "practice", finished: true, overall: 60, passed: false))
    p = Progress.compute(modules: mods, attempts: attempts)
    #expect(p.map(\.status) == [.open, .locked, .locked])
    #expect(p[0].attempts == 1 && p[0].best == 60)
    attempts.append(AttemptSummary(moduleID: "m1", scenarioID: "m1-s1", mode: "practice", finished: true, overall: 85, passed: true))
    attempts.append(AttemptSummary(moduleID: "m2", scenarioID: "m2-s1", mode: "autoplay", finished: true, overall: 100, passed: true))
    p = Progress.compute(modules: mods, attempts: attempts)
    #expect(p.map(\.status) == [.passed, .open, .locked])
    #expect(p[0].best == 85 && p[0].last == 85)
    attempts.append(AttemptSummary(moduleID: "m2", scenarioID: "m2-s1", mode: "practice", finished: true, overall: 90, passed: true))
    attempts.append(AttemptSummary(moduleID: "m3", scenarioID: "m3-s1", mode: "practice", finished: true, overall: 95, passed: true))
    p = Progress.compute(modules: mods, attempts: attempts)
    #expect(p.map(\.status) == [.passed, .passed, .open])  // an assessment needs an assessment-mode attempt
    attempts.append(AttemptSummary(moduleID: "m3", scenarioID: "m3-s1", mode: "assessment", finished: true, overall: 75, passed: true))
    #expect(Progress.compute(modules: mods, attempts: attempts).map(\.status) == [.passed, .passed, .passed])
  }
}
