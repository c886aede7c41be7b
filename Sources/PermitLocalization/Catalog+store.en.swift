// English texts of the sandbox store's errors (StoreError) and of verify's findings (IntegrityProblem). Keys match Catalog+store.zhHans.swift
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
    "verify.marker": "the sandbox marker or application id is missing or was changed",
    "verify.other-key": "the records are signed with another key (id {1}), not this one (id {2})",
    "verify.unsigned": "the records are not signed with a room key (they were written, or rewritten, without it)",
    "verify.attempt-missing": "attempt #{1} is missing: deleted",
    "verify.attempts-missing": "attempt #{1}…#{2} are missing: deleted",
    "verify.attempt-chain": "the hash chain of attempts is broken before this attempt: an attempt was deleted, edited or reordered",
    "verify.trainee-deleted": "its trainee #{1} was deleted",
    "verify.attempt-edited": "the attempt was edited: its trainee, partner, scenario, seed, policy, mode, post, module or start time no longer match its hash",
    "verify.action-missing": "action {1} is missing: deleted",
    "verify.actions-missing": "actions {1}…{2} are missing: deleted",
    "verify.action-chain": "the chain is broken before this action: an action was deleted, edited or reordered",
    "verify.action-edited": "the action was edited: its fields no longer match its hash",
    "verify.head": "the head of the log (action {1}) does not match the head sealed with the attempt: its last actions were deleted and its end rewound, or the seal was edited",
    "verify.log-short": "the log ends at action {1} but {2} were recorded: the last actions were deleted",
    "verify.log-long": "the log has {1} action(s) after the recorded end ({2}): added by hand",
    "verify.open-with-result": "the attempt is open but has a hashed result: its status was edited",
    "verify.passed": "passed",
    "verify.not-passed": "not passed",
    "verify.stored.overall": "overall {1}, {2}",
    "verify.result-edited": "the stored result ({1}) no longer matches its hashed result: the score, status or the log it was scored on was edited",
    "verify.no-result": "the attempt is {1} but has no hashed result: its status was edited",
    "verify.attempt-seal": "the attempt's signed seal does not match: its status, result or the end of its log was changed, or it was written without the room key",
    "verify.sandbox-seal": "the sandbox's signed seal does not match the last attempt (#{1}): attempts after it were deleted, or attempts were written without the room key",
    "verify.newest": "the newest attempt is not the one sealed in the sandbox row: the last attempt(s) were deleted (and the id sequence wound back), or the seal was edited",
    "verify.orphans": "actions remain for attempt #{1}, which was deleted",
    "verify.guard-dropped": "the guard trigger {1} was dropped: the records may have been edited by hand",
    "verify.trigger-dropped": "the trigger {1} was dropped: the records may have been edited by hand",
    "verify.trigger-replaced": "the trigger {1} was replaced: its definition is not the schema's (the records may have been edited by hand)",
    "verify.trigger-added": "an unknown trigger {1} was added by hand: it may change what is recorded",
    "verify.pair.not-a-pair": "results of pair participants were added to an attempt that is not a pair: added by hand",
    "verify.pair.not-finished": "the pair attempt is {1} but has participants' results: added by hand",
    "verify.pair.missing": "the result of post {1} of this pair attempt is missing: deleted",
    "verify.pair.trainee": "the result of post {1} names trainee #{2}, not the attempt's: edited",
    "verify.at.attempt-action": "attempt #{1}, action {2}: {3}",
    "verify.at.attempt": "attempt #{1}: {2}",
    "verify.at.action": "action {1}: {2}",
    "verify.rescore.no-scenario": "attempt #{1}: its scenario '{2}' (content {3}) is not in the content at {4}; if it was a trainer's own file, give it with --scenario-file PATH; its score cannot be recomputed",
    "verify.rescore.cannot": "attempt #{1}: {2}; its score cannot be recomputed",
    "verify.rescore.content-changed": "attempt #{1}: content changed since the attempt ({2}, its policy packs or calendars): under today's content its log gives {3}, recorded {4}; not evidence that the record was edited",
    "verify.rescore.differs": "attempt #{1}: recorded score {2} (passed {3}) does not follow from its log, which gives {4} (passed {5})",
    "verify.rescore.differs-b": "attempt #{1}: post B's recorded score {2} (passed {3}) does not follow from its log, which gives {4} (passed {5})",
    "verify.projection.content-changed": "attempt #{1}: content changed since the attempt ({2}, its policy packs or calendars): {3} under today's content; not evidence that the record was edited",
    "verify.projection.not-rebuilt": "attempt #{1} ({2}): its case, review and notice rows were not rebuilt: {3}",
    "verify.projection.busy": "attempt #{1} was being written while it was compared; run verify again",
    "verify.finish-unrecorded": "attempt #{1}: its log finished the attempt (action {2}) but no result was recorded; 'resume' as its trainee records the score",
    "verify.earlier.one": "{1} attempt recorded before this version checks projections: their case, review and notice rows were not rebuilt",
    "verify.earlier.other": "{1} attempts recorded before this version checks projections: their case, review and notice rows were not rebuilt",
    "verify.no-content": "the content could not be loaded: the case, review and notice rows were not rebuilt from the logs",
  ]
}
