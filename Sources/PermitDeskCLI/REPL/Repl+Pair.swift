import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

// Pair mode in the REPL: `start SCENARIO --pair NAME` (post A), the partner's `join [ATTEMPT]`
// (post B), both processes appending to one log. Each process applies what the other appended
// before its next command (`catchUp`) and commits only on top of the log it has applied
// (`CommandCommit.expectedSeq`): when the partner got there first, it catches up and tries again.

extension Repl {
  /// This process's post in the current attempt: nil alone, A or B in a pair.
  var myPost: TraineePost? {
    guard let pair = runner?.pairing, let t = trainee else { return nil }
    return pair.post(of: t.name)
  }

  /// The partner to pair with: a known trainee other than oneself (in a room, one of its trainees).
  func pairPartner(_ name: String, for t: TraineeRecord) -> TraineeRecord? {
    if let seat = room, seat.config.member(name) == nil {
      let names = seat.config.members.map(\.name)
      fail(L10n.t("pair.partner.not-in-room", name, Suggest.hint(name, names)))
      return nil
    }
    guard name != t.name else {
      fail(L10n.t("pair.partner.self"))
      return nil
    }
    do {
      // In a room the roster vouches for the partner: their record is made if they never connected.
      if room != nil { return try db.upsertTrainee(name: name, cohort: nil) }
      guard let p = try db.trainee(named: name) else {
        let known = try db.trainees(cohort: nil).map(\.name).filter { $0 != t.name }
        fail(L10n.t("pair.partner.unknown", name, Suggest.hint(name, known)))
        return nil
      }
      return p
    } catch {
      fail(L10n.t("pair.partner.error", error))
      return nil
    }
  }

  /// `join [ATTEMPT]`: takes post B in a pair attempt started with `--pair YOU`: the only one waiting
  /// for you, or the one named.
  func join(_ args: [String]) {
    guard let t = needTrainee() else { return }
    guard args.count <= 1 else {
      fail(L10n.t("pair.join.usage"))
      return
    }
    do {
      // Post B of the attempts started with `--pair` them, and any post a trainer handed them
      // (`reassign`); not the attempts they started themselves as post A (`resume` those).
      let waiting = try seatedPairAttempts(t).filter { !($0.attempt.trainee == t.id && $0.post == .a) }.map(\.attempt)
      let a: AttemptRecord
      if let arg = args.first {
        guard let id = Int64(arg.hasPrefix("#") ? String(arg.dropFirst()) : arg) else {
          fail(L10n.t("pair.join.number"))
          return
        }
        guard let found = waiting.first(where: { $0.id == id }) else {
          let list = waiting.map { "#\($0.id)" }.joined(separator: ", ")
          fail(L10n.t("pair.join.not-yours", id) + (list.isEmpty ? "" : L10n.t("pair.join.yours", list)))
          return
        }
        a = found
      } else {
        guard let only = waiting.first, waiting.count == 1 else {
          fail(
            waiting.isEmpty
              ? L10n.t("pair.join.none", t.name)
              : L10n.t(
                "pair.join.many", waiting.count,
                waiting.map { "#\($0.id) \($0.scenarioID)" }.joined(separator: L10n.t("list.sep"))))
          return
        }
        a = only
      }
      enterPair(a, as: t, verb: "Joined")
    } catch {
      fail(L10n.t("pair.join.error", error))
    }
  }

  /// Rebuilds a pair attempt from its log and enters it as `t` (post A or B), holding this
  /// participant's own lease on it (each partner has one: one live process per participant).
  func enterPair(_ a: AttemptRecord, as t: TraineeRecord, verb: String, takeOver: Bool = false) {
    guard claimLease(a, trainee: t, takeOver: takeOver, verb: verb == "Joined" ? "join \(a.id)" : "resume") else { return }
    do {
      let names = Dictionary(uniqueKeysWithValues: try db.trainees(cohort: nil).map { ($0.id, $0.name) })
      let rebuilt: RecordedAttempt
      switch try RecordedAttempt.rebuild(a, trainee: names[a.trainee] ?? "?", course: course, db: db) {
      case .failure(let e):
        releaseLease()
        fail(L10n.t("pair.enter.error", a.id, e.message))
        return
      case .success(let r): rebuilt = r
      }
      let r = rebuilt.runner
      // The seats now: a trainer may have handed this trainee's post to someone else.
      guard let post = r.pairing?.post(of: t.name) else {
        releaseLease()
        fail(L10n.t("reassign.no-seat", a.id, r.pairing?.postA ?? "?", r.pairing?.postB ?? "?"))
        return
      }
      runner = r
      appliedSeq = rebuilt.lastSeq
      attempt = a
      moduleID = a.moduleID
      let partner = r.pairing?.name(of: post.other) ?? "?"
      let open = r.session.openTicket(of: post).map { L10n.t("pair.enter.open", $0) } ?? ""
      var lines = [
        L10n.t(
          (verb == "Joined" ? "pair.enter.joined" : "pair.enter.resumed") + (rebuilt.actions == 1 ? ".one" : ""), a.id, a.scenarioID, post.rawValue, partner,
          post.other.rawValue, rebuilt.actions, r.session.now, open)
      ]
      if post == .b {
        let queue = r.session.awaitingReview
        lines.append(
          queue.isEmpty
            ? L10n.t("pair.enter.nothing", partner) : L10n.t("pair.enter.waiting", queue.joined(separator: L10n.t("list.sep"))))
      }
      say(lines)
    } catch {
      fail(L10n.t("pair.enter.error", a.id, error))
    }
  }

