internal import GRDB

extension SandboxDatabase {
  /// When this sandbox database was created (the sandbox row's `created_at`, ISO 8601 UTC), or nil
  /// for a database made before it was recorded. Stable for the life of the file: exports derive
  /// the default installation id from it.
  public func createdAt() throws -> String? {
    try read { db in try String.fetchOne(db, sql: "SELECT created_at FROM sandbox LIMIT 1") }
  }
}
