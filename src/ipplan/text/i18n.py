"""Every word ipplan shows a person, in Chinese and English, from one catalogue.

``text(id, lang, **params)`` formats a catalogue entry. Error and problem messages are keyed by
their stable code, so the code stays the same in both languages while the wording may change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ipplan.text.helptexts import HELP
from ipplan.text.shown_numbers import number

LANGS = ("zh", "en")
ENV_VAR = "IPPLAN_LANG"

CATALOGUE: dict[str, tuple[str, str]] = {
    # statuses of indicators (methodology.md)
    "no_data": ("暂无数据", "no data"),
    "achieved": ("已实现", "achieved"),
    "missed": ("未实现", "missed"),
    "insufficient_data": ("数据不足", "insufficient data"),
    "on_track": ("符合预期", "on track"),
    "needs_acceleration": ("需加快", "needs acceleration"),
    "lagging": ("进度滞后", "lagging"),
    "regressing": ("逆向变化", "regressing"),
    # statuses of actions
    "not_started": ("未启动", "not started"),
    "in_progress": ("推进中", "in progress"),
    "completed": ("已完成", "completed"),
    "delayed": ("延期", "delayed"),
    "cancelled": ("已取消", "cancelled"),
    # directions
    "increase": ("越高越好", "higher is better"),
    "decrease": ("越低越好", "lower is better"),
    # table headings and labels
    "col.number": ("序号", "No."),
    "col.indicator": ("指标", "Indicator"),
    "col.unit": ("单位", "Unit"),
    "col.baseline": ("基线", "Baseline"),
    "col.latest": ("最新实际", "Latest actual"),
    "col.target": ("目标", "Target"),
    "col.progress": ("进度", "Progress"),
    "col.bar": ("进度/时间", "Progress/time"),
    "col.status": ("状态", "Status"),
    "col.year": ("年份", "Year"),
    "col.path": ("线性路径", "Linear path"),
    "col.actual": ("实际", "Actual"),
    "col.deviation": ("偏差", "Deviation"),
    "col.source": ("来源", "Source"),
    "col.note": ("备注", "Note"),
    "col.id": ("编号", "ID"),
    "col.action": ("行动", "Action"),
    "col.lead": ("牵头单位", "Lead"),
    "col.due": ("完成时限", "Due"),
    "col.indicators": ("关联指标", "Indicators"),
    "label.definition": ("定义", "Definition"),
    "label.direction": ("方向", "Direction"),
    "label.baseline": ("基线", "Baseline"),
    "label.target": ("目标", "Target"),
    "label.provisional": (
        "（暂定基线：取最早实际值）",
        " (provisional baseline: the earliest actual)",
    ),
    "label.provisional_year": (
        "暂定基线，取最早实际值（{year} 年）",
        "provisional baseline, the earliest actual ({year})",
    ),
    "label.no_baseline": ("无（计划未给出）", "none (the plan gives none)"),
    "label.series": ("逐年实际与线性路径", "Actuals against the linear path, year by year"),
    "label.assessment": ("评估", "Assessment"),
    "label.status": ("状态", "Status"),
    "label.actions": ("服务本指标的行动", "Actions serving this indicator"),
    "label.no_actions": ("无", "none"),
    "label.area": ("领域", "Area"),
    "label.measures": ("具体举措", "Measures"),
    "label.updates": ("进展记录", "Update log"),
    "label.no_updates": ("暂无进展记录", "no updates yet"),
    "label.as_of": ("截至 {year} 年", "as of {year}"),
    "label.history": ("此前的值", "Earlier values"),
    "label.chart": ("图示", "Chart"),
    "legend.linear": ("线性路径", "linear path"),
    "legend.actual": ("实际", "actual"),
    "legend.milestone": ("阶段目标", "milestone"),
    "legend.target": ("目标", "target"),
    "label.symbols": ("代入的值", "Values used"),
    "label.compound": ("复合增长方法（第二方法）", "Compound growth (second method)"),
    "label.outlook": ("展望 {year} 年", "Looking ahead to {year}"),
    "label.methods_agree": ("两种方法结论一致：{status}", "Both methods agree: {status}"),
    "label.methods_disagree": (
        "⚠ 两种方法结论不同：线性 {linear}，复合 {cagr}",
        "⚠ The methods disagree: linear {linear}, compound {cagr}",
    ),
    "label.no_compound": (
        "复合增长不适用（基线、最新实际与目标须均为正数）",
        "Compound growth does not apply (baseline, latest actual and target must all be positive)",
    ),
    "label.acceleration": (
        "需达到当前年均变化的 {factor} 倍",
        "Needs {factor}x today's yearly change",
    ),
    "label.reverse": (
        "趋势须扭转：自基线以来正在远离目标",
        "The trend must be reversed: it has moved away from the target since the baseline",
    ),
    "label.flat": (
        "自基线以来没有变化：剩余差距全部有待完成",
        "No change since the baseline: the whole gap is still to cover",
    ),
    "label.expected": (
        "按计划 {year} 年应达 {value} {unit}（{source}），实际偏差 {deviation}",
        "By {year} the plan expects {value} {unit} ({source}); the actual differs by {deviation}",
    ),
    "label.expected.milestone": ("阶段目标", "milestone"),
    "label.expected.linear": ("线性路径", "linear path"),
    "label.nothing_to_work": (
        "需要基线和至少一个实际值才能计算。",
        "A baseline and at least one actual are needed to compute anything.",
    ),
    "col.pace": ("R", "R"),
    "col.pace_cagr": ("R 复合", "R compound"),
    "col.milestone": ("阶段目标", "Milestone"),
    "note.disagree": (
        "≠ {number} {name}：两种方法结论不同（线性 {linear}，复合 {cagr}）",
        "≠ {number} {name}: the methods disagree (linear {linear}, compound {cagr})",
    ),
    "step.progress": ("进度 P", "Progress P"),
    "step.time_elapsed": ("时间进度 τ", "Time elapsed τ"),
    "step.pace": ("进度比 R", "Pace R"),
    "step.status": ("状态", "Status"),
    "step.gap": ("差距", "Gap"),
    "step.required_per_year": ("每年尚需", "Required per year"),
    "step.cagr_observed": ("实际年均增长率", "Observed CAGR"),
    "step.cagr_required": ("所需年均增长率", "Required CAGR"),
    "step.pace_cagr": ("复合进度比", "Compound pace"),
    "step.observed_per_year": ("实际年均变化", "Observed change per year"),
    "step.projection_linear": ("预计（线性）", "Projection (linear)"),
    "step.projection_cagr": ("预计（复合）", "Projection (compound)"),
    "step.acceleration_factor": ("加速倍数", "Acceleration factor"),
    "schema.written": ("已写入 {path}", "Wrote {path}"),
    "report.written": ("已写入 {format} 报告：{path}", "Wrote the {format} report to {path}"),
    "report.title": ("{title}实施进展报告", "{title}: progress report"),
    "report.as_of": ("数据截至 {year} 年。", "Data as of {year}."),
    "report.all_data": ("包含全部已记录的实际值。", "All recorded actuals are counted."),
    "report.all_data_to": (
        "包含全部已记录的实际值，数据截至 {year} 年。",
        "All recorded actuals are counted: data as of {year}.",
    ),
    "report.issuer": ("发布单位：{issuer}", "Issued by {issuer}"),
    "report.summary": ("概况", "Summary"),
    "report.overview": ("指标一览", "Indicators at a glance"),
    "report.by_area": ("按领域", "By area"),
    "report.area_serves": (
        "本领域各项行动服务的指标：",
        "Indicators served by this area's actions:",
    ),
    "report.area_none": ("本领域的行动未关联指标。", "This area's actions serve no indicator."),
    "report.indicators": ("指标详情", "Indicators in detail"),
    "report.actions": ("行动进展", "Actions"),
    "report.method": ("方法", "Method"),
    "report.method_text": (
        "状态按线性方法判定：进度 P 为基线到目标距离中已完成的比例，时间进度 τ 为已过去的计划时间比例，"
        "进度比 R = P/τ；R ≥ {on_track} 为符合预期，{needs} ≤ R < {on_track} 为需加快，"
        "{lagging} ≤ R < {needs} 为进度滞后，R < {lagging} 为逆向变化。复合增长方法按年均增长率计算"
        "第二个进度比，两种方法结论不同时予以标注。",
        "Statuses follow the linear method: progress P is the share of the baseline-to-target "
        "distance covered, time elapsed τ the share of the plan's time passed, and pace R = P/τ; "
        "R ≥ {on_track} is on track, {needs} ≤ R < {on_track} needs acceleration, "
        "{lagging} ≤ R < {needs} lagging, and R < {lagging} regressing. The compound-growth "
        "method gives a second pace from yearly growth rates; where the two methods disagree, "
        "the report says so.",
    ),
    "report.status_count": ("{status}：{n} 项", "{status}: {n}"),
    "report.no_latest": ("尚无实际值。", "No actual recorded yet."),
    "report.assessment": ("评估", "Assessment"),
    "report.linked": ("相关行动", "Linked actions"),
    "report.projection": (
        "{year} 年预计：线性 {linear}，复合 {cagr}",
        "Projected for {year}: {linear} linear, {cagr} compound",
    ),
    "report.pace_line": (
        "进度比 R = {pace}；复合进度比 = {pace_cagr}（{status_cagr}）",
        "Pace R = {pace}; compound pace = {pace_cagr} ({status_cagr})",
    ),
    "report.progress_line": (
        "进度 P = {progress}，时间进度 τ = {time}",
        "Progress P = {progress}, time elapsed τ = {time}",
    ),
    "report.gap_line": (
        "差距 {gap}，每年尚需 {required}",
        "Gap {gap}, required per year {required}",
    ),
    "report.generated": ("由 ipplan {version} 生成。", "Made with ipplan {version}."),
    "report.latest_update": ("最近进展", "Latest update"),
    "col.count": ("指标数", "Indicators"),
    "col.status_cagr": ("复合状态", "Compound status"),
    "col.gap": ("差距", "Gap"),
    "col.required": ("每年尚需", "Required per year"),
    "col.projection": ("预计 {year}", "Projected {year}"),
    "col.factor": ("加速倍数", "Acceleration"),
    "col.area": ("领域", "Area"),
    "col.name_en": ("英文名称", "Name"),
    "col.direction": ("方向", "Direction"),
    "col.actual_year": ("实际 {year}", "Actual {year}"),
    "col.path_year": ("计划 {year}", "Path {year}"),
    "col.expected": ("按计划应达", "Expected"),
    "sheet.indicators": ("指标", "Indicators"),
    "sheet.actions": ("行动", "Actions"),
    "summary": ("{count} 项指标：{parts}", "{count} indicators: {parts}"),
    "summary.part": ("{label} {n}", "{label} {n}"),
    "tasks.count": ("共 {count}", "{count}"),
    "tasks.none": ("没有符合条件的行动。", "No action matches."),
    # outcomes
    "recorded": (
        "已记录：{name} {year} 年 = {value} {unit}",
        "Recorded: {name} {year} = {value} {unit}",
    ),
    "unchanged": (
        "{name} {year} 年已记录为 {value} {unit}，未作改动。",
        "{name} already has {value} {unit} for {year}; nothing changed.",
    ),
    "replaced": ("（原值 {old}，已保留在历史中）", " (was {old}; kept in its history)"),
    "task.updated": ("已记录行动 {id} 的进展。", "Recorded an update to action {id}."),
    "task.unchanged": (
        "行动 {id} 没有变化，未写入任何内容。",
        "Action {id} is unchanged; nothing written.",
    ),
    "init.done": (
        "已将计划复制到 {path}。在此目录及其下的任何目录中运行 ipplan，都会用到它。",
        "Copied the plan to {path}. ipplan run here, or in any directory below, uses it.",
    ),
    "init.done.elsewhere": (
        "已将计划复制到 {path}。请用 --data {path} 指明它，或在 {path} 中运行 ipplan。",
        "Copied the plan to {path}. Name it with --data {path}, or run ipplan inside {path}.",
    ),
    "validate.ok": (
        "数据有效：{indicators} 项指标，{actions}，{actuals} 个实际值，{updates} 条行动进展（{path}）",
        "Valid: {indicators} indicators, {actions}, {actuals} actuals, "
        "{updates} action updates ({path})",
    ),
    "validate.failed": ("发现 {count} 个问题。", "{count} problems found."),
    # finding the plan and workspaces (i13-many)
    "notice.bundled": (
        "注意：此处及上级目录中没有计划，显示的是随 ipplan 安装的计划（只读）；可用 --data DIR 指定。",
        "note: no plan here or above; showing the plan bundled with ipplan (read-only). "
        "Name one with --data DIR.",
    ),
    "notice.git-unchecked": (
        "注意：{path} 在 git 工作区中，但 git 无法说明是否有未完成的合并（{why}），未检查合并状态。",
        "note: {path} is in a git work tree but git could not say whether a merge is "
        "unfinished ({why}); the merge state was not checked.",
    ),
    "git-unchecked.no-git": ("找不到 git 命令", "git is not installed or not on PATH"),
    "git-unchecked.timeout": ("git 未在限定时间内回答", "git did not answer in time"),
    "git-unchecked.refused": (
        "git 拒绝读取此仓库：{detail}",
        "git refused the repository: {detail}",
    ),
    "col.plan": ("计划", "Plan"),
    "col.title": ("名称", "Title"),
    "col.period": ("期间", "Period"),
    "col.statuses": ("指标状态", "Indicators"),
    "col.latest_year": ("数据至", "Latest"),
    "col.rollup": ("合计不符", "Sum diffs"),
    "col.members_sum": ("成员合计", "Members' sum"),
    "col.coverage": ("覆盖", "Coverage"),
    "col.parent_value": ("本级数值", "Own figure"),
    "col.difference": ("差额", "Difference"),
    "col.check": ("核对", "Check"),
    "check.agrees": ("一致", "agrees"),
    "check.differs": ("超出容差", "beyond tolerance"),
    "check.incomplete": ("未报齐", "incomplete"),
    "check.no_parent": ("本级无数据", "no own figure"),
    "check.no_data": ("暂无数据", "no data"),
    "overview.title": ("{path} 中的计划", "Plans in {path}"),
    "overview.count": (
        "共 {count} 个计划；逾期工作为截至 {day} 逾期的工作计划节点数",
        "{count} plans; overdue work counts the work-plan milestones overdue on {day}",
    ),
    "col.overdue_work": ("逾期工作", "Overdue"),
    "col.overdue_figures": ("逾期数据", "Overdue figures"),
    "site.roadmap": ("路线图", "Roadmap"),
    "overview.difference": (
        "{plan} {key} {year} 年：成员合计 {total}，本级数值 {parent}，差额 {difference}，"
        "超出容差 {tolerance}",
        "{plan} {key} {year}: members' sum {total}, own figure {parent}, difference "
        "{difference}, beyond the tolerance of {tolerance}",
    ),
    "members.title": (
        "成员计划汇总至 {plan} 的 {key}（逐年相加）",
        "Member plans rolled up into {plan}'s {key} (summed year by year)",
    ),
    "members.missing": ("（缺 {plans}）", " (missing: {plans})"),
    "members.rule": (
        "差额 = 成员合计 − 本级数值；各成员报齐且差额超过本级数值的 {tolerance} 时标为超出容差。"
        "未报告的成员不计为零，也不估算。单位：{unit}。",
        "difference = members' sum − own figure; flagged when every member reported and it "
        "exceeds {tolerance} of the own figure. A member that has not reported is never counted "
        "as zero or estimated. Unit: {unit}.",
    ),
    "hint.known_plans": ("工作区中的计划：{choices}", "its plans: {choices}"),
    "validate.workspace_ok": (
        "工作区有效：{plans} 个计划，{indicators} 项指标，{actuals} 个实际值（{path}）",
        "valid workspace: {plans} plans, {indicators} indicators, {actuals} actuals ({path})",
    ),
    "unknown-plan": (
        "工作区 {file} 中没有名为 {name} 的计划{hint}。",
        "the workspace {file} has no plan called {name}{hint}",
    ),
    "no-workspace": (
        "--plan {name}：从 {start} 向上查找到 {top}，没有找到工作区文件 ipplan.yaml。"
        "请在工作区内运行，或用 --data DIR 指定计划。",
        "--plan {name}: no workspace file ipplan.yaml found from {start} up to {top}; run "
        "ipplan inside the workspace, or name the plan's directory with --data DIR",
    ),
    "choose-plan": (
        "工作区 {file} 有多个计划（{names}），此处不在任何一个计划的目录中；"
        "请用 --plan NAME（或 IPPLAN_PLAN=NAME）选择一个。",
        "the workspace {file} holds several plans ({names}) and this directory is in none of "
        "them; choose one with --plan NAME (or IPPLAN_PLAN=NAME)",
    ),
    "no-members": (
        "没有计划汇总至 {plan} 的 {key}：成员计划的指标可用 rolls_up_to 指向它。",
        "no plan rolls up into {plan}'s {key}; a member plan's indicator points at it with "
        "rolls_up_to",
    ),
    "members-need-workspace": (
        "--members 需要工作区（ipplan.yaml）：从 {start} 向上没有找到。",
        "--members needs a workspace (ipplan.yaml); none found from {start} upwards",
    ),
    # the published site (i13-many)
    "site.title": ("规划实施进展", "Progress of the plans"),
    "site.home": ("首页", "Home"),
    "site.other_lang": ("English", "中文"),
    "site.parent": ("上级计划：", "Parent plan: "),
    "site.working": ("计算过程", "The working, step by step"),
    "site.members": ("成员计划汇总", "Member plans rolled up"),
    "site.rollup_flags": ("成员合计与本级数值不符", "Where the members' sum disagrees"),
    "site.rollup_flag": (
        "{year} 年：成员合计 {total}，本级数值 {parent}，差额 {difference}",
        "{year}: members' sum {total}, own figure {parent}, difference {difference}",
    ),
    "report.rollup_flag": (
        "{key} {year} 年：成员合计 {total}，本级数值 {parent}，差额 {difference}，超出容差 {tolerance}",
        "{key} {year}: members' sum {total}, own figure {parent}, difference {difference}, "
        "beyond the tolerance of {tolerance}",
    ),
    "site.data": ("本指标数据下载", "This indicator's data"),
    "site.plan_data": ("本计划数据下载", "This plan's data"),
    "site.all_data": ("全部数据下载", "All the data"),
    "site.written": (
        "已生成网站：{pages} 个页面，{downloads} 个下载文件；首页 {path}",
        "Wrote the site: {pages} pages and {downloads} downloads; start at {path}",
    ),
    "site.replaced": (
        "已替换原有网站：{pages} 个页面，{downloads} 个下载文件；首页 {path}",
        "Replaced the earlier site: {pages} pages and {downloads} downloads; start at {path}",
    ),
    "site-target-not-empty": (
        "{path} 已存在，既不是空目录，也不是 ipplan 生成的网站（没有 .ipplan-site.json），"
        "也不是只含隐藏文件和 CNAME 的发布目录；未写入任何内容。请指定新的或空的目录。",
        "{path} already exists and is neither an empty directory, nor a site written by ipplan "
        "(it has no .ipplan-site.json), nor a directory holding only hidden files and a CNAME; "
        "nothing written. Choose a new or empty directory.",
    ),
    "site-inside-plan": (
        "{path} 在计划的数据目录 {plan} 之内；网站不写进任何计划的目录，未写入任何内容。"
        "请选择所有计划目录之外的目录，如与它们并列的 public。",
        "{path} is inside the data directory {plan} of a plan; a site is never written into a "
        "plan's directory, and nothing was written. Choose a directory outside every plan's, "
        "such as public beside them",
    ),
    "site-holds-plan": (
        "{path} 包含 {plan}；网站只写在不含任何计划或工作区文件的目录里，未写入任何内容。"
        "请选择另一个目录，如 public。",
        "{path} holds {plan}; a site is written only into a directory that holds no plan and "
        "no workspace file, and nothing was written. Choose another directory, such as public",
    ),
    "site-file-in-the-way": (
        "{path} 不是 ipplan 生成的（不在 {manifest} 中），而网站要在此处写入；未写入任何内容。"
        "请移走它，或换一个目录。",
        "{path} stands where the site writes and was not written by ipplan (it is not in "
        "{manifest}); nothing was written. Move it away, or choose another directory",
    ),
    "site-manifest-broken": (
        "{path} 不是 ipplan 写下的网站文件清单（无法读取，或格式不对），无法判断哪些文件属于网站；"
        "未写入任何内容。请从 git 恢复它；如果目录中已没有 ipplan 的网站，请删除它。",
        "{path} is not a list of the files ipplan wrote (it cannot be read, or is not in its "
        "form), so which files are the site's is unknown; nothing was written. Restore it from "
        "git, or remove it if the directory no longer holds a site ipplan wrote",
    ),
    "site-manifest-entry": (
        "{path} 列出的 {entry} 不是网站会写的文件（隐藏文件、CNAME，或 index.html、plans/、data/、"
        "en/、zh/ 之外的路径），清单可能被人改过；未删除、未写入任何内容。请从 git 恢复清单，"
        "或删除它后重新生成网站。",
        "{path} lists {entry}, which is not a file a site writes (a hidden file, a CNAME, or a "
        "path outside index.html, plans/, data/, en/ and zh/), so the manifest may have been "
        "edited; nothing was removed or written. Restore it from git, or remove it and build "
        "the site again",
    ),
    "site-partly-replaced": (
        "网站 {path} 只替换了一部分（{detail}）；其清单 {manifest} 列出了已写入的每个文件，"
        "问题解决后再次运行 ipplan site 即可完成替换。",
        "the site in {path} was only partly replaced ({detail}); its manifest {manifest} lists "
        "every file written, so once that is fixed, running ipplan site again finishes it",
    ),
    "p.duplicate-plan-name": (
        "计划名 {value} 重复（首次出现在第 {first} 行）",
        "plan name {value} is used twice (first on line {first})",
    ),
    "p.duplicate-plan-directory": (
        "目录 {value} 已是另一个计划的目录（第 {first} 行）",
        "directory {value} is already another plan's (line {first})",
    ),
    "p.unknown-parent": ("上级计划 {value} 不存在{hint}", "unknown parent plan {value}{hint}"),
    "p.parent-cycle": ("上级计划形成循环：{value}", "parent plans form a cycle: {value}"),
    "p.directory-outside-workspace": (
        "目录 {value} 须是工作区内的相对路径",
        "directory {value} must be a relative path inside the workspace",
    ),
    # directory-outside-workspace, where the path is inside but a symbolic link leads out
    "directory-outside-workspace.link": (
        "目录 {value} 经由符号链接指向工作区之外的 {target}；计划的目录须在工作区内",
        "directory {value} leads through a symbolic link to {target}, outside the workspace; "
        "a plan's directory must be inside it",
    ),
    "p.plan-directory-missing": (
        "计划 {name} 的目录 {value} 中没有 indicators.yaml（也没有 data/indicators.yaml）",
        "plan {name}: directory {value} holds no indicators.yaml (nor data/indicators.yaml)",
    ),
    "p.too-many-plans": (
        "计划过多（上限 {limit} 个）",
        "too many plans (at most {limit})",
    ),
    "p.unknown-rollup-plan": (
        "rolls_up_to 指向的计划 {value} 不在工作区中{hint}",
        "rolls_up_to names plan {value}, which is not in the workspace{hint}",
    ),
    "p.unknown-rollup-indicator": (
        "rolls_up_to 指向的指标 {value} 不在计划 {plan} 中{hint}",
        "rolls_up_to names indicator {value}, which plan {plan} does not have{hint}",
    ),
    "p.rollup-unit-mismatch": (
        "单位 {unit} 与汇总目标 {plan}.{key} 的单位 {expected} 不同，无法相加",
        "unit {unit} differs from {expected}, the unit of {plan}.{key}, so they cannot be summed",
    ),
    "p.rollup-to-own-plan": (
        "rolls_up_to 指向本计划 {value}；只能汇总至工作区中的另一个计划",
        "rolls_up_to names this plan's own name {value}; it must name another plan of the "
        "workspace",
    ),
    "p.invalid-rollup-tolerance": (
        "rollup_tolerance 须不小于 0（0.02 即本级数值的 2%），而不是 {value}",
        "rollup_tolerance must be 0 or more (0.02 is 2 % of the own figure), not {value}",
    ),
    "plan-not-found": (
        "未找到计划：已从 {start} 向上查找到 {top}，没有 indicators.yaml 或 data/indicators.yaml，"
        "也未设置 IPPLAN_DATA。请进入计划所在目录，或用 --data DIR（或 IPPLAN_DATA=DIR）指定；"
        "新建计划用 `ipplan init DIR`。",
        "no plan found: looked from {start} up to {top} for indicators.yaml or "
        "data/indicators.yaml, and IPPLAN_DATA is not set. Run ipplan inside the plan's "
        "directory, or name it with --data DIR (or IPPLAN_DATA=DIR); `ipplan init DIR` starts one.",
    ),
    "unsafe.plan": ("位于 {path} 的计划", "the plan in {path}"),
    "unsafe.workspace": ("工作区 {path}", "the workspace {path}"),
    "unsafe-owner": (
        "不使用{what}：{path} 属于用户 {owner}，不属于您（{user}），可能是任何人放在那里的。"
        "请用 --data DIR 或 IPPLAN_DATA=DIR 指定您的计划；如果信任它，请把 {directory} "
        "加入 IPPLAN_SAFE_DIRECTORIES。",
        "not using {what}: {path} belongs to user {owner}, not to you ({user}), so it may be "
        "anyone's. Name your plan with --data DIR or IPPLAN_DATA=DIR; if you trust this one, "
        "add {directory} to IPPLAN_SAFE_DIRECTORIES",
    ),
    "unsafe-shared-directory": (
        "不使用{what}：它在任何人都可写入的目录 {shared}（{mode}，所有者 {owner}）中，"
        "谁都可能把它放在那里。请用 --data DIR 或 IPPLAN_DATA=DIR 指定您的计划；"
        "如果信任它，请把 {directory} 加入 IPPLAN_SAFE_DIRECTORIES。",
        "not using {what}: it was found in {shared}, a directory anyone may write to ({mode}, "
        "owner {owner}), so anyone could have left it there. Name your plan with --data DIR or "
        "IPPLAN_DATA=DIR; if you trust this one, add {directory} to IPPLAN_SAFE_DIRECTORIES",
    ),
    "unsafe-above-shared-directory": (
        "不使用{what}：它在 {directory}，是越过任何人都可写入的目录 {shared}（{mode}，所有者 "
        "{owner}）向上查找时找到的，不是您所在项目的。请用 --data DIR 或 IPPLAN_DATA=DIR "
        "指定您的计划；如果信任它，请把 {directory} 加入 IPPLAN_SAFE_DIRECTORIES。",
        "not using {what}: it was found in {directory}, above {shared}, a directory anyone may "
        "write to ({mode}, owner {owner}), so it is not of the project you are in. Name your "
        "plan with --data DIR or IPPLAN_DATA=DIR; if you trust this one, add {directory} to "
        "IPPLAN_SAFE_DIRECTORIES",
    ),
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
        "数据文件有 {count} 个问题（见上）；修正后再试，可用 `ipplan validate` 检查。",
        "the data files have {count} problems (above); fix them and try again "
        "(`ipplan validate` checks)",
    ),
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
    "baseline-year": (
        "{year} 年是基线年，其数值由计划确定（见 indicators.yaml），不能作为实际值记录。",
        "{year} is the baseline year: the plan fixes its value (in indicators.yaml), "
        "so it is not recorded as an actual",
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
    "invalid-date": (
        "“{value}”不是有效日期；请写如 2025-12-31、2025年12月31日 或 2025/12/31。",
        "'{value}' is not a date; write one such as 2025-12-31 (or 2025年12月31日, 2025/12/31)",
    ),
    "target-exists": (
        "{path} 已存在，为避免覆盖未做任何改动。请选择一个新目录。",
        "{path} already exists and is left untouched; choose a new directory",
    ),
    "import-refused": (
        "{path} 有 {count} 个问题（见上），未导入任何数据；修正后再试。",
        "{path} has {count} problems (above) and nothing was imported; fix them and run again",
    ),
    "import-file-not-found": ("文件 {path} 不存在。", "there is no file {path}"),
    "import-unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "import-too-large": ("文件过大（上限 {limit}）", "the file is too large (limit {limit})"),
    "import-csv-syntax": ("CSV 格式错误：{detail}", "not valid CSV: {detail}"),
    "import-empty": (
        "文件为空，需要表头行，如 key,year,value 或 指标,年份,数值。",
        "the file is empty; it needs a header row, such as key,year,value or 指标,年份,数值",
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
    "value-too-large": (
        "“{value}”大得不合理（上限 {limit}）；请检查是否多打了数字。",
        "'{value}' is implausibly large (limit {limit}); check for extra digits",
    ),
    "implausible-change": (
        "{key}的 {year} 年值 {value} 与 {other_year} 年的 {other} 相比变化 {change}，"
        "不在可接受的范围 {lowest}–{highest} 内（{other_year} 年的 {other} 与按计划路径 {year} 年"
        "应达的 {path}，各放宽 ±{limit}），可能是输入错误（多打或少打了一位？）。"
        "如确认无误，请加 --force 重新运行。",
        "{key}: {value} for {year} is {change} against {other} for {other_year}, outside the "
        "accepted range {lowest}-{highest} ({other} for {other_year} and the plan's path, "
        "{path} by {year}, each ±{limit}); is a digit missing or extra? If the value is right, "
        "run again with --force",
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
    "undo.done": ("已撤销", "Reverted"),
    "undo.would": ("将撤销", "Would revert"),
    "undo.value": (
        "{verb} {when} 录入的 {name} {year} 年值 {value} {unit}，恢复为此前的 {previous} {unit}。",
        "{verb} {name} {year}: {value} {unit}, recorded {when}; the earlier {previous} {unit} "
        "is back.",
    ),
    "undo.value_removed": (
        "{verb} {when} 录入的 {name} {year} 年值 {value} {unit}；该年不再有记录值。",
        "{verb} {name} {year}: {value} {unit}, recorded {when}; {year} has no value now.",
    ),
    "undo.action": (
        "{verb} {when} 对行动 {id} 的更新：{parts}。",
        "{verb} the update to action {id} recorded {when}: {parts}.",
    ),
    "undo.dry_run": ("（试运行：未做任何改动）", "(dry run: nothing was changed)"),
    # --- work plans (workplan, roadmap, item, due, validate --strict) ---
    "wp.not_started": ("未开始", "not started"),
    "wp.in_progress": ("推进中", "in progress"),
    "wp.overdue": ("逾期", "overdue"),
    "wp.done": ("已完成", "done"),
    "wp.cancelled": ("已取消", "cancelled"),
    "wp.pending": ("未到期", "pending"),
    "wp.title": ("{year} 年工作计划：{title}", "Work plan {year}: {title}"),
    "wp.issued": ("{issuer}，{issued} 印发", "issued by {issuer}, {issued}"),
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
    "workplan-exists": (
        "{path} 已存在，为避免覆盖未做任何改动。如确需用表格替换 {year} 年的工作计划，请加 --force（原文件可从 git 找回）。",
        "{path} exists and was left as it is; to replace the {year} work plan with the table, "
        "add --force (git keeps the old file)",
    ),
    "p.missing-actions": (
        "此行的工作项缺少“对应行动”：请填写计划中的行动编号，如 talent-training",
        "this row's item has no 对应行动 (actions): write the plan's action ids, such as "
        "talent-training",
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
    "p.row-without-measure": (
        "此行没有“工作措施”，上面也没有可以接续的工作项",
        "this row has no 工作措施 (measure), and there is no item above it to continue",
    ),
    "p.missing-column": ("表头缺少列 {missing}", "the header row lacks the column {missing}"),
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
        "“{period}”不在 {year}–{last} 年内",
        "'{period}' is outside {year}-{last}",
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
    "p.overdue-milestone": (
        "{item} 的第 {number} 个节点（{period}，{end} 到期）已逾期",
        "milestone {number} of {item} ({period}, ended {end}) is overdue",
    ),
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
    "invalid-plan-years": (
        "“{value}”不是计划的年份范围；请写首年和末年，如 2026-2030（{low}–{high} 之间）。",
        "'{value}' is not a span of plan years; write the first and the last year, such as "
        "2026-2030 (within {low}-{high})",
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
    "import-workbook": (
        "ipplan import 只读取 CSV 文件，此文件是工作簿；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入。",
        "ipplan import reads CSV, and this file is a workbook: save the sheet from Excel as "
        "'CSV UTF-8 (Comma delimited)' and import that",
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
        "无法从文件名 {path} 判断报告格式；请用 .md、.html、.csv、.json 或 .xlsx 结尾，"
        "或加 --format（可选：{formats}）。",
        "the name {path} does not say which report format to write; end it in .md, .html, "
        ".csv, .json or .xlsx, or add --format (one of {formats})",
    ),
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
    # --- the public record and the plan's end: official figures, overdue figures, final
    # evaluation (docs/methodology.md, "When a yearly figure is due")
    "p.official-baseline-year-mismatch": (
        "{key} 的官方基线数据年份为 {year}，应为计划基线年 {expected}",
        "{key} has an official baseline figure for {year}; the plan's baseline year is {expected}",
    ),
    "p.greater-than-equal": (
        "{field} 须不小于 {bound}（现为 {got}）",
        "{field} must be at least {bound} (it is {got})",
    ),
    "p.less-than-equal": (
        "{field} 须不大于 {bound}（现为 {got}）",
        "{field} must be at most {bound} (it is {got})",
    ),
    "record.official_label": ("官方数据", "Official figure"),
    "record.official": (
        "{point}；进度仍从计划基线起算",
        "{point}; progress is still measured from the plan's baseline",
    ),
    "record.official_source": ("来源：{source}", "source: {source}"),
    "record.published_after": (
        "每年数据通常在该年结束后{months}个月内公布",
        "each year's figure is normally published within {months} months of the year's end",
    ),
    "record.publication": ("数据公布", "Publication"),
    "record.final_label": ("终期评估", "Final evaluation"),
    "record.section": ("终期评估与逾期数据", "Final evaluation and overdue figures"),
    "record.section_overdue": ("逾期数据", "Overdue figures"),
    "record.overdue_column": (
        "逾期未记录的年度数据（截至{day}；括号内为应公布日期）",
        "Figures overdue on {day} (the day each was due)",
    ),
    "record.overdue_line": (
        "逾期未记录的年度数据：{years}（括号内为应公布日期）",
        "figures overdue and not recorded: {years} (in brackets: the day each was due)",
    ),
    "record.named": ("{name}：{said}", "{name}: {said}"),
    "record.overdue_cell": ("逾期：应于{due}前公布", "overdue (due {due})"),
    "record.overdue_heading": (
        "逾期未记录的年度数据（截至{day}；括号内为应公布日期）：",
        "Yearly figures overdue and not recorded on {day} (in brackets: the day each was due):",
    ),
    "record.overdue_year": ("{year}年（{due}）", "{year} ({due})"),
    "record.final_heading": (
        "终期评估：计划目标年{year}年已结束（截至{day}）。各指标是否实现，以{year}年实际值判定。",
        "Final evaluation: the plan's target year {year} has ended (on {day}). Each indicator is called achieved or missed on its {year} figure.",
    ),
    "record.final_count": (
        "已判定{decided}项，尚待数据{awaited}项。",
        "{decided} decided, {awaited} awaiting their figure.",
    ),
    "record.decided": ("{status}（依据{year}年实际值）", "{status} (on the {year} figure)"),
    "record.awaited": (
        "待{year}年数据，{when}；按已有数据为“{status}”",
        "awaiting the {year} figure, {when}; on the figures so far: {status}",
    ),
    "record.awaited_no_data": ("待{year}年数据，{when}", "awaiting the {year} figure, {when}"),
    "record.when_due": ("通常于{due}前公布", "normally published by {due}"),
    "record.when_overdue": ("应于{due}前公布，已逾期", "due by {due} and overdue"),
    "record.when_unknown": ("公布时间未定", "no publication date known"),
}
CATALOGUE.update(HELP)  # the help of every command and option: see ipplan.text.helptexts


def resolve_lang(lang: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language asked for by --lang, else $IPPLAN_LANG, else Chinese."""
    env = os.environ if environ is None else environ
    return lang_code(lang) or lang_code(env.get(ENV_VAR)) or "zh"


