import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk replay ATTEMPT`: re-score a recorded attempt from its action log.
  struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.replay.abstract"),
      discussion: L10n.t("cli.replay.discussion"))

    @OptionGroup var content: ContentOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: helpText("cli.replay.attempt"), completion: Completions.attempts)
    var attempt: Int64

    @Option(help: helpText("cli.replay.policy"), completion: Completions.policies)
    var policy: String?

    @Option(help: helpText("cli.replay.format"))
    var format: OutputFormat = .text

    func run() throws {
      let db = try database.openReadOnly()
      guard let a = try db.attempt(id: attempt) else {
        printError("permitdesk: " + L10n.t("cli.err.no-attempt", attempt))
        throw Exit.badInput
      }
      let course = try Course(library: content.library)
      let trainee = try db.trainees(cohort: nil).first { $0.id == a.trainee }?.name ?? "?"
      let rebuilt: RecordedAttempt
      switch try RecordedAttempt.rebuild(a, trainee: trainee, course: course, db: db) {
      case .failure(let e):
        printError("permitdesk: \(e.message)")
        throw Exit.badInput
      case .success(let r): rebuilt = r
      }
      let runner = rebuilt.runner
      let card = rebuilt.score(module: a.moduleID, course: course)
      var lines = [L10n.t(rebuilt.actions == 1 ? "cli.replay.head.one" : "cli.replay.head", a.id, a.scenarioID, trainee, Localized.mode(a.mode), rebuilt.actions)]
      lines.append(L10n.t("cli.replay.replayed", card.overall, card.decisions, card.doubleReview, card.timeLimits))
      var differs = false
      if let o = a.overall {
        lines.append(L10n.t("cli.replay.recorded", o, a.decisions ?? 0, a.doubleReview ?? 0, a.timeLimits ?? 0))
        let model = Repl.scoringModel(a.resultJSON)
        differs = o != card.overall || a.decisions != card.decisions || a.doubleReview != card.doubleReview || a.timeLimits != card.timeLimits
        if model != Scorer.model {
          differs = false
          lines.append(L10n.t("cli.replay.other-model", model, Scorer.model))
        } else if differs && course.contentChanged(a.contentHash, scenario: a.scenarioID) {
          lines.append(L10n.t("cli.replay.content-changed", a.scenarioID))
        } else {
          lines.append(L10n.t(differs ? "cli.replay.differs" : "cli.replay.follows"))
        }
        lines.append(L10n.t("cli.replay.scored-by", a.scoredBy ?? L10n.t("cli.replay.unrecorded-build"), BuildInfo.build))
      } else {
        lines.append(L10n.t("cli.replay.no-score", L10n.t("store.status." + a.status.rawValue)))
      }
      var divergences: [JSON] = []
      if let id = policy {
        guard case .success(let other) = try content.library.policy(id) else {
          printError("permitdesk: " + L10n.unknownPolicy(id, known: try content.library.policyIDs()))
          throw Exit.badInput
        }
        let examiner = Examiner(policy: other)
        for t in runner.session.tickets {
          guard let c = runner.session.cases[t] else { continue }
          for r in c.rounds {
            let again = examiner.examine(r.packet)
            if !Grading.grade(again.answer, against: r.examination).isRight {
              func said(_ d: Decision) -> String {
                d.outcome.rawValue + (d.defects.isEmpty ? "" : " " + d.defects.map(\.code).joined(separator: ","))
                  + (d.referTo.map { " --refer-to " + $0 } ?? "")
              }
              let was = said(r.examination)
              let now = said(again)
              lines.append(L10n.t("cli.replay.divergence", t, r.number, c.policy.id, was, id, now))
              divergences.append(.object([("ticket", .string(t)), ("round", .int(r.number)), ("was", .string(was)), ("under", .string(id)), ("now", .string(now))]))
            }
          }
        }
        if divergences.isEmpty { lines.append(L10n.t("cli.replay.same", id)) }
      }
      switch format {
      case .text: print(lines.joined(separator: "\n"))
      case .json:
        print(JSON.object([
          ("attempt", .int(Int(a.id))), ("score", card.json), ("recorded-overall", a.overall.map { .int($0) } ?? .null),
          ("matches-record", .bool(!differs)), ("scored-by", a.scoredBy.map { .string($0) } ?? .null), ("replayed-by", .string(BuildInfo.build)), ("divergences", .array(divergences)),
        ]).render(indent: true))
      }
      if differs { throw Exit.problems }
    }
  }
}
