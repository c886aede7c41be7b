import PermitContent
import PermitCore

// Pair mode (`start SCENARIO --pair NAME`, the partner's `join`): two trainees share one attempt,
// one log and one simulated clock, as post A (the starter) and post B (the partner). The simulated
// colleague is off: post A's handovers wait in post B's review queue, post B's verdicts come back
// to post A, and post A issues the notice. Every command is applied as the post of whoever typed
// it (``Session/acting``, from the log's actor column on replay).
//
// Who moves the clock: every command costs its simulated time whoever types it, but only post A
// may `advance` it and `finish` the day (post A keeps the window's queue; post B cannot skip post
// A's deadlines). Snapshots and restores are off: the world is shared, a restore would take the
// partner's work back too.

/// The two trainees of a pair attempt, by name.
public struct Pairing: Sendable, Hashable {
  /// Post A: the trainee who started the attempt.
  public var postA: String
  /// Post B: the partner who joined it.
  public var postB: String

  /// Creates a pairing.
  public init(postA: String, postB: String) {
    self.postA = postA
    self.postB = postB
  }

  /// The trainee at a post.
  public func name(of post: TraineePost) -> String { post == .a ? postA : postB }

  /// The post of a trainee (by the name the log's actor column records), or nil for anyone else
  /// (a trainer's injected event).
  public func post(of name: String) -> TraineePost? { name == postA ? .a : name == postB ? .b : nil }

  /// The same pairing with `post` held by `name`.
  public func replacing(_ post: TraineePost, with name: String) -> Pairing {
    post == .a ? Pairing(postA: name, postB: postB) : Pairing(postA: postA, postB: name)
  }
}

/// A post of a pair attempt handed to another trainee by a trainer (`reassign ATTEMPT POST NAME`,
/// logged as an instructor event): from this point of the log on, `to`'s commands are applied as
/// `post` and `from` holds no post. The post's state (its open ticket, its facts, its score) goes
/// with it: the day's work of a post is one piece, so its result is recorded for the attempt but
/// credits nobody (see README, "Pair mode").
public struct SeatChange: Sendable, Hashable {
  /// The post handed over.
  public var post: TraineePost
  /// Who held it until now.
  public var from: String
  /// Who holds it from now on.
  public var to: String
  /// The simulated time of the change.
  public var at: Timestamp

  /// Creates a seat change.
  public init(post: TraineePost, from: String, to: String, at: Timestamp) {
    self.post = post
    self.from = from
    self.to = to
    self.at = at
  }
}

extension TraineePost {
  /// The other post.
  public var other: TraineePost { self == .a ? .b : .a }
}

extension AttemptFacts {
  /// Post A handed a proposal over to post B (a fact of post A's; in a pair attempt, what puts the
  /// file in post B's review queue).
  public struct Handover: Sendable, Hashable {
    public var ticket: String
    public var round: Int
    public var at: Timestamp
  }
}

extension Session {
  /// The post acting now: the scenario's post alone, the typing trainee's in a pair.
  public var post: TraineePost { pair == nil ? scenario.post : acting }

  /// Whether a simulated post A proposes (a post-B scenario played alone).
  var simulatesPostA: Bool { pair == nil && scenario.post == .b }

  /// The facts one post caused (in a pair attempt); every fact when alone.
  public func facts(of post: TraineePost) -> AttemptFacts {
    pair == nil ? facts : factsByPost[post] ?? AttemptFacts()
  }

  /// The ticket a post has open.
  public func openTicket(of post: TraineePost) -> String? { pair == nil ? openTicket : openTickets[post] }

  /// The same session as seen by one post (its open ticket, its identity on `debrief`).
  public func viewed(as post: TraineePost) -> Session {
    var s = self
    if pair != nil { s.acting = post }
    return s
  }

  /// The post B files handed over and not yet reviewed, in arrival order (a pair's review queue):
  /// a file's round waits while it has more handovers than verdicts.
  public var awaitingReview: [String] {
    tickets.filter { t in
      guard let c = cases[t], c.state == .proposed else { return false }
      let round = c.rounds.count
      return facts.handovers.filter { $0.ticket == t && $0.round == round }.count
        > facts.reviews.filter { $0.ticket == t && $0.round == round }.count
    }
  }

  /// What a pair attempt refuses before the command runs: `advance` and `finish` by post B,
  /// snapshots and restores. Nil alone, and for everything else.
  func pairRefusal(_ command: AttemptCommand) -> SessionRefusal? {
    guard let pair else { return nil }
    switch command {
    case .advance where acting == .b, .finish where acting == .b:
      return .pairClock(postA: pair.postA)
    case .snapshot, .restore:
      return .pairSnapshot
    default:
      return nil
    }
  }

  /// Post A hands a proposal over to the partner's review queue.
  mutating func pairHandover(_ t: String, _ c: CaseFile) -> Result<SessionAnswer, CommandError> {
    guard let pair else { return .failure(CommandError(.notPair)) }
    if awaitingReview.contains(t) {
      return .failure(CommandError(.pairAlreadyHandedOver(ticket: t, postB: pair.postB)))
    }
    note(.handedOver(AttemptFacts.Handover(ticket: t, round: c.rounds.count, at: now)))
    return .success(.handedToPartner(ticket: t, partner: pair.postB))
  }

  /// Post B may review only what post A handed over (post A's own `review` goes to the core, which
  /// refuses it as a self-review).
  func pairReviewRefusal(_ t: String) -> SessionRefusal? {
    guard let pair, acting == .b else { return nil }
    guard awaitingReview.contains(t) else {
      return .pairNotHandedOver(ticket: t, postA: pair.postA)
    }
    return nil
  }

  /// Hands `post` to `name` (a trainer's `reassign`): refused outside a pair attempt, to the trainee
  /// who holds it already, and to the one who holds the other post (one person at both posts would
  /// review their own proposals: the double review would be a self-review).
  mutating func reassign(_ post: TraineePost, to name: String) -> SessionRefusal? {
    guard let pair else { return .instructorNotPair }
    if pair.name(of: post) == name { return .instructorSameSeat(post: post, name: name) }
    if pair.name(of: post.other) == name { return .instructorBothPosts(post: post, name: name) }
    let change = SeatChange(post: post, from: pair.name(of: post), to: name, at: now)
    self.pair = pair.replacing(post, with: name)
    seatChanges.append(change)
    inbox.append(.postReassigned(change))
    return nil
  }

  /// After post B's verdict in a pair: post A issues (agreed) or decides again (returned).
  mutating func pairReviewed(_ t: String, agreed: Bool, _ exam: Decision) -> Result<SessionAnswer, CommandError> {
    .success(.reviewedForPartner(ticket: t, agreed: agreed, postA: pair?.postA ?? "", late: Session.lateNote(exam)))
  }
}
