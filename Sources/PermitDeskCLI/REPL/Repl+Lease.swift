import Foundation
import PermitStore
import PermitLocalization
import PermitCore

// One live process per attempt and participant: the REPL holds the attempt's lease (see
// `AttemptLease`) from `start`/`resume` until it leaves, finishes or switches trainee.
//
// Which commands check it: every command except `help` and `quit` first checks (a read) that the
// lease is still this process's. When it was taken over, the process says so, forgets the attempt
// and records nothing; commands that need the attempt stop there. Attempt commands renew the lease
// inside the transaction that records them (so a take-over between the check and the write still
// writes nothing); `score`, `debrief`, `curriculum` and the other commands that record nothing
// renew its heartbeat with a write of their own. `help` and `quit` never touch it: help is the
// same whoever holds the attempt, and quit must always work.

extension Repl {
  /// Verbs that use the current attempt but record nothing (they renew the heartbeat separately).
  static let leaseReaders: Set<String> = ["score", "debrief", "curriculum", "scenarios", "login", "start", "resume"]

  /// Before a command: checks that the lease is still ours. Returns true when it was lost and the
  /// command needs the attempt (it is not run).
  func leaseGate(_ verb: String) -> Bool {
    guard let held = lease, verb != "help", verb != "quit", verb != "exit" else { return false }
    let state: LeaseRenewal
    do {
      if Self.leaseReaders.contains(verb) {
        // A command that writes nothing else: renew the heartbeat (a busy database only skips the renewal).
        state = try (try? db.renewLease(held)) ?? db.holdsLease(held)
      } else {
        state = try db.holdsLease(held)  // the command's own commit renews it
      }
    } catch {
      return false  // the command itself will report the database's problem
    }
    switch state {
    case .renewed(let renewed):
      lease = renewed
      return false
    case .lost(let by):
      leaseLost(attempt: held.attempt, by: by)
      return CommandTable.find(verb)?.attempt == true || verb == "score" || verb == "debrief"
    }
  }

  /// While a terminal user waits at the prompt (`idleCatchUp`): whether the lease was lost, in
  /// which case the take-over is said (above the prompt) and the attempt forgotten at once, before
  /// anything the new holder appended is applied here. A read; the heartbeat is not renewed (an
  /// idle session frees its attempt after ``SandboxDatabase/leaseLimit``).
  func idleLeaseLost() -> Bool {
    guard let held = lease, case .lost(let by)? = try? db.holdsLease(held) else { return false }
    leaseLost(attempt: held.attempt, by: by)
    return true
  }

  /// The attempt was taken over (or closed) elsewhere: say where, forget it here.
  func leaseLost(attempt id: Int64, by: AttemptLease?) {
    lease = nil
    runner = nil
    attempt = nil
    if let by {
      fail(L10n.t("lease.lost", id, by.holder.pid, by.holder.host, Self.ago(by)))
    } else if let t = trainee, let away = try? replacedPairAttempts(t).first(where: { $0.attempt.id == id }),
      let last = away.seating.changes.last(where: { $0.change.from == t.name })
    {
      // A trainer handed this trainee's post to someone else (`reassign`).
      fail(L10n.t("reassign.notice.away", last.change.post.rawValue, id, away.attempt.scenarioID, last.change.to, Localized.staff(StaffID(last.by))))
    } else {
      fail(L10n.t("lease.lost.closed", id))
    }
  }

  /// Claims the lease of attempt `a` for the trainee; on refusal prints where the attempt is open.
  /// Returns whether this process now holds it.
  func claimLease(_ a: AttemptRecord, trainee t: TraineeRecord, takeOver: Bool, verb: String) -> Bool {
    do {
      switch try db.acquireLease(attempt: a.id, trainee: t.id, takeOver: takeOver) {
      case .held(let by):
        fail(L10n.t("lease.held", a.id, a.scenarioID, by.holder.pid, by.holder.host, Self.ago(by), verb))
        return false
      case .acquired(let mine, let from):
        if let current = lease, current.attempt != mine.attempt || current.trainee != mine.trainee { releaseLease() }
        lease = mine
        if let from {
          say([L10n.t("lease.took-over", a.id, from.holder.pid, from.holder.host, Self.ago(from))])
        }
        return true
      }
    } catch {
      fail(L10n.t("lease.cannot", a.id, "\(error)"))
      return false
    }
  }

  /// Releases the lease this process holds, if any (leaving, finishing, another trainee).
  func releaseLease() {
    guard let held = lease else { return }
    lease = nil
    try? db.releaseLease(held)
  }

  /// "2026-12-01 17:02:11 UTC, 3 min ago".
  static func ago(_ lease: AttemptLease, now: Date = Date()) -> String {
    guard let date = lease.heartbeatDate else { return lease.heartbeat }
    let seconds = max(0, Int(now.timeIntervalSince(date)))
    let span =
      seconds < 60
      ? L10n.t("lease.span.s", seconds) : seconds < 3600 ? L10n.t("lease.span.min", seconds / 60) : L10n.t("lease.span.h", seconds / 3600, seconds % 3600 / 60)
    let shown = date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    return L10n.t("lease.ago", shown, span)
  }
}
