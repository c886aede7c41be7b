import ArgumentParser
import Foundation
import PermitContent
import PermitStore
import PermitTraining

#if canImport(Glibc)
  import Glibc
#endif

extension PermitDesk {
  /// `permitdesk room`: a training room on one host, reached over OpenSSH forced commands.
  struct Room: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A training room on one host: trainees and trainers reach PermitDesk over SSH, each as themselves.",
      discussion: """
        Every person logs in to one service account with their own SSH key; the account's authorized_keys \\
        fixes who they are (command="permitdesk room shell NAME",restrict,pty). See README, "Training room".
        """,
      subcommands: [Init.self, Add.self, Remove.self, Shell.self])

    /// Where the room is.
    struct Location: ParsableArguments {
      @Option(name: .customLong("room"), help: "The room's folder (default /srv/permitdesk).")
      var prefix: String = RoomConfig.defaultPrefix

      func load() throws -> RoomConfig {
        do { return try RoomConfig.load(prefix: prefix) } catch let e as RoomError {
          printError("permitdesk: \(e.description)")
          throw e.code
        }
      }
    }

    /// Runs `body`, printing a room error on standard error and exiting with its code.
    static func reporting(_ body: () throws -> Void) throws {
      do { try body() } catch let e as RoomError {
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
        abstract: "Set up a room: its database (signed with a new key), a copy of the content, and room.conf.",
        discussion: """
          Run as root. The folder is root's; the data inside belongs to the service account and is closed \\
          to everyone else. The account must exist (useradd --system --create-home --shell /bin/sh permitdesk).
          """)

      @Option(name: .customLong("prefix"), help: "The room's folder (default /srv/permitdesk).")
      var prefix: String = RoomConfig.defaultPrefix

      @Option(help: "The service account everyone connects to.")
      var account = "permitdesk"

      @Option(name: .customLong("content"), help: "The content to copy into the room (default: PERMITDESK_HOME or the bundled content).")
      var content: String?

      @Option(name: .customLong("authorized-keys"), help: "The authorized_keys file the room manages (default: ~ACCOUNT/.ssh/authorized_keys).")
      var authorizedKeys: String?

      @Option(help: "The permitdesk program the forced commands run (default: this one).")
      var program: String?

      func run() throws {
        try Room.reporting {
          let owner = try RoomFiles.account(account)
          if !RoomFiles.isRoot && owner.uid != geteuid() {
            throw RoomError("run `room init` as root: it hands the room's files to \(account)", code: Exit.usage)
          }
          let prefix = URL(fileURLWithPath: self.prefix).standardizedFileURL.path
          let program = self.program ?? RoomCommands.currentProgram()
          let keys = authorizedKeys ?? owner.home + "/.ssh/authorized_keys"
          for (what, path) in [("--prefix", prefix), ("--program", program)] where !RoomConfig.validPath(path) {
            throw RoomError(
              "\(what) \(path) must be an absolute path of letters, digits and / . _ + - (it goes into the forced command)",
              code: Exit.usage)
          }
          if FileManager.default.fileExists(atPath: RoomConfig.path(prefix: prefix)) {
            throw RoomError(
              "\(prefix) is already a training room; add people with `permitdesk room add`, or remove \(prefix) to start over",
              code: Exit.badInput)
          }
          let source: String
          switch ContentLocation.locate(explicit: content) {
          case .success(let root): source = root
          case .failure(let notFound): throw RoomError("\(notFound)", code: Exit.badInput)
          }
          for folder in ["Policies", "Scenarios", "Curriculum"]
          where !FileManager.default.fileExists(atPath: source + "/" + folder) {
            throw RoomError("\(source) has no \(folder)/ folder: pass the content with --content DIR", code: Exit.badInput)
          }

          // The prefix: root's (or, in a test as an ordinary user, the user's), readable by all.
          try RoomFiles.makeFolder(prefix, mode: 0o755, owner: nil)
          var info = stat()
          if RoomFiles.isRoot, stat(prefix, &info) == 0, info.st_uid != 0 {
            throw RoomError("\(prefix) must belong to root (`chown root:root \(prefix)`)", code: Exit.badInput)
          }
          // The content copy, closed to everyone but the account: it holds the answer keys.
          let contentCopy = prefix + "/content"
          try RoomFiles.makeFolder(contentCopy, mode: 0o700, owner: nil)
          for folder in ["Policies", "Scenarios", "Curriculum"] {
            do {
              try FileManager.default.copyItem(atPath: source + "/" + folder, toPath: contentCopy + "/" + folder)
            } catch {
              throw RoomError("cannot copy \(source)/\(folder): \(error.localizedDescription)", code: Exit.problems)
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
          print("room: set up at \(prefix) for the account \(account)")
          print("  database \(database) (records signed with key id \(key.id))")
          print("  content  \(contentCopy) (copied from \(source))")
          print("  config   \(config.path) (mode 0600: it holds the key)")
          print("  keys     \(keys)")
          print("next: permitdesk room add NAME --key NAME.pub [--trainer] --room \(prefix)")
        }
      }
    }

    // MARK: - add / remove

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Let a person into the room with their SSH public key (one key, one person).")

      @Argument(help: "The person's name in the room (letters, digits, . _ -).")
      var name: String

      @Option(name: .customLong("key"), help: "Their SSH public key file (e.g. id_ed25519.pub).")
      var keyFile: String

      @ArgumentParser.Flag(help: "A trainer: may also report, verify and purge.")
      var trainer = false

      @OptionGroup var location: Location

      func run() throws {
        var config = try location.load()
        try Room.reporting {
          guard RoomConfig.validName(name) else {
            throw RoomError(
              "'\(name)' cannot be a room name: use up to 32 letters, digits, '.', '_' or '-', starting with a letter or digit",
              code: Exit.usage)
          }
          let publicKey = try AuthorizedKeys.publicKey(from: keyFile)
          let owner = try RoomFiles.account(config.account)
          var lines = try AuthorizedKeys.read(config.authorizedKeys)
          lines.removeAll { AuthorizedKeys.belongs($0, to: name, prefix: config.prefix) }
          if let other = lines.first(where: { AuthorizedKeys.blob(of: $0) == publicKey.blob }) {
            let who = AuthorizedKeys.member(of: other, prefix: config.prefix).map { "to \($0)" } ?? "to another login"
            throw RoomError(
              "this public key already belongs \(who) in \(config.authorizedKeys); one key, one person: ask \(name) for their own key",
              code: Exit.badInput)
          }
          lines.append(AuthorizedKeys.line(name: name, key: publicKey, config: config))
          try RoomFiles.writeAtomically(
            lines.map { $0 + "\n" }.joined(), to: config.authorizedKeys, mode: 0o600, owner: owner)
          let role: RoomConfig.Role = trainer ? .trainer : .trainee
          let existed = config.member(name) != nil
          config.members.removeAll { $0.name == name }
          config.members.append(RoomConfig.Member(name: name, role: role))
          try config.save()
          print("room: \(name) \(existed ? "now has" : "added with") the \(publicKey.type) key \(publicKey.fingerprint) as a \(role.rawValue)")
        }
      }
    }

    struct Remove: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Take a person out of the room: their key no longer opens it. Their records stay.")

      @Argument(help: "The person's name in the room.")
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
            throw RoomError("\(name) is not in the room (members: \(names.isEmpty ? "none" : names))", code: Exit.badInput)
          }
          try RoomFiles.writeAtomically(
            lines.map { $0 + "\n" }.joined(), to: config.authorizedKeys, mode: 0o600, owner: owner)
          config.members.removeAll { $0.name == name }
          try config.save()
          print("room: \(name) removed (\(before - lines.count) key line\(before - lines.count == 1 ? "" : "s")); their records stay in the database")
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
      throw RoomError("cannot read the public key file \(file)", code: Exit.badInput)
    }
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    guard lines.count == 1 else {
      throw RoomError("\(file) must hold exactly one public key line, not \(lines.count)", code: Exit.badInput)
    }
    let fields = lines[0].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard fields.count >= 2, types.contains(fields[0]) else {
      throw RoomError(
        "\(file):1:1: error: expected an SSH public key (\(types.sorted().joined(separator: ", ")) then the key), "
          + "e.g. the .pub file of `ssh-keygen -t ed25519`",
        code: Exit.badInput)
    }
    guard let data = Data(base64Encoded: fields[1]), !data.isEmpty,
      data.count > 4 + fields[0].utf8.count,
      String(decoding: data[4..<(4 + fields[0].utf8.count)], as: UTF8.self) == fields[0]
    else {
      throw RoomError("\(file):1:\(fields[0].count + 2): error: the key is not valid base64 of a \(fields[0]) key", code: Exit.badInput)
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
      throw RoomError("cannot read \(path): run this as root or as the room's account", code: Exit.badInput)
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
