import PermitContent
import PermitCore

/// The simulated world of a ``Session``: arrivals, timed events, the simulated colleague, the
/// Center and the deadlines, advancing on the simulated clock and reporting what happens as
/// ``SessionEvent``s.
extension Session {
  // MARK: - The world

  /// Moves the clock to `t`, letting everything scheduled up to then happen in time order.
  mutating func advanceWorld(to t: Timestamp) {
    while true {
      var next: (Timestamp, Int)?  // (time, kind 0 arrival 1 event 2 task 3 deadline)
      if let a = arrivals.first, a.arrives <= t { next = (a.arrives, 0) }
      if let e = events.first, e.at <= t, next == nil || e.at < next!.0 { next = (e.at, 1) }
      if let k = tasks.min(by: { ($0.at, $0.serial) < ($1.at, $1.serial) }), k.at <= t, next == nil || k.at < next!.0 {
        next = (k.at, 2)
      }
      if let d = nextDeemedTime(), d <= t, next == nil || d < next!.0 { next = (d, 3) }
      guard let (when, kind) = next else { break }
      if when > clock.current { try? clock.advance(to: when) }
      switch kind {
      case 0: arrive(arrivals.removeFirst())
      case 1: happen(events.removeFirst())
      case 2:
        let i = tasks.indices.min { (tasks[$0].at, tasks[$0].serial) < (tasks[$1].at, tasks[$1].serial) }!
        run(tasks.remove(at: i))
      default: applyDeadlines()
      }
    }
    if t > clock.current { try? clock.advance(to: t) }
  }

  /// When the next deemed acceptance happens (the core's
  /// ``FollowUp/acceptanceDecision(deadline:deemedAcceptedAt:)`` of the cases still awaiting their
  /// acceptance decision).
  func nextDeemedTime() -> Timestamp? { deemed.values.min() }

  /// Applies the law to the cases whose deemed acceptance is due, in arrival order.
  mutating func applyDeadlines() {
    for t in tickets {
      guard let due = deemed[t], due <= now, var c = cases[t] else { continue }
      if let next = c.applyDeadlines(now: now) {
        put(t, c)
        inbox.append(.deemedAccepted(ticket: t, deadline: c.currentRound.deadline))
        arrange(t, next, by: .system)
      }
    }
  }

  /// Arranges what a transition of case `t` set in motion (``FollowUp``): the simulated world plays
  /// every part the trainee does not. The simulated post A examines 10 working minutes later and
  /// issues at once what post B agreed (when the trainee is post B); the deemed acceptance waits for
  /// its time; the employer brings accept-pending items on the morning of the Center's preliminary
  /// review and a scripted correction after its hours; the Center reviews and decides when the core
  /// says (the pack's Center timings); whoever closed the case (`actor`: the window's registry for a
  /// refusal, the Center for its decision) files it at once.
  mutating func arrange(_ t: String, _ next: [FollowUp], by actor: StaffID) {
    for f in next {
      switch f {
      case .examine:
        if simulatesPostA, let c = cases[t] { schedule(later(10, from: c.lastEventAt), .colleaguePropose(t)) }
      case .acceptanceDecision(_, let at): deemed[t] = at
      case .review: break  // post B: the trainee, or the simulated colleague once handed over
      case .issueNotice: if simulatesPostA { schedule(now, .colleagueIssue(t)) }
      case .awaitCorrection:
        if let fix = applicants[t]?.correction, cases[t]?.rounds.count == 1 {
          schedule(scenario.hours.adding(minutes: fix.afterHours * 60, to: now, calendar: policy.calendar, offset: offset), .correction(t))
        }
      case .awaitPending:
        let review = next.lazy.compactMap { f -> Timestamp? in
          if case .centerPreliminaryReview(let at, _) = f { return at } else { return nil }
        }.first
        schedule(review ?? now, .pendingItems(t))
      case .centerPreliminaryReview(let at, _): schedule(at, .centerReview(t))
      case .centerDecision(let at, _): schedule(at, .centerDecide(t))
      case .file:
        guard var c = cases[t], let after = try? c.file(at: now, by: actor) else { continue }
        put(t, c)
        arrange(t, after, by: actor)
      case .retainUntil: break  // kept beyond any attempt: nothing is purged in the sandbox
      }
    }
  }

