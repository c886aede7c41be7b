import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

#if canImport(Glibc)
  import Glibc
#endif

extension PermitDesk {
  /// `permitdesk bench-repl`: REPL start-up and per-command latency (product.md §12), each against
  /// the `sqlite3` shell doing the same in the same run.
  struct BenchRepl: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench-repl",
      abstract: L10n.t("cli.bench-repl.abstract"),
      discussion: L10n.t("cli.bench-repl.discussion"),
      shouldDisplay: false)

    @OptionGroup var content: ContentOptions

    @Option(help: helpText("cli.bench-repl.runs"))
    var runs: Int = 30

    @Option(help: helpText("cli.bench-repl.scenario"))
    var scenario: String = "m01-s01-jurisdiction"

    @Option(help: helpText("cli.bench-repl.commands"))
    var commands: Int = 200

    @Option(help: helpText("cli.bench-repl.sqlite3"))
    var sqlite3: String = "/usr/bin/sqlite3"

    func validate() throws {
      try Bench.atLeastOne("--runs", runs)
      try Bench.atLeastOne("--commands", commands)
    }

    func run() throws {
      signal(SIGPIPE, SIG_IGN)
      let library = try content.library
      let exe = Self.executablePath()
      let dir = NSTemporaryDirectory() + "permitdesk-bench-repl-\(getpid())"
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let quitFile = dir + "/quit.txt"
      _ = FileManager.default.createFile(atPath: quitFile, contents: Data("quit\n".utf8))
      var env = ProcessInfo.processInfo.environment
      env["XDG_STATE_HOME"] = dir
      env["XDG_DATA_HOME"] = dir
      env["PERMITDESK_TRAINEE"] = nil
      env["PERMITDESK_DB"] = nil
      let db = dir + "/bench.sqlite"
      let replArgs = [exe, "--db", db, "--content", library.root]
      let haveBaseline = FileManager.default.isExecutableFile(atPath: sqlite3)

      // Start-up. One unmeasured run of each creates the database and warms the page cache.
      _ = try Spawn.timed(replArgs, stdinPath: quitFile, env: env)
      if haveBaseline { _ = try Spawn.timed([sqlite3, ":memory:", ".quit"], stdinPath: "/dev/null", env: env) }
      var repl: [Double] = []
      var base: [Double] = []
      for _ in 0..<runs {
        repl.append(try Spawn.timed(replArgs, stdinPath: quitFile, env: env))
        if haveBaseline { base.append(try Spawn.timed([sqlite3, ":memory:", ".quit"], stdinPath: "/dev/null", env: env)) }
      }
      let rs = Stats(repl)
      print("start-up to quit: permitdesk --db FILE (stdin 'quit'), \(repl.count) runs: median \(ms(rs.p50)), p95 \(ms(rs.p95)), min \(ms(rs.min)) (target < 50 ms)")
      if haveBaseline {
        let bs = Stats(base)
        print("  baseline sqlite3 :memory: .quit, \(base.count) runs: median \(ms(bs.p50)), p95 \(ms(bs.p95)); ratio \(ratio(rs.p50, bs.p50)) (median)")
      } else {
        print("  baseline: \(sqlite3) not found")
      }

      // Per command.
      let script = try Self.script(library: library, scenario: scenario, commands: commands)
      let marker = "help quit"
      let markerEnd = "\n  leave (an unfinished attempt can be resumed later)\n"
      let child = try Spawn.piped(replArgs, env: env)
      defer { child.close() }
      for line in ["login bench-repl", "start \(scenario)"] { _ = try child.exchange(line + "\n" + marker + "\n", until: markerEnd) }
      var lat: [Double] = []
      var worst = (0.0, "")
      for words in script {
        let line = words.joined(separator: " ")
        let t = try child.exchange(line + "\n" + marker + "\n", until: markerEnd)
        lat.append(t)
        if t > worst.0 { worst = (t, line) }
      }
      _ = try child.exchange("quit\n", until: nil)
      let ls = Stats(lat)
      print("per command (\(scenario), \(lat.count) commands, each committed): p50 \(ms(ls.p50)), p99 \(ms(ls.p99)), max \(ms(ls.max)) ('\(worst.1)'), mean \(ms(ls.mean)) (target < 10 ms)")
      if haveBaseline {
        let sq = try Spawn.piped([sqlite3, dir + "/baseline.sqlite"], env: env)
        defer { sq.close() }
        _ = try sq.exchange("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nCREATE TABLE t(x TEXT);\nSELECT 'END';\n", until: "END\n")
        var sl: [Double] = []
        for i in 0..<lat.count {
          sl.append(try sq.exchange("INSERT INTO t VALUES('command \(i)');\nSELECT 'END';\n", until: "END\n"))
        }
        _ = try sq.exchange(".quit\n", until: nil)
        let ss = Stats(sl)
        print("  baseline sqlite3 shell, one INSERT committed per line over a pipe (WAL, synchronous=NORMAL): p50 \(ms(ss.p50)), p99 \(ms(ss.p99)); ratio \(ratio(ls.p50, ss.p50)) (p50)")
      }
    }

    func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }
    func ratio(_ a: Double, _ b: Double) -> String { b > 0 ? String(format: "%.1fx", a / b) : "-" }

    /// This executable.
    static func executablePath() -> String {
      if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
      return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// The model answer of `scenario`, padded with read-only commands to about `commands`; ends with `finish`.
    static func script(library: ContentLibrary, scenario: String, commands: Int) throws -> [[String]] {
      let course = Course(library: library)
      guard case .success(let setup) = course.setup(scenario: scenario, trainee: "bench-repl", mode: .practice, seed: 0) else {
        printError("permitdesk: " + L10n.t("cli.err.unknown-scenario", scenario) + Suggest.hint(scenario, course.scenarioIDs))
        throw Exit.badInput
      }
      var model: [[String]] = []
      Autoplayer.play(AttemptRunner(setup: setup), style: .perfect) { command, _ in model.append(command.words) }
      if model.last == ["finish"] { model.removeLast() }
      var out: [[String]] = []
      var padding = max(0, commands - 1 - model.count)
      for (i, w) in model.enumerated() {
        out.append(w)
        if padding > 0 {
          out.append(i % 2 == 0 ? ["clock"] : ["queue"])
          padding -= 1
        }
      }
      return out + [["finish"]]
    }
  }
}

