// 交互界面在练习中的回复（start、resume、保存）的中文文本（issue 15）。

extension Catalog {
  /// Simplified Chinese: the REPL's attempt replies.
  static let zhRepl: [String: String] = [
    "repl.unknown-command": "没有命令“{1}”",
    "repl.help-lists": "（'help' 列出全部命令）",
    "repl.login.bad-name": "无法登录：{1}；名字含空格时请加引号：'login \"名 姓\"'",
    "repl.login.cannot": "无法登录：{1}",
    "repl.progress.cannot": "无法读取进度：{1}",
    "repl.no-module": "没有模块“{1}”",
    "repl.start.usage": "用法：start 情景 [--mode practice|assessment] [--seed N]（'scenarios' 列出情景）",
    "repl.start.mode": "--mode 只能是 practice（练习）或 assessment（考核）",
    "repl.start.seed": "--seed 需要一个整数",
    "repl.start.unexpected": "无法识别“{1}”；用法：start 情景 [--mode practice|assessment] [--seed N] [--free] [--abandon]",
    "repl.start.locked": "模块 {1} 尚未解锁：须先通过 {2}（见 'curriculum'），或用 'start {3} --free' 练习（不计学分）",
    "repl.start.it-is": "（现在是 {1}）",
    "repl.start.in-progress": "练习 #{1}（{2}）正在进行{3}：'resume' 继续，或 'start {4} --abandon' 放弃后重新开始",
    "repl.start.started": "练习 #{1} 已开始。",
    "repl.start.next": "'brief' 查看情景简介，'queue' 查看窗口排队，'help' 查看命令。",
    "repl.start.cannot": "无法开始：{1}",
    "repl.resume.none": "{1} 没有未完成的练习；请用 'start 情景'",
    "repl.resume.cannot": "无法继续：{1}",
    "repl.resume.content-changed": "警告：练习开始后内容已有变动（{1}、其政策包或日历）；重放结果可能不同",
    "repl.resume.open": "，已调取 {1}",
    "repl.resume.done": "已继续练习 #{1}（{2}）：重放了{3}项操作；现在是 {4}{5}。",
    "repl.resume.record-score": "日志显示本次练习已经结束，但成绩尚未记录；现在记录。",
    "repl.attempt.login-first": "请先登录（login 名字），再 'start 情景' 或 'resume'",
    "repl.attempt.none": "没有进行中的练习：请 'start 情景' 或 'resume'",
    "repl.save.failed": "无法保存该操作（{1}）；未记录任何内容，练习仍停留在“{2}”之前的状态：请重试",
    "repl.refused": "被拒绝",
    "repl.score.cannot-record": "无法记录成绩：{1}",
  ]
}
