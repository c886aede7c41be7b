import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

extension PermitDesk {
  /// `permitdesk bench`: performance figures measured on this machine.
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.bench.abstract"),
      shouldDisplay: false)

    @OptionGroup var content: ContentOptions

    @Option(help: helpText("cli.bench.count"))
    var count: Int = 20_000

    @Option(help: helpText("cli.bench.passes"))
    var passes: Int = 10

    @Option(help: helpText("cli.bench.seed"))
    var seed: UInt64 = 1

    func validate() throws {
      try Self.atLeastOne("--count", count)
      try Self.atLeastOne("--passes", passes)
    }

    /// Refuses a count below 1 (exit 64), saying what is expected.
    static func atLeastOne(_ option: String, _ value: Int) throws {
      if value < 1 { throw ValidationError(L10n.t("cli.bench.at-least-one", option, value)) }
    }

    func run() throws {
      let library = try content.library
      guard case .success(let pack) = library.policy("beijing-2017-pilot") else { throw Exit.internalError }
      var gen = PacketGenerator(seed: seed, policy: pack)
      let packets = (0..<count).map { _ in gen.nextPacket().packet }
      let examiner = Examiner(policy: pack)
      var outcomes: [Outcome: Int] = [:]
      let start = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<passes {
        for p in packets { outcomes[examiner.examine(p).outcome, default: 0] += 1 }
      }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      let n = Double(count * passes)
      print("examiner: \(count * passes) decisions in \(String(format: "%.3f", seconds)) s = \(Int(n / seconds)) decisions/s (one core)")
      print("outcomes: " + Outcome.allCases.map { "\($0.rawValue) \(outcomes[$0] ?? 0)" }.joined(separator: ", "))
    }
  }
}
