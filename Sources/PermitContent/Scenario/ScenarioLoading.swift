import Foundation
import PermitCore

/// Loading scenarios and the curriculum from a content root (for the REPL, `play` and reports).
extension ContentLibrary {
  /// Reads a scenario file strictly; fails with every problem (answer keys are not cross-checked
  /// here: that is `check`'s job).
  public func loadScenario(path: String, display: String? = nil) -> Result<Scenario, LoadError> {
    let (r, node) = ContentLibrary.parse(path, display: display)
    guard let node else { return .failure(LoadError(r.diagnostics)) }
    let result = ScenarioReader.read(
      node, reader: r, policies: { id in if case .success(let p) = self.policy(id) { return p } else { return nil } },
      policyIDs: policyIDs())
    guard let (s, _) = result else { return .failure(LoadError(r.diagnostics)) }
    return .success(s)
  }

  /// Reads a curriculum module file strictly.
  public func loadModule(path: String, display: String? = nil) -> Result<CurriculumModule, LoadError> {
    let (r, node) = ContentLibrary.parse(path, display: display)
    guard let node, let (m, _) = CurriculumReader.read(node, reader: r) else { return .failure(LoadError(r.diagnostics)) }
    return .success(m)
  }

  /// Scenario ids and their files (relative to the root), from every scenario file under
  /// `Scenarios/` (not `packets/` or `schema/`). Files without a readable id are left out.
  public func scenarioFiles() -> [(id: String, path: String)] {
    var out: [(String, String)] = []
    let dir = root + "/Scenarios"
    guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
    var rels: [String] = []
    while let rel = e.nextObject() as? String {
      if (rel.hasSuffix(".yaml") || rel.hasSuffix(".yml")) && !rel.hasPrefix("packets/") && !rel.hasPrefix("schema/") {
        rels.append(rel)
      }
    }
    for rel in rels.sorted() {
      guard case .success(let text) = ContentLibrary.readText(dir + "/" + rel) else { continue }
      let r = YAMLReader(file: rel)
      if let node = r.parse(text), case .mapping = node, let idNode = node["id"], case .scalar(let s) = idNode {
        out.append((s.string, "Scenarios/" + rel))
      }
    }
    return out
  }

  /// The scenario with an id (`Scenarios/**`), read strictly.
  public func scenario(id: String) -> Result<Scenario, LoadError> {
    let files = scenarioFiles()
    guard let f = files.first(where: { $0.id == id }) else {
      let ids = files.map(\.id)
      return .failure(
        LoadError([
          Diagnostic(file: "Scenarios", line: 0, column: 0, LoaderMessage("no-scenario", .text(id), suggest: Suggest.closest(to: id, in: ids)))
        ]))
    }
    return loadScenario(path: root + "/" + f.path, display: f.path)
  }

  /// Every module under `Curriculum/`, in course order; fails with every problem of every file.
  public func curriculum() -> Result<[CurriculumModule], LoadError> {
    let dir = root + "/Curriculum"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    var modules: [CurriculumModule] = []
    var problems: [Diagnostic] = []
    for n in names {
      switch loadModule(path: dir + "/" + n, display: "Curriculum/" + n) {
      case .success(let m): modules.append(m)
      case .failure(let e): problems += e.diagnostics
      }
    }
    if !problems.isEmpty { return .failure(LoadError(problems)) }
    return .success(modules.sorted { ($0.order, $0.id) < ($1.order, $1.id) })
  }

  /// Every applicant of a scenario for one attempt: the scripted ones and the generated ones
  /// (`ScenarioExpander`), in order of arrival (ties: scripted first, then by ticket).
  public func applicants(of scenario: Scenario, attemptSeed: UInt64 = 0) -> Result<[ScriptedApplicant], LoadError> {
    guard case .success(let pack) = policy(scenario.policy) else {
      return .failure(
        LoadError([Diagnostic(file: scenario.file, line: 1, column: 1, LoaderMessage("unknown-policy.alone", .text(scenario.policy)))]))
    }
    var later: [String: PolicyPack] = [:]
    for id in scenario.policyIDs where id != pack.id {
      if case .success(let p) = policy(id) { later[id] = p }
    }
    let generated = ScenarioExpander.applicants(of: scenario, policy: pack, later: later, attemptSeed: attemptSeed)
    let all = scenario.applicants.map { ($0, 0) } + generated.map { ($0, 1) }
    return .success(
      all.sorted { a, b in
        (a.0.arrives, a.1, a.0.ticket) < (b.0.arrives, b.1, b.0.ticket)
      }.map(\.0))
  }
}
