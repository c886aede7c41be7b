import Foundation
import PermitCore

/// The course on disk: every scenario under `Scenarios/` and every module under `Curriculum/`,
/// loaded strictly. Files that do not load are reported, not skipped silently.
public final class Course {
  /// The content library.
  public let library: ContentLibrary
  /// Scenarios by id.
  public private(set) var scenarios: [String: Scenario] = [:]
  /// Modules in course order.
  public private(set) var modules: [CurriculumModule] = []
  /// Problems found while loading.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Loads the course of a content library.
  public init(library: ContentLibrary) {
    self.library = library
    let ids = library.policyIDs()
    for path in Course.yamlFiles(under: library.root + "/Scenarios") {
      if path.contains("/packets/") || path.contains("/schema/") { continue }
      let display = Course.relative(path, to: library.root)
      let (r, node) = ContentLibrary.parse(path, display: display)
      guard let node else {
        diagnostics += r.diagnostics
        continue
      }
      guard ContentKind.recognise(node, path: path) == .scenario else { continue }
      if let (s, _) = ScenarioReader.read(node, reader: r, policies: { try? library.policy($0).get() }, policyIDs: ids) {
        var s = s
        s.file = display
        scenarios[s.id] = s
      }
      diagnostics += r.diagnostics.filter { $0.severity == .error }
    }
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
    modules.sort { ($0.order, $0.id) < ($1.order, $1.id) }
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

  /// The module a scenario belongs to (the first that lists it).
  public func module(of scenario: String) -> CurriculumModule? { modules.first { $0.scenarios.contains(scenario) } }

  /// Builds the setup of an attempt: policy packs, generated applicants (varied by `seed`).
  public func setup(scenario id: String, trainee: String, mode: AttemptMode, seed: UInt64) -> Result<AttemptRunner.Setup, SetupError> {
    guard let s = scenarios[id] else {
      return .failure(SetupError(message: "unknown scenario '\(id)'" + Suggest.hint(id, Array(scenarios.keys)) + " ('scenarios' lists them)"))
    }
    guard case .success(let pack) = library.policy(s.policy) else { return .failure(SetupError(message: "policy pack \(s.policy) does not load")) }
    var later: [String: PolicyPack] = [:]
    for e in s.events {
      if case .ruleChange(let p) = e.kind, let pack = try? library.policy(p).get() { later[p] = pack }
    }
    let generated = ScenarioExpander.applicants(of: s, policy: pack, later: later, attemptSeed: seed)
    let lib = library
    return .success(
      AttemptRunner.Setup(
        scenario: s, applicants: s.applicants + generated, policy: pack, packs: { try? lib.policy($0).get() },
        trainee: trainee, mode: s.assessment && mode == .practice ? .assessment : mode))
  }

  /// A stable hash of a scenario file's bytes (recorded on attempts, so a score can be tied to the
  /// exact content it was played on).
  public func contentHash(of id: String) -> String {
    guard let s = scenarios[id], let data = FileManager.default.contents(atPath: library.root + "/" + s.file) else { return "" }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in data {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return String(h, radix: 16)
  }
}

/// Why an attempt could not be set up.
public struct SetupError: Error, Sendable, CustomStringConvertible {
  /// What to tell the user.
  public var message: String
  public var description: String { message }
}
