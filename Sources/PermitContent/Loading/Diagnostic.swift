import PermitCore
import PermitLocalization

/// A problem found in an input file, with its position: `file:line:column: error: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible, Comparable {
  /// How bad it is.
  public enum Severity: String, Sendable, Hashable { case error, warning, note }
  /// The file, as the user named it.
  public var file: String
  /// Line, from 1 (0 when the problem concerns the whole file).
  public var line: Int
  /// Column, from 1.
  public var column: Int
  /// Severity.
  public var severity: Severity
  /// What is wrong and, where possible, what to do (in English).
  public var message: String
  /// The message in language-neutral form, when the reader gave one (issue 15).
  public var text: LoaderMessage?

  /// Creates a diagnostic.
  public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// Creates a diagnostic from a language-neutral message (its English rendering is `message`).
  public init(file: String, line: Int, column: Int, severity: Severity = .error, _ text: LoaderMessage) {
    self.init(file: file, line: line, column: column, severity: severity, message: text.rendered(in: .en))
    self.text = text
  }

  /// The message in a language (the English `message` when the reader gave no language-neutral form).
  public func message(in language: Language) -> String { text?.rendered(in: language) ?? message }

  /// `file:line:column: error: message`, or `file: error: message` for a problem of the whole
  /// file (line 0: it does not exist, is a folder, cannot be read), with the message in the
  /// session's language (``Language/current``); `error`, `warning` and the position stay as they are
  /// for the tools that read them.
  public var description: String {
    let m = message(in: Language.current)
    return line > 0 ? "\(file):\(line):\(column): \(severity.rawValue): \(m)" : "\(file): \(severity.rawValue): \(m)"
  }

  public static func < (l: Diagnostic, r: Diagnostic) -> Bool {
    (l.file, l.line, l.column, l.message) < (r.file, r.line, r.column, r.message)
  }
}

/// One or more diagnostics that stop a file from loading.
public struct LoadError: Error, Sendable, CustomStringConvertible {
  /// The diagnostics, in file order.
  public var diagnostics: [Diagnostic]
  /// Creates a load error.
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Suggestions for misspelt names ("did you mean …").
public enum Suggest {
  /// The closest candidate within a small edit distance, if any.
  public static func closest(to word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    let w = Array(word.lowercased().unicodeScalars)
    for c in candidates {
      let d = distance(w, Array(c.lowercased().unicodeScalars))
      if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (c, d) = best else { return nil }
    let limit = max(2, min(w.count, c.count) / 3)
    return d <= limit ? c : nil
  }

  /// " (did you mean 'x'?)" or "".
  public static func hint(_ word: String, _ candidates: [String]) -> String {
    closest(to: word, in: candidates).map { L10n.t("suggest.did-you-mean", $0) } ?? ""
  }

  static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      cur[0] = i
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&prev, &cur)
    }
    return prev[b.count]
  }
}
