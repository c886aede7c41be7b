import Foundation
import PermitCore
import PermitLocalization

/// The course on disk: every scenario under `Scenarios/` and every module under `Curriculum/`.
///
/// Modules are loaded strictly at once. Scenarios are indexed by a quick look at their top-level
/// `id:`, `title:`, `post:` and `assessment:` lines and loaded strictly when first needed, so that
/// the REPL opens in milliseconds; `check` validates every file. A scenario that does not load is
/// reported when it is asked for, not skipped silently.
public final class Course {
  /// What the index knows of a scenario file without loading it.
  public struct Entry: Sendable, Hashable {
    /// The scenario id.
    public var id: String
    /// The path relative to the content root.
    public var file: String
    /// The title.
    public var title: String
    /// The title in Chinese, nil when not translated.
    public var titleZh: String? = nil
    /// `A` or `B`.
    public var post: String
    /// Whether it is an assessment.
    public var assessment: Bool
    /// Whether it has scripted applicants (`applicants:`), not only generated ones.
    public var scripted: Bool = true

    /// The title in a language (English when not translated).
    public func title(in language: Language = Language.current) -> String {
      language == .zhHans ? (titleZh ?? title) : title
    }
  }

  /// The content library.
  public let library: ContentLibrary
  /// Scenario files by id (built on first use).
  public var index: [String: Entry] {
    if let i = builtIndex { return i }
    var i: [String: Entry] = [:]
    for path in Course.yamlFiles(under: library.root + "/Scenarios") {
      if path.contains("/packets/") || path.contains("/schema/") { continue }
      guard let data = FileManager.default.contents(atPath: path),
        let e = Course.entry(data, file: Course.relative(path, to: library.root))
      else { continue }
      if i[e.id] == nil { i[e.id] = e }
    }
    builtIndex = i
    return i
  }
  private var builtIndex: [String: Entry]?
  /// Modules in course order (loaded strictly on first use).
  public var modules: [CurriculumModule] {
    if let m = loadedModules { return m }
    // Each module's required scenarios, its own list or the default (every scripted scenario),
    // fixed once here so that progress in the REPL and in reports counts the same scenarios.
    let m = loadModules().map { m in
      var m = m
      m.required = requiredScenarios(of: m)
      return m
    }
    loadedModules = m
    return m
  }
  private var loadedModules: [CurriculumModule]?
  /// Problems found while loading.
  public private(set) var diagnostics: [Diagnostic] = []
  private var loaded: [String: Scenario] = [:]

  /// A course on a content library (nothing is read until it is needed).
  public init(library: ContentLibrary) {
    self.library = library
  }

  private func loadModules() -> [CurriculumModule] {
    var modules: [CurriculumModule] = []
    for path in Course.yamlFiles(under: library.root + "/Curriculum") {
      if path.contains("/schema/") { continue }
      let display = Course.relative(path, to: library.root)
      let (r, node) = ContentLibrary.parse(path, display: display)
      if let node, let (m, _) = CurriculumReader.read(node, reader: r) {
        var m = m
        m.file = display
        modules.append(m)
      }
      diagnostics += r.diagnostics.filter { $0.severity == .error }
    }
    return modules.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
  }

  /// The index entry of a scenario file from its top-level lines (bytes, not characters: this runs
  /// over every file); nil when it is not a scenario.
  static func entry(_ data: Data, file: String) -> Entry? {
    let wanted = ["id", "title", "post", "assessment", "clock", "applicants", "generate"]
    var fields: [String: String] = [:]
    // A bilingual title (issue 15) is `title: {en: …, zh: …}` or a block mapping of `en:`/`zh:` lines.
    var titleLanguages: [String: String] = [:]
    var inTitleBlock = false
    for line in data.split(separator: 10, omittingEmptySubsequences: true) {
      guard let first = line.first else { continue }
      if first == 32 {
        guard inTitleBlock else { continue }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        for lang in ["en", "zh"] where text.hasPrefix(lang + ":") {
          titleLanguages[lang] = unquote(String(text.dropFirst(3)))
        }
        continue
      }
      inTitleBlock = false
      guard first != 35, first != 45, first != 9, let colon = line.firstIndex(of: 58) else { continue }
      guard let key = String(bytes: line[line.startIndex..<colon], encoding: .utf8), wanted.contains(key), fields[key] == nil
      else { continue }
      let value = unquote(String(decoding: line[(colon + 1)...], as: UTF8.self))
      if key == "title" {
        if value.isEmpty { inTitleBlock = true }
        if value.hasPrefix("{") {
          for lang in ["en", "zh"] { titleLanguages[lang] = flowValue(value, key: lang) }
        }
      }
      fields[key] = value
      if fields.count == wanted.count && !inTitleBlock { break }
    }
    guard let id = fields["id"], !id.isEmpty, fields["clock"] != nil, fields["applicants"] != nil || fields["generate"] != nil else {
      return nil
    }
    let title = titleLanguages["en"] ?? fields["title"].flatMap { $0.isEmpty || $0.hasPrefix("{") ? nil : $0 } ?? id
    return Entry(
      id: id, file: file, title: title, titleZh: titleLanguages["zh"], post: fields["post"] ?? "A",
      assessment: fields["assessment"] == "true", scripted: fields["applicants"] != nil)
  }

