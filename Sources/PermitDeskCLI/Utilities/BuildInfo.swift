import Foundation
import PermitContent
import PermitTraining

/// What `permitdesk --version` prints and what is recorded on every attempt.
enum BuildInfo {
  /// The release version (also the Debian package version, `./dev package`).
  static let version = "0.9.0"

  /// The git commit the binary was built from (generated before each build by the BuildInfo plugin).
  static let commit = GeneratedBuildInfo.commit

  /// One line naming this build: recorded on the attempts it starts and scores (`replay` shows it).
  static let build = "permitdesk \(version) (commit \(commit))"

  /// The `--version` text: the build, the commit and the content in use (where, its stamp, how many
  /// files, a fingerprint of their bytes).
  static func versionText(content explicit: String?) -> String {
    var lines = ["permitdesk \(version)", "commit: \(commit)"]
    switch ContentLocation.locate(explicit: explicit) {
    case .success(let root):
      let print = ContentLocation.fingerprint(root: root)
      let stamp = print.stamp ?? "unpackaged"
      lines.append("content: \(stamp), \(print.files) files, fingerprint \(print.hash) (\(root))")
    case .failure(let notFound):
      lines.append("content: none found (" + notFound.tried.map { "\($0.path): \($0.reason)" }.joined(separator: "; ") + ")")
    }
    return lines.joined(separator: "\n")
  }
}