def lang_code(value: str | None) -> str | None:
    """zh or en from what people write for a language (zh, ZH, zh_CN.UTF-8, en-US); else None."""
    chosen = (value or "").strip().lower()[:3].rstrip("_-.")
    return chosen if chosen in LANGS else None


def text(message_id: str, lang: str, /, **params: Any) -> str:
    """The catalogue entry ``message_id`` in ``lang``, formatted with ``params``."""
    zh, en = CATALOGUE[message_id]
    if lang != "en":
        return zh.format(**params) if params else zh
    said = en.format(**params) if params else en
    return _ONE.sub(r"\1", said) if "1 " in said else said


# English counts: "1 problems" is "1 problem"
_ONE = re.compile(
    r"(?<![\d.,])(1 (?:problem|plan|indicator|actual|item|action update|change|value|row|file|"
    r"action|safeguard|milestone|day|year))s\b"
)


def label(value: str, lang: str) -> str:
    """A status, direction or other enumerated value in words; unknown values as they are."""
    return text(value, lang) if value in CATALOGUE else value


def _range(low: float, high: float | None) -> str:
    return f"{_num(low)}–{_num(high)}" if high is not None else f"≥ {_num(low)}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# The area whose actions the plan calls safeguards (三、实施保障), counted apart from the actions.
