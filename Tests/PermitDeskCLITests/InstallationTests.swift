import Foundation
import Testing

/// Runs any program to its end (output through files, so no pipe fills up).
func runProgram(
  _ executable: String, _ args: [String], environment: [String: String], directory: String, stdin: String = ""
) throws -> CLI.Result {
  let tmp = NSTemporaryDirectory() + "permitdesk-run-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: tmp) }
  let (inPath, outPath, errPath) = (tmp + "/in", tmp + "/out", tmp + "/err")
  _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8))
  _ = FileManager.default.createFile(atPath: outPath, contents: nil)
  _ = FileManager.default.createFile(atPath: errPath, contents: nil)
  let handles = [
    try #require(FileHandle(forReadingAtPath: inPath)), try #require(FileHandle(forWritingAtPath: outPath)),
    try #require(FileHandle(forWritingAtPath: errPath)),
  ]
  defer { for h in handles { try? h.close() } }
  // A binary the test has just copied can be "busy" for a moment: a process another test forks at
  // the same time inherits the copy's write descriptor until it execs (ETXTBSY, errno 26). That is
  // the test harness racing itself, not the product, so the launch is retried for up to 5 s.
  var attempt = 0
  while true {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: directory)
    p.environment = environment
    p.standardInput = handles[0]
    p.standardOutput = handles[1]
    p.standardError = handles[2]
    do {
      try p.run()
    } catch let error as NSError where isTextFileBusy(error) && attempt < 50 {
      attempt += 1
      usleep(100_000)
      continue
    }
    p.waitUntilExit()
    return CLI.Result(
      status: p.terminationStatus, reason: p.terminationReason,
      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
  }
}

/// Whether launching failed with ETXTBSY ("Text file busy"), directly or as the underlying error.
private func isTextFileBusy(_ error: NSError) -> Bool {
  if error.domain == NSPOSIXErrorDomain && error.code == Int(ETXTBSY) { return true }
  if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return isTextFileBusy(underlying) }
  return false
}

/// Copies an executable with a close-on-exec descriptor, so that no process forked meanwhile by
/// another test keeps the copy open for writing (which would make launching it fail with ETXTBSY).
func copyExecutable(_ source: String, to destination: String) throws {
  let data = try Data(contentsOf: URL(fileURLWithPath: source))
  let fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
  guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  defer { close(fd) }
  try data.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      offset += n
    }
  }
}

/// An environment without any PermitDesk setting of the caller, with private HOME and XDG folders.
func cleanEnvironment(home: String) -> [String: String] {
  var env = ProcessInfo.processInfo.environment
  for k in env.keys where k.hasPrefix("PERMITDESK_") || k.hasPrefix("XDG_") || k == "NO_COLOR" { env[k] = nil }
  env["HOME"] = home
  return env
}

/// A scripted attempt: log in, start the first scenario, finish at once (`--now`: every file lapses), score.
let scriptedAttempt = "login ines\nstart m01-s01-jurisdiction\nfinish --now\nscore\n"

/// Runs the completion function of a generated bash completion script for a command line (the last
/// word is the one being completed) and returns the candidates.
func bashCompletions(script: String, words: [String], path: String, directory: String) throws -> [String] {
  let driver = """
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    _permitdesk "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\\n' "${COMPREPLY[@]}"
    """
  var env = ProcessInfo.processInfo.environment
  env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
  let r = try runProgram("/bin/bash", ["-c", driver, "completion", script] + words, environment: env, directory: directory)
  #expect(r.exited(0), "\(r.stderr)")
  return r.stdout.split(separator: "\n").map(String.init)
}

/// When each of many processes ended (set from their termination handlers).
final class EndTimes: @unchecked Sendable {
  private let lock = NSLock()
  private var times: [Date?]
  init(_ count: Int) { times = Array(repeating: nil, count: count) }
  func set(_ i: Int) { lock.withLock { times[i] = Date() } }
  func get(_ i: Int) -> Date? { lock.withLock { times[i] } }
}

