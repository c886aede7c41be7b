import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
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

    @Argument(help: helpText("cli.play.scenario"), completion: Completions.scenarios)
    var scenario: String

    @Option(help: helpText("cli.play.autoplay"))
    var autoplay: AutoplayStyle?

    @Option(help: helpText("cli.play.format"))
    var format: OutputFormat = .text

    @Option(help: helpText("cli.play.mode"))
    var mode: Mode = .practice

    /// The modes a trainee plays in (autoplay is `--autoplay`).
    enum Mode: String, ExpressibleByArgument, CaseIterable { case practice, assessment }

    @Option(help: helpText("cli.play.seed"))
    var seed: UInt64 = 0

    @ArgumentParser.Flag(help: helpText("cli.play.free"))
    var free = false

    /// Whether the argument names a file rather than a scenario id.
    static func isPath(_ s: String) -> Bool {
      s.hasSuffix(".yaml") || s.hasSuffix(".yml") || s.contains("/")
    }

    /// The course, with the trainer's own scenario file added when the argument is a path; the id to play.
    func course() throws -> (Course, String) {
      let library = try content.library
      let course = Course(library: library)
      guard Play.isPath(scenario) else { return (course, scenario) }
      // The file is checked like `check PATH` first: every problem as file:line:column, not just the first.
      let report = ContentChecker(library: library).check(paths: [scenario])
      if report.unreadable || report.errors > 0 {
        for d in report.diagnostics { printError(d.description) }
        printError(report.summary)
        throw Exit.badInput
      }
      switch course.addScenarioFile(scenario) {
      case .failure(let e):
        printError(e.message)
        throw Exit.badInput
      case .success(let id): return (course, id)
      }
    }

    func run() throws {
      let (course, scenario) = try course()
      guard let style = autoplay else {
        // Quoted, so that the scenario and mode stay one word each whatever they hold.
        guard let id = ReplInput.quoted(scenario), let m = ReplInput.quoted(mode.rawValue) else {
          printError("permitdesk: " + L10n.t("cli.err.unknown-scenario", scenario))
          throw Exit.badInput
        }
        // A file given by path is not the course, even under a course scenario's id (it replaces
        // that scenario in this process only): it is played as --free, for no module credit.
        let outside = free || Play.isPath(self.scenario)
        try repl.runRepl(
          content: content, startWith: ["start \(id) --mode \(m) --seed \(seed)" + (outside ? " --free" : "")], scenario: scenario, course: course,
          scoreJSON: format == .json)
        return
      }
      let library = course.library
      guard course.index[scenario] != nil else {
        printError("permitdesk: " + L10n.t("cli.err.unknown-scenario", scenario) + Suggest.hint(scenario, course.scenarioIDs))
        throw Exit.badInput
      }
      let db = try repl.database.open()
      let name = repl.trainee ?? "autoplay-\(style.rawValue)"
      let r = Repl(library: library, course: course, db: db, color: false, stopOnError: false)
      r.quiet = format == .json
      // A named trainee keeps their cohort (a new one gets none); only the default autoplay-STYLE
      // players are put in cohort "autoplay".
      let t = try db.upsertTrainee(name: name, cohort: repl.trainee == nil ? "autoplay" : nil)
      r.trainee = t
      let module = course.module(of: scenario)
      guard r.startAttempt(id: scenario, trainee: t, mode: .autoplay, seed: seed, module: module?.id), let runner = r.runner,
        let attempt = r.attempt
      else { throw Exit.internalError }
      var saveError: Error?
      var card: ScoreCard?
      // Commit, then apply: each command's step is written (the last one with the score) before the
      // runner moves on; a failed write stops the play with the attempt as it was.
      Autoplayer.play(runner, style: style, commit: { step in
        do {
          if let c = try r.commit(step, attempt: attempt, trainee: t) { card = c }
          return true
        } catch {
          saveError = error
          return false
        }
      }) { command, reply in
        if format == .text {
          print("> " + command.words.joined(separator: " "))
          for l in reply.lines { print(l) }
        }
      }
      if let e = saveError {
        printError("permitdesk: " + L10n.t("cli.err.could-not-save", "\(e)"))
        throw Exit.internalError
      }
      guard let card else {
        printError("permitdesk: " + L10n.t("cli.play.autoplay-unfinished"))
        throw Exit.internalError
      }
      switch format {
      case .json: print(card.json.render(indent: true))
      case .text: print(Debrief.lines(session: runner.session, card: card).joined(separator: "\n"))
      }
    }
  }
}

extension AutoplayStyle: ExpressibleByArgument {}
