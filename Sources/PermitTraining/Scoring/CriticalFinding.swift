import PermitContent

/// One critical error committed in an attempt.
public struct CriticalFinding: Sendable, Hashable {
  /// Which error.
  public var kind: CriticalError
  /// The file.
  public var ticket: String
  /// What happened.
  public var explanation: String
  /// The evidence (action and time, or what was and was not looked at).
  public var evidence: String
  /// The explanation and the evidence as phrases, for a debrief in another language (not stored).
  public var why: Phrase? = nil
  public var shown: Phrase? = nil
}