@Suite("installation: content location, --version, global options, read-only commands, completions")
struct InstallationTests {
  /// A prefix holding a copy of the binary, away from the checkout: `PREFIX/bin/permitdesk`.
  final class Prefix: @unchecked Sendable {
    let dir: String
    let bin: String
    let share: String
    let elsewhere: String
    init() throws {
      dir = NSTemporaryDirectory() + "permitdesk-prefix-\(UUID().uuidString)"
      bin = dir + "/bin/permitdesk"
      share = dir + "/share/permitdesk"
      elsewhere = dir + "/somewhere-else"
      for d in [dir + "/bin", elsewhere, dir + "/home"] {
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
      }
      try copyExecutable(CLI.binary, to: bin)
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func installContent() throws {
      try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
      for part in ["Policies", "Scenarios", "Curriculum"] {
        try FileManager.default.copyItem(atPath: CLI.root + "/" + part, toPath: share + "/" + part)
      }
    }

    func run(_ args: [String], stdin: String = "", environment extra: [String: String] = [:]) throws -> CLI.Result {
      try runProgram(
        bin, args, environment: cleanEnvironment(home: dir + "/home").merging(extra) { $1 }, directory: elsewhere,
        stdin: stdin)
    }
  }

  @Test("a copied binary finds its content in <prefix>/share/permitdesk, from any directory")
  func contentFromThePrefix() throws {
    let prefix = try Prefix()
    try prefix.installContent()
    let check = try prefix.run(["check"])
    #expect(check.exited(0), "\(check.stderr)")
    let files = Int(check.stdout.split(separator: "\n").last?.split(separator: " ").dropFirst().first ?? "") ?? 0
    #expect(files > 40, "\(check.stdout)")
    let version = try prefix.run(["--version"])
    #expect(version.exited(0) && version.stdout.contains("(\(prefix.share))"), "\(version.stdout)")
    let attempt = try prefix.run([], stdin: scriptedAttempt)
    #expect(attempt.exited(0), "\(attempt.stderr)")
    #expect(attempt.stdout.contains("Final score:"), "\(attempt.stdout)")
    // The database went to the XDG default under HOME, not next to the content or the checkout.
    #expect(FileManager.default.fileExists(atPath: prefix.dir + "/home/.local/share/permitdesk/sandbox.sqlite"))
  }

  @Test("no content next to the binary: every command that needs it fails loudly, naming the paths tried")
  func missingContentFailsLoudly() throws {
    let prefix = try Prefix()
    for args in [["check"], ["play", "m01-s01-jurisdiction", "--autoplay", "perfect"], ["decide", "x.yaml"], []] {
      let r = try prefix.run(args, stdin: scriptedAttempt)
      #expect(r.exited(65), "\(args): \(r.status) \(r.stdout)")
      #expect(r.stderr.contains(prefix.share + " (next to \(prefix.bin)): does not exist"), "\(r.stderr)")
      #expect(!r.stdout.contains("checked 0 files"))
    }
    // A content folder without policy packs, and a wrong PERMITDESK_HOME, are refused the same way.
    try FileManager.default.createDirectory(atPath: prefix.share + "/Policies", withIntermediateDirectories: true)
    let empty = try prefix.run(["check"])
    #expect(empty.exited(65) && empty.stderr.contains("Policies/ holds no policy pack"), "\(empty.stderr)")
    let wrong = try prefix.run(["check"], environment: ["PERMITDESK_HOME": prefix.dir + "/nowhere"])
    #expect(wrong.exited(65) && wrong.stderr.contains(prefix.dir + "/nowhere (PERMITDESK_HOME): does not exist"))
    let given = try prefix.run(["check", "--content", prefix.dir])
    #expect(given.exited(65) && given.stderr.contains(prefix.dir + " (--content): has no Policies/ folder"))
    // --content pointing at real content works from the copied binary.
    let ok = try prefix.run(["--content", CLI.root, "check"])
    #expect(ok.exited(0), "\(ok.stderr)")
  }

