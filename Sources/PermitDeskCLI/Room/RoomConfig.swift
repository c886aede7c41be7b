import ArgumentParser
import Foundation
import PermitLocalization
import PermitStore

#if canImport(Glibc)
  import Glibc
#endif

/// A training room's config file, `PREFIX/room.conf`: where its database and content are, the
/// service account, the `authorized_keys` file it manages, the key that signs its records, and its
/// members with their roles.
///
/// The file is `key = value` lines (`#` starts a comment line), owned by the service account and
/// mode 0600: it holds the room key, which must never reach a trainee or the database.
struct RoomConfig: Equatable {
  /// Where `room init` puts a room unless told otherwise.
  static let defaultPrefix = "/srv/permitdesk"

  /// A person of the room and what they may do.
  struct Member: Equatable {
    var name: String
    var role: Role
  }

  enum Role: String, Equatable {
    case trainee, trainer
  }

  var prefix: String
  var account: String
  var database: String
  var content: String
  var authorizedKeys: String
  var program: String
  var key: RecordKey
  var members: [Member] = []

  static func path(prefix: String) -> String { prefix + "/room.conf" }
  var path: String { RoomConfig.path(prefix: prefix) }

  func member(_ name: String) -> Member? { members.first { $0.name == name } }

  // MARK: - Text

  func render() -> String {
    var out = [
      "# PermitDesk training room, written by `permitdesk room init` / `room add` / `room remove`.",
      "# Keep this file mode 0600, owned by the room's account: it holds the key that signs the records.",
      "account = \(account)",
      "database = \(database)",
      "content = \(content)",
      "authorized-keys = \(authorizedKeys)",
      "program = \(program)",
      "key = \(key.hex)",
    ]
    for m in members { out.append("member = \(m.name) \(m.role.rawValue)") }
    return out.joined(separator: "\n") + "\n"
  }

  /// Parses a config; errors name `file:line:column`.
  static func parse(_ text: String, prefix: String, file: String) throws -> RoomConfig {
    var values: [String: String] = [:]
    var members: [Member] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      func bad(_ message: String) -> RoomError { RoomError("\(file):\(index + 1):1: error: \(message)", code: Exit.badInput) }
      guard let eq = line.firstIndex(of: "=") else { throw bad(L10n.t("room.admin.conf.expected-setting")) }
      let name = line[..<eq].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      switch name {
      case "member":
        let parts = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 2, RoomConfig.validName(parts[0]), let role = Role(rawValue: parts[1]) else {
          throw bad(L10n.t("room.admin.conf.expected-member"))
        }
        members.removeAll { $0.name == parts[0] }
        members.append(Member(name: parts[0], role: role))
      case "account", "database", "content", "authorized-keys", "program", "key":
        if values[name] != nil { throw bad(L10n.t("room.admin.conf.twice", name)) }
        values[name] = value
      default:
        throw bad(L10n.t("room.admin.conf.unknown", name))
      }
    }
    func need(_ name: String) throws -> String {
      guard let v = values[name], !v.isEmpty else {
        throw RoomError("\(file):1:1: error: " + L10n.t("room.admin.conf.missing", name), code: Exit.badInput)
      }
      return v
    }
    guard let key = RecordKey(hex: try need("key")) else {
      throw RoomError("\(file):1:1: error: " + L10n.t("room.admin.conf.key"), code: Exit.badInput)
    }
    return RoomConfig(
      prefix: prefix, account: try need("account"), database: try need("database"), content: try need("content"),
      authorizedKeys: try need("authorized-keys"), program: try need("program"), key: key, members: members)
  }

  // MARK: - Files

  /// Reads `PREFIX/room.conf`, refusing one that others could read (it holds the key).
  static func load(prefix: String) throws -> RoomConfig {
    let file = path(prefix: prefix)
    var info = stat()
    guard stat(file, &info) == 0 else {
      throw RoomError(L10n.t("room.admin.conf.no-room", prefix, file), code: Exit.badInput)
    }
    if info.st_mode & 0o077 != 0 {
      throw RoomError(L10n.t("room.admin.conf.exposed", file, String(info.st_mode & 0o777, radix: 8)), code: Exit.badInput)
    }
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw RoomError(L10n.t("room.admin.conf.unreadable", file), code: Exit.badInput)
    }
    return try parse(text, prefix: prefix, file: file)
  }

  /// Writes the config atomically, mode 0600, owned by the room's account.
  func save() throws {
    try RoomFiles.writeAtomically(render(), to: path, mode: 0o600, owner: RoomFiles.account(account))
  }

  /// The key from `--key FILE`: a room config (its `key = …` line) or a file holding just the 64
  /// hexadecimal digits.
  static func readKey(from file: String) throws -> RecordKey {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw RoomError(L10n.t("room.admin.keyfile.unreadable", file), code: Exit.badInput)
    }
    var info = stat()
    if stat(file, &info) == 0, info.st_mode & 0o077 != 0 {
      printError("permitdesk: " + L10n.t("room.admin.keyfile.exposed", file))
    }
    for raw in text.split(separator: "\n") {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("#") || line.isEmpty { continue }
      var value = line
      if let eq = line.firstIndex(of: "=") {
        guard line[..<eq].trimmingCharacters(in: .whitespaces) == "key" else { continue }
        value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      }
      if let key = RecordKey(hex: value) { return key }
    }
    throw RoomError(L10n.t("room.admin.keyfile.none", file), code: Exit.badInput)
  }

  /// Member names: letters, digits, `.`, `_`, `-`, at most 32, starting with a letter or digit. They
  /// go into the forced command of `authorized_keys`, so nothing a shell would interpret is allowed.
  static func validName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 32 else { return false }
    func plain(_ c: Unicode.Scalar) -> Bool { c.isASCII && (CharacterSet.alphanumerics.contains(c)) }
    return plain(first) && name.unicodeScalars.allSatisfy { plain($0) || $0 == "." || $0 == "_" || $0 == "-" }
  }

  /// Paths written into the forced command: no spaces, quotes or shell characters.
  static func validPath(_ path: String) -> Bool {
    path.hasPrefix("/")
      && path.unicodeScalars.allSatisfy { c in
        c.isASCII && (CharacterSet.alphanumerics.contains(c) || "/._+-".unicodeScalars.contains(c))
      }
  }
}

