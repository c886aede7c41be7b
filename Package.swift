// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "PermitDesk",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "permitdesk", targets: ["PermitDeskCLI"]),
    .library(name: "PermitCore", targets: ["PermitCore"]),
  ],
  // Exact versions: Package.resolved is not committed, so a build must not float to newer releases.
  // Their licences are listed in the package's copyright file (Packaging/copyright).
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
    // SHA-256 and HMAC-SHA256 of the tamper-evident record (BoringSSL on Linux, CryptoKit on macOS).
    .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
  ],
  targets: [
    // The real workflow core: pure Swift, no I/O.
    .target(name: "PermitCore"),
    // SQLite persistence of the sandbox (GRDB on the system libsqlite3).
    .target(
      name: "PermitStore",
      dependencies: [
        "PermitCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // Loading of policy packs, packets, scenarios and the curriculum; generator; scoring.
    .target(
      name: "PermitTraining",
      dependencies: ["PermitCore", "CLibYAML"]),
    // libyaml's event parser, from the system's libyaml-dev (PermitTraining composes its own tree).
    .systemLibrary(
      name: "CLibYAML",
      providers: [.apt(["libyaml-dev"])]),
    // GNU readline, from the system's libreadline-dev.
    .systemLibrary(
      name: "CReadline",
      providers: [.apt(["libreadline-dev"])]),
    // The `permitdesk` executable: subcommands and the REPL, kept thin.
    .executableTarget(
      name: "PermitDeskCLI",
      dependencies: [
        "PermitCore", "PermitStore", "PermitTraining", "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      plugins: ["BuildInfo"]),
    // Writes the commit a build is made from into the executable (`permitdesk --version`).
    .plugin(name: "BuildInfo", capability: .buildTool()),
    .testTarget(name: "PermitCoreTests", dependencies: ["PermitCore", "PermitTraining"]),
    .testTarget(
      name: "PermitTrainingTests",
      dependencies: ["PermitTraining", "PermitCore"],
      exclude: ["Fixtures"]),
    .testTarget(name: "PermitStoreTests", dependencies: ["PermitStore", "PermitCore"]),
    .testTarget(name: "PermitDeskCLITests", dependencies: ["PermitCore", "PermitTraining"], exclude: ["Fixtures", "Snapshots"]),
  ],
  swiftLanguageModes: [.v6]
)
