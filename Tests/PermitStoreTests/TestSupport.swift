import Foundation
import PermitCore

@testable import PermitStore

/// A fresh temporary folder, removed by the caller with `removeItem`.
func makeTemporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("PermitStoreTests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Runs `body` with a path inside a fresh temporary folder, then removes the folder.
func withTemporaryPath<T>(_ name: String = "sandbox.sqlite", _ body: (String) throws -> T) throws -> T {
  let folder = try makeTemporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  return try body(folder.appendingPathComponent(name).path)
}

extension NewAttempt {
  /// A practice attempt at post A with fixed content.
  static func sample(trainee: Int64, scenario: String = "m1-overseas-basics", mode: AttemptMode = .practice) -> NewAttempt {
    NewAttempt(
      trainee: trainee, scenarioID: scenario, contentHash: "c0ffee", seed: 0xFEED_FACE_DEAD_BEEF,
      policy: "beijing-2017-pilot", mode: mode, post: .a, moduleID: "m1")
  }
}

extension NewAction {
  /// A successful action of `actor` with a verb and arguments.
  static func sample(attempt: Int64, _ verb: String, _ arguments: String = "", actor: String = "olivia") -> NewAction {
    NewAction(
      attempt: attempt, actor: actor, verb: verb, arguments: arguments, simTime: "2017-07-03T09:00+08:00",
      result: "ok", ok: true)
  }
}

/// A database with one trainee and one open attempt with `actions` actions.
func makeDatabaseWithAttempt(actions: Int = 3) throws -> (SandboxDatabase, AttemptRecord) {
  let db = try SandboxDatabase.inMemory()
  let trainee = try db.upsertTrainee(name: "olivia", cohort: "2026-autumn")
  let attempt = try db.startAttempt(.sample(trainee: trainee.id))
  for i in 0..<actions { _ = try db.appendAction(.sample(attempt: attempt.id, "open", "T-\(i + 1)")) }
  return (db, attempt)
}

/// A lock-protected list, for collecting results from several threads.
final class LockedList<Element>: @unchecked Sendable {  // every access goes through `lock`
  private let lock = NSLock()
  private var items: [Element] = []

  func append(_ item: Element) { lock.withLock { items.append(item) } }
  var all: [Element] { lock.withLock { items } }
}
