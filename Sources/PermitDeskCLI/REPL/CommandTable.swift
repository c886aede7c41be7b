/// Every REPL command in one place: name, usage, one-line summary and the help text.
struct CommandInfo {
  let name: String
  let usage: String
  let summary: String
  let details: String
  /// Whether the command acts on the current attempt (it is logged and costs time).
  let attempt: Bool
}

enum CommandTable {
  static let all: [CommandInfo] = [
    CommandInfo(name: "help", usage: "help [VERB]", summary: "list the commands, or explain one", details: "Tab completes verbs, tickets, materials, defect codes, outcomes and scenario ids.", attempt: false),
    CommandInfo(name: "login", usage: "login NAME [--cohort COHORT]", summary: "work as a trainee (created on first login)", details: "Your attempts and curriculum progress are kept under this name in the sandbox database.", attempt: false),
    CommandInfo(name: "curriculum", usage: "curriculum", summary: "modules in order with status (locked, open, passed), attempts, best and last score", details: "A module opens when its prerequisites are passed. It is passed when each of its required scenarios (the module file says which; by default every scripted one) has a credited attempt that passed: at or above the pass mark, no critical error, no restore.", attempt: false),
    CommandInfo(name: "scenarios", usage: "scenarios [MODULE]", summary: "list the scenarios (of a module)", details: "", attempt: false),
    CommandInfo(name: "start", usage: "start SCENARIO [--mode practice|assessment] [--seed N] [--free]", summary: "start an attempt at a scenario", details: "Practice mode allows hint, snapshot and restore; assessment mode does not (assessment scenarios are always assessments).\n--seed varies the generated applicants so a retake is not memorised.\n--free practises a scenario outside the curriculum: no module lock, no module credit.", attempt: false),
    CommandInfo(name: "resume", usage: "resume", summary: "continue your unfinished attempt exactly where it stood", details: "The attempt is rebuilt from its action log: clock, queue, open case, reviews.", attempt: false),
    CommandInfo(name: "brief", usage: "brief", summary: "the scenario's briefing", details: "", attempt: true),
    CommandInfo(name: "queue", usage: "queue", summary: "tickets at the window with state and deadline", details: "", attempt: true),
    CommandInfo(name: "open", usage: "open TICKET", summary: "take a ticket's file", details: "Shows the employer, the applicant, the application and the list of materials handed in.", attempt: true),
    CommandInfo(name: "show", usage: "show [MATERIAL]", summary: "the open file, or one document's stated facts", details: "As post B, opening the evidence before you agree is part of the review.", attempt: true),
    CommandInfo(name: "checklist", usage: "checklist", summary: "required materials for the open file and which were handed in", details: "", attempt: true),
    CommandInfo(name: "points", usage: "points", summary: "the points table for the open file (2017 interim table) and the category it supports", details: "", attempt: true),
    CommandInfo(name: "decide", usage: "decide accept|accept-pending|supplement|refuse [DEFECT…] [--refer-to BODY]", summary: "as post A, propose the outcome and every defect", details: "A one-time notice lists every defect at once, e.g. 'decide supplement stale:criminal-record mismatch:name'.\nA refusal names its ground and, for jurisdiction, the competent body (a pilot window of the pack or the municipal Center): 'decide refuse out-of-jurisdiction --refer-to haidian'.\nAccept-pending lists the items still to come: 'decide accept-pending missing:degree'.\nA proposal that cannot be right (an impossible pair such as stale:passport, an unknown body) is refused with a hint, not scored.", attempt: true),
    CommandInfo(name: "handover", usage: "handover", summary: "as post A, hand your proposal to post B", details: "", attempt: true),
    CommandInfo(name: "review", usage: "review agree | review return REASON", summary: "as post B, agree with post A's proposal or return it with a reason", details: "", attempt: true),
    CommandInfo(name: "issue", usage: "issue", summary: "as post A, issue the notice once post B has agreed", details: "No notice without both posts: the system refuses it, and the attempt records it.", attempt: true),
    CommandInfo(name: "clock", usage: "clock", summary: "the simulated time and the agenda of pending deadlines", details: "", attempt: true),
    CommandInfo(name: "advance", usage: "advance DURATION | advance --to TIME | advance --next", summary: "let simulated time pass (forward only)", details: "DURATION like 30m, 2h, 1d; TIME like 14:00 or 2017-07-04T09:00+08:00; --next jumps to the next arrival, event or deadline.", attempt: true),
    CommandInfo(name: "hint", usage: "hint", summary: "practice mode: a pointer to what you have not found yet (costs points)", details: "Each hint costs a quarter of that file's decision share; asking again for the same file gives the next pointer.", attempt: true),
    CommandInfo(name: "snapshot", usage: "snapshot NAME", summary: "practice mode: remember this moment", details: "", attempt: true),
    CommandInfo(name: "restore", usage: "restore NAME", summary: "practice mode: go back to a snapshot (the only way the clock goes back)", details: "An attempt with a restore earns no module credit; the debrief and the report show each restore.", attempt: true),
    CommandInfo(name: "monthly", usage: "monthly [YYYY-MM]", summary: "the window's monthly report to the Center (received, notices, on time, deemed, breaches, Center decisions, filed)", details: "Aggregated from this attempt's cases; the report is due a few working days after the month ends.", attempt: true),
    CommandInfo(name: "finish", usage: "finish", summary: "close the window: the rest of the day runs, the attempt is scored and recorded", details: "Files with no notice become deemed acceptances when their deadline passes.", attempt: true),
    CommandInfo(name: "score", usage: "score", summary: "the running (or final) score in the three dimensions", details: "Every file of the scenario has a fixed share. Decisions are earned file by file: a file with no proposal (left open, lapsed, bounced) earns nothing. Double review and time limits are 100 less what was lost (breaches, verdicts without looking at the evidence; late notices, deemed acceptances).\nThe running score is the same function on the log so far and says how many files are still open; finish never raises it.\nCritical errors fail the attempt whatever the total: issue-without-review, self-review, accept-out-of-jurisdiction, blind-agreement (post B agrees with a wrong proposal without looking at the evidence). Evidence is what show MATERIAL, checklist and points display.\nHints cost a quarter of the file's share; an attempt with a restore earns no module credit. README 'Scoring' has the whole model.", attempt: false),
    CommandInfo(name: "debrief", usage: "debrief", summary: "critical errors, every point lost with its rule and evidence, what post B looked at, restores, the timeline and the day's summary", details: "", attempt: false),
    CommandInfo(name: "quit", usage: "quit", summary: "leave (an unfinished attempt can be resumed later)", details: "", attempt: false),
  ]

  static func find(_ name: String) -> CommandInfo? { all.first { $0.name == name } }
  static var names: [String] { all.map(\.name) + ["exit"] }
}
