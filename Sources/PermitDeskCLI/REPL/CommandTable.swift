import PermitLocalization
import PermitTraining

/// One REPL command: name, usage, one-line summary and the help text.
struct CommandInfo {
  let name: String
  let usage: String
  let summary: String
  let details: String
  /// Whether the command acts on the current attempt (it is logged and costs time).
  let attempt: Bool
  /// How many words after the verb it takes, given those words (nil: its own parser checks them,
  /// or any number). Words past it are refused with the usage before anything runs or is logged.
  var maxArguments: @Sendable ([String]) -> Int? = { _ in nil }

  /// Whether the words after the verb go past what the command takes.
  func surplus(_ arguments: [String]) -> Bool { maxArguments(arguments).map { arguments.count > $0 } ?? false }
}

/// The REPL's commands: its own (login, start, score, …) around the attempt commands, which come
/// from the one command table of the runtime (``AttemptCommands/specs``).
enum CommandTable {
  static let all: [CommandInfo] = before + AttemptCommands.specs.map {
    let h = AttemptCommandHelp.of($0.name)
    return CommandInfo(
      name: $0.name, usage: h.usage, summary: h.summary, details: h.details, attempt: true,
      maxArguments: $0.maxArguments)
  } + after

  static let before: [CommandInfo] = [
    CommandInfo(name: "help", usage: "help [VERB]", summary: "list the commands, or explain one", details: "Tab completes verbs, tickets, materials, defect codes, outcomes and scenario ids.\nOn a terminal Ctrl-C clears the line being typed and Ctrl-D on an empty line leaves; what others do meanwhile (a trainer's event) appears above the prompt.", attempt: false, maxArguments: { _ in 1 }),
    CommandInfo(name: "login", usage: "login NAME [--cohort COHORT]", summary: "work as a trainee (created on first login)", details: "Your attempts and curriculum progress are kept under this name in the sandbox database. A name with spaces is quoted: login \"Li Wei\".", attempt: false,
      maxArguments: { $0.count >= 2 && $0[1] == "--cohort" ? 3 : 1 }),
    CommandInfo(name: "curriculum", usage: "curriculum", summary: "modules in order with status (locked, open, passed), attempts, best and last score", details: "A module opens when its prerequisites are passed. It is passed when each of its required scenarios (the module file says which; by default every scripted one) has a credited attempt that passed: at or above the pass mark, no critical error, no restore.", attempt: false, maxArguments: { _ in 0 }),
    CommandInfo(name: "scenarios", usage: "scenarios [MODULE]", summary: "list the scenarios (of a module)", details: "", attempt: false, maxArguments: { _ in 1 }),
    CommandInfo(name: "start", usage: "start SCENARIO [--mode practice|assessment] [--seed N] [--free] [--abandon] [--pair NAME]", summary: "start an attempt at a scenario (alone, or with a partner as post B)", details: "With an attempt in progress, start refuses: 'resume' it, or add --abandon to abandon it.\nPractice mode allows hint, snapshot and restore; assessment mode does not (assessment scenarios are always assessments).\n--seed varies the generated applicants so a retake is not memorised.\n--free practises a scenario outside the curriculum: no module lock, no module credit.\n--pair NAME plays the scenario with a partner (a trainee who has logged in once; in a training room, one of its trainees): you are post A, they 'join' as post B. One attempt, one log, one clock, no simulated colleague: your handovers go to their review queue, their verdicts come back to you. Only post A advances the clock and finishes; no snapshots or restores. Each of you is scored on your own post and credited with your own result.", attempt: false),
    CommandInfo(name: "resume", usage: "resume [--take-over]", summary: "continue your unfinished attempt exactly where it stood", details: "The attempt is rebuilt from its action log: clock, queue, open case, reviews.\nOne session at a time works on an attempt: while another (a second terminal, a forgotten window) holds it, resume says where (host, process, last activity) and changes nothing.\n--take-over continues here anyway; the other session stops at its next command and records nothing more.\nA session that was killed or has been idle for 30 minutes holds nothing: resume just works.\nA pair attempt resumes for either partner, at their own post.", attempt: false),
    CommandInfo(name: "join", usage: "join [ATTEMPT]", summary: "take post B in the pair attempt a partner started with --pair YOU", details: "'join' alone takes the one pair attempt waiting for you; with several, 'join ATTEMPT' names one (the number 'start --pair' printed). A post a trainer handed you ('reassign', for a partner who left) is taken the same way, with its open file and its work so far.\nAs post B you review what post A hands over: 'open TICKET', look at the evidence, then 'review agree' or 'review return REASON'; the verdict goes back to post A, who issues the notice. Your partner's commands appear, under their name, before your next prompt.\nYou are scored on your post: your verdicts (decisions), the evidence you looked at before each (double review) and how promptly you reviewed (time limits). 'resume' brings you back after a crash.", attempt: false),
    ]
  static let after: [CommandInfo] = [
    CommandInfo(name: "score", usage: "score", summary: "the running (or final) score in the three dimensions", details: "Every file of the scenario has a fixed share. Decisions are earned file by file: a file with no proposal (left open, lapsed, bounced) earns nothing. Double review and time limits are 100 less what was lost (breaches, verdicts without looking at the evidence; late notices, deemed acceptances).\nThe running score is the same function on the log so far and says how many files are still open; finish never raises it.\nCritical errors fail the attempt whatever the total: issue-without-review, self-review, accept-out-of-jurisdiction, blind-agreement (post B agrees with a wrong proposal without looking at the evidence). Evidence is what show MATERIAL, checklist and points display.\nHints cost a quarter of the file's share; an attempt with a restore earns no module credit. README 'Scoring' has the whole model.", attempt: false, maxArguments: { _ in 0 }),
    CommandInfo(name: "debrief", usage: "debrief", summary: "critical errors, every point lost with its rule and evidence, what post B looked at, restores, the timeline and the day's summary", details: "", attempt: false, maxArguments: { _ in 0 }),
    CommandInfo(name: "quit", usage: "quit", summary: "leave (an unfinished attempt can be resumed later)", details: "", attempt: false, maxArguments: { _ in 0 }),
  ]

