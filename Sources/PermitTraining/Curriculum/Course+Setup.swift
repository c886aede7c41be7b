import PermitContent
import PermitCore

/// Why an attempt could not be set up (the CLI's screens say it, with what to do instead).
public enum AttemptSetupError: Error, Hashable, Sendable {
  /// No scenario by that id (`known`: the ids there are).
  case unknownScenario(String, known: [String])
  /// The scenario does not load (`diagnostic`: the last problem found, if any).
  case doesNotLoad(String, diagnostic: Diagnostic?)
  /// The scenario's policy pack does not load.
  case policyDoesNotLoad(String)
}

// The course (in PermitContent) knows the content; an attempt's setup belongs to the sandbox.
extension Course {
  /// Builds the setup of an attempt: policy packs, generated applicants (varied by `seed`).
  public func setup(scenario id: String, trainee: String, mode: AttemptMode, seed: UInt64) -> Result<AttemptRunner.Setup, AttemptSetupError> {
    guard index[id] != nil else { return .failure(.unknownScenario(id, known: scenarioIDs)) }
    guard let s = scenario(id) else { return .failure(.doesNotLoad(id, diagnostic: diagnostics.last)) }
    guard case .success(let pack) = library.policy(s.policy) else { return .failure(.policyDoesNotLoad(s.policy)) }
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
}
