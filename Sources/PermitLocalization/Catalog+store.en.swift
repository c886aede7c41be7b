// English texts of the sandbox store's errors (StoreError). Keys match Catalog+store.zhHans.swift
// one for one; united in Catalog+parts.swift.

extension Catalog {
  /// English texts of the store's errors.
  static let enStore: [String: String] = [
    "store.not-a-sandbox":
      "{1} is an SQLite database but not a PermitDesk sandbox (it has no sandbox marker); PermitDesk refuses to write into it. Pass another file with --db or PERMITDESK_DB.",
    "store.unreadable":
      "{1} is not an SQLite database or cannot be read; PermitDesk leaves it untouched. Check the path given with --db or PERMITDESK_DB, or move the file away to start a new sandbox.",
    "store.newer-schema": "{1} was written by a newer version of PermitDesk. Update PermitDesk, or use another sandbox file with --db.",
    "store.missing":
      "there is no sandbox database at {1}; this command only reads and creates none. Check the path given with --db or PERMITDESK_DB.",
    "store.cannot-open":
      "cannot open the sandbox database {1}: {2}. Check that the folder exists and is writable, or pass another file with --db.",
    "store.unknown-attempt": "there is no attempt #{1} in this sandbox. List the attempts with `permitdesk report`.",
    "store.unknown-trainee": "there is no trainee {1} in this sandbox. Log in with `login NAME` to create one.",
    "store.attempt-not-open":
      "attempt #{1} is already {2}; it cannot be finished or abandoned again. Start a new attempt with `start SCENARIO`.",
    "store.status.finished": "finished",
    "store.status.abandoned": "abandoned",
    "store.busy":
      "the sandbox database {1} stayed locked by another PermitDesk process for more than 5 seconds. Try the command again; nothing was recorded.",
    "store.database": "sandbox database error: {1}. Run `permitdesk verify` to check the records.",
    "store.log-advanced": "attempt #{1}'s log moved on (to action {2}) while this command was prepared; nothing was recorded: try again.",
    "store.lease-lost": "attempt #{1} was taken over; nothing was recorded here. 'resume --take-over' takes it back.",
    "store.lease-lost.by":
      "attempt #{1} was taken over by process {2} on {3}; nothing was recorded here. 'resume --take-over' takes it back.",
  ]
}
