import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

// A trainer hands a post of a running pair attempt to another trainee (`reassign ATTEMPT A|B NAME`),
// for a partner who vanished (left the room, lease lapsed) so that the other can finish the day.
// The change is an instructor event in the attempt's log (verb `inject`, `{"event":"reassign",…}`):
// every process, `resume`, `replay` and `verify --rescore` apply it at the same place, and from
// there on the new holder's commands are applied as that post.
//
// Credit: a post's score is one piece (its files, its notices, its deadlines), and the records keep
// one result per post for the attempt's trainee and partner (hashed, checked by `verify`). A post
// that changed hands is therefore recorded as before but credits nobody: its stored score card says
// `"credited": false` and lists the seat changes, so neither the one who left nor the one who took
// over earns module credit for work they did only part of; the other post's result is its holder's.

/// The seats of a pair attempt now: its pairing with the trainer's reassignments in its log applied.
struct Seating {
  /// Who holds each post now.
  var pairing: Pairing
  /// The reassignments, in log order, with who ordered them.
  var changes: [(change: SeatChange, by: String)]

  /// The seating of a pair attempt (nil for an attempt alone). Reads only the attempt's `inject` rows.
  static func of(_ a: AttemptRecord, names: [Int64: String], db: SandboxDatabase) throws -> Seating? {
    guard let partner = a.partner else { return nil }
    var pairing = Pairing(postA: names[a.trainee] ?? "?", postB: names[partner] ?? "?")
    var changes: [(SeatChange, String)] = []
    for row in try db.instructorActions(attempt: a.id) where row.ok {
      guard case .instructor(.reassign(let post, let to)) = CommandLog.decode(verb: row.verb, arguments: row.arguments),
        pairing.name(of: post) != to, pairing.name(of: post.other) != to
      else { continue }
      let at = Timestamp(iso: row.simTime) ?? Timestamp(iso: "2000-01-01T00:00+00:00")!
      changes.append((SeatChange(post: post, from: pairing.name(of: post), to: to, at: at), row.actor))
      pairing = pairing.replacing(post, with: to)
    }
    return Seating(pairing: pairing, changes: changes)
  }

  /// The posts that changed hands.
  var changedPosts: Set<TraineePost> { Set(changes.map(\.change.post)) }
}

extension Repl {
  /// Trainee names by id.
  func traineeNames() throws -> [Int64: String] {
    Dictionary(uniqueKeysWithValues: try db.trainees(cohort: nil).map { ($0.id, $0.name) })
  }

  /// The open pair attempts where `t` holds a post now, with the post.
  func seatedPairAttempts(_ t: TraineeRecord) throws -> [(attempt: AttemptRecord, post: TraineePost)] {
    let names = try traineeNames()
    return try db.openPairAttempts().compactMap { a in
      guard let seating = try Seating.of(a, names: names, db: db), let post = seating.pairing.post(of: t.name) else { return nil }
      return (a, post)
    }
  }

  /// The open attempts `t` started or was partnered in but whose post a trainer handed to someone else.
  func replacedPairAttempts(_ t: TraineeRecord) throws -> [(attempt: AttemptRecord, seating: Seating)] {
    let names = try traineeNames()
    return try db.openPairAttempts().compactMap { a in
      guard a.trainee == t.id || a.partner == t.id, let seating = try Seating.of(a, names: names, db: db),
        seating.pairing.post(of: t.name) == nil
      else { return nil }
      return (a, seating)
    }
  }

  /// `t`'s own open attempt (the newest they started), skipping a pair attempt whose post A a
  /// trainer handed to someone else: that one is no longer theirs to resume or abandon.
  func ownOpenAttempt(_ t: TraineeRecord) throws -> AttemptRecord? {
    guard let newest = try db.openAttempt(trainee: t.id) else { return nil }
    let replaced = Set(try replacedPairAttempts(t).map(\.attempt.id))
    if !replaced.contains(newest.id) { return newest }
    return try db.attempts(trainee: t.id, scenario: nil, cohort: nil).reversed()
      .first { $0.status == .open && !replaced.contains($0.id) }
  }

  /// What a trainee is told of the posts a trainer handed to them or away from them.
  func seatNotices(_ t: TraineeRecord) -> [String] {
    var out: [String] = []
    if let replaced = try? replacedPairAttempts(t) {
      for (a, seating) in replaced {
        guard let last = seating.changes.last(where: { $0.change.from == t.name }) else { continue }
        out.append(L10n.t("reassign.notice.away", last.change.post.rawValue, a.id, a.scenarioID, last.change.to, Localized.staff(StaffID(last.by))))
      }
    }
    if let seated = try? seatedPairAttempts(t) {
      for (a, post) in seated where !(a.trainee == t.id && post == .a) && !(a.partner == t.id && post == .b) {
        out.append(L10n.t("reassign.notice.to-you", post.rawValue, a.id, a.scenarioID, a.id))
      }
    }
    return out
  }

