import Foundation
import Testing

/// dpkg and dpkg-deb, which build and install the package; the suite is skipped without them.
let dpkgTools = ["/usr/bin/dpkg", "/usr/bin/dpkg-deb"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

/// The Debian package (`./dev package`): its metadata and layout, then a real `dpkg` install into a
/// fresh root, the installed binary used from a directory that is not the checkout, and removal.
@Suite("Debian package", .serialized, .enabled(if: dpkgTools, "dpkg and dpkg-deb are missing: no Debian package to build or install"))
struct PackageTests {
  /// The package under test. `./dev test` builds the real one first (`./dev package`: release,
  /// static Swift runtime) and passes it as PERMITDESK_DEB. Run by `swift test` alone, the test
  /// packages the debug binary it was built with, through the same script: a nested release build
  /// inside `swift test` would wait on the build folder's lock that SwiftPM holds, and would add
  /// minutes to every test run. Only the binary differs; layout, content, man page, completions and
  /// the install/remove cycle are the same.
  static func package(into dir: String) throws -> String {
    if let deb = ProcessInfo.processInfo.environment["PERMITDESK_DEB"], !deb.isEmpty {
      try #require(FileManager.default.fileExists(atPath: deb), "PERMITDESK_DEB=\(deb) does not exist")
      return deb
    }
    let r = try runProgram(
      "/bin/bash", [CLI.root + "/Packaging/build-deb.sh", CLI.binary, dir],
      environment: ProcessInfo.processInfo.environment, directory: CLI.root)
    try #require(r.exited(0), "build-deb.sh failed: \(r.stderr)")
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func tool(_ name: String, _ args: [String], in dir: String = "/") throws -> CLI.Result {
    try runProgram("/usr/bin/" + name, args, environment: ProcessInfo.processInfo.environment, directory: dir)
  }

  @Test("builds, installs into a fresh root with dpkg, runs from elsewhere, removes cleanly")
  func installUseRemove() throws {
    let work = NSTemporaryDirectory() + "permitdesk-deb-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let deb = try Self.package(into: work)
    #expect(deb.hasSuffix("_amd64.deb") || deb.hasSuffix(".deb"))

    // Metadata: name, version of the binary, the runtime libraries it needs.
    let fields = try tool("dpkg-deb", ["-f", deb, "Package", "Version", "Depends"])
    #expect(fields.exited(0), "\(fields.stderr)")
    #expect(fields.stdout.contains("Package: permitdesk"))
    let depends = fields.stdout.split(separator: "\n").first { $0.hasPrefix("Depends:") }.map(String.init) ?? ""
    for lib in ["libsqlite3-0", "libreadline8", "libyaml-0-2"] {
      #expect(depends.contains(lib), "Depends lacks \(lib): \(depends)")
    }
    // Layout, all owned by root.
    let listing = try tool("dpkg-deb", ["-c", deb])
    for path in [
      "./usr/bin/permitdesk", "./usr/share/permitdesk/Policies/beijing-2024.yaml",
      "./usr/share/permitdesk/Scenarios/m01-jurisdiction/", "./usr/share/permitdesk/Curriculum/m01-jurisdiction.yaml",
      "./usr/share/permitdesk/VERSION", "./usr/share/man/man1/permitdesk.1.gz",
      "./usr/share/bash-completion/completions/permitdesk", "./usr/share/zsh/vendor-completions/_permitdesk",
      "./usr/share/fish/vendor_completions.d/permitdesk.fish", "./usr/share/doc/permitdesk/copyright",
    ] {
      #expect(listing.stdout.contains(path), "missing \(path)")
    }
    #expect(!listing.stdout.split(separator: "\n").contains { !$0.contains("root/root") })
    // apt would install it on this machine: every dependency is satisfiable (simulation only).
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") {
      let sim = try tool("apt-get", ["-s", "install", deb])
      #expect(sim.exited(0) && sim.stdout.contains("Inst permitdesk"), "\(sim.stdout)\(sim.stderr)")
    }

    // A fresh root with an empty dpkg database: dpkg installs for real (dependencies are those of
    // this machine, hence --force-depends inside the fresh root).
    let root = work + "/root"
    for d in ["var/lib/dpkg/info", "var/lib/dpkg/updates"] {
      try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
    }
    _ = FileManager.default.createFile(atPath: root + "/var/lib/dpkg/status", contents: nil)
    let dpkgArgs = ["--root=" + root, "--force-not-root", "--log=/dev/null"]
    let install = try tool("dpkg", dpkgArgs + ["--force-depends", "-i", deb])
    #expect(install.exited(0), "\(install.stderr)")
    let bin = root + "/usr/bin/permitdesk"
    #expect(FileManager.default.isExecutableFile(atPath: bin))

    // Used from a directory that is not the checkout, with no PERMITDESK_* setting.
    let elsewhere = work + "/elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere + "/home", withIntermediateDirectories: true)
    let env = cleanEnvironment(home: elsewhere + "/home")
    let version = try runProgram(bin, ["--version"], environment: env, directory: elsewhere)
    #expect(version.exited(0), "\(version.stderr)")
    #expect(version.stdout.contains("(\(root)/usr/share/permitdesk)"), "\(version.stdout)")
    #expect(version.stdout.contains("content: permitdesk "), "the content's VERSION stamp: \(version.stdout)")
    let check = try runProgram(bin, ["check"], environment: env, directory: elsewhere)
    #expect(check.exited(0) && check.stdout.contains("0 errors") && !check.stdout.contains("checked 0 files"), "\(check.stdout)\(check.stderr)")
    let attempt = try runProgram(bin, [], environment: env, directory: elsewhere, stdin: scriptedAttempt)
    #expect(attempt.exited(0) && attempt.stdout.contains("Final score:"), "\(attempt.stdout)\(attempt.stderr)")
    let report = try runProgram(bin, ["report", "--format", "csv"], environment: env, directory: elsewhere)
    #expect(report.exited(0) && report.stdout.contains("ines"), "\(report.stderr)")

    // The man page is the binary's command tree; the installed completion completes scenario ids
    // from the installed content.
    let man = try runProgram("/bin/sh", ["-c", "gzip -dc '\(root)/usr/share/man/man1/permitdesk.1.gz'"], environment: env, directory: "/")
    #expect(man.stdout.hasPrefix(".TH PERMITDESK 1") && man.stdout.contains(".SS permitdesk report"))
    let scenarios = try bashCompletions(
      script: root + "/usr/share/bash-completion/completions/permitdesk", words: ["permitdesk", "play", "m02-"],
      path: root + "/usr/bin", directory: elsewhere)
    #expect(!scenarios.isEmpty && scenarios.allSatisfy { $0.hasPrefix("m02-") }, "\(scenarios)")

    // Removal leaves nothing of the package.
    let remove = try tool("dpkg", dpkgArgs + ["-r", "permitdesk"])
    #expect(remove.exited(0), "\(remove.stderr)")
    #expect(!FileManager.default.fileExists(atPath: bin))
    #expect(!FileManager.default.fileExists(atPath: root + "/usr/share/permitdesk"))
    #expect(!FileManager.default.fileExists(atPath: root + "/usr/share/man/man1/permitdesk.1.gz"))
  }
}
