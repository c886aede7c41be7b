import PermitTraining

/// What a refused REPL line or name is told (``ReplInput/Problem``, ``ReplInput/NameProblem``), with
/// what to do instead. English only, as before (the REPL's input checks are not in the catalog yet).
enum InputScreens {
  /// Why a line was refused.
  static func message(_ p: ReplInput.Problem) -> String {
    let most = ReplInput.maxLineBytes
    switch p {
    case .tooLong(let n):
      return "line too long (\(n > most + 1 ? "\(n)" : "more than \(most)") bytes; at most \(most)): nothing was done; type a shorter command"
    case .controlCharacter(let column, let scalar):
      return "control character \(ReplInput.codePoint(scalar)) at column \(column) refused: commands take printable text only; nothing was done"
    case .unclosedQuote(let column):
      return "unclosed \" at column \(column): close it (\"two words\") or remove it; nothing was done"
    }
  }

  /// Why a name (`what`: "trainee name", "cohort name") was refused.
  static func message(_ p: ReplInput.NameProblem, name: String, what: String = "trainee name") -> String {
    switch p {
    case .empty: return "the \(what) is empty"
    case .controlCharacter(let s): return "the \(what) holds the control character \(ReplInput.codePoint(s)): names take printable text only"
    case .tooLong: return "the \(what) is longer than \(ReplInput.maxNameLength) characters"
    case .option: return "the \(what) '\(name)' starts with '-': an option is not a name"
    case .doubleQuote: return "the \(what) holds a double quote"
    case .spaceAtEnds: return "the \(what) '\(name)' starts or ends with a space"
    }
  }
}
