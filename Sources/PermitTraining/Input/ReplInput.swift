/// What a REPL line (or a name a trainee types) may hold, and how a line becomes words.
///
/// Every line is checked here before anything else sees it: a bounded length, no control
/// characters (NUL, escape, line separators, bidirectional overrides), quotes closed. A refused line
/// changes nothing, and the message says what to do instead.
public enum ReplInput {
  /// The longest line the REPL takes, in UTF-8 bytes (the longest real command is a few hundred).
  public static let maxLineBytes = 4_096
  /// The longest trainee or cohort name, in characters.
  public static let maxNameLength = 64

  /// Why a line was refused (the CLI's screens say it, with what to do instead).
  public enum Problem: Error, Hashable, Sendable {
    /// Longer than `maxLineBytes` (the count is at least this; a reader may stop counting).
    case tooLong(bytes: Int)
    /// A control character at a 1-based character column.
    case controlCharacter(column: Int, scalar: UInt32)
    /// A double quote opened at a 1-based character column and never closed.
    case unclosedQuote(column: Int)
  }

  /// `U+0000` style.
  public static func codePoint(_ v: UInt32) -> String {
    let hex = String(v, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// Whether a scalar is refused in a line: C0 and C1 controls except tab, DEL, the line and
  /// paragraph separators, and the bidirectional embedding/override/isolate controls (which make a
  /// stored name print differently from what it is).
  public static func isRefused(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// The first problem of a line (length, then control characters), or nil when it may be read.
  public static func check(_ line: String) -> Problem? {
    let bytes = line.utf8.count
    if bytes > maxLineBytes { return .tooLong(bytes: bytes) }
    guard let i = line.unicodeScalars.firstIndex(where: isRefused) else { return nil }
    let column = line[..<i].count + 1
    return .controlCharacter(column: column, scalar: line.unicodeScalars[i].value)
  }

  /// Checks a line and splits it into words: whitespace separates words, double quotes group
  /// words (`decide "refuse"`, `login "Bob Smith"`), `""` is an empty word.
  public static func words(_ line: String) -> Result<[String], Problem> {
    if let p = check(line) { return .failure(p) }
    let (out, open) = split(line)
    if let open { return .failure(.unclosedQuote(column: open)) }
    return .success(out)
  }

  /// Splits without refusing anything (for tab completion of a line still being typed).
  public static func lenientWords(_ line: String) -> [String] { split(line).words }

  static func split(_ line: String) -> (words: [String], openQuote: Int?) {
    var out: [String] = []
    var cur = ""
    var quoteColumn: Int?
    var has = false
    var column = 0
    for ch in line {
      column += 1
      if ch == "\"" {
        quoteColumn = quoteColumn == nil ? column : nil
        has = true
      } else if ch.isWhitespace && quoteColumn == nil {
        if has { out.append(cur) }
        cur = ""
        has = false
      } else {
        cur.append(ch)
        has = true
      }
    }
    if has { out.append(cur) }
    return (out, quoteColumn)
  }

  /// Quotes a word so that `words` gives it back whole (for lines the program builds itself).
  /// Nil when the word cannot be written on one line (it holds a double quote).
  public static func quoted(_ word: String) -> String? {
    if word.contains("\"") { return nil }
    if !word.isEmpty && !word.contains(where: \.isWhitespace) { return word }
    return "\"" + word + "\""
  }

  /// Why a trainee or cohort name is refused.
  public enum NameProblem: Hashable, Sendable {
    case empty
    case controlCharacter(scalar: UInt32)
    case tooLong
    case option
    case doubleQuote
    case spaceAtEnds
  }

  /// Why a trainee or cohort name is refused, or nil when it is fine: not empty, at most
  /// `maxNameLength` characters, printable, not starting with `-` (it would read as an option).
  public static func nameProblem(_ name: String) -> NameProblem? {
    if name.trimmingWhitespace.isEmpty { return .empty }
    if let s = name.unicodeScalars.first(where: { isRefused($0) || $0 == "\t" }) { return .controlCharacter(scalar: s.value) }
    if name.count > maxNameLength { return .tooLong }
    if name.hasPrefix("-") { return .option }
    if name.contains("\"") { return .doubleQuote }
    if name != name.trimmingWhitespace { return .spaceAtEnds }
    return nil
  }

  /// Splits a script's text into lines at LF, CRLF or a lone CR, without a leading byte-order mark.
  /// (Swift's `Character` treats CRLF as one character, so splitting at `"\n"` does not see it.)
  public static func lines(of text: String) -> [String] {
    var splitter = LineSplitter()
    var out = splitter.feed(Array(text.utf8))
    if let last = splitter.finish() { out.append(last) }
    return out
  }

  /// Cuts a stream of bytes into lines at LF, CRLF or a lone CR, a chunk at a time, dropping a
  /// leading byte-order mark. A line keeps at most `maxLineBytes + 1` bytes (enough for `check` to
  /// refuse it as too long), so that a 50 MB line costs no memory.
  public struct LineSplitter {
    var current: [UInt8] = []
    var atStart = true
    var afterCR = false
    var any = false

    /// Creates a splitter at the start of a stream.
    public init() {}

    /// The lines completed by `chunk`.
    public mutating func feed(_ chunk: [UInt8]) -> [String] { chunk.withUnsafeBufferPointer { feed($0) } }

    /// The lines completed by the bytes of `buf`.
    public mutating func feed(_ buf: UnsafeBufferPointer<UInt8>) -> [String] {
      var out: [String] = []
      let keep = ReplInput.maxLineBytes + 1
      do {
        var i = 0
        if atStart {
          if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { i = 3 }
          if !buf.isEmpty { atStart = false }
        }
        while i < buf.count {
          let b = buf[i]
          i += 1
          if b == 0x0A && afterCR {
            afterCR = false
            continue
          }
          afterCR = b == 0x0D
          if b == 0x0A || b == 0x0D {
            out.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            any = false
            continue
          }
          any = true
          if current.count < keep { current.append(b) }
        }
      }
      return out
    }

    /// The last line when the stream ends without a line break.
    public mutating func finish() -> String? {
      defer {
        current.removeAll()
        any = false
      }
      return any ? String(decoding: current, as: UTF8.self) : nil
    }
  }
}

extension String {
  /// Without leading and trailing whitespace (no Foundation in this target's core types).
  var trimmingWhitespace: String {
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
    return String(self[first...last])
  }
}
