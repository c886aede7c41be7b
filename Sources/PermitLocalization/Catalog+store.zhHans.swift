// 沙盒数据库错误（StoreError）的简体中文文本。键与 Catalog+store.en.swift 一一对应。

extension Catalog {
  /// Simplified Chinese texts of the store's errors.
  static let zhStore: [String: String] = [
    "store.not-a-sandbox": "{1} 是SQLite数据库，但不是PermitDesk沙盒（没有沙盒标记）；PermitDesk不会写入该文件。请用 --db 或 PERMITDESK_DB 指定其他文件。",
    "store.unreadable": "{1} 不是SQLite数据库或无法读取；PermitDesk不会改动它。请检查 --db 或 PERMITDESK_DB 给出的路径，或把该文件移走以新建沙盒。",
    "store.newer-schema": "{1} 由更新版本的PermitDesk写入。请更新PermitDesk，或用 --db 使用其他沙盒文件。",
    "store.missing": "{1} 没有沙盒数据库；此命令只读取，不会新建。请检查 --db 或 PERMITDESK_DB 给出的路径。",
    "store.cannot-open": "无法打开沙盒数据库 {1}：{2}。请检查文件夹是否存在且可写，或用 --db 指定其他文件。",
    "store.unknown-attempt": "本沙盒中没有练习#{1}。用`permitdesk report`列出全部练习。",
    "store.unknown-trainee": "本沙盒中没有学员{1}。用`login 姓名`登录即可创建。",
    "store.attempt-not-open": "练习#{1}已经{2}，不能再次结束或放弃。请用`start 情景`开始新的练习。",
    "store.status.finished": "结束",
    "store.status.abandoned": "放弃",
    "store.busy": "沙盒数据库 {1} 被另一个PermitDesk进程锁定超过5秒。请重试该命令；本次未记录任何内容。",
    "store.database": "沙盒数据库错误：{1}。请运行`permitdesk verify`检查记录。",
    "store.log-advanced": "准备此命令期间，练习#{1}的日志已前进（到第{2}项操作）；本次未记录任何内容：请重试。",
    "store.lease-lost": "练习#{1}已被接管；此处未记录任何内容。'resume --take-over' 可以取回。",
    "store.lease-lost.by": "练习#{1}已被{3}上的进程{2}接管；此处未记录任何内容。'resume --take-over' 可以取回。",
  ]
}
