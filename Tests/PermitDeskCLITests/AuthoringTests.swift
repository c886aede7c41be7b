import Foundation
import Testing

/// A trainer's own files: played and checked where they are; editor support that works offline.
@Suite("trainer authoring: own files, modelines, schema globs, generate's report")
struct AuthoringTests {
  /// A shipped scenario copied outside the content folder under another id.
  static func ownScenario(_ box: Sandbox) throws -> String {
    let shipped = try String(contentsOfFile: CLI.root + "/Scenarios/m02-overseas-notification/m02-s01-materials-and-dates.yaml", encoding: .utf8)
    let mine = shipped.replacingOccurrences(of: "\nid: m02-s01-materials-and-dates\n", with: "\nid: my-dry-run\n")
    #expect(mine != shipped)
    try FileManager.default.createDirectory(atPath: box.dir + "/drafts", withIntermediateDirectories: true)
    return box.write("drafts/my.yaml", mine)
  }

  @Test("play PATH.yaml and check PATH on a trainer's own file, without copying it into the content")
  func playOwnFile() throws {
    let box = try Sandbox()
    let path = try Self.ownScenario(box)
    #expect(try box.run(["check", path]).exited(0))
    let auto = try box.run(["play", path, "--autoplay", "perfect", "--format", "json"])
    #expect(auto.exited(0), "\(auto.stderr)")
    let card = try #require(try JSONSerialization.jsonObject(with: Data(auto.stdout.utf8)) as? [String: Any])
    #expect(card["overall"] as? Int == 100)
    // Relative path, REPL script: the attempt is recorded under the file's id.
    let repl = try box.run(["play", "drafts/my.yaml", "--free", "--trainee", "trainer"], stdin: "queue\nfinish --now\n")
    #expect(repl.exited(0) && repl.stdout.contains("Final score"), "\(repl.stdout.suffix(400))\(repl.stderr)")
    let rows = try ReportEndToEndTests.json(box.run(["report", "--format", "json", "--include-autoplay"]).stdout)
    #expect(rows.filter { $0["scenario"] as? String == "my-dry-run" }.count == 2, "\(rows)")
    // A broken file: every problem as file:line:column, exit 65; a missing one likewise.
    let bad = box.write("drafts/bad.yaml", "id: broken\nclock: { start: 2017-07-10T09:00+08:00 }\napplicants: 3\n")
    let r = try box.run(["play", bad, "--autoplay", "perfect"])
    #expect(r.exited(65) && r.stderr.contains("bad.yaml:"), "\(r.stderr)")
    #expect(try box.run(["play", box.dir + "/none.yaml"]).exited(65))
  }

  @Test("verify --rescore on attempts played on a trainer's own file: names what is missing, re-scores with --scenario-file, tells a changed file from tampering")
  func rescoreOwnFile() throws {
    let box = try Sandbox()
    let path = try Self.ownScenario(box)
    // The late autoplay loses time-limit points, so the overall score depends on the weights.
    #expect(try box.run(["play", path, "--autoplay", "late", "--format", "json"]).exited(0))
    let missing = try box.run(["verify", "--rescore"])
    #expect(missing.exited(1))
    #expect(missing.stdout.contains("'my-dry-run'") && missing.stdout.contains("--scenario-file"), "\(missing.stdout)\(missing.stderr)")
    let given = try box.run(["verify", "--rescore", "--scenario-file", path])
    #expect(given.exited(0) && given.stdout.contains("1 finished attempt re-scored"), "\(given.stdout)\(given.stderr)")
    // The trainer edits the file afterwards (weights): a changed file, not a tampered record.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let edited = text.replacingOccurrences(of: "decisions: 60, double-review: 20, time-limits: 20", with: "decisions: 20, double-review: 20, time-limits: 60")
    #expect(edited != text)
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    let changed = try box.run(["verify", "--rescore", "--scenario-file", path])
    #expect(changed.exited(1) && changed.stdout.contains("content changed since the attempt"), "\(changed.stdout)\(changed.stderr)")
    #expect(!changed.stdout.contains("does not follow from its log"), "\(changed.stdout)")
    #expect(try box.run(["verify", "--rescore", "--scenario-file", box.dir + "/none.yaml"]).exited(65))
  }

