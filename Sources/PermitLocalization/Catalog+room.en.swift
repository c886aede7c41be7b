// English texts of the training room's administration: `permitdesk room init|add|remove|shell`
// help, their messages, and the room's files (room.conf, authorized_keys, key files). Keys match
// Catalog+room.zhHans.swift one for one; united in Catalog+parts.swift.

extension Catalog {
  /// English texts of the room's administration.
  static let enRoom: [String: String] = [
    // Help.
    "cli.room.abstract": "A training room on one host: trainees and trainers reach PermitDesk over SSH, each as themselves.",
    "cli.room.discussion":
      "Every person logs in to one service account with their own SSH key; the account's authorized_keys fixes who they are (command=\"permitdesk room shell NAME\",restrict,pty). See README, \"Training room\".",
    "cli.room.folder": "The room's folder.",
    "cli.room.init.abstract": "Set up a room: its database (signed with a new key), a copy of the content, and room.conf.",
    "cli.room.init.discussion":
      "Run as root. The folder is root's; the data inside belongs to the service account and is closed to everyone else. The account must exist (useradd --system --create-home --shell /bin/sh permitdesk).",
    "cli.room.init.account": "The service account everyone connects to.",
    "cli.room.init.content": "The content to copy into the room (default: PERMITDESK_HOME or the bundled content).",
    "cli.room.init.authorized-keys": "The authorized_keys file the room manages (default: ~ACCOUNT/.ssh/authorized_keys).",
    "cli.room.init.program": "The permitdesk program the forced commands run (default: this one).",
    "cli.room.add.abstract": "Let a person into the room with their SSH public key (one key, one person).",
    "cli.room.add.name": "The person's name in the room (letters, digits, . _ -).",
    "cli.room.add.key": "Their SSH public key file (e.g. id_ed25519.pub).",
    "cli.room.add.trainer": "A trainer: may also report, verify and purge.",
    "cli.room.remove.abstract": "Take a person out of the room: their key no longer opens it. Their records stay.",
    "cli.room.remove.name": "The person's name in the room.",
    "cli.room.shell.abstract": "The room's forced command (in authorized_keys): the REPL as NAME, with nothing else.",
    "cli.room.shell.name": "The member the SSH key belongs to.",
    // room init.
    "room.admin.init.not-root": "run `room init` as root: it hands the room's files to {1}",
    "room.admin.init.bad-path": "{1} {2} must be an absolute path of letters, digits and / . _ + - (it goes into the forced command)",
    "room.admin.init.exists": "{1} is already a training room; add people with `permitdesk room add`, or remove {1} to start over",
    "room.admin.init.no-folder": "{1} has no {2}/ folder: pass the content with --content DIR",
    "room.admin.init.prefix-owner": "{1} must belong to root (`chown root:root {1}`)",
    "room.admin.init.copy": "cannot copy {1}/{2}: {3}",
    "room.admin.init.done": "room: set up at {1} for the account {2}",
    "room.admin.init.database": "  database {1} (records signed with key id {2})",
    "room.admin.init.content": "  content  {1} (copied from {2})",
    "room.admin.init.config": "  config   {1} (mode 0600: it holds the key)",
    "room.admin.init.keys": "  keys     {1}",
    "room.admin.init.next": "next: permitdesk room add NAME --key NAME.pub [--trainer] --room {1}",
    // room add / remove.
    "room.admin.role.trainee": "trainee",
    "room.admin.role.trainer": "trainer",
    "room.admin.add.bad-name":
      "'{1}' cannot be a room name: use up to 32 letters, digits, '.', '_' or '-', starting with a letter or digit",
    "room.admin.add.key-taken": "this public key already belongs to {1} in {2}; one key, one person: ask {3} for their own key",
    "room.admin.add.key-taken.other":
      "this public key already belongs to another login in {1}; one key, one person: ask {2} for their own key",
    "room.admin.add.added": "room: {1} added with the {2} key {3} as a {4}",
    "room.admin.add.replaced": "room: {1} now has the {2} key {3} as a {4}",
    "room.admin.remove.not-member": "{1} is not in the room (members: {2})",
    "room.admin.remove.no-members": "none",
    "room.admin.remove.done.one": "room: {1} removed ({2} key line); their records stay in the database",
    "room.admin.remove.done.other": "room: {1} removed ({2} key lines); their records stay in the database",
    // Public keys and authorized_keys.
    "room.admin.key.unreadable": "cannot read the public key file {1}",
    "room.admin.key.lines": "{1} must hold exactly one public key line, not {2}",
    "room.admin.key.not-a-key": "expected an SSH public key ({1} then the key), e.g. the .pub file of `ssh-keygen -t ed25519`",
    "room.admin.key.bad-base64": "the key is not valid base64 of a {1} key",
    "room.admin.keys.unreadable": "cannot read {1}: run this as root or as the room's account",
    // room.conf and key files.
    "room.admin.conf.expected-setting": "expected `key = value`",
    "room.admin.conf.expected-member": "expected `member = NAME trainee` or `member = NAME trainer`",
    "room.admin.conf.twice": "`{1}` is given twice",
    "room.admin.conf.unknown": "unknown setting `{1}`",
    "room.admin.conf.missing": "the setting `{1}` is missing",
    "room.admin.conf.key": "`key` must be 64 hexadecimal digits",
    "room.admin.conf.no-room": "there is no training room at {1} (no {2}); set one up with `permitdesk room init --prefix {1}`",
    "room.admin.conf.exposed":
      "{1} can be read by others (mode {2}); it holds the room key: `chmod 600 {1}`, and consider the records exposed (make a new room if strangers had access)",
    "room.admin.conf.unreadable": "cannot read {1}: run this as the room's account (or root)",
    "room.admin.keyfile.unreadable": "cannot read the key file {1}",
    "room.admin.keyfile.exposed": "warning: {1} can be read by others; the room key should be mode 0600",
    "room.admin.keyfile.none": "{1} holds no room key (a `key = ` line of 64 hexadecimal digits, as in the room's room.conf)",
    // Accounts and files.
    "room.admin.no-account":
      "there is no account {1} on this host; create it first, e.g. `useradd --system --create-home --shell /bin/sh {1}`",
    "room.admin.chown": "cannot give {1} to {2}: {3}",
    "room.admin.mkdir": "cannot create the folder {1}: {2}",
    "room.admin.write": "cannot write {1}: {2}",
  ]
}
