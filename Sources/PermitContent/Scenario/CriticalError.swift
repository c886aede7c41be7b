import PermitCore

/// An error that fails an attempt whatever its total (issue 9). A scenario (`scoring.critical-errors`)
/// or a module (`critical-errors`) names the ones that apply; by default all of them do.
public enum CriticalError: String, CaseIterable, Sendable, Hashable {
  /// Post A tried to issue a notice before post B agreed.
  case issueWithoutReview = "issue-without-review"
  /// The trainee tried to review a proposal they made (both posts on one case).
  case selfReview = "self-review"
  /// An acceptance proposed (post A) or agreed (post B) for a file from outside the window's district.
  case acceptOutOfJurisdiction = "accept-out-of-jurisdiction"
  /// Post B agreed with a wrong proposal without having looked at the evidence that shows the error.
  case blindAgreement = "blind-agreement"

  /// The default set: all of them.
  public static let defaults = allCases

  /// One line: what it is.
  public var text: String {
    switch self {
    case .issueWithoutReview: return "no notice without post B's agreement"
    case .selfReview: return "the same person never holds both posts on one case"
    case .acceptOutOfJurisdiction: return "a window never accepts a file from outside its district"
    case .blindAgreement: return "post B looks at the evidence before agreeing"
    }
  }

  /// The policy rule it breaks.
  public var rule: RuleID {
    switch self {
    case .issueWithoutReview, .selfReview, .blindAgreement: return .doublePost
    case .acceptOutOfJurisdiction: return .jurisdiction
    }
  }
}
