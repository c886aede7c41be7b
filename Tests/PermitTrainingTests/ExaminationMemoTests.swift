import Foundation
import PermitContent
import PermitCore
import Testing

@testable import PermitTraining

/// Issue 8: a setup examines each scripted packet once (``ExaminationMemo``), however many attempts
/// are replayed on it. The examination is a pure function of (pack, packet), so an attempt must be
/// exactly the same with the memo as without it: every case (rounds, examinations, notices,
/// history), the facts and the score card.
@Suite struct ExaminationMemoTests {
  /// Everything a case holds (`CaseFile`'s `==` compares only the ticket and history).
  struct CaseView: Hashable {
    var ticket: String
    var policy: PolicyPack
    var state: CaseState
    var rounds: [Round]
    var proposal: Proposal?
    var checker: StaffID?
    var makers: Set<StaffID>
    var checkers: Set<StaffID>
    var notices: [Notice]
    var pending: [MaterialKind]
    var compliance: [Finding]
    var acceptedOn: CivilDate?
    var deemedAccepted: Bool
    var centerDeadline: CivilDate?
    var centerDecision: String
    var retainUntil: CivilDate?
    var history: [Transition]
    init(_ t: String, _ c: CaseFile) {
      ticket = t
      policy = c.policy
      state = c.state
      rounds = c.rounds
      proposal = c.proposal
      checker = c.checker
      makers = c.makers
      checkers = c.checkers
      notices = c.notices
      pending = c.pending
      compliance = c.compliance
      acceptedOn = c.acceptedOn
      deemedAccepted = c.deemedAccepted
      centerDeadline = c.centerDeadline
      centerDecision = String(describing: c.centerDecision)
      retainUntil = c.retainUntil
      history = c.history
    }
  }

  /// Everything scoring and the screens read of a session.
  struct SessionView: Equatable {
    var cases: [CaseView]
    var facts: [AttemptFacts]
    var now: Timestamp
    var finished: Bool
    var open: String?
    var policy: PolicyPack
    var pendingArrivals: [ScriptedApplicant]
    var seatChanges: String
  }

  static func everything(_ s: Session) -> SessionView {
    SessionView(
      cases: s.tickets.map { CaseView($0, s.cases[$0]!) }, facts: [s.facts, s.facts(of: .a), s.facts(of: .b)], now: s.now,
      finished: s.finished, open: s.openTicket, policy: s.policy, pendingArrivals: s.pendingArrivals,
      seatChanges: String(describing: s.seatChanges))
  }

  static func card(_ r: AttemptRunner) -> String { Scorer.score(r).json.render() }

  /// The same setup without the memo: every arrival examined by the core itself.
  static func unmemoised(_ setup: AttemptRunner.Setup) -> AttemptRunner.Setup {
    var s = setup
    s.examinations = nil
    return s
  }

  /// Plays `setup` in `style` (the live path: step, adopt) and returns the transcript and the log.
  static func play(_ setup: AttemptRunner.Setup, _ style: AutoplayStyle) -> (runner: AttemptRunner, lines: [String], log: [LoggedCommand]) {
    let r = AttemptRunner(setup: setup)
    var lines: [String] = []
    var log: [LoggedCommand] = []
    Autoplayer.play(r, style: style) { c, reply in
      log.append(.command(c))
      lines.append(CommandLog.encode(.command(c)) + " -> " + String(describing: reply.answer) + " | " + String(describing: reply.refusal) + " | " + String(describing: reply.events))
    }
    return (r, lines, log)
  }

  /// Replays `log` without the memo, then twice on one memo (the second replay only reads it), and
  /// expects the three attempts to be identical. Returns how many decisions the memo kept.
  static func expectReplaysAgree(_ setup: AttemptRunner.Setup, log: [(command: LoggedCommand, actor: String)], _ what: String) -> Int {
    let plain = AttemptRunner.replay(setup: unmemoised(setup), log: log)
    var memo = setup
    memo.examinations = ExaminationMemo()
    let first = AttemptRunner.replay(setup: memo, log: log)
    let kept = memo.examinations!.count
    let second = AttemptRunner.replay(setup: memo, log: log)
    #expect(memo.examinations!.count == kept, "\(what): a second replay examines nothing new")
    let reference = everything(plain.session)
    #expect(everything(first.session) == reference, "\(what): first replay with the memo")
    #expect(everything(second.session) == reference, "\(what): replay that reads the memo")
    #expect(card(first) == card(plain) && card(second) == card(plain), "\(what): score card")
    return kept
  }

