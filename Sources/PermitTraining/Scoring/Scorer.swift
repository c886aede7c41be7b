import PermitContent
import PermitCore
import PermitLocalization

// The scoring model (README "Scoring", `help score`) in one pure function of the replayed session;
// each rule sits beside the point-lost line that cites it.

/// Scores a session (replayed from its action log): the one scoring function, used for the running
/// score, the final score, `verify --rescore` and `play`. See README "Scoring".
public enum Scorer {
  /// The version of the scoring model, recorded with every result: 2 is issue 9's model (every
  /// file counts); 3 the same scoring played on real window hours (window work refused while the
  /// window is closed, actions ending at closing), so a log recorded under 2 may replay differently.
  /// A result without it was scored by model 1. Results of another model are not compared.
  public static let model = 3
  /// Share of a file's decision share one hint costs.
  public static let hintShare = 0.25
  /// Double-review points lost per refused breach (issue without post B, self-review).
  public static let breachPenalty = 25.0
  /// Share of a round's time share lost per working day late.
  public static let latePerDay = 0.25

  /// Computes the score card. `passMark` and `module` come from the curriculum when the attempt was
  /// started from a module; `restores` from the runner (``AttemptRunner/restores``).
  ///
  /// A pair attempt is scored per post (`post`, default post A): the same function, a view of one
  /// post's facts. Post A's card is the solo post A model. Post B's counts only the file rounds
  /// post A handed over (each an equal share): decisions are the verdicts, double review the
  /// evidence looked at before each, time limits the promptness of the verdicts (README "Scoring").
  public static func score(
    _ s: Session, post wanted: TraineePost? = nil, passMark: Int? = nil, module: CurriculumModule? = nil, restores: Int = 0
  ) -> ScoreCard {
    var lost: [PointLost] = []
    var critical: [CriticalFinding] = []
    let post = s.pair == nil ? s.scenario.post : wanted ?? .a
    let facts = s.facts(of: post)
    // Post B of a pair: the rounds handed over to them are the files they are scored on.
    let pairB = s.pair != nil && post == .b
    let handed = Set(s.facts(of: .a).handovers.map { "\($0.ticket)#\($0.round)" })
    let files = max(1, pairB ? handed.count : s.applicants.count)
    let fileShare = 100.0 / Double(files)
    let arrived = s.tickets.compactMap { s.cases[$0] }
    var open = pairB ? 0 : s.applicants.count - arrived.count

    /// Rounds a file is expected to take, fixed by the scenario: a second when the first is a
    /// one-time notice and the employer comes back with a correction.
    func expectedRounds(_ c: CaseFile) -> Int {
      if pairB { return 1 }  // each handed-over round is a file of its own
      return s.applicants[c.ticket]?.correction != nil && c.rounds[0].examination.outcome == .supplement ? 2 : 1
    }
    func label(_ t: String, _ r: Int) -> String { r > 1 ? "\(t) round \(r)" : t }
    func evidence(_ f: Finding) -> Phrase {
      let place = [f.material?.rawValue, f.field].compactMap { $0 }.joined(separator: " / ")
      return place.isEmpty ? Phrase("", .finding(f)) : Phrase("ev.finding", .text(place), .finding(f))
    }
    func answerLine(_ e: Decision) -> Phrase {
      Phrase("ev.examiner", .outcome(e.outcome.rawValue), .phrase(e.answer.defects.isEmpty ? nil : Phrase("ev.defects", .defects(e.answer.defects))))
    }
    func lateNote(_ e: Decision) -> Phrase? {
      guard let f = e.compliance.first else { return nil }
      let what: Phrase.Arg = f.defect.subject.map { .named("filing", $0) } ?? .phrase(Phrase("session.late-note.filing"))
      return Phrase("why.note", .phrase(Phrase("session.late-note", what, .defect(f.defect.code))))
    }
    let history = Phrase("ev.case-history")

    // 1. Decisions: each file's share is earned round by round; what is not earned is lost.
    var decisions = 0.0
    for c in arrived {
      let t = c.ticket
      let n = expectedRounds(c)
      let share = fileShare / Double(n)
      var fileEarned = 0.0
      let numbers = pairB ? (1...c.rounds.count).filter { handed.contains("\(t)#\($0)") } : Array(1...n)
      for number in numbers {
        guard number <= c.rounds.count else {
          // The correction is still to come (the file counts as open below), or never will.
          if s.finished || !(c.state.awaitsAcceptanceDecision || c.state == .awaitingCorrection) {
            lost.append(PointLost(
              dimension: .decisions, points: share, ticket: label(t, number), rule: .policy(.oneTimeNotice),
              why: Phrase("why.never-came-back"), shown: history))
          }
          continue
        }
        let r = c.rounds[number - 1]
        let e = r.examination
        let awaiting = number == c.rounds.count && c.state.awaitsAcceptanceDecision
        if post == .a {
          guard let p = facts.proposals.first(where: { $0.ticket == t && $0.round == number }) else {
            if awaiting && !s.finished { continue }
            let why = c.deemedAccepted && number == c.rounds.count
              ? Phrase(c.centerDecision?.approved == false ? "why.lapsed-bounced" : "why.lapsed")
              : Phrase("why.no-proposal")
            lost.append(PointLost(dimension: .decisions, points: share, ticket: label(t, number), rule: .policy(.acceptanceTimeLimit), why: why, shown: answerLine(e)))
            continue
          }
          var loss = 0.0
          let g = Grading.grade(Answer(outcome: p.outcome, defects: p.defects, referTo: p.referTo), against: e)
          if !g.outcomeRight {
            loss = share
            let f = e.findings.first ?? e.pendingFindings.first
            lost.append(PointLost(
              dimension: .decisions, points: share, ticket: label(t, number), rule: .policy(f?.rule ?? .requiredMaterials),
              why: Phrase(
                "why.wrong-outcome", .outcome(p.outcome.rawValue), .outcome(e.outcome.rawValue),
                .phrase(c.centerDecision?.approved == false ? Phrase("why.bounced") : nil), .phrase(lateNote(e))),
              shown: f.map(evidence) ?? answerLine(e), defect: f?.defect.code))
          } else {
            let per = share * 0.5 / Double(max(1, g.expected.defects.count))
            let findings = e.outcome == .acceptPending ? e.pendingFindings : e.findings
            for d in g.missed {
              let f = findings.first { $0.defect.code == d }
              loss += per
              lost.append(PointLost(dimension: .decisions, points: per, ticket: label(t, number), rule: .policy(f?.rule ?? DefectCatalog.rule(of: d)), why: Phrase("why.missed", .defect(d)), shown: f.map(evidence) ?? answerLine(e), defect: d))
            }
            for d in g.invented {
              loss += per
              lost.append(PointLost(dimension: .decisions, points: per, ticket: label(t, number), rule: .policy(DefectCatalog.rule(of: d)), why: Phrase("why.invented", .defect(d)), shown: answerLine(e), defect: d))
            }
            if g.wronglyReferred, let ref = g.expected.referTo {
              loss += share * 0.25
              lost.append(PointLost(dimension: .decisions, points: share * 0.25, ticket: label(t, number), rule: .policy(.jurisdiction), why: Phrase("why.refer", .body(ref)), shown: e.findings.first.map(evidence) ?? answerLine(e)))
            }
          }
          fileEarned += share - min(share, loss)
          if p.outcome.isAcceptance && e.defects.contains(Defect(.outOfJurisdiction)) {
            critical.append(CriticalFinding(
              kind: .acceptOutOfJurisdiction, ticket: t, why: Phrase("why.accept-outside", .outcome(p.outcome.rawValue), .body(r.packet.employer.district)),
              shown: Phrase("ev.decide-at", .text("\(p.at)"))))
          }
        } else {
          let verdicts = facts.reviews.filter { $0.ticket == t && $0.round == number }
          if verdicts.isEmpty {
            if awaiting && !s.finished { continue }
            lost.append(PointLost(dimension: .decisions, points: share, ticket: label(t, number), rule: .policy(.doublePost), why: Phrase(c.deemedAccepted ? "why.never-reviewed-lapsed" : "why.never-reviewed"), shown: answerLine(e)))
            continue
          }
          var wrong = false
          for rv in verdicts {
            if rv.agreed && !rv.proposalCorrect {
              wrong = true
              lost.append(PointLost(dimension: .decisions, points: share, ticket: label(t, number), rule: .policy(.doublePost), why: Phrase("why.agreed-wrong", .text(rv.plantedError ?? "")), shown: answerLine(e)))
              let needed = evidenceShowing(rv.proposal, e, r.packet)
              if needed.isEmpty ? rv.looked.isEmpty : needed.isDisjoint(with: rv.looked) {
                critical.append(CriticalFinding(
                  kind: .blindAgreement, ticket: t, why: Phrase("why.blind", .text(rv.plantedError ?? "")),
                  shown: needed.isEmpty ? Phrase("ev.not-looked-anything", .text("\(rv.at)")) : Phrase("ev.not-looked", .evidence(needed.sorted()), .text("\(rv.at)"))))
              }
              if rv.proposal.outcome.isAcceptance && e.defects.contains(Defect(.outOfJurisdiction)) {
                critical.append(CriticalFinding(
                  kind: .acceptOutOfJurisdiction, ticket: t, why: Phrase("why.agreed-outside", .body(r.packet.employer.district)),
                  shown: Phrase("ev.review-at", .text("\(rv.at)"))))
              }
            } else if !rv.agreed && rv.proposalCorrect {
              wrong = true
              lost.append(PointLost(dimension: .decisions, points: share, ticket: label(t, number), rule: .policy(.doublePost), why: Phrase("why.returned-correct", .outcome(rv.proposal.outcome.rawValue), .phrase(lateNote(e))), shown: answerLine(e)))
            }
          }
          if !wrong { fileEarned += share }
        }
      }
      // Hints: a fixed share of the file, taken from what the file earned.
      for _ in facts.hints.filter({ $0 == t }) {
        let pts = min(fileEarned, fileShare * hintShare)
        fileEarned -= pts
        lost.append(PointLost(dimension: .decisions, points: fileShare * hintShare, ticket: t, rule: .hint, why: Phrase("why.hint"), shown: Phrase("ev.practice")))
      }
      decisions += max(0, fileEarned)
      if !s.finished && (c.state.awaitsAcceptanceDecision || c.state == .awaitingCorrection) && (!pairB || s.awaitingReview.contains(t)) { open += 1 }
    }

    // 2. Double review: 100 less what was lost.
    var review = 100.0
    for b in facts.breaches where b.kind != .incompleteNotice {
      review -= breachPenalty
      let detail = Phrase("why.breach." + b.kind.rawValue)
      lost.append(PointLost(dimension: .doubleReview, points: breachPenalty, ticket: b.ticket, rule: .policy(.doublePost), why: detail, shown: Phrase("ev.action-at", .text("\(b.at)"))))
      critical.append(CriticalFinding(
        kind: b.kind == .selfReview ? .selfReview : .issueWithoutReview, ticket: b.ticket, why: detail, shown: Phrase("ev.action-refused", .text("\(b.at)"))))
    }
    if post == .b {
      var charged: [String: Double] = [:]
      for rv in facts.reviews {
        guard let c = s.cases[rv.ticket] else { continue }
        let share = fileShare / Double(expectedRounds(c))
        let key = "\(rv.ticket)#\(rv.round)"
        let part = rv.looked.isEmpty ? 1.0 : rv.looked.count * 2 < rv.evidence.count ? 0.5 : 0
        let pts = min(share * part, share - (charged[key] ?? 0))
        guard pts > 0 else { continue }
        charged[key, default: 0] += pts
        review -= pts
        let missing = rv.evidence.filter { !rv.looked.contains($0) }
        lost.append(PointLost(
          dimension: .doubleReview, points: pts, ticket: label(rv.ticket, rv.round), rule: .policy(.doublePost),
          why: rv.looked.isEmpty
            ? Phrase(rv.agreed ? "why.rubber-stamp.agreed" : "why.rubber-stamp.returned")
            : Phrase("why.looked-only", .text("\(rv.looked.count)"), .text("\(rv.evidence.count)")),
          shown: rv.looked.isEmpty ? Phrase("ev.looked-nothing", .evidence(missing)) : Phrase("ev.looked", .evidence(rv.looked), .evidence(missing))))
      }
    } else {
      for c in arrived where c.deemedAccepted && c.state != .proposed && !c.history.contains(where: { $0.event == .review }) && facts.proposals.contains(where: { $0.ticket == c.ticket }) {
        let pts = fileShare / Double(expectedRounds(c))
        review -= pts
        lost.append(PointLost(dimension: .doubleReview, points: pts, ticket: c.ticket, rule: .policy(.doublePost), why: Phrase("why.never-handed-over"), shown: history))
      }
    }

    // 3. Time limits: 100 less what was lost (a round not yet due loses nothing yet). Post B of a
    // pair answers for their verdicts, post A (and a trainee alone) for the notices.
    var time = 100.0
    if pairB { time -= pairReviewDelays(s, facts, handed: handed, share: fileShare, &lost) }
    for c in arrived where !pairB {
      let share = fileShare / Double(expectedRounds(c))
      for r in c.rounds.prefix(expectedRounds(c)) {
        if let n = c.notices.first(where: { $0.round == r.number }) {
          guard !n.onTime else { continue }
          let day = n.issuedAt.date(atOffset: c.policy.utcOffsetSeconds)
          let late = max(1, c.policy.calendar.workingDays(after: r.deadline, through: day))
          let pts = min(share, share * latePerDay * Double(late))
          time -= pts
          lost.append(PointLost(dimension: .timeLimits, points: pts, ticket: label(c.ticket, r.number), rule: .policy(.acceptanceTimeLimit), why: Phrase(late == 1 ? "why.late.one" : "why.late.many", .text("\(late)"), .text("\(r.deadline)")), shown: Phrase("ev.notice-at", .text("\(n.issuedAt)"))))
        } else if c.deemedAccepted && r.number == c.rounds.count {
          // A lapse ends the file: the time share of any round still expected goes with it.
          let pts = share * Double(expectedRounds(c) - r.number + 1)
          time -= pts
          lost.append(PointLost(dimension: .timeLimits, points: pts, ticket: label(c.ticket, r.number), rule: .policy(.deemedAcceptance), why: Phrase("why.deemed", .text("\(r.deadline)")), shown: history))
        }
      }
    }

    let d = clamp(decisions)
    let rv = clamp(review)
    let tl = clamp(time)
    let w = s.scenario.scoring
    let total = Double(w.decisions * d + w.doubleReview * rv + w.timeLimits * tl) / Double(max(1, w.decisions + w.doubleReview + w.timeLimits))
    let overall = Int(total.rounded())
    let mark = passMark ?? w.passMark
    let applies = Set(w.criticalErrors ?? module?.criticalErrors ?? CriticalError.defaults)
    critical = critical.filter { applies.contains($0.kind) }
    var summary: [String: Int] = [
      "cases": arrived.count, "notices": arrived.reduce(0) { $0 + $1.notices.count },
      "notices-on-time": arrived.reduce(0) { $0 + $1.notices.filter(\.onTime).count },
      "deemed-accepted": arrived.filter(\.deemedAccepted).count,
      "center-bounced": arrived.filter { $0.centerDecision?.approved == false }.count,
      "reviews": s.facts.reviews.count, "proposals": s.facts.proposals.count, "hints": facts.hints.count,
    ]
    if s.pair != nil { summary["handovers"] = handed.count }
    for o in Outcome.allCases { summary["notices-" + o.rawValue] = arrived.reduce(0) { $0 + $1.notices.filter { $0.outcome == o }.count } }
    return ScoreCard(
      decisions: d, doubleReview: rv, timeLimits: tl, overall: overall, passMark: mark,
      passed: overall >= mark && critical.isEmpty, critical: critical, lost: lost, files: s.applicants.count,
      open: s.finished ? 0 : open, hints: facts.hints.count, restores: restores, summary: summary)
  }

