import Foundation
import Testing

@testable import PermitStore

@Suite struct OpeningTests {
  @Test func migratesAFreshFileInWALModeWithTheMarker() throws {
    try withTemporaryPath("nested/folder/sandbox.sqlite") { path in
      // Given a path whose folder does not exist yet
      // When the sandbox is opened
      let db = try SandboxDatabase(path: path)

      // Then the folder and the file exist, in WAL mode, migrated and marked
      #expect(db.path == path)
      #expect(FileManager.default.fileExists(atPath: path))
      #expect(try db.rawStrings("PRAGMA journal_mode") == ["wal"])
      #expect(try db.rawStrings("SELECT identifier FROM grdb_migrations") == ["v1", "v2", "v3", "build-version", "seals", "room-signing", "attempt-lease", "verify-coverage", "typed-defects", "pair-mode"])
      #expect(
        try db.rawStrings("SELECT CAST(application_id AS TEXT) FROM pragma_application_id") == ["\(0x5044_4B53)"])
      #expect(try db.rawStrings("SELECT marker FROM sandbox") == ["PERMITDESK-SANDBOX — synthetic training data only"])
      let tables = try db.rawStrings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      for table in ["action", "attempt", "caseRow", "sandbox", "snapshot", "trainee"] {
        #expect(tables.contains(table))
      }
      #expect(try db.verify() == [])
    }
  }

  @Test func reopeningKeepsTheDataAndDoesNotMigrateAgain() throws {
    try withTemporaryPath { path in
      do {
        let db = try SandboxDatabase(path: path)
        _ = try db.upsertTrainee(name: "olivia", cohort: "c1")
      }
      let again = try SandboxDatabase(path: path)
      #expect(try again.trainee(named: "olivia")?.cohort == "c1")
      #expect(try again.rawStrings("SELECT identifier FROM grdb_migrations") == ["v1", "v2", "v3", "build-version", "seals", "room-signing", "attempt-lease", "verify-coverage", "typed-defects", "pair-mode"])
      #expect(try again.rawStrings("SELECT count(*) FROM sandbox") == ["1"])
    }
  }

  @Test func anEmptyFileBecomesASandbox() throws {
    try withTemporaryPath { path in
      #expect(FileManager.default.createFile(atPath: path, contents: Data()))
      let db = try SandboxDatabase(path: path)
      #expect(try db.verify() == [])
    }
  }

  @Test func refusesAnSQLiteFileWithoutTheMarkerAndLeavesItUntouched() throws {
    try withTemporaryPath("other.sqlite") { path in
      // Given someone else's SQLite database (built by the sqlite machinery, not by PermitDesk)
      try makeForeignDatabase(at: path)
      let before = try Data(contentsOf: URL(fileURLWithPath: path))

      // When it is opened as a sandbox, then it is refused
      #expect(throws: StoreError.notASandbox(path)) { try SandboxDatabase(path: path) }
      // and nothing was written to it
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
  }

  @Test func refusesASandboxWhoseMarkerWasRemoved() throws {
    try withTemporaryPath { path in
      do {
        let db = try SandboxDatabase(path: path)
        try db.executeRaw("DROP TRIGGER sandbox_one_row; DELETE FROM sandbox")
      }
      #expect(throws: StoreError.notASandbox(path)) { try SandboxDatabase(path: path) }
    }
  }

  @Test func refusesAFileOfRandomBytes() throws {
    try withTemporaryPath("noise.bin") { path in
      var generator = SystemRandomNumberGenerator()
      let bytes = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
      try bytes.write(to: URL(fileURLWithPath: path))
      #expect(throws: StoreError.unreadable(path)) { try SandboxDatabase(path: path) }
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
      #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
  }

  @Test func refusesATextFile() throws {
    try withTemporaryPath("notes.txt") { path in
      try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: path))
      #expect(throws: StoreError.unreadable(path)) { try SandboxDatabase(path: path) }
    }
  }

  @Test func refusesAFolder() throws {
    try withTemporaryPath("folder") { path in
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      #expect(throws: StoreError.cannotOpen(path: path, reason: "it is a folder")) { try SandboxDatabase(path: path) }
    }
  }

  @Test func refusesADatabaseFromANewerVersion() throws {
    try withTemporaryPath { path in
      do {
        let db = try SandboxDatabase(path: path)
        try db.executeRaw("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
      }
      #expect(throws: StoreError.newerSchema(path)) { try SandboxDatabase(path: path) }
    }
  }

  @Test func errorMessagesSayWhatToDo() {
    #expect(StoreError.notASandbox("/tmp/x.sqlite").description.contains("--db"))
    #expect(StoreError.unreadable("/tmp/x.sqlite").description.contains("PERMITDESK_DB"))
    #expect(StoreError.unknownAttempt(7).description.contains("#7"))
  }

  @Test func defaultPath() {
    #expect(SandboxDatabase.defaultPath(environment: ["PERMITDESK_DB": "/x/y.sqlite", "HOME": "/h"]) == "/x/y.sqlite")
    #expect(
      SandboxDatabase.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/h"])
        == "/data/permitdesk/sandbox.sqlite")
    #expect(
      SandboxDatabase.defaultPath(environment: ["PERMITDESK_DB": "", "XDG_DATA_HOME": "relative", "HOME": "/h"])
        == "/h/.local/share/permitdesk/sandbox.sqlite")
    #expect(SandboxDatabase.defaultPath(environment: ["HOME": "/h/"]) == "/h/.local/share/permitdesk/sandbox.sqlite")
  }
}

/// Writes a small SQLite database that is not a sandbox, with the `sqlite3` machinery of the store
/// itself: an in-memory database with one table, vacuumed into the file.
func makeForeignDatabase(at path: String) throws {
  try? FileManager.default.removeItem(atPath: path)
  let scratch = try SandboxDatabase.inMemory()
  try scratch.executeRaw(
    """
    ATTACH DATABASE '\(path)' AS foreign_db;
    CREATE TABLE foreign_db.payroll (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO foreign_db.payroll (name) VALUES ('someone');
    DETACH DATABASE foreign_db;
    """)
}