  @Test("every shipped scenario, packet and module has a modeline naming an existing schema of its kind")
  func shippedModelines() throws {
    var checked = 0
    for top in ["Scenarios", "Curriculum"] {
      let base = CLI.root + "/" + top
      let files = FileManager.default.enumerator(atPath: base)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }
      for f in files {
        let text = try String(contentsOfFile: base + "/" + f, encoding: .utf8)
        let first = String(text.prefix { $0 != "\n" })
        let prefix = "# yaml-language-server: $schema="
        try #require(first.hasPrefix(prefix), "\(top)/\(f) has no modeline")
        let target = String(first.dropFirst(prefix.count))
        let dir = ((base + "/" + f) as NSString).deletingLastPathComponent
        let resolved = URL(fileURLWithPath: dir).appendingPathComponent(target).standardizedFileURL.path
        #expect(FileManager.default.fileExists(atPath: resolved), "\(top)/\(f): \(target) does not exist")
        let kind = f.hasPrefix("packets/") ? "packet" : top == "Curriculum" ? "module" : "scenario"
        #expect(target.hasSuffix("/\(kind).schema.json"), "\(top)/\(f) → \(target)")
        checked += 1
      }
    }
    #expect(checked > 40)
  }

  @Test("generate prints what it wrote; its file has a modeline that resolves, and checks clean")
  func generateReports() throws {
    let box = try Sandbox()
    let out = box.dir + "/gen.yaml"
    let r = try box.run(["generate", "--count", "4", "--seed", "9", "--output", out])
    #expect(r.exited(0))
    #expect(r.stdout.hasPrefix("generate: wrote \(out): scenario gen, 4 applicants (4 with answer keys)"), "\(r.stdout)")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    let first = String(text.prefix { $0 != "\n" })
    let url = try #require(URL(string: String(first.dropFirst("# yaml-language-server: $schema=".count))))
    #expect(url.isFileURL && FileManager.default.fileExists(atPath: url.path), "\(first)")
    #expect(try box.run(["check", out]).exited(0))
    // Inside the content folder the schema is named by a relative path.
    let inside = CLI.root + "/Scenarios/examples/.gen-\(UUID().uuidString).yaml"
    defer { try? FileManager.default.removeItem(atPath: inside) }
    #expect(try box.run(["generate", "--count", "2", "--seed", "9", "--output", inside, "--id", "gen-inside"]).exited(0))
    #expect(try String(contentsOfFile: inside, encoding: .utf8).hasPrefix("# yaml-language-server: $schema=../schema/scenario.schema.json\n"))
  }

  @Test("the README's VS Code globs match the shipped files of their kind, and only those")
  func editorGlobs() throws {
    let readme = try String(contentsOfFile: CLI.root + "/Scenarios/README.md", encoding: .utf8)
    let start = try #require(readme.range(of: "\"yaml.schemas\": {"))
    let end = try #require(readme.range(of: "\n}\n", range: start.upperBound..<readme.endIndex))
    let block = "{" + String(readme[start.upperBound..<end.lowerBound]) + "}"
    let map = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: [String]])
    #expect(map.count == 3)
    let script = """
      import glob, json, os, sys
      os.chdir(sys.argv[1])
      print(json.dumps({p: sorted(glob.glob(p, recursive=True)) for p in json.loads(sys.argv[2])}))
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, CLI.root, String(decoding: try JSONSerialization.data(withJSONObject: map.values.flatMap { $0 }), as: UTF8.self)]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let matched = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String]])
    for (schema, globs) in map {
      #expect(FileManager.default.fileExists(atPath: CLI.root + "/" + schema), "\(schema)")
      let kind = (schema as NSString).lastPathComponent.replacingOccurrences(of: ".schema.json", with: "")
      let files = globs.flatMap { matched[$0] ?? [] }
      #expect(!files.isEmpty, "\(globs) match nothing")
      for f in files {
        let first = try String(contentsOfFile: CLI.root + "/" + f, encoding: .utf8).prefix { $0 != "\n" }
        #expect(first.hasSuffix("/\(kind).schema.json"), "\(f) matched by the \(kind) globs")
      }
    }
    let all = matched.values.flatMap { $0 }
    #expect(all.filter { $0.hasPrefix("Scenarios/m0") || $0.hasPrefix("Scenarios/m1") }.count >= 20, "\(all)")
    #expect(all.contains("Curriculum/m01-jurisdiction.yaml"))
  }
}
