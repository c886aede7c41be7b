import PermitCore

/// Plays the model answer through the real runtime, or the model answer with one kind of mistake
/// (product.md §8: `play --autoplay`), so a trainer can prove a scenario is winnable and scored right.
public enum AutoplayStyle: String, CaseIterable, Sendable {
  /// The examiner's answer, on time, with post B's review and evidence opened.
  case perfect
  /// Tries to issue before post B has agreed (post A), or gives verdicts without opening the evidence (post B).
  case skipReview = "skip-review"
  /// Right decisions, but the first file of the day is left until its deadline has passed
  /// (deemed acceptance); the others are handled on time.
  case late
  /// Proposes one-time notices with a defect left out (post A), or agrees with every proposal (post B).
  case missDefects = "miss-defects"
}

/// Drives an ``AttemptRunner`` with an ``AutoplayStyle``.
public enum Autoplayer {
  /// Plays the attempt to its end with typed commands; `each` sees every command and reply (to log
  /// and print them). With `commit`, each command's step is offered to it before the runner adopts
  /// it (commit, then apply): when `commit` returns false the command is not applied and play stops.
  public static func play(
    _ runner: AttemptRunner, style: AutoplayStyle, commit: ((AttemptRunner.Step) -> Bool)? = nil,
    each: (AttemptCommand, Session.Reply) -> Void
  ) {
    play(runner, style: style, scan: false, commit: commit, each: each)
  }

  /// ``play(_:style:commit:each:)``, choosing the next file from a ``WorkIndex`` kept from the
  /// tickets each command touched, or (`scan`, the reference the tests compare it with) by
  /// scanning every ticket, which copied every case on each choice: O(cases) per command.
  static func play(
    _ runner: AttemptRunner, style: AutoplayStyle, scan: Bool, commit: ((AttemptRunner.Step) -> Bool)? = nil,
    each: (AttemptCommand, Session.Reply) -> Void
  ) {
    var index = WorkIndex(style: style)
    var mistakesMade = Set<String>()
    var stopped = false
    func run(_ c: AttemptCommand) -> Session.Reply {
      // Window work waits for the opening, as a clerk does: never refused for the hour.
      if AttemptCommands.spec(c.name)?.needsOpenWindow == true {
        var waits = 0
        while !stopped, !runner.session.windowOpen, !runner.session.finished, waits < 64 {
          waits += 1
          let before = runner.session.now
          _ = execute(.advance(.next))
          if runner.session.now == before { break }
        }
      }
      return execute(c)
    }
    func execute(_ c: AttemptCommand) -> Session.Reply {
      if stopped { return .empty(ok: false) }
      let step = runner.step(.command(c))
      if let commit, !commit(step) {
        stopped = true
        return .empty(ok: false)
      }
      runner.adopt(step)
      index.touched(step.state.session.touched, rewindsAll: step.rewindsAll)
      each(c, step.reply)
      return step.reply
    }
    func decide(_ p: Proposal) -> AttemptCommand { .decide(outcome: p.outcome, defects: p.defects, referTo: p.referTo) }
    /// The first file the window can act on, read from the session as it stands. Returned as
    /// values, so that no copy of the session stays alive while commands run (a live copy would
    /// make the runner copy its collections on the next command).
    func firstWork() -> (ticket: String, file: CaseFile, postA: Bool, trainee: StaffID)? {
      let s = runner.session
      if !scan {
        index.update(s)
        guard let i = index.ready.first, let c = s.cases[s.tickets[i]] else { return nil }
        return (s.tickets[i], c, s.scenario.post == .a, s.trainee)
      }
      let lateOne = s.tickets.first { s.applicants[$0]?.correction == nil } ?? s.tickets.first
      for t in s.tickets {
        guard let c = s.cases[t] else { continue }
        // Late: the first file of the day that needs no second round is decided and agreed on
        // time, but its notice is never issued (post A), or it is never reviewed (post B, whose
        // verdict is the decision).
        if style == .late && t == lateOne && (s.scenario.post == .b || c.state == .agreed) { continue }
        if s.scenario.post == .a {
          guard c.state == .received || c.state == .agreed else { continue }
        } else {
          guard c.state == .proposed, let p = c.proposal, p.maker != s.trainee else { continue }
        }
        return (t, c, s.scenario.post == .a, s.trainee)
      }
      return nil
    }
    /// ``Session/hasPendingWindowWork``, from the index unless scanning.
    func pendingWork(_ s: Session) -> Bool {
      if scan { return s.hasPendingWindowWork }
      index.update(s)
      return !index.awaiting.isEmpty
    }
    var steps = 0
    while steps < 20_000 && !stopped {
      steps += 1
      if runner.session.finished { return }
      if let (t, c, postA, trainee) = firstWork() {
        let key = "\(t)#\(c.rounds.count)"
        if postA {
          if c.state == .received {
            var p = Session.modelProposal(c, maker: trainee)
            _ = run(.open(ticket: t))
            for k in Set(c.currentRound.packet.materials.map(\.kind)).sorted() { _ = run(.show(material: k)) }
            if style == .missDefects && !mistakesMade.contains(key) && !p.defects.isEmpty {
              // Leave one defect out; a file whose only defect is left out is accepted.
              mistakesMade.insert(key)
              var d = p.defects
              d.removeLast()
              p = Proposal(outcome: d.isEmpty ? .accept : p.outcome, defects: d, referTo: d.isEmpty ? nil : p.referTo, maker: p.maker, at: p.at)
            }
            _ = run(decide(p))
            if style == .skipReview && !mistakesMade.contains(key) {
              mistakesMade.insert(key)
              _ = run(.issue)
            }
            _ = run(.handover)
          } else {
            _ = run(.open(ticket: t))
            let r = run(.issue)
            if !r.ok {
              // e.g. an incomplete notice refused by the core: propose again, correctly.
              let p = Session.modelProposal(runner.session.cases[t]!, maker: trainee)
              _ = run(decide(p))
              _ = run(.handover)
            }
          }
        } else {
          let p = c.proposal!
          _ = run(.open(ticket: t))
          if style != .skipReview {
            for k in Set(c.currentRound.packet.materials.map(\.kind)).sorted() { _ = run(.show(material: k)) }
          }
          if style == .missDefects {
            _ = run(.review(returnReason: nil))
          } else if let why = Session.judge(p, against: c.currentRound.examination) {
            _ = run(.review(returnReason: why))
          } else {
            _ = run(.review(returnReason: nil))
          }
        }
        continue
      }
      let (more, quiet, before) = { () -> (Bool, Bool, Timestamp) in
        let s = runner.session
        return (s.nextHappening() != nil, s.dayIsDone && s.waitingCount == 0 && !pendingWork(s), s.now)
      }()
      if more && !(quiet && style != .late) {
        let r = run(.advance(.next))
        let s = runner.session
        if !r.ok || (s.now == before && s.nextHappening() == before && !s.dayIsDone) {
          if s.dayIsDone || !r.ok { break }
        }
        if s.dayIsDone && s.waitingCount == 0 && !pendingWork(s) && style != .late { break }
        continue
      }
      break
    }
    // The model answer leaves nothing behind, so a plain `finish` goes ahead; a mistake may leave
    // a file to lapse (`late`), which only `finish --now` lets happen.
    if !run(.finish(now: false)).ok && !stopped { _ = run(.finish(now: true)) }
  }
}

