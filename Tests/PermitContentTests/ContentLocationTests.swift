import Foundation
import Testing

@testable import PermitContent

/// `ContentLocation.locate`: the order of the places tried and the refusals, without running a binary.
@Suite struct ContentLocationTests {
  /// A temporary tree; `make` creates folders and files (paths ending in "/" are folders).
  final class Tree: @unchecked Sendable {
    let dir = NSTemporaryDirectory() + "permitdesk-locate-\(UUID().uuidString)"
    func make(_ paths: [String]) throws {
      for p in paths {
        if p.hasSuffix("/") {
          try FileManager.default.createDirectory(atPath: dir + "/" + p, withIntermediateDirectories: true)
        } else {
          try FileManager.default.createDirectory(
            atPath: ((dir + "/" + p) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
          _ = FileManager.default.createFile(atPath: dir + "/" + p, contents: Data("id: x\n".utf8))
        }
      }
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }
  }

  @Test func theInstallPrefixComesFirstAndTheCurrentDirectoryIsNeverGuessed() throws {
    let t = Tree()
    try t.make(["usr/share/permitdesk/Policies/p.yaml", "usr/bin/"])
    let found = ContentLocation.locate(explicit: nil, environment: [:], executable: t.dir + "/usr/bin/permitdesk")
    #expect(try found.get() == t.dir + "/usr/share/permitdesk")
    // The current directory holds content (this package's root when tests run), yet a binary in an
    // empty prefix finds nothing.
    let none = ContentLocation.locate(explicit: nil, environment: [:], executable: t.dir + "/opt/bin/permitdesk")
    guard case .failure(let e) = none else {
      Issue.record("found content for a binary with none installed")
      return
    }
    #expect(e.tried.map(\.path) == [t.dir + "/opt/share/permitdesk (next to \(t.dir)/opt/bin/permitdesk)"])
    #expect(e.description.contains("--content PATH or PERMITDESK_HOME"))
  }

  @Test func theCheckoutOnlyFromItsOwnBuildFolder() throws {
    let t = Tree()
    try t.make(["src/Package.swift", "src/Policies/p.yaml", "src/.build/debug/", "elsewhere/bin/"])
    let fromBuild = ContentLocation.locate(explicit: nil, environment: [:], executable: t.dir + "/src/.build/debug/permitdesk")
    #expect(try fromBuild.get() == t.dir + "/src")
    let copied = ContentLocation.locate(explicit: nil, environment: [:], executable: t.dir + "/elsewhere/bin/permitdesk")
    #expect((try? copied.get()) == nil)
  }

  @Test func anExplicitFolderOrPermitdeskHomeIsTheOnlyOneTried() throws {
    let t = Tree()
    try t.make(["usr/share/permitdesk/Policies/p.yaml", "empty/Policies/", "file"])
    let exe = t.dir + "/usr/bin/permitdesk"
    func reasons(_ explicit: String?, _ env: [String: String]) -> [String] {
      guard case .failure(let e) = ContentLocation.locate(explicit: explicit, environment: env, executable: exe) else { return [] }
      return e.tried.map(\.reason)
    }
    #expect(reasons(t.dir + "/empty", [:]) == ["Policies/ holds no policy pack (*.yaml)"])
    #expect(reasons(nil, ["PERMITDESK_HOME": t.dir + "/missing"]) == ["does not exist"])
    #expect(reasons(nil, ["PERMITDESK_HOME": t.dir + "/file"]) == ["is not a folder"])
    #expect(reasons(nil, ["PERMITDESK_HOME": t.dir]) == ["has no Policies/ folder"])
    // An empty PERMITDESK_HOME counts as unset.
    #expect(try ContentLocation.locate(explicit: nil, environment: ["PERMITDESK_HOME": ""], executable: exe).get() == t.dir + "/usr/share/permitdesk")
  }

  @Test func theFingerprintFollowsTheBytes() throws {
    let t = Tree()
    try t.make(["Policies/p.yaml", "Scenarios/s.yaml"])
    let a = ContentLocation.fingerprint(root: t.dir)
    #expect(a.files == 2 && a.stamp == nil && a.hash.count == 16)
    try Data("id: y\n".utf8).write(to: URL(fileURLWithPath: t.dir + "/Scenarios/s.yaml"))
    try Data("permitdesk 9 (commit c)\n".utf8).write(to: URL(fileURLWithPath: t.dir + "/VERSION"))
    let b = ContentLocation.fingerprint(root: t.dir)
    #expect(b.hash != a.hash && b.stamp == "permitdesk 9 (commit c)")
  }
}
