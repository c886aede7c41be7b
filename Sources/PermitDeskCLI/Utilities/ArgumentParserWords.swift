import ArgumentParser
import Foundation
import PermitLocalization

/// ArgumentParser's own words around our catalog texts (`USAGE:`, `OPTIONS:`, `Show help
/// information.`, `Error: Unknown option …`) in the session's language. ArgumentParser has no
/// localisation of its own, so a Chinese session runs the command itself and rewrites those fixed
/// phrases of the help and error text it produces (English sessions use ArgumentParser's `main`
/// unchanged). Only the phrases below change; our texts come from the catalog already.
enum ArgumentParserWords {
  /// Line-start and in-line phrases, English → the catalog key of their translation.
  static let phrases: [(String, String)] = [
    ("OVERVIEW: ", "cli.ap.overview"), ("USAGE: ", "cli.ap.usage"), ("ARGUMENTS:", "cli.ap.arguments"),
    ("OPTIONS:", "cli.ap.options"), ("SUBCOMMANDS:", "cli.ap.subcommands"), ("Error: ", "cli.ap.error"),
    ("Usage: ", "cli.ap.usage"), ("Show help information.", "cli.ap.show-help"), ("Show the version.", "cli.ap.show-version"),
    ("Missing expected argument ", "cli.ap.missing-argument"), ("Unknown option ", "cli.ap.unknown-option"),
    ("Unexpected argument ", "cli.ap.unexpected-argument"), ("Missing value for ", "cli.ap.missing-value"),
    ("(default: ", "cli.ap.default"), ("(values: ", "cli.ap.values"), ("; default: ", "cli.ap.and-default"),
    ("\nHelp:  ", "cli.ap.help"),
  ]

  /// `text` with ArgumentParser's phrases in `language` (unchanged in English).
  static func translate(_ text: String, to language: Language = Language.current) -> String {
    guard language != .en else { return text }
    var out = text
    for (english, key) in phrases { out = out.replacingOccurrences(of: english, with: L10n.t(key)) }
    // A long help line wrapped right after "(default:" / "(values:".
    for (english, key) in [("default", "cli.ap.default"), ("values", "cli.ap.values")] {
      out = out.replacingOccurrences(
        of: #"\("# + english + #":(\n +)"#, with: L10n.t(key).trimmingCharacters(in: .whitespaces) + "$1", options: .regularExpression)
    }
    // Error sentences with values inside ('…' kept as written).
    let sentences: [(pattern: String, key: String)] = [
      (#"The value '([^\n]*?)' is invalid for '([^'\n]*)'"#, "cli.ap.invalid-value"),
      (#"The value '([^\n]*?)' is invalid\."#, "cli.ap.invalid-value.bare"),
      (#"\. Please provide one of the following:"#, "cli.ap.provide-one-of.list"),
      (#"\. Please provide one of ([^\n]*)\."#, "cli.ap.provide-one-of"),
      (#"\. Did you mean '([^'\n]*)'\?"#, "cli.ap.did-you-mean"),
      (#"The option '([^'\n]*)' does not take any value, but '([^\n]*?)' was specified\."#, "cli.ap.takes-no-value"),
      (#"Value to be set with ([^\n]*) had already been set with ([^\n]*)"#, "cli.ap.set-twice"),
      (#"Invalid option: "#, "cli.ap.invalid-option"), (#"Missing required subcommand\."#, "cli.ap.missing-subcommand"),
      (#"Missing one of: "#, "cli.ap.missing-one-of"),
    ]
    for (pattern, key) in sentences {
      out = out.replacingOccurrences(
        of: pattern, with: L10n.t(key, "$1", "$2"), options: .regularExpression)
    }
    // "one of 'a', 'b' or 'c'": a list of values.
    out = out.replacingOccurrences(of: "' or '", with: L10n.t("cli.ap.or")).replacingOccurrences(of: "', '", with: L10n.t("cli.ap.or"))
    // "See 'permitdesk help <subcommand>' for detailed help." / "See 'permitdesk X --help' for more information."
    out = out.replacingOccurrences(
      of: #"See '([^']+)' for (detailed help|more information)\."#, with: L10n.t("cli.ap.see", "$1"), options: .regularExpression)
    return out
  }
}
