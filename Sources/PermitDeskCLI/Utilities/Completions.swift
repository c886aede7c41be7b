import ArgumentParser
import Foundation
import PermitContent
import PermitStore
import PermitTraining

/// Shell completion of values that live in the content or the database: the generated bash, zsh and
/// fish scripts call the installed binary, which answers from the content and database that the
/// command line being completed names (`--content`, `--db`) or the defaults. Nothing is created.
enum Completions {
  /// Scenario ids of the content.
  static let scenarios = CompletionKind.custom { words, _, prefix in
    guard let library = library(words) else { return [] }
    return Course(library: library).scenarioIDs.filter { $0.hasPrefix(prefix) }
  }

  /// Policy pack ids of the content.
  static let policies = CompletionKind.custom { words, _, prefix in
    (library(words)?.policyIDs() ?? []).filter { $0.hasPrefix(prefix) }
  }

  /// Trainee names in the database.
  static let trainees = CompletionKind.custom { words, _, prefix in
    ((try? database(words)?.trainees(cohort: nil)) ?? []).map(\.name).filter { $0.hasPrefix(prefix) }
  }

  /// Cohort names in the database.
  static let cohorts = CompletionKind.custom { words, _, prefix in
    let all = ((try? database(words)?.trainees(cohort: nil)) ?? []).compactMap(\.cohort)
    return Set(all).filter { $0.hasPrefix(prefix) }.sorted()
  }

  /// Attempt numbers in the database.
  static let attempts = CompletionKind.custom { words, _, prefix in
    ((try? database(words)?.attempts(trainee: nil, scenario: nil, cohort: nil)) ?? []).map { String($0.id) }.filter { $0.hasPrefix(prefix) }
  }

  /// The value of `--NAME VALUE` or `--NAME=VALUE` among the shell words (quotes removed).
  static func value(of name: String, in words: [String]) -> String? {
    var found: String?
    for (i, w) in words.enumerated() {
      if w == name, i + 1 < words.count { found = words[i + 1] }
      if w.hasPrefix(name + "=") { found = String(w.dropFirst(name.count + 1)) }
    }
    return found.map { unquote($0) }
  }

  static func unquote(_ word: String) -> String {
    var w = word
    if w.count >= 2, let f = w.first, f == w.last, f == "'" || f == "\"" { w = String(w.dropFirst().dropLast()) }
    if w.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { w = home + w.dropFirst() }
    return w
  }

  static func library(_ words: [String]) -> ContentLibrary? {
    guard case .success(let root) = ContentLocation.locate(explicit: value(of: "--content", in: words)) else { return nil }
    return ContentLibrary(root: root)
  }

  static func database(_ words: [String]) -> SandboxDatabase? {
    let path = value(of: "--db", in: words) ?? SandboxDatabase.defaultPath(environment: ProcessInfo.processInfo.environment)
    return try? SandboxDatabase(readOnlyPath: path)
  }
}
