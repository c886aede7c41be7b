import ArgumentParser
import PermitCore
import PermitTraining

/// `permitdesk`: the training sandbox for the work-permit acceptance window.
@main
struct PermitDesk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "permitdesk",
    abstract: "Training sandbox for the foreigners' work-permit acceptance window (synthetic data only).",
    discussion: """
      With no subcommand, opens the trainee REPL on the bundled scenarios and curriculum.
      Exit codes: 0 success, 1 problems found, 64 wrong usage, 65 bad input data, 70 internal error.
      """,
    subcommands: [Decide.self, Check.self, Generate.self, Bench.self, BenchCheck.self])

  @OptionGroup var content: ContentOptions

  func run() throws {
    print(PermitDesk.helpMessage())
  }
}

/// Where the content (Policies/, Scenarios/, Curriculum/) is.
struct ContentOptions: ParsableArguments {
  @Option(name: .customLong("content"), help: "Content folder holding Policies/, Scenarios/ and Curriculum/ (default: PERMITDESK_HOME or the bundled content).")
  var path: String?

  var library: ContentLibrary { ContentLibrary(root: ContentLibrary.locate(explicit: path)) }
}
