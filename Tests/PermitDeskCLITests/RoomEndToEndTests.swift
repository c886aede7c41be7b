import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A training room set up in a temporary folder: `room init`, members added with keys made by
/// ssh-keygen. Used by the room tests with and without a real sshd.
final class RoomFixture: @unchecked Sendable {
  let box: Sandbox
  let prefix: String
  let authorizedKeys: String
  let keys: String
  let account: String

  init() throws {
    box = try Sandbox()
    prefix = box.dir + "/room"
    authorizedKeys = box.dir + "/ssh/authorized_keys"
    keys = box.dir + "/keys"
    account = String(cString: getpwuid(geteuid()).pointee.pw_name)
    try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
    let r = try box.run([
      "room", "init", "--prefix", prefix, "--account", account, "--authorized-keys", authorizedKeys, "--program",
      CLI.binary, "--content", CLI.root,
    ])
    try #require(r.exited(0), "room init: \(r.stdout)\(r.stderr)")
  }

  /// Makes an ed25519 key pair for `name` (no passphrase) and returns the private key's path.
  @discardableResult
  func makeKey(_ name: String) throws -> String {
    let path = keys + "/" + name
    let r = try box.runTool(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@laptop", "-f", path])
    try #require(r.status == 0, "ssh-keygen: \(r.output)")
    return path
  }

  /// `room add NAME --key NAME.pub [--trainer]`.
  func add(_ name: String, trainer: Bool = false) throws -> CLI.Result {
    try box.run(["room", "add", name, "--key", keys + "/\(name).pub", "--room", prefix] + (trainer ? ["--trainer"] : []))
  }

  /// What sshd would run for NAME, with `script` on standard input.
  func shell(_ name: String, _ script: String, environment: [String: String] = [:]) throws -> CLI.Result {
    try box.run(["room", "shell", "--room", prefix, name], stdin: script, environment: environment)
  }

  var database: String { prefix + "/data/sandbox.sqlite" }
}

@Suite("Training room: room init/add/remove/shell, signed records")
struct RoomEndToEndTests {
  static func mode(_ path: String) -> mode_t {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
  }

  @Test("room init lays out the room: config 0600 with the key, content and data closed, key not in the database")
  func initLayout() throws {
    let room = try RoomFixture()
    let config = try String(contentsOfFile: room.prefix + "/room.conf", encoding: .utf8)
    #expect(Self.mode(room.prefix + "/room.conf") == 0o600)
    #expect(Self.mode(room.prefix + "/content") == 0o700)
    #expect(Self.mode(room.prefix + "/data") == 0o700)
    #expect(Self.mode(room.authorizedKeys) == 0o600)
    #expect(FileManager.default.fileExists(atPath: room.prefix + "/content/Scenarios/m01-jurisdiction"))
    let keyLine = try #require(config.split(separator: "\n").first { $0.hasPrefix("key = ") })
    let key = String(keyLine.dropFirst(6))
    #expect(key.count == 64)
    let bytes = try #require(FileManager.default.contents(atPath: room.database))
    #expect(!String(decoding: bytes, as: UTF8.self).contains(key))
    // A second init on the same room is refused, and changes nothing.
    let again = try room.box.run(["room", "init", "--prefix", room.prefix, "--account", room.account, "--content", CLI.root])
    #expect(again.exited(65) && again.stderr.contains("already a training room"), "\(again.stderr)")
    #expect(try String(contentsOfFile: room.prefix + "/room.conf", encoding: .utf8) == config)
  }

