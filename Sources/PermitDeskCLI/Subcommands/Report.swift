import ArgumentParser
import Foundation
import PermitContent
import PermitCore
import PermitLocalization
import PermitStore
import PermitTraining

extension PermitDesk {
  /// `permitdesk report`: results for trainers (views and formats in Report/).
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.report.abstract"),
      discussion: L10n.t("cli.report.discussion"))

    @OptionGroup var content: ContentOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: helpText("cli.report.trainee"), completion: Completions.trainees)
    var trainee: String?

    @Option(help: helpText("cli.report.cohort"), completion: Completions.cohorts)
    var cohort: String?

    @Option(help: helpText("cli.report.scenario"), completion: Completions.scenarios)
    var scenario: String?

    @Option(help: helpText("cli.report.per"))
    var per: Per = .attempt

    @Option(help: helpText("cli.report.format"))
    var format: Format = .table

    @ArgumentParser.Flag(help: helpText("cli.report.includeAutoplay"))
    var includeAutoplay = false

    @ArgumentParser.Flag(help: helpText("cli.report.noBom"))
    var noBom = false

    @Option(help: helpText("cli.report.since"))
    var since: String?

    @Option(help: helpText("cli.report.installationId"))
    var installationId: String?

    @Option(help: helpText("cli.report.homePage"))
    var homePage: String?

    @Option(name: [.short, .customLong("output")], help: helpText("cli.report.output"))
    var output: String?

    @ArgumentParser.Flag(help: helpText("cli.report.schema"))
    var schema = false

    enum Per: String, ExpressibleByArgument, CaseIterable { case attempt, trainee, module, item }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, html, xapi }

    func validate() throws {
      if format == .xapi && per != .attempt {
        throw ValidationError(L10n.t("cli.report.xapi-per", per.rawValue))
      }
      if since != nil && format != .xapi { throw ValidationError(L10n.t("cli.report.since-xapi")) }
      if let s = since, Report.parseSince(s) == nil {
        throw ValidationError(L10n.t("cli.report.since-format"))
      }
      if let i = installationId, UUID(uuidString: i) == nil { throw ValidationError(L10n.t("cli.report.installation-id")) }
      if noBom && format != .csv { throw ValidationError(L10n.t("cli.report.no-bom")) }
    }

    static func parseSince(_ s: String) -> Date? {
      if s.count == 10, CivilDate(iso: s) != nil { return ZoneClock.parse(s + "T00:00:00Z") }
      return ZoneClock.parse(s)
    }

    func run() throws {
      if schema {
        try emit(ReportSchema.document(per: per.rawValue, columns: Report.columns(per)).render(indent: true) + "\n")
        return
      }
      let db = try database.openReadOnly()
      var traineeID: Int64?
      let all = try db.trainees(cohort: nil)
      if let name = trainee {
        guard let t = try db.trainee(named: name) else {
          printError("permitdesk: " + L10n.t("cli.err.no-trainee", name) + Suggest.hint(name, all.map(\.name)))
          throw Exit.badInput
        }
        traineeID = t.id
      }
      // A filter that names nothing is a typo, not an empty result: say so, with the closest name.
      if let c = cohort, !all.contains(where: { $0.cohort == c }) {
        let cohorts = Array(Set(all.compactMap(\.cohort).filter { !$0.isEmpty })).sorted()
        printError("permitdesk: " + L10n.t("cli.err.no-cohort", c) + Suggest.hint(c, cohorts))
        throw Exit.badInput
      }
      let library = try content.library
      if let id = scenario {
        let played = Set(try db.attempts(participant: nil, scenario: nil, cohort: nil).map(\.scenarioID))
        let known = played.union(Course(library: library).scenarioIDs)
        if !known.contains(id) {
          printError("permitdesk: " + L10n.t("cli.err.unknown-scenario", id) + Suggest.hint(id, known.sorted()))
          throw Exit.badInput
        }
      }
      let names = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
      // Per person: a pair attempt is a row for each partner, with their own post's result.
      let records = try db.attempts(participant: traineeID, scenario: scenario, cohort: cohort).filter { includeAutoplay || $0.mode != .autoplay }
      let facts = try AttemptFacts.load(records, trainees: names, db: db)
      var clock = ZoneClock(library: library)
      if format == .xapi {
        let env = ProcessInfo.processInfo.environment
        let home = homePage ?? env["PERMITDESK_HOME_PAGE"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://permitdesk.invalid/sandbox"
        let installation = try installationId.flatMap(UUID.init(uuidString:))
          ?? env["PERMITDESK_INSTALLATION_ID"].flatMap(UUID.init(uuidString:))
          ?? XAPIExport.defaultInstallation(createdAt: db.createdAt(), homePage: home)
        let course = Course(library: library)
        let export = XAPIExport(
          installation: installation, homePage: home, scenarioTitles: course.index.mapValues(\.title),
          moduleTitles: Dictionary(course.modules.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a }),
          since: since.flatMap(Report.parseSince))
        try emit(JSON.array(export.statements(facts)).render(indent: true) + "\n")
        return
      }
      let table: ReportTable
      switch per {
      case .attempt: table = ReportViews.attempts(facts, clock: &clock)
      case .item: table = ReportViews.items(facts)
      case .trainee, .module:
        let course = Course(library: library)
        // Progress counts all of a trainee's attempts, whatever the scenario filter.
        var progress: [Int64: [AttemptRecord]] = [:]
        for a in try db.attempts(participant: traineeID, scenario: nil, cohort: cohort) { progress[a.trainee, default: []].append(a) }
        if per == .trainee {
          table = ReportViews.trainees(facts, progressAttempts: progress, modules: course.modules, clock: &clock)
        } else {
          let shown = all.filter { t in (traineeID == nil || t.id == traineeID) && (cohort == nil || t.cohort == cohort) && (includeAutoplay || t.cohort != "autoplay") }
            .filter { t in scenario == nil || facts.contains { $0.record.trainee == t.id } }
          table = ReportViews.modules(trainees: shown, progressAttempts: progress, modules: course.modules)
        }
      }
      switch format {
      case .xapi: return
      case .table: try emit(table.textLines.joined(separator: "\n") + "\n")
      case .json: try emit(table.json.render(indent: true) + "\n")
      case .csv: try emit(ReportCSV.file(table, bom: !noBom))
      case .html:
        var charts: [String: [AttemptFacts]] = [:]
        for f in facts where f.finished { charts[f.record.scenarioID, default: []].append(f) }
        let offset = facts.first.map { clock.offset(policy: $0.record.policy) } ?? clock.offset(policy: "beijing-2017-pilot")
        let any = L10n.t("report.html.any")
        let filter = Localized.list([
          L10n.t("report.html.filter.trainee", trainee ?? any), L10n.t("report.html.filter.cohort", cohort ?? any),
          L10n.t("report.html.filter.scenario", scenario ?? any),
          L10n.t(includeAutoplay ? "report.html.autoplay-in" : "report.html.autoplay-out"),
        ])
        var tables = [table]
        if per != .item { tables.append(ReportViews.items(facts)) }
        let header = ReportHTML.Header(filter: filter, view: L10n.t("report.html.per", per.rawValue), generated: ZoneClock.format(Date(), offset: offset))
        try emit(ReportHTML.page(header: header, charts: charts, tables: tables))
      }
    }

    /// Writes the report to --output (and says so) or to standard output, byte for byte.
    func emit(_ text: String) throws {
      guard let path = output, path != "-" else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
      }
      do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        printError("permitdesk: " + L10n.t("cli.err.cannot-write.folder", path))
        throw Exit.badInput
      }
      print(L10n.t("cli.report.written", path, format.rawValue, text.utf8.count))
    }

    /// The columns of a view (for --schema and the README).
    static func columns(_ per: Per) -> [Column] {
      switch per {
      case .attempt: ReportViews.attemptColumns
      case .trainee: ReportViews.traineeColumns
      case .module: ReportViews.moduleColumns
      case .item: ReportViews.itemColumns
      }
    }
  }


  /// `permitdesk verify`: the integrity of the records.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.verify.abstract"),
      discussion: L10n.t("cli.verify.discussion"))

    @OptionGroup var content: ContentOptions
    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Flag(help: helpText("cli.verify.rescore"))
    var rescore = false

    @Option(help: helpText("cli.verify.jobs"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("scenario-file"), help: helpText("cli.verify.scenario-file"), completion: .file(extensions: ["yaml"]))
    var scenarioFiles: [String] = []

    @Option(name: .customLong("key"), help: helpText("cli.verify.key"))
    var keyFile: String?

    func run() throws {
      let key: RecordKey?
      do { key = try keyFile.map(RoomConfig.readKey(from:)) } catch {
        printError("permitdesk: \(error)")
        throw Exit.badInput
      }
      let db = try database.openReadOnly()
      if !(try Verify.check(db: db, key: key, library: { try content.library }, rescore: rescore, jobs: jobs, scenarioFiles: scenarioFiles)) {
        throw Exit.problems
      }
    }

    /// Verifies `db` (authenticated with `key` when given), prints the verdict, and returns whether
    /// the records are intact. Shared by `permitdesk verify` and the trainer's `verify` in the room.
    static func check(
      db: SandboxDatabase, key: RecordKey?, library: () throws -> ContentLibrary, rescore: Bool,
      jobs: Int = ProcessInfo.processInfo.activeProcessorCount, scenarioFiles: [String] = []
    ) throws -> Bool {
      let content: ContentLibrary?
      if rescore {
        let library = try library()
        // Trainers' own scenario files (played with 'play PATH.yaml'), checked before any re-scoring.
        let probe = Course(library: library)
        for f in scenarioFiles {
          if case .failure(let e) = probe.addScenarioFile(f) {
            printError("permitdesk: \(e.message)")
            throw Exit.badInput
          }
        }
        content = library
      } else {
        content = try? library()
      }
      let names = Dictionary(uniqueKeysWithValues: try db.trainees(cohort: nil).map { ($0.id, $0.name) })
      let from = try db.projectionsCheckedFrom() ?? Int64.max
      // The hash chain, and on the same pass (each attempt's log read once, on `jobs` threads) the
      // re-score of finished attempts and the case, review and notice rows rebuilt from every
      // attempt's log (Verify+Replay.swift).
      let gathered = AttemptInspector.Gathered()
      let report = try db.verify(
        key: key, jobs: jobs,
        inspect: content.map { content in
          { @Sendable reader in
            // One inspector per thread, reading through that thread's connection.
            let inspector = AttemptInspector(
              root: content.root, files: scenarioFiles, names: names, db: reader, rescore: rescore, projectionsFrom: from)
            gathered.lock.withLock { gathered.inspectors.append(inspector) }
            return { log in try inspector.inspect(log.attempt, log: log.actions) }
          }
        })
      var found = ReplayFindings()
      for inspector in gathered.inspectors { found.add(inspector.found) }
      var problems = report.problems.map(\.description)
      let every = try db.attempts(trainee: nil, scenario: nil, cohort: nil)
      // A `finish` that succeeded in the log of an attempt still open: the result was never recorded
      // (a kill between the two commits of versions before finishing was one transaction).
      for a in every where a.status == .open {
        if let f = try db.actions(attempt: a.id).first(where: { $0.verb == "finish" && $0.ok }) {
          problems.append(
            L10n.t("verify.finish-unrecorded", a.id, f.seq))
        }
      }
      var skipped: [String] = []
      var changed: [String] = []
      if let content {
        if !found.unsettled.isEmpty {
          let unsettled = found.unsettled
          found.unsettled = []
          found.add(try Verify.settle(unsettled, names: names, root: content.root, db: db, files: scenarioFiles))
        }
        problems += ReplayFindings.ordered(found.scoreProblems)
        changed += ReplayFindings.ordered(found.scoreChanged)
        let earlier = every.filter { $0.id < from }.count
        if earlier > 0 {
          skipped.append(
            L10n.t(earlier == 1 ? "verify.earlier.one" : "verify.earlier.other", earlier))
        }
        problems += ReplayFindings.ordered(found.projectionProblems)
        changed += ReplayFindings.ordered(found.projectionChanged)
        skipped += ReplayFindings.ordered(found.projectionSkipped)
      } else {
        skipped.append(L10n.t("verify.no-content"))
      }
      let (rescored, older) = (found.rescored, found.older)
      // A score that differs because the content changed is reported apart from one that does not
      // follow from its log: the first is not evidence that the record was edited.
      problems += changed
      if problems.isEmpty {
        let rescoreNote = (rescore ? L10n.t(rescored == 1 ? "cli.verify.rescored.one" : "cli.verify.rescored.other", rescored) : "")
          + (older > 0 ? L10n.t("cli.verify.older", older) : "")
        switch report.authentication {
        case .unsigned:
          print("verify: " + L10n.t("cli.verify.intact") + rescoreNote)
        case .authenticated:
          print("verify: " + L10n.t("cli.verify.authenticated", report.keyID ?? "?") + rescoreNote)
        case .unauthenticated:
          print("verify: " + L10n.t("cli.verify.unauthenticated", report.keyID ?? "?") + rescoreNote)
        }
        for note in skipped { print("verify: " + L10n.t("cli.verify.note", note)) }
        return true
      }
      for p in problems { print("verify: \(p)") }
      for note in skipped { print("verify: " + L10n.t("cli.verify.note", note)) }
      return false
    }
  }

}

