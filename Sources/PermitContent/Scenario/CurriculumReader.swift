import PermitCore
import PermitLocalization

/// Where the parts of a module are in its file.
public struct ModuleSource: Sendable {
  /// The `id:` value.
  public var id: SourcePosition = .start
  /// The `order:` value.
  public var order: SourcePosition = .start
  /// Each scenario id of `scenarios:`.
  public var scenarios: [SourcePosition] = []
  /// Each module id of `prerequisites:`.
  public var prerequisites: [SourcePosition] = []
  /// The `prerequisites:` key (or the module).
  public var prerequisitesKey: SourcePosition = .start
}

/// Reads curriculum modules (`Curriculum/README.md`) strictly.
public enum CurriculumReader {
  /// Keys of a module.
  public static let keys = [
    "id", "order", "title", "objectives", "briefing", "scenarios", "pass-mark", "prerequisites", "assessment",
    "required", "critical-errors",
  ]

  /// Reads a module. Nil when an error was reported. Cross-file checks (unknown scenarios,
  /// missing or cyclic prerequisites, duplicate ids) are `ContentChecker`'s.
  public static func read(_ node: YAMLNode, reader r: YAMLReader) -> (CurriculumModule, ModuleSource)? {
    let before = r.diagnostics.count
    let what = "the module"
    var source = ModuleSource()
    guard let f = r.fields(node, what, allowed: keys, required: ["id", "order", "title", "scenarios"]) else { return nil }
    let id = r.text(f, "id", required: true, what: what) ?? ""
    source.id = r.position(f["id"])
    if f["id"] != nil && !id.isEmpty && !ScenarioReader.isID(id) {
      r.error(f["id"], LoaderMessage("scenario.id", .text(id)))
    }
    let order = r.int(f, "order", what: what, range: 1...999)
    source.order = r.position(f["order"])
    let titleText = r.bilingual(f, "title", required: true, what: what)
    let objectiveTexts = r.bilingualList(f, "objectives", what: what) ?? []
    let briefingText = r.bilingual(f, "briefing", what: what)
    let title = titleText?.en ?? ""
    let objectives = objectiveTexts.map(\.en)
    let briefing = briefingText?.en ?? ""
    var scenarios: [String] = []
    if let items = r.list(f, "scenarios", what: what) {
      if items.isEmpty { r.error(f["scenarios"], LoaderMessage("module.no-scenarios")) }
      for item in items {
        guard let s = r.scalar(item, "an item of 'scenarios'") else { continue }
        if scenarios.contains(s) {
          r.error(item, LoaderMessage("module.scenario-twice", .text(s)))
          continue
        }
        scenarios.append(s)
        source.scenarios.append(r.position(item))
      }
    }
    let passMark: Int?
    if let pn = f["pass-mark"], !r.isNull(pn) {
      passMark = r.int(f, "pass-mark", what: what, range: 0...100)
    } else {
      passMark = 70
    }
    var prerequisites: [String] = []
    source.prerequisitesKey = r.position(f.keys["prerequisites"] ?? node)
    if let items = r.list(f, "prerequisites", what: what) {
      for item in items {
        guard let s = r.scalar(item, "an item of 'prerequisites'") else { continue }
        if s == id {
          r.error(item, LoaderMessage("module.own-prerequisite", .text(id)))
          continue
        }
        if prerequisites.contains(s) {
          r.error(item, LoaderMessage("module.prerequisite-twice", .text(s)))
          continue
        }
        prerequisites.append(s)
        source.prerequisites.append(r.position(item))
      }
    }
    let assessment = r.bool(f, "assessment", what: what) ?? false
    var required: [String]?
    if let items = r.list(f, "required", what: what) {
      var ids: [String] = []
      for item in items {
        guard let s = r.scalar(item, "an item of 'required'") else { continue }
        if !scenarios.contains(s) {
          r.error(item, LoaderMessage("module.required-not-listed", .text(s), suggest: Suggest.closest(to: s, in: scenarios)))
        } else if ids.contains(s) {
          r.error(item, LoaderMessage("module.required-twice", .text(s)))
        } else {
          ids.append(s)
        }
      }
      if items.isEmpty { r.error(f["required"], LoaderMessage("module.required-empty")) }
      required = ids
    }
    let critical = ScenarioReader.criticalErrors(f, r, what)
    guard !r.diagnostics[before...].contains(where: { $0.severity == .error }), let order, let passMark else { return nil }
    var module = CurriculumModule(
      id: id, order: order, title: title, objectives: objectives, briefing: briefing, scenarios: scenarios,
      passMark: passMark, prerequisites: prerequisites, assessment: assessment, file: r.file)
    module.required = required
    module.criticalErrors = critical
    module.titleZh = titleText?.zh
    module.objectivesZh = objectiveTexts.map(\.zh)
    module.briefingZh = briefingText?.zh
    return (module, source)
  }
}

