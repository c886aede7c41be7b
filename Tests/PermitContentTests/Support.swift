import Foundation
import PermitContent
import PermitCore

/// Paths and helpers shared by the tests.
enum TestSupport {
  /// The package root (from this file's path).
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let fixtures = root + "/Tests/PermitContentTests/Fixtures"
  static let library = ContentLibrary(root: root)

  /// The built binary: PERMITDESK_BIN or .build/debug/permitdesk.
  static var binary: String {
    if let b = ProcessInfo.processInfo.environment["PERMITDESK_BIN"], !b.isEmpty { return b }
    return root + "/.build/debug/permitdesk"
  }

  static func pack(_ id: String = "beijing-2017-pilot") -> PolicyPack {
    guard case .success(let p) = library.policy(id) else { fatalError("policy \(id) does not load") }
    return p
  }

  /// Checks paths in-process with the repository's content.
  static func check(_ paths: [String], library: ContentLibrary = TestSupport.library) -> CheckReport {
    ContentChecker(library: library).check(paths: paths)
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary.
  static func run(_ args: [String], cwd: String = TestSupport.root) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }

  /// A fresh temporary folder.
  static func tempDir(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "permitdesk-tests-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Every YAML file under a folder, sorted.
  static func yamlFiles(under dir: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
    var out: [String] = []
    while let rel = e.nextObject() as? String {
      if rel.hasSuffix(".yaml") { out.append(dir + "/" + rel) }
    }
    return out.sorted()
  }
}
