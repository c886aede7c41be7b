import CReadline
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

/// The trainee REPL: reads commands, runs them against the current attempt, commits each
/// acknowledged action to the sandbox database before the next prompt.
final class Repl {
  let library: ContentLibrary
  let course: Course
  let db: SandboxDatabase
  let color: Bool
  let stopOnError: Bool
  var trainee: TraineeRecord?
  var runner: AttemptRunner?
  var attempt: AttemptRecord?
  var moduleID: String?
  /// Errors printed so far.
  private(set) var errors = 0
  /// When true, `say` prints nothing (machine-readable output follows).
  var quiet = false
  /// In a training room (`permitdesk room shell`): who sits here, fixed by their SSH key.
  var room: RoomSeat?
  /// The seq of the last row of the attempt's log this process has applied (its own commands and
  /// what others appended: a trainer's injected events).
  var appliedSeq: Int64 = 0
  /// When true (a script, not a terminal), error lines go to standard error.
  var errorsToStandardError = false
  /// This process's lease on the current attempt (see Repl+Lease.swift).
  var lease: AttemptLease?
  /// While set, `say` and `fail` collect their lines here instead of printing them (what the idle
  /// terminal prints above the prompt).
  var captured: [String]?

  init(library: ContentLibrary, course: Course, db: SandboxDatabase, color: Bool, stopOnError: Bool) {
    self.library = library
    self.course = course
    self.db = db
    self.color = color
    self.stopOnError = stopOnError
  }

  // MARK: - Output

  func say(_ lines: [String]) {
    if quiet { return }
    if captured != nil {
      captured?.append(contentsOf: lines)
      return
    }
    for l in lines { print(l) }
    pd_flush_stdout()
  }

  func fail(_ message: String) {
    errors += 1
    if captured != nil {
      captured?.append(color ? "\u{1B}[31m" + message + "\u{1B}[0m" : message)
      return
    }
    if errorsToStandardError {
      // A script's transcript stays on standard output; its errors go where errors go.
      pd_flush_stdout()
      printError(message)
      return
    }
    print(color ? "\u{1B}[31m" + message + "\u{1B}[0m" : message)
    pd_flush_stdout()
  }

  var prompt: String {
    var p = "permitdesk"
    if let t = trainee { p += " " + t.name }
    if let r = runner { p += " [\(r.setup.scenario.id) \(r.session.now.description.dropFirst(11).prefix(5))]" }
    p += "> "
    // \u{01}…\u{02} tell readline the escape sequences take no columns (else it misplaces the
    // cursor when it redraws the line, e.g. on Up-arrow).
    return color ? "\u{01}\u{1B}[1m\u{02}" + p + "\u{01}\u{1B}[0m\u{02}" : p
  }

  // MARK: - Loop

  enum Flow { case next, quit }

  /// Runs until quit or end of input. Returns false when --stop-on-error stopped it.
  func run(reader: LineReader) -> Bool {
    LineReader.completer = { [weak self] line, word in self?.complete(line: line, word: word) ?? [] }
    defer { releaseLease() }
    if reader.interactive {
      // While the user waits at the prompt, what others append to the attempt's log (a trainer's
      // injected events) is applied and shown above the prompt, the line being typed intact.
      LineReader.idleHandler = { [weak self] in self?.idleCatchUp() ?? [] }
      LineReader.promptAfterIdle = { [weak self] in self?.prompt ?? "> " }
    }
    defer {
      LineReader.idleHandler = nil
      LineReader.promptAfterIdle = nil
    }
    while let line = reader.next(prompt: reader.interactive ? prompt : "") {
      let before = errors
      if handle(line) == .quit { break }
      if stopOnError && errors > before { return false }
    }
    return true
  }

  /// Splits a line into words without refusing anything (tab completion of a line being typed).
  static func words(_ line: String) -> [String] { ReplInput.lenientWords(line) }

  /// Runs one typed line: checked (length, control characters, quotes) and split into words first.
  func handle(_ line: String) -> Flow {
    switch ReplInput.words(line) {
    case .failure(let problem):
      fail(problem.description)
      return .next
    case .success(let w):
      if w.first?.hasPrefix("#") == true { return .next }
      return handle(words: w)
    }
  }

