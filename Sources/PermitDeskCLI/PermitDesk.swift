import ArgumentParser
import CReadline
import Foundation
import PermitCore
import PermitStore
import PermitTraining

/// `permitdesk`: the training sandbox for the work-permit acceptance window.
struct PermitDesk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "permitdesk",
    abstract: L10n.t("cli.root.abstract"),
    discussion: L10n.t("cli.root.discussion") + "\n" + L10n.t("cli.root.discussion.lang"),
    subcommands: [
      OpenRepl.self, Decide.self, Check.self, Generate.self, Play.self, Rehearse.self, Report.self, Replay.self,
      Verify.self, Purge.self, Bench.self, BenchCheck.self, BenchRepl.self,
    ],
    defaultSubcommand: OpenRepl.self)

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
  @Option(name: .customLong("content"), help: helpText("cli.options.content"))
  var path: String?

  var library: ContentLibrary { ContentLibrary(root: ContentLibrary.locate(explicit: path)) }
}

/// The sandbox database.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .customLong("db"), help: helpText("cli.options.db"))
  var path: String?

  func open() throws -> SandboxDatabase {
    let p = path ?? SandboxDatabase.defaultPath(environment: ProcessInfo.processInfo.environment)
    do {
      var db = try SandboxDatabase(path: p)
      // The fault-injection seam of the test suite (README, "Testing"): e.g. PERMITDESK_FAULT=full@3
      // makes this process's third command commit fail with SQLITE_FULL.
      if let plan = ProcessInfo.processInfo.environment["PERMITDESK_FAULT"] { db.faults = FaultSeam(plan: plan) }
      return db
    } catch {
      printError("permitdesk: \(error)")
      throw Exit.badInput
    }
  }
}

/// Options of the REPL (also used by `play`).
struct ReplOptions: ParsableArguments {
  @OptionGroup var database: DatabaseOptions

  @Option(help: helpText("cli.options.file"))
  var file: String?

  @ArgumentParser.Flag(help: helpText("cli.options.stopOnError"))
  var stopOnError = false

  @ArgumentParser.Flag(help: helpText("cli.options.noColor"))
  var noColor = false

  @Option(help: helpText("cli.options.trainee"))
  var trainee: String?

  func runRepl(content: ContentOptions, startWith: [String]) throws {
    pd_stdout_line_buffered()
    let library = content.library
    let course = Course(library: library)
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
    if let name = trainee ?? env["PERMITDESK_TRAINEE"], !name.isEmpty { _ = repl.handle("login \(name)") }
    for line in startWith {
      _ = repl.handle(line)
      if stopOnError && repl.errors > 0 { throw Exit.problems }
    }
    if !repl.run(reader: reader) { throw Exit.problems }
  }
}
