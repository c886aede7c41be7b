import Crypto
import Foundation

/// The tamper-evident hash chain: how each attempt, action and result is hashed, and sealed.
///
/// Every hash is `hex(H(previous hash + canonical fields))`, where `H` is HMAC-SHA256 under the
/// room's ``RecordKey`` when the sandbox is signed, and plain SHA-256 otherwise. The canonical form
/// writes each field as `<UTF-8 byte count>:<text>;` (`~;` for nil), prefixed by the kind of row, so
/// no two different rows share a canonical form. Attempts chain from a genesis hash (derived from
/// the sandbox marker row) in id order; each attempt's first action chains from the attempt's hash;
/// a finished or abandoned attempt's result hash covers its scores and the action hash it ended on.
///
/// A signed sandbox also keeps two seals, which only the key can produce: each attempt's seal covers
/// its status, result and the head of its log (so deleting the last actions shows), and the
/// sandbox's seal covers the last attempt (so deleting the last attempts shows).
///
/// Without the key, a signed chain can be checked for consistency only (every link points at the
/// hash before it); whoever can edit the file could have recomputed a plain SHA-256 chain, but not
/// an HMAC one.
enum Chain {
  /// The canonical, unambiguous encoding of a row's fields.
  static func canonical(_ kind: String, _ fields: [String?]) -> String {
    var out = kind + "|"
    for field in fields {
      if let field { out += "\(field.utf8.count):\(field);" } else { out += "~;" }
    }
    return out
  }

  /// The decimal digits of a non-negative number.
  static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
    guard n >= 10 else {
      out.append(UInt8(ascii: "0") + UInt8(n))
      return
    }
    appendDecimal(n / 10, to: &out)
    out.append(UInt8(ascii: "0") + UInt8(n % 10))
  }

  /// `HMAC-SHA256(key, text)` with a key, else `SHA-256(text)`, as 64 lowercase hex digits.
  static func digest(_ text: String, key: RecordKey?) -> String {
    digest(bytes: Array(text.utf8), key: key)
  }

  /// `HMAC-SHA256(key, bytes)` with a key, else `SHA-256(bytes)`, as 64 lowercase hex digits.
  static func digest(bytes: [UInt8], key: RecordKey?) -> String {
    if let key {
      return HMAC<SHA256>.authenticationCode(for: bytes, using: key.symmetric).withUnsafeBytes { hex($0) }
    }
    return SHA256.hash(data: bytes).withUnsafeBytes { hex($0) }
  }

  /// ``digest(bytes:key:)`` as its 64 hex digits' bytes (to compare with a stored hash's).
  static func digestHex(bytes: [UInt8], key: RecordKey?) -> [UInt8] {
    func hexBytes(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
      let digits: StaticString = "0123456789abcdef"
      return digits.withUTF8Buffer { d in
        var out = [UInt8](repeating: 0, count: raw.count * 2)
        for (i, byte) in raw.enumerated() {
          out[2 * i] = d[Int(byte >> 4)]
          out[2 * i + 1] = d[Int(byte & 0x0f)]
        }
        return out
      }
    }
    if let key {
      return HMAC<SHA256>.authenticationCode(for: bytes, using: key.symmetric).withUnsafeBytes(hexBytes)
    }
    return SHA256.hash(data: bytes).withUnsafeBytes(hexBytes)
  }

  static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits: StaticString = "0123456789abcdef"
    return Array(bytes).withUnsafeBufferPointer { input in
      String(unsafeUninitializedCapacity: input.count * 2) { out in
        digits.withUTF8Buffer { d in
          for (i, byte) in input.enumerated() {
            out[2 * i] = d[Int(byte >> 4)]
            out[2 * i + 1] = d[Int(byte & 0x0f)]
          }
        }
        return input.count * 2
      }
    }
  }

  /// The hash the first attempt chains from.
  static func genesis(marker: String, createdAt: String?, key: RecordKey?) -> String {
    digest(canonical("genesis", [marker, createdAt]), key: key)
  }

  /// The hash of an attempt over its immutable fields.
  static func attemptHash(
    prev: String, id: Int64, trainee: Int64, traineeName: String?, scenarioID: String, contentHash: String,
    seed: UInt64, policy: String, mode: String, post: String, moduleID: String?, startedAt: String, key: RecordKey?,
    partner: Int64? = nil, partnerName: String? = nil
  ) -> String {
    // A pair attempt's partner (who gets post B's credit) is hashed with it; an attempt alone hashes
    // as it always did.
    let pair: [String?] = partner.map { [String($0), partnerName] } ?? []
    return digest(
      prev
        + canonical(
          "attempt",
          [
            String(id), String(trainee), traineeName, scenarioID, contentHash, String(seed), policy, mode, post,
            moduleID, startedAt,
          ] + pair),
      key: key)
  }

  /// The hash of an action.
  static func actionHash(
    prev: String, attempt: Int64, seq: Int64, actor: String, verb: String, arguments: String, simTime: String,
    wallTime: String, result: String, ok: Bool, key: RecordKey?
  ) -> String {
    // `prev + canonical("action", [attempt, seq, actor, verb, arguments, simTime, wallTime, result, ok])`,
    // written by the one builder `verify` uses too.
    var canonical = ActionCanonical(attempt: attempt)
    var previous = prev
    previous.withUTF8 { canonical.reset(prev: $0, seq: seq) }
    for field in [actor, verb, arguments, simTime, wallTime, result] { canonical.field(field) }
    canonical.field(ok ? "1" : "0")
    return digest(bytes: canonical.bytes, key: key)
  }

  /// The hash of an attempt's outcome: status, scores and the head of its log when it ended.
  static func resultHash(
    attemptHash: String, status: String, finishedAt: String?, overall: Int?, decisions: Int?, doubleReview: Int?,
    timeLimits: Int?, passed: Bool?, resultJSON: String?, resultSeq: Int64, headHash: String, key: RecordKey?
  ) -> String {
    digest(
      attemptHash
        + canonical(
          "result",
          [
            status, finishedAt, overall.map(String.init), decisions.map(String.init), doubleReview.map(String.init),
            timeLimits.map(String.init), passed.map { $0 ? "1" : "0" }, resultJSON, String(resultSeq), headHash,
          ]),
      key: key)
  }

  /// A signed attempt's seal: its status, result hash and the head of its log as they stand now.
  static func attemptSeal(
    attemptHash: String, status: String, lastSeq: Int64, headHash: String, resultHash: String?, key: RecordKey
  ) -> String {
    digest(canonical("seal", [attemptHash, status, String(lastSeq), headHash, resultHash]), key: key)
  }

  /// A signed sandbox's seal: the last attempt (its id and hash; 0 and the genesis hash before the
  /// first).
  static func sandboxSeal(lastAttempt: Int64, lastHash: String, key: RecordKey) -> String {
    digest(canonical("attempts", [String(lastAttempt), lastHash]), key: key)
  }
}

