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

  /// One line for the user: what happened and what to do.
  public var description: String {
    switch self {
    case .notASandbox(let path):
      return "\(path) is an SQLite database but not a PermitDesk sandbox (it has no sandbox marker); "
        + "PermitDesk refuses to write into it. Pass another file with --db or PERMITDESK_DB."
    case .unreadable(let path):
      return "\(path) is not an SQLite database or cannot be read; PermitDesk leaves it untouched. "
        + "Check the path given with --db or PERMITDESK_DB, or move the file away to start a new sandbox."
    case .newerSchema(let path):
      return "\(path) was written by a newer version of PermitDesk. Update PermitDesk, or use another "
        + "sandbox file with --db."
    case .missing(let path):
      return "there is no sandbox database at \(path); this command only reads and creates none. "
        + "Check the path given with --db or PERMITDESK_DB."
    case .cannotOpen(let path, let reason):
      return "cannot open the sandbox database \(path): \(reason). Check that the folder exists and is "
        + "writable, or pass another file with --db."
    case .unknownAttempt(let id):
      return "there is no attempt #\(id) in this sandbox. List the attempts with `permitdesk report`."
    case .unknownTrainee(let name):
      return "there is no trainee \(name) in this sandbox. Log in with `login NAME` to create one."
    case .attemptNotOpen(let id, let status):
      return "attempt #\(id) is already \(status); it cannot be finished or abandoned again. "
        + "Start a new attempt with `start SCENARIO`."
    case .invalidArgument(let message):
      return message
    case .busy(let path):
      return "the sandbox database \(path) stayed locked by another PermitDesk process for more than "
        + "5 seconds. Try the command again; nothing was recorded."
    case .database(let message):
      return "sandbox database error: \(message). Run `permitdesk verify` to check the records."
    case .signing(let path, let reason):
      return "\(path): \(reason)"
    case .logAdvanced(let attempt, let head):
      return "attempt #\(attempt)'s log moved on (to action \(head)) while this command was prepared; nothing was recorded: try again."
    case .leaseLost(let attempt, let by):
      let whereNow = by.map { " by process \($0.holder.pid) on \($0.holder.host)" } ?? ""
      return "attempt #\(attempt) was taken over\(whereNow); nothing was recorded here. 'resume --take-over' takes it back."
    }
  }
}
