import ArgumentParser
import Foundation
import PermitContent
import PermitLocalization
import PermitStore
import PermitTraining

#if canImport(Glibc)
  import Glibc
#endif

extension PermitDesk {
  /// `permitdesk room`: a training room on one host, reached over OpenSSH forced commands.
  struct Room: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.room.abstract"),
      discussion: L10n.t("cli.room.discussion"),
      subcommands: [Init.self, Add.self, Remove.self, Shell.self])

    /// Where the room is.
    struct Location: ParsableArguments {
      @Option(name: .customLong("room"), help: helpText("cli.room.folder"))
      var prefix: String = RoomConfig.defaultPrefix

      func load() throws -> RoomConfig {
        do { return try RoomConfig.load(prefix: prefix) } catch let e as RoomError {
          printError("permitdesk: \(e.description)")
          throw e.code
        }
      }
    }

    /// Runs `body`, printing a room error on standard error and exiting with its code.
    /// A usage problem (exit 64) becomes an argument error, shown with the subcommand's usage.
    static func reporting(_ body: () throws -> Void) throws {
      do { try body() } catch let e as RoomError where e.code == Exit.usage {
        throw ValidationError(e.description)
      } catch let e as RoomError {
        printError("permitdesk: \(e.description)")
        throw e.code
      } catch let e as StoreError {
        printError("permitdesk: \(e)")
        throw Exit.badInput
      }
    }

    // MARK: - init

    struct Init: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: L10n.t("cli.room.init.abstract"),
        discussion: L10n.t("cli.room.init.discussion"))

      @Option(name: .customLong("prefix"), help: helpText("cli.room.folder"))
      var prefix: String = RoomConfig.defaultPrefix

      @Option(help: helpText("cli.room.init.account"))
      var account = "permitdesk"

      @Option(name: .customLong("content"), help: helpText("cli.room.init.content"))
      var content: String?

      @Option(name: .customLong("authorized-keys"), help: helpText("cli.room.init.authorized-keys"))
      var authorizedKeys: String?

      @Option(help: helpText("cli.room.init.program"))
      var program: String?

      func run() throws {
        try Room.reporting {
          let owner = try RoomFiles.account(account)
          if !RoomFiles.isRoot && owner.uid != geteuid() {
            throw RoomError(L10n.t("room.admin.init.not-root", account), code: Exit.usage)
          }
          let prefix = URL(fileURLWithPath: self.prefix).standardizedFileURL.path
          let program = self.program ?? RoomCommands.currentProgram()
          let keys = authorizedKeys ?? owner.home + "/.ssh/authorized_keys"
          for (what, path) in [("--prefix", prefix), ("--program", program)] where !RoomConfig.validPath(path) {
            throw RoomError(L10n.t("room.admin.init.bad-path", what, path), code: Exit.usage)
          }
          if FileManager.default.fileExists(atPath: RoomConfig.path(prefix: prefix)) {
            throw RoomError(L10n.t("room.admin.init.exists", prefix), code: Exit.badInput)
          }
          let source: String
          switch ContentLocation.locate(explicit: content) {
          case .success(let root): source = root
          case .failure(let notFound): throw RoomError("\(notFound)", code: Exit.badInput)
          }
          for folder in ["Policies", "Scenarios", "Curriculum"]
          where !FileManager.default.fileExists(atPath: source + "/" + folder) {
            throw RoomError(L10n.t("room.admin.init.no-folder", source, folder), code: Exit.badInput)
          }

          // The prefix: root's (or, in a test as an ordinary user, the user's), readable by all.
          try RoomFiles.makeFolder(prefix, mode: 0o755, owner: nil)
          var info = stat()
          if RoomFiles.isRoot, stat(prefix, &info) == 0, info.st_uid != 0 {
            throw RoomError(L10n.t("room.admin.init.prefix-owner", prefix), code: Exit.badInput)
          }
          // The content copy, closed to everyone but the account: it holds the answer keys.
          let contentCopy = prefix + "/content"
          try RoomFiles.makeFolder(contentCopy, mode: 0o700, owner: nil)
          for folder in ["Policies", "Scenarios", "Curriculum"] {
            do {
              try FileManager.default.copyItem(atPath: source + "/" + folder, toPath: contentCopy + "/" + folder)
            } catch {
              throw RoomError(L10n.t("room.admin.init.copy", source, folder, error.localizedDescription), code: Exit.problems)
            }
          }
          try RoomFiles.handOver(contentCopy, to: owner)

          // The database, signed with a new key from its first record.
          let key = RecordKey.generate()
          let data = prefix + "/data"
          try RoomFiles.makeFolder(data, mode: 0o700, owner: owner)
          let database = data + "/sandbox.sqlite"
          _ = try SandboxDatabase(path: database, key: key)
          try RoomFiles.handOver(data, to: owner)

          // The authorized_keys file the room manages.
          let keysFolder = (keys as NSString).deletingLastPathComponent
          if !FileManager.default.fileExists(atPath: keysFolder) {
            try RoomFiles.makeFolder(keysFolder, mode: 0o700, owner: owner)
          }
          if !FileManager.default.fileExists(atPath: keys) {
            try RoomFiles.writeAtomically("", to: keys, mode: 0o600, owner: owner)
          }

          let config = RoomConfig(
            prefix: prefix, account: account, database: database, content: contentCopy, authorizedKeys: keys,
            program: program, key: key)
          try config.save()
          print(L10n.t("room.admin.init.done", prefix, account))
          print(L10n.t("room.admin.init.database", database, key.id))
          print(L10n.t("room.admin.init.content", contentCopy, source))
          print(L10n.t("room.admin.init.config", config.path))
          print(L10n.t("room.admin.init.keys", keys))
          print(L10n.t("room.admin.init.next", prefix))
        }
      }
    }

    // MARK: - add / remove

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: L10n.t("cli.room.add.abstract"))

      @Argument(help: helpText("cli.room.add.name"))
      var name: String

      @Option(name: .customLong("key"), help: helpText("cli.room.add.key"))
      var keyFile: String

      @ArgumentParser.Flag(help: helpText("cli.room.add.trainer"))
      var trainer = false

      @OptionGroup var location: Location

      func run() throws {
        var config = try location.load()
        try Room.reporting {
          guard RoomConfig.validName(name) else {
            throw RoomError(L10n.t("room.admin.add.bad-name", name), code: Exit.usage)
          }
          let publicKey = try AuthorizedKeys.publicKey(from: keyFile)
          let owner = try RoomFiles.account(config.account)
          var lines = try AuthorizedKeys.read(config.authorizedKeys)
          lines.removeAll { AuthorizedKeys.belongs($0, to: name, prefix: config.prefix) }
          if let other = lines.first(where: { AuthorizedKeys.blob(of: $0) == publicKey.blob }) {
            let message = AuthorizedKeys.member(of: other, prefix: config.prefix).map {
              L10n.t("room.admin.add.key-taken", $0, config.authorizedKeys, name)
            } ?? L10n.t("room.admin.add.key-taken.other", config.authorizedKeys, name)
            throw RoomError(message, code: Exit.badInput)
          }
          lines.append(AuthorizedKeys.line(name: name, key: publicKey, config: config))
          try RoomFiles.writeAtomically(
            lines.map { $0 + "\n" }.joined(), to: config.authorizedKeys, mode: 0o600, owner: owner)
          let role: RoomConfig.Role = trainer ? .trainer : .trainee
          let existed = config.member(name) != nil
          config.members.removeAll { $0.name == name }
          config.members.append(RoomConfig.Member(name: name, role: role))
          try config.save()
          print(
            L10n.t(
              existed ? "room.admin.add.replaced" : "room.admin.add.added", name, publicKey.type, publicKey.fingerprint,
              L10n.t("room.admin.role." + role.rawValue)))
        }
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: L10n.t("cli.room.remove.abstract"))

      @Argument(help: helpText("cli.room.remove.name"))
      var name: String

      @OptionGroup var location: Location

      func run() throws {
        var config = try location.load()
        try Room.reporting {
          let owner = try RoomFiles.account(config.account)
          var lines = try AuthorizedKeys.read(config.authorizedKeys)
          let before = lines.count
          lines.removeAll { AuthorizedKeys.belongs($0, to: name, prefix: config.prefix) }
          guard before != lines.count || config.member(name) != nil else {
            let names = config.members.map(\.name).joined(separator: ", ")
            throw RoomError(
              L10n.t("room.admin.remove.not-member", name, names.isEmpty ? L10n.t("room.admin.remove.no-members") : names), code: Exit.badInput)
          }
          try RoomFiles.writeAtomically(
            lines.map { $0 + "\n" }.joined(), to: config.authorizedKeys, mode: 0o600, owner: owner)
          config.members.removeAll { $0.name == name }
          try config.save()
          let removed = before - lines.count
          print(L10n.t(removed == 1 ? "room.admin.remove.done.one" : "room.admin.remove.done.other", name, removed))
        }
      }
    }
  }
}

