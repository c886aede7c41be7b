import PermitCore

/// The Chinese names of the language-neutral codes (issue 15): defect codes, material kinds,
/// outcomes, application types, REPL verbs and the values a document states. Codes stay the
/// interface (typed, completed, recorded, accepted in either language's session); in a Chinese
/// session each is shown followed by its name: `stale:criminal-record 无犯罪记录证明超过6个月`.
/// Names live in ``Catalog/zhNames``; a defect's name is its own entry (`defect.CODE`) or its
/// family's template (`defect.KIND`, `{1}` = the subject's name).
public enum CodeNames {
  /// The name of an entry of ``Catalog/zhNames`` (`material.passport`), nil in English or when absent.
  static func name(_ key: String, in language: Language) -> String? {
    language == .zhHans ? (Catalog.zhNames[key] ?? Catalog.zhMoreNames[key] ?? Catalog.zhScreenNames[key]) : nil
  }

  /// The name of a material kind (`criminal-record` → 无犯罪记录证明).
  public static func material(_ raw: String, in language: Language = Language.current) -> String? {
    name("material." + raw, in: language)
  }

  /// The name of a defect code, nil when the code or one of its parts has no name.
  public static func defect(_ code: String, in language: Language = Language.current) -> String? {
    guard language == .zhHans else { return nil }
    if let own = Catalog.zhNames["defect." + code] { return own }
    guard let colon = code.firstIndex(of: ":") else { return nil }
    let kind = String(code[..<colon])
    let subject = String(code[code.index(after: colon)...])
    guard let template = Catalog.zhNames["defect." + kind] else { return nil }
    let namespaces = ["material.", "field.", "filing.", "procedure."]
    guard let part = namespaces.lazy.compactMap({ Catalog.zhNames[$0 + subject] }).first else { return nil }
    return L10n.format(template, [part])
  }

  /// The name of an outcome (`refuse` → 不予受理).
  public static func outcome(_ raw: String, in language: Language = Language.current) -> String? {
    name("outcome." + raw, in: language)
  }

  /// The name of an application type (`extension` → 延期).
  public static func applicationType(_ raw: String, in language: Language = Language.current) -> String? {
    name("type." + raw, in: language)
  }

  /// The name of a REPL verb (`decide` → 提出受理意见).
  public static func verb(_ raw: String, in language: Language = Language.current) -> String? {
    name("verb." + raw, in: language)
  }

  /// The name of any other value shown on a screen, by namespace (`education`, `authentication`,
  /// `translation`, `change`, `replacement`, `field`, `post`, `colleague`, `mode`, `state`).
  public static func value(_ namespace: String, _ raw: String, in language: Language = Language.current) -> String? {
    name(namespace + "." + raw, in: language)
  }

  /// A code as displayed: the code alone in English, `code 名称` in Chinese (the code stays first so
  /// it can be copied into a command).
  public static func label(_ code: String, _ name: String?) -> String {
    guard let n = name, !n.isEmpty else { return code }
    return code + " " + n
  }

  /// A defect code as displayed (`stale:criminal-record 无犯罪记录证明超过6个月`).
  public static func defectLabel(_ code: String, in language: Language = Language.current) -> String {
    label(code, defect(code, in: language))
  }

  /// A material as displayed (`passport 护照`).
  public static func materialLabel(_ raw: String, in language: Language = Language.current) -> String {
    label(raw, material(raw, in: language))
  }

  /// An outcome as displayed (`supplement 一次性告知`).
  public static func outcomeLabel(_ raw: String, in language: Language = Language.current) -> String {
    label(raw, outcome(raw, in: language))
  }

  /// An application type as displayed (`extension 延期`).
  public static func typeLabel(_ raw: String, in language: Language = Language.current) -> String {
    label(raw, applicationType(raw, in: language))
  }

  /// Every code that must have a Chinese name: each defect code of the vocabulary, each material,
  /// outcome and application type (the completeness test walks this list).
  public static var requiredNames: [(code: String, name: String?)] {
    var out: [(String, String?)] = []
    for c in DefectCatalog.allCodes { out.append((c, defect(c, in: .zhHans))) }
    for m in MaterialKind.allCases { out.append(("material " + m.rawValue, material(m.rawValue, in: .zhHans))) }
    for o in Outcome.allCases { out.append(("outcome " + o.rawValue, outcome(o.rawValue, in: .zhHans))) }
    for t in ApplicationType.allCases { out.append(("type " + t.rawValue, applicationType(t.rawValue, in: .zhHans))) }
    for e in Education.allCases { out.append(("education " + e.rawValue, value("education", e.rawValue, in: .zhHans))) }
    for a in Authentication.allCases {
      out.append(("authentication " + a.rawValue, value("authentication", a.rawValue, in: .zhHans)))
    }
    for t in Translation.allCases { out.append(("translation " + t.rawValue, value("translation", t.rawValue, in: .zhHans))) }
    for c in ChangeKind.allCases { out.append(("change " + c.rawValue, value("change", c.rawValue, in: .zhHans))) }
    for r in ReplacementReason.allCases {
      out.append(("replacement " + r.rawValue, value("replacement", r.rawValue, in: .zhHans)))
    }
    return out
  }
}
