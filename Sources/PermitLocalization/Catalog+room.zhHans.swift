// 培训室管理的简体中文文本：`permitdesk room init|add|remove|shell` 的帮助和提示，以及培训室的
// 文件（room.conf、authorized_keys、密钥文件）。键与 Catalog+room.en.swift 一一对应。

extension Catalog {
  /// Simplified Chinese texts of the room's administration.
  static let zhRoom: [String: String] = [
    // 帮助
    "cli.room.abstract": "在一台主机上设立培训室：学员和培训师通过SSH以各自的身份使用PermitDesk。",
    "cli.room.discussion":
      "每个人都用自己的SSH密钥登录同一个服务账号；该账号的authorized_keys确定每把密钥对应的人（command=\"permitdesk room shell NAME\",restrict,pty）。见README的“Training room”一节。",
    "cli.room.folder": "培训室所在的文件夹。",
    "cli.room.init.abstract": "设立培训室：数据库（用新密钥签名）、一份内容副本和room.conf。",
    "cli.room.init.discussion":
      "以root身份运行。该文件夹属于root；其中的数据属于服务账号，其他人均无权访问。服务账号须已存在（useradd --system --create-home --shell /bin/sh permitdesk）。",
    "cli.room.init.account": "所有人连接的服务账号。",
    "cli.room.init.content": "复制到培训室的内容（默认：PERMITDESK_HOME或随程序附带的内容）。",
    "cli.room.init.authorized-keys": "培训室管理的authorized_keys文件（默认：~账号/.ssh/authorized_keys）。",
    "cli.room.init.program": "强制命令所运行的permitdesk程序（默认：当前程序）。",
    "cli.room.add.abstract": "凭SSH公钥让一个人进入培训室（一把密钥对应一个人）。",
    "cli.room.add.name": "此人在培训室中的名字（字母、数字和 . _ -）。",
    "cli.room.add.key": "此人的SSH公钥文件（如id_ed25519.pub）。",
    "cli.room.add.trainer": "培训师：还可以使用report、verify和purge。",
    "cli.room.remove.abstract": "让一个人离开培训室：其密钥不再能进入。其记录保留。",
    "cli.room.remove.name": "此人在培训室中的名字。",
    "cli.room.shell.abstract": "培训室的强制命令（写在authorized_keys中）：以NAME身份进入交互界面，别无其他。",
    "cli.room.shell.name": "该SSH密钥所属的成员。",
    // room init
    "room.admin.init.not-root": "请以root身份运行`room init`：它要把培训室的文件交给{1}",
    "room.admin.init.bad-path": "{1} {2} 须为仅由字母、数字和 / . _ + - 组成的绝对路径（它会写入强制命令）",
    "room.admin.init.exists": "{1} 已经是培训室；用`permitdesk room add`添加人员，或删除{1}后重新设立",
    "room.admin.init.no-folder": "{1} 中没有 {2}/ 文件夹：请用 --content DIR 指定内容",
    "room.admin.init.prefix-owner": "{1} 须属于root（`chown root:root {1}`）",
    "room.admin.init.copy": "无法复制 {1}/{2}：{3}",
    "room.admin.init.done": "培训室：已在 {1} 设立，服务账号为{2}",
    "room.admin.init.database": "  数据库  {1}（记录以密钥 {2} 签名）",
    "room.admin.init.content": "  内容    {1}（复制自 {2}）",
    "room.admin.init.config": "  配置    {1}（权限0600：其中有密钥）",
    "room.admin.init.keys": "  密钥表  {1}",
    "room.admin.init.next": "下一步：permitdesk room add NAME --key NAME.pub [--trainer] --room {1}",
    // room add / remove
    "room.admin.role.trainee": "学员",
    "room.admin.role.trainer": "培训师",
    "room.admin.add.bad-name": "“{1}”不能作为培训室中的名字：最多32个字母、数字、“.”“_”或“-”，以字母或数字开头",
    "room.admin.add.key-taken": "此公钥在 {2} 中已属于{1}；一把密钥对应一个人：请{3}提供自己的密钥",
    "room.admin.add.key-taken.other": "此公钥在 {1} 中已属于另一个登录项；一把密钥对应一个人：请{2}提供自己的密钥",
    "room.admin.add.added": "培训室：已添加{1}，{2}密钥 {3}，身份为{4}",
    "room.admin.add.replaced": "培训室：{1}的密钥改为{2}密钥 {3}，身份为{4}",
    "room.admin.remove.not-member": "{1}不在培训室中（成员：{2}）",
    "room.admin.remove.no-members": "无",
    "room.admin.remove.done.one": "培训室：已移除{1}（{2}行密钥）；其记录仍保留在数据库中",
    "room.admin.remove.done.other": "培训室：已移除{1}（{2}行密钥）；其记录仍保留在数据库中",
    // 公钥与authorized_keys
    "room.admin.key.unreadable": "无法读取公钥文件 {1}",
    "room.admin.key.lines": "{1} 中须恰好有一行公钥，实际为{2}行",
    "room.admin.key.not-a-key": "应为SSH公钥（{1}，后接密钥），如`ssh-keygen -t ed25519`生成的.pub文件",
    "room.admin.key.bad-base64": "密钥不是有效的{1}密钥的base64编码",
    "room.admin.keys.unreadable": "无法读取 {1}：请以root或培训室服务账号的身份运行",
    // room.conf与密钥文件
    "room.admin.conf.expected-setting": "应为`键 = 值`",
    "room.admin.conf.expected-member": "应为`member = NAME trainee`或`member = NAME trainer`",
    "room.admin.conf.twice": "`{1}`写了两次",
    "room.admin.conf.unknown": "未知的设置`{1}`",
    "room.admin.conf.missing": "缺少设置`{1}`",
    "room.admin.conf.key": "`key`须为64位十六进制数字",
    "room.admin.conf.no-room": "{1} 没有培训室（没有 {2}）；请用`permitdesk room init --prefix {1}`设立",
    "room.admin.conf.exposed": "{1} 可被他人读取（权限{2}）；其中有培训室密钥：请执行`chmod 600 {1}`，并视记录为已泄露（如有外人访问过，请重新设立培训室）",
    "room.admin.conf.unreadable": "无法读取 {1}：请以培训室服务账号（或root）的身份运行",
    "room.admin.keyfile.unreadable": "无法读取密钥文件 {1}",
    "room.admin.keyfile.exposed": "警告：{1} 可被他人读取；培训室密钥文件的权限应为0600",
    "room.admin.keyfile.none": "{1} 中没有培训室密钥（应有一行由64位十六进制数字组成的`key = `，如培训室的room.conf）",
    // 账号与文件
    "room.admin.no-account": "本机没有账号{1}；请先创建，如`useradd --system --create-home --shell /bin/sh {1}`",
    "room.admin.chown": "无法把 {1} 交给{2}：{3}",
    "room.admin.mkdir": "无法创建文件夹 {1}：{2}",
    "room.admin.write": "无法写入 {1}：{2}",
  ]
}
