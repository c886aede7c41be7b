internal import GRDB

/// The sandbox schema and its versioned migrations.
///
/// Tables are STRICT (SQLite checks the column types), singular and camelCase. The action log is
/// append-only: triggers abort any UPDATE or DELETE of `action` rows and any change to the hashed
/// fields of an `attempt`; `SandboxDatabase.verify()` still detects edits made after dropping them,
/// through the hash chain.
enum Schema {
  /// The text of the one row of the `sandbox` table.
  static let marker = "PERMITDESK-SANDBOX — synthetic training data only"
  /// `PRAGMA application_id` of a sandbox database: "PDKS".
  static let applicationID: Int32 = 0x5044_4B53
  /// Names of the triggers that keep the log append-only (checked by `verify()`).
  static let guardTriggers = [
    "action_no_update", "action_no_delete", "attempt_no_delete", "attempt_hashed_fields", "attempt_result_final",
  ]

  /// Renews the sandbox row's seal of the newest attempt (in the transaction that starts one).
  static func renewAttemptsSeal(_ db: Database) throws {
    let sandbox = try Row.fetchOne(db, sql: "SELECT marker, created_at FROM sandbox LIMIT 1")
    let genesis = Chain.genesis(marker: sandbox?["marker"] ?? marker, createdAt: sandbox?["created_at"], key: nil)
    let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM attempt ORDER BY id DESC LIMIT 1")
    let seal = Chain.attemptsSeal(genesis: genesis, lastID: last?["id"] ?? 0, lastHash: last?["hash"] ?? genesis)
    try db.execute(sql: "UPDATE sandbox SET attemptsSeal = ?", arguments: [seal])
  }