/// Summary statistics of a sample, in seconds.
private struct Stats {
  var p50 = 0.0, p95 = 0.0, p99 = 0.0, min = 0.0, max = 0.0, mean = 0.0
  init(_ values: [Double]) {
    let v = values.sorted()
    guard !v.isEmpty else { return }
    func q(_ p: Double) -> Double { v[Swift.min(v.count - 1, Int((p * Double(v.count - 1)).rounded()))] }
    p50 = q(0.5)
    p95 = q(0.95)
    p99 = q(0.99)
    min = v[0]
    max = v[v.count - 1]
    mean = v.reduce(0, +) / Double(v.count)
  }
}

/// Child processes by posix_spawn (Foundation's `Process.waitUntilExit` polls its run loop every
/// 50 ms, too coarse for these figures).
private enum Spawn {
  static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

  static func cStrings(_ a: [String]) -> [UnsafeMutablePointer<CChar>?] { a.map { strdup($0) } + [nil] }

  static func environment(_ env: [String: String]) -> [String] { env.map { "\($0.key)=\($0.value)" } }

  static func spawn(_ args: [String], env: [String: String], actions: inout posix_spawn_file_actions_t) throws -> pid_t {
    let argv = cStrings(args)
    let envp = cStrings(environment(env))
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, args[0], &actions, nil, argv, envp)
    guard rc == 0 else { throw ReplError("cannot start \(args[0]): \(String(cString: strerror(rc)))") }
    return pid
  }

  /// Runs to exit with stdin from a file and output discarded; returns the seconds from spawn to exit.
  static func timed(_ args: [String], stdinPath: String, env: [String: String]) throws -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let t0 = now()
    let pid = try spawn(args, env: env, actions: &actions)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let t = now() - t0
    guard status == 0 else { throw ReplError("\(args[0]) exited with status \(status)") }
    return t
  }

  /// A child with its standard input and output on pipes.
  final class Piped {
    let pid: pid_t
    let input: Int32
    let output: Int32
    var buffer: [UInt8] = []

    init(pid: pid_t, input: Int32, output: Int32) {
      self.pid = pid
      self.input = input
      self.output = output
    }

    /// Writes `text`, then reads until the output ends with `until` (or until end of file when
    /// nil); returns the seconds taken.
    func exchange(_ text: String, until: String?) throws -> Double {
      let t0 = Spawn.now()
      let bytes = Array(text.utf8)
      var off = 0
      while off < bytes.count {
        let n = bytes[off...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
        guard n > 0 else { throw ReplError("write to the child failed") }
        off += n
      }
      let end = until.map { Array($0.utf8) }
      var chunk = [UInt8](repeating: 0, count: 65536)
      while true {
        if let end, buffer.count >= end.count, Array(buffer.suffix(end.count)) == end {
          buffer.removeAll(keepingCapacity: true)
          return Spawn.now() - t0
        }
        var pfd = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pfd, 1, 10_000)
        guard ready > 0 else { throw ReplError("no answer within 10 s to: \(text.prefix(60))") }
        let n = read(output, &chunk, chunk.count)
        if n <= 0 {
          if end == nil { return Spawn.now() - t0 }
          throw ReplError("the child ended early; last output: \(String(decoding: buffer.suffix(300), as: UTF8.self))")
        }
        buffer.append(contentsOf: chunk[0..<n])
      }
    }

    func close() {
      Glibc.close(input)
      Glibc.close(output)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
  }

  static func piped(_ args: [String], env: [String: String]) throws -> Piped {
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw ReplError("pipe failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, toChild[1])
    posix_spawn_file_actions_addclose(&actions, fromChild[0])
    let pid = try spawn(args, env: env, actions: &actions)
    Glibc.close(toChild[0])
    Glibc.close(fromChild[1])
    _ = fcntl(toChild[1], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fromChild[0], F_SETFD, FD_CLOEXEC)
    return Piped(pid: pid, input: toChild[1], output: fromChild[0])
  }
}