  /// Runs one command already split into words.
  func handle(words w: [String]) -> Flow {
    guard let verb = w.first?.lowercased() else { return .next }
    let args = Array(w.dropFirst())
    if leaseGate(verb) { return .next }
    if runner != nil { catchUp() }
    if roomGate(verb, args) { return .next }
    switch verb {
    case "quit", "exit": return .quit
    case "help": help(args)
    case "login": login(args)
    case "curriculum": curriculum()
    case "scenarios": scenarios(args)
    case "start": start(args)
    case "resume": resume(args)
    case "join": join(args)
    case "score": score()
    case "debrief": debrief()
    default:
      if CommandTable.find(verb)?.attempt == true {
        attemptCommand([verb] + args)
      } else {
        fail(L10n.t("repl.unknown-command", verb) + Suggest.hint(verb, CommandTable.names) + L10n.t("repl.help-lists"))
      }
    }
    return .next
  }

  // MARK: - Commands outside an attempt

  func help(_ args: [String]) {
    if let v = args.first {
      // Verbs are case-insensitive, and `exit` is `quit` (it used to answer "did you mean 'exit'?").
      let name = v.lowercased() == "exit" ? "quit" : v.lowercased()
      guard let c = visibleCommands.first(where: { $0.name == name }) else {
        fail(L10n.t("help.no-command", v) + Suggest.hint(v, CommandTable.names))
        return
      }
      let details = CommandTable.details(c)
      say(["\(c.usage)", "  \(CommandTable.summary(c))"] + (details.isEmpty ? [] : details.split(separator: "\n").map { "  " + $0 }))
      return
    }
    var out = [L10n.t("help.header")]
    out += CommandTable.listing(visibleCommands)
    out.append(L10n.t("help.footer"))
    out.append(L10n.t("help.window", AttemptCommands.specs.filter(\.needsOpenWindow).map(\.name).joined(separator: ", ")))
    say(out)
  }

  func login(_ args: [String]) {
    guard let name = args.first, !name.hasPrefix("-") else {
      fail(L10n.t("repl.login.usage"))
      return
    }
    var cohort: String?
    if let i = args.firstIndex(of: "--cohort") {
      guard i + 1 < args.count else {
        fail(L10n.t("repl.login.cohort-missing"))
        return
      }
      cohort = args[i + 1]
    }
    if let p = ReplInput.nameProblem(name) ?? cohort.flatMap({ ReplInput.nameProblem($0, what: "cohort name") }) {
      fail(L10n.t("repl.login.bad-name", p))
      return
    }
    do {
      let existing = try db.trainee(named: name)
      let t = try db.upsertTrainee(name: name, cohort: cohort ?? existing?.cohort)
      trainee = t
      releaseLease()
      runner = nil
      attempt = nil
      var lines = [L10n.t("repl.login.done", t.name, t.cohort.map { L10n.t("repl.login.cohort", $0) } ?? "")]
      if let open = try db.openAttempt(trainee: t.id) {
        lines.append(L10n.t("repl.login.unfinished", open.scenarioID, open.id))
      }
      say(lines + pairInvitations(t))
    } catch {
      fail(L10n.t("repl.login.cannot", "\(error)"))
    }
  }

  func needTrainee() -> TraineeRecord? {
    if let t = trainee { return t }
    fail(L10n.t("repl.login.first"))
    return nil
  }

  func progress(for t: TraineeRecord) throws -> [ModuleProgress] {
    // Pair attempts count for both partners, each with their own post's result.
    let attempts = try db.attempts(participant: t.id, scenario: nil, cohort: nil)
    return Progress.compute(
      modules: course.modules,
      attempts: attempts.map {
        AttemptSummary(
          moduleID: $0.moduleID, scenarioID: $0.scenarioID, mode: $0.mode.rawValue, finished: $0.status == .finished, overall: $0.overall,
          passed: $0.passed, credited: Repl.credited($0.resultJSON))
      }, required: course.requiredScenarios(of:))
  }

