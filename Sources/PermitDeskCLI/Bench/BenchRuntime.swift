import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk bench-runtime`: the runtime's cost against the attempt's length (issue 8).
  struct BenchRuntime: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench-runtime",
      abstract: L10n.t("cli.bench-runtime.abstract"),
      discussion: L10n.t("cli.bench-runtime.discussion"),
      shouldDisplay: false)

    @OptionGroup var content: ContentOptions

    @Option(help: helpText("cli.bench-runtime.sizes"))
    var sizes: String = "100,400,1600"

    @Option(help: helpText("cli.bench-runtime.attempts"))
    var attempts: Int = 10_000

    @Option(help: helpText("cli.bench-runtime.jobs"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("keep-db"), help: helpText("cli.bench-runtime.keep-db"), completion: .file(extensions: ["sqlite"]))
    var keepDB: String?

    func validate() throws {
      if let keepDB, FileManager.default.fileExists(atPath: keepDB) {
        throw ValidationError(L10n.t("cli.bench-runtime.keep-db-exists", keepDB))
      }
    }

    func run() throws {
      let library = try content.library
      let course = Course(library: library)
      guard case .success(let pack) = library.policy("beijing-2017-pilot") else { throw Exit.internalError }
      let dir = NSTemporaryDirectory() + "permitdesk-bench-runtime-\(ProcessInfo.processInfo.processIdentifier)"
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      for size in sizes.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
        let o = ScenarioGeneration.Options(
          id: "bench-\(size)", count: size, seed: 42, types: [], defectRate: 0.6, mix: [], talentShare: 0.1, window: "chaoyang",
          post: .a, start: Timestamp(iso: "2017-07-03T09:00+08:00")!, everyMinutes: 5)
        let scenario = ScenarioGeneration.make(o, policy: pack)
        let setup = AttemptRunner.Setup(
          scenario: scenario, applicants: scenario.applicants, policy: pack, packs: { try? library.policy($0).get() },
          trainee: "bench", mode: .autoplay)
        let db = try SandboxDatabase(path: dir + "/size-\(size).sqlite")
        let repl = Repl(library: library, course: course, db: db, color: false, stopOnError: false)
        let t = try db.upsertTrainee(name: "bench", cohort: nil)
        let a = try db.startAttempt(
          NewAttempt(trainee: t.id, scenarioID: scenario.id, contentHash: "", seed: 0, policy: pack.id, mode: .autoplay, post: .a, moduleID: nil))
        let runner = AttemptRunner(setup: setup)
        var perCommand: [Double] = []
        var failure: Error?
        let start = Self.now()
        let cpu0 = Self.cpu()
        Autoplayer.play(runner, style: .perfect, commit: { step in
          // The step was computed by the autoplayer just now; time its commit, then the apply.
          let c0 = Self.now()
          do { try repl.commit(step, attempt: a, trainee: t) } catch {
            failure = error
            return false
          }
          perCommand.append(Self.now() - c0)
          return true
        }) { _, _ in }
        let total = Self.now() - start
        let totalCPU = Self.cpu() - cpu0
        if let failure { throw failure }
        // The runtime's own cost per command (step and apply, no commit), replayed from the commands.
        var stepTimes: [Double] = []
        let log = try db.actions(attempt: a.id).map { CommandLog.decode(verb: $0.verb, arguments: $0.arguments) }
        let again = AttemptRunner(setup: setup)
        for c in log {
          let s0 = Self.now()
          again.adopt(again.step(c))
          stepTimes.append(Self.now() - s0)
        }
        // The same replay while the previous state stays alive, as it did when a step copied the
        // state and worked on the copy: the first change of each collection per command copies it.
        var copyingTimes: [Double] = []
        let copying = AttemptRunner(setup: setup)
        for c in log {
          let kept = copying.state
          let s0 = Self.now()
          copying.adopt(copying.step(c))
          copyingTimes.append(Self.now() - s0)
          withExtendedLifetime(kept) {}
        }
        let both = zip(stepTimes, perCommand).map { $0 + $1 }
        print(
          "\(size) applicants: \(log.count) commands, autoplay with commits \(String(format: "%.2f", total)) s (CPU \(String(format: "%.2f", totalCPU)) s); per command (step + commit): "
            + "p50 \(Self.ms(Self.quantile(both, 0.5))), p99 \(Self.ms(Self.quantile(both, 0.99))), max \(Self.ms(both.max() ?? 0)); "
            + "step alone p99 \(Self.ms(Self.quantile(stepTimes, 0.99))), commit alone p99 \(Self.ms(Self.quantile(perCommand, 0.99))); "
            + "step with the previous state kept alive (the copy per command of before) p99 \(Self.ms(Self.quantile(copyingTimes, 0.99)))")
      }
      guard attempts > 0 else { return }
      try rescoreBench(library: library, course: course, dir: dir)
    }

    func rescoreBench(library: ContentLibrary, course: Course, dir: String) throws {
      let db = try SandboxDatabase(path: keepDB ?? dir + "/rescore.sqlite")
      let scenario = "m01-s01-jurisdiction"
      // A few distinct recorded attempts (styles and seeds), repeated to ATTEMPTS.
      var models: [(actions: [(String, String, String, String, Bool)], result: AttemptResult, seed: UInt64, session: Session)] = []
      for (i, style) in AutoplayStyle.allCases.enumerated() {
        guard case .success(let setup) = course.setup(scenario: scenario, trainee: "bench", mode: .autoplay, seed: UInt64(i)) else {
          throw Exit.internalError
        }
        let r = AttemptRunner(setup: setup)
        var acts: [(String, String, String, String, Bool)] = []
        Autoplayer.play(r, style: style) { c, reply in
          acts.append((c.name, CommandLog.encode(.command(c)), r.session.now.description, reply.lines.joined(separator: "\n"), reply.ok))
        }
        models.append((acts, AttemptResult(Scorer.score(r.session, passMark: course.passMark(of: course.module(of: scenario)?.id))), UInt64(i), r.session))
      }
      let t = try db.upsertTrainee(name: "bench", cohort: nil)
      let w0 = Self.now()
      for i in 0..<attempts {
        let m = models[i % models.count]
        let a = try db.startAttempt(
          NewAttempt(
            trainee: t.id, scenarioID: scenario, contentHash: course.contentHash(of: scenario), seed: m.seed, policy: "beijing-2017-pilot",
            mode: .autoplay, post: .a, moduleID: course.module(of: scenario)?.id))
        try db.appendActions(
          m.actions.map { NewAction(attempt: a.id, actor: "bench", verb: $0.0, arguments: $0.1, simTime: $0.2, result: $0.3, ok: $0.4) },
          attempt: a.id, finishing: m.result, projection: Repl.projection(m.session, attempt: a.id))
      }
      let written = Self.now() - w0
      let finished = try db.attempts(trainee: nil, scenario: nil, cohort: nil).filter { $0.status == .finished }
      for j in Array(Set([1, jobs])).sorted() {
        let r0 = Self.now()
        let c0 = Self.cpu()
        let out = try Verify.rescore(finished, names: [t.id: t.name], root: library.root, db: db, jobs: j)
        let seconds = Self.now() - r0
        let cpu = Self.cpu() - c0
        print(
          "verify --rescore: \(out.rescored) finished attempts (\(models.map(\.actions.count).reduce(0, +) / models.count) actions each on average, written in \(String(format: "%.1f", written)) s) "
            + "re-scored in \(String(format: "%.2f", seconds)) s on \(j) thread\(j == 1 ? "" : "s") (CPU \(String(format: "%.2f", cpu)) s, "
            + "\(String(format: "%.3f", cpu / Double(max(1, out.rescored)) * 1000)) ms per attempt); \(out.problems.count) problems")
      }
      // The whole command, as `permitdesk verify --rescore` runs it: the hash chain, the trainees'
      // seals, the re-score and every attempt's projection rows.
      for j in Array(Set([1, jobs])).sorted() {
        let r0 = Self.now()
        let c0 = Self.cpu()
        let intact = try Verify.check(db: db, key: nil, library: { library }, rescore: true, jobs: j)
        let seconds = Self.now() - r0
        let cpu = Self.cpu() - c0
        print(
          "the whole verify --rescore (chain, seals, re-score, projections): \(finished.count) attempts in \(String(format: "%.2f", seconds)) s "
            + "with --jobs \(j) (CPU \(String(format: "%.2f", cpu)) s, \(String(format: "%.3f", cpu / Double(max(1, finished.count)) * 1000)) ms per attempt); "
            + (intact ? "intact" : "PROBLEMS FOUND"))
      }
      if let keepDB { print("kept the database of \(finished.count) recorded attempts: \(keepDB)") }
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    /// The process's CPU time (every thread), in seconds: on a shared machine the work done,
    /// whatever share of the cores the process got.
    static func cpu() -> Double {
      var t = timespec()
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
      return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    static func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
    static func quantile(_ values: [Double], _ p: Double) -> Double {
      let v = values.sorted()
      guard !v.isEmpty else { return 0 }
      return v[min(v.count - 1, Int((p * Double(v.count - 1)).rounded()))]
    }
  }
}
