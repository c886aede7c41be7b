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
    // A file named twice (`check F F`, a file and its folder, overlapping globs) is checked once,
    // under the first name given: otherwise it would be "a duplicate id" of itself.
    var seen: Set<String> = []
    return out.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path).inserted }
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

  /// A scenario id and where it is written (for the cross-file checks).
  struct ScenarioEntry {
    let id: String
    let file: String
    let at: SourcePosition
  }
  /// A module read and where its parts are (for the cross-file checks).
  struct ModuleEntry {
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
}
