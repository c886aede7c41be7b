import ArgumentParser

/// The options every subcommand understands wherever they are written: `--db`, `--content` and
/// `--no-color`. ArgumentParser only accepts a subcommand's options after its name, so the words
/// before the subcommand are moved after it before parsing (`permitdesk --db X report` =
/// `permitdesk report --db X`), and a global option that a subcommand has no use for (`--content`
/// for `report`, `--no-color` for `check`) is accepted and dropped, before or after its name.
enum GlobalOptions {
  /// Options that take a value.
  static let valued: Set<String> = ["--db", "--content"]
  /// Flags.
  static let flags: Set<String> = ["--no-color"]
  /// The global options each subcommand uses (the REPL, `repl`, uses all three).
  static let used: [String: Set<String>] = [
    "repl": ["--db", "--content", "--no-color"], "play": ["--db", "--content", "--no-color"],
    "decide": ["--content"], "check": ["--content"], "generate": ["--content"],
    "rehearse": ["--db", "--content"], "report": ["--db", "--content"], "replay": ["--db", "--content"],
    "verify": ["--db", "--content"], "purge": ["--db"], "bench": ["--content"], "bench-check": ["--content"],
    "bench-repl": ["--content"],
  ]

  /// The subcommand names (and `help`).
  static var subcommands: Set<String> {
    Set(PermitDesk.configuration.subcommands.map { $0._commandName } + ["help"])
  }

  /// The option name of a global option word (`--db=X` → `--db`), or nil.
  static func name(_ word: String) -> String? {
    if flags.contains(word) || valued.contains(word) { return word }
    if let eq = word.firstIndex(of: "="), valued.contains(String(word[..<eq])) { return String(word[..<eq]) }
    return nil
  }

  /// How many words the global option at `args[i]` spans (0: not a global option).
  static func span(_ args: [String], at i: Int) -> Int {
    let word = args[i]
    if flags.contains(word) { return 1 }
    if valued.contains(word) { return i + 1 < args.count ? 2 : 0 }
    return name(word) != nil ? 1 : 0
  }

  /// The arguments with the leading global options moved after the subcommand name, and the global
  /// options the subcommand does not use removed (up to a `--` terminator).
  static func reorder(_ args: [String]) -> [String] {
    var i = 0
    var moved: [String] = []
    while i < args.count {
      let n = span(args, at: i)
      if n == 0 { break }
      moved += args[i..<(i + n)]
      i += n
    }
    guard i < args.count, subcommands.contains(args[i]), let uses = used[args[i]] else { return args }
    let command = args[i]
    var rest: [String] = []
    var j = 0
    let tail = moved + args[(i + 1)...]
    while j < tail.count {
      if tail[j] == "--" {
        rest += tail[j...]
        break
      }
      let n = span(tail, at: j)
      if n > 0, let option = name(tail[j]), !uses.contains(option) {
        j += n
        continue
      }
      rest.append(tail[j])
      j += 1
    }
    return [command] + rest
  }

  /// When the arguments ask for `--version` (with at most global options around it): the `--content`
  /// given, if any. nil otherwise.
  static func versionRequest(_ args: [String]) -> String?? {
    guard args.contains("--version") else { return nil }
    var content: String?
    var i = 0
    while i < args.count {
      if args[i] == "--version" {
        i += 1
        continue
      }
      let n = span(args, at: i)
      if n == 0 { return nil }
      if args[i] == "--content" { content = args[i + 1] }
      if args[i].hasPrefix("--content=") { content = String(args[i].dropFirst("--content=".count)) }
      i += n
    }
    return .some(content)
  }
}