extension PermitDesk {
  /// `permitdesk purge --before DATE`: the retention command.
  struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.purge.abstract"),
      discussion: L10n.t("cli.purge.discussion"))

    @OptionGroup var database: DatabaseOptions

    @Option(help: helpText("cli.purge.before"))
    var before: String

    func validate() throws {
      if CivilDate(iso: before) == nil { throw ValidationError(L10n.t("cli.purge.before-format")) }
    }

    func run() throws {
      // Retention removes records; a mistyped --db must not create a new, empty sandbox and say
      // "0 removed" (report and verify refuse a missing file the same way).
      let attributes = try? FileManager.default.attributesOfItem(atPath: database.resolvedPath)
      guard ((attributes?[.size] as? NSNumber)?.intValue ?? 0) > 0 else {
        printError("permitdesk: " + L10n.t("cli.purge.no-database", database.resolvedPath))
        throw Exit.badInput
      }
      let db = try database.open()
      let removed = try db.purgeCases(retainedBefore: before)
      for c in removed {
        // The outcome (or the state) by its code, with its name in a Chinese session (`accept 受理`).
        let (namespace, code) = c.outcome.map { ("outcome", $0.rawValue) } ?? ("state", c.state)
        print(L10n.t("purge.case", c.attempt, c.ticket, CodeNames.label(code, CodeNames.value(namespace, code)), c.retainUntil ?? "?"))
      }
      print(L10n.t(removed.count == 1 ? "purge.done.one" : "purge.done.other", removed.count))
    }
  }
}
