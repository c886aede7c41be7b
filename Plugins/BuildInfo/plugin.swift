import Foundation
import PackagePlugin

/// Generates `BuildInfo.generated.swift` for the `permitdesk` executable before every build: the git
/// commit the binary is built from (`permitdesk --version`, recorded on every attempt). The script
/// rewrites the file only when the commit changes, so an unchanged checkout recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
    let script = context.package.directoryURL.appendingPathComponent("Plugins/BuildInfo/buildinfo.sh")
    return [
      .prebuildCommand(
        displayName: "Recording the commit of the permitdesk build",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: [script.path, context.package.directoryURL.path, output.appendingPathComponent("BuildInfo.generated.swift").path],
        outputFilesDirectory: output)
    ]
  }
}
