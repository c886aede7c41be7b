import PermitContent
import PermitCore
import PermitLocalization

// The course (in PermitContent) knows the content; an attempt's setup belongs to the sandbox.
extension Course {
  /// Builds the setup of an attempt: policy packs, generated applicants (varied by `seed`).
  public func setup(scenario id: String, trainee: String, mode: AttemptMode, seed: UInt64) -> Result<AttemptRunner.Setup, SetupError> {
    guard index[id] != nil else {
      return .failure(SetupError(message: L10n.t("setup.unknown-scenario", id, Suggest.hint(id, scenarioIDs))))
    }
    guard let s = scenario(id) else {
      let message = diagnostics.last.map { L10n.t("setup.does-not-load.why", id, $0) } ?? L10n.t("setup.does-not-load", id)
      return .failure(SetupError(message: message))
    }
    guard case .success(let pack) = library.policy(s.policy) else { return .failure(SetupError(message: L10n.t("setup.policy-does-not-load", s.policy))) }
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
