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
  /// An unknown policy pack id, in the loader's one wording (`check`, packets, generate):
  /// "unknown policy pack 'x'; known: a, b, c; did you mean 'y'?".
  static func unknownPolicy(_ id: String, known: [String]) -> String {
    ContentLibrary.unknownPolicy(id, known: known).message(in: Language.current)
  }
}
