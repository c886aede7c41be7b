import Foundation

/// The `# yaml-language-server: $schema=…` first line of a content file, so that an editor with the
/// YAML language server completes and checks the file offline against the shipped JSON Schema.
public enum SchemaModeline {
  /// Which schema.
  public enum Kind: String, Sendable {
    case scenario, packet, module

    /// The schema's path relative to the content root.
    public var schemaPath: String {
      switch self {
      case .scenario: "Scenarios/schema/scenario.schema.json"
      case .packet: "Scenarios/schema/packet.schema.json"
      case .module: "Curriculum/schema/module.schema.json"
      }
    }
  }

  /// The modeline for a file of `kind` written to `path` (nil: standard output). Inside the content
  /// root the schema is named by a relative path (the tree can move); elsewhere by its file:// URL.
  public static func line(_ kind: Kind, contentRoot: String, writtenTo path: String?) -> String {
    let schema = URL(fileURLWithPath: contentRoot).appendingPathComponent(kind.schemaPath).standardizedFileURL
    let root = URL(fileURLWithPath: contentRoot).standardizedFileURL.pathComponents
    if let path {
      let dir = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().pathComponents
      if dir.count >= root.count, Array(dir.prefix(root.count)) == root {
        let target = schema.pathComponents
        var common = 0
        while common < min(dir.count, target.count) && dir[common] == target[common] { common += 1 }
        let up = Array(repeating: "..", count: dir.count - common)
        return "# yaml-language-server: $schema=" + (up + target[common...]).joined(separator: "/")
      }
    }
    return "# yaml-language-server: $schema=" + schema.absoluteString
  }
}
