// English texts of the loaders' remaining diagnostics: policy packs, holiday calendars, scenario
// weights and corrections, file decoding, libyaml's syntax messages, the places the readers name,
// and defect pairs. Keys match Catalog+loader.zhHans.swift one for one; united in Catalog+parts.swift.

extension Catalog {
  /// libyaml's problems and contexts (its scanner, parser and reader: `strings libyaml-0.so.2`) and
  /// the composer's own (YAMLNode.swift), as libyaml writes them. Each is a key
  /// `diag.yaml.phrase.<phrase>` whose English text is the phrase itself; a phrase missing here is
  /// quoted as written inside the Chinese sentence (``YAMLPhrase``).
  public static let yamlPhrases: [String] = [
    // Problems.
    "block sequence entries are not allowed in this context", "control characters are not allowed",
    "could not find expected ':'", "could not find expected directive name", "did not find URI escaped octet",
    "did not find expected '!'", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
    "did not find expected '-' indicator", "did not find expected <document start>", "did not find expected <stream-start>",
    "did not find expected alphabetic or numeric character", "did not find expected comment or line break",
    "did not find expected digit or '.' character", "did not find expected hexdecimal number", "did not find expected key",
    "did not find expected node content", "did not find expected tag URI", "did not find expected version number",
    "did not find expected whitespace", "did not find expected whitespace or line break", "did not find the expected '>'",
    "duplicate %TAG directive", "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected", "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet", "found an indentation indicator equal to 0",
    "found character that cannot start any token", "found duplicate %TAG directive", "found duplicate %YAML directive",
    "found duplicate anchor; first occurrence", "found extremely long version number", "found incompatible YAML document",
    "found invalid Unicode character escape code", "found undefined alias", "found undefined tag handle",
    "found unexpected ':'", "found unexpected document indicator", "found unexpected end of stream",
    "found unexpected non-alphabetical character", "found unknown directive name", "found unknown escape character",
    "incompatible %YAML directive", "incomplete UTF-16 character", "incomplete UTF-16 surrogate pair",
    "incomplete UTF-8 octet sequence", "input error", "input is too long", "invalid Unicode character",
    "invalid leading UTF-8 octet", "invalid length of a UTF-8 sequence", "invalid trailing UTF-8 octet",
    "mapping keys are not allowed in this context", "mapping values are not allowed in this context",
    "unexpected low surrogate area", "second occurrence",
    // The composer's own.
    "but found another document", "expected a single document in the stream",
    // Contexts.
    "while parsing a %TAG directive", "while parsing a block collection", "while parsing a block mapping",
    "while parsing a block node", "while parsing a flow mapping", "while parsing a flow node", "while parsing a flow sequence",
    "while parsing a node", "while parsing a quoted scalar", "while parsing a tag", "while parsing a tag directive",
    "while scanning a %TAG directive", "while scanning a %YAML directive", "while scanning a block scalar",
    "while scanning a directive", "while scanning a plain scalar", "while scanning a quoted scalar",
    "while scanning a simple key", "while scanning a tag", "while scanning a tag directive", "while scanning an alias",
    "while scanning an anchor", "while scanning for the next token",
  ]

