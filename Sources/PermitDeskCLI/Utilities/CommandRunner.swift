import ArgumentParser
import Foundation
import PermitLocalization

/// Parses and runs a command as ArgumentParser's `main` does, with two differences:
/// - ArgumentParser's own words (`Usage:`, `Error:`, `See '…' for more information.`) are in the
///   session's language (``ArgumentParserWords``);
/// - an argument error found while a subcommand *runs* (a `ValidationError` thrown from `run()`,
///   e.g. `generate --count 0`, or a room command's usage problem) is shown with the usage of that
///   subcommand, as errors found while parsing are. ArgumentParser's `main` knows only the root
///   there and printed `Usage: permitdesk <subcommand>`.
///
/// Help goes to standard output (exit 0), errors to standard error with their exit code (64 for
/// wrong usage, product.md §11).
enum CommandRunner {
  static func main<Root: ParsableCommand>(_ root: Root.Type, _ arguments: [String]) -> Never {
    let command: ParsableCommand
    do {
      command = try root.parseAsRoot(arguments)
    } catch {
      finish(root.fullMessage(for: error), code: root.exitCode(for: error))
    }
    do {
      var running = command
      try running.run()
      exit(0)
    } catch {
      finish(fullMessage(root, running: type(of: command), for: error), code: root.exitCode(for: error))
    }
  }

  /// The text ArgumentParser would print for `error`, except that a `ValidationError` thrown by the
  /// running subcommand `command` carries `command`'s usage and help hint rather than the root's.
  static func fullMessage<Root: ParsableCommand>(_ root: Root.Type, running command: ParsableCommand.Type, for error: Error) -> String {
    guard let validation = error as? ValidationError, command != root else { return root.fullMessage(for: error) }
    let synopsis = root.usageString(for: command).replacingOccurrences(of: "\n", with: "\n       ")
    let names = path(from: root, to: command).map { $0._commandName }.joined(separator: " ")
    var text = validation.message.isEmpty ? "" : Root._errorPrefix + validation.message + "\n"
    if !synopsis.isEmpty { text += "Usage: " + synopsis + "\n" }
    text += "  See '\(names) --help' for more information."
    return text
  }

  /// The commands from `root` down to `target` (just `[root]` when `target` is not below it).
  static func path(from root: ParsableCommand.Type, to target: ParsableCommand.Type) -> [ParsableCommand.Type] {
    func search(_ node: ParsableCommand.Type) -> [ParsableCommand.Type]? {
      if node == target { return [node] }
      for child in node.configuration.subcommands {
        if let rest = search(child) { return [node] + rest }
      }
      return nil
    }
    return search(root) ?? [root]
  }

  private static func finish(_ text: String, code: ExitCode) -> Never {
    let message = ArgumentParserWords.translate(text)
    if !message.isEmpty {
      if code == .success { print(message) } else { printError(message) }
    }
    exit(code.rawValue)
  }
}
