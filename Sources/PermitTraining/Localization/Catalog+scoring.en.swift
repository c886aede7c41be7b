// The English texts of `score` and `debrief` (issue 15). Every key must exist in
// Catalog+scoring.zhHans.swift (LocalizationTests).

extension Catalog {
  /// English: score and debrief.
  static let enScoring: [String: String] = [
    "score.passed": "PASSED",
    "score.not-passed": "NOT PASSED",
    "score.not-passed.critical": "NOT PASSED: critical error {1}",
    "score.critical.item": "{1} ({2})",
    "score.final": "Final score: {1}/100 (pass mark {2}: {3})",
    "score.open.none": "no file still open",
    "score.open.one": "{1} of {2} file still open",
    "score.open.many": "{1} of {2} files still open",
    "score.running": "Running score: {1}/100 so far (pass mark {2}; {3}; 'finish' closes the day and scores it)",
    "score.dimensions": "  decisions {1} · double review {2} · time limits {3}",
    "score.critical-so-far": "  critical error so far: {1} - the attempt cannot pass",
    "score.hints.one": "{1} hint",
    "score.hints.many": "{1} hints",
    "score.restores.one": "{1} restore",
    "score.restores.many": "{1} restores",
    "score.aids": "  {1}, {2}{3}",
    "score.no-credit": " - no module credit for an attempt with a restore",

    "debrief.head": "Debrief: {1} ({2}), {3}, {4} mode",
    "debrief.critical": "Critical errors (each fails the attempt whatever the total):",
    "debrief.rule-text": "      rule [{1}] {2}: {3}",
    "debrief.rule": "      rule [{1}] {2}",
    "debrief.evidence": "      evidence: {1}",
    "debrief.hint-rule": "each hint costs {1}% of that file's decision share (practice mode)",
    "debrief.no-loss": "No points lost.",
    "debrief.lost": "Points lost:",
    "debrief.looked.head": "Evidence looked at before each verdict (show MATERIAL, checklist, points):",
    "debrief.round": "{1} round {2}",
    "debrief.agreed": "agreed",
    "debrief.returned": "returned",
    "debrief.looked": "  {1}  {2} at {3}: looked at {4}{5}",
    "debrief.nothing": "nothing",
    "debrief.not-at": "; not at {1}",
    "debrief.restores": "Restores (no module credit for this attempt):",
    "debrief.timeline": "Timeline:",
    "debrief.timeline.row": "{1}  {2}  {3} by {4}: {5}",
    "timeline.to-state": "now {1}",
    "timeline.return-reason": "; reason: {1}",
    "debrief.summary": "End of day: {1} cases; {2} notices ({3} on time): {4} acceptances, {5} with items pending, {6} one-time notices, {7} refusals; {8} deemed accepted; {9} bounced by the Center; {10} proposals, {11} reviews, {12} hints, {13} restores.",

    // The sandbox's own rules behind the critical errors.
    "critical-rule.issue-without-review": "no notice without post B's agreement",
    "critical-rule.self-review": "the same person never holds both posts on one case",
    "critical-rule.accept-out-of-jurisdiction": "a window never accepts a file from outside its district",
    "critical-rule.blind-agreement": "post B looks at the evidence before agreeing",
  ]
}
