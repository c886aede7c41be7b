import Foundation

/// The tamper-evident hash chain: how each attempt, action and result is hashed.
///
/// Every hash is `SHA-256 hex(previous hash + canonical fields)`. The canonical form writes each
/// field as `<UTF-8 byte count>:<text>;` (`~;` for nil), prefixed by the kind of row, so no two
/// different rows share a canonical form. Attempts chain from a genesis hash (derived from the
/// sandbox marker row) in id order; each attempt's first action chains from the attempt's hash; a
/// finished or abandoned attempt's result hash covers its scores and the action hash it ended on.
enum Chain {
  /// The canonical, unambiguous encoding of a row's fields.
  static func canonical(_ kind: String, _ fields: [String?]) -> String {
    var out = kind + "|"
    for field in fields {
      if let field { out += "\(field.utf8.count):\(field);" } else { out += "~;" }
    }
    return out
  }

  /// The hash the first attempt chains from.
  static func genesis(marker: String, createdAt: String?) -> String {
    SHA256.hex(canonical("genesis", [marker, createdAt]))
  }

  /// The hash of an attempt over its immutable fields.
  static func attemptHash(
    prev: String, id: Int64, trainee: Int64, traineeName: String?, scenarioID: String, contentHash: String,
    seed: UInt64, policy: String, mode: String, post: String, moduleID: String?, startedAt: String
  ) -> String {
    SHA256.hex(
      prev
        + canonical(
          "attempt",
          [
            String(id), String(trainee), traineeName, scenarioID, contentHash, String(seed), policy, mode, post,
            moduleID, startedAt,
          ]))
  }

  /// The hash of an action.
  static func actionHash(
    prev: String, attempt: Int64, seq: Int64, actor: String, verb: String, arguments: String, simTime: String,
    wallTime: String, result: String, ok: Bool
  ) -> String {
    SHA256.hex(
      prev
        + canonical(
          "action",
          [String(attempt), String(seq), actor, verb, arguments, simTime, wallTime, result, ok ? "1" : "0"]))
  }

  /// The hash of an attempt's outcome: status, scores and the head of its log when it ended.
  static func resultHash(
    attemptHash: String, status: String, finishedAt: String?, overall: Int?, decisions: Int?, doubleReview: Int?,
    timeLimits: Int?, passed: Bool?, resultJSON: String?, resultSeq: Int64, headHash: String
  ) -> String {
    SHA256.hex(
      attemptHash
        + canonical(
          "result",
          [
            status, finishedAt, overall.map(String.init), decisions.map(String.init), doubleReview.map(String.init),
            timeLimits.map(String.init), passed.map { $0 ? "1" : "0" }, resultJSON, String(resultSeq), headHash,
          ]))
  }
}

extension Chain {
  /// The seal of an attempt's head: the last sequence number of its log and that action's hash (the
  /// attempt's own hash for an empty log). Kept in the attempt row and renewed with every action, so
  /// that deleting the last actions and lowering `lastSeq` no longer matches it.
  static func headSeal(attemptHash: String, lastSeq: Int64, headHash: String) -> String {
    SHA256.hex(attemptHash + canonical("head", [String(lastSeq), headHash]))
  }

  /// The seal of the newest attempt (its id and hash), kept in the sandbox row and renewed when an
  /// attempt starts, so that deleting the last attempts (and winding back `sqlite_sequence`) no
  /// longer matches it. `lastID` 0 and the genesis hash for a sandbox without attempts.
  static func attemptsSeal(genesis: String, lastID: Int64, lastHash: String) -> String {
    SHA256.hex(genesis + canonical("attempts", [String(lastID), lastHash]))
  }
}

/// Wall-clock timestamps: ISO 8601 in UTC with milliseconds, `2026-11-29T21:30:33.123Z`.
enum WallClock {
  static func now() -> String {
    Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }
}
