import ArgumentParser
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

extension PermitDesk {
  /// `permitdesk decide PACKET…`: the core's acceptance decision for packets.
  struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.decide.abstract"),
      discussion: L10n.t("cli.decide.discussion"))

    @OptionGroup var content: ContentOptions

    @Argument(help: helpText("cli.decide.packets"), completion: .file(extensions: ["yaml"]))
    var packets: [String]

    @Option(help: helpText("cli.decide.policy"), completion: Completions.policies)
    var policy: String = "beijing-2017-pilot"

    @Option(help: helpText("cli.decide.format"))
    var format: OutputFormat = .text

    func validate() throws {
      if packets.isEmpty { throw ValidationError(L10n.t("cli.decide.no-packet")) }
    }

    func run() throws {
      let library = try content.library
      // --policy is checked even when every packet names its own pack: a mistyped id must not pass
      // unnoticed only because it was not needed this time.
      if case .failure = library.policy(policy) {
        printError("permitdesk: " + L10n.unknownPolicy(policy, known: library.policyIDs()))
        throw Exit.badInput
      }
      var results: [JSON] = []
      var texts: [String] = []
      var bad = false
      for file in packets {
        let packet: Packet
        switch library.loadPacket(path: file) {
        case .failure(let e):
          printDiagnostics(e.diagnostics)
          bad = true
          continue
        case .success(let p): packet = p
        }
        let pack: PolicyPack
        switch library.policy(packet.policy ?? policy) {
        case .failure(let e):
          printDiagnostics(e.diagnostics.map { d in
            var d = d
            if packet.policy != nil { d.message = "\(file): policy: " + d.message }
            return d
          })
          bad = true
          continue
        case .success(let p): pack = p
        }
        if pack.window(named: packet.window) == nil {
          // The reader accepts any district name; the pack knows its windows. Point at the key.
          var line = 1
          var column = 1
          if case .success(let text) = ContentLibrary.readText(file) {
            for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l.hasPrefix("window:") {
              line = i + 1
              column = (l.dropFirst(7).firstIndex { $0 != " " }.map { l.distance(from: l.startIndex, to: $0) } ?? 7) + 1
              break
            }
          }
          printError(
            "\(file):\(line):\(column): error: '\(packet.window)' is not a window of \(pack.id) (windows: \(pack.windows.joined(separator: ", ")))"
              + Suggest.hint(packet.window, pack.windows))
          bad = true
          continue
        }
        if !pack.districts.contains(District.normalised(packet.employer.district)) {
          // Part A′ 2: `e-town` is a district only in packs that name it.
          var line = 1
          if case .success(let text) = ContentLibrary.readText(file) {
            line = (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("employer:") } ?? 0) + 1
          }
          printError(
            "\(file):\(line):1: error: the employer's district '\(packet.employer.district)' is not a district of \(pack.id) (\(pack.districts.joined(separator: ", ")))")
          bad = true
          continue
        }
        let decision = Examiner(policy: pack).examine(packet)
        switch format {
        case .json: results.append(DecisionReport.json(file: file, packet: packet, decision: decision, policy: pack))
        case .text: texts.append(DecisionReport.text(file: file, packet: packet, decision: decision, policy: pack))
        }
      }
      switch format {
      case .json: print(JSON.array(results).render(indent: true))
      case .text: if !texts.isEmpty { print(texts.joined(separator: "\n\n")) }
      }
      if bad { throw Exit.badInput }
    }
  }
}