  /// A scalar value on one line: trimmed, without a trailing comment or its quotes.
  static func unquote(_ raw: String) -> String {
    var value = raw.trimmingCharacters(in: .whitespaces)
    if let q = value.first, q == "\"" || q == "'" {
      if let end = value.dropFirst().firstIndex(of: q) { value = String(value[value.index(after: value.startIndex)..<end]) }
      return value
    }
    if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
    return value
  }

  /// The value of `key` in a one-line flow mapping (`{en: "A, b", zh: 甲}`), nil when absent.
  static func flowValue(_ flow: String, key: String) -> String? {
    guard let r = flow.range(of: key + ":") else { return nil }
    let rest = flow[r.upperBound...].drop { $0 == " " }
    if let q = rest.first, q == "\"" || q == "'" {
      let body = rest.dropFirst()
      guard let end = body.firstIndex(of: q) else { return nil }
      return String(body[..<end])
    }
    let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
    return String(rest[..<end]).trimmingCharacters(in: .whitespaces)
  }

  /// Scenario ids, sorted.
  public var scenarioIDs: [String] { index.keys.sorted() }

  /// Adds a scenario file given by path (a trainer's own, anywhere on disk) to this course, so that it
  /// can be played without copying it into the content folder. It replaces a shipped scenario of the
  /// same id for this course only. Returns its id, or why it is not a scenario file.
  public func addScenarioFile(_ path: String) -> Result<String, SetupError> {
    let cwd = FileManager.default.currentDirectoryPath
    let full = path.hasPrefix("/") ? path : cwd + "/" + path
    guard let data = FileManager.default.contents(atPath: full) else {
      return .failure(SetupError(message: "\(path): error: " + L10n.t("setup.cannot-read")))
    }
    guard var e = Course.entry(data, file: full) else {
      return .failure(SetupError(message: "\(path):1:1: error: " + L10n.t("setup.not-a-scenario")))
    }
    e.file = full
    var i = index
    i[e.id] = e
    builtIndex = i
    loaded[e.id] = nil
    return .success(e.id)
  }

  /// The path of an index entry's file: content-relative, or absolute for a file added by path.
  func fullPath(_ e: Entry) -> String { e.file.hasPrefix("/") ? e.file : library.root + "/" + e.file }

  /// A scenario, loaded strictly on first use (nil, with diagnostics, when it does not load).
  public func scenario(_ id: String) -> Scenario? {
    if let s = loaded[id] { return s }
    guard let e = index[id] else { return nil }
    let (r, node) = ContentLibrary.parse(fullPath(e), display: e.file)
    let lib = library
    guard let node,
      let (s, _) = ScenarioReader.read(node, reader: r, policies: { try? lib.policy($0).get() }, policyIDs: lib.policyIDs())
    else {
      diagnostics += r.diagnostics.filter { $0.severity == .error }
      return nil
    }
    var scenario = s
    scenario.file = e.file
    loaded[id] = scenario
    return scenario
  }

  /// Every scenario, loaded (for tools and tests; the REPL loads them one at a time).
  public var scenarios: [String: Scenario] {
    var all: [String: Scenario] = [:]
    for id in scenarioIDs { if let s = scenario(id) { all[id] = s } }
    return all
  }