/// The kinds of content file `check` recognises.
public enum ContentKind: String, Sendable, CaseIterable {
  case policy = "policy pack"
  case calendar = "holiday calendar"
  case packet
  case scenario
  case module = "curriculum module"

  /// Recognises a file's kind from its top-level keys (the path decides only when the keys do not).
  public static func recognise(_ node: YAMLNode, path: String = "") -> ContentKind? {
    var keys: Set<String> = []
    if case .mapping(let m) = node {
      for (k, _) in m { if case .scalar(let s) = k { keys.insert(s.string) } }
    }
    if keys.contains("year") && (keys.contains("holidays") || keys.contains("make-up-workdays")) { return .calendar }
    if PolicyReader.looksLikePolicy(Array(keys)) || keys.contains("time-limits") || keys.contains("handled-types") {
      return .policy
    }
    if keys.contains("clock") || keys.contains("applicants") || keys.contains("generate") || keys.contains("events")
      || keys.contains("scoring") || keys.contains("colleague")
    {
      return .scenario
    }
    if keys.contains("scenarios") || keys.contains("objectives") || keys.contains("prerequisites")
      || keys.contains("order")
    {
      return .module
    }
    if keys.contains("applicant") || keys.contains("materials") || keys.contains("application")
      || keys.contains("employer") || keys.contains("submitted")
    {
      return .packet
    }
    // Keys that all miss by a typo (`aplicant`, `materals`): the kind whose keys they are closest
    // to, so its reader names each with "did you mean" (as `decide` does for a packet).
    if let near = nearest(Array(keys)) { return near }
    // Fall back on where the file is.
    let p = "/" + path
    if p.contains("/Policies/calendar/") { return .calendar }
    if p.contains("/Policies/") { return .policy }
    if p.contains("/Scenarios/packets/") { return .packet }
    if p.contains("/Scenarios/") { return .scenario }
    if p.contains("/Curriculum/") { return .module }
    return nil
  }

  /// The keys that mark each kind (a packet's `window` and `policy` are a scenario's too).
  static let markers: [(key: String, kind: ContentKind)] =
    [("year", .calendar), ("holidays", .calendar), ("make-up-workdays", .calendar), ("time-limits", .policy), ("handled-types", .policy)]
    + ["clock", "applicants", "generate", "events", "scoring", "colleague"].map { ($0, .scenario) }
    + ["scenarios", "objectives", "prerequisites", "order"].map { ($0, .module) }
    + ["applicant", "materials", "application", "employer", "submitted"].map { ($0, .packet) }

  /// The kind most of the keys are a typo of (nil: none, or a tie).
  static func nearest(_ keys: [String]) -> ContentKind? {
    let names = markers.map(\.key)
    var votes: [ContentKind: Int] = [:]
    for k in keys {
      guard let near = Suggest.closest(to: k, in: names), let kind = markers.first(where: { $0.key == near })?.kind else { continue }
      votes[kind, default: 0] += 1
    }
    let ranked = votes.sorted { $0.value > $1.value }
    guard let top = ranked.first, ranked.count == 1 || ranked[1].value < top.value else { return nil }
    return top.key
  }
}