  /// English texts of the loaders' remaining diagnostics.
  static let enLoader: [String: String] = {
    var out: [String: String] = [
      // Places the readers name (see Place in PermitContent).
      "diag.place.key": "'{1}'",
      "diag.place.item-of": "an item of {1}",
      "diag.place.band-of": "a band of {1}",
      "diag.place.group-of": "a group of {1}",
      "diag.place.rule": "rule {1}",
      "diag.place.abolished": "abolished {1}",
      "diag.place.of-entry": "{1} of {2}",
      "diag.place.a calendar year": "a calendar year",
      "diag.place.a district": "a district",
      "diag.place.a window": "a window",
      "diag.place.an age band": "an age band",
      "diag.place.age band": "age band",
      "diag.place.bonus items": "bonus items",
      "diag.place.the holiday calendar": "the holiday calendar",
      "diag.place.a holiday": "a holiday",
      "diag.place.holiday": "holiday",
      "diag.place.a make-up workday": "a make-up workday",
      "diag.place.make-up workday": "make-up workday",
      "diag.place.a generate block": "a generate block",
      "diag.place.a surge": "a surge",
      "diag.place.a defect code": "a defect code",
      // Policy packs.
      "diag.policy.utc-offset": "'utc-offset' must look like +08:00, found '{1}'",
      "diag.policy.calendar-year": "calendar years are whole numbers like 2017",
      "diag.policy.no-calendar": "no holiday calendar for {1}: add Policies/calendar/{1}.yaml",
      "diag.policy.unknown-district": "unknown district '{1}'; districts are {2}",
      "diag.policy.window-not-district": "the window '{1}' is not one of the pack's districts ({2})",
      "diag.policy.undefined-rules": "the pack does not define the rules {1}",
      "diag.policy.no-required": "no required materials for {1}, which the pack handles",
      "diag.policy.age-band-empty": "age band from {1} to {2} is empty",
      "diag.policy.thresholds": "threshold B ({1}) is above threshold A ({2})",
      "diag.policy.rule-no-source": "rule {1} names no source: every rule cites at least one source id (S20, T1)",
      "diag.policy.source-id": "source ids look like S20 (domain.md Part B) or T1 (research-2024-rules.md), found '{1}'",
      "diag.policy.confidence": "'confidence' of rule {1} must be one of {2}, found '{3}'",
      // Holiday calendars.
      "diag.calendar.holiday-backwards": "holiday {1} must run forwards within {2} (from {3} to {4})",
      "diag.calendar.workday-year": "make-up workday {1} is not in {2}",
      "diag.calendar.workday-weekday": "make-up workday {1} is not a Saturday or Sunday",
      "diag.calendar.unknown-holiday": "make-up workday for unknown holiday '{1}'",
      // Scenarios.
      "diag.scenario.weights-sum": "scoring weights must sum to 100: decisions {1} + double-review {2} + time-limits {3} = {4}",
      "diag.scenario.malformed-proposal": "{1}: malformed proposal: {2}",
      "diag.scenario.correction-needs-supplement":
        "a correction follows a one-time notice: the applicant needs 'expect' with outcome 'supplement'",
      "diag.scenario.correction-needs-supplement.not":
        "a correction follows a one-time notice: the applicant needs 'expect' with outcome 'supplement', not '{1}'",
      "diag.defect-pair": "{1}",
      // Reading files.
      "diag.file-too-large": "file is larger than {1} MiB; split it",
      "diag.nul-byte": "NUL byte: this is not a text file",
      "diag.invalid-utf8": "invalid UTF-8 byte 0x{1}: save the file as UTF-8",
      "diag.not-utf8": "not UTF-8 text",
      "diag.is-a-folder": "is a folder",
      "diag.pack-id-mismatch": "the file's id is '{1}', not '{2}'",
      "diag.no-scenario": "no scenario '{1}'",
      "diag.unknown-policy.alone": "unknown policy pack '{1}'",
      // YAML.
      "diag.yaml.syntax": "YAML syntax: {1}",
      "diag.yaml.syntax.context": "YAML syntax: {1} ({2} at {3})",
      "diag.yaml.unreadable": "unreadable text: {1}",
      "diag.yaml.duplicate-key": "duplicate key '{1}'",
      "diag.yaml.duplicate-key.first": "duplicate key '{1}' (first written at {2}); delete or rename one",
      "diag.yaml.also-repeated": "{1}; also repeated: {2}",
      "diag.yaml.too-deep": "nesting deeper than {1} levels",
      "diag.yaml.too-large": "more than {1} values (aliases expanded); the file is too large",
      "diag.yaml.memory": "YAML: out of memory",
      "diag.yaml.phrase-untranslated": "{1}",
      // Setting up an attempt (Course).
      "setup.cannot-read": "cannot read the file",
      "setup.not-a-scenario": "not a scenario file (a scenario has id:, clock: and applicants: or generate:)",
      "setup.unknown-scenario": "unknown scenario '{1}'{2} ('scenarios' lists them)",
      "setup.does-not-load": "scenario '{1}' does not load ('permitdesk check' lists every problem)",
      "setup.does-not-load.why": "scenario '{1}' does not load: {2} ('permitdesk check' lists every problem)",
      "setup.policy-does-not-load": "policy pack {1} does not load",
      "setup.attempt": "attempt #{1}: {2}",
      "setup.attempt.partner": "attempt #{1}: its partner #{2} is not a trainee of this sandbox",
      // Defect pairs (DefectCatalog.pairProblem).
      "defect-pair.takes-no-subject": "'{1}' takes no subject: write it alone",
      "defect-pair.needs-subject": "'{1}' needs a subject: one of {2}",
      "defect-pair.wrong-subject": "'{1}' is not a valid pair: {2}: applies to {3}; did you mean {4}?",
    ]
    for p in yamlPhrases { out["diag.yaml.phrase." + p] = p }
    return out
  }()
}
