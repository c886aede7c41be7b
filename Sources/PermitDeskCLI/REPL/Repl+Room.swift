import ArgumentParser
import CReadline
import Foundation
import PermitLocalization
import PermitStore
import PermitTraining

/// Who sits at a room terminal: fixed by their SSH key, with their role's powers.
struct RoomSeat {
  let name: String
  let role: RoomConfig.Role
  let config: RoomConfig

  /// The REPL verbs open to everyone in the room. A list, not "every verb": a verb added later (one
  /// that reads a file, say) stays out of the room until someone decides it belongs here. `login`
  /// is not in it: the key decides who you are.
  static let verbs: Set<String> = [
    "help", "curriculum", "scenarios", "start", "resume", "join", "brief", "queue", "open", "show", "checklist", "points",
    "decide", "handover", "review", "issue", "clock", "advance", "hint", "snapshot", "restore", "monthly", "finish",
    "score", "debrief", "quit", "exit",
  ]

  /// The trainer's verbs, on the room's own database (no `--db`, no `--content`, no `--key`).
  static let trainerCommands: [CommandInfo] = [
    CommandInfo(
      name: "report", usage: "report [--trainee N] [--cohort C] [--scenario S] [--per attempt|trainee] [--format F]",
      summary: "trainer: the room's results (table, csv, json, html, xapi)", details: "", attempt: false),
    CommandInfo(
      name: "verify", usage: "verify [--rescore]",
      summary: "trainer: check and authenticate the room's records with the room key", details: "", attempt: false),
    CommandInfo(
      name: "purge", usage: "purge --before YYYY-MM-DD",
      summary: "trainer: remove filed cases past retention (the action log stays)", details: "", attempt: false),
    CommandInfo(
      name: "monitor", usage: "monitor [--once] [--format table|json]",
      summary: "trainer: the running attempts, live (Enter or Ctrl-C stops)",
      details: "Trainee, scenario, mode, simulated clock, files done/total, running score, last action and how long ago, alerts (issued without review, rubber-stamp, deemed acceptance).",
      attempt: false),
    CommandInfo(
      name: "inject", usage: "inject ATTEMPT surge N|colleague-absent UNTIL|announce TEXT|rule-change PACK",
      summary: "trainer: an event in a running attempt, before the trainee's next command",
      details: "Logged in the attempt's action log as an instructor event: it replays exactly. A trainee waiting at the prompt sees it within about a second.", attempt: false),
    CommandInfo(
      name: "reassign", usage: "reassign ATTEMPT A|B NAME [--force]",
      summary: "trainer: hand a post of a running pair attempt to another trainee (a partner who vanished)",
      details: "For a pair attempt whose post A (or B) trainee left: NAME (a trainee of the room, not the one at the other post) takes the post from the simulated time now, with its open file and its work so far, and types 'join ATTEMPT'. Logged in the attempt's action log as an instructor event, so resume, replay and verify apply it at the same place. Refused while the post's holder still works on it (their session is live) unless --force; their session then records nothing more. A post that changed hands is recorded for the attempt but credits nobody (its score card says \"credited\": false and lists the change); the other post's result is its holder's.",
      attempt: false),
  ]

  /// Options that would point a trainer verb at another file: refused in the room.
  static let pathOptions = ["--db", "--content", "--key", "--file"]
}

extension Repl {
  /// Logs the seat's person in (creating the trainee on first use) and says what is open.
  func enterRoom() {
    guard let seat = room else { return }
    do {
      let t = try db.upsertTrainee(name: seat.name, cohort: nil)
      trainee = t
      if let open = try ownOpenAttempt(t) {
        say([L10n.t("room.unfinished", open.scenarioID, open.id)])
      }
      say(pairInvitations(t))
    } catch {
      fail(L10n.t("room.enter.error", error))
    }
  }

  /// In the room: refuses what the seat may not do and runs the trainer verbs. Returns true when
  /// the line was dealt with here.
  func roomGate(_ verb: String, _ args: [String]) -> Bool {
    guard let seat = room else { return false }
    if verb == "login" {
      fail(L10n.t("room.login", seat.name))
      return true
    }
    if let command = RoomSeat.trainerCommands.first(where: { $0.name == verb }) {
      guard seat.role == .trainer else {
        fail(L10n.t("room.trainer-only", verb))
        return true
      }
      if let option = args.first(where: { a in RoomSeat.pathOptions.contains { a == $0 || a.hasPrefix($0 + "=") } }) {
        fail(L10n.t("room.path-option", option, verb))
        return true
      }
      trainerCommand(command.name, args)
      return true
    }
    if !RoomSeat.verbs.contains(verb) {
      let known = CommandTable.find(verb) != nil
      fail(L10n.t(known ? "room.unavailable" : "room.unknown", verb))
      return true
    }
    return false
  }

  /// The commands `help` lists: in the room, only the seat's.
  var visibleCommands: [CommandInfo] {
    guard let seat = room else { return CommandTable.all }
    return CommandTable.all.filter { RoomSeat.verbs.contains($0.name) }
      + (seat.role == .trainer ? RoomSeat.trainerCommands : [])
  }

  private func trainerCommand(_ verb: String, _ args: [String]) {
    guard let seat = room else { return }
    let before = errors
    do {
      switch verb {
      case "report":
        var report = try PermitDesk.Report.parse(args)
        report.database.path = seat.config.database
        try report.run()
      case "verify":
        let rescore = args.contains("--rescore")
        if let stray = args.first(where: { $0 != "--rescore" }) {
          fail(L10n.t("room.verify.usage", stray))
          return
        }
        if !(try PermitDesk.Verify.check(db: db, key: seat.config.key, library: { self.library }, rescore: rescore)) {
          fail(L10n.t("room.verify.problems"))
        }
      case "monitor":
        var json = false
        var once = false
        var i = 0
        while i < args.count {
          switch args[i] {
          case "--once": once = true
          case "--format" where i + 1 < args.count && ["json", "table"].contains(args[i + 1]):
            json = args[i + 1] == "json"
            i += 1
          default:
            fail(L10n.t("room.monitor.usage", args[i]))
            return
          }
          i += 1
        }
        try Station.run(db: db, course: course, json: json, once: once)
      case "inject":
        inject(args, by: "trainer:" + seat.name)
      case "reassign":
        reassign(args, by: "trainer:" + seat.name)
      case "purge":
        var purge = try PermitDesk.Purge.parse(args)
        purge.database.path = seat.config.database
        try purge.run()
      default:
        break
      }
    } catch let code as ExitCode {
      // The subcommand already said what went wrong on standard error.
      if errors == before && code != .success { fail(L10n.t("room.failed", verb, code.rawValue)) }
    } catch {
      let message = PermitDesk.message(for: error)
      if PermitDesk.exitCode(for: error) == .success { say([message]) } else {
        fail(message.isEmpty ? "\(verb): \(error)" : message)
      }
    }
    pd_flush_stdout()
  }
}