extension Session {
  /// Whether a case still needs the window (a proposal under review or a colleague's work pending).
  public var hasPendingWindowWork: Bool {
    tickets.contains { cases[$0]!.state.awaitsAcceptanceDecision }
  }
}

/// What the autoplayer chooses from, kept up to date from the tickets each command touched
/// (``Session/touched``: every case a command changes, world events included, is put through
/// the one place that records it) instead of a scan of every ticket per choice (issue 8: at 1,600
/// applicants the scan, which copied each case it looked at, cost more than the commands).
struct WorkIndex {
  let style: AutoplayStyle
  /// The place of each ticket seen in ``Session/tickets`` (which only grows without a restore).
  private var position: [String: Int] = [:]
  /// Tickets indexed so far.
  private var known = 0
  /// The first arrived ticket without a correction to come, and the file the `late` style leaves
  /// (that one, else the first ticket).
  private var firstPlain: String?
  private var lateOne: String?
  /// Places of the tickets the window can act on, ascending: the next file is the first.
  private(set) var ready: [Int] = []
  /// Tickets awaiting an acceptance decision (``Session/hasPendingWindowWork``).
  private(set) var awaiting: Set<String> = []
  /// Tickets changed since the last ``update(_:)``.
  private var dirty: Set<String> = []
  /// Whether every case may have changed (a restore): rebuild from scratch.
  private var stale = true

  init(style: AutoplayStyle) { self.style = style }

  /// Records the tickets a command changed.
  mutating func touched(_ tickets: Set<String>, rewindsAll: Bool) {
    if rewindsAll { stale = true } else { dirty.formUnion(tickets) }
  }

  /// Brings the index up to `s`: the changed tickets and the new ones are looked at again.
  mutating func update(_ s: Session) {
    if stale || s.tickets.count < known {
      self = WorkIndex(style: style)
      stale = false
    }
    while known < s.tickets.count {
      let t = s.tickets[known]
      position[t] = known
      dirty.insert(t)
      if firstPlain == nil, s.applicants[t]?.correction == nil { firstPlain = t }
      known += 1
    }
    let late = firstPlain ?? s.tickets.first
    if late != lateOne {
      if let l = lateOne { dirty.insert(l) }
      if let l = late { dirty.insert(l) }
      lateOne = late
    }
    guard !dirty.isEmpty else { return }
    for t in dirty {
      guard let i = position[t], let c = s.cases[t] else { continue }
      if c.state.awaitsAcceptanceDecision { awaiting.insert(t) } else { awaiting.remove(t) }
      let at = lowerBound(i)
      let listed = at < ready.count && ready[at] == i
      let wanted = actionable(t, c, s)
      if wanted && !listed { ready.insert(i, at: at) }
      if !wanted && listed { ready.remove(at: at) }
    }
    dirty.removeAll(keepingCapacity: true)
  }

  /// Whether the window can act on the case now (the scan's test, ticket by ticket).
  private func actionable(_ t: String, _ c: CaseFile, _ s: Session) -> Bool {
    // Late: the first file of the day that needs no second round is decided and agreed on time,
    // but its notice is never issued (post A), or it is never reviewed (post B).
    if style == .late && t == lateOne && (s.scenario.post == .b || c.state == .agreed) { return false }
    if s.scenario.post == .a { return c.state == .received || c.state == .agreed }
    guard c.state == .proposed, let p = c.proposal, p.maker != s.trainee else { return false }
    return true
  }

  /// The first place in `ready` not below `i`.
  private func lowerBound(_ i: Int) -> Int {
    var (lo, hi) = (0, ready.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if ready[mid] < i { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
