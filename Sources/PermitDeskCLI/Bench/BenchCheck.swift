import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

extension PermitDesk {
  /// `permitdesk bench-check`: `check` over generated scenario files, against PyYAML (libyaml).
  struct BenchCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench-check",
      abstract: L10n.t("cli.bench-check.abstract"),
      shouldDisplay: false)

    @OptionGroup var content: ContentOptions

    @Option(help: helpText("cli.bench-check.scenarios"))
    var scenarios: Int = 1000

    @Option(help: helpText("cli.bench-check.applicants"))
    var applicants: Int = 20

    @Option(help: helpText("cli.bench-check.keep"))
    var keep = false

    func validate() throws {
      try Bench.atLeastOne("--scenarios", scenarios)
      try Bench.atLeastOne("--applicants", applicants)
    }

    func run() throws {
      let library = try content.library
      guard case .success(let pack) = library.policy("beijing-2017-pilot") else { throw Exit.internalError }
      let dir = NSTemporaryDirectory() + "permitdesk-bench-check-\(ProcessInfo.processInfo.processIdentifier)"
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
      var bytes = 0
      let genStart = DispatchTime.now().uptimeNanoseconds
      for i in 0..<scenarios {
        let o = ScenarioGeneration.Options(
          id: "bench-\(i)", count: applicants, seed: UInt64(i + 1), types: [], defectRate: 0.6, mix: [], talentShare: 0.1,
          window: pack.windows[i % pack.windows.count], post: i % 2 == 0 ? .a : .b,
          start: Timestamp(iso: "2017-07-03T09:00+08:00")!, everyMinutes: 15)
        let text = ScenarioWriter.write(ScenarioGeneration.make(o, policy: pack))
        bytes += text.utf8.count
        _ = FileManager.default.createFile(atPath: dir + "/bench-\(i).yaml", contents: Data(text.utf8))
      }
      let genSeconds = Double(DispatchTime.now().uptimeNanoseconds - genStart) / 1e9
      print(
        "generated \(scenarios) scenario files of \(applicants) applicants (\(bytes / 1024) KiB) in \(String(format: "%.2f", genSeconds)) s"
          + (keep ? " in \(dir)" : ""))

      let checker = ContentChecker(library: library)
      checker.concurrency = 1
      let c0 = BenchCheck.threadCPU()
      let s0 = DispatchTime.now().uptimeNanoseconds
      let single = checker.check(paths: [dir])
      let singleSeconds = Double(DispatchTime.now().uptimeNanoseconds - s0) / 1e9
      let singleCPU = BenchCheck.threadCPU() - c0
      print(
        "permitdesk check, one core: \(single.files.count) files, \(single.errors) errors, in \(String(format: "%.3f", singleSeconds)) s wall, \(String(format: "%.3f", singleCPU)) s CPU "
          + "(\(String(format: "%.2f", singleSeconds * 1000 / Double(max(1, scenarios)))) ms per file: parse, strict read, semantic checks, examiner on every answer key)")
      checker.concurrency = ProcessInfo.processInfo.activeProcessorCount
      let t0 = DispatchTime.now().uptimeNanoseconds
      let report = checker.check(paths: [dir])
      let swiftSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
      print(
        "permitdesk check, \(checker.concurrency) cores (as `check` runs): \(report.files.count) files, \(report.errors) errors, in \(String(format: "%.3f", swiftSeconds)) s")

      let script = """
        import sys, os, time, yaml
        files = sorted(os.path.join(sys.argv[1], f) for f in os.listdir(sys.argv[1]) if f.endswith('.yaml'))
        t = time.perf_counter()
        c = time.process_time()
        for p in files:
            with open(p, 'rb') as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
        print('%.6f %.6f %d' % (time.perf_counter() - t, time.process_time() - c, len(files)))
        """
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = ["python3", "-c", script, dir]
      let pipe = Pipe()
      let errPipe = Pipe()
      p.standardOutput = pipe
      p.standardError = errPipe
      do {
        try p.run()
      } catch {
        print("python3: not available (\(error)); no baseline")
        return
      }
      let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      let parts = out.split(separator: " ")
      guard p.terminationStatus == 0, let first = parts.first, let py = Double(first) else {
        print("PyYAML baseline failed (needs python3-yaml with libyaml): \(err.split(separator: "\n").last ?? "")")
        return
      }
      let pyCPU = parts.count > 1 ? Double(parts[1]) ?? py : py
      print("PyYAML yaml.load(CSafeLoader), parse only: \(String(format: "%.3f", py)) s wall, \(String(format: "%.3f", pyCPU)) s CPU")
      print(
        "ratio check / PyYAML load: \(String(format: "%.2f", swiftSeconds / py))x (one core: \(String(format: "%.2f", singleSeconds / py))x) "
          + "; CPU time, one core: \(String(format: "%.2f", singleCPU / pyCPU))x "
          + "(target: check of \(scenarios) files under 2 s: \(swiftSeconds < 2 ? "met" : "not met"))")
    }

    /// CPU seconds used by the calling thread (robust to other processes on a shared machine).
    static func threadCPU() -> Double {
      var ts = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
      return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
  }
}