SAFEGUARDS_AREA = "safeguards"


def actions_count(actions: int, safeguards: int, lang: str) -> str:
    """How many actions and safeguards: "15 项行动、3 项保障", "5 actions", "1 safeguard"."""
    parts = []
    if actions or not safeguards:
        parts.append(text("count.action" if actions == 1 else "count.actions", lang, n=actions))
    if safeguards:
        key = "count.safeguard" if safeguards == 1 else "count.safeguards"
        parts.append(text(key, lang, n=safeguards))
    return joined(parts, lang)


def unit_label(unit: str, lang: str, english: str | None = None) -> str:
    """A unit as ``lang`` writes it: 亿元 is "100 million yuan" in English. ``english`` is the
    plan's own English name for it, else the library's (:mod:`ipplan.units`) is used."""
    if lang != "en":
        return unit
    if english:
        return english
    from ipplan.units import LIBRARY

    known = LIBRARY.get(unit)
    return known.name_en if known is not None else unit


# Ways to write a value that ipplan reads, per unit, shown when a value is not understood.
VALUE_FORMS: dict[str, tuple[str, ...]] = {
    "人": ("31347", "31,347", "3.1万"),
    "家": ("578", "1,200", "1.2万"),
    "%": ("80.5", "80.5%"),
    "‰": ("2.6", "2.6‰"),
    "亿元": ("520", "520.5", "520亿", "1.2万亿"),
}
DEFAULT_FORMS = ("31347", "31,347", "80.5")


