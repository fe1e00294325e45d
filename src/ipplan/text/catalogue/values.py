"""Numbers that mean what they look like, as-of, report formats, imports."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the layout of the files ipplan writes: one record per file (records.py)
    # numbers that mean what they look like (numbers.py): in data files, typed and imported
    "number-form": (
        "{text} 的写法有歧义：YAML 1.1 读作 {yaml11}，YAML 1.2 读作 {yaml12}。数值请写成普通十进制，如 {decimal}；文本请加引号。",
        "{text} is ambiguous: YAML 1.1 reads it as {yaml11} and YAML 1.2 as {yaml12}. Write a "
        "number in plain decimal, such as {decimal}; quote text",
    ),
    "number-base": (
        "{text} 不是十进制写法（读作 {yaml12}）；请写成十进制 {decimal}，文本请加引号。",
        "{text} is not written in decimal (it reads as {yaml12}); write {decimal}, or quote text",
    ),
    "number-precision": (
        "{text} 的有效数字超过 15 位，数值保存不了这么多位，会读作 {kept}；请写成 {kept}，或少写几位。",
        "{text} has more significant digits than a number keeps (15), and reads as {kept}; write "
        "{kept}, or fewer digits",
    ),
    "number-too-large": (
        "{text} 超出了数值所能表示的范围；数值请写得小一些，文本请加引号。",
        "{text} is beyond the largest number there is; write a smaller number, or quote text",
    ),
    "typed.number-precision": (
        "“{text}”的有效数字超过 15 位，数值保存不了这么多位，会变成 {kept}；请少写几位，如 {kept}。",
        "'{text}' has more significant digits than a number keeps (15), and would become {kept}; "
        "write fewer digits, such as {kept}",
    ),
    "typed.number-too-large": (
        "“{text}”超出了数值所能表示的范围；请写一个小一些的数。",
        "'{text}' is beyond the largest number there is; write a smaller number",
    ),
    "number.text": ("文本", "text"),
    "typed.number-form": (
        "“{text}”这种写法会被不同的软件读成不同的数；请写成普通十进制数，如 {plain}。",
        "'{text}' is read as different numbers by different tools; write a plain decimal number, "
        "such as {plain}",
    ),
    "typed.not-decimal": (
        "“{text}”不是十进制数的写法；请写成普通十进制数，如 31347 或 80.5。",
        "'{text}' is not a decimal number; write one such as 31347 or 80.5",
    ),
    "typed.number-base": (
        "“{text}”不是十进制写法；请写成十进制数，如 {plain}。",
        "'{text}' is not written in decimal; write a decimal number, such as {plain}",
    ),
    "p.ambiguous-name": (
        "名称 {name} {why}，在命令中会指向两项指标；请改名",
        "the name {name} {why}, so on the command line it would name two indicators; rename it",
    ),
    "why.number": (
        "是一个数字，与指标序号无法区分",
        "is a number, which reads as an indicator's number",
    ),
    "why.other": ("与指标 {other} 的键或名称相同", "is the key or a name of indicator {other}"),
    "p.duplicate-recorded-time": (
        "录入时间 {time} 已被 {other} 使用；每次变更须有自己的录入时间，否则 ipplan undo 会一次撤销两项变更。请把其中一个时间改晚一毫秒（文件名随之更改）",
        "the recorded time {time} is also that of {other}; each change needs a time of its own, "
        "or ipplan undo would revert both at once. Make one of them a millisecond later (and "
        "rename its file to match)",
    ),
    "p.time-in-future": (
        "录入时间 {time} 晚于现在（{now}），变更不可能在将来录入（也许写入它的电脑时钟不对）。请改成实际录入的时间（更新和进展记录的文件名随之更改），或删去这条记录",
        "the recorded time {time} is later than now ({now}): no change was recorded in the "
        "future (the clock of the machine that wrote it may be wrong). Correct it to when the "
        "change was recorded (an update's or progress record's file name follows it), or "
        "remove the record",
    ),
    "p.merge-conflict": (
        "git 合并冲突尚未解决：{ours_label} 一方为 {ours}，{theirs_label} 一方为 {theirs}。请保留其中一方：删去另一方和 <<<<<<<、=======、>>>>>>> 这几行（或运行 git checkout --ours 或 --theirs 该文件），用 git add 标记为已解决，再运行 ipplan validate，然后提交",
        "unresolved git merge conflict: {ours_label} has {ours}, {theirs_label} has {theirs}. "
        "Keep one side: delete the other and the <<<<<<<, ======= and >>>>>>> lines (or run "
        "git checkout --ours or --theirs on this file), git add it, run ipplan validate, then "
        "commit",
    ),
    "p.unmerged": (
        "git 尚未完成此文件的合并（{how}）；请决定保留哪一方，用 git add 或 git rm 标记为已解决，再运行 ipplan validate",
        "git has not finished merging this file ({how}); decide which side to keep, mark it "
        "resolved with git add or git rm, then run ipplan validate",
    ),
    "p.unfinished-change": (
        "一次改动在写完全部文件前中断，其记录留在此处；在改动完成或回滚前，计划的文件可能新旧混杂。运行 ipplan undo 将其回滚（任何写入的命令也会先将其回滚）",
        "a change was stopped before all its files were written, and its journal is left here; "
        "until it is rolled back the plan's files may be part old, part new. Run ipplan undo "
        "to roll it back (any command that writes does so first)",
    ),
    "unmerged.both-modified": ("双方都修改了它", "changed on both sides"),
    "unmerged.deleted-by-them": (
        "对方删除了它，我方修改了它",
        "deleted on their side, changed on ours",
    ),
    "unmerged.deleted-by-us": (
        "我方删除了它，对方修改了它",
        "deleted on our side, changed on theirs",
    ),
    "unmerged.both-added": ("双方各自新增了它", "added on both sides"),
    "unmerged.added-by-us": ("我方新增了它", "added on our side"),
    "unmerged.added-by-them": ("对方新增了它", "added on their side"),
    "unmerged.both-deleted": ("双方都删除了它", "deleted on both sides"),
    "p.unexpected-file": (
        "此处只应有 {layout} 形式的记录文件；请移走或改名",
        "only record files laid out as {layout} belong here; move or rename this one",
    ),
    "p.not-a-regular-file": (
        "是{kind}，不是普通文件；ipplan 只读取计划目录中的普通文件，请换成普通文件",
        "is a {kind}, not a regular file; ipplan reads only the plan's own regular files, so "
        "replace it with one",
    ),
    "import-not-a-regular-file": (
        "是{kind}，不是普通文件；导入只读取普通文件：请把表格存为文件，再给出它的路径",
        "is a {kind}, not a regular file; import reads only a regular file, so save the table as "
        "a file and give its path",
    ),
    "filekind.symlink": ("符号链接", "symbolic link"),
    "filekind.symlink-outside": (
        "指向计划目录之外的符号链接",
        "symbolic link to outside the plan's directory",
    ),
    "filekind.directory": ("目录", "directory"),
    "filekind.device": ("设备文件", "device"),
    "filekind.pipe": ("命名管道", "named pipe"),
    "filekind.socket": ("套接字", "socket"),
    "filekind.other": ("特殊文件", "special file"),
    "p.record-name": (
        "文件名 {name} 与其中的录入时间不符，应为 {expected}",
        "the file name {name} does not match the recorded time inside; it should be {expected}",
    ),
    "p.undo-path": (
        "撤销记录列出的文件 {path} 不是撤销会写的文件（记录文件、workplans/年份.yaml 或 "
        "indicators.yaml）；请恢复 ipplan 写下的这个文件，或删除它",
        "the undo record names {path}, which is no file an undo writes (a record file, "
        "workplans/YEAR.yaml or indicators.yaml); put back the file as ipplan wrote it, or "
        "delete it",
    ),
    "p.duplicate-record": (
        "该记录也在 {other} 中，且两处不同；请只保留一处（旧文件 actuals.yaml 或 task_log.yaml 中的那条可以删去）",
        "this record is also in {other}, and the two differ; keep only one (the entry in the "
        "old actuals.yaml or task_log.yaml can go)",
    ),
    "expected.integer": ("整数", "a whole number"),
    "expected.number": ("数值", "a number"),
    "expected.text": ("文本", "text"),
    "expected.boolean": ("true 或 false", "true or false"),
    "expected.list": ("列表", "a list"),
    "expected.mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "expected.date": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "expected.datetime": (
        "日期时间（如 2024-03-01T10:00:00+08:00）",
        "a date and time (such as 2024-03-01T10:00:00+08:00)",
    ),
    # --- exact as-of, report formats, plausibility, metadata, imports from Excel ---
    "replaced.metadata": (
        "（数值未变；此前的来源和备注已保留在历史中）",
        " (the value is unchanged; the earlier source and note are kept in its history)",
    ),
    "report.made_recorded": (
        "依据截至 {time} 录入的数据生成。",
        "Made from the data as recorded up to {time}.",
    ),
    "report.made_epoch": ("生成于 {time}。", "Made at {time}."),
    "report.made_none": (
        "所计入的数据均无录入时间。",
        "Nothing the report counts carries the time it was recorded.",
    ),
    "sheet.about": ("说明", "About"),
    "tasks.as_of": (
        "截至 {year} 年底：行动状态只计入 {year} 年底前录入的进展。",
        "As of the end of {year}: actions stand as the updates recorded by then left them.",
    ),
    "show.as_of": (
        "截至 {year} 年：只计入 {year} 年及以前的实际值，行动状态为 {year} 年底时的状态。",
        "As of {year}: only actuals up to {year} count, and actions stand as they did at the "
        "end of {year}.",
    ),
    "as-of-outside-plan": (
        "--as-of {year}：{year} 年不在计划期内，没有可查看的进展；请在 {first}–{last} 年中选一年。",
        "--as-of {year}: {year} is outside the plan, so there is no progress to view; choose a "
        "year from {first} to {last}",
    ),
    "as-of-baseline-year": (
        "--as-of {year}：{year} 年是基线年，其后才有进展可查看；请在 {first}–{last} 年中选一年。",
        "--as-of {year}: {year} is the baseline year, and progress starts after it; choose a "
        "year from {first} to {last}",
    ),
    "as-of-with-change": (
        "--as-of 只用于查看过去某年底的状态，不能与记录更新的选项同时使用；请分两次运行。",
        "--as-of views how things stood at the end of a past year and cannot be combined with "
        "options that record an update; run the two separately",
    ),
    "import-encoding": (
        "文件既不是 UTF-8 也不是 GBK/GB18030 编码，本行有两者都无法读取的字节；"
        "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”。",
        "the file is neither UTF-8 nor GBK/GB18030: this line has bytes that neither reads. "
        "Save it from Excel as 'CSV UTF-8 (Comma delimited)' or 'CSV (Comma delimited)'",
    ),
    "import-not-in-encoding": (
        "本行不是有效的 {encoding} 编码（由 --encoding 或文件开头的字节顺序标记指定）；请指明另一种编码，或在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
        "this line is not valid {encoding}, the encoding --encoding or the file's byte-order mark "
        "names; name the other encoding, or save the file from Excel as 'CSV UTF-8 (Comma "
        "delimited)'",
    ),
    "import-encoding-mixed": (
        "第 {utf8_line} 行按 UTF-8 读，第 {gbk_line} 行按 GBK 读：一个文件只有一种编码，此文件混用了两种，无论怎样读都有一部分是乱码；请整体用一种编码另存（Excel 中选“CSV UTF-8（逗号分隔）”）；如文件其实只有一种编码，请用 --encoding utf-8 或 --encoding gbk 指明",
        "line {utf8_line} reads as UTF-8 and line {gbk_line} as GBK: a file is in one encoding, "
        "and this one mixes two, so no one reading of it is right. Save it again in one encoding "
        "(from Excel: 'CSV UTF-8 (Comma delimited)'), or, if it is all in one, name it: "
        "--encoding utf-8, or --encoding gbk",
    ),
    "import-encoding-ambiguous": (
        "文件的字节可以按 UTF-8 读，但本行按 UTF-8 读是“{utf8}”，按 GBK 读是“{gbk}”，像是 GBK 文件；请用 --encoding gbk 或 --encoding utf-8 指明它的编码",
        "the file's bytes are valid UTF-8, but this line reads as '{utf8}' in UTF-8 and as '{gbk}' "
        "in GBK, so the file looks like GBK. Say which it is: --encoding gbk, or --encoding utf-8",
    ),
    "import-encoding-big5": (
        "本行按 GBK 读是“{gbk}”，按 Big5（繁体中文）读是“{big5}”，像是 Big5 文件；请用 --encoding big5 或 --encoding gbk 指明它的编码",
        "this line reads as '{gbk}' in GBK and as '{big5}' in Big5 (traditional Chinese), so "
        "the file looks like Big5. Say which it is: --encoding big5, or --encoding gbk",
    ),
    "import-encoding-shift-jis": (
        "本行按 GBK 读是“{gbk}”，按 Shift-JIS（日文）读是“{shift_jis}”，像是 Shift-JIS 文件；"
        "请用 --encoding shift_jis 或 --encoding gbk 指明它的编码",
        "this line reads as '{gbk}' in GBK and as '{shift_jis}' in Shift-JIS (Japanese), so "
        "the file looks like Shift-JIS. Say which it is: --encoding shift_jis, or --encoding gbk",
    ),
    "import-missing-column": (
        "表头缺少必需的列：{missing}。文件中的列：{has}。"
        "必需的列：key（指标）、year（年份）、value（数值）；可选的列：source（来源）、note（备注）。",
        "the header lacks required columns: {missing}. The file has: {has}. Required: key "
        "(指标), year (年份), value (数值); optional: source (来源), note (备注)",
    ),
    "import-duplicate-column": (
        "表头中有多列表示同一内容：{columns}，无法确定使用哪一列。文件中的列：{has}。请只保留其中一列。",
        "the header names one column more than once: {columns}, so which to read is unclear. "
        "The file has: {has}. Keep only one of them",
    ),
    "import-row-cells": (
        "本行有 {cells} 个单元格，表头有 {columns} 列；多出或缺少的单元格会使后面的值错列"
        "（例如数值 1,200 中的逗号未加引号）。请改正本行，含逗号的数值去掉逗号或加引号",
        "this row has {cells} cells and the header {columns} columns; a cell too many or too "
        "few shifts the values after it into the wrong column (such as the comma of 1,200 left "
        "unquoted). Correct the row: write the number without its comma, or quote it",
    ),
    "report.key": ("图例：{parts}。", "Key: {parts}."),
    "report.key.actual": ("实线与圆点为实际值", "the solid line and dots are actuals"),
    "report.key.actual_point": ("圆点为实际值", "the dot is the actual"),
    "report.key.baseline_point": ("圆点为基线值", "the dot is the baseline"),
    "report.key.actual_dots": ("圆点为实际值", "the dots are actuals"),
    "report.key.origin_point": (
        "圆点为累计的起点，即 {year} 年的 0",
        "the dot is where the running total starts, 0 in {year}",
    ),
    "report.key.total": (
        "实线与圆点为累计值，从 {year} 年的 0 算起",
        "the solid line and dots are the running total, counted from 0 in {year}",
    ),
    "report.key.total_dots": (
        "圆点为累计值，从 {year} 年的 0 算起",
        "the dots are the running total, counted from 0 in {year}",
    ),
    "report.key.gap": ("实线在没有数据的年份断开", "the line breaks at a year with no figure"),
    "report.key.linear": ("虚线为线性路径", "the dashed line is the linear path"),
    "report.key.milestone": ("菱形为阶段目标", "a diamond is a milestone"),
    "report.key.target": ("空心圆为目标", "the ring is the target"),
    "label.needs_two_actuals": (
        "计划未给出基线：记录两个实际值后，以最早的实际值作为暂定基线计算进度（目前有 {count} 个）。",
        "The plan gives no baseline: once two actuals are recorded, the earliest serves as a "
        "provisional baseline and progress is computed from it (recorded so far: {count})",
    ),
    "label.cleared": ("（已清除）", "(cleared)"),
    "set-and-clear": (
        "--{field} 与 --no-{field} 不能同时使用：一个设定，一个清除；请只用其中一个。",
        "--{field} and --no-{field} contradict each other (one sets, the other clears); use "
        "one of them",
    ),
    "invalid-source-date-epoch": (
        "环境变量 SOURCE_DATE_EPOCH 的值“{value}”不是自 1970-01-01 UTC 起的秒数，无法作为报告的生成时间；"
        "请改正或取消设置（unset SOURCE_DATE_EPOCH）。",
        "SOURCE_DATE_EPOCH is '{value}', which is not a count of seconds since 1970-01-01 UTC, "
        "so it cannot be the time the report names as made; correct it, or unset it",
    ),
    "format-contradicts-output": (
        "--format {format} 与输出文件 {path} 的扩展名（{implied}）不一致，未写入任何内容；"
        "请去掉 --format，或改用以 .{format} 结尾的文件名。",
        "--format {format} contradicts the extension of {path} ({implied}); nothing was "
        "written. Leave out --format, or name a file ending in .{format}",
    ),
    "format-not-implied": (
        "无法从文件名 {path} 判断报告格式；请用 .md、.html、.csv、.json、.xlsx 或 .docx 结尾，"
        "或加 --format（可选：{formats}）。",
        "the name {path} does not say which report format to write; end it in .md, .html, "
        ".csv, .json, .xlsx or .docx, or add --format (one of {formats})",
    ),
}