  func curriculum() {
    guard let t = needTrainee() else { return }
    do {
      var out = [L10n.t("repl.curriculum.header", t.name)]
      // Columns padded by display width: the status is Chinese in a Chinese session.
      let statusWidth = max(7, [ModuleStatus.locked, .open, .passed].map { DisplayWidth.of(Self.status($0)) }.max() ?? 0)
      for p in try progress(for: t) {
        let m = p.module
        let scores =
          p.attempts == 0
          ? L10n.t("repl.curriculum.no-attempts")
          : L10n.t(p.attempts == 1 ? "repl.curriculum.attempts.one" : "repl.curriculum.attempts.many", p.attempts, p.best.map(String.init) ?? "-", p.last.map(String.init) ?? "-")
        let width = (course.modules.map { DisplayWidth.of($0.id) }.max() ?? 20) + 1
        out.append(
          L10n.t(
            "repl.curriculum.row", String(m.order).leftPad(2), DisplayWidth.pad(m.id, to: width), DisplayWidth.pad(Self.status(p.status), to: statusWidth),
            m.passMark, scores))
        out.append(
          "     \(m.title(in: Language.current))"
            + (p.status == .locked
              ? L10n.t("repl.curriculum.needs", p.missing.joined(separator: ", ")) : L10n.t("repl.curriculum.scenarios", m.scenarios.joined(separator: ", "))))
        if p.status == .open && p.attempts > 0 && !p.scenariosToPass.isEmpty {
          out.append(L10n.t("repl.curriculum.to-pass", p.scenariosToPass.joined(separator: ", ")))
        }
      }
      if course.modules.isEmpty { out.append(L10n.t("repl.curriculum.none")) }
      if !course.diagnostics.isEmpty {
        out.append(L10n.t("repl.curriculum.problems", course.diagnostics.count))
      }
      say(out)
    } catch {
      fail(L10n.t("repl.progress.cannot", "\(error)"))
    }
  }

  /// A module's status as shown (`open`, or 已开放 in Chinese).
  static func status(_ s: ModuleStatus) -> String { CodeNames.value("status", s.rawValue) ?? s.rawValue }

  func scenarios(_ args: [String]) {
    var ids = course.scenarioIDs
    if let m = args.first {
      guard let mod = course.modules.first(where: { $0.id == m }) else {
        fail(L10n.t("repl.no-module", m) + Suggest.hint(m, course.modules.map(\.id)))
        return
      }
      ids = mod.scenarios
    }
    say(ids.map { id in
      let s = course.index[id]
      return "  \(DisplayWidth.pad(id, to: 36)) \(s?.title(in: Language.current) ?? L10n.t("repl.scenarios.missing"))"
        + (s.map { L10n.t($0.assessment ? "repl.scenarios.tag-assessment" : "repl.scenarios.tag", $0.post) } ?? "")
    })
  }

  func start(_ args: [String]) {
    guard let t = needTrainee() else { return }
    guard let id = args.first, !id.hasPrefix("-") else {
      fail(L10n.t("repl.start.usage"))
      return
    }
    var partner: TraineeRecord?
    var mode = AttemptMode.practice
    var seed: UInt64 = 0
    var free = false
    var abandon = false
    var i = 1
    while i < args.count {
      switch args[i] {
      case "--free":
        free = true
        i += 1
      case "--abandon":
        abandon = true
        i += 1
      case "--pair":
        guard i + 1 < args.count, !args[i + 1].hasPrefix("-") else {
          fail("--pair takes your partner's name: 'start \(id) --pair NAME' (they 'join' as post B)")
          return
        }
        guard let p = pairPartner(args[i + 1], for: t) else { return }
        partner = p
        i += 2
      case "--mode":
        guard i + 1 < args.count, let m = AttemptMode(rawValue: args[i + 1]), m != .autoplay else {
          fail(L10n.t("repl.start.mode"))
          return
        }
        mode = m
        i += 2
      case "--seed":
        guard i + 1 < args.count, let s = UInt64(args[i + 1]) else {
          fail(L10n.t("repl.start.seed"))
          return
        }
        seed = s
        i += 2
      default:
        fail(L10n.t("repl.start.unexpected", args[i]))
        return
      }
    }
    let module = free ? nil : course.module(of: id)
    if let module, let p = try? progress(for: t).first(where: { $0.module.id == module.id }), p.status == .locked {
      fail(L10n.t("repl.start.locked", module.id, Localized.list(p.missing), id))
      return
    }
    if module?.assessment == true || course.index[id]?.assessment == true { mode = .assessment }
    // No silent loss of work: an attempt in progress is abandoned only when asked to.
    if !abandon, course.index[id] != nil, let open = try? db.openAttempt(trainee: t.id) {
      let now = runner.map { L10n.t("repl.start.it-is", $0.session.now) } ?? ""
      fail(L10n.t("repl.start.in-progress", open.id, open.scenarioID, now, id))
      return
    }
    startAttempt(id: id, trainee: t, mode: mode, seed: seed, module: module?.id, partner: partner)
  }

