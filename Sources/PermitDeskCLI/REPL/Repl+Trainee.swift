import CReadline
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

/// The REPL's commands outside an attempt: `help`, `login`, the curriculum and the scenarios.
extension Repl {
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
    if let p = ReplInput.nameProblem(name).map({ InputScreens.message($0, name: name) })
      ?? cohort.flatMap({ c in ReplInput.nameProblem(c).map { InputScreens.message($0, name: c, what: "cohort name") } })
    {
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
      if let open = try ownOpenAttempt(t) {
        lines.append(L10n.t("repl.login.unfinished", open.scenarioID, open.id))
      }
      say(lines + pairInvitations(t))
      // `play SCENARIO` opened before anyone logged in: the scenario starts now.
      if let waiting = pendingStart {
        pendingStart = nil
        startFromShell = true
        defer { startFromShell = false }
        for line in waiting.lines { _ = handle(line) }
      }
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
    // The id column is as wide as the longest id (a trainer's long id must not push its title out
    // of line), and at least 36 columns as before.
    let width = max(36, ids.map { DisplayWidth.of($0) }.max() ?? 0)
    say(ids.map { id in
      let s = course.index[id]
      return "  \(DisplayWidth.pad(id, to: width)) \(s?.title(in: Language.current) ?? L10n.t("repl.scenarios.missing"))"
        + (s.map { L10n.t($0.assessment ? "repl.scenarios.tag-assessment" : "repl.scenarios.tag", $0.post) } ?? "")
    })
  }
}
