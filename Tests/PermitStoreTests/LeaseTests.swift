import Foundation
import Testing

@testable import PermitStore

/// The attempt lease: one live process per attempt and participant (issue 11, deliver 4).
@Suite("Store: the attempt lease")
struct LeaseTests {
  static let me = LeaseHolder.current
  /// A process on this host that cannot exist (above the kernel's pid limit).
  static let dead = LeaseHolder(pid: 2_000_000_000, host: LeaseHolder.current.host)
  /// A live process on this host that is not this one.
  static let other = LeaseHolder(pid: 1, host: LeaseHolder.current.host)
  static let remote = LeaseHolder(pid: 4242, host: "desk-7.example")

  func acquired(_ a: LeaseAcquisition) throws -> AttemptLease {
    guard case .acquired(let lease, _) = a else { throw StoreError.invalidArgument("not acquired: \(a)") }
    return lease
  }

  @Test("free, held, taken over, renewed and lost, released")
  func lifecycle() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    let first = try acquired(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false, holder: Self.other))
    #expect(first.holder == Self.other)
    #expect(try db.lease(attempt: attempt.id, trainee: attempt.trainee) == first)
    // Held by a live process on this host: refused, unchanged.
    #expect(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false) == .held(by: first))
    #expect(try db.lease(attempt: attempt.id, trainee: attempt.trainee)?.token == first.token)
    // Taken over.
    guard case .acquired(let mine, let from) = try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: true) else {
      Issue.record("take-over refused")
      return
    }
    #expect(from == first && mine.holder == Self.me && mine.token != first.token)
    #expect(try db.renewLease(first) == .lost(by: mine))
    #expect(try db.holdsLease(first) == .lost(by: mine))
    guard case .renewed(let renewed) = try db.renewLease(mine) else {
      Issue.record("not renewed")
      return
    }
    #expect(renewed.token == mine.token)
    // Releasing a lease no longer ours does nothing; our own release frees it.
    try db.releaseLease(first)
    #expect(try db.lease(attempt: attempt.id, trainee: attempt.trainee) != nil)
    try db.releaseLease(mine)
    #expect(try db.lease(attempt: attempt.id, trainee: attempt.trainee) == nil)
    #expect(try db.renewLease(mine) == .lost(by: nil))
  }

  @Test("a dead process on this host, or a heartbeat older than the limit, holds nothing; a remote live one does")
  func freeWhen() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    let dead = try acquired(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false, holder: Self.dead))
    guard case .acquired(_, let from) = try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false) else {
      Issue.record("a dead holder blocked the lease")
      return
    }
    #expect(from == nil, "a dead holder is not 'taken over': \(String(describing: dead))")
    let now = Date()
    let remote = try acquired(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: true, holder: Self.remote, now: now))
    // Another host: its pid says nothing here, only the heartbeat counts.
    #expect(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false, now: now.addingTimeInterval(60)) == .held(by: remote))
    let later = now.addingTimeInterval(SandboxDatabase.leaseLimit + 1)
    guard case .acquired(_, let stale) = try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false, now: later) else {
      Issue.record("a stale heartbeat blocked the lease")
      return
    }
    #expect(stale == nil)
  }

  @Test("leases are per participant: two partners of one attempt each hold their own")
  func perParticipant() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    let partner = try db.upsertTrainee(name: "pat", cohort: nil)
    _ = try acquired(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false, holder: Self.other))
    let b = try acquired(try db.acquireLease(attempt: attempt.id, trainee: partner.id, takeOver: false, holder: Self.other))
    #expect(try db.acquireLease(attempt: attempt.id, trainee: partner.id, takeOver: false) == .held(by: b))
  }

  @Test("a commit with a lease that was taken over writes nothing (checked inside the transaction)")
  func commitChecksTheLease() throws {
    let (db, attempt) = try makeDatabaseWithAttempt(actions: 2)
    let mine = try acquired(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false))
    var request = CommandCommit(action: .sample(attempt: attempt.id, "queue"), projection: Projection(cases: nil, reviews: nil, notices: nil), tickets: [])
    request.lease = mine
    #expect(try db.commit(request).seq == 3)
    let theirs = try acquired(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: true, holder: Self.remote))
    #expect(throws: StoreError.leaseLost(attempt: attempt.id, by: theirs)) { try db.commit(request) }
    #expect(try db.actions(attempt: attempt.id).count == 3)
    #expect(try db.verify().isEmpty)
  }

  @Test("the lease is operational data: verify ignores it, and a heartbeat does not touch the chain")
  func outsideTheChain() throws {
    let (db, attempt) = try makeDatabaseWithAttempt()
    let mine = try acquired(try db.acquireLease(attempt: attempt.id, trainee: attempt.trainee, takeOver: false))
    _ = try db.renewLease(mine)
    try db.executeRaw("UPDATE lease SET host = 'elsewhere', pid = 99, heartbeat = 'garbage'")
    #expect(try db.verify().isEmpty)
  }
}
