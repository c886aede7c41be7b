// libFuzzer target: the YAML composer and every content reader on arbitrary bytes.
// Built by `./dev fuzz` with `swiftc -sanitize=fuzzer` (see Fuzz/build.sh); not part of the package.
import Foundation
import PermitContent
import PermitCore
import PermitTraining

/// The content the readers check references against, loaded once.
nonisolated(unsafe) let library = ContentLibrary(root: ProcessInfo.processInfo.environment["PERMITDESK_HOME"] ?? FileManager.default.currentDirectoryPath)
nonisolated(unsafe) let pilot: PolicyPack? = try? library.policy("beijing-2017-pilot").get()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  // Decoding: invalid UTF-8 and NUL are diagnostics with a position, never a crash.
  guard case .success(let text) = ContentLibrary.decode(bytes, display: "fuzz.yaml") else { return 0 }
  let r = YAMLReader(file: "fuzz.yaml")
  guard let node = r.parse(text) else {
    check(r.failed, "no tree and no error")
    for d in r.diagnostics { check(d.line >= 1 && d.column >= 1, "unpositioned: \(d)") }
    return 0
  }
  // Every reader on the same tree, each with its own diagnostics.
  _ = PacketReader.read(node, reader: YAMLReader(file: "fuzz.yaml"))
  _ = PolicyReader.read(node, reader: YAMLReader(file: "fuzz.yaml"), calendars: { library.calendarYear($0) })
  _ = PolicyReader.readCalendar(node, reader: YAMLReader(file: "fuzz.yaml"))
  _ = CurriculumReader.read(node, reader: YAMLReader(file: "fuzz.yaml"))
  if let pilot {
    let sr = YAMLReader(file: "fuzz.yaml")
    _ = ScenarioReader.read(node, reader: sr, policies: { $0 == pilot.id ? pilot : nil }, policyIDs: [pilot.id])
  }
  return 0
}

/// Like `precondition`, but prints its message in an optimised build too.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() { fatalError(message()) }
}
