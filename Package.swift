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
        "PermitCore", "PermitLocalization", .product(name: "GRDB", package: "GRDB.swift"),
        // The SQLite that GRDB links (the system's), for `verify`'s read of the log's column bytes.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // The interface's text in English and Chinese (catalogs, code names, the language in use). A leaf
    // under PermitCore because both sides speak through it: content diagnostics and bilingual content
    // (PermitContent), the sandbox's screens (PermitTraining) and the CLI's help. Kept out of
    // PermitContent so that the content side does not own the sandbox's and the CLI's text.
    .target(
      name: "PermitLocalization",
      dependencies: ["PermitCore"]),
    // The content side: the YAML composer and readers (policy packs, calendars, packets, scenarios, the
    // curriculum), `check`, the content library and course index, the generator, the scenario writer.
    // Authoring tools use it without the sandbox. The vocabulary that content names and the sandbox
    // acts on (cost keys, critical errors) lives here, below the runtime, so that the graph stays acyclic.
    .target(
      name: "PermitContent",
      dependencies: ["PermitCore", "PermitLocalization", "CLibYAML"]),
    // The sandbox: the attempt runtime (typed commands and events, the simulated world), scoring,
    // curriculum progress. Reads its content through PermitContent.
    .target(
      name: "PermitTraining",
      dependencies: ["PermitCore", "PermitContent", "PermitLocalization"]),
    // libyaml's event parser, from the system's libyaml-dev (PermitContent composes its own tree).
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
        "PermitCore", "PermitStore", "PermitContent", "PermitLocalization", "PermitTraining", "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      plugins: ["BuildInfo"]),
    // Writes the commit a build is made from into the executable (`permitdesk --version`).
    .plugin(name: "BuildInfo", capability: .buildTool()),
    // PermitDeskCLI for the notice's text (the CLI's screens) in a rule test.
    .testTarget(name: "PermitCoreTests", dependencies: ["PermitCore", "PermitContent", "PermitTraining", "PermitDeskCLI"]),
    // The content fixtures (Fixtures/valid, invalid, schema, packets) live with the content tests;
    // the runtime tests read the shared packet (Fixtures/packets/complete.yaml) from there.
    .testTarget(
      name: "PermitContentTests",
      dependencies: ["PermitContent", "PermitLocalization", "PermitCore"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PermitTrainingTests",
      // PermitDeskCLI for its screens: the runtime's typed replies read as the trainee reads them.
      dependencies: ["PermitTraining", "PermitContent", "PermitLocalization", "PermitCore", "PermitDeskCLI"]),
    .testTarget(name: "PermitStoreTests", dependencies: ["PermitStore", "PermitCore", "PermitLocalization"]),
    .testTarget(
      name: "PermitDeskCLITests", dependencies: ["PermitCore", "PermitContent", "PermitLocalization", "PermitTraining", "PermitDeskCLI"],
      exclude: ["Fixtures", "Snapshots"]),
  ],
  swiftLanguageModes: [.v6]
)