  @Test("--version: version, commit and content; replay names the build that scored the attempt")
  func version() throws {
    let box = try Sandbox()
    let v = try box.run(["--version"])
    #expect(v.exited(0))
    let lines = v.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(v.stdout)")
    #expect(lines.first?.hasPrefix("permitdesk ") == true)
    #expect(lines.dropFirst().first?.hasPrefix("commit: ") == true)
    #expect(lines.last?.hasPrefix("content: unpackaged, ") == true && lines.last?.contains("(\(CLI.root))") == true)
    let play = try box.run(["play", "m01-s04-practice", "--autoplay", "perfect", "--format", "json"])
    #expect(play.exited(0), "\(play.stderr)")
    let build = lines[0] + " (" + lines[1].replacingOccurrences(of: ": ", with: " ") + ")"
    let replay = try box.run(["replay", "1"])
    #expect(replay.exited(0), "\(replay.stderr)")
    #expect(replay.stdout.contains("scored by \(build); replayed by \(build)"), "\(replay.stdout)")
  }

  @Test("--db, --content and --no-color are accepted before or after the subcommand")
  func globalOptionsBeforeTheSubcommand() throws {
    let box = try Sandbox()
    let other = box.dir + "/other.sqlite"
    let play = try box.run(["--db", other, "--no-color", "play", "m01-s04-practice", "--autoplay", "perfect", "--format", "json"])
    #expect(play.exited(0), "\(play.stderr)")
    let report = try box.run(["--db", other, "--content=" + CLI.root, "--no-color", "report", "--include-autoplay", "--format", "csv"])
    #expect(report.exited(0), "\(report.stderr)")
    #expect(report.stdout.contains("m01-s04-practice"))
    #expect(try box.run(["--db=" + other, "verify"]).exited(0))
    #expect(try box.run(["--content", CLI.root, "check", CLI.root + "/Policies"]).exited(0))
    // A global option the subcommand has no use for is accepted before or after it.
    #expect(try box.run(["report", "--db", other, "--content", CLI.root, "--no-color"]).exited(0))
    #expect(try box.run(["--db", other, "check", "--no-color", CLI.root + "/Policies"]).exited(0))
    #expect(!FileManager.default.fileExists(atPath: box.db), "the environment's database was used")
  }

  @Test("report, verify and replay on a missing or empty file: a clear error, exit 65, nothing created")
  func readOnlyCommandsCreateNothing() throws {
    let box = try Sandbox()
    let typo = box.dir + "/typo/x.sqlite"
    for args in [["report"], ["verify"], ["verify", "--rescore"], ["replay", "1"]] {
      let r = try box.run(args + ["--db", typo])
      #expect(r.exited(65), "\(args)")
      #expect(r.stderr.contains("there is no sandbox database at \(typo)"), "\(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: box.dir + "/typo"))
    }
    let empty = box.write("empty.sqlite", "")
    let r = try box.run(["report", "--db", empty])
    #expect(r.exited(65) && r.stderr.contains("there is no sandbox database"))
    #expect((try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int) == 0)
    #expect(!FileManager.default.fileExists(atPath: empty + "-wal") && !FileManager.default.fileExists(atPath: empty + "-shm"))
  }