  mutating func schedule(_ at: Timestamp, _ kind: Task.Kind) {
    taskSerial += 1
    tasks.append(Task(at: at, serial: taskSerial, kind: kind))
  }

  func later(_ minutes: Int, from t: Timestamp? = nil) -> Timestamp {
    scenario.hours.adding(minutes: minutes, to: t ?? now, calendar: policy.calendar, offset: offset)
  }

  mutating func arrive(_ a: ScriptedApplicant) {
    var packet = a.packet
    packet.submitted = a.arrives
    // The setup's memo: a replay of the scenario receives the decision on this very packet and
    // pack that an earlier session of the setup computed (issue 8).
    let exam = examinations?.examination(ticket: a.ticket, packet: packet, policy: policy)
    let (c, next) = CaseFile.receive(ticket: a.ticket, packet: packet, policy: policy, receivedBy: StaffID("window-intake"), examination: exam)
    put(a.ticket, c)
    tickets.append(a.ticket)
    inbox.append(.arrived(ticket: a.ticket, applicant: packet.applicant.name, type: packet.application.type, employer: packet.employer.name, deadline: c.acceptanceDeadline))
    arrange(a.ticket, next, by: StaffID("window-intake"))
  }

  mutating func happen(_ e: TimedEvent, fromTrainer: Bool = false) {
    // The scenario's message in both languages (the screens choose); a trainer's event says so.
    let message: WorldMessage = fromTrainer ? .fromTrainer : .content(en: e.message, zh: e.messageZh)
    switch e.kind {
    case .ruleChange(let id):
      if let p = packs(id) {
        policy = p
        inbox.append(.ruleChanged(message: message, policy: id, at: e.at))
      } else {
        inbox.append(.ruleChangeUnavailable(message: message, policy: id))
      }
    case .surge(let block):
      inbox.append(.surge(message: message, count: block.count))
    case .colleagueAbsent(let until):
      absentUntil = until
      inbox.append(.colleagueAway(colleague: colleague, until: until, message: message))
    case .announcement:
      inbox.append(.announcement(message: .content(en: e.message, zh: e.messageZh)))
    }
  }

  /// Surge arrivals are expanded ahead of time by the caller and simply arrive; nothing else here.

  func colleagueAvailable(at t: Timestamp) -> Timestamp {
    if let u = absentUntil, u > t { return u }
    return t
  }

  mutating func run(_ task: Task) {
    switch task.kind {
    case .colleagueReview(let t): colleagueReview(t)
    case .colleaguePropose(let t): colleaguePropose(t)
    case .colleagueIssue(let t): colleagueIssue(t)
    case .pendingItems(let t):
      // The employer brings every item still owed.
      guard var c = cases[t], c.state.atCenter else { return }
      for item in c.pending { try? c.receivePending(item, at: now) }
      put(t, c)
    case .centerReview(let t):
      guard var c = cases[t], let next = try? c.centerPreliminaryReviewDone(at: now) else { return }
      put(t, c)
      arrange(t, next, by: .center)
    case .centerDecide(let t):
      // The simulated Center approves what the examiner would have accepted and bounces the rest.
      guard var c = cases[t] else { return }
      let exam = c.currentRound.examination
      let ok = exam.outcome.isAcceptance
      let reason: CenterReason = ok ? .approved : .shouldNotHaveBeenAccepted(exam.outcome, defects: exam.defects.map(\.code))
      guard let next = try? c.centerDecide(approve: ok, reason: reason, at: now) else { return }
      put(t, c)
      arrange(t, next, by: .center)
      inbox.append(ok ? .centerApproved(ticket: t, retainUntil: cases[t]?.retainUntil) : .centerBounced(ticket: t, outcome: exam.outcome, defects: exam.defects.map(\.code)))
    case .correction(let t):
      guard var c = cases[t], c.state == .awaitingCorrection, let fix = applicants[t]?.correction else { return }
      var packet = fix.packet
      packet.submitted = now
      if let next = try? c.resubmit(packet) {
        put(t, c)
        inbox.append(.corrected(ticket: t, round: c.rounds.count, deadline: c.acceptanceDeadline))
        arrange(t, next, by: .employer)
      }
    }
  }

