import Foundation
import PermitCore

/// The examiner's decisions on the packets applicants hand in on arrival, kept for every session
/// built from one ``AttemptRunner/Setup`` (issue 8): re-scoring thousands of recorded attempts of a
/// scenario replays the same arrivals each time, and examining each scripted packet again for every
/// attempt was a large share of `verify --rescore`.
///
/// The examination is a pure function of (policy pack, packet), so a kept decision is handed out
/// only for that very pack and packet: it is found by ticket, pack id and time of submission, and
/// the packet and pack it was computed on are compared with the ones asked about (a surge's `S001`
/// after a restore, or the same applicant after a rule change, is examined anew). Only arrivals use
/// it: a corrected packet (a resubmission) is always examined by the core.
///
/// A reference shared by every copy of its setup; safe to use from several threads at once.
public final class ExaminationMemo: @unchecked Sendable {
  private struct Key: Hashable {
    var ticket: String
    var policy: String
    var submitted: Timestamp
  }
  private struct Kept {
    var packet: Packet
    var policy: PolicyPack
    var decision: Decision
  }
  private let lock = NSLock()
  private var kept: [Key: Kept] = [:]

  /// An empty memo.
  public init() {}

  /// The examiner's decision on `packet` under `policy`: the one kept for them, or computed now
  /// (outside the lock) and kept. Always equal to `Examiner(policy: policy).examine(packet)`.
  public func examination(ticket: String, packet: Packet, policy: PolicyPack) -> Decision {
    let key = Key(ticket: ticket, policy: policy.id, submitted: packet.submitted)
    lock.lock()
    let found = kept[key]
    lock.unlock()
    if let found, found.packet == packet, found.policy == policy { return found.decision }
    let decision = Examiner(policy: policy).examine(packet)
    lock.lock()
    kept[key] = Kept(packet: packet, policy: policy, decision: decision)
    lock.unlock()
    return decision
  }

  /// How many decisions are kept.
  public var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return kept.count
  }
}
