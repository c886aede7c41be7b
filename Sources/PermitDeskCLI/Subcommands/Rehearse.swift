import ArgumentParser
import Foundation
import PermitCore
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk rehearse`: employer personnel try a submission before the real visit.
  struct Rehearse: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.rehearse.abstract"),
      discussion: L10n.t("cli.rehearse.discussion"))

    @OptionGroup var content: ContentOptions
    @OptionGroup var database: DatabaseOptions

    @Argument(help: helpText("cli.rehearse.packet"), completion: .file(extensions: ["yaml"]))
    var packet: String?

    @Option(help: helpText("cli.rehearse.template"))
    var template: String?

    @Option(help: helpText("cli.rehearse.output"), completion: .file(extensions: ["yaml"]))
    var output: String?

    @Option(help: helpText("cli.rehearse.person"))
    var person: String?

    @Option(help: helpText("cli.rehearse.policy"), completion: Completions.policies)
    var policy: String = "beijing-2017-pilot"

    @Option(help: helpText("cli.rehearse.format"))
    var format: OutputFormat = .text

    func validate() throws {
      if packet == nil && template == nil { throw ValidationError("Please give a packet file to rehearse, or --template TYPE to start one.") }
      if let t = template, ApplicationType(rawValue: t) == nil {
        throw ValidationError("Please give --template one of " + ApplicationType.allCases.map(\.rawValue).joined(separator: ", ") + Suggest.hint(t, ApplicationType.allCases.map(\.rawValue)))
      }
    }

    func run() throws {
      let library = try content.library
      guard case .success(let defaultPack) = library.policy(policy) else {
        printError("permitdesk: unknown policy pack '\(policy)'" + Suggest.hint(policy, library.policyIDs()))
        throw Exit.badInput
      }
      if let t = template, let type = ApplicationType(rawValue: t) {
        var gen = PacketGenerator(seed: 2017, policy: defaultPack, types: [type], defectRate: 0)
        var p = gen.nextPacket().packet
        if policy != "beijing-2017-pilot" { p.policy = defaultPack.id }
        let text = "# Template packet (\(t)): synthetic; replace the applicant, employer and documents with your own\n"
          + "# draft, then: permitdesk rehearse THIS-FILE --person YOUR-NAME\n" + ScenarioWriter.packet(p)
        if let out = output, out != "-" {
          do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
            printError("permitdesk: cannot write \(out): \(error.localizedDescription)")
            throw Exit.badInput
          }
          print("template written to \(out)")
        } else {
          print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
        if packet == nil { return }
      }
      guard let file = packet else { return }
      let p: Packet
      switch library.loadPacket(path: file) {
      case .failure(let e):
        printDiagnostics(e.diagnostics)
        throw Exit.badInput
      case .success(let x): p = x
      }
      guard case .success(let pack) = library.policy(p.policy ?? policy) else {
        printError("\(file): error: unknown policy pack '\(p.policy ?? policy)'")
        throw Exit.badInput
      }
      let d = Examiner(policy: pack).examine(p)
      switch format {
      case .json: print(DecisionReport.json(file: file, packet: p, decision: d, policy: pack).render(indent: true))
      case .text: print(NoticeText.lines(packet: p, decision: d, policy: pack).joined(separator: "\n"))
      }
      if let who = person {
        let db = try database.open()
        try db.recordRehearsal(
          person: who, applicant: p.applicant.passportNumber, type: p.application.type.rawValue, outcome: d.outcome.rawValue,
          defects: d.defects.map(\.code))
        let s = try db.rehearsalStats(person: who)
        if format == .text {
          print("\n\(who): \(s.submissions) rehearsal\(s.submissions == 1 ? "" : "s"), \(s.files) file\(s.files == 1 ? "" : "s"), \(s.firstTimeRight) right the first time (\(s.rate)%)")
        }
      }
    }
  }
}
