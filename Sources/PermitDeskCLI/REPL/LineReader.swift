@preconcurrency import CReadline
import Foundation
import PermitLocalization
import PermitTraining

#if canImport(Glibc)
  import Glibc
#endif

/// Where REPL lines come from: GNU readline on a terminal (editing, history, completion), plain
/// standard input otherwise, or a script file.
///
/// On a terminal readline runs through its callback interface: a poll() loop on standard input and
/// a self-pipe that the SIGINT/SIGWINCH handler writes to (readline's own signal handling is off),
/// with a timeout for `idleHandler`. So Ctrl-C at the prompt clears the line being typed whatever
/// thread the signal lands on, and lines can be printed above the prompt while the user types.
final class LineReader {
  /// What Ctrl-C does at this reader's prompt.
  enum Interrupt {
    /// The REPL: clears the line being typed and gives a fresh prompt (as bash and psql); while a
    /// command runs it is ignored (a note says so at the next prompt), so that no command stops
    /// half-done. Ctrl-D on an empty line ends the input.
    case clearsLine
    /// Other prompts (`rehearse --new`): stops the program as usual, the terminal restored first.
    case stops
  }

  enum Source {
    case terminal
    case stdin
    case file([String])
  }

  let source: Source
  private var fileIndex = 0
  let historyPath: String?
  let interrupt: Interrupt

  /// Called about every `idleInterval` seconds while a terminal user is at the prompt (also while
  /// they type); the lines it returns are printed above the prompt and the line being typed is
  /// redrawn intact. Set by the REPL (a trainer's injected events, a partner's commands).
  nonisolated(unsafe) static var idleHandler: (() -> [String])?
  /// The prompt to show after `idleHandler` printed lines (what they did may change it, e.g. the
  /// simulated clock); nil keeps the prompt given to `next(prompt:)`.
  nonisolated(unsafe) static var promptAfterIdle: (() -> String)?
  static let idleInterval = 0.3

  /// Supplies completion candidates: (line so far, word being completed) → words.
  nonisolated(unsafe) static var completer: (String, String) -> [String] = { _, _ in [] }
  nonisolated(unsafe) private static var matches: [String] = []
  nonisolated(unsafe) private static var matchIndex = 0

  /// `history: false` keeps no history file (the training room: one account, many people).
  init(script: String?, history: Bool = true, interrupt: Interrupt = .clearsLine) throws {
    self.interrupt = interrupt
    if let script {
      guard let data = FileManager.default.contents(atPath: script) else {
        throw ReplError("cannot read script \(script)")
      }
      // LF, CRLF and lone-CR files alike, without a byte-order mark; over-long lines cut short
      // (and refused when they are run).
      var splitter = ReplInput.LineSplitter()
      var lines = data.withUnsafeBytes { splitter.feed($0.bindMemory(to: UInt8.self)) }
      if let last = splitter.finish() { lines.append(last) }
      source = .file(lines)
      historyPath = nil
    } else if isatty(0) == 1 && isatty(1) == 1 {
      source = .terminal
      historyPath = history ? LineReader.stateDirectory().map { $0 + "/history" } : nil
      LineReader.setUpReadline(history: historyPath)
      Terminal.setUp(interrupt: interrupt)
    } else {
      source = .stdin
      historyPath = nil
    }
  }

  var interactive: Bool {
    if case .terminal = source { return true }
    return false
  }

