// 结对练习与培训室的中文文本 (issue 15): the Chinese of Catalog+pair.en.swift, key for key, with the
// official terms of Locales/glossary.md (A岗/B岗, 双岗审核, 移交, 结对练习, 培训室).

extension Catalog {
  /// Simplified Chinese: pair mode and the training room.
  static let zhPair: [String: String] = [
    // the pair attempt (Session+Pair)
    "pair.refuse.clock": "结对练习中只有A岗（{1}）可以推进时钟和结束当日练习；你的命令仍会花费模拟时间",
    "pair.refuse.snapshot": "结对练习中不能保存或恢复快照：练习环境与你的搭档共享",
    "pair.not-pair": "这不是结对练习",
    "pair.handover.already": "{1}已移交B岗（{2}）审核",
    "pair.handover.done": "{1}：已移交B岗（{2}）；审核意见将返回给你。",
    "pair.review.not-handed": "{1}尚未移交给你：A岗（{2}）提出受理意见后才会移交",
    "pair.review.agree": "{1}：你同意A岗的受理意见；由{2}出具文书。",
    "pair.review.return": "{1}：你将A岗的受理意见退回{2}，由其重新提出受理意见。",
    "pair.post-a": "A岗",
    "pair.ticket-line": "{1}：{2}",
    "pair.line.handed-over": "{1}：A岗（{2}）移交受理意见{3}，请你审核（'open {1}'，然后 'review agree' 或 'review return 理由'）。",
    "pair.line.agrees": "{1}：B岗（{2}）同意。你可以出具文书。",
    "pair.line.returns": "{1}：B岗（{2}）退回你的受理意见：{3}。",

    // start --pair, join, resume (Repl+Pair)
    "pair.partner.not-in-room": "{1}不是本培训室的学员{2}；由培训师用 'room add' 添加学员",
    "pair.partner.self": "不能与自己结对：--pair 后面写你的搭档，搭档以B岗身份加入",
    "pair.partner.unknown": "没有学员“{1}”{2}；请搭档先登录一次，然后你再用 'start SCENARIO --pair {1}'",
    "pair.partner.error": "找不到搭档：{1}",
    "pair.join.usage": "用法：join [ATTEMPT]（搭档的 'start --pair' 给出的练习编号）",
    "pair.join.number": "join 后面是练习编号，例如 'join 12'",
    "pair.join.not-yours": "练习 #{1} 不是以你为搭档、正在进行的结对练习",
    "pair.join.yours": "（等你加入的：{1}）",
    "pair.join.none": "没有等待你加入的结对练习：搭档用 'start SCENARIO --pair {1}' 开始结对练习",
    "pair.join.many": "有{1}个结对练习等你加入（{2}）：用 'join ATTEMPT' 指定其中一个",
    "pair.join.error": "无法加入：{1}",
    "pair.enter.error": "无法进入练习 #{1}：{2}",
    "pair.enter.joined": "已加入结对练习 #{1}（{2}），你是{3}岗，搭档{4}是{5}岗：已重放{6}个操作；现在是{7}{8}。",
    "pair.enter.resumed": "已继续结对练习 #{1}（{2}），你是{3}岗，搭档{4}是{5}岗：已重放{6}个操作；现在是{7}{8}。",
    "pair.enter.open": "，{1}已打开",
    "pair.enter.nothing": "还没有移交给你的案卷：{1}的移交和命令会在你的下一个提示符之前显示在这里。",
    "pair.enter.waiting": "等待你审核：{1}。",
    "pair.partner.line": "[{1}，{2}岗] {3}{4}",
    "pair.partner.refused": "（被拒绝）",
    "pair.abandoned": "结对练习 #{1} 已被{2}放弃；用 'start SCENARIO' 开始新的练习，或用 'join' 加入其他结对练习。",
    "pair.your-partner": "你的搭档",
    "pair.invitation": "{1}开始了结对练习 #{2}（{3}），你是B岗：'join {2}'。",

    // the training room (Repl+Room)
    "room.unfinished": "你有一个未完成的练习 {1}（#{2}）：用 'resume' 继续。",
    "room.enter.error": "无法进入培训室：{1}",
    "room.login": "你在本培训室中的身份是{1}：身份由你的SSH密钥决定，因此不能使用 'login'",
    "room.trainer-only": "'{1}' 仅供培训师使用；请询问你的培训师",
    "room.path-option": "{1} 在培训室中不可用：{2} 只处理本培训室自己的记录",
    "room.unavailable": "'{1}' 在培训室中不可用（'help' 列出可用命令）",
    "room.unknown": "未知命令 '{1}'（'help' 列出可用命令）",
    "room.verify.usage": "多余的参数 '{1}'；用法：verify [--rescore]",
    "room.verify.problems": "verify：发现问题（见上方列表）",
    "room.monitor.usage": "多余的参数 '{1}'；用法：monitor [--once] [--format table|json]",
    "room.failed": "{1}：失败（退出码 {2}）",
    // 培训室中培训师命令的 help 说明
    "help.report.summary": "培训师：本培训室的练习结果（table、csv、json、html、xapi）",
    "help.verify.summary": "培训师：用培训室密钥检查并验证本培训室的记录",
    "help.purge.summary": "培训师：删除超过保存期限的归档案卷（操作日志保留）",
    "help.monitor.summary": "培训师：实时查看正在进行的练习（按 Enter 或 Ctrl-C 停止）",
    "help.monitor.details": "学员、场景、模式、模拟时钟、已办/总案卷数、当前得分、最近一次操作及距今多久、警示（未经双岗审核即出具、走过场式审核、视为受理）。",
    "help.inject.summary": "培训师：在正在进行的练习中插入事件，在学员下一条命令之前生效",
    "help.inject.details": "作为培训师事件记入该练习的操作日志，重放时完全一致。在提示符处等待的学员约一秒内就会看到。",
    // 培训师插入的事件
    "event.usage": "surge 人数 | colleague-absent 截止时间（HH:MM 或 2017-07-03T14:00+08:00）| announce 文字 | rule-change 政策包",
    "event.needed": "需要指定事件：{1}",
    "event.surge.usage": "用法：surge 人数（1至50名申请人）",
    "event.absent.usage": "用法：colleague-absent 截止时间，例如 14:00 或 2017-07-03T14:00+08:00",
    "event.announce.usage": "用法：announce 文字",
    "event.rule-change.usage": "用法：rule-change 政策包（政策包编号）",
    "event.unknown": "未知事件 '{1}'{2}；可用事件：{3}",
    // 培训室的强制命令
    "room.shell.command": "此账号只能进入 PermitDesk 培训室；请用 `ssh -t` 连接，不要附带命令（请求运行：{1}）",
    "room.shell.not-member": "{1}不是本培训室的成员；请培训师添加你",
    "room.banner.trainer": "PermitDesk 培训室（仅含模拟数据）。你是{1}，培训师；'help' 列出你可以使用的命令。",
    "room.banner.trainee": "PermitDesk 培训室（仅含模拟数据）。你是{1}，学员；'help' 列出你可以使用的命令。",
  ]
}
