import CReadline
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

/// The trainee REPL: reads commands, runs them against the current attempt, commits each
/// acknowledged action to the sandbox database before the next prompt.
final class Repl {
  let library: ContentLibrary
  let course: Course
  let db: SandboxDatabase
  let color: Bool
  let stopOnError: Bool
  var trainee: TraineeRecord?
  var runner: AttemptRunner?
  var attempt: AttemptRecord?
  var moduleID: String?
  /// Errors printed so far.
  private(set) var errors = 0
  /// When true, `say` prints nothing (machine-readable output follows).
  var quiet = false
  /// In a training room (`permitdesk room shell`): who sits here, fixed by their SSH key.
  var room: RoomSeat?
  /// The seq of the last row of the attempt's log this process has applied (its own commands and
  /// what others appended: a trainer's injected events).
  var appliedSeq: Int64 = 0
  /// When true (a script, not a terminal), error lines go to standard error.
  var errorsToStandardError = false
  /// This process's lease on the current attempt (see Repl+Lease.swift).
  var lease: AttemptLease?
  /// While set, `say` and `fail` collect their lines here instead of printing them (what the idle
  /// terminal prints above the prompt).
  var captured: [String]?
  /// `play SCENARIO` with nobody logged in yet: the start command, run at the first login (the
  /// scenario's id says what is waiting).
  var pendingStart: (scenario: String, lines: [String])?
  /// While `permitdesk play`'s own `start` runs (not one the user typed): a refusal then names the
  /// shell command that works (`permitdesk play X --free`), not the REPL's.
  var startFromShell = false

  init(library: ContentLibrary, course: Course, db: SandboxDatabase, color: Bool, stopOnError: Bool) {
    self.library = library
    self.course = course
    self.db = db
    self.color = color
    self.stopOnError = stopOnError
  }

  // MARK: - Output

  func say(_ lines: [String]) {
    if quiet { return }
    if captured != nil {
      captured?.append(contentsOf: lines)
      return
    }
    for l in lines { print(l) }
    pd_flush_stdout()
  }

  func fail(_ message: String) {
    errors += 1
    if captured != nil {
      captured?.append(color ? "\u{1B}[31m" + message + "\u{1B}[0m" : message)
      return
    }
    if errorsToStandardError {
      // A script's transcript stays on standard output; its errors go where errors go.
      pd_flush_stdout()
      printError(message)
      return
    }
    print(color ? "\u{1B}[31m" + message + "\u{1B}[0m" : message)
    pd_flush_stdout()
  }

  var prompt: String {
    var p = "permitdesk"
    if let t = trainee { p += " " + t.name }
    if let r = runner { p += " [\(r.setup.scenario.id) \(r.session.now.description.dropFirst(11).prefix(5))]" }
    p += "> "
    // \u{01}…\u{02} tell readline the escape sequences take no columns (else it misplaces the
    // cursor when it redraws the line, e.g. on Up-arrow).
    return color ? "\u{01}\u{1B}[1m\u{02}" + p + "\u{01}\u{1B}[0m\u{02}" : p
  }

  // MARK: - Loop

  enum Flow { case next, quit }

  /// Runs until quit or end of input. Returns false when --stop-on-error stopped it.
  func run(reader: LineReader) -> Bool {
    LineReader.completer = { [weak self] line, word in self?.complete(line: line, word: word) ?? [] }
    defer { releaseLease() }
    if reader.interactive {
      // While the user waits at the prompt, what others append to the attempt's log (a trainer's
      // injected events) is applied and shown above the prompt, the line being typed intact.
      LineReader.idleHandler = { [weak self] in self?.idleCatchUp() ?? [] }
      LineReader.promptAfterIdle = { [weak self] in self?.prompt ?? "> " }
    }
    defer {
      LineReader.idleHandler = nil
      LineReader.promptAfterIdle = nil
    }
    while let line = reader.next(prompt: reader.interactive ? prompt : "") {
      let before = errors
      if handle(line) == .quit { break }
      if stopOnError && errors > before { return false }
    }
    return true
  }

  /// Splits a line into words without refusing anything (tab completion of a line being typed).
  static func words(_ line: String) -> [String] { ReplInput.lenientWords(line) }

  /// Runs one typed line: checked (length, control characters, quotes) and split into words first.
  func handle(_ line: String) -> Flow {
    switch ReplInput.words(line) {
    case .failure(let problem):
      fail(InputScreens.message(problem))
      return .next
    case .success(let w):
      if w.first?.hasPrefix("#") == true { return .next }
      return handle(words: w)
    }
  }