def value_forms(unit: str) -> tuple[str, ...]:
    """Ways to write a value in ``unit``: the five's own, else as the library's unit is read."""
    from ipplan.units import LIBRARY

    if unit in VALUE_FORMS:
        return VALUE_FORMS[unit]
    known = LIBRARY.get(unit)
    if known is None:
        return DEFAULT_FORMS
    if known.whole:  # counts read 万 and 亿 (typed.SCALES)
        return ("1200", "1,200", "1.2万", f"1200{unit}")
    return ("80.5", f"80.5{unit}")


def colon(lang: str) -> str:
    """What follows a label: a full-width colon in Chinese, a colon and a space in English."""
    return "：" if lang == "zh" else ": "


def joined(items: Any, lang: str) -> str:
    """Items listed as the language lists them: 甲、乙 in Chinese, a, b in English."""
    return text("list.sep", lang).join(str(item) for item in items)


# A message names at most this many files of a list, then says how many more there are.
FILES_NAMED = 10


def some_of(items: Sequence[Any], lang: str) -> str:
    """The first :data:`FILES_NAMED` items, joined, and how many more; — for none."""
    if not items:
        return "—"
    shown = joined(items[:FILES_NAMED], lang)
    more = len(items) - FILES_NAMED
    return shown + text("list.more", lang, count=more) if more > 0 else shown


