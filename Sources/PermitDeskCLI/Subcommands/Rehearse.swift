import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
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

    @Option(name: .customLong("new"), help: helpText("cli.rehearse.new"))
    var newType: String?

    @Option(help: helpText("cli.rehearse.materials"))
    var materials: String?

    @Option(help: helpText("cli.rehearse.category"))
    var category: String?

    @Option(help: helpText("cli.rehearse.output"), completion: .file(extensions: ["yaml"]))
    var output: String?

    @Option(help: helpText("cli.rehearse.person"))
    var person: String?

    @Option(help: helpText("cli.rehearse.policy"), completion: Completions.policies)
    var policy: String = "beijing-2017-pilot"

    @Option(help: helpText("cli.rehearse.format"))
    var format: OutputFormat = .text

    func validate() throws {
      if packet == nil && template == nil && newType == nil && materials == nil {
        throw ValidationError(L10n.t("cli.rehearse.nothing"))
      }
      for (flag, value) in [("--template", template), ("--new", newType), ("--materials", materials)] {
        if let t = value, ApplicationType(rawValue: t) == nil {
          throw ValidationError(
            L10n.t("cli.rehearse.type", flag, ApplicationType.allCases.map(\.rawValue).joined(separator: ", "))
              + Suggest.hint(t, ApplicationType.allCases.map(\.rawValue)))
        }
      }
      if let c = category, Category(rawValue: c.uppercased()) == nil { throw ValidationError(L10n.t("cli.rehearse.category-format")) }
      if newType != nil && (packet != nil || template != nil) { throw ValidationError(L10n.t("cli.rehearse.new-alone")) }
      if newType != nil && output == "-" { throw ValidationError(L10n.t("cli.rehearse.new-output")) }
      // JSON is the decision on a packet; a materials list or a template asked for as JSON must not
      // come out as text a program then fails to parse.
      if format == .json && (packet == nil || newType != nil) { throw ValidationError(L10n.t("cli.rehearse.json-needs-packet")) }
    }

    /// The template packet of a type: synthetic, complete, accepted as it is.
    static func templatePacket(_ type: ApplicationType, policy: PolicyPack) -> Packet {
      var gen = PacketGenerator(seed: 2017, policy: policy, types: [type], defectRate: 0)
      return gen.nextPacket().packet
    }

    /// Whether a packet is a shipped template left as it was (same applicant): not a person's own draft.
    static func isTemplate(_ p: Packet, policy: PolicyPack) -> Bool {
      let t = templatePacket(p.application.type, policy: policy)
      return t.applicant.passportNumber == p.applicant.passportNumber && t.applicant.name == p.applicant.name
    }

    func run() throws {
      let library = try content.library
      guard case .success(let defaultPack) = library.policy(policy) else {
        printError("permitdesk: " + L10n.unknownPolicy(policy, known: library.policyIDs()))
        throw Exit.badInput
      }
      if let m = materials, let type = ApplicationType(rawValue: m) {
        print(PlainLanguage.materialsList(policy: defaultPack, type: type, category: category.flatMap { Category(rawValue: $0.uppercased()) }).joined(separator: "\n"))
        return
      }
      if let n = newType, let type = ApplicationType(rawValue: n) {
        try guided(type, policy: defaultPack, library: library)
        return
      }
      if let t = template, let type = ApplicationType(rawValue: t) {
        var p = Rehearse.templatePacket(type, policy: defaultPack)
        if policy != "beijing-2017-pilot" { p.policy = defaultPack.id }
        let text = SchemaModeline.line(.packet, contentRoot: library.root, writtenTo: output == "-" ? nil : output) + "\n"
          + "# Template packet (\(t)): synthetic; replace the applicant, employer and documents with your own\n"
          + "# draft, then: permitdesk rehearse THIS-FILE --person YOUR-NAME\n" + ScenarioWriter.packet(p)
        if let out = output, out != "-" {
          do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
            printError("permitdesk: " + L10n.t("cli.err.cannot-write", out, error.localizedDescription))
            throw Exit.badInput
          }
          print(L10n.t("cli.rehearse.template-written", out))
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
      try show(p, file: file, pack: pack)
    }

    /// The notice (or the decision as JSON) and, with --person, the record.
    func show(_ p: Packet, file: String, pack: PolicyPack) throws {
      let d = Examiner(policy: pack).examine(p)
      switch format {
      case .json: print(DecisionReport.json(file: file, packet: p, decision: d, policy: pack).render(indent: true))
      case .text: print(NoticeText.rehearsalLines(packet: p, decision: d, policy: pack).joined(separator: "\n"))
      }
      if let who = person, Rehearse.isTemplate(p, policy: pack) {
        if format == .text {
          print("\n" + L10n.t("rehearse.template-not-counted", who))
        }
      } else if let who = person {
        let db = try database.open()
        try db.recordRehearsal(
          person: who, applicant: p.applicant.passportNumber, type: p.application.type.rawValue, outcome: d.outcome,
          defects: d.defects.map(\.code))
        let s = try db.rehearsalStats(person: who)
        if format == .text {
          print(
            "\n"
              + L10n.t(
                "rehearse.stats", who,
                L10n.t(s.submissions == 1 ? "rehearse.stats.rehearsals.one" : "rehearse.stats.rehearsals.other", s.submissions),
                L10n.t(s.files == 1 ? "rehearse.stats.files.one" : "rehearse.stats.files.other", s.files), s.firstTimeRight, s.rate))
        }
      }
    }

    /// `--new TYPE`: the guided conversation, the packet file, then the notice.
    func guided(_ type: ApplicationType, policy pack: PolicyPack, library: ContentLibrary) throws {
      var start = Rehearse.templatePacket(type, policy: pack)
      if let c = category.flatMap({ Category(rawValue: $0.uppercased()) }) { start.application.category = c }
      let reader: LineReader
      // Ctrl-C stops `rehearse --new` as usual (the REPL's prompt clears the line instead).
      do { reader = try LineReader(script: nil, interrupt: .stops) } catch {
        printError("permitdesk: \(error)")
        throw Exit.badInput
      }
      let guide = RehearseGuide(reader: reader, policy: pack, template: start)
      guard guide.run() else {
        printError("rehearse: " + L10n.t("cli.rehearse.input-ended", type.rawValue))
        throw Exit.badInput
      }
      let file = output ?? "\(type.rawValue)-draft.yaml"
      let text = SchemaModeline.line(.packet, contentRoot: library.root, writtenTo: file) + "\n"
        + "# \(type.rawValue) packet written by `permitdesk rehearse --new \(type.rawValue)`; edit it and rehearse again with\n"
        + "# permitdesk rehearse \(file)" + (person.map { " --person \($0)" } ?? "") + "\n" + ScenarioWriter.packet(guide.packet)
      if FileManager.default.fileExists(atPath: file) && output == nil {
        printError("rehearse: " + L10n.t("cli.rehearse.exists", file))
        throw Exit.badInput
      }
      do { try text.write(toFile: file, atomically: true, encoding: .utf8) } catch {
        printError("permitdesk: " + L10n.t("cli.err.cannot-write", file, error.localizedDescription))
        throw Exit.badInput
      }
      print("\n" + L10n.t("cli.rehearse.packet-written", file) + "\n")
      // Read back what was written, so the notice is the one the file gets.
      switch library.loadPacket(path: file) {
      case .failure(let e):
        printDiagnostics(e.diagnostics)
        throw Exit.internalError
      case .success(let p): try show(p, file: file, pack: pack)
      }
    }
  }
}
