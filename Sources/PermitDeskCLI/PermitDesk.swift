import ArgumentParser
import CReadline
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

/// `permitdesk`: the training sandbox for the work-permit acceptance window.
@main
struct PermitDesk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "permitdesk",
    abstract: L10n.t("cli.root.abstract"),
    discussion: L10n.t("cli.root.discussion") + "\n" + L10n.t("cli.root.discussion.lang"),
    version: BuildInfo.build,
    subcommands: [
      OpenRepl.self, Decide.self, Check.self, Generate.self, Play.self, Rehearse.self, Report.self, Replay.self,
      Verify.self, Purge.self, Monitor.self, Room.self, Bench.self, BenchCheck.self, BenchRepl.self, BenchRuntime.self,
    ],
    defaultSubcommand: OpenRepl.self)

  /// Moves global options written before the subcommand after it, answers `--version` (which needs
  /// the content location), then parses as usual.
  static func main() {
    pd_unblock_interrupt()  // a parent may hand SIGINT down blocked; Ctrl-C must reach us
    // The interface language first (issue 15): help texts are read from the catalog when
    // ArgumentParser first asks for them.
    var words = Array(CommandLine.arguments.dropFirst())
    Language.current = LanguageOption.choose(&words)
    let args = GlobalOptions.reorder(words)
    // A mistyped subcommand (`permitdesk repot`) would otherwise reach the default REPL as an
    // "unexpected argument": name it, suggest the closest, exit 64.
    if let word = GlobalOptions.unknownSubcommand(words) {
      let names = PermitDesk.configuration.subcommands.map { $0._commandName }
      printError("permitdesk: " + L10n.t("cli.err.unknown-subcommand", word, Suggest.hint(word, names)))
      Foundation.exit(Exit.usage.rawValue)
    }
    if let content = GlobalOptions.versionRequest(args) {
      print(BuildInfo.versionText(content: content))
      return
    }
    // ArgumentParser's own words (USAGE, OPTIONS, Error: …) in the session's language, and the
    // argument errors of a running subcommand with that subcommand's usage.
    CommandRunner.main(PermitDesk.self, args)
  }

  /// The REPL is the default subcommand rather than the root command's own `run()`: ArgumentParser
  /// lets a parent's options capture same-named options written after a subcommand, so root-level
  /// `--db`/`--trainee` made `report --db X`, `verify --db X`, `report --trainee N` and
  /// `play … --db X` silently use the default database and ignore the filter.
  struct OpenRepl: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "repl",
      abstract: L10n.t("cli.repl.abstract"))

    @OptionGroup var content: ContentOptions
    @OptionGroup var repl: ReplOptions

    func run() throws {
      try repl.runRepl(content: content, startWith: [])
    }
  }
}

/// Where the content (Policies/, Scenarios/, Curriculum/) is.
struct ContentOptions: ParsableArguments {
  @Option(
    name: .customLong("content"),
    help: helpText("cli.options.content"),
    completion: .directory)
  var path: String?

  /// The content library, or exit 65 with the paths tried when there is no content.
  var library: ContentLibrary {
    get throws {
      switch ContentLocation.locate(explicit: path) {
      case .success(let root): return ContentLibrary(root: root)
      case .failure(let notFound):
        printError("permitdesk: \(notFound)")
        throw Exit.badInput
      }
    }
  }
}

/// The sandbox database.
struct DatabaseOptions: ParsableArguments {
  @Option(
    name: .customLong("db"),
    help: helpText("cli.options.db"),
    completion: .file(extensions: ["sqlite"]))
  var path: String?

  /// The database file this command uses.
  var resolvedPath: String { path ?? SandboxDatabase.defaultPath(environment: ProcessInfo.processInfo.environment) }

