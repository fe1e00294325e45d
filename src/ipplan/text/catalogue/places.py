"""Finding the plan and its workspace: discovery, safe directories, members."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
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
    "col.share": ("占本级比重", "Share"),
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
    "members.years_left_out": (
        "终端宽度不足，未列出 {years} 年；--json 给出全部年份。",
        "Years {years} are left out: the terminal is too narrow; --json gives every year.",
    ),
    "members.missing": ("（缺 {plans}）", " (missing: {plans})"),
    "members.missing_count": ("（缺 {count} 个成员）", " ({count} members missing)"),
    "members.missing_count_named": (
        "（缺 {count} 个成员，含 {plans}）",
        " ({count} members missing, {plans} among them)",
    ),
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
    "parent-needs-workspace": (
        "--parent {name} 需要工作区（ipplan.yaml）：从 {start} 向上没有找到；未创建任何文件。"
        "请在工作区内运行。",
        "--parent {name} needs a workspace (ipplan.yaml); none found from {start} upwards, and "
        "nothing was created; run ipplan inside the workspace",
    ),
    "new-plan-outside-workspace": (
        "{path} 不在工作区 {root} 之内，无法加入；未创建任何文件。请选择工作区内的新目录。",
        "{path} is not inside the workspace {root}, so it cannot join it; nothing was created. "
        "Choose a new directory inside the workspace",
    ),
    "invalid-plan-name": (
        "{value} 不能作为计划名（须以小写字母开头，只含小写字母、数字、- 和 _，至多 64 个字符）；"
        "未创建任何文件。请用 --name NAME 指定。",
        "{value} cannot be a plan's name (a lower-case letter first, then lower-case letters, "
        "digits, - and _, at most 64 characters); nothing was created. Give one with --name NAME",
    ),
    "new-plan-name-taken": (
        "工作区 {file} 已有名为 {name} 的计划；未创建任何文件。请用 --name NAME 另选一个名称。",
        "the workspace {file} already has a plan called {name}; nothing was created. Choose "
        "another with --name NAME",
    ),
    "parent-lists-members": (
        "{parent} 在 {file} 中列出了应有的成员（members），其中没有 {name}；未创建任何文件。"
        "请先把 {name} 加入 {parent} 的 members。",
        "{parent} lists the members it expects (members) in {file}, and {name} is not among "
        "them; nothing was created. Add {name} to {parent}'s members first",
    ),
    "workspace-list-inline": (
        "{file} 把计划写在一行（plans: [...]）中，无法加入新计划；未创建任何文件。"
        "请把每个计划写成单独的一项（- name: ...）后再试。",
        "{file} lists its plans on one line (plans: [...]), where no plan can be added; "
        "nothing was created. Write each plan as an item of its own (- name: ...) and try again",
    ),
    "workspace-changed": (
        "{file} 在检查之后被改动，未加入新计划，新计划的目录已删除。请再试一次。",
        "{file} changed after it was checked; the plan was not added and its new directory "
        "was removed. Try again",
    ),
    "members-need-workspace": (
        "--members 需要工作区（ipplan.yaml）：从 {start} 向上没有找到。",
        "--members needs a workspace (ipplan.yaml); none found from {start} upwards",
    ),
}
