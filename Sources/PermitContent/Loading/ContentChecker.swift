import Foundation
import PermitCore
import PermitLocalization

/// What `check` found over a set of files.
public struct CheckReport: Sendable {
  /// Each file checked, with the kind recognised (nil when not recognised or unreadable).
  public var files: [(path: String, kind: ContentKind?)] = []
  /// Every problem, sorted by file and position.
  public var diagnostics: [Diagnostic] = []
  /// Whether a named path or a file could not be read at all.
  public var unreadable = false

  /// Number of errors.
  public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
  /// Number of warnings.
  public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

  /// The one-line summary, in the session's language.
  public var summary: String { summary(in: Language.current) }

  /// The one-line summary in a language.
  public func summary(in language: Language) -> String {
    func count(_ noun: String, _ n: Int) -> String { L10n.t("diag.count.\(noun).\(n == 1 ? "one" : "other")", n, in: language) }
    return L10n.t("diag.summary", count("file", files.count), count("error", errors), count("warning", warnings), in: language)
  }

  /// The machine-readable form.
  public var json: JSON {
    .object([
      ("files", .array(files.map { .object([("path", .string($0.path)), ("kind", .optional($0.kind?.rawValue))]) })),
      ("errors", .int(errors)),
      ("warnings", .int(warnings)),
      (
        "diagnostics",
        .array(
          diagnostics.map {
            .object([
              ("file", .string($0.file)), ("line", .int($0.line)), ("column", .int($0.column)),
              ("severity", .string($0.severity.rawValue)), ("message", .string($0.message)),
            ])
          })
      ),
    ])
  }
}

/// `permitdesk check`: validates files and folders of content (policy packs, calendars, packets,
/// scenarios, curriculum modules), recognising each file's kind from its content, then checks
/// across files (duplicate ids, unknown scenarios in modules, missing or cyclic prerequisites) and
/// cross-checks every answer key (`expect:`) with the examiner.
public final class ContentChecker: @unchecked Sendable {
  /// The content library (policy packs, and the index of scenarios and modules for references).
  public let library: ContentLibrary
  /// The policy pack for packets that do not name one.
  public var defaultPolicy = "beijing-2017-pilot"

  private let policyIDList: [String]
  /// Files checked at once (the files are independent until the cross-file checks).
  public var concurrency = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// Creates a checker.
  public init(library: ContentLibrary) {
    self.library = library
    policyIDList = library.policyIDs()
  }

  /// The default paths: the content root's Policies, Scenarios and Curriculum folders.
  public var defaultPaths: [String] {
    ["Policies", "Scenarios", "Curriculum"].map { library.root + "/" + $0 }
      .filter { FileManager.default.fileExists(atPath: $0) }
  }