  /// `reassign ATTEMPT A|B NAME [--force]` (trainer): hands a post of a running pair attempt to
  /// another trainee of the room. Refused while the post's holder still works on it (a live lease)
  /// unless `--force`; their lease is then cleared, so a process of theirs still running records
  /// nothing more.
  func reassign(_ args: [String], by actor: String) {
    let force = args.contains("--force")
    let words = args.filter { $0 != "--force" }
    guard words.count == 3, let id = Int64(words[0].hasPrefix("#") ? String(words[0].dropFirst()) : words[0]),
      let post = TraineePost(rawValue: words[1].uppercased())
    else {
      fail(L10n.t("reassign.usage"))
      return
    }
    let name = words[2]
    if let seat = room {
      guard let member = seat.config.member(name) else {
        fail(L10n.t("pair.partner.not-in-room", name, Suggest.hint(name, seat.config.members.map(\.name))))
        return
      }
      guard member.role == .trainee else {
        fail(L10n.t("reassign.not-trainee", name))
        return
      }
    }
    do {
      guard let a = try db.attempt(id: id), a.partner != nil else {
        fail(L10n.t("reassign.not-pair", id))
        return
      }
      let names = try traineeNames()
      guard let seating = try Seating.of(a, names: names, db: db) else { return }
      let holder = seating.pairing.name(of: post)
      // What the runtime would refuse, said before anything else (the lease, the roster).
      if name == holder || name == seating.pairing.name(of: post.other) {
        let why = name == holder ? L10n.t("instructor.same-seat", post.rawValue, name) : L10n.t("instructor.both-posts", post.rawValue, name)
        fail(L10n.t("reassign.refused", id, why))
        return
      }
      guard let holderRecord = try db.trainee(named: holder) else {
        fail(L10n.t("reassign.not-pair", id))
        return
      }
      if a.status == .open, !force, let lease = try db.lease(attempt: a.id, trainee: holderRecord.id),
        SandboxDatabase.isHeld(lease, against: .current)
      {
        fail(L10n.t("reassign.holder-active", holder, post.rawValue, a.id, lease.holder.pid, lease.holder.host, Self.ago(lease)))
        return
      }
      // The new holder must exist as a trainee (in the room the roster vouches for them).
      let newcomer = room != nil ? try db.upsertTrainee(name: name, cohort: nil) : try db.trainee(named: name)
      guard newcomer != nil else {
        let known = names.values.sorted()
        fail(L10n.t("pair.partner.unknown", name, Suggest.hint(name, known)))
        return
      }
      guard appendInstructorEvent(id, .reassign(post: post, to: name), by: actor, refused: "reassign.refused", summary: { a, _, seq, now in
        L10n.t("reassign.done", post.rawValue, a.id, a.scenarioID, holder, name, seq, now)
      }) else { return }
      try db.clearLease(attempt: a.id, trainee: holderRecord.id)
      say([L10n.t("reassign.next", name, a.id, holder)])
    } catch {
      fail(L10n.t("station.inject.cannot", "\(error)"))
    }
  }

  /// The stored score card of a pair attempt's post: the card as scored, marked not credited with
  /// the seat changes when the post changed hands during the attempt.
  static func recordedCard(_ card: ScoreCard, post: TraineePost, session s: Session) -> String {
    let changes = s.seatChanges.filter { $0.post == post }
    guard !changes.isEmpty, case .object(var fields) = card.json else { return card.json.render() }
    if let i = fields.firstIndex(where: { $0.0 == "credited" }) { fields[i].1 = .bool(false) } else { fields.append(("credited", .bool(false))) }
    fields.append((
      "seat-changes",
      .array(changes.map { .object([("post", .string($0.post.rawValue)), ("from", .string($0.from)), ("to", .string($0.to)), ("at", .string($0.at.description))]) })
    ))
    return JSON.object(fields).render()
  }

  /// What the finishing screen adds for a post that changed hands: nobody is credited with it.
  static func sharedPostLines(_ s: Session, post: TraineePost?) -> [String] {
    guard let post else { return [] }
    let changes = s.seatChanges.filter { $0.post == post }
    guard let first = changes.first else { return [] }
    let holders = ([first.from] + changes.map(\.to)).joined(separator: " → ")
    return [L10n.t("reassign.shared", post.rawValue, holders, first.at)]
  }
}