  /// The examiner's answer for the current round, as a proposal.
  /// The examiner's answer for a case as a proposal by `maker`, dated at the case's last event
  /// (the autoplayer uses only the answer).
  static func modelProposal(_ c: CaseFile, maker: StaffID) -> Proposal {
    let a = c.currentRound.examination.answer
    return Proposal(outcome: a.outcome, defects: a.defects, referTo: a.referTo, maker: maker, at: c.lastEventAt)
  }

  func modelProposal(_ c: CaseFile, maker: StaffID, at: Timestamp) -> Proposal {
    let a = c.currentRound.examination.answer
    return Proposal(outcome: a.outcome, defects: a.defects, referTo: a.referTo, maker: maker, at: at)
  }

  /// Whether a proposal agrees with the examiner, and if not, why (``Grading``).
  public static func judge(_ p: Proposal, against e: Decision) -> String? {
    Grading.grade(p, against: e).explanation
  }

  mutating func colleagueReview(_ t: String) {
    guard var c = cases[t], c.state == .proposed, let p = c.proposal else { return }
    let verdict: ReviewVerdict
    switch scenario.colleague {
    case .rubberStamp: verdict = .agree
    case .careful:
      let g = Grading.grade(p, against: c.currentRound.examination)
      verdict = g.explanation == nil ? .agree : .return(reason: .grade(g))
    case .scripted:
      let s = applicants[t]?.review ?? "agree"
      verdict = s == "agree" ? .agree : .return(reason: .words(s.hasPrefix("return:") ? String(s.dropFirst(7)).trimmingWhitespace : s))
    }
    do {
      let next = try c.review(verdict, by: colleague, at: now)
      put(t, c)
      arrange(t, next, by: colleague)
      switch verdict {
      case .agree: inbox.append(.colleagueAgreed(ticket: t, colleague: colleague))
      case .return(let r):
        // The careful colleague's reason is its grade, a scripted one the scenario's own text (the
        // screens say them in the session's language, as the timeline does).
        let exam = c.currentRound.examination
        inbox.append(.colleagueReturned(ticket: t, colleague: colleague, reason: r, late: Session.lateNote(exam)))
      }
    } catch {
      inbox.append(.colleagueCouldNotReview(ticket: t, error: error))
    }
  }

  mutating func colleaguePropose(_ t: String) {
    guard var c = cases[t], c.state == .received else { return }
    var p = modelProposal(c, maker: colleague, at: now)
    if c.rounds.count == 1, let scripted = applicants[t]?.proposal, !c.history.contains(where: { $0.event == .review }) {
      p = Proposal(outcome: scripted.outcome, defects: scripted.defects, referTo: scripted.referTo, maker: colleague, at: now)
    }
    do {
      try c.propose(p)
      put(t, c)
      inbox.append(.colleagueProposed(ticket: t, colleague: colleague, outcome: p.outcome, defects: p.defects))
    } catch {
      // A scripted proposal the core refuses (`check` reports these): post A proposes the file's answer.
      let model = modelProposal(c, maker: colleague, at: now)
      if (try? c.propose(model)) != nil {
        put(t, c)
        inbox.append(.colleagueProposed(ticket: t, colleague: colleague, outcome: model.outcome, defects: model.defects))
      }
    }
  }

  mutating func colleagueIssue(_ t: String) {
    guard var c = cases[t], c.state == .agreed else { return }
    do {
      let next = try c.issueNotice(by: colleague, at: now)
      put(t, c)
      inbox.append(.colleagueIssued(ticket: t, notice: c.notices.last!.outcome))
      arrange(t, next, by: StaffID("window-registry"))
    } catch {
      // The core refuses an incomplete one-time notice: post A proposes again.
      inbox.append(.colleagueNoticeRefused(ticket: t, error: error))
      var cc = c
      let p = modelProposal(cc, maker: colleague, at: now)
      if (try? cc.propose(p)) != nil {
        put(t, cc)
        inbox.append(.colleagueProposed(ticket: t, colleague: colleague, outcome: p.outcome, defects: p.defects))
      }
    }
  }

}
