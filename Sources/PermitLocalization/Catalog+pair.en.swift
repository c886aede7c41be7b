// The English texts of pair mode and the training room (issue 15): the pair attempt's refusals,
// handovers and partner lines, `start --pair`/`join`/resume replies, and the room's replies. Every key
// must exist in Catalog+pair.zhHans.swift (LocalizationTests).

extension Catalog {
  /// English: pair mode and the training room.
  static let enPair: [String: String] = [
    // the pair attempt (Session+Pair)
    "pair.refuse.clock": "in a pair attempt only post A ({1}) moves the clock and finishes the day; your commands still take their time",
    "pair.refuse.snapshot": "no snapshots or restores in a pair attempt: the world is shared with your partner",
    "pair.not-pair": "not a pair attempt",
    "pair.handover.already": "{1} is already with post B ({2}) for review",
    "pair.handover.done": "{1}: handed over to post B ({2}); their verdict will come back to you.",
    "pair.review.not-handed": "{1} has not been handed over to you: post A ({2}) hands it over after deciding",
    "pair.review.agree": "{1}: you agree with post A's proposal; {2} issues the notice.",
    "pair.review.return": "{1}: you return post A's proposal to {2}, who decides again.",
    "pair.post-a": "post A",
    "pair.ticket-line": "{1}: {2}",
    "pair.line.handed-over": "{1}: post A ({2}) hands over the proposal{3}: your review, please ('open {1}', then 'review agree' or 'review return REASON').",
    "pair.line.agrees": "{1}: post B ({2}) agrees. You may issue the notice.",
    "pair.line.returns": "{1}: post B ({2}) returns your proposal: {3}.",

    // start --pair, join, resume (Repl+Pair)
    "pair.partner.not-in-room": "{1} is not a trainee of this room{2}; your trainer adds people with 'room add'",
    "pair.partner.self": "you cannot pair with yourself: --pair names your partner, who joins as post B",
    "pair.partner.unknown": "no trainee '{1}'{2}; your partner logs in once first, then you 'start SCENARIO --pair {1}'",
    "pair.partner.error": "cannot find the partner: {1}",
    "pair.join.usage": "usage: join [ATTEMPT] (the attempt number your partner's 'start --pair' gave)",
    "pair.join.number": "join takes an attempt number, like 'join 12'",
    "pair.join.not-yours": "attempt #{1} is not a running pair attempt with you as partner",
    "pair.join.yours": " (yours: {1})",
    "pair.join.none": "no pair attempt is waiting for you: your partner starts one with 'start SCENARIO --pair {1}'",
    "pair.join.many": "{1} pair attempts are waiting for you ({2}): 'join ATTEMPT' names one",
    "pair.join.error": "cannot join: {1}",
    "pair.enter.error": "cannot enter attempt #{1}: {2}",
    "pair.enter.joined": "Joined pair attempt #{1} at {2} as post {3} with {4} (post {5}): {6} actions replayed; it is {7}{8}.",
    "pair.enter.resumed": "Resumed pair attempt #{1} at {2} as post {3} with {4} (post {5}): {6} actions replayed; it is {7}{8}.",
    "pair.enter.open": ", {1} open",
    "pair.enter.nothing": "Nothing handed over to you yet: {1}'s handovers and commands appear here before your next prompt.",
    "pair.enter.waiting": "Waiting for your review: {1}.",
    "pair.partner.line": "[{1}, post {2}] {3}{4}",
    "pair.partner.refused": " (refused)",
    "pair.abandoned": "Pair attempt #{1} was abandoned by {2}; 'start SCENARIO' or 'join' another.",
    "pair.your-partner": "your partner",
    "pair.invitation": "{1} started pair attempt #{2} at {3} with you as post B: 'join {2}'.",

    // the training room (Repl+Room)
    "room.unfinished": "You have an unfinished attempt at {1} (#{2}): 'resume' to continue it.",
    "room.enter.error": "cannot enter the room: {1}",
    "room.login": "you are {1} in this training room: your SSH key decides who you are, so 'login' is not available",
    "room.trainer-only": "'{1}' is for trainers; ask your trainer",
    "room.path-option": "{1} is not available in the training room: {2} works on the room's own records",
    "room.unavailable": "'{1}' is not available in the training room ('help' lists the commands)",
    "room.unknown": "unknown command '{1}' ('help' lists the commands)",
    "room.verify.usage": "unexpected '{1}'; usage: verify [--rescore]",
    "room.verify.problems": "verify: problems found (listed above)",
    "room.monitor.usage": "unexpected '{1}'; usage: monitor [--once] [--format table|json]",
    "room.failed": "{1}: failed (exit code {2})",
    // the room's trainer verbs in `help` (RoomSeat.trainerCommands; CommandTable.summary/details)
    "help.report.summary": "trainer: the room's results (table, csv, json, html, xapi)",
    "help.verify.summary": "trainer: check and authenticate the room's records with the room key",
    "help.purge.summary": "trainer: remove filed cases past retention (the action log stays)",
    "help.monitor.summary": "trainer: the running attempts, live (Enter or Ctrl-C stops)",
    "help.monitor.details": "Trainee, scenario, mode, simulated clock, files done/total, running score, last action and how long ago, alerts (issued without review, rubber-stamp, deemed acceptance).",
    "help.inject.summary": "trainer: an event in a running attempt, before the trainee's next command",
    "help.inject.details": "Logged in the attempt's action log as an instructor event: it replays exactly. A trainee waiting at the prompt sees it within about a second.",
    // the trainer's injected events (InstructorEvent.parse)
    "event.usage": "surge N | colleague-absent UNTIL (HH:MM or 2017-07-03T14:00+08:00) | announce TEXT | rule-change PACK",
    "event.needed": "an event is needed: {1}",
    "event.surge.usage": "usage: surge N (1 to 50 applicants)",
    "event.absent.usage": "usage: colleague-absent UNTIL, a time like 14:00 or 2017-07-03T14:00+08:00",
    "event.announce.usage": "usage: announce TEXT",
    "event.rule-change.usage": "usage: rule-change PACK (a policy pack id)",
    "event.unknown": "unknown event '{1}'{2}; events: {3}",
    // the room's forced command (RoomShell)
    "room.shell.command": "this account only opens the PermitDesk training room; connect with `ssh -t` and no command (asked to run: {1})",
    "room.shell.not-member": "{1} is not a member of this training room; ask the trainer to add you",
    "room.banner.trainer": "PermitDesk training room (synthetic data only). You are {1}, a trainer; 'help' lists what you can do.",
    "room.banner.trainee": "PermitDesk training room (synthetic data only). You are {1}, a trainee; 'help' lists what you can do.",
  ]
}