  /// Every `.yaml` file under a folder, sorted.
  public static func yamlFiles(under dir: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
    var out: [String] = []
    while let p = e.nextObject() as? String {
      if p.hasSuffix(".yaml") || p.hasSuffix(".yml") { out.append(dir + "/" + p) }
    }
    return out.sorted()
  }

  static func relative(_ path: String, to root: String) -> String {
    path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
  }

  /// A module's pass mark (nil for none or an unknown module: the scenario's own applies).
  public func passMark(of module: String?) -> Int? {
    module.flatMap { m in modules.first { $0.id == m }?.passMark }
  }

  /// A module by id (nil for none or an unknown id).
  public func module(named id: String?) -> CurriculumModule? { id.flatMap { m in modules.first { $0.id == m } } }

  /// The scenarios of a module that must each be passed with credit: its `required` list, else
  /// every scripted scenario of it (one with `applicants:`), else all of them.
  public func requiredScenarios(of m: CurriculumModule) -> [String] {
    if let r = m.required { return r }
    let scripted = m.scenarios.filter { index[$0]?.scripted ?? true }
    return scripted.isEmpty ? m.scenarios : scripted
  }

  /// The module a scenario belongs to (the first that lists it).
  public func module(of scenario: String) -> CurriculumModule? { modules.first { $0.scenarios.contains(scenario) } }

  /// The content hash recorded on an attempt, version 2 (`c2:` and 16 hex digits): FNV-1a over the
  /// scenario file, every policy pack it uses (its own and those of its rule changes) and the
  /// calendar years those packs name — everything a replay of the attempt depends on besides its log.
  public func contentHash(of id: String) -> String {
    guard let e = index[id], let data = FileManager.default.contents(atPath: fullPath(e)) else { return "" }
    var h = FNV1a()
    h.add(e.file, data)
    if let s = scenario(id) {
      var packs: Set<String> = [s.policy]
      for ev in s.events { if case .ruleChange(let p) = ev.kind { packs.insert(p) } }
      var years: Set<Int> = []
      for p in packs.sorted() {
        let file = "Policies/\(p).yaml"
        h.add(file, FileManager.default.contents(atPath: library.root + "/" + file) ?? Data())
        if case .success(let pack) = library.policy(p) { years.formUnion(pack.calendar.years.keys) }
      }
      for y in years.sorted() {
        let file = "Policies/calendar/\(y).yaml"
        h.add(file, FileManager.default.contents(atPath: library.root + "/" + file) ?? Data())
      }
    }
    return "c2:" + h.hex
  }

  /// Version 1 of the content hash (bare hex): the scenario file's bytes only. Attempts recorded
  /// before version 2 carry it.
  public func contentHashV1(of id: String) -> String {
    guard let e = index[id], let data = FileManager.default.contents(atPath: fullPath(e)) else { return "" }
    var h = FNV1a()
    h.add(data)
    return String(h.value, radix: 16)
  }

  /// Whether the content an attempt was recorded on (its `recorded` hash, either version) has
  /// changed since: then a replay may differ without the record having been tampered with.
  public func contentChanged(_ recorded: String, scenario id: String) -> Bool {
    guard !recorded.isEmpty else { return false }
    return recorded.hasPrefix("c2:") ? recorded != contentHash(of: id) : recorded != contentHashV1(of: id)
  }
}

/// 64-bit FNV-1a, for content hashes (not a security measure: the database's hash chain is).
struct FNV1a {
  var value: UInt64 = 0xcbf2_9ce4_8422_2325
  mutating func add(_ data: Data) {
    for b in data {
      value ^= UInt64(b)
      value = value &* 0x100_0000_01b3
    }
  }
  /// A named part: its name, its length and its bytes, so parts cannot run into each other.
  mutating func add(_ name: String, _ data: Data) {
    add(Data("\(name.utf8.count):\(name);\(data.count):".utf8))
    add(data)
  }
  var hex: String {
    let h = String(value, radix: 16)
    return String(repeating: "0", count: 16 - h.count) + h
  }
}

/// Why an attempt could not be set up.
public struct SetupError: Error, Sendable, CustomStringConvertible {
  /// What to tell the user.
  public var message: String
  /// Creates the error with what to tell the user.
  public init(message: String) { self.message = message }
  public var description: String { message }
}