  /// `$XDG_STATE_HOME/permitdesk` or `~/.local/state/permitdesk`, created.
  static func stateDirectory() -> String? {
    let env = ProcessInfo.processInfo.environment
    let base: String
    if let x = env["XDG_STATE_HOME"], !x.isEmpty { base = x } else if let h = env["HOME"] { base = h + "/.local/state" } else { return nil }
    let dir = base + "/permitdesk"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func setUpReadline(history: String?) {
    // readline keeps these pointers: they must outlive the call (a Swift string argument is only
    // a temporary buffer, whose reuse made completion split words at random characters).
    // UTF-8 character handling before readline starts: Chinese input, wide characters, backspace.
    _ = pd_use_utf8_ctype()
    pd_set_readline_name(strdup("permitdesk"))
    pd_set_basic_word_break_characters(strdup(" \t\n"))
    using_history()
    if let h = history { read_history(h) }
    pd_set_completion_function { text, start, _ in
      pd_set_attempted_completion_over(1)
      guard let text else { return nil }
      let line = String(cString: pd_line_buffer())
      let prefix = String(line.utf8.prefix(Int(start))) ?? ""
      LineReader.matches = LineReader.completer(prefix, String(cString: text))
      LineReader.matchIndex = 0
      return pd_completion_matches(text) { _, state in
        if state == 0 { LineReader.matchIndex = 0 }
        guard LineReader.matchIndex < LineReader.matches.count else { return nil }
        let m = LineReader.matches[LineReader.matchIndex]
        LineReader.matchIndex += 1
        return strdup(m)
      }
    }
  }

  /// The next line, or nil at the end of input.
  func next(prompt: String) -> String? {
    switch source {
    case .terminal:
      guard let line = Terminal.readLine(prompt: prompt, interrupt: interrupt) else { return nil }
      if !line.trimmingCharacters(in: .whitespaces).isEmpty {
        add_history(line)
        if let h = historyPath {
          if FileManager.default.fileExists(atPath: h) { append_history(1, h) } else { write_history(h) }
        }
      }
      return line
    case .stdin:
      return LineReader.boundedLine()
    case .file(let lines):
      guard fileIndex < lines.count else { return nil }
      fileIndex += 1
      return lines[fileIndex - 1]
    }
  }
}

extension LineReader {
  /// The terminal side: readline's callback interface driven by a poll() loop. Every call of a
  /// `pd_signal_*` or `pd_rl_*` function of the CReadline shim stays in this file (the shim's
  /// static variables exist once per object file).
  enum Terminal {
    /// The read end of the self-pipe the signal handler writes to; -1 before `setUp`.
    nonisolated(unsafe) private(set) static var signalFD: Int32 = -1

    /// Once per process: the self-pipe; with `.clearsLine` Ctrl-C and window resizes go to it from
    /// now on (with `.stops` only while a prompt is shown). Also unblocks SIGINT in this (the main)
    /// thread. The handler may run on any thread that has SIGINT unblocked: it only writes a byte
    /// to the pipe, and the main thread's poll() wakes up on it.
    static func setUp(interrupt: Interrupt) {
      guard signalFD < 0 else { return }
      signalFD = pd_signal_pipe_create()
      if interrupt == .clearsLine && signalFD >= 0 { pd_signal_route_to_pipe() }
    }