def named(item: Any, lang: str) -> str:
    """A thing by its name and key, 国际化高端人才（international_talent）; text as it is."""
    if isinstance(item, Mapping):
        name = item["name_en"] if lang == "en" else item["name"]
        return text("named", lang, name=name, key=item["key"])
    return str(item)


def _hint(params: Mapping[str, Any], lang: str, fallback: str | None = None) -> str:
    hints = params.get("suggest") or []
    if hints:
        return text(
            "hint.did_you_mean", lang, choices=joined((named(h, lang) for h in hints), lang)
        )
    if fallback == "known" and params.get("known"):
        return text(
            "hint.known", lang, choices=joined((named(k, lang) for k in params["known"]), lang)
        )
    if fallback is not None and fallback != "known":
        return text(fallback, lang)
    return ""


def _shared(params: Mapping[str, Any]) -> dict[str, Any]:
    """Message values computed the same way for errors and problems."""
    values = dict(params)
    if "low" in values:
        values["range"] = _range(values["low"], values.get("high"))
    if "change" in values:  # a relative change and its limit, as percentages
        values["change"] = f"{values['change'] * 100:+.0f}%"
        values["limit"] = f"{values['limit'] * 100:.0f}%"
        for name in ("lowest", "highest", "path"):  # the plausible range, as numbers read
            if isinstance(values.get(name), int | float):
                values[name] = number(values[name])
    elif isinstance(values.get("limit"), int) and values["limit"] >= 10**6:
        values["limit"] = f"{values['limit']:,}"
    return values