/// The secret that signs a training room's records: 32 random bytes, kept in the room's config file
/// (mode 0600, readable by the room's service account only), never in the database.
///
/// The database stores only the key's ``id`` (a keyed digest of a fixed text), so `verify` can tell
/// "signed with another key" from "edited".
public struct RecordKey: Sendable, Equatable {
  /// The 32 bytes (swift-crypto's `SymmetricKey` is made from them on use: it is not `Sendable`).
  let bytes: [UInt8]
  /// The key as 64 lowercase hexadecimal digits (what the config file holds).
  public let hex: String

  var symmetric: SymmetricKey { SymmetricKey(data: bytes) }

  /// A new random key (from the system's secure random source, through swift-crypto).
  public static func generate() -> RecordKey {
    let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    return RecordKey(bytes: bytes, hex: Chain.hex(bytes))
  }

  private init(bytes: [UInt8], hex: String) {
    self.bytes = bytes
    self.hex = hex
  }

  /// The key written as 64 hexadecimal digits, or nil when `hex` is anything else.
  public init?(hex text: String) {
    let text = text.lowercased()
    guard text.utf8.count == 64 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(index, offsetBy: 2)
      guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
      bytes.append(byte)
      index = next
    }
    self.init(bytes: bytes, hex: text)
  }

  /// The key's public name: 16 hex digits of `HMAC(key, "permitdesk record key")`. Stored in the
  /// database; reveals nothing about the key.
  public var id: String { String(Chain.digest("permitdesk record key", key: self).prefix(16)) }

  public static func == (lhs: RecordKey, rhs: RecordKey) -> Bool { lhs.hex == rhs.hex }
}

extension Chain {
  /// The seal of an attempt's head: the last sequence number of its log and that action's hash (the
  /// attempt's own hash for an empty log). Kept in the attempt row and renewed with every action, so
  /// that deleting the last actions and lowering `lastSeq` no longer matches it.
  static func headSeal(attemptHash: String, lastSeq: Int64, headHash: String) -> String {
    digest(attemptHash + canonical("head", [String(lastSeq), headHash]), key: nil)
  }

  /// The seal of the newest attempt (its id and hash), kept in the sandbox row and renewed when an
  /// attempt starts, so that deleting the last attempts (and winding back `sqlite_sequence`) no
  /// longer matches it. `lastID` 0 and the genesis hash for a sandbox without attempts.
  static func attemptsSeal(genesis: String, lastID: Int64, lastHash: String) -> String {
    digest(genesis + canonical("attempts", [String(lastID), lastHash]), key: nil)
  }
}

/// Wall-clock timestamps: ISO 8601 in UTC with milliseconds, `2026-11-29T21:30:33.123Z`.
enum WallClock {
  static func now() -> String {
    Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }
}
