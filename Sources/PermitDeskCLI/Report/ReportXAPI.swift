import Crypto
import Foundation
import PermitContent
import PermitStore
import PermitTraining

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace UUID and a name).
enum UUIDv5 {
  /// The RFC's URL namespace.
  static let url = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!

  /// The version-5 UUID of `name` in `namespace`: the same inputs always give the same id.
  static func make(_ namespace: UUID, _ name: String) -> UUID {
    let ns = withUnsafeBytes(of: namespace.uuid) { Array($0) }
    var b = Array(Insecure.SHA1.hash(data: ns + Array(name.utf8)).prefix(16))
    b[6] = (b[6] & 0x0F) | 0x50
    b[8] = (b[8] & 0x3F) | 0x80
    return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
  }
}

/// xAPI 1.0.3 statements in the style of cmi5: per attempt `initialized`, then `completed` and
/// `passed`/`failed` once finished, or `abandoned`. Statement ids are UUID v5 of the installation id,
/// the attempt and the verb, so exporting again gives the same ids and an LRS stores nothing twice.
struct XAPIExport {
  /// Identifies this sandbox among all installations (namespace of every id).
  var installation: UUID
  /// The `homePage` of trainee accounts and the base of activity ids.
  var homePage: String
  /// Scenario titles by id, and modules by id (for activity names).
  var scenarioTitles: [String: String]
  var moduleTitles: [String: String]
  /// Only statements stamped at or after this moment.
  var since: Date?

  static let verbs: [String: String] = [
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "abandoned": "https://w3id.org/xapi/adl/verbs/abandoned",
  ]

  var base: String { homePage.hasSuffix("/") ? String(homePage.dropLast()) : homePage }

  /// The default installation id of a database: derived from when it was created, so it is stable for
  /// the file and differs between installations.
  static func defaultInstallation(createdAt: String?, homePage: String) -> UUID {
    UUIDv5.make(UUIDv5.url, "permitdesk-sandbox:\(createdAt ?? "unknown"):\(homePage)")
  }

  /// The registration (one per attempt, shared by all its statements).
  func registration(_ attempt: Int64) -> UUID { UUIDv5.make(installation, "attempt/\(attempt)") }

  /// The statement id for an attempt and verb.
  func statementID(_ attempt: Int64, verb: String) -> UUID { UUIDv5.make(installation, "attempt/\(attempt)/\(verb)") }

  /// Every statement of the attempts, oldest first, filtered by `since`.
  func statements(_ facts: [AttemptFacts]) -> [JSON] {
    var out: [(Date, Int64, Int, JSON)] = []
    for f in facts {
      let a = f.record
      var events: [(String, String)] = [("initialized", a.startedAt)]
      if f.finished, let end = a.finishedAt {
        events += [("completed", end), (a.passed == true ? "passed" : "failed", end)]
      } else if a.status == .abandoned, let end = a.finishedAt {
        events.append(("abandoned", end))
      }
      for (i, (verb, at)) in events.enumerated() {
        guard let date = ZoneClock.parse(at) else { continue }
        if let s = since, date < s { continue }
        out.append((date, a.id, i, statement(f, verb: verb, at: date)))
      }
    }
    return out.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
  }

  func statement(_ f: AttemptFacts, verb: String, at: Date) -> JSON {
    let a = f.record
    var fields: [(String, JSON)] = [
      ("id", .string(statementID(a.id, verb: verb).uuidString.lowercased())),
      ("actor", .object([("objectType", .string("Agent")), ("name", .string(f.name)), ("account", .object([("homePage", .string(homePage)), ("name", .string(f.name))]))])),
      ("verb", .object([("id", .string(XAPIExport.verbs[verb]!)), ("display", .object([("en-US", .string(verb))]))])),
      ("object", activity("scenarios/\(a.scenarioID)", name: scenarioTitles[a.scenarioID] ?? a.scenarioID, type: "http://adlnet.gov/expapi/activities/simulation")),
    ]
    if verb == "completed" || verb == "passed" || verb == "failed" {
      var result: [(String, JSON)] = []
      if verb != "completed" {
        let raw = a.overall ?? 0
        result.append(("score", .object([("scaled", .number(Double(raw) / 100)), ("raw", .int(raw)), ("min", .int(0)), ("max", .int(100))])))
        result.append(("success", .bool(verb == "passed")))
      }
      result.append(("completion", .bool(true)))
      if let s = ZoneClock.parse(a.startedAt) {
        result.append(("duration", .string("PT" + String(format: "%.1f", max(0, at.timeIntervalSince(s))) + "S")))
      }
      fields.append(("result", .object(result)))
    }
    var activities: [(String, JSON)] = []
    if let m = a.moduleID { activities.append(("parent", .array([activity("modules/\(m)", name: moduleTitles[m] ?? m, type: "http://adlnet.gov/expapi/activities/module")]))) }
    activities.append(("grouping", .array([activity("course", name: "PermitDesk work-permit window course", type: "http://adlnet.gov/expapi/activities/course")])))
    var extensions: [(String, JSON)] = [("\(base)/xapi/mode", .string(a.mode.rawValue)), ("\(base)/xapi/attempt", .int(Int(a.id)))]
    if verb == "passed" || verb == "failed" {
      extensions += [
        ("\(base)/xapi/decisions", .int(a.decisions ?? 0)), ("\(base)/xapi/double-review", .int(a.doubleReview ?? 0)),
        ("\(base)/xapi/time-limits", .int(a.timeLimits ?? 0)), ("\(base)/xapi/hints", .int(f.hints ?? 0)), ("\(base)/xapi/restores", .int(f.restores)),
      ]
      if let c = f.criticalErrors { extensions.append(("\(base)/xapi/critical-errors", .int(c))) }
    }
    fields.append(("context", .object([
      ("registration", .string(registration(a.id).uuidString.lowercased())), ("contextActivities", .object(activities)),
      ("platform", .string("PermitDesk")), ("language", .string("en-US")), ("extensions", .object(extensions)),
    ])))
    fields.append(("timestamp", .string(ZoneClock.format(at, offset: 0))))
    fields.append(("version", .string("1.0.3")))
    return .object(fields)
  }

  func activity(_ path: String, name: String, type: String) -> JSON {
    .object([
      ("objectType", .string("Activity")), ("id", .string("\(base)/\(path)")),
      ("definition", .object([("name", .object([("en-US", .string(name))])), ("type", .string(type))])),
    ])
  }
}
