import ArgumentParser
import Foundation
import PermitLocalization
import PermitTraining


/// `--lang TAG` / `--lang=TAG`, accepted anywhere before a `--` terminator and removed from the
/// arguments ArgumentParser sees (it is a global option of every subcommand).
enum LanguageOption: Equatable {
  case none, value(String), missingValue

  /// The session's language from `--lang` (removed from `args`), `PERMITDESK_LANG` and the locale;
  /// a missing or unknown `--lang` value ends the process with exit code 64.
  static func choose(_ args: inout [String]) -> Language {
    let option: String?
    switch extract(&args) {
    case .none: option = nil
    case .value(let v): option = v
    case .missingValue:
      printError(L10n.t("cli.lang.missing", Language.spellings))
      exit(Exit.usage.rawValue)
    }
    guard let (language, _) = Language.select(option: option, environment: ProcessInfo.processInfo.environment) else {
      printError(L10n.t("cli.lang.unknown", option ?? "", Language.spellings))
      exit(Exit.usage.rawValue)
    }
    return language
  }

  static func extract(_ args: inout [String]) -> LanguageOption {
    var found = LanguageOption.none
    var i = 0
    while i < args.count {
      let a = args[i]
      if a == "--" { break }
      if a == "--lang" {
        guard i + 1 < args.count else { args.remove(at: i); return .missingValue }
        found = .value(args[i + 1])
        args.removeSubrange(i...(i + 1))
        continue
      }
      if a.hasPrefix("--lang=") {
        found = .value(String(a.dropFirst(7)))
        args.remove(at: i)
        continue
      }
      i += 1
    }
    return found
  }
}

/// An option's help from the catalog (ArgumentParser wants an `ArgumentHelp`).
func helpText(_ key: String) -> ArgumentHelp { ArgumentHelp(L10n.t(key)) }