  static func find(_ name: String) -> CommandInfo? { all.first { $0.name == name } }

  /// The one-line refusal of words past what a verb takes (nil: the words fit): the verb's usage,
  /// in the session's language. Nothing runs and nothing is logged.
  static func surplus(_ verb: String, _ arguments: [String]) -> String? {
    guard let c = find(verb == "exit" ? "quit" : verb), c.surplus(arguments) else { return nil }
    return L10n.t("repl.surplus", verb, c.usage)
  }

  /// The help listing: usage and summary in two columns. A usage longer than the column is never
  /// cut: it takes its own line and the summary follows on the next, indented to the column.
  /// Columns are counted in display width (a Chinese character takes two).
  static func listing(_ commands: [CommandInfo] = all, width column: Int = 58) -> [String] {
    commands.map { c in
      DisplayWidth.of(c.usage) <= column
        ? "  " + DisplayWidth.pad(c.usage, to: column) + " " + summary(c)
        : "  " + c.usage + "\n  " + String(repeating: " ", count: column) + " " + summary(c)
    }.flatMap { $0.split(separator: "\n").map(String.init) }
  }

  /// A command's summary in the session's language; in Chinese, led by the verb's Chinese name.
  static func summary(_ c: CommandInfo) -> String {
    guard Language.current == .zhHans, let zh = Catalog.zhHans["help.\(c.name).summary"] else { return c.summary }
    return CodeNames.verb(c.name).map { "\($0)：\(zh)" } ?? zh
  }

  /// A command's help text in the session's language.
  static func details(_ c: CommandInfo) -> String {
    guard Language.current == .zhHans, !c.details.isEmpty else { return c.details }
    return Catalog.zhHans["help.\(c.name).details"] ?? c.details
  }

  static var names: [String] { all.map(\.name) + ["exit"] }
}
