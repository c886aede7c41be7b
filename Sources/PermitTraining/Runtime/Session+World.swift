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

  /// When the next deemed acceptance happens: the start of the day after a pending deadline.
  func nextDeemedTime() -> Timestamp? {
    var best: Timestamp?
    for (t, d) in deemed {
      var at = d.at
      if d.policyOffset != offset || d.clockOffset != now.offsetSeconds, let c = cases[t] { at = deemedTime(c) }
      if best == nil || at < best! { best = at }
    }
    return best
  }

  /// When a case awaiting its acceptance decision is deemed accepted if nothing else happens.
  func deemedTime(_ c: CaseFile) -> Timestamp {
    let when = Timestamp(date: c.acceptanceDeadline.adding(days: 1), hour: 0, minute: 0, offsetSeconds: offset)
      .at(offset: now.offsetSeconds)
    return max(when, c.lastEventAt)
  }

  mutating func applyDeadlines() {
    for t in tickets {
      guard var c = cases[t] else { continue }
      if c.applyDeadlines(now: now) {
        put(t, c)
        inbox.append(.deemedAccepted(ticket: t, deadline: c.currentRound.deadline))
        scheduleCenter(t)
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
    let c = CaseFile(ticket: a.ticket, packet: packet, policy: policy, receivedBy: StaffID("window-intake"))
    put(a.ticket, c)
    tickets.append(a.ticket)
    inbox.append(.arrived(ticket: a.ticket, applicant: packet.applicant.name, type: packet.application.type, employer: packet.employer.name, deadline: c.acceptanceDeadline))
    if simulatesPostA { schedule(later(10, from: a.arrives), .colleaguePropose(a.ticket)) }
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
    case .centerReview(let t):
      guard var c = cases[t] else { return }
      for item in c.pending { try? c.receivePending(item, at: now) }
      if (try? c.centerPreliminaryReviewDone(at: now)) != nil {
        put(t, c)
        let due = c.centerDeadline.map { c.policy.calendar.workingDay(onOrAfter: $0) }
        let ct = c.policy.center
        let within = policy.calendar.addingWorkingDays(ct.decideWithinWorkingDays, to: now.date(atOffset: offset))
        let at = Timestamp(date: min(due ?? now.date(atOffset: offset), within), hour: ct.decideAtMinute / 60, minute: ct.decideAtMinute % 60, offsetSeconds: offset)
        schedule(max(at, now), .centerDecide(t))
      }
    case .centerDecide(let t):
      guard var c = cases[t] else { return }
      let exam = c.currentRound.examination
      let ok = exam.outcome.isAcceptance
      let reason = ok ? "approved" : "bounced: the file should not have been accepted (\(exam.outcome.rawValue): \(exam.defects.map(\.code).joined(separator: ", ")))"
      if (try? c.centerDecide(approve: ok, reason: reason, at: now)) != nil {
        try? c.file(at: now, by: .center)
        put(t, c)
        inbox.append(ok ? .centerApproved(ticket: t, retainUntil: c.retainUntil) : .centerBounced(ticket: t, outcome: exam.outcome, defects: exam.defects.map(\.code)))
      }
    case .correction(let t):
      guard var c = cases[t], c.state == .awaitingCorrection, let fix = applicants[t]?.correction else { return }
      var packet = fix.packet
      packet.submitted = now
      if (try? c.resubmit(packet)) != nil {
        put(t, c)
        inbox.append(.corrected(ticket: t, round: c.rounds.count, deadline: c.acceptanceDeadline))
        if simulatesPostA { schedule(later(10), .colleaguePropose(t)) }
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
      if let why = Session.judge(p, against: c.currentRound.examination) { verdict = .return(reason: why) } else { verdict = .agree }
    case .scripted:
      let s = applicants[t]?.review ?? "agree"
      verdict = s == "agree" ? .agree : .return(reason: s.hasPrefix("return:") ? String(s.dropFirst(7)).trimmingWhitespace : s)
    }
    do {
      try c.review(verdict, by: colleague, at: now)
      put(t, c)
      switch verdict {
      case .agree: inbox.append(.colleagueAgreed(ticket: t, colleague: colleague))
      case .return(let r):
        // The careful colleague's reason is its grade (the screens say it in the session's language;
        // the case history keeps the core's English); a scripted reason is the scenario's own text.
        let exam = c.currentRound.examination
        let why: ReturnReason = scenario.colleague == .careful ? .graded(Grading.grade(p, against: exam), fallback: r) : .scripted(r)
        inbox.append(.colleagueReturned(ticket: t, colleague: colleague, reason: why, late: Session.lateNote(exam)))
      }
    } catch {
      inbox.append(.colleagueCouldNotReview(ticket: t, error: error))
    }
  }

  mutating func colleaguePropose(_ t: String) {
    guard var c = cases[t], c.state == .received else { return }
    var p = modelProposal(c, maker: colleague, at: now)
    if c.rounds.count == 1, let scripted = applicants[t]?.proposal, !c.history.contains(where: { $0.event == "review" }) {
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
      try c.issueNotice(by: colleague, at: now)
      put(t, c)
      inbox.append(.colleagueIssued(ticket: t, notice: c.notices.last!.outcome))
      afterNotice(t)
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

  mutating func scheduleCenter(_ t: String) {
    let ct = cases[t]?.policy.center ?? policy.center
    let day = policy.calendar.addingWorkingDays(ct.reviewAfterWorkingDays, to: now.date(atOffset: offset))
    schedule(Timestamp(date: day, hour: ct.reviewAtMinute / 60, minute: ct.reviewAtMinute % 60, offsetSeconds: offset), .centerReview(t))
  }

  mutating func afterNotice(_ t: String) {
    guard var c = cases[t], let n = c.notices.last else { return }
    switch n.outcome {
    case .accept, .acceptPending: scheduleCenter(t)
    case .refuse:
      try? c.file(at: now, by: StaffID("window-registry"))
      put(t, c)
    case .supplement:
      if let fix = applicants[t]?.correction, c.rounds.count == 1 {
        schedule(scenario.hours.adding(minutes: fix.afterHours * 60, to: now, calendar: policy.calendar, offset: offset), .correction(t))
      }
    }
  }

}