/// A room command's failure: the message for the user and the exit code.
struct RoomError: Error, CustomStringConvertible {
  let description: String
  let code: ExitCode
  init(_ description: String, code: ExitCode) {
    self.description = description
    self.code = code
  }
}

/// File-system helpers of the room commands (ownership, modes, atomic writes).
enum RoomFiles {
  /// A system account: its uid, gid and home.
  struct Account {
    let name: String
    let uid: uid_t
    let gid: gid_t
    let home: String
  }

  static func account(_ name: String) throws -> Account {
    guard let pw = getpwnam(name) else {
      throw RoomError(L10n.t("room.admin.no-account", name), code: Exit.badInput)
    }
    return Account(name: name, uid: pw.pointee.pw_uid, gid: pw.pointee.pw_gid, home: String(cString: pw.pointee.pw_dir))
  }

  static var isRoot: Bool { geteuid() == 0 }

  /// Hands `path` to the account (only root can; otherwise the account is the current user).
  static func chown(_ path: String, to owner: Account) throws {
    guard isRoot else { return }
    if Glibc.lchown(path, owner.uid, owner.gid) != 0 {
      throw RoomError(L10n.t("room.admin.chown", path, owner.name, String(cString: strerror(errno))), code: Exit.problems)
    }
  }

  /// Creates a folder (and its parents) with `mode`, owned by `owner` when given.
  static func makeFolder(_ path: String, mode: mode_t, owner: Account?) throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw RoomError(L10n.t("room.admin.mkdir", path, error.localizedDescription), code: Exit.problems)
    }
    chmod(path, mode)
    if let owner { try chown(path, to: owner) }
  }

  /// Writes `text` to a temporary file beside `path` with `mode` and owner, then renames it over
  /// `path`: readers see the old file or the new one, never half of one.
  static func writeAtomically(_ text: String, to path: String, mode: mode_t, owner: Account) throws {
    let temporary = path + ".tmp.\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else {
      throw RoomError(L10n.t("room.admin.write", path, String(cString: strerror(errno))), code: Exit.problems)
    }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      written += n
    }
    fchmod(fd, mode)
    if isRoot { _ = fchown(fd, owner.uid, owner.gid) }
    let synced = fsync(fd) == 0
    close(fd)
    guard written == bytes.count, synced, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw RoomError(L10n.t("room.admin.write", path, String(cString: strerror(errno))), code: Exit.problems)
    }
  }

  /// Hands a whole tree to the account and closes the top folder to everyone else.
  static func handOver(_ root: String, to owner: Account) throws {
    try chown(root, to: owner)
    if let walker = FileManager.default.enumerator(atPath: root) {
      for case let relative as String in walker { try chown(root + "/" + relative, to: owner) }
    }
  }
}
