import PermitTraining

/// The help of the attempt commands (`help`, `help VERB`): usage, one-line summary and further
/// text, in English (the Chinese comes from the catalog's `help.VERB.*` keys, ``CommandTable``).
/// The runtime's table (``AttemptCommands/specs``) holds what the commands are; their words are here.
enum AttemptCommandHelp {
  /// Usage, summary and details by verb.
  static let byVerb: [String: (usage: String, summary: String, details: String)] = [
    "brief": (
      "brief",
      "the scenario's briefing",
      ""),
    "queue": (
      "queue",
      "tickets at the window with state and deadline",
      ""),
    "open": (
      "open TICKET",
      "take a ticket's file",
      "Shows the employer, the applicant, the application and the list of materials handed in."),
    "show": (
      "show [MATERIAL]",
      "the open file, or one document's stated facts",
      "As post B, opening the evidence before you agree is part of the review."),
    "checklist": (
      "checklist",
      "required materials for the open file and which were handed in",
      ""),
    "points": (
      "points",
      "the points table for the open file (2017 interim table) and the category it supports",
      ""),
    "decide": (
      "decide accept|accept-pending|supplement|refuse [DEFECT…] [--refer-to BODY]",
      "as post A, propose the outcome and every defect",
      "A one-time notice lists every defect at once, e.g. 'decide supplement stale:criminal-record mismatch:name'.\nA refusal names its ground and, for jurisdiction, the competent body (a pilot window of the pack or the municipal Center): 'decide refuse out-of-jurisdiction --refer-to haidian'.\nAccept-pending lists the items still to come: 'decide accept-pending missing:degree'.\nA proposal that cannot be right (an impossible pair such as stale:passport, an unknown body) is refused with a hint, not scored."),
    "handover": (
      "handover",
      "as post A, hand your proposal to post B",
      ""),
    "review": (
      "review agree | review return REASON",
      "as post B, agree with post A's proposal or return it with a reason",
      ""),
    "issue": (
      "issue",
      "as post A, issue the notice once post B has agreed",
      "No notice without both posts: the system refuses it, and the attempt records it."),
    "clock": (
      "clock",
      "the simulated time, whether the window is open, and the agenda of pending deadlines",
      ""),
    "advance": (
      "advance DURATION | advance --to TIME | advance --next",
      "let simulated time pass (forward only)",
      "DURATION like 30m, 2h, 1d; TIME like 14:00 or 2017-07-04T09:00+08:00; --next jumps to the next arrival, event or deadline, or to the next opening when the window is closed and that comes first. At most a year past the scenario's start."),
    "hint": (
      "hint",
      "practice mode: a pointer to what you have not found yet (costs points)",
      "Each hint costs a quarter of that file's decision share; asking again for the same file gives the next pointer."),
    "snapshot": (
      "snapshot NAME",
      "practice mode: remember this moment",
      ""),
    "restore": (
      "restore NAME",
      "practice mode: go back to a snapshot (the only way the clock goes back)",
      "An attempt with a restore earns no module credit; the debrief and the report show each restore."),
    "monthly": (
      "monthly [YYYY-MM]",
      "the window's monthly report to the Center (received, notices, on time, deemed, breaches, Center decisions, filed)",
      "Aggregated from this attempt's cases; the report is due a few working days after the month ends."),
    "finish": (
      "finish [--now]",
      "close the window: the rest of the day runs, the attempt is scored and recorded",
      "If anything would still happen without you (applicants still to arrive, files with no notice whose deadline will lapse into a deemed acceptance, corrections due back), finish lists it and waits: deal with it, or 'finish --now' to finish anyway.\nFiles with no notice become deemed acceptances when their deadline passes."),
  ]

  /// The help of a verb of the runtime's table (its name alone if it has none, which a test forbids).
  static func of(_ verb: String) -> (usage: String, summary: String, details: String) { byVerb[verb] ?? (verb, "", "") }
}