  @discardableResult
  func startAttempt(id: String, trainee t: TraineeRecord, mode: AttemptMode, seed: UInt64, module: String?, partner: TraineeRecord? = nil) -> Bool {
    switch course.setup(scenario: id, trainee: t.name, mode: mode, seed: seed) {
    case .failure(let why):
      fail(why.message)
      return false
    case .success(var setup):
      if let partner { setup.pair = Pairing(postA: t.name, postB: partner.name) }
      do {
        if let open = try db.openAttempt(trainee: t.id) {
          // Not while another live session works on it: it would go on writing into an abandoned attempt.
          guard claimLease(open, trainee: t, takeOver: false, verb: "start \(id) --abandon") else { return false }
          try db.abandonAttempt(id: open.id)
          releaseLease()
        }
        var new = NewAttempt(
          trainee: t.id, scenarioID: id, contentHash: course.contentHash(of: id), seed: seed, policy: setup.policy.id,
          mode: setup.mode, post: partner == nil ? setup.scenario.post : .a, moduleID: module)
        new.partner = partner?.id
        let a = try db.startAttempt(new)
        attempt = a
        moduleID = module
        _ = claimLease(a, trainee: t, takeOver: false, verb: "start")
        let r = AttemptRunner(setup: setup)
        runner = r
        appliedSeq = 0
        let pairing = partner.map { [L10n.t("repl.start.pairing", $0.name, a.id)] } ?? []
        say([L10n.t("repl.start.started", a.id)] + pairing + SessionScreens.lines(r.drainEvents()) + [L10n.t("repl.start.next")])
        return true
      } catch {
        fail(L10n.t("repl.start.cannot", "\(error)"))
        return false
      }
    }
  }

  func resume(_ args: [String] = []) {
    guard let t = needTrainee() else { return }
    if let stray = args.first(where: { $0 != "--take-over" }) {
      fail(L10n.t("repl.resume.unexpected", stray))
      return
    }
    do {
      guard let a = try db.openAttempt(trainee: t.id) else {
        // The partner of a pair attempt resumes it as post B.
        if let pair = try db.openPairAttempts(partner: t.id).last {
          enterPair(pair, as: t, verb: "Resumed", takeOver: args.contains("--take-over"))
          return
        }
        fail(L10n.t("repl.resume.none", t.name))
        return
      }
      if a.partner != nil {
        enterPair(a, as: t, verb: "Resumed", takeOver: args.contains("--take-over"))
        return
      }
      // One live session per attempt: where it is open elsewhere, say so (or take it over when asked).
      guard claimLease(a, trainee: t, takeOver: args.contains("--take-over"), verb: "resume") else { return }
      let rebuilt: RecordedAttempt
      switch try RecordedAttempt.rebuild(a, trainee: t.name, course: course, db: db) {
      case .failure(let e):
        releaseLease()
        fail(L10n.t("repl.resume.cannot", e.message))
        return
      case .success(let r): rebuilt = r
      }
      var notes: [String] = []
      if course.contentChanged(a.contentHash, scenario: a.scenarioID) {
        notes.append(L10n.t("repl.resume.content-changed", a.scenarioID))
      }
      let r = rebuilt.runner
      runner = r
      appliedSeq = rebuilt.lastSeq
      attempt = a
      moduleID = a.moduleID
      let open = r.session.openTicket.map { L10n.t("repl.resume.open", $0) } ?? ""
      say(notes + [L10n.t("repl.resume.done", a.id, a.scenarioID, rebuilt.actions, r.session.now, open)])
      if rebuilt.finishedInLog {
        // The log holds a successful `finish` whose result was never recorded (a kill during
        // `finish` before finishing became one transaction): record it now.
        say([L10n.t("repl.resume.record-score")])
        finishAttempt()
      }
    } catch {
      fail(L10n.t("repl.resume.cannot", "\(error)"))
    }
  }

  // MARK: - The attempt

