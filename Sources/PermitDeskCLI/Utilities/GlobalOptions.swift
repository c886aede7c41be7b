import ArgumentParser

/// The options every subcommand understands wherever they are written: `--db`, `--content` and
/// `--no-color`. ArgumentParser only accepts a subcommand's options after its name, so the words
/// before the subcommand are moved after it before parsing (`permitdesk --db X report` =
/// `permitdesk report --db X`).
enum GlobalOptions {
  /// Options that take a value.
  static let valued: Set<String> = ["--db", "--content"]
  /// Flags.
  static let flags: Set<String> = ["--no-color"]
  /// Subcommands that take `--no-color` (the others print no colour: the flag is accepted and dropped).
  static let colourCommands: Set<String> = ["repl", "play"]

  /// The subcommand names (and `help`).
  static var subcommands: Set<String> {
    Set(PermitDesk.configuration.subcommands.map { $0._commandName } + ["help"])
  }

  /// How many words the global option at `args[i]` spans (0: not a global option).
  static func span(_ args: [String], at i: Int) -> Int {
    let word = args[i]
    if flags.contains(word) { return 1 }
    if valued.contains(word) { return i + 1 < args.count ? 2 : 0 }
    if let eq = word.firstIndex(of: "="), valued.contains(String(word[..<eq])) { return 1 }
    return 0
  }

  /// The arguments with the leading global options moved after the subcommand name.
  static func reorder(_ args: [String]) -> [String] {
    var i = 0
    var moved: [String] = []
    while i < args.count {
      let n = span(args, at: i)
      if n == 0 { break }
      moved += args[i..<(i + n)]
      i += n
    }
    guard !moved.isEmpty, i < args.count, subcommands.contains(args[i]) else { return args }
    let command = args[i]
    if !colourCommands.contains(command) { moved.removeAll { flags.contains($0) } }
    return [command] + moved + args[(i + 1)...]
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
