import PermitCore

/// The window's hours are real (issue 9 item 5). Window work, every command that costs window time
/// (``CommandSpec/needsOpenWindow``), is refused while the window is closed; an action that would
/// run past closing ends at closing and the reply says so; `advance --next` stops at the next
/// opening. The opening hours are the scenario's (`clock.hours`), the working days those of the
/// policy pack's calendar in force, the same calendar that counts the deadlines.
///
/// And no silent loss of work (item 6): `finish` first lists what would still happen without the
/// trainee (``stillToHappen``) and goes ahead only when nothing is listed or with `finish --now`.
extension Session {
  /// Whether the window is open now: a working day of the pack's calendar, within opening hours.
  public var windowOpen: Bool { scenario.hours.isOpen(at: now, calendar: policy.calendar, offset: offset) }

  /// The window's next opening (now, when it is open).
  public var nextOpening: Timestamp { scenario.hours.nextOpening(atOrAfter: now, calendar: policy.calendar, offset: offset) }

  /// Today's closing time (meaningful while the window is open).
  public var closingTime: Timestamp { scenario.hours.closing(onDayOf: now, offset: offset) }

  /// A time of the window's zone: its date and minute of the day (the screens add the weekday).
  func dayTime(_ t: Timestamp) -> DayTime {
    DayTime(date: t.date(atOffset: offset), minute: t.minuteOfDay(atOffset: offset))
  }

  /// The refusal of window work while the window is closed, nil when the command may go ahead. A
  /// refused command changes nothing and costs no time (see README "The REPL").
  func windowRefusal(_ command: AttemptCommand) -> SessionRefusal? {
    guard !finished, AttemptCommands.spec(command.name)?.needsOpenWindow == true, !windowOpen else { return nil }
    return .windowClosed(opens: dayTime(nextOpening))
  }

  /// Spends `minutes` of window time on an action begun now. An action that would run past closing
  /// ends at closing (what it did is done and stamped with its start, a time of opening hours); what
  /// is returned says so. After `finish` the clock has stopped: nothing is spent.
  mutating func spend(minutes: Int) -> EndedAtClosing? {
    guard minutes > 0, !finished else { return nil }
    guard windowOpen else {
      // Not reached by window work, which is refused while the window is closed; a cost that ever
      // came here would still be spent in opening hours, from the next opening.
      advanceWorld(to: later(minutes))
      return nil
    }
    let end = now.adding(seconds: Int64(minutes) * 60)
    let closing = closingTime
    if end <= closing {
      advanceWorld(to: end)
      return nil
    }
    let left = Int((closing.epochSeconds - now.epochSeconds) / 60)
    advanceWorld(to: closing)
    return EndedAtClosing(closes: scenario.hours.closes, done: left, minutes: minutes, opens: dayTime(nextOpening))
  }

  /// Where `advance --next` goes: the next arrival, event or deadline, or the next opening when the
  /// window is closed and that comes first. Nil when nothing is scheduled.
  public func nextStop() -> Timestamp? {
    guard let h = nextHappening() else { return nil }
    if windowOpen || finished || h <= now { return h }
    return min(h, nextOpening)
  }

  /// Something that would still happen without the trainee if the attempt were finished now.
  public enum StillToHappen: Hashable, Sendable {
    /// Applicants not yet arrived: their files would lapse with nobody to decide them.
    case arrivals(count: Int, next: Timestamp)
    /// A file with no notice yet: its deadline would lapse into a deemed acceptance.
    case lapse(ticket: String, state: CaseState, deadline: CivilDate)
    /// A correction due back after a one-time notice: it would come back with nobody to decide it.
    case correction(ticket: String, dueBack: Timestamp)
  }

  /// What `finish` would let happen without the trainee, in time order of the files: applicants still
  /// to arrive, files whose deadline would lapse into a deemed acceptance, corrections due back. The
  /// Center's own reviews and decisions are not listed: they are not the window's work.
  public var stillToHappen: [StillToHappen] {
    var out: [StillToHappen] = []
    if let a = arrivals.first { out.append(.arrivals(count: arrivals.count, next: a.arrives)) }
    for t in tickets {
      guard let c = cases[t] else { continue }
      if c.state.awaitsAcceptanceDecision { out.append(.lapse(ticket: t, state: c.state, deadline: c.acceptanceDeadline)) }
    }
    let corrections = tasks.compactMap { task -> (Timestamp, String)? in
      if case .correction(let t) = task.kind, cases[t]?.state == .awaitingCorrection, applicants[t]?.correction != nil { return (task.at, t) }
      return nil
    }
    for (at, t) in corrections.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { out.append(.correction(ticket: t, dueBack: at)) }
    return out
  }

  /// The refusal of a plain `finish` while something would still happen, nil when it may go ahead.
  func finishRefusal(now goAhead: Bool) -> SessionRefusal? {
    let pending = stillToHappen
    guard !goAhead, !pending.isEmpty else { return nil }
    return .stillToHappen(pending)
  }
}