  @Test("--lang zh-Hans: room init/add/remove/shell help, their messages and errors in Chinese")
  func roomInChinese() throws {
    let room = try RoomFixture()
    let zh = ["--lang", "zh-Hans"]
    for sub in ["init", "add", "remove", "shell"] {
      let help = try room.box.run(zh + ["room", sub, "--help"])
      #expect(help.exited(0), "\(help.stderr)")
      #expect(help.stdout.hasPrefix("概述："), "\(help.stdout)")
      // Nothing but option names, placeholders and paths is left in English.
      for line in help.stdout.split(separator: "\n") where !line.hasPrefix("用法：") {
        #expect(line.range(of: "[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", options: .regularExpression) == nil || line.contains("useradd"), "\(line)")
      }
    }
    let top = try room.box.run(zh + ["room", "--help"])
    #expect(top.stdout.contains("凭SSH公钥让一个人进入培训室") && !top.stdout.contains("Let a person"), "\(top.stdout)")
    try room.makeKey("ana")
    let added = try room.box.run(zh + ["room", "add", "ana", "--key", room.keys + "/ana.pub", "--room", room.prefix])
    #expect(added.exited(0) && added.stdout.hasPrefix("培训室：已添加ana，ssh-ed25519密钥 SHA256:") && added.stdout.contains("身份为学员"), "\(added.stdout)\(added.stderr)")
    let bad = try room.box.run(zh + ["room", "add", "-x", "--key", room.keys + "/ana.pub", "--room", room.prefix])
    #expect(bad.exited(64) && bad.stderr.contains("错误："), "\(bad.stderr)")
    let badName = try room.box.run(zh + ["room", "add", "a b", "--key", room.keys + "/ana.pub", "--room", room.prefix])
    #expect(badName.exited(64) && badName.stderr.contains("“a b”不能作为培训室中的名字"), "\(badName.stderr)")
    let absent = try room.box.run(zh + ["room", "remove", "bob", "--room", room.prefix])
    #expect(absent.exited(65) && absent.stderr == "permitdesk: bob不在培训室中（成员：ana）\n", "\(absent.stderr)")
    let removed = try room.box.run(zh + ["room", "remove", "ana", "--room", room.prefix])
    #expect(removed.exited(0) && removed.stdout == "培训室：已移除ana（1行密钥）；其记录仍保留在数据库中\n", "\(removed.stdout)")
    let noRoom = try room.box.run(zh + ["room", "remove", "ana", "--room", room.box.dir + "/nowhere"])
    #expect(noRoom.exited(65) && noRoom.stderr.contains("没有培训室"), "\(noRoom.stderr)")
    // The same in English, as it always read.
    let en = try room.box.run(["room", "remove", "ana", "--room", room.box.dir + "/nowhere"])
    #expect(en.stderr.contains("there is no training room at \(room.box.dir)/nowhere"), "\(en.stderr)")
    let again = try room.box.run(zh + ["room", "init", "--prefix", room.prefix, "--account", room.account, "--content", CLI.root])
    #expect(again.exited(65) && again.stderr.contains("已经是培训室"), "\(again.stderr)")
  }

  @Test("room add writes the forced-command line; one key, one person; room remove takes it out")
  func addAndRemove() throws {
    let room = try RoomFixture()
    try room.makeKey("alice")
    try room.makeKey("bob")
    #expect(try room.add("alice", trainer: true).exited(0))
    let added = try room.add("bob")
    #expect(added.exited(0) && added.stdout.contains("bob added with the ssh-ed25519 key SHA256:"), "\(added.stdout)")
    let lines = try String(contentsOfFile: room.authorizedKeys, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    let bobKey = try String(contentsOfFile: room.keys + "/bob.pub", encoding: .utf8).split(separator: " ")[1]
    #expect(
      lines[1] == "command=\"\(CLI.binary) room shell --room \(room.prefix) bob\",restrict,pty ssh-ed25519 \(bobKey) permitdesk-room:bob")
    // ssh-keygen's fingerprint is the one printed.
    let fingerprint = try room.box.runTool(["/usr/bin/ssh-keygen", "-l", "-f", room.keys + "/bob.pub"]).output
    #expect(fingerprint.contains(String(added.stdout.split(separator: " ").first { $0.hasPrefix("SHA256:") } ?? "none")))

    // bob's key again under another name: refused.
    try FileManager.default.copyItem(atPath: room.keys + "/bob.pub", toPath: room.keys + "/mallory.pub")
    let twice = try room.add("mallory")
    #expect(twice.exited(65) && twice.stderr.contains("already belongs to bob"), "\(twice.stderr)")
    // Names that would break the forced command, and files that are not one public key.
    let badName = try room.box.run(["room", "add", "x\";sh", "--key", room.keys + "/bob.pub", "--room", room.prefix])
    #expect(badName.exited(64), "\(badName.stderr)")
    let notAKey = room.box.write("not.pub", "command=\"sh\" ssh-ed25519 AAAA\n")
    let refused = try room.box.run(["room", "add", "eve", "--key", notAKey, "--room", room.prefix])
    #expect(refused.exited(65) && refused.stderr.contains("expected an SSH public key"), "\(refused.stderr)")

    let removed = try room.box.run(["room", "remove", "bob", "--room", room.prefix])
    #expect(removed.exited(0), "\(removed.stderr)")
    let after = try String(contentsOfFile: room.authorizedKeys, encoding: .utf8)
    #expect(!after.contains("bob") && after.contains("alice"))
    #expect(!(try String(contentsOfFile: room.prefix + "/room.conf", encoding: .utf8)).contains("member = bob"))
    let shell = try room.shell("bob", "help\n")
    #expect(shell.exited(65) && shell.stderr.contains("not a member"), "\(shell.stderr)")
    #expect(try room.box.run(["room", "remove", "bob", "--room", room.prefix]).exited(65))
  }

