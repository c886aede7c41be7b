@preconcurrency import CReadline
import Foundation
import PermitTraining

#if canImport(Glibc)
  import Glibc
#endif

/// Where REPL lines come from: GNU readline on a terminal (editing, history, completion), plain
/// standard input otherwise, or a script file.
final class LineReader {
  enum Source {
    case terminal
    case stdin
    case file([String])
  }

  let source: Source
  private var fileIndex = 0
  let historyPath: String?

  /// Supplies completion candidates: (line so far, word being completed) → words.
  nonisolated(unsafe) static var completer: (String, String) -> [String] = { _, _ in [] }
  nonisolated(unsafe) private static var matches: [String] = []
  nonisolated(unsafe) private static var matchIndex = 0

  /// `history: false` keeps no history file (the training room: one account, many people).
  init(script: String?, history: Bool = true) throws {
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
      guard let p = readline(prompt) else { return nil }
      defer { free(p) }
      let line = String(cString: p)
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