# What the system and the YAML parser say, in English, told in Chinese: the detail of a problem
# is read by the same people as the rest of the message.
_DETAILS_ZH = {
    "No such file or directory": "文件不存在",
    "Permission denied": "没有权限",
    "Is a directory": "这是一个目录",
    "Not a directory": "不是目录",
    "No space left on device": "磁盘已满",
    "Read-only file system": "文件系统只读",
    "File exists": "文件已存在",
    "Too many levels of symbolic links": "符号链接层数过多",
    "Disk quota exceeded": "超出磁盘配额",
    "mapping values are not allowed here": "此处不能有“键: 值”；常见原因是冒号后缺空格、缩进不齐，或文本中的冒号没有加引号",
    "mapping values are not allowed in this context": "此处不能有“键: 值”；常见原因是冒号后缺空格、缩进不齐，或文本中的冒号没有加引号",
    "could not find expected ':'": "找不到应有的冒号“:”；是否漏了冒号，或多行文本没有加引号？",
    "found unexpected end of stream": "文件意外结束；引号或括号是否没有闭合？",
    "found undefined alias": "使用了未定义的别名（*名称）",
    "found unexpected ':'": "出现了意外的冒号；文本中的冒号请加引号",
    "did not find expected key": "找不到应有的键；缩进是否不齐？",
    "did not find expected node content": "找不到应有的内容；缩进或符号是否有误？",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found '<block sequence start>'": "缩进不一致",
    "expected <block end>, but found '-'": "列表项“-”的缩进与上文不一致",
    "expected <block end>, but found '<scalar>'": "缩进不一致，或文本中的特殊字符没有加引号",
    "found character that cannot start any token": "含有不能作为开头的字符（如 @ 或 `）；请给文本加引号",
    "special characters are not allowed": "含有 YAML 不允许的特殊字符",
}


