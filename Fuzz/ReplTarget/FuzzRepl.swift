// libFuzzer target: REPL command lines against a live attempt. Each input is a script of lines; every
// line goes through the REPL's input checks (ReplInput), the command table and the runtime, as the
// REPL runs them. Invariants: no crash; the clock never goes back except by `restore`; every notice
// has two different signatures; the log encoding of every command decodes to the same command.
// Built by `./dev fuzz` with `swiftc -sanitize=fuzzer` (see Fuzz/build.sh); not part of the package.
import Foundation
import PermitContent
import PermitCore
import PermitTraining

nonisolated(unsafe) let course: Course = Course(
  library: ContentLibrary(root: ProcessInfo.processInfo.environment["PERMITDESK_HOME"] ?? FileManager.default.currentDirectoryPath))
/// Two attempts (post A and post B), practice mode; a fresh runner for every input.
nonisolated(unsafe) let setups: [AttemptRunner.Setup] = ["m06-s01-careful-colleague", "m07-s01-planted-errors", "example-worked-day"]
  .compactMap { try? course.setup(scenario: $0, trainee: "fuzz", mode: .practice, seed: 0).get() }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  check(!setups.isEmpty, "no scenario loads: run from the repository root or set PERMITDESK_HOME")
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let setup = setups[Int(bytes.first ?? 0) % setups.count]
  let runner = AttemptRunner(setup: setup)
  var splitter = ReplInput.LineSplitter()
  var lines = splitter.feed(bytes)
  if let last = splitter.finish() { lines.append(last) }
  for line in lines.prefix(64) {
    guard case .success(let words) = ReplInput.words(line), let verb = words.first else { continue }
    let before = runner.session.now
    let (command, _) = LoggedCommand.parse([verb.lowercased()] + words.dropFirst())
    if case .command = command {
      let decoded = CommandLog.decode(verb: command.verb, arguments: CommandLog.encode(command))
      check(decoded == command, "log round trip: \(command) → \(decoded)")
    }
    let step = runner.step(command)
    runner.adopt(step)
    if command.verb != "restore" || !step.reply.ok { check(runner.session.now >= before, "the clock went back: \(line)") }
  }
  for t in runner.session.tickets {
    for n in runner.session.cases[t]?.notices ?? [] { check(n.maker != n.checker, "a notice with one signature") }
  }
  return 0
}

/// Like `precondition`, but prints its message in an optimised build too.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() { fatalError(message()) }
}
