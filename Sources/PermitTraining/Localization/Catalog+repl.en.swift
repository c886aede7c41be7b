// The English texts of the REPL's own replies in an attempt (start, resume, saving) (issue 15).
// Every key must exist in Catalog+repl.zhHans.swift (LocalizationTests).

extension Catalog {
  /// English: the REPL's attempt replies.
  static let enRepl: [String: String] = [
    "repl.unknown-command": "unknown command '{1}'",
    "repl.help-lists": " ('help' lists the commands)",
    "repl.login.bad-name": "cannot log in: {1}; 'login \"First Last\"' quotes a name with spaces",
    "repl.login.cannot": "cannot log in: {1}",
    "repl.progress.cannot": "cannot read progress: {1}",
    "repl.no-module": "no module '{1}'",
    "repl.start.usage": "usage: start SCENARIO [--mode practice|assessment] [--seed N] ('scenarios' lists them)",
    "repl.start.mode": "--mode takes practice or assessment",
    "repl.start.seed": "--seed takes a whole number",
    "repl.start.unexpected": "unexpected '{1}'; usage: start SCENARIO [--mode practice|assessment] [--seed N] [--free] [--abandon]",
    "repl.start.locked": "module {1} is locked: pass {2} first ('curriculum'), or 'start {3} --free' to practise it without credit",
    "repl.start.it-is": " (it is {1})",
    "repl.start.in-progress": "attempt #{1} at {2} is in progress{3}: 'resume' to continue it, or 'start {4} --abandon' to abandon it and start anew",
    "repl.start.started": "Attempt #{1} started.",
    "repl.start.next": "'brief' for the briefing, 'queue' for the window, 'help' for commands.",
    "repl.start.cannot": "cannot start: {1}",
    "repl.resume.none": "no unfinished attempt for {1}; 'start SCENARIO'",
    "repl.resume.cannot": "cannot resume: {1}",
    "repl.resume.content-changed": "warning: content changed since the attempt started ({1}, its policy packs or calendars); the replay may differ",
    "repl.resume.open": ", {1} open",
    "repl.resume.done": "Resumed attempt #{1} at {2}: {3} actions replayed; it is {4}{5}.",
    "repl.resume.record-score": "The log shows this attempt was finished but its score was not recorded; recording it now.",
    "repl.attempt.login-first": "log in first (login NAME), then 'start SCENARIO' or 'resume'",
    "repl.attempt.none": "no attempt in progress: 'start SCENARIO' or 'resume'",
    "repl.save.failed": "could not save the action ({1}); nothing was recorded and the attempt is as it was before '{2}': try again",
    "repl.refused": "refused",
    "repl.score.cannot-record": "could not record the score: {1}",
  ]
}