  @Test("read-only commands leave no -wal/-shm and change no byte of the database")
  func readOnlyCommandsChangeNothing() throws {
    let box = try Sandbox()
    #expect(try box.run(["play", "m01-s04-practice", "--autoplay", "perfect", "--format", "json"]).exited(0))
    let before = try Data(contentsOf: URL(fileURLWithPath: box.db))
    let folder = Set(try FileManager.default.contentsOfDirectory(atPath: box.dir))
    for args in [["report", "--include-autoplay"], ["verify", "--rescore"], ["replay", "1"]] {
      let r = try box.run(args)
      #expect(r.exited(0), "\(args): \(r.stderr)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: box.db)) == before)
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: box.dir)) == folder)
  }

  @Test("report works on a read-only database in a read-only folder (as another user when run as root)")
  func readOnlyMedium() throws {
    let box = try Sandbox()
    #expect(try box.run(["play", "m01-s04-practice", "--autoplay", "perfect", "--format", "json"]).exited(0))
    // A world-readable copy in a folder nobody may write.
    let shelf = NSTemporaryDirectory() + "permitdesk-ro-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: shelf, withIntermediateDirectories: true)
    defer {
      try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shelf)
      try? FileManager.default.removeItem(atPath: shelf)
    }
    try FileManager.default.copyItem(atPath: box.db, toPath: shelf + "/ro.sqlite")
    // The binary as someone else (root can write anywhere): setpriv to nobody; the copied binary
    // must be reachable, so it goes to the shelf too.
    try copyExecutable(CLI.binary, to: shelf + "/permitdesk")
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: shelf + "/ro.sqlite")
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: shelf)
    let asRoot = getuid() == 0
    let setpriv = "/usr/bin/setpriv"
    try #require(!asRoot || FileManager.default.isExecutableFile(atPath: setpriv), "needs setpriv (util-linux) to drop root")
    let prefixArgs = asRoot ? ["--reuid=65534", "--regid=65534", "--clear-groups", shelf + "/permitdesk"] : []
    let exe = asRoot ? setpriv : shelf + "/permitdesk"
    var env = cleanEnvironment(home: shelf)
    env["PERMITDESK_HOME"] = CLI.root
    for args in [["report", "--include-autoplay", "--format", "csv"], ["verify"], ["replay", "1"]] {
      let r = try runProgram(exe, prefixArgs + args + ["--db", shelf + "/ro.sqlite"], environment: env, directory: "/")
      #expect(r.exited(0), "\(args): \(r.stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: shelf).sorted() == ["permitdesk", "ro.sqlite"])
  }

  @Test("report answers at once while another process holds the write lock")
  func reportWhileAWriterHoldsTheLock() throws {
    let sqlite3 = try #require(
      ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "needs the sqlite3 shell")
    let box = try Sandbox()
    #expect(try box.run(["play", "m01-s04-practice", "--autoplay", "perfect", "--format", "json"]).exited(0))
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: sqlite3)
    holder.arguments = [box.db]
    let input = Pipe()
    let output = Pipe()
    holder.standardInput = input
    holder.standardOutput = output
    try holder.run()
    input.fileHandleForWriting.write(
      Data(
        """
        BEGIN IMMEDIATE;
        INSERT INTO trainee (name, cohort, createdAt) VALUES ('holder', NULL, '2026-01-01T00:00:00Z');
        SELECT 'locked';

        """.utf8))
    var seen = ""
    while !seen.contains("locked") { seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self) }
    defer {
      try? input.fileHandleForWriting.close()
      holder.waitUntilExit()
    }
    let start = Date()
    let r = try box.run(["report", "--include-autoplay"])
    let elapsed = Date().timeIntervalSince(start)
    #expect(r.exited(0), "\(r.stderr)")
    #expect(r.stdout.contains("m01-s04-practice") && !r.stdout.contains("holder"))
    #expect(elapsed < 4, "report waited \(elapsed) s for the writer")
    input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
  }

  @Test("300 processes racing to create one new database: none fails")
  func racingCreation() throws {
    // A start barrier makes the race real: every process waits in `flock -s` on a file this test
    // holds exclusively, and all are released at once (without it, the first process has created
    // the file before most of the others start). Before the fix, 6 of 400 failed this way.
    let flock = try #require(
      ["/usr/bin/flock", "/bin/flock"].first { FileManager.default.isExecutableFile(atPath: $0) }, "needs flock (util-linux)")
    let box = try Sandbox()
    let path = box.dir + "/race/new.sqlite"
    var env = box.environment
    env["PERMITDESK_DB"] = path
    let barrier = box.dir + "/barrier"
    // The holder takes the lock exclusively, says so, and keeps it until its standard input ends.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: flock)
    holder.arguments = ["-x", barrier, "/bin/sh", "-c", "echo held; read line"]
    let holderIn = Pipe()
    let holderOut = Pipe()
    holder.standardInput = holderIn
    holder.standardOutput = holderOut
    try holder.run()
    var said = ""
    while !said.contains("held") { said += String(decoding: holderOut.fileHandleForReading.availableData, as: UTF8.self) }
    let count = 300
    var processes: [Process] = []
    let errors = box.dir + "/errors"
    try FileManager.default.createDirectory(atPath: errors, withIntermediateDirectories: true)
    for i in 0..<count {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: flock)
      // The REPL opens the database for writing (creating it) and `--trainee` writes the trainee
      // in a transaction; standard input is empty, so it leaves at once. (This used `purge`, which
      // now refuses a database that does not exist rather than create one.)
      p.arguments = ["-s", barrier, CLI.binary, "--trainee", "racer\(i)"]
      p.environment = env
      p.standardInput = FileHandle.nullDevice
      p.standardOutput = FileHandle.nullDevice
      _ = FileManager.default.createFile(atPath: errors + "/\(i)", contents: nil)
      p.standardError = FileHandle(forWritingAtPath: errors + "/\(i)")
      processes.append(p)
    }
    // When each process ended, to tell a spurious failure from a real wait of more than 5 s.
    let ended = EndTimes(count)
    for (i, p) in processes.enumerated() {
      p.terminationHandler = { _ in ended.set(i) }
      try p.run()
    }
    Thread.sleep(forTimeInterval: 1)
    try holderIn.fileHandleForWriting.close()
    holder.waitUntilExit()
    let released = Date()
    var failures: [String] = []
    var waitedOut = 0
    for (i, p) in processes.enumerated() {
      p.waitUntilExit()
      if p.terminationStatus != 0 {
        let stderr = (try? String(contentsOfFile: errors + "/\(i)", encoding: .utf8)) ?? ""
        let lived = (ended.get(i) ?? Date()).timeIntervalSince(released)
        // On a heavily loaded machine (parallel builds) 300 serialised writers can really wait more
        // than the 5 s busy timeout; that answer is honest. What the fix forbids is a failure before
        // the timeout ("table already exists", or "locked" after 0.04 s).
        if stderr.contains("more than 5 seconds") && lived >= 5 {
          waitedOut += 1
        } else {
          failures.append("#\(i) exit \(p.terminationStatus) after \(lived) s: " + stderr)
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) of \(count) failed: \(failures.prefix(3))")
    #expect(waitedOut < count / 10, "\(waitedOut) of \(count) waited more than 5 s")
    let verify = try box.run(["verify", "--db", path])
    #expect(verify.exited(0), "\(verify.stdout)")
  }

  @Test("bash completion: scenario ids, policy ids, trainee names, attempt numbers and file paths")
  func completions() throws {
    let box = try Sandbox()
    #expect(try box.run(["play", "m01-s04-practice", "--autoplay", "perfect", "--format", "json", "--trainee", "zoe"]).exited(0))
    let script = box.write("permitdesk.bash", try box.run(["--generate-completion-script", "bash"]).stdout)
    let bin = (CLI.binary as NSString).deletingLastPathComponent
    func complete(_ words: [String], in directory: String = CLI.root) throws -> [String] {
      try bashCompletions(script: script, words: ["permitdesk"] + words, path: bin, directory: directory)
    }
    #expect(try complete(["play", "m01-s0"]) == ["m01-s01-jurisdiction", "m01-s02-application-types", "m01-s03-wrong-procedure", "m01-s04-practice"])
    #expect(try complete(["decide", "--policy", "beijing-20"]).sorted() == ["beijing-2017-pilot", "beijing-2024", "beijing-2025"])
    #expect(try complete(["report", "--db", box.db, "--trainee", "z"]) == ["zoe"])
    #expect(try complete(["report", "--db", box.db, "--scenario", "m01-s04"]) == ["m01-s04-practice"])
    #expect(try complete(["replay", "--db", box.db, ""]) == ["1"])
    #expect(try complete(["decide", "Scen"]) == ["Scenarios"])
    #expect(try complete(["decide", "Scenarios/packets/overseas-b-d"]) == ["Scenarios/packets/overseas-b-defects.yaml"])
    // A missing database offers nothing and creates nothing.
    #expect(try complete(["report", "--db", box.dir + "/none/x.sqlite", "--trainee", ""]) == [])
    #expect(!FileManager.default.fileExists(atPath: box.dir + "/none"))
  }
}
