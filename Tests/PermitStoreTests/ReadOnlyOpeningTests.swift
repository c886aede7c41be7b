import Foundation
import Testing

@testable import PermitStore

/// `SandboxDatabase(readOnlyPath:)` (report, verify, replay) and race-free creation.
@Suite struct ReadOnlyOpeningTests {
  @Test func aMissingFileIsAnErrorAndNothingIsCreated() throws {
    try withTemporaryPath("typo/folder/x.sqlite") { path throws in
      #expect(throws: StoreError.missing(path)) { try SandboxDatabase(readOnlyPath: path) }
      let folder = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
      #expect(!FileManager.default.fileExists(atPath: folder))
      #expect(StoreError.missing(path).description.contains("creates none"))
    }
  }

  @Test func anEmptyFileIsNoDatabaseAndStaysEmpty() throws {
    try withTemporaryPath { path throws in
      _ = FileManager.default.createFile(atPath: path, contents: nil)
      #expect(throws: StoreError.missing(path)) { try SandboxDatabase(readOnlyPath: path) }
      #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == ["sandbox.sqlite"])
    }
  }

  @Test func foreignNewerAndNonSQLiteFilesAreRefused() throws {
    try withTemporaryPath { path throws in
      try makeForeignDatabase(at: path)
      #expect(throws: StoreError.notASandbox(path)) { try SandboxDatabase(readOnlyPath: path) }
    }
    try withTemporaryPath { path throws in
      try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: path))
      #expect(throws: StoreError.unreadable(path)) { try SandboxDatabase(readOnlyPath: path) }
    }
    try withTemporaryPath { path throws in
      do {
        let db = try SandboxDatabase(path: path)
        try db.executeRaw("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
      }
      #expect(throws: StoreError.newerSchema(path)) { try SandboxDatabase(readOnlyPath: path) }
    }
  }

  @Test func readsWithoutCreatingSideFilesOrChangingAByte() throws {
    try withTemporaryPath("shelf/sandbox.sqlite") { path throws in
      do {
        var db = try SandboxDatabase(path: path)
        db.build = "permitdesk test (commit abc)"
        let t = try db.upsertTrainee(name: "rosa", cohort: "c1")
        let a = try db.startAttempt(.sample(trainee: t.id))
        #expect(a.startedBy == "permitdesk test (commit abc)")
      }
      let folder = (path as NSString).deletingLastPathComponent
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sandbox.sqlite"])
      let before = try Data(contentsOf: URL(fileURLWithPath: path))

      let reader = try SandboxDatabase(readOnlyPath: path)
      #expect(try reader.trainee(named: "rosa")?.cohort == "c1")
      #expect(try reader.attempt(id: 1)?.startedBy == "permitdesk test (commit abc)")
      #expect(try reader.verify() == [])
      // Writing through it fails and changes nothing.
      #expect(throws: (any Error).self) { try reader.upsertTrainee(name: "eve", cohort: nil) }
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sandbox.sqlite"])
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
  }

  @Test func readsCommittedDataWhileAWriterHoldsTheLock() throws {
    try withTemporaryPath { path throws in
      let writer = try SandboxDatabase(path: path)
      _ = try writer.upsertTrainee(name: "committed", cohort: nil)
      var seen: [String] = []
      var elapsed: TimeInterval = 0
      try writer.executeRaw(
        "INSERT INTO trainee (name, cohort, createdAt) VALUES ('uncommitted', NULL, '2026-01-01T00:00:00Z')"
      ) {
        let start = Date()
        let reader = try SandboxDatabase(readOnlyPath: path)
        seen = try reader.trainees(cohort: nil).map(\.name)
        elapsed = Date().timeIntervalSince(start)
      }
      #expect(seen == ["committed"])
      #expect(elapsed < 1, "the read-only opening waited \(elapsed) s for the writer")
    }
  }

  @Test func scoredByIsRecordedAtFinishAndFinal() throws {
    try withTemporaryPath { path throws in
      var db = try SandboxDatabase(path: path)
      db.build = "build-1"
      let t = try db.upsertTrainee(name: "sam", cohort: nil)
      let a = try db.startAttempt(.sample(trainee: t.id))
      db.build = "build-2"
      try db.finishAttempt(
        id: a.id, result: AttemptResult(overall: 90, decisions: 90, doubleReview: 90, timeLimits: 90, passed: true, json: "{}"))
      let done = try #require(try db.attempt(id: a.id))
      #expect(done.startedBy == "build-1" && done.scoredBy == "build-2")
      #expect(throws: (any Error).self) { try db.executeRaw("UPDATE attempt SET scoredBy = 'forged' WHERE id = \(a.id)") }
      #expect(throws: (any Error).self) { try db.executeRaw("UPDATE attempt SET startedBy = 'forged' WHERE id = \(a.id)") }
    }
  }

  @Test func manyConnectionsCreatingOneNewFileAtOnceAllSucceed() throws {
    try withTemporaryPath("race/new.sqlite") { path throws in
      let count = 32
      let failures = Failures()
      DispatchQueue.concurrentPerform(iterations: count) { _ in
        do {
          let db = try SandboxDatabase(path: path)
          _ = try db.trainees(cohort: nil)
        } catch {
          failures.add("\(error)")
        }
      }
      #expect(failures.all.isEmpty, "\(failures.all.count) of \(count) failed: \(failures.all.prefix(3))")
      let db = try SandboxDatabase(readOnlyPath: path)
      #expect(try db.rawStrings("SELECT count(*) FROM sandbox") == ["1"])
      #expect(try db.verify() == [])
    }
  }
}

/// Errors collected from concurrent work.
final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ s: String) {
    lock.lock()
    list.append(s)
    lock.unlock()
  }
  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return list
  }
}