  func needAttempt() -> AttemptRunner? {
    if let r = runner { return r }
    fail(L10n.t(trainee == nil ? "repl.attempt.login-first" : "repl.attempt.none"))
    return nil
  }

  /// Runs an attempt command: commit, then apply. The command's step (its action, the projection
  /// rows it changes and, for `finish`, the score) is written in one transaction; only when that
  /// succeeds does the attempt move on. A failed write leaves the attempt exactly as it was.
  func attemptCommand(_ words: [String]) {
    guard let r = needAttempt(), let a = attempt, let t = trainee else { return }
    catchUp()
    let command = LoggedCommand.parse(words).0
    var step = r.step(command, by: myPost)
    var card: ScoreCard?
    do {
      // Commit on top of the log as applied. Someone else may append between the catch-up and the
      // commit (a trainer's event, the pair partner's command): apply theirs, then this one again.
      var tries = 0
      while true {
        do {
          card = try commit(step, attempt: a, trainee: t)
          break
        } catch StoreError.logAdvanced where tries < 20 {
          tries += 1
          catchUp()
          step = r.step(command, by: myPost)
        }
      }
    } catch StoreError.leaseLost(let id, let by) {
      leaseLost(attempt: id, by: by)
      return
    } catch {
      fail(L10n.t("repl.save.failed", "\(error)", words[0]))
      return
    }
    r.adopt(step)
    let reply = step.reply
    if reply.ok { say(reply.lines) } else {
      fail(reply.lines.first ?? L10n.t("repl.refused"))
      say(Array(reply.lines.dropFirst()))
    }
    if let card {
      attempt = (try? db.attempt(id: a.id)) ?? a
      say(Debrief.scoreLines(card, finished: true))
    }
  }

