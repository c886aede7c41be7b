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
    "verify": ["--db", "--content"], "purge": ["--db"], "monitor": ["--db", "--content"],
    "bench": ["--content"], "bench-check": ["--content"], "bench-repl": ["--content"], "bench-runtime": ["--content"],
    // `help SUBCOMMAND` uses none; `room` is a group: its own subcommands are the keys.
    "help": [], "room": [], "room init": ["--content"], "room add": [], "room remove": [], "room shell": [],
  ]

  /// The subcommands of the `room` group (their options follow their own name).
  static let roomSubcommands: Set<String> = ["init", "add", "remove", "shell"]

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
    guard i < args.count, subcommands.contains(args[i]) else { return args }
    // `room init` and the others: the options go after the group's subcommand, where they belong.
    let nested = args[i] == "room" && i + 1 < args.count && roomSubcommands.contains(args[i + 1])
    let command = nested ? [args[i], args[i + 1]] : [args[i]]
    guard let uses = used[command.joined(separator: " ")] else { return args }
    var rest: [String] = []
    var j = 0
    let tail = moved + args[(i + command.count)...]
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
    return command + rest
  }

  /// The first word when it names no subcommand (`permitdesk repot`, `permitdesk help repot`), after
  /// any leading global options; nil when the words are a subcommand, options, or nothing. The REPL
  /// (the default subcommand) takes no words of its own, so such a word is always a mistake.
  static func unknownSubcommand(_ args: [String]) -> String? {
    var i = 0
    while i < args.count, span(args, at: i) > 0 { i += span(args, at: i) }
    guard i < args.count else { return nil }
    let word = args[i]
    if word.hasPrefix("-") { return nil }
    if !subcommands.contains(word) { return word }
    if word == "help", i + 1 < args.count, !args[i + 1].hasPrefix("-"), !subcommands.contains(args[i + 1]) {
      return args[i + 1]
    }
    return nil
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
