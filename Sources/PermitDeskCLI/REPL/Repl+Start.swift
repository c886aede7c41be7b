import CReadline
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

/// Starting and resuming an attempt (`start`, `resume`): the runner rebuilt from the log.
extension Repl {
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
          fail(L10n.t("repl.start.pair-name", id))
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
      // From the shell (`permitdesk play X`), the command that works there; in the REPL, its own.
      fail(L10n.t(startFromShell ? "repl.play.locked" : "repl.start.locked", module.id, Localized.list(p.missing), id))
      return
    }
    if module?.assessment == true || course.index[id]?.assessment == true { mode = .assessment }
    // No silent loss of work: an attempt in progress is abandoned only when asked to.
    if !abandon, course.index[id] != nil, let open = try? ownOpenAttempt(t) {
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
      fail(SetupScreens.message(why))
      return false
    case .success(var setup):
      if let partner { setup.pair = Pairing(postA: t.name, postB: partner.name) }
      do {
        if let open = try ownOpenAttempt(t) {
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
      guard let a = try ownOpenAttempt(t) else {
        // The partner of a pair attempt resumes it as post B (or whoever a trainer handed a post).
        if let pair = try seatedPairAttempts(t).last {
          enterPair(pair.attempt, as: t, verb: "Resumed", takeOver: args.contains("--take-over"))
          return
        }
        let away = seatNotices(t)
        fail(away.first ?? L10n.t("repl.resume.none", t.name))
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
      say(notes + [L10n.t(rebuilt.actions == 1 ? "repl.resume.done.one" : "repl.resume.done", a.id, a.scenarioID, rebuilt.actions, r.session.now, open)])
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
}
