/// BCP 47 language tags (RFC 5646), as documents state their language (domain.md Part A′ 3): any
/// tag whose primary subtag is `zh` (`zh`, `zh-CN`, `zh-Hans`, `ZH`) is Chinese.
public enum LanguageTag {
  /// Whether `tag` is a well-formed BCP 47 tag (syntax of RFC 5646 §2.1, case-insensitive;
  /// private-use tags `x-…` included, the irregular grandfathered tags excluded).
  public static func isWellFormed(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map { $0.lowercased() }
    guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.count <= 8 && $0.allSatisfy(isAlnum) }) else {
      return false
    }
    if parts[0] == "x" { return parts.count > 1 }
    var i = 0
    // language: 2–3 letters (+ up to 3 extlang of 3 letters), or 4–8 letters.
    guard parts[i].allSatisfy(isAlpha), (2...8).contains(parts[i].count) else { return false }
    let short = parts[i].count <= 3
    i += 1
    if short {
      var ext = 0
      while i < parts.count, ext < 3, parts[i].count == 3, parts[i].allSatisfy(isAlpha) {
        i += 1
        ext += 1
      }
    }
    if i < parts.count, parts[i].count == 4, parts[i].allSatisfy(isAlpha) { i += 1 }  // script
    if i < parts.count,
      (parts[i].count == 2 && parts[i].allSatisfy(isAlpha)) || (parts[i].count == 3 && parts[i].allSatisfy(isDigit))
    {
      i += 1  // region
    }
    var variants: Set<String> = []
    while i < parts.count,
      (5...8).contains(parts[i].count) || (parts[i].count == 4 && parts[i].first.map(isDigit) == true)
    {
      guard variants.insert(parts[i]).inserted else { return false }
      i += 1
    }
    var singletons: Set<String> = []
    while i < parts.count, parts[i].count == 1, parts[i] != "x" {
      guard singletons.insert(parts[i]).inserted else { return false }
      i += 1
      var n = 0
      while i < parts.count, (2...8).contains(parts[i].count) {
        i += 1
        n += 1
      }
      if n == 0 { return false }
    }
    if i < parts.count, parts[i] == "x" {
      i += 1
      guard i < parts.count else { return false }
      i = parts.count
    }
    return i == parts.count
  }

  /// The primary language subtag, lower-cased (`zh-Hans-CN` → `zh`).
  public static func primary(_ tag: String) -> String {
    String(tag.split(separator: "-", maxSplits: 1).first ?? "").lowercased()
  }

  /// Whether a tag names Chinese (primary subtag `zh`).
  public static func isChinese(_ tag: String) -> Bool { primary(tag) == "zh" }

  static func isAlpha(_ c: Character) -> Bool { c.isASCII && c.isLetter }
  static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
  static func isAlnum(_ c: Character) -> Bool { isAlpha(c) || isDigit(c) }
}
