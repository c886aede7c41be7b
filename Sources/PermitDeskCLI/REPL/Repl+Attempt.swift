import CReadline
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

/// The attempt's commands in the REPL: each step committed to the log before it is applied (commit,
/// then apply), rendered by the screens; the projection, `finish`, `score` and `debrief`.
extension Repl {
  // MARK: - The attempt

  func needAttempt() -> AttemptRunner? {
    if let r = runner { return r }
    if trainee == nil, let waiting = pendingStart {
      // `play SCENARIO` before anyone logged in: the login starts it (no 'start' to type).
      fail(L10n.t("repl.play.login-to-start", waiting.scenario))
    } else {
      fail(L10n.t(trainee == nil ? "repl.attempt.login-first" : "repl.attempt.none"))
    }
    return nil
  }

  /// Runs an attempt command: commit, then apply. The command's step (its action, the projection
  /// rows it changes and, for `finish`, the score) is written in one transaction; only when that
  /// succeeds does the attempt move on. A failed write leaves the attempt exactly as it was.
  func attemptCommand(_ words: [String]) {
    guard let r = needAttempt(), let a = attempt, let t = trainee else { return }
    catchUp()
    guard runner === r else { return }  // a trainer handed this trainee's post to someone else
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
          guard runner === r else { return }
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
      say(Debrief.scoreLines(card, finished: true) + Repl.sharedPostLines(step.state.session, post: myPost))
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
        result: card.map { AttemptResult($0, json: Repl.recordedCard($0, post: myPost ?? .a, session: s)) }, snapshot: snapshot)
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
        case .resubmit: round += 1
        case .propose: maker = tr.actor.value
        case .review:
          let agreed = tr.to == .agreed
          reviews.append(ReviewRow(
            ticket: t, round: round, maker: maker, reviewer: tr.actor.value, verdict: agreed ? .agree : .return,
            reason: agreed ? nil : tr.reason.description, at: tr.at.description))
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
        let cardA = Scorer.score(r, post: .a, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID))
        try db.finishAttempt(id: a.id, result: AttemptResult(cardA, json: Repl.recordedCard(cardA, post: .a, session: r.session)), participants: participants)
      } else {
        try db.finishAttempt(id: a.id, result: AttemptResult(card))
      }
      attempt = try db.attempt(id: a.id)
      releaseLease()
    } catch {
      fail(L10n.t("repl.score.cannot-record", "\(error)"))
    }
    say(Debrief.scoreLines(card, finished: true) + Repl.sharedPostLines(r.session, post: myPost))
  }

  /// The score card of the attempt in hand as JSON (final once finished, else the running score),
  /// or nil without an attempt: what `play SCENARIO --format json` ends with.
  var scoreJSON: JSON? {
    guard let r = runner else { return nil }
    return Scorer.score(r, post: myPost, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID)).json
  }

  func score() {
    guard let r = needAttempt() else { return }
    say(Debrief.scoreLines(Scorer.score(r, post: myPost, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID)), finished: r.session.finished))
  }

  func debrief() {
    guard let r = needAttempt() else { return }
    let s = myPost.map { r.session.viewed(as: $0) } ?? r.session
    say(
      Debrief.lines(session: s, card: Scorer.score(r, post: myPost, passMark: course.passMark(of: moduleID), module: course.module(named: moduleID)), restores: r.restores)
        + Repl.sharedPostLines(r.session, post: myPost))
  }
}
