import ArgumentParser
import Foundation
import PermitContent
import PermitLocalization
import PermitTraining

/// Exit codes of product.md §11.
enum Exit {
  /// The command ran and found problems.
  static let problems = ExitCode(1)
  /// Wrong usage.
  static let usage = ExitCode(64)
  /// Bad input data.
  static let badInput = ExitCode(65)
  /// Internal error.
  static let internalError = ExitCode(70)
}

/// Writes to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
}

/// Prints diagnostics to standard error, one per line.
func printDiagnostics(_ diagnostics: [Diagnostic]) {
  for d in diagnostics { printError(d.description) }
}

/// Output format of the machine-readable commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

extension L10n {
  /// An unknown id with the closest known one and the list of known ones:
  /// "unknown policy pack 'x'; did you mean 'y'? (known: a, b, c)".
  static func unknownPolicy(_ id: String, known: [String]) -> String {
    L10n.t("cli.err.unknown-policy", id) + Suggest.hint(id, known)
      + (known.isEmpty ? "" : L10n.t("cli.err.list-known", Localized.list(known)))
  }
}
