import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

extension PermitDesk {
  /// `permitdesk check [PATH…]`: validate content files and folders.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.check.abstract"),
      discussion: L10n.t("cli.check.discussion"))

    @OptionGroup var content: ContentOptions

    @Argument(help: helpText("cli.check.paths"), completion: .file(extensions: ["yaml"]))
    var paths: [String] = []

    @Option(help: helpText("cli.check.format"))
    var format: OutputFormat = .text

    @Option(help: helpText("cli.check.policy"), completion: Completions.policies)
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
