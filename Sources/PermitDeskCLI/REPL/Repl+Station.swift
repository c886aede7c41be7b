import CReadline
import Foundation
import PermitContent
import PermitCore
import PermitStore
import PermitTraining
import PermitLocalization

#if canImport(Glibc)
  import Glibc
#endif

// The instructor station: what others append to a running attempt's log (a trainer's injected
// events) reaches the trainee before their next command; the trainer's `monitor` and `inject`.

extension Repl {
  /// Applies what others appended to the attempt's log since this process last looked, and shows it.
  func catchUp() { say(catchUpLines()) }

  /// Applies what others appended to the attempt's log since this process last looked (a trainer's
  /// events, a pair partner's commands) and returns what to show of it.
  func catchUpLines() -> [String] {
    guard let r = runner, let a = attempt, a.status == .open else { return [] }
    guard let rows = try? db.actions(attempt: a.id, after: appliedSeq) else { return [] }
    var out: [String] = []
    for row in rows {
      let command = CommandLog.decode(verb: row.verb, arguments: row.arguments)
      let wasFinished = r.session.finished
      let step = r.step(command, by: r.pairing?.post(of: row.actor))
      r.adopt(step)
      appliedSeq = row.seq
      if row.actor != trainee?.name {
        out += partnerLines(row, command, step)
        if !wasFinished && r.session.finished { out += partnerFinished() }
      }
      // A trainer handed this trainee's post to someone else: the attempt is no longer theirs.
      if case .instructor(.reassign) = command, let t = trainee, let pair = r.pairing, pair.post(of: t.name) == nil {
        lease = nil
        runner = nil
        attempt = nil
        out.append(L10n.t("reassign.left", a.id))
        break
      }
    }
    if rows.isEmpty { out += pairClosed() }
    return out
  }

  /// For the terminal's idle moments (`LineReader.idleHandler`): the same catch-up as before a
  /// command — the same rows applied to the runner in the same order, `appliedSeq` moved on — so
  /// the state, the log and a replay are exactly what they would have been had the user pressed
  /// Enter; only the lines are returned (printed above the prompt) instead of printed.
  func idleCatchUp() -> [String] {
    guard runner != nil else { return [] }
    captured = []
    defer { captured = nil }
    if idleLeaseLost() { return captured ?? [] }  // taken over: said above the prompt, nothing applied
    catchUp()
    return captured ?? []
  }

  /// `inject ATTEMPT EVENT…` (trainer): appends an instructor event to a running attempt's log.
  func inject(_ args: [String], by actor: String) {
    guard args.count >= 2, let id = Int64(args[0].hasPrefix("#") ? String(args[0].dropFirst()) : args[0]) else {
      fail(L10n.t("station.inject.usage", ParseScreens.eventUsage))
      return
    }
    let event: InstructorEvent
    switch InstructorEvent.parse(Array(args.dropFirst())) {
    case .failure(let e):
      fail(ParseScreens.message(e.reason))
      return
    case .success(let e): event = e
    }
    _ = appendInstructorEvent(id, event, by: actor) { a, name, seq, now in
      L10n.t("station.inject.done", id, name, a.scenarioID, seq, now, event.summary)
    }
  }