    /// Empties the self-pipe (and what readline's getc took out of it while it waited inside
    /// readline): whether Ctrl-C or Ctrl-Z was pressed and the window resized since last time.
    static func drain() -> (interrupted: Bool, resized: Bool, suspended: Bool) {
      let bits = pd_signal_drain()
      return (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0)
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// One line through readline's callback interface; nil at the end of input (Ctrl-D on an empty
    /// line, or the terminal went away).
    static func readLine(prompt: String, interrupt: Interrupt) -> String? {
      let earlier = drain()
      if earlier.interrupted && interrupt == .clearsLine {
        print(L10n.t("repl.interrupt.ignored"))
      }
      if interrupt == .stops && signalFD >= 0 { pd_signal_route_to_pipe() }
      if signalFD >= 0 { pd_signal_suspend_to_pipe(1) }
      defer {
        if interrupt == .stops { pd_signal_default_interrupt() }
        if signalFD >= 0 { pd_signal_suspend_to_pipe(0) }
      }
      pd_flush_stdout()
      pd_rl_begin(prompt)  // readline keeps its own copy of the prompt
      if earlier.resized { pd_rl_resize() }  // the window changed while a command ran
      var lastIdle = now()
      var hangups = 0
      while pd_rl_line_is_ready() == 0 {
        // What the signal handler wrote to the pipe, and what readline's getc took from it.
        let signals = drain()
        if signals.resized { pd_rl_resize() }
        if signals.suspended { pd_rl_suspend() }
        if signals.interrupted {
          if interrupt == .stops {
            pd_rl_end()  // the terminal as it was, then the usual end of a Ctrl-C
            pd_signal_raise_interrupt()
          }
          pd_rl_interrupt()
        }
        var timeout: Int32 = -1
        if idleHandler != nil { timeout = Int32(max(0, (lastIdle + idleInterval - now()) * 1000).rounded(.up)) }
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, signalFD >= 0 ? 2 : 1, timeout)
        if ready < 0 && errno != EINTR {
          pd_rl_end()
          return nil
        }
        if ready > 0 && fds[1].revents & Int16(POLLIN) != 0 { continue }  // handled at the top
        let input = ready > 0 ? fds[0].revents : 0
        if input & Int16(POLLNVAL) != 0 {
          pd_rl_end()
          return nil
        }
        if input & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
          // A terminal that went away reads as the end of input; readline says so by handing the
          // line handler NULL. Should it not, give up after a while rather than spin.
          if input & Int16(POLLIN) == 0 {
            hangups += 1
            if hangups > 64 {
              pd_rl_end()
              return nil
            }
          }
          rl_callback_read_char()
        }
        if let idle = idleHandler, pd_rl_line_is_ready() == 0, now() >= lastIdle + idleInterval {
          let lines = idle()
          lastIdle = now()
          if !lines.isEmpty { showAbovePrompt(lines) }
        }
      }
      guard let p = pd_rl_take_line() else { return nil }
      defer { free(p) }
      return String(cString: p)
    }

    /// Prints lines above the prompt: the prompt and the line being typed are wiped, the lines
    /// printed, and the prompt (refreshed by `promptAfterIdle`) redrawn with the line intact and
    /// the cursor where it was.
    static func showAbovePrompt(_ lines: [String]) {
      pd_rl_hide()
      for l in lines { print(l) }
      pd_flush_stdout()
      if let p = promptAfterIdle?() { pd_rl_show(p) } else { pd_rl_show(nil) }
    }

    /// What ended a wait for a key (the live `monitor`).
    enum Wake { case input, interrupt, timeout }

    /// Waits up to `seconds` for input on standard input or (in the REPL) Ctrl-C.
    static func wait(seconds: Double) -> Wake {
      let deadline = now() + seconds
      while true {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, signalFD >= 0 ? 2 : 1, Int32(max(0, (deadline - now()) * 1000).rounded(.up)))
        if ready < 0 && errno == EINTR { continue }
        if ready <= 0 { return .timeout }
        if fds[1].revents & Int16(POLLIN) != 0 && drain().interrupted { return .interrupt }
        if fds[0].revents != 0 { return .input }
        if now() >= deadline { return .timeout }
      }
    }
  }
}

extension LineReader {
  /// Lines of standard input read but not yet returned (at most one chunk's worth).
  nonisolated(unsafe) private static var pending: [String] = []
  nonisolated(unsafe) private static var pendingIndex = 0
  nonisolated(unsafe) private static var splitter = ReplInput.LineSplitter()
  nonisolated(unsafe) private static var ended = false

  /// The next line of standard input, ended by LF, CRLF or a lone CR; nil at the end of input.
  /// Reads 64 KB at a time and keeps at most `ReplInput.maxLineBytes + 1` bytes of a line, so
  /// that a 50 MB line costs neither memory nor time (the REPL refuses it as too long).
  static func boundedLine() -> String? {
    while pendingIndex >= pending.count {
      if ended { return nil }
      pending = []
      pendingIndex = 0
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        ended = true
        if let last = splitter.finish() { pending = [last] }
      } else {
        pending = chunk.withUnsafeBufferPointer { splitter.feed(UnsafeBufferPointer(rebasing: $0[0..<n])) }
      }
    }
    pendingIndex += 1
    return pending[pendingIndex - 1]
  }
}

struct ReplError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}
