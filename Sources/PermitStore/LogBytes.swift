import Foundation
internal import GRDBSQLite

// The bytes `verify` hashes and compares as SQLite holds them (split from
// SandboxDatabase+Integrity.swift to keep each under 400 lines).

/// A text column of the current row as SQLite holds it: its UTF-8 bytes, valid until the
/// statement steps (no copy).
struct ColumnBytes {
  let pointer: UnsafePointer<UInt8>?
  let count: Int

  init(_ statement: OpaquePointer?, _ index: Int32) {
    pointer = sqlite3_column_text(statement, index).map { UnsafePointer($0) }
    count = Int(sqlite3_column_bytes(statement, index))
  }

  var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : count) }
  var array: [UInt8] { Array(buffer) }
  var string: String { String(decoding: buffer, as: UTF8.self) }

  func equals(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { sameBytes($0, buffer) } }
}

/// Whether two byte buffers hold the same bytes (`memcmp`: the generic `elementsEqual` compares
/// byte by byte).
func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
  guard a.count == b.count else { return false }
  guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
  return memcmp(x, y, a.count) == 0
}

/// The canonical bytes of one action of `attempt`: `prev + canonical("action", [attempt, seq, actor,
/// verb, arguments, simTime, wallTime, result, ok])` (see ``Chain/canonical(_:_:)``), written into
/// one buffer. What ``Chain/actionHash(prev:attempt:seq:actor:verb:arguments:simTime:wallTime:result:ok:key:)``
/// hashes when an action is written, and what `verify` rebuilds from each row's own bytes.
struct ActionCanonical {
  private(set) var bytes: [UInt8] = []
  private let attempt: String

  init(attempt: Int64) {
    self.attempt = String(attempt)
    bytes.reserveCapacity(1024)
  }

  /// Starts the next action: the previous hash, the kind, the attempt and the seq.
  mutating func reset(prev: UnsafeBufferPointer<UInt8>, seq: Int64) {
    bytes.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: prev)
    bytes.append(contentsOf: "action|".utf8)
    field(attempt)
    field(String(seq))
  }

  mutating func field(_ column: ColumnBytes) {
    Chain.appendDecimal(column.count, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(contentsOf: column.buffer)
    bytes.append(UInt8(ascii: ";"))
  }

  mutating func field(_ text: String) {
    Chain.appendDecimal(text.utf8.count, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(contentsOf: text.utf8)
    bytes.append(UInt8(ascii: ";"))
  }
}
