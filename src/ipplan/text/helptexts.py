"""The help of every command and option, in Chinese and English: part of the one catalogue.

``help.<command>`` is a command's help: a first line that the list of commands shows, then
paragraphs separated by blank lines (a paragraph is one line here; the help wraps it to the
terminal). ``help.<command>.<parameter>`` is a parameter's help for that command, else
``help.opt.<parameter>`` the help shared by every command that has it. ``{year}`` in an example
is the last year that has ended, so that examples never name a year of one particular plan.
:mod:`ipplan.text.i18n` merges these entries into its catalogue; a test checks that every command
and parameter has its entry in both languages.
"""

from __future__ import annotations

HELP: dict[str, tuple[str, str]] = {
    # --- the program -------------------------------------------------------------------------
    "help.ipplan": (
        "跟踪规划的指标和行动：每项指标离目标还有多远、各年实际值、每项行动做了什么。\n\n"
        "数据目录依次为：--data DIR；工作区中用 --plan NAME（或 $IPPLAN_PLAN）指定的计划；当前目录或其上最近的计划（含 indicators.yaml 的目录，或旁边有 data/ 的目录；最远到仓库根目录）；$IPPLAN_DATA；最后是随 ipplan 附带的计划（只读）。向上查找时不使用其他用户的计划或工作区，也不使用在任何人都可写入的目录（如 /tmp）中或其上找到的；此时改用 $IPPLAN_DATA，未设置则报错。信任的目录可列入 $IPPLAN_SAFE_DIRECTORIES（以 : 分隔，* 表示全部）。\n\n"
        "帮助的语言：--lang，否则 $IPPLAN_LANG，否则中文环境（zh 开头的 LANG 等）用中文，其他用英文。",
        "Track a plan's indicators and actions: where each indicator stands against its target, yearly actuals, and what each action has done.\n\n"
        "The data directory is --data DIR, else the workspace's plan named with --plan NAME (or $IPPLAN_PLAN), else the plan in the working directory or the nearest one above it (a directory holding indicators.yaml, or a data/ beside it; up to the repository root), else $IPPLAN_DATA, else the plan bundled with ipplan (read-only). The search never uses a plan or workspace of another user, or one found in or above a directory anyone may write to (such as /tmp): $IPPLAN_DATA is used instead, else it is an error. Directories you trust can be listed in $IPPLAN_SAFE_DIRECTORIES (:-separated, * for all).\n\n"
        "Help is in the language of --lang, else $IPPLAN_LANG, else Chinese in a Chinese locale (LANG and the like starting with zh), else English.",
    ),
    "help.opt.data": ("计划的数据目录。", "Plan data directory."),
    "help.opt.plan_name": (
        "在工作区（ipplan.yaml）中要用的计划（默认：$IPPLAN_PLAN，否则为当前所在目录的计划）。",
        "In a workspace (ipplan.yaml), the plan to use (default: $IPPLAN_PLAN, else the plan whose directory you are in).",
    ),
    "help.opt.lang": (
        "输出语言（默认：$IPPLAN_LANG，否则为 zh）。",
        "Output language (default: $IPPLAN_LANG, else zh).",
    ),
    "help.opt.version": ("显示版本。", "Show version."),
    "help.opt.install_completion": (
        "为 SHELL（bash、zsh、fish、powershell）安装命令补全，不写则为当前 shell。",
        "Install completion for SHELL (bash, zsh, fish, powershell), else this shell.",
    ),
    "help.opt.show_completion": (
        "打印 SHELL 的补全脚本（不写则为当前 shell），以便自行安装。",
        "Print the completion script for SHELL, else this shell, to install it yourself.",
    ),
    "help.opt.help": ("显示本帮助并退出。", "Show this message and exit."),
    "help.opt.as_json": ("改为输出 JSON，供脚本使用。", "Print JSON for scripts instead."),
    "help.opt.as_of": (
        "截至该年年底查看：只含该年及以前的实际值，行动为当时的状态。",
        "Show the record as of the end of YEAR: only actuals up to it, actions as they stood then.",
    ),
    # --- indicators --------------------------------------------------------------------------
    "help.status": (
        "每项指标的现状：最新实际值、进度与时间之比、状态。\n\n示例：ipplan status --as-of {year}",
        "Where every indicator stands: latest actual, progress against time, and status.\n\nExample: ipplan status --as-of {year}",
    ),
    "help.record": (
        "记录某项指标某年的实际值（或该年数据未公布），然后显示它的新状态。\n\n"
        '示例：ipplan record {year} 1 36000 --source "{year}年度统计"\n\n'
        '未公布时：ipplan record {year} 3 --not-published --source "国家知识产权局网站，已检索"\n\n'
        "基线待定（baseline_pending）时，记录基线年的数值即把它写为该指标的基线。",
        "Record a year's actual value of an indicator (or that it was not published), then show "
        "its new status.\n\n"
        'Example: ipplan record {year} 1 36000 --source "{year}年度统计"\n\n'
        'Not published: ipplan record {year} 3 --not-published --source "CNIPA website, searched"'
        "\n\nA pending baseline (baseline_pending): recording the baseline year's figure writes "
        "it in as the indicator's baseline.",
    ),
    "help.record.year": (
        "数值所属的年份（该年年底的值）。",
        "The year the value is for (its year-end).",
    ),
    "help.record.indicator": (
        "指标的键、序号或中文名称。",
        "Indicator key, number or Chinese name.",
    ),
    "help.record.value": (
        "实际值，以该指标的单位计（可写 3.6万、500亿）。",
        "The actual value, in the indicator's unit (3.6万 and 500亿 are understood).",
    ),
    "help.record.source": (
        '数据来源；空文本（--source ""）清除已记录的来源；与 --not-published 同用时，写明在何处核查过。',
        'Where the figure comes from; empty (--source "") clears the source recorded; with '
        "--not-published, where it was looked for.",
    ),
    "help.record.not_published": (
        "记录该年数据未公布（不写数值，须有 --source）：不再提示逾期，各处显示为“未公布”。",
        "Record that the year's figure was not published (no value; needs --source): it is no "
        "longer overdue, and shows as not published everywhere.",
    ),
    "help.record.basis_change": (
        "该年数据的统计口径与上一年不同，写明如何不同：凡评判该数据处都会注明。",
        "This year's figure is counted on another basis than the year before's; say how: "
        "every place that judges the figure marks it.",
    ),
    "help.record.note": (
        '关于该数值的备注；空文本（--note ""）清除已记录的备注。',
        'A note on the figure; empty (--note "") clears the note recorded.',
    ),
    "help.record.force": (
        "替换已记录的值（旧值留在历史中）。",
        "Replace a value already recorded (kept in history).",
    ),
    "help.record.accept_jump": (
        "确认与相邻年份（或首个值与目标）相差很大的值无误，照样记录；否则视为可能的输入错误而拒绝。",
        "Confirm a value far from its neighbour year's (or a first value far from the target) is right, and record it; without this it is refused as a likely typing slip.",
    ),
    "help.show": (
        "一项指标的全部信息：定义、实际值、线性路径、评估及相关行动。\n\n示例：ipplan show 1 --plan national --members",
        "One indicator in full: definition, actuals, linear path, assessment, and its actions.\n\nExample: ipplan show 1 --plan national --members",
    ),
    "help.show.indicator": ("指标的键、序号或中文名称。", "Indicator key, number or Chinese name."),
    "help.show.members": (
        "工作区中：各成员计划每年的值、合计与覆盖情况、本计划自己的数值及差额。",
        "In a workspace: each member plan's value per year, their sum and coverage, this plan's own figure and the difference.",
    ),
    "help.import": (
        "从表格文件一次记录多个实际值：要么全部记录，要么一个也不记录。\n\n"
        "读取 CSV、制表符或分号分隔的文本（UTF-8、GBK，或 Excel 存的“Unicode 文本”即 UTF-16）和 .xlsx 工作簿（第一个工作表，或 --sheet 指定的）。列：指标（key，或序号、中文或英文名称）、年份（year）、数值（value），可选来源（source）、备注（note）和计划（plan）；表头可用中文或英文，即 ipplan 自己的报告所写的。也可每行一个指标、每年一列（2021、2022年……），空单元格跳过。在有多个计划的工作区中，plan 列把每一行导入其所属的计划。其他列及没有数值的行都会忽略。每个问题都标出其行号（工作簿为“工作表!行”）；只要有一行有误，就什么也不写。\n\n"
        "示例：ipplan import actuals-{year}.xlsx",
        "Record many actuals at once from a table file: all rows, or none.\n\n"
        "Reads CSV, tab or semicolon separated text (UTF-8, GBK, or Excel's Unicode text, UTF-16) and .xlsx workbooks (the first sheet, or the one --sheet names). Columns: key (or number, Chinese or English name), year, value, and optionally source, note and plan, headed in Chinese or English as ipplan's own reports write them; or one row per indicator and a column per year (2021, 2022年, ...), empty cells skipped. In a workspace of several plans, the plan column sends each row to its plan. Other columns and rows without a value are ignored. Every problem is listed with its line (sheet!row in a workbook), and nothing is written unless all rows are valid.\n\n"
        "Example: ipplan import actuals-{year}.xlsx",
    ),
    "help.import.file": (
        "表格文件：.csv、.txt（逗号、制表符或分号分隔）或 .xlsx。",
        "The table: .csv or .txt (comma, tab or semicolon separated), or .xlsx.",
    ),
    "help.import.sheet": (
        "读取工作簿中的这个工作表（默认第一个）；没有此工作表时列出已有的工作表。",
        "Read this sheet of the workbook (the first by default); a name it lacks lists the sheets there are.",
    ),
    "help.import.force": (
        "替换已记录的值（旧值留在历史中）。",
        "Replace values already recorded (kept in history).",
    ),
    "help.import.accept_jump": (
        "确认与相邻年份（或首个值与目标）相差很大的值无误，照样记录。",
        "Confirm values far from their neighbour year's (or first values far from the target) are right, and record them.",
    ),
    "help.import.encoding": (
        "文件的编码：utf-8 或 gbk（即 gb18030）。默认按文件内容判断；两种读法都说得通的文件须指明。",
        "The file's encoding: utf-8 or gbk (gb18030). By default it is told from the file; a file that reads both ways needs it named.",
    ),
    # --- actions -----------------------------------------------------------------------------
    "help.tasks": (
        "按领域列出各项行动，含状态、牵头单位和完成时限。\n\n示例：ipplan tasks --area 2 --status 推进中",
        "The actions, grouped by area, with status, lead unit and due date.\n\nExample: ipplan tasks --area 2 --status in_progress",
    ),
    "help.tasks.area": (
        "只看这个领域（编号、序号或中文标题）。",
        "Only this area (id, number or Chinese title).",
    ),
    "help.tasks.status": (
        "只看处于这个状态的行动：未启动、推进中、已完成、延期、已取消（或写 not_started、in_progress、completed、delayed、cancelled）。",
        "Only actions with this status: not_started, in_progress, completed, delayed or cancelled (or in Chinese: 未启动, 推进中, 已完成, 延期, 已取消).",
    ),
    "help.tasks.indicator": ("只看服务于这项指标的行动。", "Only actions serving this indicator."),
    "help.task": (
        "一项行动的全部信息：具体措施和进展记录；带选项时记录一条注明日期的进展。\n\n"
        "--no-lead 和 --no-due 清除牵头单位和完成时限。\n\n"
        '示例：ipplan task talent-training --status 推进中 --note "{year}年培训 1.2 万人次"',
        "One action with its measures and update log; with options, record a dated update.\n\n"
        "--no-lead and --no-due clear the lead unit and the due date.\n\n"
        'Example: ipplan task talent-training --status in_progress --note "{year}年培训 1.2 万人次"',
    ),
    "help.task.action": ("行动编号（见 `ipplan tasks`）。", "Action id (see `ipplan tasks`)."),
    "help.task.status": (
        "设定行动的状态：未启动、推进中、已完成、延期、已取消（或写 not_started 等）。",
        "Set the action's status: not_started, in_progress, completed, delayed or cancelled (or in Chinese: 未启动 and so on).",
    ),
    "help.task.lead": ("设定牵头单位。", "Set the lead unit."),
    "help.task.due": (
        "设定完成时限，如 2025-06-30 或 2025年6月30日。",
        "Set the due date, as 2025-06-30 or 2025年6月30日.",
    ),
    "help.task.note": ("添加一条注明日期的进展。", "Add a dated note."),
    "help.task.no_lead": (
        "清除牵头单位（不指定牵头单位）。",
        "Clear the lead unit (no lead unit named).",
    ),
    "help.task.no_due": ("清除完成时限。", "Clear the due date."),
    # --- work plans --------------------------------------------------------------------------
    "help.workplan": (
        "某年的工作计划，按实施表的样式：工作措施、目标、内容、进度安排、负责部门、状态。\n\n"
        "状态按今天计（IPPLAN_TODAY=YYYY-MM-DD 可固定日期）；加 --as-of 时按今天与该年 12 月 31 日中较早的一天计。\n\n"
        "示例：ipplan workplan {year} --unit 培训部 --state 逾期",
        "A year's work plan in the table's shape: measure, goal, content, schedule, units, states.\n\n"
        "States are those of today (IPPLAN_TODAY=YYYY-MM-DD pins it); with --as-of, of the earlier of today and 31 December of that year.\n\n"
        "Example: ipplan workplan {year} --unit 培训部 --state overdue",
    ),
    "help.workplan.year": (
        "工作计划的年份（默认：今年的）。",
        "The work plan's year (default: this year's).",
    ),
    "help.workplan.unit": (
        "只看这个单位牵头或配合的事项（写出名称的一部分即可）。",
        "Only items this unit leads or supports (part of its name is enough).",
    ),
    "help.workplan.state": (
        "只看处于这个状态的事项：未开始、推进中、逾期、已完成、已取消、未跟踪（或写 not_started、in_progress、overdue、done、cancelled、not_tracked）。",
        "Only items in this state: not_started, in_progress, overdue, done, cancelled or not_tracked (or in Chinese: 未开始, 推进中, 逾期, 已完成, 已取消, 未跟踪).",
    ),
    "help.roadmap": (
        "路线图：各项行动在规划各年的安排及其工作事项的状态。\n\n"
        "每格列出当年工作计划中推进该行动的事项；最后一列是该行动的工作计划进度：已完成事项所占比例，已取消的不计。\n\n"
        "示例：ipplan roadmap --as-of {year}",
        "The roadmap (路线图): each action against the plan's years, with its work items' states.\n\n"
        "Each cell lists the items of that year's work plan that carry the action forward; the last column is the action's work-plan progress: the share of its items done, cancelled ones left out.\n\n"
        "Example: ipplan roadmap --as-of {year}",
    ),
    "help.item": (
        "一个工作事项的全部信息；带选项时记录它的进展（单独成文件，可撤销）。\n\n"
        '示例：ipplan item y{this_year}-1 --done 1 --date {this_year}-06-20 --evidence "协会通知〔{this_year}〕12号"',
        "One work item in full; with options, record its progress (a file of its own, undoable).\n\n"
        'Example: ipplan item y{this_year}-1 --done 1 --date {this_year}-06-20 --evidence "协会通知〔{this_year}〕12号"',
    ),
    "help.item.item_id": ("事项编号（见 `ipplan workplan`）。", "Item id (see `ipplan workplan`)."),
    "help.item.milestone": (
        "与 --done 同用：完成的节点，写序号（第一个为 1）或时间。",
        "With --done: the milestone done, by number (1 for the first) or period.",
    ),
    "help.item.done": (
        "将事项标为完成；带 MILESTONE 时只标该节点。事项在所有节点完成（或整项标为完成）时才算完成。",
        "Mark the item done, or with MILESTONE that milestone. An item is done once every milestone is (or it is marked done as a whole).",
    ),
    "help.item.amount": (
        "朝其数量目标已完成的数量：计入进度，不代替节点完成。",
        "An amount achieved toward its quantity: progress, which marks no milestone done.",
    ),
    "help.item.again": (
        "确认同一天、同样内容的进展确是又一次，照样记录；否则视为重复输入而拒绝。",
        "Confirm the same progress on the same day happened once more, and record it; without this it is refused as typed twice.",
    ),
    "help.item.accept_jump": (
        "确认使合计远超数量目标的数量无误，照样记录；否则视为可能的输入错误而拒绝。",
        "Confirm an amount that takes the total far past its target is right, and record it; without this it is refused as a likely typing slip.",
    ),
    "help.item.content": (
        "--amount 计入哪一条具体内容。",
        "Which content item --amount counts for.",
    ),
    "help.item.cancel": ("取消该事项，并写明原因。", "Cancel the item, with the reason."),
    "help.item.date": (
        "发生的日期，如 2026-06-20（默认：今天）。",
        "When it happened, as 2026-06-20 (default: today).",
    ),
    "help.item.note": ("关于这次进展的备注。", "A note on the progress."),
    "help.item.evidence": (
        "证明材料所在：文件编号或链接。",
        "Where the proof is: a document number, a link.",
    ),
    "help.due": (
        "已逾期和即将到期的事项，按负责单位分组。\n\n"
        "秘书处发给各部门的清单：凡未完成且时间已过、或将在 --within 天内（默认 30 天）到期的节点，列在事项的牵头单位之下。\n\n"
        "示例：ipplan due --within 14 --unit 培训部",
        "What is overdue and what falls due soon, grouped by responsible unit.\n\n"
        "The list the secretariat sends each department: every milestone not done whose period has ended, or ends within --within days (30 unless given), under the item's lead unit.\n\n"
        "Example: ipplan due --within 14 --unit 培训部",
    ),
    "help.due.within": ("向前看多少天。", "Look this many days ahead."),
    "help.due.year": (
        "只看这一年工作计划中的事项。",
        "Only the items of this year's work plan.",
    ),
    "help.due.unit": (
        "只看这个单位牵头或配合的事项（写出名称的一部分即可）。",
        "Only items this unit leads or supports (part of its name is enough).",
    ),
    "help.workplan-import": (
        "把省级实施表样式的工作计划表导入 workplans/YEAR.yaml。\n\n"
        "列：工作措施、工作目标、具体内容、进度安排、负责部门、对应行动（规划的行动编号），可选编号和所属部分。进度安排中每个以时间开头的分句是一个节点（“4月底前完成数据收集，三季度完成评估”是两个）；没有工作措施的行接续上一项，增补其内容、节点和负责单位；合并单元格对其跨过的每一行都有效；工作措施和具体内容前表格自己的编号一律去掉。可选的状态列（部门填写）记为进展：“已完成 2024-06-30”“完成（2024年6月）”为完成，“已取消：原因”为取消，留空或“进行中”不记录；事项和进展是一次变更，ipplan undo 一并撤销。工作簿中读 --sheet 指定的工作表，否则读该年的工作表（ipplan 自己导出的工作簿每年一张，连同标题、印发单位和日期）。要么全部导入，要么一行也不导入：每个问题都标出其行，只要有一行有误就什么也不写。\n\n"
        "示例：ipplan workplan-import {this_year}年工作计划.xlsx --year {this_year} --issuer 中华全国专利代理师协会",
        "Bring a work plan table in the provincial table's shape into workplans/YEAR.yaml.\n\n"
        "Columns: 工作措施, 工作目标, 具体内容, 进度安排, 负责部门, and 对应行动 (the plan's action ids) and optionally 编号 and 所属部分. Each clause of a 进度安排 cell that starts with a period is a milestone (4月底前完成数据收集，三季度完成评估 is two); a row without a 工作措施 continues the item above, adding content, milestones and units; a merged cell counts in every row it spans; the table's numbering of a measure or content line is dropped. An optional 状态 (state) column, filled in by a department, is recorded as progress: 'done 2024-06-30', '已完成 2024-06-30' or '完成（2024年6月）' done, 'cancelled: reason' or '已取消：原因' cancelled, blank or 'in progress' nothing; the items and their progress are one change, which ipplan undo takes back whole. In a workbook, the sheet --sheet names is read, else the sheet of the year (ipplan's own workbook has one a year, with title, issuer and issue date). All or nothing: every problem is named with its row, and nothing is written unless every row is right.\n\n"
        "Example: ipplan workplan-import {this_year}年工作计划.xlsx --year {this_year} --issuer 中华全国专利代理师协会",
    ),
    "help.workplan-import.source": (
        ".xlsx 文件，或 .csv 文件（UTF-8，或 Excel 存的 GBK）。",
        "An .xlsx, or a .csv (UTF-8, or GBK as Excel saves it).",
    ),
    "help.workplan-import.year": ("工作计划的年份。", "The work plan's year."),
    "help.workplan-import.title": (
        "工作计划的标题（默认：表头上方写明的标题，或 YEAR年工作计划）。",
        "The work plan's title (default: the title stated above the header row, or YEAR年工作计划).",
    ),
    "help.workplan-import.issuer": (
        "印发单位（默认：表头上方写明的印发单位）。",
        "Who issued it (default: the issuer stated above the header row).",
    ),
    "help.workplan-import.issued": (
        "印发日期，如 2024-03-01（默认：表头上方写明的印发日期）。",
        "When it was issued, such as 2024-03-01 (default: the date stated above the header row).",
    ),
    "help.workplan-import.sheet": (
        "读工作簿中这张工作表（默认：该年的工作表）。",
        "Read this sheet of the workbook (default: the sheet of the year).",
    ),
    "help.workplan-import.force": (
        "如该年已有工作计划文件，则替换它。",
        "Replace the year's work plan file if there is one.",
    ),
    "help.workplan-import.encoding": (
        "CSV 文件的编码：utf-8 或 gbk（即 gb18030）。默认按文件内容判断；两种读法都说得通的文件须指明。",
        "A CSV file's encoding: utf-8 or gbk (gb18030). By default it is told from the file; a file that reads both ways needs it named.",
    ),
    # --- checks ------------------------------------------------------------------------------
    "help.validate": (
        "检查每个数据文件；每个问题列为 路径:行: 代码: 说明。供 CI 使用。\n\n"
        "数据有效时退出码为 0，发现任何问题时为 1。用 --format github 时，每个问题都是一条 GitHub Actions 注释，显示在拉取请求的差异上。用 --strict 时，今天已逾期的内容（IPPLAN_TODAY 可固定日期）也算问题，供提醒用的 CI 任务使用。在工作区（ipplan.yaml）中检查每个计划及其相互引用，除非 --plan 或 --data 指定了一个计划。\n\n"
        "示例：ipplan validate --data data --format github",
        "Check every data file; list each problem as path:line: code: message. For CI.\n\n"
        "Exit 0 when the data is valid, 1 when any problem is found. With --format github each problem is a GitHub Actions annotation, shown on the pull request's diff. With --strict, what is overdue today (IPPLAN_TODAY pins the day) is a problem too, for a CI job that reminds. In a workspace (ipplan.yaml) it checks every plan and the references between them, unless --plan or --data names one plan.\n\n"
        "Example: ipplan validate --data data --format github",
    ),
    "help.validate.fmt": (
        "text（路径:行: 代码: 说明）、json 或 github（Actions 注释）。",
        "text (path:line: code: message), json, or github (Actions annotations).",
    ),
    "help.validate.strict": (
        "今天已逾期的内容也算失败：未按时完成的工作计划节点，及逾期未记录的年度数值。",
        "Also fail on what is overdue today: work-plan milestones not done in time, and yearly figures not recorded in time.",
    ),
    "help.schema": (
        "为数据文件写出 JSON Schema，让编辑器在输入时就检查。\n\n"
        "每个数据文件的第一行为 YAML 语言服务器（例如 VS Code 的 YAML 扩展）指明其 schema。升级 ipplan 后请再运行一次；它只替换 schema 文件。\n\n"
        "示例：ipplan schema --data data",
        "Write JSON Schema for the data files, so editors check them as you type.\n\n"
        "Each data file's first line names its schema for the YAML language server (VS Code's YAML extension, for one). Run it again after upgrading ipplan; it replaces the schema files only.\n\n"
        "Example: ipplan schema --data data",
    ),
    "help.schema.directory": (
        "schema 写到哪里（默认：数据目录下的 schema/）。",
        "Where to write the schemas (default: the data directory's schema/).",
    ),
    # --- reports -----------------------------------------------------------------------------
    "help.report": (
        "可供发布的进展报告：概要、每项指标及其图表、各项行动。\n\n"
        "不写 --format 时，格式取 -o FILE 的扩展名（r.html、r.xlsx），否则为 md。html 可离线打开和打印；csv 每项指标每年一行（带 BOM 的 UTF-8，`ipplan import` 可读回）；xlsx 需要 pip install 'ipplan[xlsx]'；docx（终期评估的 Word 文档）需要 pip install 'ipplan[docx]'。\n\n"
        "示例：ipplan report -o report.html --as-of {year}",
        "A progress report to publish: summary, every indicator with its chart, and the actions.\n\n"
        "Without --format, the format is the one -o FILE's extension names (r.html, r.xlsx), else md. html opens offline and prints; csv has one row per indicator and year (UTF-8 with BOM, and the layout `ipplan import` reads); xlsx needs pip install 'ipplan[xlsx]'; docx (the final evaluation as a Word document) needs pip install 'ipplan[docx]'.\n\n"
        "Example: ipplan report -o report.html --as-of {year}",
    ),
    "help.report.fmt": (
        "md、html、csv、json、xlsx 或 docx（不分大小写）。默认：-o FILE 的扩展名所指的格式，否则为 md。",
        "md, html, csv, json, xlsx or docx (any case). Default: the one -o FILE's extension names, else md.",
    ),
    "help.report.output": (
        "把报告写入 FILE：一个普通文件，整个替换（- 为标准输出）。目录、设备和管道会被拒绝。",
        "Write the report to FILE, a regular file replaced whole (- for standard output). Directories, devices and pipes are refused.",
    ),
    "help.site": (
        "工作区（或单个计划）的静态网站：计划索引、每个计划和每项指标一页、CSV 和 JSON 下载，中英文两种语言。\n\n"
        "--lang 决定网站根目录的语言，另一种语言在 en/（或 zh/）下。OUT 可以是新目录、空目录或以前写出的网站：只替换 ipplan 以前写出的文件（记在 OUT/.ipplan-site.json 中），其他文件（如 .git、CNAME）原样保留；OUT 不能在任何计划之内。网站不含脚本，也不链接到站外，任何静态托管（或直接用浏览器从磁盘打开）都可以。\n\n"
        "示例：ipplan site public --lang zh",
        "A static site of the workspace (or the one plan): an index of plans, a page per plan and per indicator, CSV and JSON downloads, in Chinese and English.\n\n"
        "--lang chooses the language at the site's root; the other is under en/ (or zh/). OUT may be new, empty, or a site written before: only the files ipplan wrote there (listed in OUT/.ipplan-site.json) are replaced, and everything else (.git, CNAME) is kept; OUT may not be inside any plan. The site has no script and no link outside itself, so any static host (or a browser, from disk) serves it.\n\n"
        "Example: ipplan site public --lang zh",
    ),
    "help.site.output": ("网站写入的目录。", "The directory to write the site into."),
    # --- changes -----------------------------------------------------------------------------
    "help.history": (
        "所有已记录的变更，最新的在前：记录或替换的数值，以及行动进展。\n\n示例：ipplan history 1",
        "Every recorded change, newest first: values recorded or replaced, and action updates.\n\nExample: ipplan history 1",
    ),
    "help.history.ref": (
        "只看这项指标（键、序号或名称）或行动（编号）。",
        "Only this indicator (key, number or name) or action (id).",
    ),
    "help.history.limit": ("只显示最新的 N 条变更。", "Show only the newest N changes."),
    "help.undo": (
        "撤销最近一次变更（记录的数值、一次导入或一条行动进展）。\n\n"
        "被替换的值会恢复；首次记录的值会删除。撤销本身也记入历史（undone/ 中保存它拿走的内容）；紧接着再运行一次会恢复这次撤销拿走的内容（重做）；`ipplan history` 显示下一条是什么。\n\n"
        "示例：ipplan undo --dry-run",
        "Revert the most recent change (a recorded value, an import, or an action update).\n\n"
        "A replaced value comes back; a first value is removed. The undo is itself in the history (undone/ keeps what it took); run it again right after and it puts back what the undo took (a redo); `ipplan history` shows what is next.\n\n"
        "Example: ipplan undo --dry-run",
    ),
    "help.undo.dry_run": (
        "只说明会撤销什么，不做任何改动。",
        "Say what would be reverted; change nothing.",
    ),
    # --- plans -------------------------------------------------------------------------------
    "help.init": (
        "把随附的计划复制到 DIR（默认：data），开始一份可写、适合 git 的计划。\n\n示例：ipplan init",
        "Copy the bundled plan into DIR (default: data) to start a writable, git-friendly plan.\n\nExample: ipplan init",
    ),
    "help.init.directory": (
        "计划放在哪里（默认：data，ipplan 会在那里找它）。",
        "Where to put the plan (default: data, where ipplan looks for it).",
    ),
    "help.new": (
        "在 DIR 中新建一份可通过检查的空白计划：指标、任务、schema、.gitignore。\n\n"
        "文件中各带一个加注释的示例：每种指标（预期性、约束性、累计）、一个单位和一项行动。要么全部写出，要么什么也不写；已有的计划或文件绝不会被覆盖。docs/writing-a-plan.md 解释每个字段。\n\n"
        "--from OLD 接续上一期计划的指标，--member-of NAME 新建汇总到 NAME 的成员计划。\n\n"
        '示例：ipplan new plan-{next_year} --title "专利代理行业发展规划（{next_year}-{next_last}年）" --years {next_year}-{next_last}',
        "Start a new, empty plan in DIR that validates: indicators, tasks, schemas, .gitignore.\n\n"
        "The files carry one commented example of each kind of indicator (indicative, binding, cumulative), of a unit and of an action. Nothing is written unless all of it is, and an existing plan or file is never overwritten. docs/writing-a-plan.md explains every field.\n\n"
        "--from OLD carries the indicators of the plan before; --member-of NAME starts a member plan that rolls up into NAME.\n\n"
        'Example: ipplan new plan-{next_year} --title "专利代理行业发展规划（{next_year}-{next_last}年）" --years {next_year}-{next_last}',
    ),
    "help.new.source": (
        "从计划 OLD（目录，或工作区中的计划名）接续：带上它的指标（键、名称、单位、方向、定义），基线取自 OLD 目标年的数值（尚未记录的标为待定），目标均待定。新计划从 OLD 结束的次年开始。",
        "Carry on from the plan OLD (a directory, or a plan's name in the workspace): its indicators (keys, names, units, directions, definitions), each baseline OLD's target-year figure (pending where not recorded yet), every target pending. The new plan starts the year after OLD ends.",
    ),
    "help.new.with_actions": (
        "连同 OLD 的领域和行动一起接续（状态为未启动，无截止日期）；需与 --from 一起用。",
        "Carry OLD's areas and actions too (not started, no due date); with --from.",
    ),
    "help.new.member_of": (
        "新建工作区中计划 NAME 的成员计划：带上 NAME 的指标，数量类指标汇总到 NAME（rolls_up_to），基线和目标待本计划填写；年份默认与 NAME 相同。",
        "Start a member plan of the workspace's plan NAME: NAME's indicators, counts and amounts rolling up into NAME's (rolls_up_to), baselines and targets for this plan to fill in; the years are NAME's unless --years is given.",
    ),
    "help.new.directory": (
        "计划建在哪里（新目录或空目录）。",
        "Where to create the plan (new or empty).",
    ),
    "help.new.title": ("计划的标题。", "The plan's title."),
    "help.new.years": (
        "计划的第一年和最后一年，如 {next_year}-{next_last}；必填，但用 --member-of 时默认为上级计划的年份。",
        "The plan's first and last year, such as {next_year}-{next_last}; required, but with --member-of the parent plan's years unless given.",
    ),
    "help.new.title_en": ("英文标题。", "The title in English."),
    "help.new.issuer": ("计划的印发单位。", "Who issues the plan."),
    "help.new.issuer_en": ("印发单位的英文名。", "The issuer in English."),
    "help.new.parent": (
        "把新计划加入所在工作区的 ipplan.yaml，以计划 NAME 为上级（与新计划一起写入，要么都写，要么都不写）。",
        "Add the new plan to the workspace's ipplan.yaml under the plan NAME (written with the plan: both or neither).",
    ),
    "help.new.name": (
        "新计划在工作区中的名称（默认：其目录名）；需与 --parent 一起用。",
        "The new plan's name in the workspace (default: its directory's name); with --parent.",
    ),
    "help.overview": (
        "工作区（ipplan.yaml）每个计划一行，上级在前：各状态的指标数、最新数据年份，以及成员合计与上级数值不一致的年份。\n\n"
        "不在工作区中时，显示找到的那一个计划。--plan NAME 显示该计划及其下属计划。\n\n"
        "示例：ipplan overview --json",
        "One line per plan of the workspace (ipplan.yaml), parent first: counts per status, the latest data year, and the years where members' sums and the parent's figure disagree.\n\n"
        "Outside a workspace, the one plan found. --plan NAME shows that plan and the plans under it.\n\n"
        "Example: ipplan overview --json",
    ),
    # --- the frame of the help ---------------------------------------------------------------
    "help.usage": ("用法：", "Usage: "),
    "help.section.Arguments": ("参数", "Arguments"),
    "help.section.Options": ("选项", "Options"),
    "help.section.Commands": ("命令", "Commands"),
    "help.options_metavar": ("[选项]", "[OPTIONS]"),
    "help.command_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "help.required": ("[必填]", "[required]"),
    # the kind of value an option takes, where its help names no other (help.kind.<kind>)
    "help.kind.text": ("文本", "TEXT"),
    "help.kind.number": ("数值", "NUMBER"),
    "help.kind.year": ("年份", "YEAR"),
    "help.kind.date": ("日期", "DATE"),
    "help.default": ("默认：{value}", "default: {value}"),
}
