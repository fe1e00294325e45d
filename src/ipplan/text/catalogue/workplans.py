"""Work plans: workplan, roadmap, item, due, and their checks."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- work plans (workplan, roadmap, item, due, validate --strict) ---
    "wp.not_started": ("未开始", "not started"),
    "wp.in_progress": ("推进中", "in progress"),
    "wp.overdue": ("逾期", "overdue"),
    "wp.done": ("已完成", "done"),
    "wp.cancelled": ("已取消", "cancelled"),
    "wp.pending": ("未到期", "pending"),
    "wp.not_tracked": ("未跟踪", "not tracked"),
    "wp.title": ("{year} 年工作计划：{title}", "Work plan {year}: {title}"),
    "wp.issued": ("{issuer}，{issued} 印发", "issued by {issuer}, {issued}"),
    "wp.issued_by": ("{issuer} 印发", "issued by {issuer}"),
    "wp.issued_on": ("{issued} 印发", "issued {issued}"),
    "wp.on_day": ("状态按 {day}", "states on {day}"),
    "wp.col.measure": ("工作措施", "Measure"),
    "wp.col.goal": ("工作目标", "Goal"),
    "wp.col.content": ("具体内容", "Content"),
    "wp.col.schedule": ("进度安排", "Schedule"),
    "wp.col.units": ("负责部门", "Responsible units"),
    "wp.col.state": ("状态", "State"),
    "wp.col.item": ("工作项", "Item"),
    "wp.col.actions": ("对应行动", "Actions"),
    "wp.units": ("{lead}负责", "{lead} leads"),
    "wp.units_support": ("{lead}负责，{support}配合", "{lead} leads; {support} support"),
    "wp.support_only": ("{support}配合", "{support} support"),
    "wp.no_unit": ("未指定负责部门", "no unit named"),
    "wp.achieved": ("已完成 {achieved}/{target} {unit}", "{achieved} of {target} {unit} done"),
    "wp.done_on": ("{date} 完成", "done {date}"),
    "wp.cancelled_because": ("已取消：{reason}", "cancelled: {reason}"),
    "wp.summary": ("{count} 个工作项：{parts}", "{count} item(s): {parts}"),
    "wp.none": ("没有符合条件的工作项。", "No item matches."),
    "no-workplans": (
        "还没有工作计划。请在数据目录的 workplans/ 下建立 YEAR.yaml（格式见 README），或用 `ipplan workplan-import` 从表格导入。",
        "there is no work plan yet; write workplans/YEAR.yaml in the data directory (see the "
        "README), or bring a table in with `ipplan workplan-import`",
    ),
    "wp.label.section": ("所属部分", "Section"),
    "wp.label.progress": ("进展记录", "Progress"),
    "wp.label.no_progress": ("暂无进展记录", "no progress recorded yet"),
    "wp.label.next_due": ("下一节点：{period}（{end} 到期）", "next due: {period} (ends {end})"),
    "wp.label.indicators": ("服务指标", "Indicators"),
    "wp.event.done": ("整项完成", "item done"),
    "wp.event.milestone": ("节点 {number} 完成", "milestone {number} done"),
    "wp.event.amount": ("完成 {amount} {unit}", "{amount} {unit} achieved"),
    "wp.event.cancelled": ("取消：{reason}", "cancelled: {reason}"),
    "wp.event.evidence": ("佐证：{evidence}", "evidence: {evidence}"),
    "undo.progress": (
        "{verb} {when} 对工作项 {id} 记录的进展：{parts}。",
        "{verb} the progress on item {id} recorded {when}: {parts}.",
    ),
    "wp.unchanged": (
        "工作项 {id} 没有变化，未写入任何内容。",
        "Item {id} is unchanged; nothing written.",
    ),
    "wp.milestone_needs_done": (
        "只有与 --done 同用时才能给出节点，如 ipplan item y2024-1 --done 1",
        "a milestone is given with --done only, as in ipplan item y2024-1 --done 1",
    ),
    "wp.as_of_read_only": (
        "--as-of 只用于查看；记录进展时请用 --date",
        "--as-of is for looking back; to record progress on a past day, use --date",
    ),
    "wp.imported": (
        "已从 {source} 导入 {count} 个工作项，写入 {path}；此后请直接编辑该文件，并用 ipplan validate 检查。",
        "Imported {count} items from {source} into {path}; edit that file from now on, and check "
        "it with ipplan validate.",
    ),
    "wp.imported_progress": (
        "“状态”列记下 {count} 条进展（ipplan item 可查看；ipplan undo 连同导入一起撤销）。",
        "The state column recorded {count} progress events (see them with ipplan item; "
        "ipplan undo takes them back with the import).",
    ),
    "workplan-needs-actions": (
        "{path} 中的计划还没有行动，而工作计划的每个工作项都须对应计划中的一项行动。请先在 {path}/tasks.yaml "
        "中写入领域和行动，或新建计划时加 --with-actions 接续上级或上一期计划的行动（如 ipplan new DIR "
        "--member-of NAME --with-actions），再导入。",
        "the plan in {path} has no actions yet, and each item of a work plan answers to one of "
        "the plan's actions; write its areas and actions in {path}/tasks.yaml, or make the plan "
        "with --with-actions to carry its parent's or previous plan's (as in ipplan new DIR "
        "--member-of NAME --with-actions), then import again",
    ),
    "workplan-exists": (
        "{path} 已存在，为避免覆盖未做任何改动。如确需用表格替换 {year} 年的工作计划，请加 --force（原文件可从 git 找回）。",
        "{path} exists and was left as it is; to replace the {year} work plan with the table, "
        "add --force (git keeps the old file)",
    ),
    "p.missing-actions": (
        "此行的工作项缺少“对应行动”：请填写计划中的行动编号，如 {example}",
        "this row's item has no 对应行动 (actions): write the plan's action ids, such as {example}",
    ),
    "p.missing-schedule": (
        "此行的工作项缺少“进度安排”",
        "this row's item has no 进度安排 (schedule)",
    ),
    "p.schedule-without-period": (
        "进度安排“{line}”不以时间开头；请写成“第一季度，……”“6月底前……”“全年……”",
        "the schedule line '{line}' does not start with a period; write it as '第一季度，…', "
        "'6月底前…' or '全年…'",
    ),
    "p.schedule-unsure-period": (
        "进度安排“{line}”中有一句以“某月前”开头，可指上月底或该月底；请写成“6月底前”或“5月底前”",
        "a clause of the schedule line '{line}' starts with a month and 前 ('6月前'), which "
        "could mean the end of the month before or of that month; write '6月底前' or '5月底前'",
    ),
    "p.no-sheet-of-year": (
        "工作簿中没有 {year} 年的工作表（其中有表头的工作表：{sheets}）；请用 --sheet 指明其中之一",
        "the workbook has no sheet of {year} (its sheets with a header row: {sheets}); name "
        "one of them with --sheet",
    ),
    "p.invalid-issued": (
        "印发日期“{value}”不是日期；请写成 2024-03-01",
        "the issue date '{value}' is no date; write it as 2024-03-01",
    ),
    "p.issued-out-of-range": (
        "印发日期 {date} 不在 {first}-01-01 至今天（{today}）之间：工作计划不会在计划期开始之前或今天之后印发；请写实际印发的日期",
        "the issue date {date} is not between {first}-01-01 and today ({today}): no work plan "
        "is issued before the plan's first year or after today; write the day it was issued",
    ),
    "p.invalid-tracked": (
        "进度跟踪“{value}”无法识别；请写 未跟踪（进展没有跟踪，如事后补录的计划），或删去此行（可写：{words}）",
        "the 进度跟踪 (tracked) row says '{value}'; write 'not tracked' (its progress was not "
        "kept, as for a plan transcribed afterwards), or delete the row (it may say: {words})",
    ),
    "p.invalid-state": (
        "状态“{value}”无法读取；请写 已完成 2024-06-30、完成（2024年6月）、已取消：原因，或留空、写 进行中（不记录进展）",
        "the state '{value}' cannot be read; write 'done 2024-06-30', '已完成 2024-06-30', "
        "'cancelled: reason', or leave it blank or 'in progress' (nothing recorded)",
    ),
    "p.state-without-date": (
        "状态“{value}”说已完成，但没有写完成日期；请写成 已完成 2024-06-30 或 完成（2024年6月）",
        "the state '{value}' says done but not when; write 'done 2024-06-30' or "
        "'完成（2024年6月）'",
    ),
    "p.state-without-reason": (
        "状态“{value}”说已取消，但没有写原因；请写成 已取消：原因（如 已取消：经费取消）",
        "the state '{value}' says cancelled but not why; write 'cancelled: reason' (已取消：原因)",
    ),
    "p.state-unknown-milestone": (
        "状态“{value}”所说的节点不存在：此事项的进度安排有 {count} 个节点",
        "the state '{value}' names a milestone the item does not have: its schedule has {count}",
    ),
    "p.too-many-states": (
        "此事项的状态记下的进展超过 {limit} 条；一个事项不会有这么多节点，请检查 状态 和 进度安排",
        "this item's state reports more than {limit} progress records; no item has that many "
        "milestones: check its 状态 (state) and 进度安排 (schedule)",
    ),
    "p.state-in-future": (
        "状态中的日期 {date} 晚于今天（{today}）；请写实际完成的日期",
        "the state's date {date} is after today ({today}); write the day it actually happened",
    ),
    "p.state-before-plan": (
        "状态中的日期 {date} 早于计划的第一年（{first} 年）；请写实际完成或取消的日期",
        "the state's date {date} is before the plan's first year, {first}; write the day it "
        "actually happened",
    ),
    "p.state-not-tracked": (
        "{year} 年工作计划声明不跟踪进展（进度跟踪：未跟踪），事项 {id} 的状态不能记为进展；请删去状态，或删去“进度跟踪”一行",
        "the {year} work plan declares its progress not tracked (tracked: not tracked), so the "
        "state of {id} cannot be recorded; delete the state, or the 进度跟踪 (tracked) row",
    ),
    "p.progress-item-not-in-table": (
        "事项 {id}（{measure}）已记有 {count} 条进展，但表中没有这一事项（工作措施、具体内容、进度安排相同的行，或编号与工作措施都相同的行），这些进展不会转给别的事项；请在表中保留这一行，或先撤回这些进展（刚记下的用 ipplan undo），或删去 progress/{year}/{id}/ 后再导入",
        "item {id} ({measure}) has {count} progress records, but the table no longer has it "
        "(a row with the same measure, content and schedule, or the same id and measure), and "
        "they are never moved onto another item; keep its row in the table, or take the "
        "progress back first (ipplan undo, if it was the latest change) or remove "
        "progress/{year}/{id}/, then import again",
    ),
    "p.row-without-measure": (
        "此行没有“工作措施”，上面也没有可以接续的工作项",
        "this row has no 工作措施 (measure), and there is no item above it to continue",
    ),
    "p.missing-column": ("表头缺少列 {missing}", "the header row lacks the column {missing}"),
    "p.empty-table": (
        "表格是空的：前 10 行没有写任何内容；请确认给出的是填好的文件或工作表（--sheet）",
        "the table is empty: nothing is written in its first 10 rows; check that the file or "
        "the sheet (--sheet) is the one filled in",
    ),
    "p.too-many-rows": ("行数过多（上限 {limit}）", "too many rows (limit {limit})"),
    "p.csv-syntax": ("CSV 格式错误：{detail}", "not valid CSV: {detail}"),
    "p.not-a-workbook": ("不是可读取的 xlsx 文件：{detail}", "not a readable xlsx file: {detail}"),
    "workbook-too-large": (
        "xlsx 文件解压后有 {size}，超过上限 {limit}；要导入的表格远没有这么大（这可能是“压缩炸弹”）。请只保留要导入的工作表，另存后再导入",
        "the xlsx unpacks to {size}, over the limit of {limit}; a table to import is nowhere near "
        "that size (this may be a zip bomb). Keep only the sheet to import, save it, and import that",
    ),
    "workbook-too-many-parts": (
        "xlsx 文件中的部件超过 {limit} 个；要导入的表格远没有这么多。请只保留要导入的工作表，另存后再导入",
        "the xlsx holds more than {limit} parts; a table to import has nowhere near as many. Keep "
        "only the sheet to import, save it, and import that",
    ),
    "workbook-too-compressed": (
        "xlsx 中的 {part} 解压后是压缩时的 {ratio} 倍，超过上限 {limit} 倍；工作表不会压缩得这么紧（这可能是“压缩炸弹”）。请在 Excel 中打开并另存后再导入",
        "{part} in the xlsx unpacks to {ratio} times its packed size, over the limit of {limit}; "
        "no sheet packs that tightly (this may be a zip bomb). Open the file in Excel, save it "
        "again, and import that",
    ),
    "workbook-dtd": (
        "xlsx 中的 {part} 声明了 DTD 或实体（<!DOCTYPE、<!ENTITY）：Excel 从不写这些，它们却能让读取者无休止地展开文本或读取别的文件，因此不读取。请在 Excel 中打开并另存后再导入",
        "the workbook's part {part} declares a DTD or entities (<!DOCTYPE, <!ENTITY), which Excel "
        "never writes and which can make a reader expand text without end or read other files; "
        "it is not read. Open the file in Excel, save it again, and import that",
    ),
    "too-many-cells": ("单元格过多（上限 {limit}）", "too many cells (limit {limit})"),
    "formula-without-value": (
        "工作表“{sheet}”的 {cell} 是公式，但文件中没有保存它的计算结果（由程序生成、未经 Excel 保存的文件常如此），无法知道它的值；请在 Excel 中打开并保存后再导入，或把它复制后“选择性粘贴为数值”",
        "the cell {cell} of the sheet '{sheet}' is a formula whose value the file does not hold "
        "(as in a file a program made and Excel never saved), so its value is unknown; open and "
        "save the file in Excel, then import it, or copy the cell and paste it as values",
    ),
    "p.no-rows": ("表格中没有工作项", "the table holds no item"),
    "report.roadmap": ("路线图", "Roadmap"),
    "report.workplans": ("年度工作计划进展", "Work plans, year by year"),
    "report.period_work": (
        "计划期内行动与保障的工作完成情况",
        "What the actions' and safeguards' work plans did over the period",
    ),
    "report.period_note": (
        "每格为该年工作计划中该项行动的工作项，按状态计数（截至{day}）；“未列入”表示该年工作计划没有该项行动的工作项。",
        "Each cell counts the action's items in that year's work plan by state (on {day}); "
        "'not listed' means that year's work plan has no item for the action.",
    ),
    "report.period_untracked": ("未列入", "not listed"),
    "report.period_total": ("合计", "Total"),
    "sheet.workplan": ("{year}年工作计划", "Work plan {year}"),
    "unknown-unit": (
        "没有工作项由“{ref}”负责或配合。{hint}",
        "no work item is led or supported by '{ref}'. {hint}",
    ),
    "hint.units": ("工作计划中的部门：{choices}", "Units in the work plans: {choices}"),
    "wp.recorded": ("已记录工作项 {id} 的进展。", "Recorded progress on item {id}."),
    "due.title": (
        "截至 {day}：逾期 {overdue} 项，{within} 天内到期 {soon} 项",
        "On {day}: {overdue} overdue, {soon} due within {within} days",
    ),
    "due.none": (
        "截至 {day}，没有逾期或 {within} 天内到期的节点。",
        "On {day}, nothing is overdue or due within {within} days.",
    ),
    "due.overdue_by": ("逾期 {days} 天", "{days} days overdue"),
    "due.in_days": ("{days} 天后到期", "due in {days} days"),
    "due.today": ("今天到期", "due today"),
    "due.support": ("配合：{support}", "support: {support}"),
    "roadmap.title": ("路线图：{title}", "Roadmap: {title}"),
    "roadmap.col.progress": ("工作计划进度", "Work-plan progress"),
    "roadmap.progress": ("完成 {done}/{counted}", "{done}/{counted} done"),
    "roadmap.no_items": ("—", "—"),
    "roadmap.workplans": ("工作计划：{years}", "Work plans: {years}"),
    "roadmap.none": ("尚无工作计划。", "No work plan yet."),
    "tasks.derived_note": (
        "* 状态由工作计划事项推算（未手动设定）；`ipplan task ID --status` 可手动设定。",
        "* Status derived from the action's work-plan items (none set by hand); "
        "`ipplan task ID --status` sets one.",
    ),
    "task.workplan": ("工作计划事项", "Work-plan items"),
    "task.no_items": ("暂无工作计划事项", "No work-plan items"),
    "task.status_source.manual": ("手动设定", "set by hand"),
    "task.status_source.work_plan": ("由工作计划事项推算", "derived from its work-plan items"),
    "task.status_source.plan": ("tasks.yaml 中的状态", "as in tasks.yaml"),
    "strict.overdue_milestone": (
        "{item} 的第 {number} 个节点（{period}，{end} 到期）已逾期",
        "milestone {number} of {item} ({period}, ended {end}) is overdue",
    ),
    "unknown-item": ("未知工作项 {ref}。{hint}", "unknown work item {ref}. {hint}"),
    "hint.items": (
        "用 `ipplan workplan` 查看工作项编号。",
        "`ipplan workplan` lists the item ids.",
    ),
    "unknown-workplan": (
        "没有 {year} 年的工作计划。已有：{known}",
        "there is no work plan for {year}; there are: {known}",
    ),
    "unknown-milestone": (
        "工作项 {id} 没有节点“{ref}”；可用编号 1–{count} 或进度安排中的时间（{periods}）。",
        "item {id} has no milestone '{ref}'; use a number 1-{count} or a period of its "
        "schedule ({periods})",
    ),
    "ambiguous-milestone": (
        "工作项 {id} 有多个节点是“{ref}”（第 {numbers} 个）；请用编号指明，如 --done {first}。",
        "item {id} has more than one milestone '{ref}' (numbers {numbers}); name one by its "
        "number, as in --done {first}",
    ),
    "repeated-progress": (
        "工作项 {id} 已于 {recorded} 记录过同一进展（{date}，内容相同），再记一次会重复计数，未做改动。"
        "如确是又一次，请加 --again 重新运行。",
        "item {id} already has this progress, recorded {recorded} ({date}, the same); "
        "recording it again would count it twice, so nothing changed. If it happened once "
        "more, run again with --again",
    ),
    "implausible-amount": (
        "工作项 {id} 的具体内容 {content} 目标为 {target} {unit}，已完成 {achieved}，再记 {amount} "
        "合计 {total}，超出目标的 {limit:.0%} 以上，可能是输入错误（多打了一位？），未做改动。"
        "如确认无误，请加 --accept-jump 重新运行。",
        "item {id}: content {content} has a target of {target} {unit} and {achieved} done; "
        "{amount} more makes {total}, over {limit:.0%} past the target; is a digit extra? "
        "Nothing changed. If the amount is right, run again with --accept-jump",
    ),
    "item-not-tracked": (
        "{year} 年工作计划声明其进展未跟踪（tracked: false），工作项 {id} 不记录进展，未做改动。"
        "如该计划的进展确有跟踪，请删去 {path} 中的 tracked: false。",
        "the {year} work plan declares its progress not tracked (tracked: false), so no "
        "progress is recorded on item {id}; nothing changed. If its progress is tracked, "
        "remove tracked: false from {path}",
    ),
    "no-quantity": (
        "工作项 {id} 没有数量目标，不能记录数量；请用 --done 或 --note。",
        "item {id} has no quantity target, so an amount cannot be recorded; use --done or --note",
    ),
    "ambiguous-quantity": (
        "工作项 {id} 有多个数量目标（具体内容 {choices}）；请用 --content N 指明。",
        "item {id} has several quantity targets (content {choices}); name one with --content N",
    ),
    "nothing-to-record": (
        "没有要记录的进展：请给出 --done、--amount、--cancel 或 --note。",
        "nothing to record: give --done, --amount, --cancel or --note",
    ),
    "item-closed": (
        "工作项 {id} 已{state}，未做改动。如需更改，先用 `ipplan undo` 撤销。",
        "item {id} is already {state}; nothing changed. `ipplan undo` reverts the last change",
    ),
    "date-in-future": (
        "{date} 晚于今天（{today}）；进展应在发生后记录。",
        "{date} is after today ({today}); record progress once it has happened",
    ),
    "invalid-lock-timeout": (
        "{var}={value} 不是秒数，未做任何改动；请设为 0 或更大的秒数（如 30），或取消这个变量（默认 10 秒）。",
        "{var}={value} is not a number of seconds; nothing was changed. Set it to 0 or more "
        "(such as 30), or unset it for the default of 10",
    ),
    "cache-dir-relative": (
        "{var}={value} 是相对路径，缓存只放在绝对路径下；请将 IPPLAN_CACHE_DIR 设为仓库之外的绝对路径，"
        "或设 IPPLAN_CACHE=0 关闭缓存。",
        "{var}={value} is a relative path, and the cache is kept only at an absolute one; set "
        "IPPLAN_CACHE_DIR to an absolute directory outside every repository, or IPPLAN_CACHE=0 "
        "to turn the cache off",
    ),
    "cache-dir-in-repository": (
        "缓存目录 {path}（由 {var} 决定）位于 git 仓库 {repository} 之内，其中的缓存条目可能来自提交；"
        "请将 IPPLAN_CACHE_DIR 设为仓库之外的目录，或设 IPPLAN_CACHE=0 关闭缓存。",
        "the cache directory {path} (from {var}) is inside the git repository {repository}, "
        "where an entry could come from a commit; set IPPLAN_CACHE_DIR to a directory outside "
        "the repository, or IPPLAN_CACHE=0 to turn the cache off",
    ),
    "invalid-today": (
        "{var}={value} 不是有效日期；请用 YYYY-MM-DD。",
        "{var}={value} is not a date; use YYYY-MM-DD",
    ),
    "invalid-amount": (
        "“{value}”不是正数；请写如 2 或 1.5 的数量。",
        "'{value}' is not a positive number; write an amount such as 2 or 1.5",
    ),
    "p.invalid-period": (
        "无法识别的时间“{period}”；可写 2024、2024H1、2024Q3、2024-06、2024-03-10、全年、上半年、第三季度、第三、四季度、6月底前、3月10日前",
        "'{period}' is not a period; write 2024, 2024H1, 2024Q3, 2024-06, 2024-03-10, or 全年, "
        "上半年, 第三季度, 第三、四季度, 6月底前, 3月10日前",
    ),
    "p.period-needs-year": (
        "“{period}”须从工作计划的年份推算，但 workplan.year 缺失或无效",
        "'{period}' takes its year from the work plan, but workplan.year is missing or invalid",
    ),
    "p.period-year": (
        "节点期间“{period}”不在工作计划的年度 {year} 年内：一年的工作计划只安排当年的节点；别的年度的表格请用该年度导入（--year），延续到下一年的事项写进下一年的工作计划",
        "the period '{period}' is not in the work plan's year, {year}: a year's work plan "
        "schedules that year's milestones; import another year's table with --year of that "
        "year, and put an item that runs on into the next year's work plan too",
    ),
    "p.duplicate-item-id": (
        "工作项编号 {value} 重复（首次出现在 {first}）",
        "work item id {value} is used twice (first at {first})",
    ),
    "p.duplicate-action": (
        "行动 {value} 重复列出（首次在第 {first} 行）",
        "action {value} is listed twice (first on line {first})",
    ),
    "p.workplan-file-name": (
        "工作计划文件应命名为年份，如 2024.yaml，而不是 {name}",
        "a work plan file is named by its year, such as 2024.yaml, not {name}",
    ),
    "p.workplan-year-mismatch": (
        "workplan.year 为 {year}，与文件名 {name} 不符",
        "workplan.year is {year}, which does not match the file name {name}",
    ),
    "p.progress-item-mismatch": (
        "记录的工作项 {item} 与所在目录 {directory} 不符",
        "the record's item {item} does not match its directory {directory}",
    ),
    "p.unknown-item": (
        "{year} 年工作计划中没有工作项 {ref}{hint}",
        "no item {ref} in the {year} work plan{hint}",
    ),
    "p.unknown-milestone": (
        "工作项 {id} 只有 {count} 个节点，没有第 {ref} 个",
        "item {id} has {count} milestones, not a number {ref}",
    ),
    "p.progress-not-tracked": (
        "{year} 年工作计划声明其进展未跟踪（tracked: false），不应有工作项 {id} 的进展记录",
        "the {year} work plan declares its progress not tracked (tracked: false), so it holds "
        "no progress on item {id}",
    ),
    "p.no-quantity": (
        "工作项 {id} 的该内容没有数量目标，不能记录数量",
        "item {id} has no quantity target there, so no amount can be recorded",
    ),
    "p.ambiguous-quantity": (
        "工作项 {id} 有多个数量目标，须用 content 指明",
        "item {id} has several quantity targets; content must name one",
    ),
    "p.too-many-files": ("文件过多（上限 {limit}）", "too many files (limit {limit})"),
    "p.overdue-figure": (
        "{key}的 {year} 年数值通常在 {due} 前公布，至今未记录；公布后用 ipplan record 记录。",
        "the {year} figure of {key}, normally published by {due}, is not recorded yet; "
        "record it with ipplan record once published",
    ),
    "p.target-pending": (
        "{key}的 {year} 年目标待定；请在 indicators.yaml 中写入 target 的 value",
        "the {year} target of {key} is pending; write its value under target in indicators.yaml",
    ),
    "p.baseline-pending": (
        "{key}的基线（{year} 年数值）待定；取得该数值后，用 ipplan record {year} {indicator} "
        "数值 --source 来源 写入本计划",
        "the baseline of {key} (its {year} figure) is pending; once it is known, write it into "
        "this plan with ipplan record {year} {indicator} VALUE --source SOURCE",
    ),
    "p.baseline-in-previous": (
        "{key}的基线（{year} 年数值）待定：上一期计划 {previous} 已记录 {value}；用 ipplan "
        "record {year} {indicator} {value} --source 来源 写入本计划",
        "the baseline of {key} (its {year} figure) is pending: the previous plan {previous} has "
        "recorded {value}; write it into this plan with ipplan record {year} {indicator} {value} "
        "--source SOURCE",
    ),
    "p.own-baseline-pending": (
        "{key}的基线（{year} 年数值）待定：本计划是 {parent} 的成员计划，基线由本计划自己确定；"
        "用 ipplan record {year} {indicator} 数值 --source 来源 写入",
        "the baseline of {key} (its {year} figure) is pending: as a member plan of {parent}, "
        "this plan sets its own baseline; write it with ipplan record {year} {indicator} VALUE "
        "--source SOURCE",
    ),
    "p.overdue-milestone": (
        "{item} 的第 {number} 个节点（{period}，{end} 到期）已逾期",
        "milestone {number} of {item} ({period}, ended {end}) is overdue",
    ),
}
