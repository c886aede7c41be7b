import Foundation
import Testing

/// The developer benchmarks refuse values they cannot use (exit 64, what is expected, the
/// subcommand's usage) instead of quietly running something else: `bench-runtime --sizes abc` ran
/// the default sizes, `bench-repl --runs 0` ran once, `bench --count 0` did nothing.
@Suite("Bench commands refuse bad values")
struct BenchArgumentTests {
  @Test("each bad value: exit 64, the message says what is expected, with the subcommand's usage; nothing measured")
  func badValues() throws {
    let box = try Sandbox()
    let cases: [(args: [String], message: String)] = [
      (["bench", "--count", "0"], "Error: --count takes a whole number of at least 1, not 0."),
      (["bench", "--passes", "0"], "Error: --passes takes a whole number of at least 1, not 0."),
      (["bench-check", "--scenarios", "0"], "Error: --scenarios takes a whole number of at least 1, not 0."),
      (["bench-check", "--applicants=-3"], "Error: --applicants takes a whole number of at least 1, not -3."),
      (["bench-repl", "--runs", "0"], "Error: --runs takes a whole number of at least 1, not 0."),
      (["bench-repl", "--commands", "0"], "Error: --commands takes a whole number of at least 1, not 0."),
      (
        ["bench-runtime", "--sizes", "abc"],
        "Error: --sizes takes applicant counts of at least 1, comma-separated (100,400,1600; \"\" for none), not 'abc'."
      ),
      (
        ["bench-runtime", "--sizes", "100,,400"],
        "Error: --sizes takes applicant counts of at least 1, comma-separated (100,400,1600; \"\" for none), not '100,,400'."
      ),
      (
        ["bench-runtime", "--sizes", "100,0"],
        "Error: --sizes takes applicant counts of at least 1, comma-separated (100,400,1600; \"\" for none), not '100,0'."
      ),
      (["bench-runtime", "--sizes", "", "--attempts=-1"], "Error: --attempts takes a whole number of 0 or more (0: skip), not -1."),
      (["bench-runtime", "--sizes", "", "--jobs", "0"], "Error: --jobs takes a whole number of at least 1, not 0."),
    ]
    for c in cases {
      let r = try box.run(c.args)
      #expect(r.exited(64), "\(c.args): \(r.status) \(r.stderr)")
      #expect(r.stderr.hasPrefix(c.message + "\nUsage: permitdesk \(c.args[0]) "), "\(c.args): \(r.stderr)")
      #expect(r.stderr.hasSuffix("  See 'permitdesk \(c.args[0]) --help' for more information.\n"), "\(c.args): \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(c.args): \(r.stdout)")
    }
  }

  @Test("in Chinese")
  func chinese() throws {
    let box = try Sandbox()
    let runs = try box.run(["--lang", "zh-Hans", "bench-repl", "--runs", "0"])
    #expect(runs.exited(64) && runs.stderr.hasPrefix("错误：--runs 须为不小于1的整数，而不是0。\n用法：permitdesk bench-repl "), "\(runs.stderr)")
    let sizes = try box.run(["--lang", "zh-Hans", "bench-runtime", "--sizes", "abc"])
    #expect(
      sizes.exited(64) && sizes.stderr.hasPrefix("错误：--sizes 须为以逗号分隔、不小于1的申请人数（如 100,400,1600；\"\" 表示不测），而不是“abc”。\n用法：permitdesk bench-runtime "),
      "\(sizes.stderr)")
    let attempts = try box.run(["--lang", "zh-Hans", "bench-runtime", "--sizes", "", "--attempts=-2"])
    #expect(attempts.exited(64) && attempts.stderr.hasPrefix("错误：--attempts 须为不小于0的整数（0：跳过），而不是-2。\n"), "\(attempts.stderr)")
  }

  @Test("good values still run: the examiner bench on a few packets, bench-runtime with nothing to measure")
  func goodValuesRun() throws {
    let box = try Sandbox()
    let bench = try box.run(["bench", "--count", "5", "--passes", "1"])
    #expect(bench.exited(0), "\(bench.stderr)")
    #expect(bench.stdout.hasPrefix("examiner: 5 decisions in "), "\(bench.stdout)")
    let runtime = try box.run(["bench-runtime", "--sizes", "", "--attempts", "0", "--jobs", "1"])
    #expect(runtime.exited(0) && runtime.stdout.isEmpty, "\(runtime.status) \(runtime.stdout) \(runtime.stderr)")
  }
}
