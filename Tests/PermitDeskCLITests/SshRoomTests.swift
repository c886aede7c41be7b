import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The training room behind a real OpenSSH server: a throw-away sshd on 127.0.0.1 (own config,
/// host key and port, started and stopped by the test), members' keys made with ssh-keygen, and
/// sessions driven over `ssh -tt` by Tests/tools/ssh_room.py (pexpect).
@Suite("Training room over a real sshd", .serialized)
struct SshRoomTests {
  static let sshd = "/usr/sbin/sshd"

  /// A running sshd; `stop()` ends it.
  ///
  /// sshd puts itself in the background (no `-D`) and the test finds it by its pid file: a
  /// long-running child of the test process made Foundation's `Process.waitUntilExit()` of later
  /// children (the pexpect driver) hang on Linux.
  final class Server {
    let pid: pid_t
    let port: Int
    let log: String

    init?(config: String, port: Int, pidFile: String, log: String, box: Sandbox) throws {
      self.port = port
      self.log = log
      // -E: log to a file (the background sshd has no standard error).
      let started = try box.runTool([SshRoomTests.sshd, "-f", config, "-E", log])
      guard started.status == 0 else { return nil }
      var pid: pid_t = 0
      let deadline = Date().addingTimeInterval(5)
      while pid == 0 && Date() < deadline {
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let p = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
          pid = p
        } else {
          usleep(50_000)
        }
      }
      guard pid > 0 else { return nil }
      self.pid = pid
    }

    var running: Bool { kill(pid, 0) == 0 }

    /// Waits until the port accepts connections, or the server has ended.
    func ready(within seconds: Double) -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline && running {
        if SshRoomTests.accepts(port) { return true }
        usleep(100_000)
      }
      return false
    }

    /// SIGTERM, then SIGKILL if it is still there after 5 seconds.
    func stop() {
      guard running else { return }
      kill(pid, SIGTERM)
      let deadline = Date().addingTimeInterval(5)
      while running && Date() < deadline { usleep(50_000) }
      if running { kill(pid, SIGKILL) }
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
  }

  /// A free TCP port on 127.0.0.1 (bound to port 0, then released).
  static func freePort() -> Int? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
  }

  static func accepts(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
  }

  @Test("ssh -tt: each key opens the room as its member; login other refused; trainer vs trainee powers; monitor and inject")
  func roomOverSSH() throws {
    guard FileManager.default.isExecutableFile(atPath: Self.sshd) else {
      print("SshRoomTests skipped: \(Self.sshd) is missing (./dev installs openssh-server)")
      return
    }
    let room = try RoomFixture()
    let probe = try room.box.runTool(["/usr/bin/env", "python3", "-c", "import pexpect"])
    try #require(probe.status == 0, "needs python3 with pexpect (./dev installs it): \(probe.output)")
    for name in ["alice", "bob", "carol"] { try room.makeKey(name) }
    #expect(try room.add("alice", trainer: true).exited(0))
    #expect(try room.add("bob").exited(0))
    #expect(try room.add("carol").exited(0))

    // The throw-away server: its own host key, port, pid file and config; only our keys file.
    let dir = room.box.dir + "/sshd"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let hostKey = try room.box.runTool(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir + "/host_key"])
    try #require(hostKey.status == 0, "\(hostKey.output)")
    let port = try #require(Self.freePort())
    let root = geteuid() == 0
    let config = room.box.write(
      "sshd/sshd_config",
      """
      Port \(port)
      ListenAddress 127.0.0.1
      HostKey \(dir)/host_key
      PidFile \(dir)/sshd.pid
      AuthorizedKeysFile \(room.authorizedKeys)
      AllowUsers \(room.account)
      PubkeyAuthentication yes
      PasswordAuthentication no
      KbdInteractiveAuthentication no
      UsePAM no
      StrictModes no
      PermitUserEnvironment no
      \(root ? "PermitRootLogin forced-commands-only" : "")
      LogLevel VERBOSE

      """)
    // Debian's sshd wants its privilege-separation folder (made by the service, which is not running).
    if root && !FileManager.default.fileExists(atPath: "/run/sshd") {
      try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
      chmod("/run/sshd", 0o755)
    }
    let check = try room.box.runTool([Self.sshd, "-t", "-f", config])
    guard check.status == 0 else {
      print("SshRoomTests skipped: sshd cannot run here (sshd -t: \(check.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
      return
    }
    guard
      let server = try Server(config: config, port: port, pidFile: dir + "/sshd.pid", log: dir + "/sshd.log", box: room.box)
    else {
      print("SshRoomTests skipped: sshd did not start: \((try? String(contentsOfFile: dir + "/sshd.log", encoding: .utf8)) ?? "")")
      return
    }
    defer { server.stop() }
    guard server.ready(within: 10) else {
      server.stop()
      print("SshRoomTests skipped: sshd did not accept connections: \(server.output)")
      return
    }

    let r = try room.box.runTool(["/usr/bin/env", "python3", CLI.root + "/Tests/tools/ssh_room.py", String(port), room.account, room.keys])
    #expect(r.status == 0, "ssh_room.py exited \(r.status):\n\(r.output)\n--- sshd log ---\n\(server.output.suffix(3000))")
    for check in [
      "ok: a trainee's 'login carol' is refused",
      "ok: a trainee cannot report or verify",
      "ok: carol works beside bob, as herself",
      "ok: the trainer's report lists bob's and carol's attempts",
      "ok: the trainer's verify authenticates the records with the room key",
      "ok: the trainer's monitor --once --format json lists bob and carol while they work",
      "ok: an injected event reaches bob before his next command",
      "ok: the live monitor redraws in place and stops at Enter",
      "ok: a trainee has no instructor station",
      "ok: bob starts a pair attempt with carol, carol joins as post B",
      "ok: the trainer's monitor --once --format json lists both partners while they work",
      "ok: bob's commands and the injected event reach carol before her next command",
      "ok: the two trainees finish the pair attempt, each with a final score",
      "ok: the trainer's report has a row for each partner; the records verify and re-score",
      "ok: ssh with a command is refused (exit 64), nothing runs",
      "ok: port forwarding is refused (restrict)",
      "all ssh room checks passed",
    ] {
      #expect(r.output.contains(check + "\n"), "missing '\(check)' in:\n\(r.output)")
    }
    server.stop()
    #expect(!Self.accepts(port), "the test's sshd is gone")

    // What the sessions left: three attempts (bob's, carol's, and their pair attempt), signed and intact.
    let verify = try room.box.run(["verify", "--db", room.database, "--key", room.prefix + "/room.conf"])
    #expect(verify.exited(0) && verify.stdout.contains("intact and authenticated"), "\(verify.stdout)")
  }
}