  /// What `catchUp` shows of a row someone else appended: a trainer's event, or the partner's
  /// command echoed under their name with what it means for this post and the world's news.
  func partnerLines(_ row: ActionRecord, _ command: LoggedCommand, _ step: AttemptRunner.Step) -> [String] {
    if case .instructor = command {
      return [L10n.t("station.from", Localized.staff(StaffID(row.actor))) + (step.reply.lines.first ?? "")] + step.reply.lines.dropFirst()
    }
    guard let pair = step.state.session.pair, let viewer = myPost else {
      return [L10n.t("station.other", Localized.staff(StaffID(row.actor)), row.verb) + (step.reply.lines.first ?? "")] + step.reply.lines.dropFirst()
    }
    let post = pair.post(of: row.actor)?.rawValue ?? "?"
    let words: [String]
    if case .command(let c) = command { words = c.words } else if case .invalid(let v, let args) = command { words = [v] + args } else { words = [row.verb] }
    var out = [
      L10n.t("pair.partner.line", row.actor, post, words.joined(separator: " "), step.reply.ok ? "" : L10n.t("pair.partner.refused"))
    ]
    let s = step.state.session
    for e in step.reply.events {
      if let l = SessionScreens.pairLine(e, in: s, viewer: viewer) { out.append("  " + l) } else if let l = SessionScreens.line(e), !Repl.partnerOnly(e) { out.append("  " + l) }
    }
    if step.reply.ok, case .command(.issue) = command, let first = step.reply.lines.first { out.append("  " + first) }
    if step.reply.ok, case .command(.finish) = command, let first = step.reply.lines.first { out.append("  " + first) }
    return out
  }

  /// Events that concern only the post that caused them (its own sign-offs' echo).
  static func partnerOnly(_ e: SessionEvent) -> Bool {
    switch e {
    case .welcome: return true
    default: return false
    }
  }

  /// After the partner finished the day: this post's final score (their process recorded both).
  func partnerFinished() -> [String] {
    guard let r = runner, let a = attempt, let post = myPost else { return [] }
    attempt = (try? db.attempt(id: a.id)) ?? a
    return Debrief.scoreLines(Scorer.score(r, post: post, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID)), finished: true)
      + Repl.sharedPostLines(r.session, post: post)
  }

  /// A pair attempt the partner abandoned (`start --abandon`): said once, and the attempt is left.
  func pairClosed() -> [String] {
    guard myPost != nil, let a = attempt, let now = try? db.attempt(id: a.id), now.status == .abandoned else { return [] }
    let partner = runner?.pairing.map { $0.name(of: (myPost ?? .b).other) } ?? L10n.t("pair.your-partner")
    runner = nil
    attempt = nil
    return [L10n.t("pair.abandoned", a.id, partner)]
  }

  /// What a trainee is told on entering: the pair attempts waiting for them as post B, and the
  /// posts a trainer handed to them or away from them.
  func pairInvitations(_ t: TraineeRecord) -> [String] {
    guard let seated = try? seatedPairAttempts(t), let names = try? traineeNames() else { return [] }
    let waiting = seated.filter { $0.attempt.partner == t.id && $0.post == .b }.map(\.attempt)
    return waiting.map { L10n.t("pair.invitation", names[$0.trainee] ?? "?", $0.id, $0.scenarioID) } + seatNotices(t)
  }

  /// The score cards of both posts of a pair attempt's finishing step, for the record.
  func pairResults(_ s: Session, restores: Int, attempt a: AttemptRecord) -> [ParticipantResult]? {
    guard s.pair != nil, let partner = a.partner else { return nil }
    return [(TraineePost.a, a.trainee), (.b, partner)].map { post, id in
      let card = Scorer.score(
        s, post: post, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID), restores: restores)
      return ParticipantResult(
        post: post, trainee: id, overall: card.overall, decisions: card.decisions, doubleReview: card.doubleReview,
        timeLimits: card.timeLimits, passed: card.passed, json: Repl.recordedCard(card, post: post, session: s))
    }
  }
}