  /// Runs one command already split into words.
  func handle(words w: [String]) -> Flow {
    guard let verb = w.first?.lowercased() else { return .next }
    let args = Array(w.dropFirst())
    if leaseGate(verb) { return .next }
    if runner != nil { catchUp() }
    if roomGate(verb, args) { return .next }
    if let refusal = CommandTable.surplus(verb, args) {
      // `show passport extra`, `score now`: the usage, and nothing done or logged.
      fail(refusal)
      return .next
    }
    switch verb {
    case "quit", "exit": return .quit
    case "help": help(args)
    case "login": login(args)
    case "curriculum": curriculum()
    case "scenarios": scenarios(args)
    case "start": start(args)
    case "resume": resume(args)
    case "join": join(args)
    case "score": score()
    case "debrief": debrief()
    default:
      if CommandTable.find(verb)?.attempt == true {
        attemptCommand([verb] + args)
      } else {
        fail(L10n.t("repl.unknown-command", verb) + Suggest.hint(verb, CommandTable.names) + L10n.t("repl.help-lists"))
      }
    }
    return .next
  }

  // MARK: - Completion

  /// Completion candidates for one kind of argument.
  func candidatesFor(_ kind: ArgumentKind) -> [String] {
    switch kind {
    case .ticket: return runner?.session.tickets ?? []
    case .material: return MaterialKind.allCases.map(\.rawValue)
    case .outcome: return Outcome.allCases.map(\.rawValue)
    case .defectOrBody: return DefectCatalog.allCodes + ["--refer-to"] + (runner?.session.policy.windows ?? []) + ["municipal-center"]
    case .verdict: return ["agree", "return"]
    case .defect: return DefectCatalog.allCodes
    case .advance: return ["--next", "--to", "30m", "1h", "1d"]
    case .snapshot: return runner?.snapshotNames ?? []
    case .month: return []
    }
  }

  func complete(line: String, word: String) -> [String] {
    let before = Repl.words(line)
    var candidates: [String]
    if before.isEmpty {
      candidates = CommandTable.names
    } else {
      switch before[0] {
      case "help": candidates = CommandTable.names
      case "start": candidates = course.scenarioIDs + ["--mode", "--seed", "--free", "--pair", "practice", "assessment"]
      case "scenarios": candidates = course.modules.map(\.id)
      case "resume": candidates = ["--take-over"]
      default:
        // Attempt commands: what their spec says the argument at this position is.
        guard let spec = AttemptCommands.spec(before[0]), !spec.arguments.isEmpty else { candidates = []; break }
        let kind = spec.arguments[min(before.count - 1, spec.arguments.count - 1)]
        candidates = candidatesFor(kind)
      }
    }
    return candidates.filter { $0.hasPrefix(word) }.sorted()
  }
}

extension String {
  func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

extension Repl {
  /// The scoring model a stored score card was computed by (1 when it does not say).
  static func scoringModel(_ json: String?) -> Int {
    // The model is read at the card's top level without decoding it (verify reads it for every
    // attempt); a card the scan cannot follow is decoded in full.
    if let json {
      switch TopLevelJSON.member("scoring-model", in: json) {
      case .value(let v):
        // A JSON integer as written (no sign but minus, no leading zero): anything else is decoded.
        let digits = v.hasPrefix("-") ? v.dropFirst() : Substring(v)
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits == "0" || !digits.hasPrefix("0"),
          let model = Int(v)
        {
          return model
        }
      case .absent: return 1
      case .unreadable: break
      }
    }
    guard let json, let data = json.data(using: .utf8),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return 1 }
    return object["scoring-model"] as? Int ?? 1
  }

  /// Whether a recorded result earns credit: false when its score card says the attempt had a restore.
  static func credited(_ json: String?) -> Bool {
    guard let json, let data = json.data(using: .utf8),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else { return true }
    return object["credited"] as? Bool ?? true
  }
}

extension AttemptResult {
  /// The stored form of a score card (with `json` instead of the card's own when given: a pair
  /// post that changed hands, see ``Repl/recordedCard(_:post:session:)``).
  init(_ card: ScoreCard, json: String? = nil) {
    self.init(
      overall: card.overall, decisions: card.decisions, doubleReview: card.doubleReview, timeLimits: card.timeLimits,
      passed: card.passed, json: json ?? card.json.render())
  }
}
