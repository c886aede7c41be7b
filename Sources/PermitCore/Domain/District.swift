/// District and window names (domain.md Part A′ 2): one normal form everywhere (a pack's `windows`, a
/// packet's `window` and `employer.district`, a referral body) and the closed vocabulary of Beijing's
/// districts. Names are compared after trimming and lower-casing, so `Chaoyang` is the `chaoyang`
/// window wherever it is typed; the loaders refuse a name outside the vocabulary with a suggestion.
public enum District {
  /// Beijing's 16 districts, lower-case pinyin without "district".
  public static let beijing = [
    "dongcheng", "xicheng", "chaoyang", "fengtai", "shijingshan", "haidian", "mentougou", "fangshan",
    "tongzhou", "shunyi", "changping", "daxing", "huairou", "pinggu", "miyun", "yanqing",
  ]
  /// Beijing Economic-Technological Development Area: a window only in packs that name it.
  public static let eTown = "e-town"
  /// Every spelling any pack may use.
  public static let all = beijing + [eTown]

  /// The normal form of a district, window or referral body name: surrounding white space trimmed,
  /// lower-cased (`" Chaoyang "` → `chaoyang`).
  public static func normalised(_ name: String) -> String {
    // Already normal (the usual case: a name from the vocabulary): ASCII without capitals and
    // without white space at either end. Checked on the bytes; the examiner and every proposal
    // check call this, and the general path below works character by character.
    let u = name.utf8
    if let f = u.first, let l = u.last, !asciiSpace(f), !asciiSpace(l), !u.contains(where: { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }) {
      return name
    }
    return normalisedByCharacter(name)
  }

  /// ``normalised(_:)`` character by character (any text; the tests compare the two).
  static func normalisedByCharacter(_ name: String) -> String {
    var s = Substring(name)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return s.lowercased()
  }

  /// ASCII white space as `Character.isWhitespace` reads it (tab, line feed, vertical tab, form
  /// feed, carriage return, space).
  private static func asciiSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

  /// Whether two names denote the same district.
  public static func same(_ a: String, _ b: String) -> Bool { normalised(a) == normalised(b) }

  /// The vocabulary spelling of a written name, or nil when it names no district of `vocabulary`.
  public static func canonical(_ text: String, in vocabulary: [String] = all) -> String? {
    let n = normalised(text)
    return vocabulary.contains(n) ? n : nil
  }

  /// A close vocabulary spelling for a name that is not one (`"shunyi district"` → `shunyi`,
  /// `"haidain"` → `haidian`), or nil.
  public static func suggestion(for text: String, in vocabulary: [String] = all) -> String? {
    var n = normalised(text)
    for suffix in [" district", " qu", "qu", "-district", "district", "区"] where n.hasSuffix(suffix) && n.count > suffix.count {
      n = String(n.dropLast(suffix.count)).trimmingSpaces()
      break
    }
    let compact = n.filter { $0.isLetter || $0 == "-" }
    if let exact = vocabulary.first(where: { $0 == compact || $0.filter(\.isLetter) == compact.filter(\.isLetter) }) {
      return exact
    }
    var best: (String, Int)?
    for v in vocabulary {
      let d = editDistance(compact, v)
      if d <= max(1, v.count / 3), best.map({ d < $0.1 }) ?? true { best = (v, d) }
    }
    return best?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var row = Array(0...y.count)
    for i in 1...x.count {
      var prev = row[0]
      row[0] = i
      for j in 1...y.count {
        let cur = row[j]
        row[j] = x[i - 1] == y[j - 1] ? prev : 1 + min(prev, row[j], row[j - 1])
        prev = cur
      }
    }
    return row[y.count]
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
