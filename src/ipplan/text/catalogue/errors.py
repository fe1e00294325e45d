"""Errors (exit 1) and what a change stopped midway leaves to undo."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # errors (exit 1)
    "data-dir-is-file": (
        "{path} 是文件，不是数据目录。--data 或 IPPLAN_DATA 应指向存放 indicators.yaml 的目录。",
        "{path} is a file, not a data directory; --data or IPPLAN_DATA names the directory that "
        "holds indicators.yaml",
    ),
    "data-dir-not-found": (
        "数据目录 {path} 不存在。请用 `ipplan init {path}` 创建，或检查 --data / IPPLAN_DATA。",
        "data directory {path} does not exist; create one with `ipplan init {path}`, "
        "or check --data / IPPLAN_DATA",
    ),
    "not-a-plan-directory": (
        "{path} 中没有 indicators.yaml，不是计划数据目录。请用 `ipplan init {path}` 创建。",
        "{path} holds no indicators.yaml, so it is not a plan directory; "
        "create one with `ipplan init {path}`",
    ),
    "data-invalid": (
        "数据文件有 {count} 个问题（{where}）；修正后再试，可用 `ipplan validate` 检查。",
        "the data files have {count} problems ({where}); fix {them} and try again "
        "(`ipplan validate` checks)",
    ),
    # where the problems of a refusal are listed: above it, or in the JSON error's "problems"
    "problems.where.above": ("见上", "above"),
    "problems.where.json": ("见 problems 字段", "listed under problems"),
    "read-only-data": (
        "当前使用的是随 ipplan 安装的计划（只读）。请先用 `ipplan init DIR` 复制一份可写的计划，"
        "再加 --data DIR。",
        "this is the plan bundled with ipplan, which is read-only; start a writable copy with "
        "`ipplan init DIR` and pass --data DIR",
    ),
    "data-not-writable": (
        "无法写入 {path}：{detail}。请检查目录权限。",
        "cannot write {path}: {detail}; check the directory's permissions",
    ),
    "no-file-made-there": (
        "无法写入 {path}：目录 {directory} 中不能新建文件（系统目录不接受）。请写到别的目录。",
        "cannot write {path}: no file can be made in the directory {directory} (a system "
        "directory takes none); write it somewhere else",
    ),
    "unknown-indicator": ("未知指标 {ref}。{hint}", "unknown indicator {ref}. {hint}"),
    "empty.indicator": (
        "（空白：请写出指标的键、序号或名称）",
        "(empty: write an indicator's key, number or name)",
    ),
    "empty.action": ("（空白：请写出行动编号）", "(empty: write an action id)"),
    "hint.did_you_mean": ("您是否想输入：{choices}？", "Did you mean: {choices}?"),
    "hint.known": ("可用的指标：{choices}。", "Known indicators: {choices}"),
    "unknown-action": ("未知行动 {ref}。{hint}", "unknown action {ref}. {hint}"),
    "hint.actions": (
        "用 `ipplan tasks` 查看所有行动编号。",
        "`ipplan tasks` lists every action id.",
    ),
    "unknown-area": (
        "未知领域 {ref}。可用的领域：{choices}",
        "unknown area {ref}; known areas: {choices}",
    ),
    "year-outside-plan": (
        "{year} 年不在计划期内；实际值只能记录 {first}–{last} 年。",
        "{year} is outside the plan; actuals are recorded for {first}-{last}",
    ),
    "workplan-year-outside-plan": (
        "{year} 年不在计划期内；工作计划可为 {first}–{last} 年制定。",
        "{year} is outside the plan; a work plan is made for a year of {first}-{last}",
    ),
    "issued-out-of-range": (
        "--issued {date} 不在 {first}-01-01 至今天（{today}）之间；请写工作计划实际印发的日期。",
        "--issued {date} is not between {first}-01-01 and today ({today}); give the day the "
        "work plan was actually issued",
    ),
    "year-not-ended": (
        "{year} 年尚未结束（{ends} 结束，今天是 {today}），还没有该年的年底值；请在该年结束后再记录。",
        "{year} has not ended (it ends on {ends}; today is {today}), so there is no year-end "
        "figure for it yet; record it once the year has ended",
    ),
    "baseline-year": (
        "{year} 年是基线年，其数值由计划确定（见 indicators.yaml），不能作为实际值记录。",
        "{year} is the baseline year: the plan fixes its value (in indicators.yaml), "
        "so it is not recorded as an actual",
    ),
    "baseline-not-published": (
        "{year} 年是基线年，待定的基线须写入一个数值，不能记为未公布；请写 ipplan record {year} 指标 数值。",
        "{year} is the baseline year: a pending baseline takes a figure, not a record that it "
        "was not published; write ipplan record {year} INDICATOR VALUE",
    ),
    "baseline-not-editable": (
        "indicators.yaml 中这一基线不是 ipplan new 所写的 baseline: null 与 baseline_pending: "
        "true 两行，未作改动；请手工写入 baseline: {{year: {year}, value: …}}，并删去 "
        "baseline_pending。",
        "this baseline is not written in indicators.yaml as ipplan new writes it (baseline: "
        "null, then baseline_pending: true), so nothing was changed; write baseline: "
        "{{year: {year}, value: …}} by hand and delete baseline_pending",
    ),
    "baseline-changed-since": (
        "indicators.yaml 在写入 {key} 的基线（{year} 年）之后又有改动，撤销会丢掉这些改动，因此未作"
        "任何改动；请手工把该基线改回 baseline: null 与 baseline_pending: true。",
        "indicators.yaml has changed since the baseline of {key} ({year}) was written in, and "
        "undo would lose that change, so nothing was changed; put the baseline back by hand "
        "(baseline: null, then baseline_pending: true)",
    ),
    "value-out-of-range": (
        "{key}的单位是{unit}，数值 {value} 超出允许范围 {range}。",
        "{key} is in {unit}; {value} is outside the allowed range {range}",
    ),
    "not-whole-number": (
        "{key}以{unit}计，须为整数，{value} 不是整数。",
        "{key} counts {unit}, so it takes a whole number; {value} is not one",
    ),
    "value-already-recorded": (
        "{key}的 {year} 年实际值已记录为 {value}。如确需改为 {new}，请加 --force（原值会保留在历史中）。",
        "{key} already has {value} recorded for {year}; to change it to {new}, add --force "
        "(the earlier value is kept in its history)",
    ),
    "not-published-already-recorded": (
        "{key}的 {year} 年已记为未公布。如该数据现已公布，记录 {new} 请加 --force（未公布的记录会保留在历史中）。",
        "{key} is recorded as not published for {year}; if it has been published since, add "
        "--force to record {new} (the not-published record is kept in its history)",
    ),
    "value-recorded-not-published": (
        "{key}的 {year} 年实际值已记录为 {value}。如确需改记为未公布，请加 --force（原值会保留在历史中）。",
        "{key} already has {value} recorded for {year}; to record it as not published "
        "instead, add --force (the earlier value is kept in its history)",
    ),
    "not-published-needs-source": (
        '记为未公布时须用 --source 写明在何处核查过，例如 --source "国家知识产权局网站，2026-12-07 检索"。',
        "--not-published needs --source: where the figure was looked for, such as "
        '--source "CNIPA website, searched 2026-12-07"',
    ),
    "not-published-with-value": (
        "给出了数值 {value}，又加了 --not-published；已公布就只写数值，未公布就去掉数值。",
        "both a value ({value}) and --not-published were given; give the value if the figure "
        "was published, or --not-published without a value if it was not",
    ),
    "record-value-missing": (
        "缺少数值：请写 ipplan record YEAR INDICATOR VALUE，或用 --not-published --source S 记为未公布。",
        "a value is missing: write ipplan record YEAR INDICATOR VALUE, or record that the "
        "figure was not published with --not-published --source S",
    ),
    "invalid-date": (
        "“{value}”不是有效日期；请写如 2025-12-31、2025年12月31日 或 2025/12/31。",
        "'{value}' is not a date; write one such as 2025-12-31 (or 2025年12月31日, 2025/12/31)",
    ),
    "target-exists": (
        "{path} 已存在，为避免覆盖未做任何改动。请选择一个新目录。",
        "{path} already exists and is left untouched; choose a new directory",
    ),
    "import-refused": (
        "{path} 有 {count} 个问题（{where}），未导入任何数据；修正后再试。",
        "{path} has {count} problems ({where}) and nothing was imported; fix {them} and run again",
    ),
    "import-file-not-found": ("文件 {path} 不存在。", "there is no file {path}"),
    "import-unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "import-too-large": ("文件过大（上限 {limit}）", "the file is too large (limit {limit})"),
    "import-csv-syntax": ("CSV 格式错误：{detail}", "not valid CSV: {detail}"),
    "import-empty": (
        "文件为空，需要表头行，如 key,year,value 或 指标,年份,数值。",
        "the file is empty; it needs a header row, such as key,year,value or 指标,年份,数值",
    ),
    "import-unknown-sheet": (
        "工作簿中没有名为“{sheet}”的工作表；其中的工作表：{sheets}。请用 --sheet 指明其中之一。",
        "the workbook has no sheet named '{sheet}'; its sheets are: {sheets}. Name one of them "
        "with --sheet",
    ),
    "import-sheet-of-text": (
        "--sheet {sheet} 只用于工作簿（.xlsx），此文件是文本表格，没有工作表；请去掉 --sheet。",
        "--sheet {sheet} is for a workbook (.xlsx), and this file is a text table with no "
        "sheets; leave --sheet out",
    ),
    "import-date-cell": (
        "单元格 {cell} 是日期，不是数值或年份（电子表格把它存为天数）；请把该列设为“常规”或“数值”格式后重新输入，再导入。",
        "the cell {cell} holds a date, not a number or a year (a spreadsheet stores it as a "
        "count of days); format the column as General or Number, type the figure again, and "
        "import the file",
    ),
    "import-other-plan": (
        "本行属于计划“{plan}”，而本次导入的是“{chosen}”；请把本行导入它所属的计划（--plan {plan}），或删去 plan 列。",
        "this row is for the plan '{plan}', and this import is into '{chosen}'; import the row "
        "into its own plan (--plan {plan}), or remove the plan column",
    ),
    "import-unknown-plan": (
        "工作区中没有名为“{plan}”的计划；工作区的计划：{plans}。请改正本行的 plan 列。",
        "the workspace has no plan named '{plan}'; its plans are: {plans}. Correct the row's "
        "plan cell",
    ),
    "import-no-plan": (
        "本行的 plan 列为空，而此处不在任何一个计划的目录中（工作区的计划：{plans}）；请填写 plan 列，或用 --plan NAME 指明空白行属于哪个计划。",
        "the row's plan cell is empty, and this is outside every plan's directory (the "
        "workspace's plans: {plans}); fill in the plan cell, or name the plan of rows without "
        "one with --plan NAME",
    ),
    "import-key-and-name": (
        "本行的指标键是 {key}，指标名称却是“{name}”，不是同一项指标；请改正其中之一，或删去名称列。",
        "the row's key is {key} and its indicator name '{name}', which is not the same indicator; "
        "correct one of them, or remove the name column",
    ),
    "import-duplicate-row": (
        "{key} 的 {year} 年在本文件中出现两次（首次在第 {first} 行）",
        "a second row for {key} in {year} (the first is on line {first})",
    ),
    "import.done": (
        "已从 {path} 导入：新记录 {recorded} 个，替换 {replaced} 个，未变 {unchanged} 个，空值跳过 {skipped} 行。",
        "Imported {path}: {recorded} recorded, {replaced} replaced, {unchanged} unchanged, "
        "{skipped} rows without a value skipped.",
    ),
    "missing-extra": (
        "生成 {format} 需要 {package}，它不随 ipplan 默认安装。请运行 pip install 'ipplan[{extra}]'。",
        "the {format} format needs {package}, which ipplan does not install by default; "
        "run pip install 'ipplan[{extra}]'",
    ),
    "binary-to-terminal": (
        "{format} 是二进制文件，不能输出到终端；请用 -o FILE 指定输出文件。",
        "{format} is a binary file and cannot go to a terminal; name a file with -o FILE",
    ),
    "output-is-data": (
        "{path} 是计划的数据文件（{plan} 中的计划），报告不会覆盖它；请为 -o 选择另一个文件。",
        "{path} is one of the plan's data files (the plan in {plan}) and a report never "
        "overwrites it; choose another file for -o",
    ),
    "output-is-workspace": (
        "{path} 是工作区文件，报告不会覆盖它；请为 -o 选择另一个文件。",
        "{path} is the workspace file and a report never overwrites it; choose another file for -o",
    ),
    "output-makes-plan": (
        "{path} 名为 {name}，这个名字会让它所在的目录成为计划或工作区，报告从不写这样的文件，"
        "未写入任何内容；请为 -o 选择另一个文件名。",
        "{path} is named {name}, a name that makes its directory a plan or a workspace, so a "
        "report is never written under it and nothing was written; choose another name for -o",
    ),
    "output-inside-plan": (
        "{path} 在计划的数据目录 {plan} 之内；ipplan 不把新文件写进计划的目录（那会破坏该计划），"
        "未写入任何内容。请选择所有计划目录之外的目录。",
        "{path} is inside the data directory {plan} of a plan; ipplan writes nothing new into a "
        "plan's directories (it would break that plan), and nothing was written. Choose a "
        "directory outside every plan's",
    ),
    "output-planted-link": (
        "{path} 经过符号链接 {link}，它位于共享目录（粘滞位或所有人可写，如 /tmp）中，属于另一个"
        "用户（uid {owner}），可能是他人设下的陷阱，ipplan 不跟随它；未写入任何内容。"
        "请选择另一个路径，或请该目录的管理员删除这个链接。",
        "{path} goes through the symbolic link {link}, which lies in a shared directory (sticky "
        "or world-writable, such as /tmp) and belongs to another user (uid {owner}); someone may "
        "have planted it there, and ipplan does not follow it. Nothing was written. Choose "
        "another path, or have the directory's administrator remove the link",
    ),
    "data-locked": (
        "另一个 ipplan 命令正在写入 {path}，等待 {seconds} 秒后仍未结束，本次未做任何改动。"
        "请稍后重试（环境变量 IPPLAN_LOCK_TIMEOUT 可设定等待秒数）。"
        "写入进程结束时系统会自动释放锁，请勿删除 {lock}。",
        "another ipplan command is writing to {path} and had not finished after {seconds} s, "
        "so nothing was changed; try again shortly (IPPLAN_LOCK_TIMEOUT sets the seconds to "
        "wait). The system releases the lock when that process ends; do not delete {lock}",
    ),
    "ambiguous-number": (
        "“{value}”中的逗号不是每三位一个的千位分隔符，含义不明确；请写成 31347 或 31,347，小数用点号，如 80.5。",
        "'{value}' has commas that are not thousands separators in groups of three, so it "
        "could mean two things; write 31347 or 31,347, and a decimal point as in 80.5",
    ),
    "wrong-unit": (
        "“{value}”带有单位 {typed}，但该指标的单位是 {unit}；请只写数值。",
        "'{value}' carries the unit {typed}, but this indicator is in {unit}; type the number "
        "alone",
    ),
    "wrong-unit-item": (
        "“{value}”带有单位 {typed}，但工作项 {item} 的数量以 {unit} 计；请只写数值。",
        "'{value}' carries the unit {typed}, but item {item} counts its quantity in {unit}; "
        "type the number alone",
    ),
    "value-too-large": (
        "“{value}”大得不合理（上限 {limit}）；请检查是否多打了数字。",
        "'{value}' is implausibly large (limit {limit}); check for extra digits",
    ),
    "implausible-change": (
        "{key}的 {year} 年值 {value} 与 {other_year} 年的 {other} 相比变化 {change}，"
        "不在可接受的范围 {lowest}–{highest} 内（{other_year} 年的 {other} 与按计划路径 {year} 年"
        "应达的 {path}，各放宽 ±{limit}），可能是输入错误（多打或少打了一位？）。"
        "如确认该值无误，请加 --accept-jump 重新运行。",
        "{key}: {value} for {year} is {change} against {other} for {other_year}, outside the "
        "accepted range {lowest}-{highest} ({other} for {other_year} and the plan's path, "
        "{path} by {year}, each ±{limit}); is a digit missing or extra? If the value is right, "
        "run again with --accept-jump",
    ),
    "implausible-first": (
        "{key}的 {year} 年值 {value} 是该指标的第一个值（没有基线可比），与 {target_year} 年的目标 {target} "
        "相差 {factor} 倍以上，可能是输入错误（百分数写成了小数？多打或少打了一位？）。"
        "如确认该值无误，请加 --accept-jump 重新运行。",
        "{key}: {value} for {year} is the first value (there is no baseline to compare it "
        "with) and more than {factor} times off the target {target} for {target_year}; is it "
        "a percentage written as a fraction, or a digit missing or extra? If the value is "
        "right, run again with --accept-jump",
    ),
    "lock-lost": (
        "写入锁文件 {lock} 在本命令持有期间被删除或替换，未做任何改动（此时可能已有另一个命令在写入）；"
        "请重新运行。ipplan 运行时请勿删除该文件（git clean -X 也会删除它）。",
        "the lock file {lock} was removed or replaced while this command held it, so another "
        "command may be writing; nothing was changed. Run the command again, and do not remove "
        "the file while ipplan runs (git clean -X does)",
    ),
    "lock-lost-midway": (
        "写入锁文件 {lock} 在本命令持有期间被删除或替换（此时可能已有另一个命令在写入），"
        "改动在写下一个文件前停止：{total} 个文件中已写入 {done} 个：{written}；未写入：{pending}。"
        "请在 {path} 中运行 ipplan validate 和 git status 查看现状。{then}"
        "ipplan 运行时请勿删除该文件（git clean -X 也会删除它）。",
        "the lock file {lock} was removed or replaced while this command held it, so another "
        "command may be writing; the change stopped before its next file. {done} of {total} "
        "files written: {written}; not written: {pending}. ipplan validate and git status in "
        "{path} show where things stand{then}. Do not remove the file while ipplan runs (git "
        "clean -X does)",
    ),
    "write-stopped-midway": (
        "无法写入 {file}（{detail}），改动在此停止：{total} 个文件中已写入 {done} 个：{written}；"
        "未写入：{pending}。请在 {path} 中运行 ipplan validate 和 git status 查看现状。{then}",
        "{file} could not be written ({detail}), and the change stopped there. {done} of "
        "{total} files written: {written}; not written: {pending}. ipplan validate and git "
        "status in {path} show where things stand{then}",
    ),
    "write-interrupted": (
        "改动在写完前被中断（Ctrl-C），已写入的文件均已复原，没有做任何改动。",
        "the change was interrupted (Ctrl-C) before it was whole; the files it had written were "
        "put back as they were, so nothing was changed",
    ),
    "unfinished-change": (
        "一次改动在写完全部文件前中断（记录见 {journal}），计划的文件可能新旧混杂，未读取。"
        "运行 ipplan undo 将其回滚（任何写入的命令也会先将其回滚）。",
        "a change was stopped before all its files were written (its journal is {journal}), so "
        "the plan's files may be part old, part new; nothing was read. Run ipplan undo to roll "
        "it back (any command that writes does so first)",
    ),
    "journal-unreadable": (
        "{journal} 不是 ipplan 写下的改动记录（无法读取、格式不符或指向数据目录之外），未做任何改动。"
        "请查看该文件，用 git status 核对计划的文件后将其删除。",
        "{journal} is no change journal ipplan wrote (unreadable, of another form, or naming a "
        "file outside the data directory); nothing was changed. Look at it, check the plan's "
        "files with git status, then remove it",
    ),
    "undo.rolled_back": (
        "已回滚一次中断的改动（{count} 个文件恢复为改动前的内容）。",
        "Rolled back a change that was stopped midway ({count} files as they were before it).",
    ),
    # what a change of recorded values stopped midway leaves to ipplan undo (then= above)
    "midway.undo": (
        "运行 ipplan undo 可将已写入的部分作为一次改动撤销。",
        "; ipplan undo reverts the part written, as one change",
    ),
    "midway.undo-again": (
        "再次运行 ipplan undo 可完成这次撤销。",
        "; run ipplan undo again to finish this undo",
    ),
    "undecodable-text": (
        "{field} 含有不是 UTF-8 文字的字节，未做任何改动；请检查终端或脚本的编码（应为 UTF-8）。",
        "{field} holds bytes that are not UTF-8 text; nothing was changed. Check that your "
        "terminal or script writes UTF-8",
    ),
    "invisible-text": (
        "{field} 只有不可见的字符（{chars}），未做任何改动；请写上内容，或不给这一项。",
        "{field} holds only characters that show nothing ({chars}); nothing was changed. Write "
        "the text, or leave the option out",
    ),
    "control-character": (
        "{field} 含有终端控制字符 {char}，未做任何改动；请删去该字符后重试。",
        "{field} holds the terminal control character {char}; nothing was changed. Remove it "
        "and try again",
    ),
    "nothing-to-undo": (
        "没有可撤销的变更：尚无带录入时间的实际值或行动更新。",
        "nothing to undo: no actual or action update carries the time it was recorded",
    ),
    "unknown-reference": (
        "未知指标或行动“{ref}”{hint}",
        "no indicator or action '{ref}'{hint}",
    ),
    "history.title": ("变更记录（最新在前）", "Recorded changes, newest first"),
    "history.none": ("暂无录入的变更。", "No changes recorded yet."),
    "history.no_time": ("（未记录时间）", "(time not recorded)"),
    "history.cleared.source": ("来源已清除", "source cleared"),
    "history.cleared.note": ("备注已清除", "note cleared"),
    "history.more": (
        "另有 {count} 项较早的变更未显示（--limit 调整显示数量）。",
        "{count} earlier changes not shown (--limit sets how many).",
    ),
    "history.next_undo": (
        "ipplan undo 将撤销最新的变更：{item}（{when} 录入）。",
        "ipplan undo would revert the newest change: {item} (recorded {when}).",
    ),
    "col.recorded": ("录入时间", "Recorded"),
    "col.item": ("对象", "Item"),
    "col.change": ("变更", "Change"),
    "col.source_note": ("来源/备注", "Source / note"),
    "history.workplan_imported": (
        "导入工作计划（{items} 项）",
        "work plan imported ({items} items)",
    ),
    "history.workplan_progress": (
        "，连同状态列的 {count} 条进展",
        ", with {count} progress events from its state column",
    ),
    "undo.workplan": (
        "{verb}：{when} 导入的 {year} 年工作计划“{title}”。",
        "{verb}: the {year} work plan '{title}' imported {when}.",
    ),
    "undo.workplan_progress": (
        "连同导入时从状态列记下的 {count} 条进展。",
        "With it, the {count} progress events its state column recorded.",
    ),
    "history.undo_item": ("撤销", "undo"),
    "history.undid": (
        "撤销了 {when} 的改动（{count} 个文件）",
        "undid the change of {when} ({count} files)",
    ),
    "undo.undo": (
        "{verb} {when} 的撤销：{undid} 的改动已恢复。",
        "{verb} the undo made {when}: the change of {undid} is back.",
    ),
    "history.baseline": ("写入基线 {value}", "set the baseline to {value}"),
    "undo.baseline": (
        "{verb} {when} 写入的 {name} 的基线 {value}（{year} 年）；该基线重回待定。",
        "{verb} the baseline of {name} set {when}: {value} ({year}); it is pending again.",
    ),
    "undo.done": ("已撤销", "Reverted"),
    "undo.would": ("将撤销", "Would revert"),
    "undo.value": (
        "{verb} {when} 录入的 {name} {year} 年值 {value}，恢复为此前的 {previous}。",
        "{verb} {name} {year}: {value}, recorded {when}; the earlier {previous} is back.",
    ),
    "undo.value_removed": (
        "{verb} {when} 录入的 {name} {year} 年值 {value}；该年不再有记录值。",
        "{verb} {name} {year}: {value}, recorded {when}; {year} has no value now.",
    ),
    "undo.action": (
        "{verb} {when} 对行动 {id} 的更新：{parts}。",
        "{verb} the update to action {id} recorded {when}: {parts}.",
    ),
    "undo.dry_run": ("（试运行：未做任何改动）", "(dry run: nothing was changed)"),
}