def _detail(values: dict[str, Any], lang: str) -> None:
    detail = values.get("detail")
    if lang == "zh" and isinstance(detail, str):
        values["detail"] = _DETAILS_ZH.get(detail.strip(), detail)


def _listed(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """Lists of names (the columns a file has, those it lacks) as one phrase of the language."""
    _detail(values, lang)
    for name in ("missing", "has", "columns", "formats"):
        if isinstance(values.get(name), list):
            shown = [str(item) or '""' for item in values[name]] or ["—"]
            values[name] = (", " if lang == "en" else "、").join(shown)
    return values


def error_message(message_id: str, params: Mapping[str, Any], lang: str) -> str:
    """The message of a domain error."""
    values = _listed(_shared(params), lang)
    if message_id == "lock-not-a-file":
        values["kind"] = text(f"lockkind.{params.get('kind')}", lang)
    if message_id in ("lock-lost-midway", "write-stopped-midway"):
        written, pending = list(params.get("written", ())), list(params.get("pending", ()))
        values.update(done=len(written), total=len(written) + len(pending))
        values.update(written=some_of(written, lang), pending=some_of(pending, lang))
        then = params.get("then")
        values["then"] = text(f"midway.{then}", lang) if then else ""
    if message_id == "import-not-a-regular-file" and f"filekind.{params.get('kind')}" in CATALOGUE:
        values["kind"] = text(f"filekind.{params.get('kind')}", lang)
    if message_id == "site-manifest-broken" and params.get("entry"):
        message_id = "site-manifest-entry"
    if message_id == "unsafe-shared-directory" and params.get("above"):
        message_id = "unsafe-above-shared-directory"
    if message_id in ("unsafe-owner", "unsafe-shared-directory", "unsafe-above-shared-directory"):
        values["what"] = text(f"unsafe.{params.get('kind')}", lang, path=values.get("found"))
    if message_id in ("number-precision", "number-too-large"):
        prefix = "typed." if params.get("typed") else ""
        kept = str(params.get("kept"))
        kept = kept.removesuffix(".0")  # 36000.0 is meant as 36000
        return text(f"{prefix}{message_id}", lang, text=values.get("text"), kept=kept)
    if message_id in ("number-form", "number-base") and params.get("typed"):
        # typed on the command line or in a CSV cell: no talk of YAML, only what to write
        reading = params.get("yaml12")
        if not isinstance(reading, int | float):  # 1:20 is no number one would mean
            return text("typed.not-decimal", lang, text=values.get("text"))
        return text(f"typed.{message_id}", lang, text=values.get("text"), plain=_num(reading))
    if message_id in ("number-form", "number-base"):
        for version in ("yaml11", "yaml12"):  # a number, or None for text
            reading = values.get(version)
            values[version] = text("number.text", lang) if reading is None else _num(reading)
    if "name" in params and "name_en" in params:
        # a sentence names the indicator; keys are for tables, JSON and commands
        values["key"] = params["name_en"] if lang == "en" else params["name"]
    if isinstance(params.get("unit"), str):
        values["unit"] = unit_label(params["unit"], lang)
    if (
        message_id in ("unknown-indicator", "unknown-action")
        and not str(params.get("ref", "")).strip()
    ):
        what = "indicator" if message_id == "unknown-indicator" else "action"
        values["ref"] = text(f"empty.{what}", lang)
    if message_id == "unknown-indicator":
        values["hint"] = _hint(params, lang, "known")
    elif message_id == "unknown-action":
        values["hint"] = _hint(params, lang, "hint.actions")
    elif message_id == "unknown-item":
        values["hint"] = _hint(params, lang, "hint.items")
    elif message_id == "unknown-unit":
        known = params.get("known") or []
        values["hint"] = (
            _hint(params, lang)
            if params.get("suggest")
            else text("hint.units", lang, choices="、".join(known[:12]))
            if known
            else ""
        )
    elif message_id == "item-closed":
        values["state"] = text(f"wp.{params['state']}", lang)
    elif message_id == "unknown-workplan":
        values["known"] = ", ".join(str(y) for y in params.get("known", [])) or "—"
    elif message_id == "output-not-a-file":
        values["kind"] = text(f"kind.{params.get('kind', 'other')}", lang)
    elif message_id == "unknown-area":
        values["choices"] = joined((named(k, lang) for k in params.get("known", [])), lang)
    elif message_id == "unknown-plan":
        hint = _hint(params, lang) or text(
            "hint.known_plans", lang, choices=", ".join(params.get("known", []))
        )
        values["hint"] = f"（{hint}）" if hint and lang != "en" else f" ({hint})" if hint else ""
    elif message_id == "unknown-reference":
        hint = _hint(params, lang)
        values["hint"] = f"（{hint}）" if hint and lang != "en" else f" ({hint})" if hint else ""
    elif message_id in ("ambiguous-indicator", "ambiguous-action", "ambiguous-area"):
        values["choices"] = joined((named(c, lang) for c in params["candidates"]), lang)
    elif message_id == "not-a-number":
        forms = value_forms(params.get("unit") or "")
        values["forms"] = joined(forms, lang)
        message_id = f"not-a-number.{params.get('reason') or 'format'}"
    return text(message_id, lang, **values)


# The rule behind each id pattern of the models, for the invalid-id message.
ID_RULES = {
    r"^[a-z][a-z0-9_]*$": "idrule.key",
    r"^[a-z][a-z0-9-]*$": "idrule.slug",
    r"^[a-z][a-z0-9_-]*$": "idrule.item",
}


def problem_message(code: str, params: Mapping[str, Any], lang: str) -> str:
    """The message of a validation problem."""
    values = _listed(_shared(params), lang)
    if code == "ambiguous-name":
        values["why"] = text(f"why.{params.get('reason')}", lang, other=params.get("other"))
    if code == "unmerged":
        values["how"] = text(f"unmerged.{params.get('how')}", lang)
    if code == "invalid-id":
        pattern = str(params.get("pattern", ""))
        values["rule"] = text(ID_RULES.get(pattern, "idrule.pattern"), lang, pattern=pattern)
    if "name" in params and "name_en" in params:
        values["key"] = params["name_en"] if lang == "en" else params["name"]
    if "expected" in values and f"expected.{values['expected']}" in CATALOGUE:
        values["expected"] = text(f"expected.{values['expected']}", lang)
    if code in (
        "unknown-indicator",
        "unknown-action",
        "unknown-item",
        "unknown-unit",
        "unknown-field",
        "unknown-parent",
        "unknown-rollup-plan",
        "unknown-rollup-indicator",
    ):
        hint = _hint(params, lang)
        values["hint"] = (f"（{hint}）" if lang == "zh" else f" ({hint})") if hint else ""
    if isinstance(values.get("kind"), str) and f"filekind.{values['kind']}" in CATALOGUE:
        values["kind"] = text(f"filekind.{values['kind']}", lang)
    if "known" in values and isinstance(values["known"], list):
        values["known"] = joined((named(k, lang) for k in values["known"]), lang)
    key = f"p.{code}"
    if code == "directory-outside-workspace" and "target" in params:
        key = "directory-outside-workspace.link"
    if code == "control-character" and "field" in params:
        return error_message(code, params, lang)  # typed text (an import's cell), not a file
    if key not in CATALOGUE and code in CATALOGUE:
        return error_message(code, params, lang)  # a domain error found at a line of a file
    if key not in CATALOGUE:
        key = "p.fallback"
    try:
        return text(key, lang, **values)
    except KeyError:
        return str(values.get("detail", code))
