"""``ipplan overview`` and a plan's roll-up of its member plans, in the terminal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.text import Text

from ipplan.render import sentences, table, terminal
from ipplan.text.i18n import colon, joined, label, text, unit_label
from ipplan.text.shown_numbers import exact, percent, signed
from ipplan.text.wrapping import longest_word, width

# --- workspaces: the overview, and a roll-up of member plans ---------------------------------

CHECK_STYLES = {"agrees": "green", "differs": "bold red", "incomplete": "yellow"}


def render_overview(view: Mapping[str, Any], lang: str) -> None:
    from ipplan.render.sentences import SHOWN_DEPTH

    console = terminal.out()
    # On a narrower terminal whole columns give way, the title first, then the overdue figures,
    # the period and the latest data year, rather than being cut (`--json` and
    # `ipplan status --plan NAME` show them all).
    width = console.width
    shown = {
        "title": width >= 120,
        "figures": width >= 100,
        "period": width >= 74,
        "latest": width >= 62,
    }
    columns = [("col.plan", False), ("col.title", False), ("col.period", False)]
    columns += [("col.statuses", False), ("col.latest_year", False)]
    columns += [("col.overdue_figures", True), ("col.overdue_work", True), ("col.rollup", True)]
    optional = {"col.title": "title", "col.period": "period", "col.latest_year": "latest"}
    optional["col.overdue_figures"] = "figures"
    columns = [(key, right) for key, right in columns if shown.get(optional.get(key, ""), True)]
    rows: list[list[str | Text]] = []
    for row in view["plans"]:
        parts = [
            f"{label(status, lang)} {count}" for status, count in row["summary"].items() if count
        ]
        differences = row["rollup_differences"]
        cells: list[str | Text] = ["  " * min(row["depth"], SHOWN_DEPTH) + row["name"]]
        if shown["title"]:
            cells.append(row["title_en"] if lang == "en" else row["title"])
        if shown["period"]:
            cells.append(f"{row['baseline_year'] + 1}–{row['target_year']}")
        cells.append(Text("\n".join(parts) or "—"))  # one status a line, its count beside it
        if shown["latest"]:
            cells.append(str(row["latest_year"]) if row["latest_year"] is not None else "—")
        if shown["figures"]:
            late = row["overdue_figures"]
            cells.append(Text(str(late), style="bold red" if late else ""))
        overdue = row["overdue_work"]
        cells.append(
            Text(str(overdue), style="bold red" if overdue else "") if row["workplans"] else "—"
        )
        cells.append(Text(str(len(differences)), style="bold red") if differences else Text("0"))
        rows.append(cells)
    terminal.print_table(
        console,
        text("overview.title", lang, path=view["workspace"]),
        [text(key, lang) for key, _ in columns],
        rows,
        right=[right for _, right in columns],
        # wide enough for "needs acceleration 12" on one line
        least=[21 if key == "col.statuses" else 0 for key, _ in columns],
    )
    terminal.sentences_in_lines(
        console,
        [
            text(
                "overview.difference",
                lang,
                plan=row["name"],
                key=flag["indicator"],
                year=flag["year"],
                total=exact(flag["total"]),
                parent=exact(flag["parent"]),
                difference=signed(flag["difference"]),
                tolerance=percent(flag["tolerance"]),
            )
            for row in view["plans"]
            for flag in row["rollup_differences"]
        ],
        style="red",
    )
    console.print(text("overview.count", lang, count=len(view["plans"]), day=view["day"]))


def render_members(view: Mapping[str, Any], lang: str) -> None:
    """The members' figures per year, then each year's sum against the parent's own figure."""
    console = terminal.out()
    console.print(
        Text(text("members.title", lang, plan=view["plan"], key=view["indicator"]), style="bold")
    )
    years = [row["year"] for row in view["years"]]
    columns = [[text("col.plan", lang), *(m["plan"] for m in view["members"])]]
    for row in view["years"]:
        cells = [row["values"][member["plan"]] for member in view["members"]]
        columns.append([str(row["year"]), *(exact(v) if v is not None else "—" for v in cells)])
    # a figure or a plan's name is never cut: where every year cannot be shown whole, years
    # give way, first those no member has a figure for (the latest first), then the earliest,
    # and a line says which
    needs = [max(width(cell) for cell in column) for column in columns]
    members = view["members"]
    empty = [
        j
        for j, row in enumerate(view["years"])
        if all(row["values"][m["plan"]] is None for m in members)
    ]
    kept = list(range(len(years)))
    for j in [*reversed(empty), *(j for j in kept if j not in empty)]:
        room = needs[0] + sum(needs[1 + k] for k in kept) + table.PADDED.overhead(1 + len(kept))
        if room <= console.width or len(kept) == 1:
            break
        kept.remove(j)
    one = needs[0] + needs[1 + kept[0]] + table.PADDED.overhead(2) if kept else 0
    if one > console.width:  # not even one year beside the names: each member, its years
        terminal.hanging(
            console,
            [
                (str(member["plan"]), _fields(((c[0], c[1 + i]) for c in columns[1:]), lang))
                for i, member in enumerate(members)
            ],
        )
    else:
        shown = [columns[0], *(columns[1 + k] for k in kept)]
        terminal.print_table(
            console,
            None,
            [column[0] for column in shown],
            [list(row) for row in zip(*(column[1:] for column in shown), strict=True)],
            right=[False, *(True for _ in kept)],
            least=[needs[0], *(needs[1 + k] for k in kept)],
        )
        left_out = [year for j, year in enumerate(years) if j not in kept]
        if left_out:
            terminal.indented(
                console, text("members.years_left_out", lang, years=_spans(left_out, lang))
            )
    keys = (
        "col.year",
        "col.members_sum",
        "col.coverage",
        "col.parent_value",
        "col.share",
        "col.difference",
    )
    rows: list[list[str | Text]] = []
    for row in view["years"]:
        check = sentences.rollup_check(row, lang)
        rows.append(
            [
                str(row["year"]),
                exact(row["total"]) if row["total"] is not None else "—",
                f"{row['reporting']}/{row['members']}",
                exact(row["parent"]) if row["parent"] is not None else "—",
                percent(row["share"]),
                signed(row["difference"]) if row["difference"] is not None else "—",
                Text(check, style=CHECK_STYLES.get(row["check"], "")),
            ]
        )
    headers = [*(text(key, lang) for key in keys), text("col.check", lang)]
    # every figure whole; where the table cannot hold them so, each year is one labelled line
    least = [
        max([longest_word(headers[i]), *(width(str(row[i])) for row in rows)])
        for i in range(len(keys))
    ]
    least.append(max([longest_word(headers[-1]), *(longest_word(str(r[-1])) for r in rows)]))
    if sum(least) + table.PADDED.overhead(len(headers)) <= console.width:
        terminal.print_table(console, None, headers, rows, right=[True] * 6 + [False], least=least)
    else:
        lines: list[tuple[str, str | Text]] = []
        for row in rows:
            line = Text(_fields(zip(headers[1:], [*row[1:-1], ""], strict=True), lang))
            verdict = row[-1]  # its style kept
            line.append_text(verdict if isinstance(verdict, Text) else Text(verdict))
            lines.append((str(row[0]), line))
        terminal.hanging(console, lines)
    rule = text(
        "members.rule",
        lang,
        tolerance=percent(view["tolerance"]),
        unit=unit_label(view["unit"], lang, view.get("unit_en")),
    )
    terminal.sentences_in_lines(console, rule.split("\n"))


def _spans(years: list[int], lang: str) -> str:
    """Years as runs: 2015–2021, 2025–2030 (2015–2021、2025–2030 in Chinese)."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return joined((f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs), lang)


def _fields(pairs: Iterable[tuple[str, object]], lang: str) -> str:
    """Named values in a line: ``名称：值；名称：值``, ``name: value; name: value``."""
    apart = "；" if lang == "zh" else "; "
    return apart.join(f"{name}{colon(lang)}{value}" for name, value in pairs)
