import Foundation
import PermitLocalization

/// Where the content (policy packs, scenarios, curriculum) of a PermitDesk installation is, found
/// the way an installed program finds its data:
///
/// 1. `--content PATH`, else `PERMITDESK_HOME` (when given, only that folder is tried);
/// 2. `<prefix>/share/permitdesk` next to the binary's install prefix (`/usr/bin/permitdesk` →
///    `/usr/share/permitdesk`; `/opt/pd/bin/permitdesk` → `/opt/pd/share/permitdesk`);
/// 3. the build checkout, only when the binary runs from that checkout's `.build` folder.
///
/// The current directory is never guessed. A folder counts only if `Policies/` holds at least one
/// policy pack; otherwise the error names every path tried and why it was refused.
public enum ContentLocation {
  /// No usable content folder: each path tried and why it was refused.
  public struct NotFound: Error, CustomStringConvertible, Sendable {
    /// The folders tried, in order, with the reason each was refused.
    public var tried: [(path: String, reason: String)]

    /// Several lines: what is wrong, every path tried, what to do.
    public var description: String {
      var lines = [L10n.t("content.not-found")]
      for t in tried { lines.append("  \(t.path): \(t.reason)") }
      lines.append(L10n.t("content.not-found.fix"))
      return lines.joined(separator: "\n")
    }
  }

  /// The content root, or the paths tried. `executable` is the running binary's path (symlinks
  /// resolved); nil reads `/proc/self/exe`.
  public static func locate(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: String? = nil
  ) -> Result<String, NotFound> {
    var tried: [(path: String, reason: String)] = []
    func accept(_ path: String, _ origin: String) -> Bool {
      if let why = refusal(path) {
        tried.append((path + " (" + origin + ")", why))
        return false
      }
      return true
    }
    if let e = explicit {
      return accept(e, "--content") ? .success(e) : .failure(NotFound(tried: tried))
    }
    if let home = environment["PERMITDESK_HOME"], !home.isEmpty {
      return accept(home, "PERMITDESK_HOME") ? .success(home) : .failure(NotFound(tried: tried))
    }
    guard let exe = executable ?? runningExecutable() else {
      return .failure(NotFound(tried: [(L10n.t("content.origin.program"), L10n.t("content.refusal.no-exe"))]))
    }
    let bin = (exe as NSString).deletingLastPathComponent
    let prefix = (bin as NSString).deletingLastPathComponent
    let installed = (prefix == "/" ? "" : prefix) + "/share/permitdesk"
    if accept(installed, L10n.t("content.origin.next-to", exe)) { return .success(installed) }
    if let range = exe.range(of: "/.build/") {
      let checkout = String(exe[..<range.lowerBound])
      if FileManager.default.fileExists(atPath: checkout + "/Package.swift"), accept(checkout, L10n.t("content.origin.checkout")) {
        return .success(checkout)
      }
    }
    return .failure(NotFound(tried: tried))
  }

  /// Why a folder is not a content root, or nil if it is one.
  static func refusal(_ path: String) -> String? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return L10n.t("content.refusal.does-not-exist") }
    guard isFolder.boolValue else { return L10n.t("content.refusal.not-a-folder") }
    guard FileManager.default.fileExists(atPath: path + "/Policies", isDirectory: &isFolder), isFolder.boolValue else {
      return L10n.t("content.refusal.no-policies")
    }
    let packs = ((try? FileManager.default.contentsOfDirectory(atPath: path + "/Policies")) ?? []).filter { $0.hasSuffix(".yaml") }
    return packs.isEmpty ? L10n.t("content.refusal.no-pack") : nil
  }

  /// The running binary's path with symlinks resolved (Linux: `/proc/self/exe`).
  public static func runningExecutable() -> String? {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    guard let arg0 = CommandLine.arguments.first, arg0.contains("/") else { return nil }
    return URL(fileURLWithPath: arg0).resolvingSymlinksInPath().path
  }
}

extension ContentLocation {
  /// A fingerprint of a content folder: its stamp (the first line of `VERSION`, written by
  /// `./dev package`; nil in a checkout), the number of files under `Policies/`, `Scenarios/` and
  /// `Curriculum/`, and a 64-bit FNV-1a hash of their relative paths and bytes in path order.
  public static func fingerprint(root: String) -> (stamp: String?, files: Int, hash: String) {
    let fm = FileManager.default
    var paths: [String] = []
    for top in ["Policies", "Scenarios", "Curriculum"] {
      guard let e = fm.enumerator(atPath: root + "/" + top) else { continue }
      while let rel = e.nextObject() as? String {
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: root + "/" + top + "/" + rel, isDirectory: &isFolder), !isFolder.boolValue {
          paths.append(top + "/" + rel)
        }
      }
    }
    paths.sort()
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
      for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
      }
    }
    for p in paths {
      mix(Array(p.utf8) + [0])
      mix(fm.contents(atPath: root + "/" + p) ?? Data())
      mix([0])
    }
    let stamp = (try? String(contentsOfFile: root + "/VERSION", encoding: .utf8))?
      .split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) }
    let hex = String(h, radix: 16)
    return (stamp, paths.count, String(repeating: "0", count: 16 - hex.count) + hex)
  }
}
