import Foundation
import PermitCore

// `check`'s checks across files: duplicate ids, module orders, unknown scenarios and prerequisites,
// cycles (split from ContentChecker.swift).
extension ContentChecker {
  /// Checks across the files read: duplicate scenario and module ids, shared module orders, unknown
  /// scenarios and prerequisites (against the content root too), cycles, prerequisites that come later.
  func crossFile(_ scenarios: [ScenarioEntry], _ modules: [ModuleEntry], _ report: inout CheckReport) {
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
