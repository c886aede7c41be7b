import Foundation

/// Reads one scalar member of a JSON object's top level without decoding the document: what
/// `verify --rescore` asks of every stored score card (its `scoring-model`), thousands of times.
///
/// The scan follows JSON's grammar for the structure (strings with their escapes, nested objects
/// and arrays, scalars) and gives up on anything it does not expect — a key written with escapes,
/// a structure that does not close — so that the caller can decode the document in full instead.
/// A member that appears twice gives the last one, as a decoder keeping the last value would.
enum TopLevelJSON {
  /// What a scan found.
  enum Found: Equatable {
    /// The member's value, as written (`3`, `true`, `"text"` with its quotes).
    case value(String)
    /// The object has no such member at its top level.
    case absent
    /// The text is not a JSON object this scan follows: decode it in full.
    case unreadable
  }

  static func member(_ key: String, in json: String) -> Found {
    var text = json
    return text.withUTF8 { scan(key: Array(key.utf8), $0) }
  }

  private static func scan(key: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Found {
    let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    var i = 0
    func skipSpace() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
    /// Skips a string starting at its opening quote; false when it does not close.
    func skipString() -> Bool {
      i += 1
      while i < b.count {
        if b[i] == backslash { i += 2; continue }
        if b[i] == quote { i += 1; return true }
        i += 1
      }
      return false
    }
    /// Skips one value; false when it is not one.
    func skipValue() -> Bool {
      skipSpace()
      guard i < b.count else { return false }
      switch b[i] {
      case quote: return skipString()
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        var depth = 0
        while i < b.count {
          switch b[i] {
          case quote: if !skipString() { return false }; continue
          case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
          case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth == 0 { i += 1; return true }
          default: break
          }
          i += 1
        }
        return false
      default:
        let start = i
        while i < b.count, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}"), b[i] != UInt8(ascii: "]"),
          b[i] != 0x20, b[i] != 0x0A, b[i] != 0x0D, b[i] != 0x09
        { i += 1 }
        return i > start
      }
    }
    skipSpace()
    guard i < b.count, b[i] == UInt8(ascii: "{") else { return .unreadable }
    i += 1
    skipSpace()
    if i < b.count, b[i] == UInt8(ascii: "}") { return .absent }
    var found = Found.absent
    while true {
      skipSpace()
      guard i < b.count, b[i] == quote else { return .unreadable }
      let keyStart = i + 1
      guard skipString() else { return .unreadable }
      let name = UnsafeBufferPointer(rebasing: b[keyStart..<(i - 1)])
      if name.contains(backslash) { return .unreadable }
      skipSpace()
      guard i < b.count, b[i] == UInt8(ascii: ":") else { return .unreadable }
      i += 1
      skipSpace()
      let valueStart = i
      guard skipValue() else { return .unreadable }
      if name.elementsEqual(key) {
        found = .value(String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<i]), as: UTF8.self))
      }
      skipSpace()
      guard i < b.count else { return .unreadable }
      if b[i] == UInt8(ascii: "}") { break }
      guard b[i] == UInt8(ascii: ",") else { return .unreadable }
      i += 1
    }
    i += 1
    skipSpace()
    return i == b.count ? found : .unreadable
  }
}