  /// The migrator: "v1" creates everything. Later versions append migrations; never edit a shipped one.
  static func migrator() -> SchemaMigrator {
    var migrator = SchemaMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE sandbox (marker TEXT NOT NULL, created_at TEXT) STRICT;
          CREATE TRIGGER sandbox_one_row BEFORE INSERT ON sandbox
            WHEN (SELECT count(*) FROM sandbox) >= 1
            BEGIN SELECT RAISE(ABORT, 'the sandbox table holds exactly one row'); END;

          CREATE TABLE trainee (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            cohort TEXT,
            createdAt TEXT NOT NULL
          ) STRICT;
          CREATE INDEX trainee_cohort ON trainee(cohort);

          CREATE TABLE attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            trainee INTEGER NOT NULL REFERENCES trainee(id) ON DELETE RESTRICT,
            scenarioID TEXT NOT NULL CHECK (length(scenarioID) > 0),
            contentHash TEXT NOT NULL,
            seed INTEGER NOT NULL,
            policy TEXT NOT NULL CHECK (length(policy) > 0),
            mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment', 'autoplay')),
            post TEXT NOT NULL CHECK (post IN ('A', 'B')),
            moduleID TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'abandoned')),
            startedAt TEXT NOT NULL,
            finishedAt TEXT,
            overall INTEGER CHECK (overall BETWEEN 0 AND 100),
            decisions INTEGER CHECK (decisions BETWEEN 0 AND 100),
            doubleReview INTEGER CHECK (doubleReview BETWEEN 0 AND 100),
            timeLimits INTEGER CHECK (timeLimits BETWEEN 0 AND 100),
            passed INTEGER CHECK (passed IN (0, 1)),
            resultJSON TEXT,
            lastSeq INTEGER NOT NULL DEFAULT 0 CHECK (lastSeq >= 0),
            resultSeq INTEGER CHECK (resultSeq >= 0),
            prevHash TEXT NOT NULL CHECK (length(prevHash) = 64),
            hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
            resultHash TEXT CHECK (length(resultHash) = 64),
            CHECK (
              (status = 'open' AND finishedAt IS NULL AND resultHash IS NULL AND resultSeq IS NULL
                AND overall IS NULL AND decisions IS NULL AND doubleReview IS NULL AND timeLimits IS NULL
                AND passed IS NULL AND resultJSON IS NULL)
              OR (status = 'finished' AND finishedAt IS NOT NULL AND resultHash IS NOT NULL
                AND resultSeq IS NOT NULL AND overall IS NOT NULL AND decisions IS NOT NULL
                AND doubleReview IS NOT NULL AND timeLimits IS NOT NULL AND passed IS NOT NULL
                AND resultJSON IS NOT NULL)
              OR (status = 'abandoned' AND finishedAt IS NOT NULL AND resultHash IS NOT NULL
                AND resultSeq IS NOT NULL AND overall IS NULL AND passed IS NULL)
            )
          ) STRICT;
          CREATE INDEX attempt_trainee ON attempt(trainee, status);
          CREATE INDEX attempt_scenario ON attempt(scenarioID);
          CREATE TRIGGER attempt_no_delete BEFORE DELETE ON attempt
            BEGIN SELECT RAISE(ABORT, 'attempts cannot be deleted: the record is tamper-evident'); END;
          CREATE TRIGGER attempt_hashed_fields
            BEFORE UPDATE OF id, trainee, scenarioID, contentHash, seed, policy, mode, post, moduleID,
              startedAt, prevHash, hash ON attempt
            BEGIN SELECT RAISE(ABORT, 'the fields of an attempt that start its hash chain cannot change'); END;
          CREATE TRIGGER attempt_result_final
            BEFORE UPDATE OF status, finishedAt, overall, decisions, doubleReview, timeLimits, passed,
              resultJSON, resultSeq, resultHash ON attempt
            WHEN OLD.status <> 'open'
            BEGIN SELECT RAISE(ABORT, 'a finished or abandoned attempt cannot change'); END;

          CREATE TABLE action (
            attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE RESTRICT,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            actor TEXT NOT NULL CHECK (length(actor) > 0),
            verb TEXT NOT NULL CHECK (length(verb) > 0),
            arguments TEXT NOT NULL,
            simTime TEXT NOT NULL,
            wallTime TEXT NOT NULL,
            result TEXT NOT NULL,
            ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
            prevHash TEXT NOT NULL CHECK (length(prevHash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            PRIMARY KEY (attempt, seq)
          ) STRICT;
          CREATE TRIGGER action_no_update BEFORE UPDATE ON action
            BEGIN SELECT RAISE(ABORT, 'the action log is append-only: actions cannot be changed'); END;
          CREATE TRIGGER action_no_delete BEFORE DELETE ON action
            BEGIN SELECT RAISE(ABORT, 'the action log is append-only: actions cannot be deleted'); END;

          CREATE TABLE caseRow (
            attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            ticket TEXT NOT NULL CHECK (length(ticket) > 0),
            state TEXT NOT NULL,
            outcome TEXT,
            defects TEXT NOT NULL,
            maker TEXT,
            checker TEXT,
            noticeAt TEXT,
            deadline TEXT NOT NULL,
            retainUntil TEXT,
            PRIMARY KEY (attempt, ticket)
          ) STRICT;
          CREATE INDEX caseRow_retainUntil ON caseRow(retainUntil) WHERE retainUntil IS NOT NULL;

          CREATE TABLE snapshot (
            attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            seq INTEGER NOT NULL CHECK (seq >= 0),
            createdAt TEXT NOT NULL,
            PRIMARY KEY (attempt, name)
          ) STRICT;
          """)
      try db.execute(
        sql: "INSERT INTO sandbox (marker, created_at) VALUES (?, ?)", arguments: [marker, WallClock.now()])
      try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    }
    // v2: reviews and notices, projected from each attempt's log like the cases.
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          CREATE TABLE review (
            attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            ticket TEXT NOT NULL CHECK (length(ticket) > 0),
            seq INTEGER NOT NULL CHECK (seq >= 1),
            round INTEGER NOT NULL CHECK (round >= 1),
            maker TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('agree', 'return')),
            reason TEXT,
            at TEXT NOT NULL,
            CHECK (maker <> reviewer),
            PRIMARY KEY (attempt, ticket, seq)
          ) STRICT;
          CREATE TABLE notice (
            attempt INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
            ticket TEXT NOT NULL CHECK (length(ticket) > 0),
            round INTEGER NOT NULL CHECK (round >= 1),
            outcome TEXT NOT NULL CHECK (outcome IN ('accept', 'accept-pending', 'supplement', 'refuse')),
            defects TEXT NOT NULL,
            referTo TEXT,
            maker TEXT NOT NULL,
            checker TEXT NOT NULL,
            issuedAt TEXT NOT NULL,
            onTime INTEGER NOT NULL CHECK (onTime IN (0, 1)),
            CHECK (maker <> checker),
            PRIMARY KEY (attempt, ticket, round)
          ) STRICT;
          """)
    }
    // v3: employer rehearsals (`permitdesk rehearse`): what each person submitted and the outcome.
    migrator.registerMigration("v3") { db in
      try db.execute(
        sql: """
          CREATE TABLE rehearsal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            person TEXT NOT NULL CHECK (length(trim(person)) > 0),
            applicant TEXT NOT NULL,
            type TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('accept', 'accept-pending', 'supplement', 'refuse')),
            defects TEXT NOT NULL,
            at TEXT NOT NULL
          ) STRICT;
          CREATE INDEX rehearsal_person ON rehearsal(person, applicant, type, id);
          """)
    }
    // Which PermitDesk build (`permitdesk --version`) started and which scored each attempt, so that
    // `replay` can say which build produced a recorded score. NULL on attempts recorded before.
    migrator.registerMigration("build-version") { db in
      try db.execute(
        sql: """
          ALTER TABLE attempt ADD COLUMN startedBy TEXT;
          ALTER TABLE attempt ADD COLUMN scoredBy TEXT;
          CREATE TRIGGER attempt_build_final BEFORE UPDATE OF startedBy, scoredBy ON attempt
            WHEN OLD.status <> 'open' OR (OLD.startedBy IS NOT NULL AND NEW.startedBy IS NOT OLD.startedBy)
            BEGIN SELECT RAISE(ABORT, 'the build that started or scored an attempt cannot change'); END;
          """)
    }
    // Issue 11: seals of each attempt's head and of the newest attempt, computed for the rows
    // already there.
    migrator.registerMigration("seals") { db in
      try db.execute(sql: "ALTER TABLE attempt ADD COLUMN headSeal TEXT; ALTER TABLE sandbox ADD COLUMN attemptsSeal TEXT;")
      for row in try Row.fetchAll(db, sql: "SELECT id, hash, lastSeq FROM attempt") {
        let id: Int64 = row["id"]
        let hash: String = row["hash"]
        let lastSeq: Int64 = row["lastSeq"]
        let head = try String.fetchOne(db, sql: "SELECT hash FROM action WHERE attempt = ? AND seq = ?", arguments: [id, lastSeq]) ?? hash
        try db.execute(
          sql: "UPDATE attempt SET headSeal = ? WHERE id = ?",
          arguments: [Chain.headSeal(attemptHash: hash, lastSeq: lastSeq, headHash: head), id])
      }
      try Schema.renewAttemptsSeal(db)
    }
    // room-signing: a training room's records are signed with its key (HMAC-SHA256, see `Chain`). The
    // sandbox row names the key (`keyID`, never the key) and seals the last attempt; each attempt
    // carries a seal over its status, result and the head of its log. NULL in an unsigned sandbox.
    migrator.registerMigration("room-signing") { db in
      try db.execute(
        sql: """
          ALTER TABLE sandbox ADD COLUMN keyID TEXT;
          ALTER TABLE sandbox ADD COLUMN seal TEXT;
          ALTER TABLE attempt ADD COLUMN seal TEXT;
          """)
    }
    // Issue 11: one live process per attempt and participant (see `AttemptLease`): operational
    // data, outside the hash chain and the seals.
    migrator.registerMigration("attempt-lease", migrate: SandboxDatabase.createLeaseTable)
    // Issue 11: trainee rows sealed (the cohort decides reports and is in no log), purges recorded
    // (so that `verify` tells a purged case row from a deleted one), and the first attempt whose
    // projection rows `verify` rebuilds (rows written by earlier versions are not comparable).
    migrator.registerMigration("verify-coverage", migrate: SandboxDatabase.migrateVerifyCoverage)
    // Issue 8: defects as JSON arrays in `caseRow`, `notice` and `rehearsal` (were joined by spaces).
    // Mode, post, status, outcome and verdict keep their texts: the store's enums use them as raw
    // values, and the hash chain covers the attempt's mode, post and status as they were written.
    migrator.registerMigration("typed-defects") { db in
      try Table.convertDefectsToJSON(db)
    }
    // pair-mode (issue 14): the partner of a pair attempt and each participant's result.
    migrator.registerMigration("pair-mode") { db in try Schema.pairMode(db) }
    return migrator
  }

  /// Whether the database carries the sandbox marker and application id. `nil` when it is empty
  /// (no schema object at all, application id 0 or ours): a new file to set up.
  static func isSandbox(_ db: Database) throws -> Bool? {
    let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    // Files created by earlier versions (GRDB's migrator) may hold an empty `grdb_migrations` table
    // committed before the first migration: still a new file, not a foreign database.
    let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name <> 'grdb_migrations'") ?? 0
    let migrations = try db.tableExists("grdb_migrations") ? try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 : 0
    if objects == 0 && migrations == 0 { return appID == 0 || appID == applicationID ? nil : false }
    guard appID == applicationID, try db.tableExists("sandbox") else { return false }
    let markers = try String.fetchAll(db, sql: "SELECT marker FROM sandbox")
    return markers == [marker]
  }
}
