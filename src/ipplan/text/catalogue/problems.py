"""Validation problems of any plan (path:line: code: message) and id rules."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # any plan: declared units, the plan's years, cumulative and binding indicators, `ipplan new`
    "p.unknown-unit": (
        "未知单位 {unit}{hint}；请在 indicators.yaml 的 units: 下声明它（见 docs/writing-a-plan.md）",
        "unknown unit {unit}{hint}; declare it under units: in indicators.yaml "
        "(see docs/writing-a-plan.md)",
    ),
    "p.duplicate-unit": (
        "单位 {value} 重复声明（首次在第 {first} 行）",
        "unit {value} is declared twice (first on line {first})",
    ),
    "p.invalid-unit-range": (
        "单位 {unit} 的范围 {range} 不成立：max 须大于 min，且均不超过 10^12",
        "unit {unit} has the range {range}, which holds no value: max must be above min, "
        "and both within 10^12",
    ),
    "p.implausible-year": (
        "{year} 年不像计划的年份；计划年份须在 {first}–{last} 之间",
        "{year} does not look like a plan year; plan years lie within {first}-{last}",
    ),
    "p.cumulative-direction": (
        "{key} 是累计指标（accumulate: sum），方向须为 increase：累计值只会增加",
        "{key} is cumulative (accumulate: sum), so its direction must be increase: "
        "a running total only grows",
    ),
    "p.target-against-direction": (
        "{key} 的方向是 {direction}，目标值 {target} 却在基线值 {baseline} 的另一侧：increase 的目标不低于基线，decrease 的目标不高于基线。请改正方向或目标值",
        "{key} has direction {direction}, but its target {target} lies the other way from its "
        "baseline {baseline}: an increase's target is at or above its baseline, a decrease's "
        "at or below it. Correct the direction or the target",
    ),
    "p.baseline-pending-given": (
        "{key} 已写明基线值，却仍标着 baseline_pending: true；基线已确定时请删去这一行",
        "{key} gives its baseline but is still marked baseline_pending: true; once the "
        "baseline is known, delete that line",
    ),
    "invalid-plan-years": (
        "“{value}”不是计划的年份范围；请写首年和末年，如 2026-2030（{low}–{high} 之间）。",
        "'{value}' is not a span of plan years; write the first and the last year, such as "
        "2026-2030 (within {low}-{high})",
    ),
    "successor-years": (
        "--years {value} 不能接续 {old}（{old_first}–{old_last} 年）：接续的计划从 {first} 年开始，"
        "以 {old_last} 年为基线年；请写 --years {first}-末年",
        "--years {value} cannot follow {old} ({old_first}-{old_last}): the plan that follows "
        "it starts in {first}, with {old_last} as its baseline year; write --years "
        "{first}-LAST",
    ),
    "empty-title": (
        "--title 不能为空；请写出计划的名称。",
        "--title is empty; give the plan's title",
    ),
    "new.done": (
        "已在 {path} 创建新计划（{first}–{last} 年，基线年 {base}）。"
        "在 indicators.yaml 和 tasks.yaml 中写入指标和行动（见 docs/writing-a-plan.md），"
        "再运行 ipplan validate --data {path}。",
        "Created a new plan in {path} ({first}-{last}, baseline year {base}). Write its "
        "indicators and actions in indicators.yaml and tasks.yaml (see docs/writing-a-plan.md), "
        "then run ipplan validate --data {path}.",
    ),
    "new.joined": (
        "已把它以 {name} 之名加入工作区，上级计划为 {parent}。",
        "It joined the workspace as {name}, under {parent}.",
    ),
    "new.from_done": (
        "已在 {path} 创建新计划（{first}–{last} 年，基线年 {base}），接续 {old} 的 {count} 个指标："
        "{known} 个基线取自其 {base} 年数值，{pending} 个基线待定，目标均待定；"
        "ipplan validate --data {path} 会逐一列出。",
        "Created a new plan in {path} ({first}-{last}, baseline year {base}) with the {count} "
        "indicators of {old}; baselines: {known} from its {base} figures, {pending} pending; "
        "every target pending; ipplan validate --data {path} names each.",
    ),
    "new.member_done": (
        "已在 {path} 创建新计划（{first}–{last} 年，基线年 {base}），接续 {old} 的 {count} 个指标，"
        "其中 {rolls} 个汇总到 {old} 的同名指标；基线和目标由本计划填写，"
        "ipplan validate --data {path} 会逐一列出。",
        "Created a new plan in {path} ({first}-{last}, baseline year {base}) with the {count} "
        "indicators of {old}, {rolls} of them adding up into its own; its baselines and targets "
        "are to be written in; ipplan validate --data {path} names each.",
    ),
    "new.with_actions": (
        "一并接续了 {count} 项行动与保障措施（状态为未启动，无截止日期）。",
        "Carried its {count} actions and safeguards too (not started, no due date).",
    ),
    "new.source_not_found": (
        "--from {path}：找不到这个计划（{path} 不是计划的目录，也不是工作区中计划的名称）。请用 --from "
        "给出上一期计划的目录，或它在工作区中的名称。",
        "--from {path}: no such plan ({path} is neither a plan's directory nor a plan's name in a "
        "workspace); give --from the previous plan's directory, or its name in the workspace",
    ),
    "new.member_needs_from": (
        "--member-of {parent} 从上级计划接续指标：--from 须是同一个计划（或省略）",
        "--member-of {parent} carries the parent plan's indicators: --from must name that same "
        "plan, or be left out",
    ),
    "new.member_and_parent": (
        "--member-of 已指定上级计划；不要同时用 --parent",
        "--member-of names the parent plan already; leave out --parent",
    ),
    "new.with_actions_needs_from": (
        "--with-actions 接续上一期计划的行动，需与 --from OLD 一起用",
        "--with-actions carries the actions of the plan named with --from OLD: give both",
    ),
    "new.years_needed": (
        "缺少 --years FIRST-LAST（如 --years 2026-2030）",
        "--years FIRST-LAST is missing (such as --years 2026-2030)",
    ),
    "new.name_needs_parent": (
        "--name 是新计划在工作区中的名称，需与 --parent NAME 一起用",
        "--name is the new plan's name in the workspace: give it with --parent NAME",
    ),
    "status.no_indicators": (
        "计划中还没有指标：在 indicators.yaml 中写入（见 docs/writing-a-plan.md）。",
        "The plan has no indicators yet: write them in indicators.yaml "
        "(see docs/writing-a-plan.md).",
    ),
    "label.binding": ("约束性指标", "binding indicator"),
    "label.binding_mark": ("◆ 约束性指标", "◆ binding indicator"),
    "label.indicative": ("预期性指标", "indicative indicator"),
    "label.kind": ("属性", "Kind"),
    "label.cumulative": (
        "累计指标：每年的实际值为当年完成量，目标为 {first}–{last} 年合计",
        "cumulative: each year's actual is that year's amount; the target is the total over "
        "{first}-{last}",
    ),
    "label.cumulative_mark": (
        "Σ 累计指标：显示 {first} 年起的累计值",
        "Σ cumulative: the running total since {first}",
    ),
    "label.previous_total": ("上一期合计（仅供参考）", "previous period's total (for information)"),
    "label.missing_years": (
        "{number} {name}：{years} 年未报送，不计为零，累计值只含已报送年份",
        "{number} {name}: {years} not reported; counted as not reported, never as zero",
    ),
    "label.missing_short": (
        "未报送年份：{years}（不计为零）",
        "years not reported: {years} (never counted as zero)",
    ),
    "col.total": ("累计", "Total"),
    "col.kind": ("属性", "Kind"),
    "col.accumulate": ("计量方式", "Measured as"),
    "accumulate.sum": ("累计", "cumulative"),
    "accumulate.none": ("年末值", "year-end value"),
    "step.total": ("累计值", "Running total"),
    "report.method_cumulative": (
        "累计指标以计划各年完成量之和（自零起算）对照目标，缺报年份不计为零；复合增长方法不适用。",
        " A cumulative indicator is assessed on the sum of its yearly amounts, counted from zero, "
        "against its target; a year not reported is never counted as zero, and the compound "
        "method does not apply.",
    ),
    "step.average": ("已报送年份年均完成量", "Yearly average of the years reported"),
    "label.no_compound_cumulative": (
        "复合增长方法不适用于累计指标",
        "compound growth does not apply to a cumulative indicator",
    ),
    # validation problems (path:line: code: message)
    "p.yaml-syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "p.tab-indent": (
        "本行用制表符（Tab）缩进；YAML 只接受空格缩进，请把 Tab 换成空格",
        "this line is indented with a tab; YAML indents with spaces only, so replace the tab",
    ),
    "p.not-utf8": (
        "文件不是 UTF-8 编码；请以 UTF-8 另存。",
        "the file is not UTF-8; save it as UTF-8",
    ),
    "p.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "p.too-large": ("文件过大（上限 {limit}）", "the file is too large (limit {limit})"),
    "p.record-too-large": (
        "记录文件超过 {limit} 字节，未读取；ipplan 写的记录文件只有几百字节。请删去多余的内容，或换回 git 中的版本",
        "the record file is over {limit} bytes and was not read; a record file ipplan writes is "
        "a few hundred bytes. Remove what does not belong, or restore the file from git",
    ),
    "p.too-many-keys": (
        "文件中的键超过 {limit} 个，未读取（此行为第 {limit} 个之后的第一个）；请删去多余的键",
        "the file holds more than {limit} keys and was not read (this line holds the first "
        "past them); remove the keys that do not belong",
    ),
    "p.too-many-values": (
        "文件中的值超过 {limit} 个，未读取；最大的计划（一万个指标）每个文件约二十五万个值，请删去多余的内容",
        "the file holds more than {limit} values and was not read; the largest plan (10,000 "
        "indicators) holds about 250,000 in a file, so remove what does not belong",
    ),
    "p.too-many-aliases": (
        "文件中的别名（*名称）超过 {limit} 个，未读取；ipplan 写的文件不用别名，请把内容直接写出",
        "the file uses more than {limit} aliases (*name) and was not read; files ipplan "
        "writes use none, so write the values out",
    ),
    "p.alias-too-large": (
        "别名（*名称）展开后超过 {limit} 个值（或指向自身），未读取；请把内容直接写出",
        "the aliases (*name) would expand into more than {limit} values (or name themselves) "
        "and the file was not read; write the values out",
    ),
    "p.too-many-problems": (
        "此文件还有 {count} 个问题未列出（每个文件只列前 {limit} 个）；改正以上问题后再运行 ipplan validate",
        "{count} more problems in this file are not listed (only the first {limit} of a file "
        "are); fix those above and run ipplan validate again",
    ),
    "p.too-many-problems-in-directory": (
        "此目录中还有 {count} 个文件或目录的问题未列出（每个目录只列前 {limit} 个）；"
        "移走或删除不属于这里的文件后再运行 ipplan validate",
        "{count} more problems with files in this directory are not listed (only the first "
        "{limit} of a directory are); move or remove what does not belong here and run ipplan "
        "validate again",
    ),
    "p.too-deep": ("嵌套过深", "nested too deeply"),
    "p.unsupported-tag": ("不支持的 YAML 标签 {tag}", "unsupported YAML tag {tag}"),
    "p.unsupported-key": (
        "键必须是普通文本（不支持合并键 << 或复杂键）",
        "keys must be plain text (merge keys << and complex keys are not supported)",
    ),
    "p.duplicate-key": ("键 {key} 重复出现", "key {key} appears twice"),
    "p.missing-field": ("缺少必填字段 {field}", "missing required field {field}"),
    "p.unknown-field": ("未知字段 {field}{hint}", "unknown field {field}{hint}"),
    "p.wrong-type": (
        "{field} 应为 {expected}，实际为 {got}",
        "{field} should be {expected}, not {got}",
    ),
    "p.invalid-direction": (
        "{field} 只能是 increase 或 decrease，而不是 {got}",
        "{field} must be increase or decrease, not {got}",
    ),
    "p.invalid-choice": (
        "{field} 应为 {expected} 之一，而不是 {got}",
        "{field} must be one of {expected}, not {got}",
    ),
    "p.invalid-id": (
        "{field} 的格式不对：{got}；{rule}",
        "{field} is not well formed: {got}; {rule}",
    ),
    # the rule each id pattern applies, as the invalid-id message states it
    "idrule.key": (
        "须以小写字母开头，其后只用小写字母、数字和下划线 _，如 practitioners",
        "it must start with a lower-case letter, then only lower-case letters, digits and _, "
        "as in practitioners",
    ),
    "idrule.slug": (
        "须以小写字母开头，其后只用小写字母、数字和连字符 -，如 talent-training",
        "it must start with a lower-case letter, then only lower-case letters, digits and -, "
        "as in talent-training",
    ),
    "idrule.item": (
        "须以小写字母开头，其后只用小写字母、数字、_ 和 -，如 y2022-3-1",
        "it must start with a lower-case letter, then only lower-case letters, digits, _ and -, "
        "as in y2022-3-1",
    ),
    "idrule.pattern": ("须符合正则表达式 {pattern}", "it must match the pattern {pattern}"),
    "p.empty": ("{field} 不能为空", "{field} must not be empty"),
    "p.duplicate-indicator-key": (
        "指标键 {value} 重复（首次出现在第 {first} 行）",
        "indicator key {value} is used twice (first on line {first})",
    ),
    "p.duplicate-indicator-number": (
        "指标序号 {value} 重复（首次出现在第 {first} 行）",
        "indicator number {value} is used twice (first on line {first})",
    ),
    "p.duplicate-action-id": (
        "行动编号 {value} 重复（首次出现在第 {first} 行）",
        "action id {value} is used twice (first on line {first})",
    ),
    "p.duplicate-area-id": (
        "领域编号 {value} 重复（首次出现在第 {first} 行）",
        "area id {value} is used twice (first on line {first})",
    ),
    "p.duplicate-year": (
        "{value} 年的值重复（首次出现在第 {first} 行）",
        "a second value for {value} (the first is on line {first})",
    ),
    "p.unknown-indicator": ("未知指标 {ref}{hint}", "unknown indicator {ref}{hint}"),
    "p.unknown-action": ("未知行动 {ref}{hint}", "unknown action {ref}{hint}"),
    "p.unknown-area": ("未知领域 {area}（可用：{known}）", "unknown area {area} (known: {known})"),
    "p.year-outside-plan": (
        "{year} 年不在计划期内（{first}–{last}）。",
        "{year} is outside the plan ({first}-{last})",
    ),
    "p.milestone-year": (
        "{key} 的阶段目标年份 {year} 须在基线年与目标年之间（{first}–{last}）",
        "{key} has a milestone for {year}; milestones lie between baseline and target "
        "({first}-{last})",
    ),
    "p.duplicate-milestone": (
        "{value} 年的阶段目标重复（首次出现在第 {first} 行）",
        "a second milestone for {value} (the first is on line {first})",
    ),
    "p.not-finite": ("{value} 不是有限数值", "{value} is not a finite number"),
    "p.out-of-range": (
        "{value} 超出单位 {unit} 的范围 {range}",
        "{value} is outside the range {range} of unit {unit}",
    ),
    "p.not-whole-number": (
        "以 {unit} 计的数量须为整数，{value} 不是",
        "a count in {unit} must be whole; {value} is not",
    ),
    "p.baseline-year-mismatch": (
        "{key} 的基线年为 {year}，应为计划基线年 {expected}",
        "{key} has baseline year {year}; the plan's baseline year is {expected}",
    ),
    "p.target-year-mismatch": (
        "{key} 的目标年为 {year}，应为计划目标年 {expected}",
        "{key} has target year {year}; the plan's target year is {expected}",
    ),
    "p.invalid-plan-years": (
        "基线年 {baseline} 须早于目标年 {target}",
        "the baseline year {baseline} must come before the target year {target}",
    ),
    "p.invalid-thresholds": (
        "阈值须满足 on_track > needs_acceleration > lagging（现为 {on_track} / {needs_acceleration} / {lagging}）",
        "thresholds must satisfy on_track > needs_acceleration > lagging "
        "(now {on_track} / {needs_acceleration} / {lagging})",
    ),
    "p.value-too-large": (
        "{value} 大得不合理（上限 {limit}）",
        "{value} is implausibly large (limit {limit})",
    ),
    "p.invalid-max-change": (
        "max_change 须大于 0（现为 {value}）；0.5 表示允许比上一年高或低 50%",
        "max_change must be above 0 (now {value}); 0.5 allows 50 % above or below the year before",
    ),
    "p.time-form": (
        "{field} 须写成日期和时间（到秒），如 2026-11-21T20:59:38+08:00；现为 {got}",
        "{field} must be a date and a time to the second, such as 2026-11-21T20:59:38+08:00; "
        "it is {got}",
    ),
    "p.time-range": (
        "{field} 的年份须在 1900 至 9998 之间；现为 {got}",
        "{field} must fall in a year from 1900 to 9998; it is {got}",
    ),
    "p.blank": (
        "{field} 只有空白或不可见的字符；请写上内容，或删去这一项",
        "{field} holds only spaces or characters that show nothing; write it, or remove the field",
    ),
    "p.control-character": (
        "含有终端控制字符 {char}；请删去（换行和制表符可以保留）",
        "holds the terminal control character {char}; remove it (line breaks and tabs are fine)",
    ),
    "p.fallback": ("{detail}", "{detail}"),
}