  @Test("every shipped scenario, every autoplayer style: the same attempt with and without the memo")
  func shippedScenariosEveryStyle() {
    let course = Course(library: RuntimeFixture.library)
    #expect(course.scenarioIDs.count > 5)
    var resubmissions = 0
    var ruleChanges = 0
    for id in course.scenarioIDs.sorted() {
      guard case .success(let setup) = course.setup(scenario: id, trainee: "ada", mode: .autoplay, seed: 5) else {
        Issue.record("\(id) does not set up")
        continue
      }
      #expect(setup.examinations != nil, "a setup keeps a memo by default")
      for style in AutoplayStyle.allCases {
        // Live play: the memo (shared by every runner of this setup) against none.
        let plain = Self.play(Self.unmemoised(setup), style)
        let memo = Self.play(setup, style)
        #expect(memo.lines == plain.lines, "\(id), \(style): transcript")
        #expect(Self.everything(memo.runner.session) == Self.everything(plain.runner.session), "\(id), \(style): state")
        #expect(Self.card(memo.runner) == Self.card(plain.runner), "\(id), \(style): score card")
        // Replays of the log (what resume and verify --rescore do).
        let kept = Self.expectReplaysAgree(setup, log: plain.log.map { ($0, "ada") }, "\(id), \(style)")
        #expect(kept == plain.runner.session.tickets.count, "\(id), \(style): one decision kept per arrival")
        let s = plain.runner.session
        resubmissions += s.tickets.filter { (s.cases[$0]?.rounds.count ?? 0) > 1 }.count
        ruleChanges += s.cases.values.contains { $0.history.contains { $0.event == CaseEvent.policyChange } } || s.policy.id != setup.policy.id ? 1 : 0
      }
    }
    // The flows the memo must not touch were played: corrected packets (examined anew) and rule changes.
    #expect(resubmissions > 0 && ruleChanges > 0, "resubmissions \(resubmissions), rule changes \(ruleChanges)")
  }

  @Test("generated scenarios for post A and post B, with and without the memo")
  func generatedScenarios() {
    let pack = RuntimeFixture.pilot
    for post in [TraineePost.a, .b] {
      let o = ScenarioGeneration.Options(
        id: "memo-\(post)", count: 40, seed: 11, types: [], defectRate: 0.6, mix: [], talentShare: 0.1, window: "chaoyang",
        post: post, start: Timestamp(iso: "2017-07-03T09:00+08:00")!, everyMinutes: 5)
      let scenario = ScenarioGeneration.make(o, policy: pack)
      let setup = AttemptRunner.Setup(
        scenario: scenario, applicants: scenario.applicants, policy: pack, packs: { try? RuntimeFixture.library.policy($0).get() },
        trainee: "ada", mode: .autoplay)
      for style in AutoplayStyle.allCases {
        let plain = Self.play(Self.unmemoised(setup), style)
        let memo = Self.play(setup, style)
        #expect(memo.lines == plain.lines, "post \(post), \(style)")
        #expect(Self.card(memo.runner) == Self.card(plain.runner), "post \(post), \(style)")
        _ = Self.expectReplaysAgree(setup, log: plain.log.map { ($0, "ada") }, "post \(post), \(style)")
      }
    }
  }

  @Test("practice: snapshots, restores and a trainer's surges (new tickets S001… after a restore) replay the same")
  func practiceWithSurgesAndRestores() {
    let course = Course(library: RuntimeFixture.library)
    guard case .success(let setup) = course.setup(scenario: "m02-s04-one-time-notice", trainee: "ada", mode: .practice, seed: 2) else {
      Issue.record("m02-s04-one-time-notice does not set up")
      return
    }
    func w(_ text: String) -> LoggedCommand { LoggedCommand.parse(text.split(separator: " ").map(String.init)).0 }
    let surge3 = LoggedCommand.instructor(.surge(count: 3))
    let commands: [LoggedCommand] = [
      w("snapshot start"), w("advance --to 10:00"), surge3, w("advance 20m"), w("open T001"), w("checklist"), w("decide accept"),
      w("restore start"), w("advance --to 09:40"), surge3, w("advance 40m"), .instructor(.ruleChange(policy: "beijing-2024")),
      .instructor(.surge(count: 2)), w("advance 2h"), w("finish --now"),
    ]
    let log = commands.map { (command: $0, actor: "ada") }
    let kept = Self.expectReplaysAgree(setup, log: log, "practice with surges")
    // Surge applicants that share a ticket but not a packet (arrival) were each examined.
    let r = AttemptRunner.replay(setup: setup, log: log)
    #expect(r.session.tickets.filter { $0.hasPrefix("S") }.count == 5, "\(r.session.tickets)")
    #expect(kept > r.session.tickets.count, "kept \(kept), tickets \(r.session.tickets)")
  }

