import ArgumentParser
import CReadline
import Crypto
import Foundation
import PermitContent
import PermitLocalization
import PermitStore
import PermitTraining

#if canImport(Glibc)
  import Glibc
#endif

extension PermitDesk.Room {
  /// `permitdesk room shell NAME`: what sshd runs for a member's key. The REPL as NAME and nothing
  /// else: no shell, no file paths, no other subcommand, no `login`.
  struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: L10n.t("cli.room.shell.abstract"))

    @Argument(help: helpText("cli.room.shell.name"))
    var name: String

    @OptionGroup var location: PermitDesk.Room.Location

    func run() throws {
      let env = ProcessInfo.processInfo.environment
      // `ssh host COMMAND`, scp and sftp all arrive here with the command they asked for: refused,
      // so the key opens the room and nothing else.
      if let asked = env["SSH_ORIGINAL_COMMAND"], !asked.isEmpty {
        printError("permitdesk: " + L10n.t("room.shell.command", String(asked.prefix(60)).debugDescription))
        throw Exit.usage
      }
      let config = try location.load()
      guard let member = config.member(name) else {
        printError("permitdesk: " + L10n.t("room.shell.not-member", name))
        throw Exit.badInput
      }
      pd_stdout_line_buffered()
      let db: SandboxDatabase
      do { db = try SandboxDatabase(path: config.database, key: config.key) } catch {
        printError("permitdesk: \(error)")
        throw Exit.badInput
      }
      let library = ContentLibrary(root: config.content)
      let reader: LineReader
      do { reader = try LineReader(script: nil, history: false) } catch {
        printError("permitdesk: \(error)")
        throw Exit.internalError
      }
      let color = reader.interactive && (env["NO_COLOR"] ?? "").isEmpty
      let repl = Repl(library: library, course: Course(library: library), db: db, color: color, stopOnError: false)
      repl.room = RoomSeat(name: member.name, role: member.role, config: config)
      repl.say([
        L10n.t(member.role == .trainer ? "room.banner.trainer" : "room.banner.trainee", member.name)
      ])
      repl.enterRoom()
      _ = repl.run(reader: reader)
    }
  }
}

/// Helpers of the room commands.
enum RoomCommands {
  /// The absolute path of this program, for the forced commands.
  static func currentProgram() -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
  }

  /// Base64 of SHA-256 without padding, as OpenSSH prints fingerprints.
  static func sha256Base64(_ data: Data) -> String {
    var text = Data(SHA256.hash(data: data)).base64EncodedString()
    while text.hasSuffix("=") { text.removeLast() }
    return text
  }
}