  /// Opens (creating if needed) the database for writing; records this build on new attempts.
  func open() throws -> SandboxDatabase {
    do {
      var db = try SandboxDatabase(path: resolvedPath)
      db.build = BuildInfo.build
      // The fault-injection seam of the test suite (README, "Testing"): e.g. PERMITDESK_FAULT=full@3
      // makes this process's third command commit fail with SQLITE_FULL.
      if let plan = ProcessInfo.processInfo.environment["PERMITDESK_FAULT"] { db.faults = FaultSeam(plan: plan) }
      return db
    } catch {
      printError("permitdesk: \(error)")
      throw Exit.badInput
    }
  }

  /// Opens an existing database read-only (report, verify, replay): never creates or changes a file.
  func openReadOnly() throws -> SandboxDatabase {
    do {
      return try SandboxDatabase(readOnlyPath: resolvedPath)
    } catch {
      printError("permitdesk: \(error)")
      throw Exit.badInput
    }
  }
}

/// Options of the REPL (also used by `play`).
struct ReplOptions: ParsableArguments {
  @OptionGroup var database: DatabaseOptions

  @Option(help: helpText("cli.options.file"), completion: .file())
  var file: String?

  @ArgumentParser.Flag(help: helpText("cli.options.stopOnError"))
  var stopOnError = false

  @ArgumentParser.Flag(help: helpText("cli.options.noColor"))
  var noColor = false

  @Option(help: helpText("cli.options.trainee"), completion: Completions.trainees)
  var trainee: String?

  /// Runs the REPL; `startWith` are commands run first (`play`'s start of `scenario`), after the
  /// login when nobody is logged in yet.
  /// With `scoreJSON` (`play --format json`), a script's transcript is left out (errors still go to
  /// standard error) and the output ends with the attempt's score card as JSON.
  func runRepl(content: ContentOptions, startWith: [String], scenario: String? = nil, course given: Course? = nil, scoreJSON: Bool = false) throws {
    pd_stdout_line_buffered()
    let library = try content.library
    let course = given ?? Course(library: library)
    let db = try database.open()
    let reader: LineReader
    do { reader = try LineReader(script: file) } catch {
      printError("permitdesk: \(error)")
      throw Exit.badInput
    }
    let env = ProcessInfo.processInfo.environment
    let color = reader.interactive && !noColor && (env["NO_COLOR"] ?? "").isEmpty
    let repl = Repl(library: library, course: course, db: db, color: color, stopOnError: stopOnError)
    if reader.interactive {
      repl.say([L10n.t("repl.greeting")])
    }
    repl.errorsToStandardError = !reader.interactive
    if scoreJSON && !reader.interactive { repl.quiet = true }
    // The name is one word whatever it holds: `--trainee 'bob --cohort evil'` is not a cohort.
    if let name = trainee ?? env["PERMITDESK_TRAINEE"], !name.isEmpty { _ = repl.handle(words: ["login", name]) }
    if repl.trainee == nil, !startWith.isEmpty {
      // `play SCENARIO` without --trainee: the scenario waits for the login (was: "log in first",
      // and the login that followed started nothing).
      let id = scenario ?? startWith[0]
      repl.pendingStart = (id, startWith)
      repl.say([L10n.t("repl.play.login-to-start", id)])
    }
    for line in startWith where repl.pendingStart == nil {
      repl.startFromShell = true
      defer { repl.startFromShell = false }
      _ = repl.handle(line)
      if stopOnError && repl.errors > 0 { throw Exit.problems }
    }
    if !repl.run(reader: reader) { throw Exit.problems }
    if let waiting = repl.pendingStart, !reader.interactive {
      // A headless play-through that never logged in played nothing: that is not a success.
      printError("permitdesk: " + L10n.t("repl.play.never-started", waiting.scenario))
      throw Exit.problems
    }
    if scoreJSON {
      guard let json = repl.scoreJSON else {
        printError("permitdesk: " + L10n.t("repl.play.no-score"))
        throw Exit.problems
      }
      print(json.render(indent: true))
    }
  }
}