  @Test("room shell: identity fixed by the key, only REPL verbs, trainer verbs for trainers only")
  func shellPowers() throws {
    let room = try RoomFixture()
    try room.makeKey("alice")
    try room.makeKey("bob")
    _ = try room.add("alice", trainer: true)
    _ = try room.add("bob")

    let bob = try room.shell(
      "bob",
      """
      login alice
      report --format json
      verify
      purge --before 2030-01-01
      start m01-s01-jurisdiction
      finish --now
      quit
      """)
    #expect(bob.exited(0), "\(bob.stderr)")
    #expect(bob.stdout.contains("You are bob, a trainee"))
    #expect(bob.stdout.contains("you are bob in this training room: your SSH key decides who you are, so 'login' is not available"))
    for verb in ["report", "verify", "purge"] { #expect(bob.stdout.contains("'\(verb)' is for trainers"), "\(verb)") }
    #expect(bob.stdout.contains("Attempt #1 started.") && bob.stdout.contains("Final score:"), "\(bob.stdout)")
    let help = try room.shell("bob", "help\n").stdout
    #expect(!help.contains("login NAME") && !help.contains("report ["), "\(help)")

    // A command asked for over ssh (`ssh host cat /etc/passwd`, scp, sftp) is refused.
    let asked = try room.shell("bob", "", environment: ["SSH_ORIGINAL_COMMAND": "cat /etc/passwd"])
    #expect(asked.exited(64) && asked.stderr.contains("only opens the PermitDesk training room"), "\(asked.stderr)")

    let alice = try room.shell(
      "alice",
      """
      help
      report --format json
      report --db /tmp/other.sqlite
      verify
      quit
      """)
    #expect(alice.exited(0), "\(alice.stderr)")
    #expect(alice.stdout.contains("You are alice, a trainer"))
    #expect(alice.stdout.contains("report [--trainee N]") && alice.stdout.contains("verify [--rescore]"))
    #expect(alice.stdout.contains("\"trainee\" : \"bob\"") || alice.stdout.contains("\"trainee\": \"bob\""), "\(alice.stdout)")
    #expect(alice.stdout.contains("--db is not available in the training room"))
    #expect(alice.stdout.contains("verify: the records are intact and authenticated with the room key"), "\(alice.stdout)")
  }

  @Test("a score edited and rehashed without the key: verify --key exits 1 naming the attempt; without the key only 'consistent'")
  func forgedScore() throws {
    let room = try RoomFixture()
    try room.makeKey("bob")
    _ = try room.add("bob")
    let played = try room.shell("bob", "start m01-s01-jurisdiction\nfinish --now\nquit\n")
    #expect(played.exited(0) && played.stdout.contains("Final score:"), "\(played.stdout)\(played.stderr)")

    let keyless = try room.box.run(["verify", "--db", room.database])
    #expect(keyless.exited(0), "\(keyless.stdout)")
    #expect(keyless.stdout.hasPrefix("verify: the chain is consistent but unauthenticated"), "\(keyless.stdout)")
    let signed = try room.box.run(["verify", "--db", room.database, "--key", room.prefix + "/room.conf"])
    #expect(signed.exited(0) && signed.stdout.contains("intact and authenticated"), "\(signed.stdout)")

    let forge = try room.box.runTool(["/usr/bin/env", "python3", CLI.root + "/Tests/tools/forge_score.py", room.database, "1", "100"])
    try #require(forge.status == 0, "\(forge.output)")
    let report = try room.box.run(["report", "--db", room.database, "--format", "csv"])
    #expect(report.stdout.contains(",100,"), "the forged score is in the table: \(report.stdout)")

    let stillConsistent = try room.box.run(["verify", "--db", room.database])
    #expect(stillConsistent.exited(0) && stillConsistent.stdout.contains("consistent but unauthenticated"))
    let caught = try room.box.run(["verify", "--db", room.database, "--key", room.prefix + "/room.conf"])
    #expect(caught.exited(1), "\(caught.stdout)")
    #expect(caught.stdout.contains("verify: attempt #1: the stored result (overall 100, passed)"), "\(caught.stdout)")
    // A key file of another room: said plainly, exit 1.
    let otherKey = room.box.write("other.key", String(repeating: "ab", count: 32) + "\n")
    chmod(otherKey, 0o600)
    let wrong = try room.box.run(["verify", "--db", room.database, "--key", otherKey])
    #expect(wrong.exited(1) && wrong.stdout.contains("signed with another key"), "\(wrong.stdout)")
    // The keyless REPL cannot add to the room's records.
    let outsider = try room.box.run(["repl", "--db", room.database, "--trainee", "bob"], stdin: "start m01-s01-jurisdiction\n")
    #expect((outsider.stdout + outsider.stderr).contains("does not hold the room key"), "\(outsider.stdout)\(outsider.stderr)")
  }
}
