import PermitContent
import PermitCore
import PermitLocalization

extension Localized {
  /// A post as a person says it: `A` in English (in "post A"), `A岗` in Chinese.
  public static func post(_ p: TraineePost, in language: Language = Language.current) -> String { name("post-short", p.rawValue, in: language) }

  /// An attempt mode (`practice`, 练习).
  public static func mode(_ m: AttemptMode, in language: Language = Language.current) -> String { name("mode", m.rawValue, in: language) }
}
