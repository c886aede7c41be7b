import ArgumentParser
import Foundation
import Testing

@testable import PermitDeskCLI

/// Argument errors found while a subcommand runs (a `ValidationError` from `run()`, a room
/// command's usage problem) carry that subcommand's usage, as parse errors do; exit code 64.
@Suite("Argument errors of a running subcommand show that subcommand's usage")
struct UsageErrorTests {
  static let generateUsage =
    "Usage: permitdesk generate [<options>] --count <count> --seed <seed> --output <output>\n"
    + "  See 'permitdesk generate --help' for more information."

  @Test("the message names the running subcommand, not the root")
  func messageOfARunningSubcommand() {
    let text = CommandRunner.fullMessage(PermitDesk.self, running: PermitDesk.Generate.self, for: ValidationError("--count must be between 1 and 10000."))
    #expect(text == "Error: --count must be between 1 and 10000.\n" + Self.generateUsage, "\(text)")
    // A nested subcommand: the whole path.
    let room = CommandRunner.fullMessage(PermitDesk.self, running: PermitDesk.Room.Add.self, for: ValidationError("bad"))
    #expect(room.hasPrefix("Error: bad\nUsage: permitdesk room add "), "\(room)")
    #expect(room.hasSuffix("\n  See 'permitdesk room add --help' for more information."), "\(room)")
    #expect(CommandRunner.path(from: PermitDesk.self, to: PermitDesk.Room.Shell.self).map { $0._commandName } == ["permitdesk", "room", "shell"])
    // Errors that are not argument errors read as ArgumentParser writes them: an exit code says
    // nothing more, another error is its description without usage.
    #expect(CommandRunner.fullMessage(PermitDesk.self, running: PermitDesk.Generate.self, for: ExitCode(65)) == "")
    struct Broken: Error, CustomStringConvertible { var description: String { "broken" } }
    #expect(CommandRunner.fullMessage(PermitDesk.self, running: PermitDesk.Generate.self, for: Broken()) == "Error: broken")
  }

  @Test("generate's argument errors: its own usage, exit 64, nothing on standard output")
  func generateErrors() throws {
    let box = try Sandbox()
    let out = box.dir + "/g.yaml"
    let base = ["generate", "--seed", "1", "--output", out]
    let cases: [(args: [String], message: String)] = [
      (["--count", "0"], "Error: --count must be between 1 and 10000."),
      (["--count", "3", "--profile", "mixd"], "Error: unknown profile 'mixd'"),
      (["--count", "3", "--window", "nowhere"], "Error: 'nowhere' is not a window of beijing-2017-pilot"),
      (["--count", "3", "--policy", "beijing-2024x"], "Error: unknown policy pack 'beijing-2024x'; known: beijing-2017-pilot, beijing-2024, beijing-2025; did you mean 'beijing-2024'?"),
      (["--count", "3", "--post", "C"], "Error: "),
    ]
    for c in cases {
      let r = try box.run(base + c.args)
      #expect(r.exited(64), "\(c.args): \(r.status) \(r.stderr)")
      #expect(r.stderr.hasPrefix(c.message), "\(c.args): \(r.stderr)")
      #expect(r.stderr.hasSuffix(Self.generateUsage + "\n"), "\(c.args): \(r.stderr)")
      #expect(!r.stderr.contains("<subcommand>"), "\(c.args): \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(c.args): \(r.stdout)")
      #expect(!FileManager.default.fileExists(atPath: out))
    }
    // A parse error reads as before (ArgumentParser already had the subcommand there).
    let missing = try box.run(["generate", "--seed", "1", "--output", out])
    #expect(missing.exited(64) && missing.stderr.hasSuffix(Self.generateUsage + "\n"), "\(missing.stderr)")
    // The usage the error names is the one `generate --help` shows.
    let help = try box.run(["generate", "--help"])
    #expect(help.stdout.contains("USAGE: permitdesk generate [<options>] --count <count> --seed <seed> --output <output>"), "\(help.stdout)")
  }

  @Test("in a Chinese session: the message and ArgumentParser's words in Chinese, with the subcommand's usage")
  func generateErrorsInChinese() throws {
    let box = try Sandbox()
    let r = try box.run(["--lang", "zh-Hans", "generate", "--count", "0", "--seed", "1", "--output", box.dir + "/g.yaml"])
    #expect(r.exited(64), "\(r.stderr)")
    #expect(
      r.stderr == "错误：--count 须在1到10000之间。\n用法：permitdesk generate [<options>] --count <count> --seed <seed> --output <output>\n"
        + "  详见 'permitdesk generate --help'。\n", "\(r.stderr)")
    let policy = try box.run(["--lang", "zh-Hans", "generate", "--count", "2", "--seed", "1", "--output", box.dir + "/g.yaml", "--policy", "nope"])
    #expect(policy.exited(64) && policy.stderr.hasPrefix("错误：未知的政策包“nope”") && policy.stderr.contains("用法：permitdesk generate "), "\(policy.stderr)")
  }

  @Test("room add and room init: a usage problem shows the room subcommand's usage, exit 64")
  func roomUsageErrors() throws {
    let room = try RoomFixture()
    try room.makeKey("ana")
    let bad = try room.box.run(["room", "add", "a b", "--key", room.keys + "/ana.pub", "--room", room.prefix])
    #expect(bad.exited(64), "\(bad.stderr)")
    #expect(bad.stderr.hasPrefix("Error: 'a b' cannot be a room name: use up to 32 letters"), "\(bad.stderr)")
    #expect(bad.stderr.contains("\nUsage: permitdesk room add ") && bad.stderr.hasSuffix("  See 'permitdesk room add --help' for more information.\n"), "\(bad.stderr)")
    let zh = try room.box.run(["--lang", "zh-Hans", "room", "add", "a b", "--key", room.keys + "/ana.pub", "--room", room.prefix])
    #expect(zh.exited(64) && zh.stderr.hasPrefix("错误：“a b”不能作为培训室中的名字") && zh.stderr.contains("\n用法：permitdesk room add "), "\(zh.stderr)")
    let path = try room.box.run(["room", "init", "--prefix", room.box.dir + "/a room", "--account", room.account, "--content", CLI.root])
    #expect(path.exited(64) && path.stderr.hasPrefix("Error: --prefix \(room.box.dir)/a room must be an absolute path") && path.stderr.contains("\nUsage: permitdesk room init"), "\(path.stderr)")
    // A data problem stays a plain message with its own code.
    let absent = try room.box.run(["room", "remove", "bob", "--room", room.prefix])
    #expect(absent.exited(65) && !absent.stderr.contains("Usage:"), "\(absent.stderr)")
  }
}