  @Test("pair mode: both posts' commands replayed as their typists, with and without the memo")
  func pairMode() {
    var setup = RuntimeFixture.setup(RuntimeFixture.scenario(post: .a), mode: .practice)
    setup.pair = Pairing(postA: "ada", postB: "bo")
    let script: [(String, String)] = [
      ("ada", "advance --to 09:45"), ("ada", "open T001"), ("ada", "decide accept"), ("ada", "handover"),
      ("bo", "open T001"), ("bo", "checklist"), ("bo", "points"), ("bo", "show passport"), ("bo", "review agree"),
      ("ada", "issue"), ("ada", "advance 2h"), ("ada", "open T002"), ("ada", "decide supplement"), ("ada", "handover"),
      ("bo", "open T002"), ("bo", "review return missing evidence"), ("ada", "advance 1h"), ("ada", "finish --now"),
    ]
    let log = script.map { (command: LoggedCommand.parse($0.1.split(separator: " ").map(String.init)).0, actor: $0.0) }
    _ = Self.expectReplaysAgree(setup, log: log, "pair")
    let r = AttemptRunner.replay(setup: setup, log: log)
    #expect(r.session.cases["T001"]?.notices.count == 1, "\(String(describing: r.session.cases["T001"]?.state))")
    #expect(Scorer.score(r, post: .b).json.render() == Scorer.score(AttemptRunner.replay(setup: Self.unmemoised(setup), log: log), post: .b).json.render())
  }

  @Test("the memo gives the examiner's decision for the very packet and pack asked about")
  func memoKeysOnPacketAndPack() {
    let memo = ExaminationMemo()
    let complete = RuntimeFixture.packet(RuntimeFixture.complete)
    let defective = RuntimeFixture.packet(RuntimeFixture.defective)
    let y2025 = try! RuntimeFixture.library.policy("beijing-2025").get()
    let pilot = RuntimeFixture.pilot
    #expect(Examiner(policy: pilot).examine(complete) != Examiner(policy: pilot).examine(defective))
    #expect(memo.examination(ticket: "T001", packet: complete, policy: pilot) == Examiner(policy: pilot).examine(complete))
    // The same ticket with another packet (a surge's S001 after a restore), or under another pack.
    #expect(memo.examination(ticket: "T001", packet: defective, policy: pilot) == Examiner(policy: pilot).examine(defective))
    #expect(memo.examination(ticket: "T001", packet: complete, policy: y2025) == Examiner(policy: y2025).examine(complete))
    // Another time of submission is another packet.
    var later = complete
    later.submitted = later.submitted.adding(seconds: 7 * 86_400)
    #expect(memo.examination(ticket: "T001", packet: later, policy: pilot) == Examiner(policy: pilot).examine(later))
    #expect(memo.examination(ticket: "T001", packet: complete, policy: pilot) == Examiner(policy: pilot).examine(complete))
    // One decision per ticket, pack and time of submission (the last packet asked about).
    #expect(memo.count == 3, "\(memo.count)")
  }

  @Test("two threads sharing one memo get the examiner's decisions")
  func sharedByThreads() async {
    let memo = ExaminationMemo()
    let packets = (0..<8).map { i in
      var p = RuntimeFixture.packet(i % 2 == 0 ? RuntimeFixture.complete : RuntimeFixture.defective)
      p.submitted = p.submitted.adding(seconds: Int64(i) * 3600)
      return p
    }
    let pilot = RuntimeFixture.pilot
    let expected = packets.map { Examiner(policy: pilot).examine($0) }
    await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<2 {
        group.addTask {
          var ok = true
          for _ in 0..<50 {
            for (i, p) in packets.enumerated() { ok = ok && memo.examination(ticket: "T\(i)", packet: p, policy: pilot) == expected[i] }
          }
          return ok
        }
      }
      for await ok in group { #expect(ok) }
    }
    #expect(memo.count == packets.count)
  }
}
