import Foundation
import PermitCore

/// The bundled (or a trainer's) content on disk: policy packs and calendars under `Policies/`,
/// scenarios under `Scenarios/`, modules under `Curriculum/`. Loads files strictly and caches
/// policy packs.
public final class ContentLibrary: @unchecked Sendable {
  /// The content root (a folder holding `Policies/`, `Scenarios/`, `Curriculum/`).
  public let root: String
  private var packs: [String: PolicyPack] = [:]
  private var years: [Int: HolidayCalendar.Year?] = [:]
  private let lock = NSLock()

  /// Creates a library on a content root.
  public init(root: String) { self.root = root }

  /// Ids of the policy packs on disk.
  public func policyIDs() -> [String] {
    let dir = root + "/Policies"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// Reads a file as UTF-8 text, reporting unreadable files and invalid bytes with their position.
  public static func readText(_ path: String, display: String? = nil) -> Result<String, LoadError> {
    let shown = display ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDir: ObjCBool = false
      let why = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        ? (isDir.boolValue ? "is-a-folder" : "cannot-be-read") : "does-not-exist"
      return .failure(LoadError([Diagnostic(file: shown, line: 0, column: 0, LoaderMessage(why))]))
    }
    return decode(data, display: shown)
  }

  /// Decodes file contents as UTF-8 text, reporting invalid bytes with their position.
  public static func decode(_ data: Data, display shown: String) -> Result<String, LoadError> {
    if data.count > InputLimits.maxBytes {
      return .failure(
        LoadError([Diagnostic(file: shown, line: 1, column: 1, LoaderMessage("file-too-large", .text("\(InputLimits.maxBytes >> 20)")))]))
    }
    let hasNUL = data.withUnsafeBytes { raw in
      raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false
    }
    if !hasNUL, let text = String(data: data, encoding: .utf8) { return .success(text) }
    // Find the first bad byte for the position.
    let bytes = [UInt8](data)
    var line = 1
    var col = 1
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let len = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
      if b == 0 || len == 0 || i + len > bytes.count
        || String(bytes: bytes[i..<(i + len)], encoding: .utf8) == nil
      {
        return .failure(
          LoadError([
            Diagnostic(
              file: shown, line: line, column: col,
              b == 0 ? LoaderMessage("nul-byte") : LoaderMessage("invalid-utf8", .text(String(b, radix: 16))))
          ]))
      }
      if b == 10 {
        line += 1
        col = 1
      } else {
        col += 1
      }
      i += len
    }
    return .failure(LoadError([Diagnostic(file: shown, line: 0, column: 0, LoaderMessage("not-utf8"))]))
  }

  /// Parses a file into a YAML tree with a reader that collects its diagnostics.
  public static func parse(_ path: String, display: String? = nil) -> (YAMLReader, YAMLNode?) {
    let r = YAMLReader(file: display ?? path)
    switch readText(path, display: display) {
    case .failure(let e):
      for d in e.diagnostics { r.append(d) }
      return (r, nil)
    case .success(let text):
      return (r, r.parse(text))
    }
  }

  /// One year's calendar from `Policies/calendar/YEAR.yaml`, cached.
  public func calendarYear(_ year: Int) -> HolidayCalendar.Year? {
    lock.lock()
    if let y = years[year] {
      lock.unlock()
      return y
    }
    lock.unlock()
    let path = root + "/Policies/calendar/\(year).yaml"
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let (r, node) = ContentLibrary.parse(path, display: "Policies/calendar/\(year).yaml")
    let y = node.flatMap { PolicyReader.readCalendar($0, reader: r) }
    lock.lock()
    years[year] = y
    lock.unlock()
    return y
  }

  /// Loads a policy pack from a file path, reporting every problem.
  public func loadPolicy(path: String, display: String? = nil) -> Result<PolicyPack, LoadError> {
    let (r, node) = ContentLibrary.parse(path, display: display)
    guard let node, let pack = PolicyReader.read(node, reader: r, calendars: { self.calendarYear($0) }) else {
      return .failure(LoadError(r.diagnostics))
    }
    return .success(pack)
  }

  /// The policy pack with an id (`Policies/ID.yaml`), cached.
  public func policy(_ id: String) -> Result<PolicyPack, LoadError> {
    lock.lock()
    if let p = packs[id] {
      lock.unlock()
      return .success(p)
    }
    lock.unlock()
    // A closed vocabulary: the packs on disk. The id is looked up among them, never used as a
    // path (`../../x/secret` names no pack).
    let known = policyIDs()
    guard ScenarioReader.isID(id), known.contains(id) else {
      return .failure(LoadError([ContentLibrary.unknownPolicy(id, known: known)]))
    }
    let path = root + "/Policies/\(id).yaml"
    let result = loadPolicy(path: path, display: "Policies/\(id).yaml")
    if case .success(let p) = result {
      if p.id != id {
        return .failure(
          LoadError([Diagnostic(file: "Policies/\(id).yaml", line: 1, column: 1, LoaderMessage("pack-id-mismatch", .text(p.id), .text(id)))]))
      }
      lock.lock()
      packs[id] = p
      lock.unlock()
    }
    return result
  }

  /// The diagnostic for a policy id that is not one of the packs on disk (no position: the caller
  /// that read the id reports it at its own line and column).
  public static func unknownPolicy(_ id: String, known: [String]) -> Diagnostic {
    Diagnostic(file: "Policies", line: 0, column: 0, unknownPolicyMessage(id, known: known))
  }

  /// The message of ``unknownPolicy(_:known:)``.
  static func unknownPolicyMessage(_ id: String, known: [String]) -> LoaderMessage {
    LoaderMessage("unknown-policy", .text(id), .text(known.joined(separator: ", ")), suggest: Suggest.closest(to: id, in: known))
  }

  /// Loads a packet file; its `policy:`, when given, must name a pack on disk (reported at the key).
  public func loadPacket(path: String) -> Result<Packet, LoadError> {
    let (r, node) = ContentLibrary.parse(path)
    guard let node, let packet = PacketReader.read(node, reader: r) else { return .failure(LoadError(r.diagnostics)) }
    if let id = packet.policy {
      let known = policyIDs()
      if !known.contains(id) {
        r.error(node["policy"] ?? node, ContentLibrary.unknownPolicyMessage(id, known: known))
        return .failure(LoadError(r.diagnostics))
      }
    }
    return .success(packet)
  }
}

extension YAMLReader {
  /// Adds a diagnostic found elsewhere (file reading).
  public func append(_ d: Diagnostic) { appendDiagnostic(d) }
}