  /// Scores a runner's attempt (its restores included); in a pair attempt, one post's view.
  public static func score(_ runner: AttemptRunner, post: TraineePost? = nil, passMark: Int? = nil, module: CurriculumModule? = nil) -> ScoreCard {
    score(runner.session, post: post, passMark: passMark, module: module, restores: runner.restores.count)
  }

  /// Post B of a pair: the time share each handed-over round loses to a slow verdict. Post B answers
  /// a handover the working day it arrives; each working day later costs ``latePerDay`` of the
  /// round's share, and a round still unreviewed when the file lapsed into a deemed acceptance
  /// loses all of it.
  static func pairReviewDelays(_ s: Session, _ facts: AttemptFacts, handed: Set<String>, share: Double, _ lost: inout [PointLost]) -> Double {
    var total = 0.0
    let handovers = s.facts(of: .a).handovers
    for key in handed.sorted() {
      guard let h = handovers.first(where: { "\($0.ticket)#\($0.round)" == key }), let c = s.cases[h.ticket],
        h.round <= c.rounds.count
      else { continue }
      let r = c.rounds[h.round - 1]
      let offset = c.policy.utcOffsetSeconds
      let label = h.round > 1 ? "\(h.ticket) round \(h.round)" : h.ticket
      if let v = facts.reviews.first(where: { $0.ticket == h.ticket && $0.round == h.round }) {
        let from = h.at.date(atOffset: offset)
        let late = c.policy.calendar.workingDays(after: from, through: v.at.date(atOffset: offset))
        guard v.at.date(atOffset: offset) > from, late > 0 else { continue }
        let pts = min(share, share * latePerDay * Double(late))
        total += pts
        lost.append(PointLost(dimension: .timeLimits, points: pts, ticket: label, rule: .policy(.acceptanceTimeLimit), explanation: "verdict \(late) working day\(late == 1 ? "" : "s") after the handover at \(h.at) (decision due \(r.deadline))", evidence: "review at \(v.at)"))
      } else if c.deemedAccepted && h.round == c.rounds.count {
        total += share
        lost.append(PointLost(dimension: .timeLimits, points: share, ticket: label, rule: .policy(.deemedAcceptance), explanation: "handed over to you at \(h.at) but not reviewed by \(r.deadline): deemed accepted by law", evidence: "case history"))
      }
    }
    return total
  }

  /// The evidence items that show what is wrong with a proposal: for each defect missed or
  /// invented, the document it is on (`show MATERIAL`), the checklist for a missing material, the
  /// points for a category; empty when the error is on the overview alone (jurisdiction, timing).
  public static func evidenceShowing(_ p: Proposal, _ e: Decision, _ packet: Packet) -> Set<String> {
    let g = Grading.grade(p, against: e)
    var codes = Set(g.missed + g.invented)
    if codes.isEmpty { codes = Set(g.expected.defects) }
    var items = Set<String>()
    for code in codes {
      guard let d = Defect(code: code) else { continue }
      switch d.kind {
      case .missing: items.insert("checklist")
      case .categoryUnsupported: items.insert("points")
      case .mismatch:
        if let m = e.findings.first(where: { $0.defect == d })?.material { items.insert(m.rawValue) }
      default:
        if let s = d.subject, let m = MaterialKind(rawValue: s), packet.materials.contains(where: { $0.kind == m }) { items.insert(m.rawValue) }
      }
    }
    return items
  }

  static func clamp(_ v: Double) -> Int { Int(max(0, min(100, v)).rounded()) }
}
