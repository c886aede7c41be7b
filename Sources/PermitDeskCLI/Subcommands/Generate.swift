import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitTraining

extension PermitDesk {
  /// `permitdesk generate --count N --seed S --output FILE`: a scenario of synthetic applicants.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.generate.abstract"),
      discussion: L10n.t(
        "cli.generate.discussion",
        ScenarioGeneration.profiles.map { L10n.t("cli.generate.profile-item", $0.0, L10n.t("cli.generate.profile." + $0.0)) }
          .joined(separator: L10n.t("diag.separator")),
        PacketGenerator.mutations.joined(separator: ", ")))

    @OptionGroup var content: ContentOptions

    @Option(help: helpText("cli.generate.count"))
    var count: Int

    @Option(help: helpText("cli.generate.seed"))
    var seed: UInt64

    @Option(help: helpText("cli.generate.output"), completion: .file(extensions: ["yaml"]))
    var output: String

    @Option(help: helpText("cli.generate.types"))
    var types: String?

    @Option(help: helpText("cli.generate.defectRate"))
    var defectRate: Double?

    @Option(help: helpText("cli.generate.mix"))
    var mix: String?

    @Option(help: helpText("cli.generate.profile"))
    var profile: String = "mixed"

    @Option(help: helpText("cli.generate.window"))
    var window: String?

    @Option(help: helpText("cli.generate.policy"), completion: Completions.policies)
    var policy: String = "beijing-2017-pilot"

    @Option(help: helpText("cli.generate.post"))
    var post: String = "A"

    @Option(help: helpText("cli.generate.start"))
    var start: String = "2017-07-03T09:00+08:00"

    @Option(help: helpText("cli.generate.everyMinutes"))
    var everyMinutes: Int = 15

    @Option(help: helpText("cli.generate.id"))
    var id: String?

    func run() throws {
      guard (1...10_000).contains(count) else { throw ValidationError(L10n.t("cli.generate.count-range")) }
      guard let prof = ScenarioGeneration.profile(profile) else {
        let names = ScenarioGeneration.profiles.map(\.0)
        throw ValidationError(L10n.t("cli.generate.unknown-profile", profile, names.joined(separator: ", ")) + Suggest.hint(profile, names))
      }
      var typeList = prof.types
      if let t = types {
        typeList = []
        for name in t.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
          guard let v = ApplicationType(rawValue: name) else {
            let all = ApplicationType.allCases.map(\.rawValue)
            throw ValidationError(L10n.t("cli.generate.unknown-type", name, all.joined(separator: ", ")) + Suggest.hint(name, all))
          }
          typeList.append(v)
        }
      }
      var mixList = prof.mix
      if let m = mix {
        mixList = []
        for name in m.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
          guard PacketGenerator.mutations.contains(name) else {
            throw ValidationError(L10n.t("cli.generate.unknown-family", name) + Suggest.hint(name, PacketGenerator.mutations))
          }
          mixList.append(name)
        }
      }
      let rate = defectRate ?? prof.defectRate
      guard (0...1).contains(rate) else { throw ValidationError(L10n.t("cli.generate.rate-range")) }
      guard let p = TraineePost(rawValue: post.uppercased()) else { throw ValidationError(L10n.t("cli.generate.bad-post")) }
      guard let startTime = Timestamp(iso: start) else {
        throw ValidationError(L10n.t("cli.generate.bad-start"))
      }
      guard (1...1440).contains(everyMinutes) else { throw ValidationError(L10n.t("cli.generate.every-range")) }
      let library = try content.library
      let packs = library.policyIDs()
      guard packs.contains(policy) else {
        throw ValidationError(ContentLibrary.unknownPolicy(policy, known: packs).message(in: Language.current))
      }
      let pack: PolicyPack
      switch library.policy(policy) {
      case .success(let pk): pack = pk
      case .failure(let e):
        // The pack exists but does not load: bad content, at its positions.
        printDiagnostics(e.diagnostics)
        throw Exit.badInput
      }
      let w = window ?? pack.windows.first ?? "chaoyang"
      guard pack.windows.contains(w) else {
        throw ValidationError(L10n.t("cli.generate.bad-window", w, pack.id, pack.windows.joined(separator: ", ")) + Suggest.hint(w, pack.windows))
      }
      let scenarioID = id ?? Generate.defaultID(output: output, seed: seed)
      guard ScenarioReader.isID(scenarioID) else {
        throw ValidationError(L10n.t("cli.generate.bad-id"))
      }
      let options = ScenarioGeneration.Options(
        id: scenarioID, count: count, seed: seed, types: typeList, defectRate: rate, mix: mixList,
        talentShare: prof.talentShare, window: w, post: p, start: startTime, everyMinutes: everyMinutes)
      let scenario = ScenarioGeneration.make(options, policy: pack)
      var args = "--count \(count) --seed \(seed) --profile \(profile)"
      if let t = types { args += " --types \(t)" }
      if let r = defectRate { args += " --defect-rate \(r)" }
      if let m = mix { args += " --mix \(m)" }
      args += " --window \(w) --policy \(policy) --post \(p.rawValue) --start \(start)"
      let text = ScenarioWriter.write(
        scenario,
        header: [
          "Generated by `permitdesk generate \(args)`.",
          "Synthetic applicants (SPEC passports, \"(Sandbox)\" employers); answer keys computed by the examiner.",
        ])
      let modeline = SchemaModeline.line(.scenario, contentRoot: library.root, writtenTo: output == "-" ? nil : output)
      if output == "-" {
        print(modeline + "\n" + text, terminator: "")
      } else if !FileManager.default.createFile(atPath: output, contents: Data((modeline + "\n" + text).utf8)) {
        printError("permitdesk: " + L10n.t("cli.err.cannot-write.folder", output))
        throw Exit.badInput
      } else {
        let keyed = scenario.applicants.filter { $0.expect != nil }.count
        print(
          L10n.t(
            scenario.applicants.count == 1 ? "cli.generate.wrote.one" : "cli.generate.wrote.other", output, scenarioID,
            scenario.applicants.count, keyed, Localized.name("district", w), p.rawValue, policy))
        print(L10n.t("cli.generate.next", Generate.shellWord(output)))
      }
    }

    static func defaultID(output: String, seed: UInt64) -> String {
      let base = ((output as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
      var id = ""
      for u in base.unicodeScalars {
        if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || u == "-" {
          id.unicodeScalars.append(u)
        } else if !id.hasSuffix("-") {
          id += "-"
        }
      }
      while id.hasSuffix("-") { id.removeLast() }
      while id.hasPrefix("-") { id.removeFirst() }
      return id.isEmpty || output == "-" ? "generated-\(seed)" : id
    }
  }
}

extension PermitDesk.Generate {
  /// `path` as one word for a POSIX shell, so that the suggested next commands can be pasted as
  /// they are (`'My scenario.yaml'`); a plain path is written as it is.
  static func shellWord(_ path: String) -> String {
    let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+,:@%=".unicodeScalars.contains($0) }
    return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }
}
