/// Whether a proposal can be right at all (domain.md Part A′ 8 and 9). A proposal that cannot — an
/// impossible defect pair, a referral to a body that does not exist, accept-pending with nothing
/// pending — is malformed: the REPL, the scenario loader and `check` refuse it with a hint, and it
/// is never scored (neither as a wrong answer nor as an "invented defect").
public enum ProposalCheck {
  /// Why a proposal is malformed.
  public enum Malformation: Hashable, Sendable, CustomStringConvertible {
    /// A code that is no family at all, or a subject unknown everywhere (callers suggest the nearest code).
    case unknownDefect(String)
    /// A known family with a subject it does not apply to (`stale:passport`), with the hint.
    case invalidPair(String, hint: PairProblem)
    /// The same code twice.
    case duplicateDefect(String)
    /// A one-time notice with no defect listed.
    case supplementWithoutDefects
    /// An acceptance listing defects.
    case acceptWithDefects
    /// A refusal without its ground.
    case refusalWithoutGround
    /// Accept-pending with no pending item.
    case pendingWithoutItems
    /// Accept-pending listing something that cannot be pending.
    case notPendable(String, allowed: [String])
    /// A referral on anything but a refusal.
    case referralWithoutRefusal
    /// A refusal for jurisdiction that names no body.
    case missingReferral
    /// A referral to a body the pack does not have.
    case unknownBody(String, valid: [String])

    public var description: String {
      switch self {
      case .unknownDefect(let c): return "unknown defect code '\(c)'"
      case .invalidPair(_, let hint): return hint.description
      case .duplicateDefect(let c): return "defect '\(c)' is listed twice"
      case .supplementWithoutDefects: return "a one-time notice lists its defects: supplement DEFECT…"
      case .acceptWithDefects: return "an acceptance lists no defects; did you mean supplement, or accept-pending missing:ITEM?"
      case .refusalWithoutGround:
        return "a refusal states its ground: out-of-jurisdiction with a referral, or the late/early filing or wrong procedure"
      case .pendingWithoutItems:
        return "accept-pending lists the items still to come (e.g. missing:degree); with nothing pending it is an acceptance"
      case .notPendable(let c, let allowed):
        return "'\(c)' cannot be pending: accept-pending lists only " + allowed.map { "missing:" + $0 }.joined(separator: ", ")
      case .referralWithoutRefusal: return "only a refusal refers the employer elsewhere; drop --refer-to"
      case .missingReferral: return "a refusal for jurisdiction names the competent body: --refer-to " + "WINDOW or the municipal Center"
      case .unknownBody(let b, let valid):
        return "'\(b)' is not a body of this pack: refer to a pilot window or the municipal Center (" + valid.joined(separator: ", ") + ")"
      }
    }
  }

  /// The bodies a refusal may refer to under a pack: its pilot windows and the municipal Center.
  public static func referralBodies(_ policy: PolicyPack) -> [String] { policy.windows + [policy.municipalCenter] }

  /// The first reason a proposal is malformed under a policy pack, or nil when it is well formed.
  public static func malformation(outcome: Outcome, defects: [String], referTo: String?, policy: PolicyPack) -> Malformation? {
    var seen = Set<String>()
    for d in defects {
      if !DefectCatalog.isKnown(d) {
        if let hint = DefectCatalog.pairProblem(d) { return .invalidPair(d, hint: hint) }
        return .unknownDefect(d)
      }
      if !seen.insert(d).inserted { return .duplicateDefect(d) }
    }
    switch outcome {
    case .accept:
      if !defects.isEmpty { return .acceptWithDefects }
    case .acceptPending:
      if defects.isEmpty { return .pendingWithoutItems }
      let allowed = policy.categoryA.pendingAllowed.map(\.rawValue).sorted()
      for d in defects where !(d.hasPrefix("missing:") && allowed.contains(String(d.dropFirst(8)))) {
        return .notPendable(d, allowed: allowed)
      }
    case .supplement:
      if defects.isEmpty { return .supplementWithoutDefects }
    case .refuse:
      if defects.isEmpty { return .refusalWithoutGround }
      if defects.contains("out-of-jurisdiction") && referTo == nil { return .missingReferral }
    }
    if let body = referTo {
      if outcome != .refuse { return .referralWithoutRefusal }
      let valid = referralBodies(policy)
      if !valid.contains(where: { District.same($0, body) }) { return .unknownBody(body, valid: valid) }
    }
    return nil
  }
}
