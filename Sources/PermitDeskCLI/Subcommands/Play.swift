import ArgumentParser
import Foundation
import PermitCore
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk play SCENARIO`: the REPL straight into a scenario, or an autoplayed run.
  struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.play.abstract"),
      discussion: L10n.t("cli.play.discussion"))

    @OptionGroup var content: ContentOptions
    @OptionGroup var repl: ReplOptions

    @Argument(help: helpText("cli.play.scenario"))
    var scenario: String

    @Option(help: helpText("cli.play.autoplay"))
    var autoplay: AutoplayStyle?

    @Option(help: helpText("cli.play.format"))
    var format: OutputFormat = .text

    @Option(help: helpText("cli.play.mode"))
    var mode: String = "practice"

    @Option(help: helpText("cli.play.seed"))
    var seed: UInt64 = 0

    @ArgumentParser.Flag(help: helpText("cli.play.free"))
    var free = false

    func run() throws {
      guard let style = autoplay else {
        try repl.runRepl(content: content, startWith: ["start \(scenario) --mode \(mode) --seed \(seed)" + (free ? " --free" : "")])
        return
      }
      let library = content.library
      let course = Course(library: library)
      guard course.index[scenario] != nil else {
        printError("permitdesk: unknown scenario '\(scenario)'" + Suggest.hint(scenario, course.scenarioIDs))
        throw Exit.badInput
      }
      let db = try repl.database.open()
      let name = repl.trainee ?? "autoplay-\(style.rawValue)"
      let r = Repl(library: library, course: course, db: db, color: false, stopOnError: false)
      r.quiet = format == .json
      let t = try db.upsertTrainee(name: name, cohort: "autoplay")
      r.trainee = t
      let module = course.module(of: scenario)
      guard r.startAttempt(id: scenario, trainee: t, mode: .autoplay, seed: seed, module: module?.id), let runner = r.runner,
        let attempt = r.attempt
      else { throw Exit.internalError }
      var saveError: Error?
      Autoplayer.play(runner, style: style) { words, reply in
        do { try r.record(words, reply: reply, runner: runner, attempt: attempt, trainee: t) } catch { saveError = error }
        if format == .text {
          print("> " + words.joined(separator: " "))
          for l in reply.lines { print(l) }
        }
      }
      if let e = saveError {
        printError("permitdesk: could not save: \(e)")
        throw Exit.internalError
      }
      let card = Scorer.score(runner.session, passMark: course.passMark(of: module?.id))
      try db.finishAttempt(
        id: attempt.id,
        result: AttemptResult(card))
      switch format {
      case .json: print(card.json.render(indent: true))
      case .text: print(Debrief.lines(session: runner.session, card: card).joined(separator: "\n"))
      }
    }
  }
}

extension AutoplayStyle: ExpressibleByArgument {}
