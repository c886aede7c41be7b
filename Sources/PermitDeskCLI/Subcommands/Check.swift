import ArgumentParser
import Foundation
import PermitCore
import PermitTraining

extension PermitDesk {
  /// `permitdesk check [PATH…]`: validate content files and folders.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate scenarios, packets, policy packs, calendars and curriculum modules (files or folders).",
      discussion: """
        Each *.yaml file's kind is recognised from its content. Reports schema errors, semantic errors (unknown materials, defects, policies, windows or scenarios; impossible dates; duplicate ids and tickets; cyclic or missing prerequisites; weights that do not sum to 100) and answer keys (expect:) that the examiner contradicts, with the examiner's reasoning.

        With no PATH: the content root's Policies, Scenarios and Curriculum.

        Exit 0 when clean, 1 when problems were found, 65 when a path cannot be read, 64 on wrong usage.
        """)

    @OptionGroup var content: ContentOptions

    @Argument(help: "Files or folders (folders are searched recursively for *.yaml).", completion: .file(extensions: ["yaml"]))
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Policy pack for packets that do not name one.", completion: Completions.policies)
    var policy: String = "beijing-2017-pilot"

    func run() throws {
      let checker = try ContentChecker(library: content.library)
      checker.defaultPolicy = policy
      // The default folders are shown relative to the current directory when they are inside it.
      let cwd = FileManager.default.currentDirectoryPath + "/"
      let defaults = checker.defaultPaths.map { $0.hasPrefix(cwd) ? String($0.dropFirst(cwd.count)) : $0 }
      let report = checker.check(paths: paths.isEmpty ? defaults : paths)
      switch format {
      case .text:
        var out = ""
        for d in report.diagnostics { out += d.description + "\n" }
        out += report.summary
        print(out)
      case .json:
        print(report.json.render(indent: true))
      }
      if report.unreadable { throw Exit.badInput }
      if report.errors > 0 { throw Exit.problems }
    }
  }
}