  /// Writes a step in one transaction; returns the score card when the step finished the attempt.
  @discardableResult
  func commit(_ step: AttemptRunner.Step, attempt a: AttemptRecord, trainee t: TraineeRecord) throws -> ScoreCard? {
    let s = step.state.session
    let finishes = step.reply.ok && step.command.verb == "finish"
    let card = finishes ? Scorer.score(s, post: myPost, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID), restores: step.state.restores.count) : nil
    var snapshot: String?
    if step.reply.ok, case .command(.snapshot(let name)) = step.command { snapshot = name }
    let tickets: Set<String>? = step.rewindsAll ? nil : s.touched
    var request =
      CommandCommit(
        action: NewAction(
          attempt: a.id, actor: t.name, verb: step.command.verb, arguments: CommandLog.encode(step.command),
          simTime: s.now.description, result: step.reply.lines.joined(separator: "\n"), ok: step.reply.ok),
        projection: Repl.projection(s, attempt: a.id, only: tickets), tickets: tickets.map { $0.sorted() },
        result: card.map(AttemptResult.init), snapshot: snapshot)
    request.expectedSeq = appliedSeq
    if finishes { request.participants = pairResults(s, restores: step.state.restores.count, attempt: a) }
    request.lease = lease
    appliedSeq = try db.commit(request).seq
    if card != nil { releaseLease() }  // finished: nothing more to hold
    return card
  }

  /// The projection rows of the attempt's cases (of `only` those tickets when given).
  static func projection(_ s: Session, attempt: Int64, only: Set<String>? = nil) -> Projection {
    // The changed tickets alone (by name: the rows' order does not matter), not a scan of every
    // ticket of the attempt per command.
    let tickets = only.map { $0.sorted() } ?? s.tickets
    var reviews: [ReviewRow] = []
    var notices: [NoticeRow] = []
    var cases: [CaseRow] = []
    for t in tickets {
      guard let c = s.cases[t] else { continue }
      var round = 1
      var maker = ""
      for tr in c.history {
        switch tr.event {
        case "resubmit": round += 1
        case "propose": maker = tr.actor.value
        case "review":
          let agreed = tr.to == .agreed
          reviews.append(ReviewRow(
            ticket: t, round: round, maker: maker, reviewer: tr.actor.value, verdict: agreed ? .agree : .return,
            reason: agreed ? nil : tr.reason, at: tr.at.description))
        default: break
        }
      }
      for n in c.notices {
        notices.append(NoticeRow(
          ticket: t, round: n.round, outcome: n.outcome, defects: n.defects,
          referTo: n.referTo, maker: n.maker.value, checker: n.checker.value, issuedAt: n.issuedAt.description, onTime: n.onTime))
      }
      let n = c.notices.last
      cases.append(CaseRow(
        attempt: attempt, ticket: t, state: c.state.rawValue, outcome: n?.outcome,
        defects: n?.defects ?? [], maker: n?.maker.value ?? c.proposal?.maker.value,
        checker: n?.checker.value, noticeAt: n?.issuedAt.description, deadline: c.acceptanceDeadline.description,
        retainUntil: c.retainUntil?.description))
    }
    return Projection(cases: cases, reviews: reviews, notices: notices)
  }

  /// Records the score of an attempt whose log is finished but whose result is not (see `resume`).
  func finishAttempt() {
    guard let r = runner, let a = attempt else { return }
    let card = Scorer.score(r, post: myPost, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID))
    do {
      if let participants = pairResults(r.session, restores: r.restores.count, attempt: a) {
        try db.finishAttempt(id: a.id, result: AttemptResult(Scorer.score(r, post: .a, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID))), participants: participants)
      } else {
        try db.finishAttempt(id: a.id, result: AttemptResult(card))
      }
      attempt = try db.attempt(id: a.id)
      releaseLease()
    } catch {
      fail(L10n.t("repl.score.cannot-record", "\(error)"))
    }
    say(Debrief.scoreLines(card, finished: true))
  }

  func score() {
    guard let r = needAttempt() else { return }
    say(Debrief.scoreLines(Scorer.score(r, post: myPost, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID)), finished: r.session.finished))
  }

  func debrief() {
    guard let r = needAttempt() else { return }
    let s = myPost.map { r.session.viewed(as: $0) } ?? r.session
    say(Debrief.lines(session: s, card: Scorer.score(r, post: myPost, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID)), restores: r.restores))
  }

  // MARK: - Completion

  /// Completion candidates for one kind of argument.
  func candidatesFor(_ kind: ArgumentKind) -> [String] {
    switch kind {
    case .ticket: return runner?.session.tickets ?? []
    case .material: return MaterialKind.allCases.map(\.rawValue)
    case .outcome: return Outcome.allCases.map(\.rawValue)
    case .defectOrBody: return DefectCatalog.allCodes + ["--refer-to"] + (runner?.session.policy.windows ?? []) + ["municipal-center"]
    case .verdict: return ["agree", "return"]
    case .defect: return DefectCatalog.allCodes
    case .advance: return ["--next", "--to", "30m", "1h", "1d"]
    case .snapshot: return runner?.snapshotNames ?? []
    case .month: return []
    }
  }

  func complete(line: String, word: String) -> [String] {
    let before = Repl.words(line)
    var candidates: [String]
    if before.isEmpty {
      candidates = CommandTable.names
    } else {
      switch before[0] {
      case "help": candidates = CommandTable.names
      case "start": candidates = course.scenarioIDs + ["--mode", "--seed", "--free", "--pair", "practice", "assessment"]
      case "scenarios": candidates = course.modules.map(\.id)
      case "resume": candidates = ["--take-over"]
      default:
        // Attempt commands: what their spec says the argument at this position is.
        guard let spec = AttemptCommands.spec(before[0]), !spec.arguments.isEmpty else { candidates = []; break }
        let kind = spec.arguments[min(before.count - 1, spec.arguments.count - 1)]
        candidates = candidatesFor(kind)
      }
    }
    return candidates.filter { $0.hasPrefix(word) }.sorted()
  }
}

extension String {
  func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

extension Repl {
  /// Whether a recorded result earns credit: false when its score card says an attempt had a restore.
  static func scoringModel(_ json: String?) -> Int {
    guard let json, let data = json.data(using: .utf8),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return 1 }
    return object["scoring-model"] as? Int ?? 1
  }

  /// Whether a recorded result earns credit: false when its score card says the attempt had a restore.
  static func credited(_ json: String?) -> Bool {
    guard let json, let data = json.data(using: .utf8),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return true }
    return object["credited"] as? Bool ?? true
  }
}

extension AttemptResult {
  /// The stored form of a score card.
  init(_ card: ScoreCard) {
    self.init(
      overall: card.overall, decisions: card.decisions, doubleReview: card.doubleReview, timeLimits: card.timeLimits,
      passed: card.passed, json: card.json.render())
  }
}
