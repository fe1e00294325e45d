"""The published site and the directories it may write."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the published site (i13-many)
    "site.title": ("规划实施进展", "Progress of the plans"),
    "site.home": ("首页", "Home"),
    "site.other_lang": ("English", "中文"),
    "site.parent": ("上级计划：", "Parent plan: "),
    "site.working": ("计算过程", "The working, step by step"),
    "site.members": ("成员计划汇总", "Member plans rolled up"),
    # the names a screen reader gives each table's scrolling box; unique on a page
    "table.in": ("{section}：{heading}", "{section}: {heading}"),
    "table.series": ("{heading}：逐年数值", "{heading}: year by year"),
    "table.members": ("{heading}：成员计划数值", "{heading}: the member plans' values"),
    "table.rollup": ("{heading}：成员合计与本级数值", "{heading}: members' sum and own figure"),
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
    "p.invalid-members": (
        "members 须是 all、1 至 {limit} 之间的个数（如 31），或计划名的列表，而不是 {got}",
        "members must be all, a count from 1 to {limit} (such as 31), or a list of plan names, "
        "not {got}",
    ),
    "p.members-fewer-than-listed": (
        "members 为 {value}，但工作区已列出 {count} 个以本计划为上级的计划；请改为至少 {count}",
        "members is {value}, but the workspace already lists {count} plans under this one; make "
        "it at least {count}",
    ),
    "p.duplicate-member": (
        "成员 {value} 在 members 中出现两次",
        "member {value} is listed twice in members",
    ),
    "p.member-of-another-parent": (
        "成员 {value} 的上级计划是 {parent}，不是 {plan}；请改正其 parent 或从 members 中删去",
        "member {value} has {parent} as its parent, not {plan}; correct its parent or remove it "
        "from members",
    ),
    "p.member-not-expected": (
        "计划 {value} 以 {plan} 为上级，但不在 {plan} 的 members 中；请将其加入 members",
        "plan {value} has {plan} as its parent but is not in {plan}'s members; add it there",
    ),
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
}