/// The room's lines of `authorized_keys`: `command="PROGRAM room shell --room PREFIX NAME",restrict,pty TYPE KEY permitdesk-room:NAME`.
enum AuthorizedKeys {
  struct PublicKey {
    let type: String
    let blob: String
    /// `SHA256:…` as `ssh-keygen -l` prints it.
    var fingerprint: String {
      guard let data = Data(base64Encoded: blob) else { return "?" }
      return "SHA256:" + RoomCommands.sha256Base64(data)
    }
  }

  static let types: Set<String> = [
    "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
  ]

  /// Reads one public key (`TYPE BASE64 [COMMENT]`) and nothing else: no options, no second key.
  static func publicKey(from file: String) throws -> PublicKey {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw RoomError(L10n.t("room.admin.key.unreadable", file), code: Exit.badInput)
    }
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    guard lines.count == 1 else {
      throw RoomError(L10n.t("room.admin.key.lines", file, lines.count), code: Exit.badInput)
    }
    let fields = lines[0].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard fields.count >= 2, types.contains(fields[0]) else {
      throw RoomError("\(file):1:1: error: " + L10n.t("room.admin.key.not-a-key", types.sorted().joined(separator: ", ")), code: Exit.badInput)
    }
    guard let data = Data(base64Encoded: fields[1]), !data.isEmpty,
      data.count > 4 + fields[0].utf8.count,
      String(decoding: data[4..<(4 + fields[0].utf8.count)], as: UTF8.self) == fields[0]
    else {
      throw RoomError("\(file):1:\(fields[0].count + 2): error: " + L10n.t("room.admin.key.bad-base64", fields[0]), code: Exit.badInput)
    }
    return PublicKey(type: fields[0], blob: fields[1])
  }

  static func line(name: String, key: PublicKey, config: RoomConfig) -> String {
    "command=\"\(config.program) room shell --room \(config.prefix) \(name)\",restrict,pty \(key.type) \(key.blob) permitdesk-room:\(name)"
  }

  /// The lines of the file (empty when it does not exist yet).
  static func read(_ path: String) throws -> [String] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw RoomError(L10n.t("room.admin.keys.unreadable", path), code: Exit.badInput)
    }
    return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }

  static func belongs(_ line: String, to name: String, prefix: String) -> Bool {
    member(of: line, prefix: prefix) == name
  }

  /// The member a room line lets in, or nil for another line.
  static func member(of line: String, prefix: String) -> String? {
    guard line.hasPrefix("command=\""), let end = line.dropFirst(9).firstIndex(of: "\"") else { return nil }
    let command = line[line.index(line.startIndex, offsetBy: 9)..<end]
    let marker = " room shell --room \(prefix) "
    guard let r = command.range(of: marker) else { return nil }
    return String(command[r.upperBound...])
  }

  /// The base64 key of a line (the field after the key type), or nil.
  static func blob(of line: String) -> String? {
    let fields = line.split(separator: " ").map(String.init)
    guard let i = fields.firstIndex(where: { types.contains($0) }), i + 1 < fields.count else { return nil }
    return fields[i + 1]
  }
}
