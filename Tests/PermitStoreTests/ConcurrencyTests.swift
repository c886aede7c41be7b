import Foundation
import Testing

@testable import PermitStore

/// Two `DatabasePool`s on one file stand for two processes (pair mode: two terminals).
@Suite(.serialized) struct ConcurrencyTests {
  @Test func twoPoolsAppendConcurrentlyWithoutLockErrors() throws {
    try withTemporaryPath { path in
      // Given two connections to the same file, each with its trainee and attempt, and one shared attempt
      let first = try SandboxDatabase(path: path)
      let second = try SandboxDatabase(path: path)
      let a = try first.upsertTrainee(name: "post-a", cohort: "pair")
      let b = try second.upsertTrainee(name: "post-b", cohort: "pair")
      let attemptA = try first.startAttempt(.sample(trainee: a.id))
      let attemptB = try second.startAttempt(.sample(trainee: b.id))
      let shared = try first.startAttempt(.sample(trainee: a.id, scenario: "pair-scenario"))
      let perThread = 60
      let errors = LockedList<String>()

      // When both append from two threads at once
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        let db = index == 0 ? first : second
        let own = index == 0 ? attemptA.id : attemptB.id
        for i in 0..<perThread {
          do {
            _ = try db.appendAction(.sample(attempt: own, "open", "T-\(i)", actor: "thread-\(index)"))
            _ = try db.appendAction(.sample(attempt: shared.id, "note", "\(index)-\(i)", actor: "thread-\(index)"))
            if i % 10 == 0 {
              try db.saveCases(
                attempt: own, [CaseRow(attempt: own, ticket: "T-\(i)", state: "received", deadline: "2017-07-10")])
            }
          } catch {
            errors.append("\(error)")
          }
        }
      }

      // Then nothing failed, every log is numbered 1…n without gaps and the chain verifies
      #expect(errors.all == [])
      #expect(try first.actions(attempt: attemptA.id).map(\.seq) == Array(1...Int64(perThread)))
      #expect(try second.actions(attempt: attemptB.id).map(\.seq) == Array(1...Int64(perThread)))
      let sharedLog = try second.actions(attempt: shared.id)
      #expect(sharedLog.map(\.seq) == Array(1...Int64(2 * perThread)))
      #expect(Set(sharedLog.map(\.actor)) == ["thread-0", "thread-1"])
      #expect(try first.verify() == [])
    }
  }

  @Test func twoPoolsStartAttemptsConcurrently() throws {
    try withTemporaryPath { path in
      let first = try SandboxDatabase(path: path)
      let second = try SandboxDatabase(path: path)
      let errors = LockedList<String>()
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        let db = index == 0 ? first : second
        do {
          let t = try db.upsertTrainee(name: "trainee-\(index)", cohort: nil)
          for _ in 0..<20 {
            let attempt = try db.startAttempt(.sample(trainee: t.id))
            _ = try db.appendAction(.sample(attempt: attempt.id, "start"))
          }
        } catch {
          errors.append("\(error)")
        }
      }
      #expect(errors.all == [])
      #expect(try first.attempts(trainee: nil, scenario: nil, cohort: nil).count == 40)
      #expect(try second.verify() == [])
    }
  }

  @Test func aReaderSeesCommittedRowsWhileAWriterWrites() throws {
    try withTemporaryPath { path in
      let writer = try SandboxDatabase(path: path)
      let reader = try SandboxDatabase(path: path)
      let trainee = try writer.upsertTrainee(name: "olivia", cohort: nil)
      let attempt = try writer.startAttempt(.sample(trainee: trainee.id))
      for i in 1...3 { _ = try writer.appendAction(.sample(attempt: attempt.id, "open", "T-\(i)")) }

      // While the writer holds an uncommitted write transaction…
      try writer.executeRaw(
        "INSERT INTO trainee (name, cohort, createdAt) VALUES ('uncommitted', NULL, '2026-01-01T00:00:00Z')"
      ) { () throws -> Void in
        let start = Date()
        // …the other connection reads the committed rows at once, and not the uncommitted one
        #expect(try reader.actions(attempt: attempt.id).map(\.seq) == [1, 2, 3])
        #expect(try reader.trainees(cohort: nil).map(\.name) == ["olivia"])
        #expect(try reader.attempt(id: attempt.id)?.status == .open)
        #expect(try reader.verify() == [])
        #expect(Date().timeIntervalSince(start) < 2)
      }

      // After the commit, the reader sees the new row
      #expect(try reader.trainees(cohort: nil).map(\.name) == ["olivia", "uncommitted"])
    }
  }

  @Test func aWriterWaitsForAnotherProcessInsteadOfFailing() throws {
    try withTemporaryPath { path in
      let holder = try SandboxDatabase(path: path)
      let waiter = try SandboxDatabase(path: path)
      let trainee = try holder.upsertTrainee(name: "olivia", cohort: nil)
      let attempt = try holder.startAttempt(.sample(trainee: trainee.id))
      let errors = LockedList<String>()
      let appended = LockedList<Int64>()
      let finished = DispatchSemaphore(value: 0)

      // One connection holds the write lock for 300 ms while the other tries to append
      try holder.executeRaw("UPDATE trainee SET cohort = 'busy' WHERE id = \(trainee.id)") {
        Thread.detachNewThread {
          do {
            appended.append(try waiter.appendAction(.sample(attempt: attempt.id, "open")).seq)
          } catch {
            errors.append("\(error)")
          }
          finished.signal()
        }
        Thread.sleep(forTimeInterval: 0.3)
      }
      #expect(finished.wait(timeout: .now() + 10) == .success)
      #expect(errors.all == [])
      #expect(appended.all == [1])
    }
  }
}
