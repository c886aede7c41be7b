import ArgumentParser
import Foundation
import PermitCore
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk play SCENARIO`: the REPL straight into a scenario, or an autoplayed run.
  struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Open the REPL straight into a scenario; with --autoplay, play the model answer (or one kind of mistake).",
      discussion: """
        With a script on standard input it is a headless play-through (a trainer's dry run).
        --autoplay perfect|skip-review|late|miss-defects plays the model answer through the real
        runtime, or the model answer with one kind of mistake; --format json ends with the score as
        JSON: overall, decisions, double-review, time-limits (each 0-100) and passed.
        """)

    @OptionGroup var content: ContentOptions
    @OptionGroup var repl: ReplOptions

    @Argument(help: "Scenario id.")
    var scenario: String

    @Option(help: "Autoplay style: perfect, skip-review, late or miss-defects.")
    var autoplay: AutoplayStyle?

    @Option(help: "Output: text (a transcript) or json (the score only).")
    var format: OutputFormat = .text

    @Option(help: "Attempt mode: practice or assessment.")
    var mode: String = "practice"

    @Option(help: "Seed varying the generated applicants (0 = the scenario's own).")
    var seed: UInt64 = 0

    @ArgumentParser.Flag(help: "Play outside the curriculum (no module lock, no module credit): a trainer's dry run.")
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
      let card = Scorer.score(runner, passMark: course.passMark(of: module?.id), module: module)
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
