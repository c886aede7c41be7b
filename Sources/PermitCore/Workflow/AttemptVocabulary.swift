// The words an attempt is recorded with. They live in the core, below the content (a scenario names
// its post), the runtime (an attempt has a mode) and the store (whose `attempt` rows hold both, and
// whose hash chain covers their raw values: never change a raw value).

/// The mode of an attempt.
public enum AttemptMode: String, CaseIterable, Sendable, Hashable, Codable {
  /// Hints, snapshots and restores allowed.
  case practice
  /// None of those.
  case assessment
  /// Played by the model answer (`play --autoplay`).
  case autoplay
}

/// The post the trainee holds in a scenario.
public enum TraineePost: String, CaseIterable, Sendable, Hashable, Codable {
  /// Post A: examines and proposes; a simulated colleague reviews as post B.
  case a = "A"
  /// Post B: reviews a simulated post A's proposals, some with planted errors.
  case b = "B"
}