  /// Appends an instructor event to a running attempt's log on top of its latest action (rebuilt
  /// from the log; retried when the trainees acted meanwhile). Says `summary(attempt, trainee, seq,
  /// simulated time)` when it is recorded; returns whether it was.
  @discardableResult
  func appendInstructorEvent(
    _ id: Int64, _ event: InstructorEvent, by actor: String, refused: String = "station.inject.refused",
    summary: (AttemptRecord, String, Int64, Timestamp) -> String
  ) -> Bool {
    do {
      for _ in 0..<3 {
        guard let a = try db.attempt(id: id) else {
          fail(L10n.t("station.inject.no-attempt", id))
          return false
        }
        guard a.status == .open else {
          fail(L10n.t("station.inject.not-running", id, a.status.rawValue))
          return false
        }
        let name = try db.trainees(cohort: nil).first { $0.id == a.trainee }?.name ?? "?"
        let rebuilt: RecordedAttempt
        switch try RecordedAttempt.rebuild(a, trainee: name, course: course, db: db) {
        case .failure(let e):
          fail(L10n.t("station.inject.cannot", e.message))
          return false
        case .success(let r): rebuilt = r
        }
        let step = rebuilt.runner.step(.instructor(event))
        guard step.reply.ok else {
          fail(L10n.t(refused, id, step.reply.lines.first ?? L10n.t("repl.refused")))
          return false
        }
        let s = step.state.session
        var request = CommandCommit(
          action: NewAction(
            attempt: a.id, actor: actor, verb: step.command.verb, arguments: CommandLog.encode(step.command),
            simTime: s.now.description, result: step.reply.lines.joined(separator: "\n"), ok: true),
          projection: Repl.projection(s, attempt: a.id, only: s.touched), tickets: s.touched.sorted())
        request.expectedSeq = rebuilt.lastSeq
        do {
          let saved = try db.commit(request)
          say([summary(a, name, saved.seq, s.now)])
          return true
        } catch StoreError.logAdvanced {
          continue  // the trainee acted meanwhile: rebuild and try again
        }
      }
      fail(L10n.t("station.inject.moving", id))
    } catch {
      fail(L10n.t("station.inject.cannot", "\(error)"))
    }
    return false
  }
}

/// One running attempt as the instructor station shows it.
/// What the station flags in a running attempt, with how many times: in the JSON always the
/// English words (stable for scripts), in the table in the session's language.
enum MonitorAlert: Equatable {
  case issuedWithoutReview(Int), rubberStamp(Int), deemedAcceptance(Int)

  func text(in language: Language = Language.current) -> String {
    switch self {
    case .issuedWithoutReview(let n): return L10n.t("station.alert.issued-without-review", n, in: language)
    case .rubberStamp(let n): return L10n.t("station.alert.rubber-stamp", n, in: language)
    case .deemedAcceptance(let n): return L10n.t("station.alert.deemed", n, in: language)
    }
  }
}

struct MonitorRow {
  var attempt: Int64
  var trainee: String
  var scenario: String
  var mode: String
  var post: String
  var clock: String
  var filesDone: Int
  var filesTotal: Int
  var score: Int
  var lastAction: String
  var lastActionAgo: Int?
  var alerts: [MonitorAlert]
  /// The other trainee of a pair attempt (nil alone).
  var partner: String? = nil

  /// The row as JSON, keyed in kebab-case like every other JSON PermitDesk writes (README "monitor").
  var json: JSON {
    .object([
      ("attempt", .int(Int(attempt))), ("trainee", .string(trainee)), ("scenario", .string(scenario)),
      ("mode", .string(mode)), ("post", .string(post)), ("clock", .string(clock)), ("files-done", .int(filesDone)),
      ("files-total", .int(filesTotal)), ("score", .int(score)), ("last-action", .string(lastAction)),
      ("last-action-seconds-ago", lastActionAgo.map { .int($0) } ?? .null), ("alerts", .array(alerts.map { .string($0.text(in: .en)) })),
      ("partner", partner.map { .string($0) } ?? .null),
    ])
  }
}

