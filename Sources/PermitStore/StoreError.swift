import PermitLocalization

/// What can go wrong in the sandbox store. Each message says what happened and what to do next.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file is an SQLite database but not a PermitDesk sandbox (no sandbox marker). Carries the path.
  case notASandbox(String)
  /// The file exists but is not an SQLite database, or cannot be read. Carries the path.
  case unreadable(String)
  /// The database was created by a newer PermitDesk (it has migrations this version does not know).
  /// Carries the path.
  case newerSchema(String)
  /// There is no sandbox database (or only an empty file) at the path, and the command only reads.
  case missing(String)
  /// The database could not be opened or created (folder not writable, …). Carries the path and
  /// the reason.
  case cannotOpen(path: String, reason: String)
  /// No attempt with this id.
  case unknownAttempt(Int64)
  /// No trainee with this name (or `#id`).
  case unknownTrainee(String)
  /// The attempt is finished or abandoned and cannot change status any more.
  case attemptNotOpen(id: Int64, status: String)
  /// A value handed to the store is not acceptable; the text says which and what is expected.
  case invalidArgument(String)
  /// Another PermitDesk process kept the database locked for longer than the busy timeout.
  case busy(String)
  /// Any other SQLite failure, with SQLite's own message.
  case database(String)
  /// The records are signed with a room key and this process does not hold that key (or holds
  /// another one), or a key was given for a sandbox that already holds unsigned records. Carries
  /// the path and what is wrong.
  case signing(path: String, reason: String)
  /// Someone else appended to the attempt's log since the writer last read it (see
  /// `CommandCommit.expectedSeq`); nothing was written. Carries the attempt and the head's seq.
  case logAdvanced(attempt: Int64, head: Int64)
  /// This process no longer holds the attempt's lease (``AttemptLease``): another process took it
  /// over (`by`), or it was cleared; nothing was written.
  case leaseLost(attempt: Int64, by: AttemptLease?)

  /// One line for the user: what happened and what to do, in the session's language
  /// (``Language/current``; the catalog's `store.*`).
  public var description: String { message(in: Language.current) }

  /// The message in a language. The reasons of ``cannotOpen(path:reason:)`` and
  /// ``signing(path:reason:)`` and the text of ``invalidArgument(_:)`` are the store's own, in
  /// English (SQLite's messages among them).
  public func message(in language: Language) -> String {
    func t(_ key: String, _ args: Any...) -> String { L10n.format(L10n.catalog(language)[key] ?? key, args.map { "\($0)" }) }
    switch self {
    case .notASandbox(let path): return t("store.not-a-sandbox", path)
    case .unreadable(let path): return t("store.unreadable", path)
    case .newerSchema(let path): return t("store.newer-schema", path)
    case .missing(let path): return t("store.missing", path)
    case .cannotOpen(let path, let reason): return t("store.cannot-open", path, reason)
    case .unknownAttempt(let id): return t("store.unknown-attempt", id)
    case .unknownTrainee(let name): return t("store.unknown-trainee", name)
    case .attemptNotOpen(let id, let status):
      return t("store.attempt-not-open", id, L10n.catalog(language)["store.status." + status] ?? status)
    case .invalidArgument(let message): return message
    case .busy(let path): return t("store.busy", path)
    case .database(let message): return t("store.database", message)
    case .signing(let path, let reason): return "\(path): \(reason)"
    case .logAdvanced(let attempt, let head): return t("store.log-advanced", attempt, head)
    case .leaseLost(let attempt, let by):
      return by.map { t("store.lease-lost.by", attempt, $0.holder.pid, $0.holder.host) } ?? t("store.lease-lost", attempt)
    }
  }
}