  /// Lists the YAML files under paths (folders recursively, sorted); reports missing paths.
  public static func files(in paths: [String], report: inout CheckReport) -> [String] {
    var out: [String] = []
    let fm = FileManager.default
    for p in paths {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
        report.diagnostics.append(Diagnostic(file: p, line: 0, column: 0, LoaderMessage("does-not-exist")))
        report.unreadable = true
        continue
      }
      if !isDir.boolValue {
        out.append(p)
        continue
      }
      var found: [String] = []
      if let e = fm.enumerator(atPath: p) {
        while let rel = e.nextObject() as? String {
          if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") {
            found.append(p.hasSuffix("/") ? p + rel : p + "/" + rel)
          }
        }
      }
      out += found.sorted()
    }
    return out
  }

  private struct FileResult {
    var kind: ContentKind?
    var diagnostics: [Diagnostic] = []
    var unreadable = false
    var scenarios: [ScenarioEntry] = []
    var modules: [ModuleEntry] = []
  }

  private final class ResultSlots: @unchecked Sendable {
    private var slots: [FileResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: FileResult) {
      lock.lock()
      slots[i] = r
      lock.unlock()
    }
    func all() -> [FileResult] { slots.map { $0 ?? FileResult() } }
  }

  private struct ScenarioEntry {
    let id: String
    let file: String
    let at: SourcePosition
  }
  private struct ModuleEntry {
    let module: CurriculumModule
    let source: ModuleSource
  }

  /// Checks files and folders.
  public func check(paths: [String]) -> CheckReport {
    var report = CheckReport()
    let files = ContentChecker.files(in: paths, report: &report)
    var scenarios: [ScenarioEntry] = []
    var modules: [ModuleEntry] = []
    // Each file alone, on every core; then merged in file order (deterministic).
    let results = ResultSlots(count: files.count)
    let workers = min(concurrency, max(1, files.count))
    let work: @Sendable (Int) -> Void = { [self] w in
      var i = w
      while i < files.count {
        let file = files[i]
        var one = FileResult()
        if let data = FileManager.default.contents(atPath: file) {
          (one.kind, one.diagnostics) = checkOne(data, file: file, scenarios: &one.scenarios, modules: &one.modules)
        } else {
          one.diagnostics = [Diagnostic(file: file, line: 0, column: 0, LoaderMessage("cannot-be-read"))]
          one.unreadable = true
        }
        results.set(i, one)
        i += workers
      }
    }
    if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
    for (file, one) in zip(files, results.all()) {
      report.diagnostics += one.diagnostics
      report.files.append((file, one.kind))
      if one.unreadable { report.unreadable = true }
      scenarios += one.scenarios
      modules += one.modules
    }
    crossFile(scenarios, modules, &report)
    report.diagnostics.sort()
    return report
  }

  /// Checks one file's contents alone (no cross-file checks): its kind and its diagnostics.
  public func check(data: Data, file: String) -> (ContentKind?, [Diagnostic]) {
    var scenarios: [ScenarioEntry] = []
    var modules: [ModuleEntry] = []
    let (kind, diagnostics) = checkOne(data, file: file, scenarios: &scenarios, modules: &modules)
    return (kind, diagnostics.sorted())
  }

  private func checkOne(
    _ data: Data, file: String, scenarios: inout [ScenarioEntry], modules: inout [ModuleEntry]
  ) -> (ContentKind?, [Diagnostic]) {
    let r = YAMLReader(file: file)
    r.warnMissingTranslations = true
    var kind: ContentKind?
    switch ContentLibrary.decode(data, display: file) {
    case .failure(let e):
      return (nil, e.diagnostics)
    case .success(let text):
      guard let node = r.parse(text) else { return (nil, r.diagnostics) }
      kind = ContentKind.recognise(node, path: file)
      switch kind {
      case nil:
        r.error(node, LoaderMessage("unknown-kind"))
      case .policy?:
        if let p = PolicyReader.read(node, reader: r, calendars: { self.library.calendarYear($0) }) {
          let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
          if base != p.id { r.warning(node, LoaderMessage("pack-id-not-file-name", .text(p.id), .text(base))) }
        }
      case .calendar?:
        _ = PolicyReader.readCalendar(node, reader: r)
      case .packet?:
        checkPacket(node, r)
      case .scenario?:
        if let (s, src) = ScenarioReader.readPartial(
          node, reader: r, policies: { self.pack($0) }, policyIDs: policyIDList)
        {
          if ScenarioReader.isID(s.id) { scenarios.append(ScenarioEntry(id: s.id, file: file, at: src.id)) }
          crossCheck(s, src, r)
        } else if case .mapping = node, let idNode = node["id"], case .scalar(let sc) = idNode,
          ScenarioReader.isID(sc.string)
        {
          // Keep its id for references even when it has errors.
          scenarios.append(ScenarioEntry(id: sc.string, file: file, at: r.position(idNode)))
        }
      case .module?:
        if let (m, src) = CurriculumReader.read(node, reader: r) { modules.append(ModuleEntry(module: m, source: src)) }
      }
    }
    return (kind, r.failed ? r.diagnostics : r.diagnostics + r.translationWarnings)
  }

  func pack(_ id: String) -> PolicyPack? {
    if case .success(let p) = library.policy(id) { return p }
    return nil
  }

  func checkPacket(_ node: YAMLNode, _ r: YAMLReader) {
    guard let packet = PacketReader.read(node, reader: r) else { return }
    let id = packet.policy ?? defaultPolicy
    guard let p = pack(id) else {
      let ids = policyIDList
      r.error(node["policy"] ?? node, LoaderMessage("unknown-policy", .text(id), .text(ids.joined(separator: ", ")), suggest: Suggest.closest(to: id, in: ids)))
      return
    }
    if p.window(named: packet.window) == nil {
      r.error(
        node["window"] ?? node,
        LoaderMessage(
          "not-a-window", .text(packet.window), .text(p.id), .text(p.windows.joined(separator: ", ")),
          suggest: Suggest.closest(to: packet.window, in: p.windows)))
    }
    if !p.districts.contains(packet.employer.district) {
      r.error(node["employer"] ?? node, ContentChecker.unknownDistrict(packet.employer.district, p))
    }
  }

  /// Part A′ 2: `e-town` is a district only in packs that name it.
  static func unknownDistrict(_ d: String, _ p: PolicyPack) -> LoaderMessage {
    LoaderMessage("not-a-district", .text(d), .text(p.id), .text(p.districts.joined(separator: ", ")))
  }

  // MARK: - Answer keys

  /// Compares every answer key of a scenario with the examiner under the pack in force on arrival.
  public func crossCheck(_ s: Scenario, _ src: ScenarioSource, _ r: YAMLReader) {
    for a in s.applicants {
      let at = src.applicants[a.ticket]
      let id = s.policyID(at: a.arrives)
      guard let pack = self.pack(id) else { continue }
      if pack.window(named: a.packet.window) == nil {
        if a.packet.window == s.window && s.policy == pack.id { continue }  // reported at 'window:'

        r.error(
          at: at?.node ?? .start,
          LoaderMessage(
            "applicant-not-a-window", .text(a.ticket), .text(a.packet.window), .text(pack.id),
            suggest: Suggest.closest(to: a.packet.window, in: pack.windows)))
        continue
      }
      if !pack.districts.contains(a.packet.employer.district) {
        r.error(at: at?.node ?? .start, LoaderMessage("applicant-prefix", .text(a.ticket), .message(ContentChecker.unknownDistrict(a.packet.employer.district, pack))))
        continue
      }
      if let e = a.expect {
        compare(e, a.packet, pack, at?.expect ?? at?.node ?? .start, LoaderMessage("answer.who.applicant", .text(a.ticket)), r)
      }
      if let c = a.correction, let e = c.expect {
        let cid = s.policyID(at: c.packet.submitted)
        if let cpack = self.pack(cid) {
          compare(e, c.packet, cpack, at?.correctionExpect ?? at?.node ?? .start, LoaderMessage("answer.who.correction", .text(a.ticket)), r)
        }
      }
    }
  }

  func compare(_ e: Expectation, _ packet: Packet, _ pack: PolicyPack, _ at: SourcePosition, _ who: LoaderMessage, _ r: YAMLReader) {
    let d = Examiner(policy: pack).examine(packet)
    let codes = d.defects.map(\.code).sorted()
    // The key lists defects (not pending items), so it is graded against the examiner's defects.
    let g = Grading.grade(Answer(outcome: e.outcome, defects: e.defects), against: Answer(outcome: d.outcome, defects: codes))
    var differences: [LoaderMessage] = []
    if !g.outcomeRight { differences.append(LoaderMessage("answer.outcome", .text(e.outcome.rawValue), .text(d.outcome.rawValue))) }
    if !g.missed.isEmpty || !g.invented.isEmpty {
      var parts: [LoaderMessage] = []
      if !g.missed.isEmpty { parts.append(LoaderMessage("answer.key-misses", .text(g.missed.joined(separator: ", ")))) }
      if !g.invented.isEmpty { parts.append(LoaderMessage("answer.examiner-does-not-find", .text(g.invented.joined(separator: ", ")))) }
      differences.append(LoaderMessage("answer.defects", .messages(parts)))
    }
    if let c = e.category, c != d.computedCategory {
      differences.append(LoaderMessage("answer.category", .text(c.rawValue), .text(d.computedCategory.rawValue), .text("\(d.points.total)")))
    }
    if let p = e.pending, p.sorted() != d.pending.sorted() {
      differences.append(
        LoaderMessage(
          "answer.pending", .text(p.map(\.rawValue).joined(separator: ", ")),
          .text(d.pending.sorted().map(\.rawValue).joined(separator: ", "))))
    }
    guard !differences.isEmpty else { return }
    var said = codes.isEmpty
      ? LoaderMessage("answer.said", .text(d.outcome.rawValue))
      : LoaderMessage("answer.said.codes", .text(d.outcome.rawValue), .text(codes.joined(separator: ", ")))
    if let to = d.referTo { said = LoaderMessage("answer.said.refer", .message(said), .text(to)) }
    r.error(
      at: at,
      LoaderMessage("answer.disagrees", .message(who), .text(pack.id), .text("\(packet.submitted)"), .messages(differences), .message(said)))
    for f in d.findings {
      r.append(
        Diagnostic(
          file: r.file, line: at.line, column: at.column, severity: .note,
          LoaderMessage("answer.note.finding", .text(f.defect.code), .text(f.rule.rawValue), .findingDetail(f.reason))))
    }
    for f in d.pendingFindings {
      r.append(
        Diagnostic(
          file: r.file, line: at.line, column: at.column, severity: .note,
          LoaderMessage(
            "answer.note.pending", .text(f.material?.rawValue ?? f.defect.code), .text(f.rule.rawValue), .findingDetail(f.reason))))
    }
    if d.findings.isEmpty && d.outcome.isAcceptance {
      r.append(
        Diagnostic(
          file: r.file, line: at.line, column: at.column, severity: .note,
          LoaderMessage("answer.note.in-order", .text(d.computedCategory.rawValue), .text("\(d.points.total)"))))
    }
  }

  // MARK: - Across files

  private func crossFile(_ scenarios: [ScenarioEntry], _ modules: [ModuleEntry], _ report: inout CheckReport) {
    var firstScenario: [String: ScenarioEntry] = [:]
    for s in scenarios {
      if let f = firstScenario[s.id] {
        report.diagnostics.append(
          Diagnostic(
            file: s.file, line: s.at.line, column: s.at.column,
            LoaderMessage("duplicate-scenario", .text(s.id), .text("\(f.file):\(f.at.line)"))))
      } else {
        firstScenario[s.id] = s
      }
    }
    var firstModule: [String: ModuleEntry] = [:]
    var orders: [Int: ModuleEntry] = [:]
    for m in modules {
      if let f = firstModule[m.module.id] {
        report.diagnostics.append(
          Diagnostic(
            file: m.module.file, line: m.source.id.line, column: m.source.id.column,
            LoaderMessage("duplicate-module", .text(m.module.id), .text("\(f.module.file):\(f.source.id.line)"))))
      } else {
        firstModule[m.module.id] = m
      }
      if let f = orders[m.module.order] {
        report.diagnostics.append(
          Diagnostic(
            file: m.module.file, line: m.source.order.line, column: m.source.order.column, severity: .warning,
            LoaderMessage("module-order", .text("\(m.module.order)"), .text(f.module.id), .text(f.module.file))))
      } else {
        orders[m.module.order] = m
      }
    }
    guard !modules.isEmpty else { return }
    // References: the checked files first, then the content root's index.
    var knownScenarios = Set(firstScenario.keys)
    var knownModules = Set(firstModule.keys)
    var indexed = false
    func index() {
      guard !indexed else { return }
      indexed = true
      knownScenarios.formUnion(ContentChecker.ids(under: library.root + "/Scenarios", skipping: ["packets", "schema"]))
      knownModules.formUnion(ContentChecker.ids(under: library.root + "/Curriculum", skipping: ["schema"]))
    }
    for m in modules {
      for (id, at) in zip(m.module.scenarios, m.source.scenarios) {
        if !knownScenarios.contains(id) { index() }
        if !knownScenarios.contains(id) {
          report.diagnostics.append(
            Diagnostic(
              file: m.module.file, line: at.line, column: at.column,
              LoaderMessage("unknown-scenario", .text(id), .text(m.module.id), suggest: Suggest.closest(to: id, in: Array(knownScenarios).sorted()))))
        }
      }
      for (id, at) in zip(m.module.prerequisites, m.source.prerequisites) {
        if !knownModules.contains(id) { index() }
        if !knownModules.contains(id) {
          report.diagnostics.append(
            Diagnostic(
              file: m.module.file, line: at.line, column: at.column,
              LoaderMessage("unknown-prerequisite", .text(id), suggest: Suggest.closest(to: id, in: Array(knownModules).sorted()))))
        }
      }
    }
    // Cycles among the modules checked.
    var state: [String: Int] = [:]  // 1 visiting, 2 done
    var reported = Set<String>()
    func visit(_ id: String, _ path: [String]) {
      guard let m = firstModule[id] else { return }
      if state[id] == 2 { return }
      if state[id] == 1 {
        let cycle = Array(path[path.firstIndex(of: id)!...]) + [id]
        let key = Set(cycle).sorted().joined(separator: ",")
        if reported.insert(key).inserted {
          report.diagnostics.append(
            Diagnostic(
              file: m.module.file, line: m.source.prerequisitesKey.line, column: m.source.prerequisitesKey.column,
              LoaderMessage("cyclic-prerequisites", .text(cycle.joined(separator: " → ")))))
        }
        return
      }
      state[id] = 1
      for p in m.module.prerequisites { visit(p, path + [id]) }
      state[id] = 2
    }
    for m in modules.sorted(by: { $0.module.id < $1.module.id }) { visit(m.module.id, []) }
    // Prerequisites that come later in the course.
    for m in modules {
      for (id, at) in zip(m.module.prerequisites, m.source.prerequisites) {
        if let p = firstModule[id], p.module.order >= m.module.order {
          report.diagnostics.append(
            Diagnostic(
              file: m.module.file, line: at.line, column: at.column, severity: .warning,
              LoaderMessage("prerequisite-later", .text(id), .text("\(p.module.order)"), .text("\(m.module.order)"))))
        }
      }
    }
  }

  /// The `id:` of every YAML file under a folder (skipping some subfolders), read cheaply.
  static func ids(under dir: String, skipping: [String]) -> Set<String> {
    var out = Set<String>()
    guard let e = FileManager.default.enumerator(atPath: dir) else { return out }
    while let rel = e.nextObject() as? String {
      guard rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") else { continue }
      if skipping.contains(where: { rel.hasPrefix($0 + "/") }) { continue }
      guard case .success(let text) = ContentLibrary.readText(dir + "/" + rel) else { continue }
      let r = YAMLReader(file: rel)
      if let node = r.parse(text), case .mapping = node, let idNode = node["id"], case .scalar(let s) = idNode {
        out.insert(s.string)
      }
    }
    return out
  }
}