/// The instructor station's view of the running attempts.
enum Station {
  /// Every open attempt (not autoplay), rebuilt from its log.
  static func rows(db: SandboxDatabase, course: Course, now: Date = Date()) throws -> [MonitorRow] {
    let names = Dictionary(uniqueKeysWithValues: try db.trainees(cohort: nil).map { ($0.id, $0.name) })
    var out: [MonitorRow] = []
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    for a in try db.attempts(trainee: nil, scenario: nil, cohort: nil) where a.status == .open && a.mode != .autoplay {
      let name = names[a.trainee] ?? "?"
      guard case .success(let rebuilt) = try RecordedAttempt.rebuild(a, trainee: name, course: course, db: db) else { continue }
      let s = rebuilt.runner.session
      let last = try db.actions(attempt: a.id, after: max(0, rebuilt.lastSeq - 1)).last
      // A pair attempt is two rows: each partner at their post, with their own running score.
      let seats: [(name: String, post: TraineePost?)] =
        s.pair.map { p in [(p.postA, TraineePost.a), (p.postB, TraineePost.b)] } ?? [(name, nil)]
      for (who, seat) in seats {
      let card = Scorer.score(s, post: seat, passMark: course.passMark(of: a.moduleID))
      var alerts: [MonitorAlert] = []
      let breaches = card.lost.filter { $0.dimension == .doubleReview && $0.evidence.hasPrefix("action at") }
      if !breaches.isEmpty { alerts.append(.issuedWithoutReview(breaches.count)) }
      let stamps = card.lost.filter { $0.explanation.contains("rubber-stamping") }
      if !stamps.isEmpty { alerts.append(.rubberStamp(stamps.count)) }
      let deemed = s.cases.values.filter(\.deemedAccepted).count
      if deemed > 0 { alerts.append(.deemedAcceptance(deemed)) }
      out.append(
        MonitorRow(
          attempt: a.id, trainee: who, scenario: a.scenarioID, mode: a.mode.rawValue, post: seat?.rawValue ?? a.post.rawValue, clock: s.now.description,
          filesDone: s.cases.values.filter { !$0.notices.isEmpty || $0.deemedAccepted }.count,
          filesTotal: s.applicants.count, score: card.overall,
          lastAction: last.map { $0.actor == who ? $0.verb : "\($0.verb) (\($0.actor))" } ?? "-",
          lastActionAgo: last.flatMap { iso.date(from: $0.wallTime) }.map { max(0, Int(now.timeIntervalSince($0))) },
          alerts: alerts, partner: s.pair.flatMap { p in seat.map { p.name(of: $0.other) } }))
      }
    }
    return out
  }

  /// The station as an aligned table in the session's language (columns padded by display width).
  static func table(_ rows: [MonitorRow]) -> [String] {
    let header = ["attempt", "trainee", "scenario", "mode", "clock", "files", "score", "last-action", "alerts"].map { L10n.t("station.col." + $0) }
    let body = rows.map { r in
      [
        "#\(r.attempt)", r.trainee + (r.partner.map { L10n.t("station.with", $0) } ?? ""), r.scenario, r.mode + (r.post == "B" ? " (B)" : ""),
        String(r.clock.dropFirst(11).prefix(5)), "\(r.filesDone)/\(r.filesTotal)", String(r.score),
        r.lastAction + (r.lastActionAgo.map { " " + ago($0) } ?? ""), r.alerts.map { $0.text() }.joined(separator: L10n.t("list.sep")),
      ]
    }
    return TextTable(header: header, rows: body, rule: false).lines + (rows.isEmpty ? [L10n.t("station.none")] : [])
  }

  static func ago(_ seconds: Int) -> String {
    seconds < 60 ? L10n.t("station.ago.s", seconds) : seconds < 3600 ? L10n.t("station.ago.m", seconds / 60) : L10n.t("station.ago.h", seconds / 3600)
  }

  /// Prints the station once, or refreshes it in place every `interval` seconds until a line is
  /// typed or (in the REPL) Ctrl-C is pressed (on a terminal).
  /// `reopen` gives a fresh connection for each refresh (a read-only connection opened while no
  /// writer had the file open is `immutable` and would show the same rows for ever).
  static func run(
    db: SandboxDatabase, course: Course, json: Bool, once: Bool, interval: Double = 2,
    reopen: (() throws -> SandboxDatabase)? = nil
  ) throws {
    if json {
      print(JSON.array(try rows(db: db, course: course).map(\.json)).render(indent: true))
      return
    }
    let live = !once && isatty(0) == 1 && isatty(1) == 1
    if !live {
      for l in table(try rows(db: db, course: course)) { print(l) }
      return
    }
    var current = db
    while true {
      let lines = table(try rows(db: current, course: course))
      // Home, clear, the table, and how to stop.
      print("\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\n"))
      let every = interval == interval.rounded() ? String(Int(interval)) : String(interval)
      print("\nrefreshing every \(every) s at \(Date().formatted(date: .omitted, time: .standard)); press Enter or Ctrl-C to stop")
      pd_flush_stdout()
      // Enter stops; so does Ctrl-C in the REPL (the standalone `permitdesk monitor` keeps
      // Ctrl-C's usual meaning: the program stops).
      switch LineReader.Terminal.wait(seconds: interval) {
      case .timeout:
        if let reopen { current = try reopen() }
        continue
      case .input: _ = readLine()
      case .interrupt: print("")
      }
      return
    }
  }
}
