"""Chinese-first input, Click's usage errors, outputs, encodings and the lock."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- Chinese-first input: values, years, names as the output shows them ---------------
    "not-a-number": (
        "“{value}”不是一个数值；可接受的写法如 {forms}。",
        "'{value}' is not a number; accepted forms are {forms}",
    ),
    "not-a-number.empty": (
        "没有输入数值；请写如 {forms} 的数。",
        "no value was given; type one such as {forms}",
    ),
    "not-a-number.too-long": (
        "“{value}”太长，不像一个数值；请写如 {forms} 的数。",
        "'{value}' is too long to be a number; type one such as {forms}",
    ),
    "not-a-number.space": (
        "“{value}”的数字中间有空格，无法确定是千位分隔还是两个数；请写成 31347 或 31,347。",
        "'{value}' has a space between digits, which could be a thousands separator or two "
        "numbers; write 31347 or 31,347",
    ),
    "not-a-number.character": (
        "“{value}”中的“{char}”不是数值的一部分；可接受的写法如 {forms}。",
        "'{char}' in '{value}' is not part of a number; accepted forms are {forms}",
    ),
    "not-a-number.format": (
        "“{value}”不是一个数值；可接受的写法如 {forms}。",
        "'{value}' is not a number; accepted forms are {forms}",
    ),
    "not-a-number.not-finite": (
        "“{value}”不是有限数值，计划不计入这样的值；请写如 {forms} 的数。",
        "'{value}' is not a finite number, which no plan counts; type one such as {forms}",
    ),
    "not-a-number.scale": (
        "“{value}”中的“{scale}”对单位 {unit} 没有明确含义；可接受的写法如 {forms}。",
        "'{scale}' in '{value}' has no single meaning in {unit}; accepted forms are {forms}",
    ),
    "not-a-year": (
        "“{value}”不是年份；请写如 {example} 或 {example}年。",
        "'{value}' is not a year; write one such as {example} (or {example}年)",
    ),
    "ambiguous-indicator": (
        "“{ref}”可以指多项指标：{choices}。请写得更具体，或用序号或键。",
        "'{ref}' could be several indicators: {choices}; be more specific, or use the number "
        "or key",
    ),
    "ambiguous-action": (
        "“{ref}”可以指多项行动：{choices}。请写得更具体，或用行动编号。",
        "'{ref}' could be several actions: {choices}; be more specific, or use the action id",
    ),
    "ambiguous-area": (
        "“{ref}”可以指多个领域：{choices}。请写得更具体，或用序号或编号。",
        "'{ref}' could be several areas: {choices}; be more specific, or use the number or id",
    ),
    "invalid-status": (
        "“{value}”不是行动状态；可用：{choices}。",
        "'{value}' is not an action status; use one of {choices}",
    ),
    "invalid-state": (
        "“{value}”不是工作事项的状态；可用：{choices}。",
        "'{value}' is not a work item state; use one of {choices}",
    ),
    "bad-parameter": ("{param} 的值无效：{message}", "invalid value for {param}: {message}"),
    "workplan-after-as-of": (
        "{year} 年的工作计划晚于 --as-of {as_of}：截至 {as_of} 年底它还不存在；请去掉 --as-of 或选 {as_of} 年及以前的工作计划。",
        "the {year} work plan comes after --as-of {as_of}: at the end of {as_of} it did not exist "
        "yet; leave out --as-of or choose a work plan of {as_of} or before",
    ),
    "missing-parameter.json": (
        "缺少 {param}；加 --help 查看用法。",
        "{param} is missing; add --help for the usage",
    ),
    "missing-parameter": (
        "缺少 {param}；用法见上，或加 --help 查看说明。",
        "{param} is missing; see the usage above, or add --help",
    ),
    "list.sep": ("、", ", "),
    "list.more": ("……另有 {count} 个", " and {count} more"),
    "label.pace_suffices": (
        "保持当前年均变化即可按期达到目标（所需仅为当前的 {factor} 倍）",
        "Keeping today's yearly change is enough to reach the target in time (it needs only "
        "{factor}x)",
    ),
    "count.actions": ("{n} 项行动", "{n} actions"),
    "count.action": ("{n} 项行动", "1 action"),
    "count.safeguards": ("{n} 项保障", "{n} safeguards"),
    "count.safeguard": ("{n} 项保障", "1 safeguard"),
    "unknown-shell": (
        "不支持 {shell} 的补全；可用：{shells}。",
        "no completion for {shell}; use one of {shells}",
    ),
    # what --install-completion did, and what to do next for the shell to use it
    "completion.installed.rc": (
        "已为 {shell} 安装补全：{path}，由 {rc} 加载。请新开一个终端，或在当前终端运行 source {rc}，"
        "补全即可使用。",
        "completion for {shell} installed in {path}, loaded by {rc}; open a new terminal, or "
        "run source {rc} in this one, to use it",
    ),
    "completion.installed.fish": (
        "已为 fish 安装补全：{path}。fish 每次启动都会加载它：请新开一个终端。",
        "completion for fish installed in {path}; fish loads it when it starts, so open a new "
        "terminal to use it",
    ),
    "completion.installed.powershell": (
        "已为 {shell} 安装补全，写入其配置文件 {path}。请重新启动 PowerShell，补全即可使用。",
        "completion for {shell} installed in its profile {path}; restart PowerShell to use it",
    ),
    "lock.waiting": (
        "另一个 ipplan 命令正在写入 {path}，正在等待它完成……",
        "another ipplan command is writing to {path}; waiting for it to finish...",
    ),
    "usage.hint": ("用 '{command} -h' 查看帮助。", "Try '{command} -h' for help."),
    # Click's own usage errors, told in the user's language
    "usage.no-such-option": ("没有 {option} 这个选项。", "No such option: {option}"),
    "usage.option-after-command": (
        "{option} 是命令的选项，请写在命令之后，如 {example}。",
        "{option} is an option of a command: put it after the command, as in {example}",
    ),
    "usage.possible-options": ("（您是否想输入：{options}？）", "(Possible options: {options})"),
    "usage.no-such-command": (
        "没有 {command} 这个命令{similar}；ipplan -h 列出所有命令。",
        "No such command '{command}'{similar}; ipplan -h lists them all",
    ),
    "usage.not-an-integer": ("应为整数", "it must be a whole number"),
    "usage.not-one-of": (
        "“{value}”不是可选的值；可选：{choices}",
        "'{value}' is not one of {choices}",
    ),
    "usage.encoding": (
        "“{value}”不是导入可读的编码；请写 utf-8、gbk（即 gb18030）、big5 或 shift_jis",
        "'{value}' is not an encoding import reads; write utf-8, gbk (gb18030), big5 or shift_jis",
    ),
    "usage.option-needs-value": ("{option} 后面需要一个值。", "Option '{option}' requires a value"),
    "usage.option-takes-no-value": (
        "{option} 不接受值。",
        "Option '{option}' does not take a value",
    ),
    "usage.extra-arguments": ("多余的参数：{args}。", "Got unexpected extra arguments: {args}"),
    "named": ("{name}（{key}）", "{name} ({key})"),
    # --- outputs: report targets, encodings, full disks, init, the shared lock ---
    "disk-full": (
        "磁盘已满（ENOSPC）：无法写入 {path}，已有文件均未改动。请腾出磁盘空间后重试。",
        "the disk is full (ENOSPC): {path} could not be written and every existing file is "
        "as it was; free some space and try again",
    ),
    "data-dir-unreadable": (
        "无法读取数据目录 {path}：{detail}。请让目录的所有者授予您读取权限（如 chmod g+rx {path}），"
        "或用 --data 指定其他目录。",
        "cannot read the data directory {path}: {detail}; ask its owner for read access "
        "(such as chmod g+rx {path}), or name another directory with --data",
    ),
    "output-not-a-file": (
        "{path} 是{kind}，不是普通文件；报告只写入普通文件，未做任何改动。"
        "请为 -o 指定一个文件名，或用 -o - 写到标准输出。",
        "{path} is {kind}, not a regular file; a report is written only to a regular file, "
        "and nothing was changed. Name a file for -o, or use -o - for standard output",
    ),
    "kind.directory": ("目录", "a directory"),
    "kind.device": ("设备文件", "a device"),
    "kind.pipe": ("命名管道", "a named pipe"),
    "kind.socket": ("套接字", "a socket"),
    "kind.other": ("特殊文件", "a special file"),
    "output-dir-missing": (
        "目录 {directory} 不存在，未写入 {path}。请先创建该目录，或换一个路径。",
        "the directory {directory} does not exist, so {path} was not written; create it "
        "first, or choose another path",
    ),
    "output-failed": (
        "无法写出到标准输出：{detail}。",
        "cannot write to standard output: {detail}",
    ),
    "output-failed.disk-full": (
        "无法写出到标准输出：磁盘已满（ENOSPC）。",
        "cannot write to standard output: the disk is full (ENOSPC)",
    ),
    "output-failed.closed": (
        "无法写出到标准输出：它已被关闭（>&-）。",
        "cannot write to standard output: it is closed (>&-)",
    ),
    "lock-mode-own": (
        "无法取得写锁：锁文件 {path} 是您自己的，但权限 {mode} 不允许打开它，本次未做任何改动。"
        "请运行 chmod u+rw {path}，或在没有 ipplan 命令运行时删除它（它不含任何数据）。",
        "cannot take the write lock: the lock file {path} is yours, but its mode {mode} lets "
        "nobody open it, so nothing was changed. Run chmod u+rw {path}, or delete it while no "
        "ipplan command is running (it holds no data)",
    ),
    "lock-not-a-file": (
        "无法取得写锁：{path} 是{kind}，不是锁文件，本次未做任何改动。请在没有 ipplan 命令运行时删除它"
        "（锁文件不含任何数据，下次写入会重建）。",
        "cannot take the write lock: {path} is {kind}, not a lock file, so nothing was changed. "
        "Remove it while no ipplan command is running (a lock file holds no data; the next write "
        "makes it again)",
    ),
    "lockkind.link": ("一个符号链接", "a symbolic link"),
    "lockkind.directory": ("一个目录", "a directory"),
    "lockkind.other": ("一个特殊文件", "a special file"),
    "lock-not-ours": (
        "无法取得写锁：锁文件 {path} 属于用户 {owner}（组 {group}），权限为 {mode}，"
        "您（{user}）无权打开它，本次未做任何改动。请让 {owner} 或管理员运行 chmod g+rw {path}；"
        "或在没有 ipplan 命令运行时删除它（它不含任何数据，下次写入会以组可写的权限重建）。",
        "cannot take the write lock: the lock file {path} belongs to {owner} (group {group}) "
        "with mode {mode}, which you ({user}) may not open, so nothing was changed. Ask {owner} "
        "or an administrator to run chmod g+rw {path}, or delete it while no ipplan command is "
        "running (it holds no data; the next write makes it again, writable by the group)",
    ),
    "output-failed.saved": (
        "改动已保存：{saved}（但结果未能显示。）",
        "the change was saved: {saved} (but its output could not be shown)",
    ),
}
