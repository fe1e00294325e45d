"""Workspaces: several plans in one repository, --plan, overview, and roll-up numbers by hand."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ipplan.text.wrapping import width
from ipplan.workspace import load_workspace, read_workspace
from ipplan.workspaces.overview import load_plans
from ipplan.workspaces.rollup import Check, roll_up
from tests.conftest import SHIPPED, Run, snapshot, track_2022, write

MEMBER = """\
plan:
  title: {title}
  title_en: {title_en}
  issuer: {title}
  issuer_en: {title_en}
  baseline_year: 2021
  target_year: 2025
indicators:
  - key: attorneys
    number: 1
    name: 执业专利代理师人数
    name_en: Practising patent attorneys
    unit: {unit}
    direction: increase
    baseline: {{year: 2021, value: {baseline}}}
    target: {{year: 2025, value: {target}}}
    rolls_up_to: {{plan: national, indicator: {into}}}
  - key: local_rate
    number: 2
    name: 本地代理率
    name_en: Local agency rate
    unit: "%"
    direction: increase
    baseline: {{year: 2021, value: 50}}
    target: {{year: 2025, value: 60}}
"""
TASKS = """\
areas:
  - {id: talent, number: 1, title: 人才, title_en: Talent}
actions:
  - id: training
    area: talent
    title: 培训
    title_en: Training
    measures: [开展培训]
    indicators: [attorneys]
    lead: null
    due: null
    status: not_started
"""
WORKSPACE = """\
# the plans this repository holds
plans:
  - name: national
    directory: national
  - name: gd
    directory: provinces/gd
    parent: national
  - name: js
    directory: provinces/js
    parent: national
  - name: zj
    directory: provinces/zj/data
    parent: national
"""
# Pinned by hand. The national plan sets a tolerance of 2 % of its own figure.
#           2022    2023    2024    2025
# gd       12000   13000   14000      —
# js        9000    9800      —       —      (js has not reported 2024)
# zj        8000    7900    9100      —
# sum      29000   30700   23100      —
# national 29500   31500   33000      —
# diff      -500    -800   -9900      —
# 2 %        590     630     660
# check   agrees differs incomplete no_data
VALUES = {
    "gd": {2022: 12000, 2023: 13000, 2024: 14000},
    "js": {2022: 9000, 2023: 9800},
    "zj": {2022: 8000, 2023: 7900, 2024: 9100},
    "national": {2022: 29500, 2023: 31500, 2024: 33000},
}
DIRECTORIES = {
    "national": "national",
    "gd": "provinces/gd",
    "js": "provinces/js",
    "zj": "provinces/zj/data",
}


def member(directory: Path, title: str, title_en: str, **fields: object) -> None:
    directory.mkdir(parents=True)
    values = {"unit": "人", "baseline": 7000, "target": 15000, "into": "practitioners"}
    values.update(fields)
    write(directory, "indicators.yaml", MEMBER.format(title=title, title_en=title_en, **values))
    write(directory, "tasks.yaml", TASKS)


def build_workspace(root: Path, cli: Run) -> Path:
    """A repository at ``root`` with a national plan and three provincial members, their
    figures recorded; the one builder of this workspace (the JSON guard builds it too)."""
    (root / ".git").mkdir(parents=True)
    shutil.copytree(SHIPPED, root / "national")
    indicators = root / "national" / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(
        text.replace("  target_year: 2025\n", "  target_year: 2025\n  rollup_tolerance: 0.02\n", 1),
        encoding="utf-8",
    )
    member(root / "provinces" / "gd", "广东省计划", "Guangdong plan")
    member(root / "provinces" / "js", "江苏省计划", "Jiangsu plan")
    member(root / "provinces" / "zj" / "data", "浙江省计划", "Zhejiang plan")
    write(root, "ipplan.yaml", WORKSPACE)
    for name, years in VALUES.items():
        key = "practitioners" if name == "national" else "attorneys"
        data = root / DIRECTORIES[name]
        for year, value in years.items():
            done = cli("record", str(year), key, str(value), "--data", str(data), "--force")
            assert done.exit_code == 0, done.stderr
    return root


# The workspace built once in each test process, then copied for each test: recording its
# eleven figures through ipplan for every test cost a third of a second each time.
_BUILT: dict[str, Path] = {}


@pytest.fixture
def ws(tmp_path: Path, cli: Run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with a national plan and three provincial members (a copy of its own)."""
    if "ws" not in _BUILT:
        _BUILT["ws"] = build_workspace(tmp_path_factory.mktemp("built") / "ws", cli)
    return Path(shutil.copytree(_BUILT["ws"], tmp_path / "ws", symlinks=True))


def test_rollup_numbers_pinned_by_hand(ws: Path) -> None:
    plans = load_plans(load_workspace(ws / "ipplan.yaml"))
    done = roll_up(plans, "national", "practitioners")
    assert done is not None
    assert [name for name, _ in done.members] == ["gd", "js", "zj"]
    assert done.tolerance == 0.02
    rows = {
        y.year: (y.total, y.reporting, y.parent, y.difference, y.check, y.missing)
        for y in done.years
    }
    assert rows == {
        2022: (29000, 3, 29500, -500, Check.agrees, []),
        2023: (30700, 3, 31500, -800, Check.differs, []),
        2024: (23100, 2, 33000, -9900, Check.incomplete, ["js"]),  # js never counted as zero
        2025: (None, 0, None, None, Check.no_data, ["gd", "js", "zj"]),
    }
    assert [y.year for y in done.differing] == [2023]
    assert roll_up(plans, "national", "practitioners", as_of=2022).years[-1].year == 2022  # type: ignore[union-attr]
    assert roll_up(plans, "national", "agency_rate") is None  # nothing rolls up into it


def expecting(ws: Path, members: str) -> None:
    """Make the national plan of ``ws`` expect ``members`` (the YAML of ``members:``)."""
    text = (ws / "ipplan.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    directory: national\n", f"    directory: national\n    members: {members}\n", 1
    )
    (ws / "ipplan.yaml").write_text(text, encoding="utf-8")


def test_rollup_while_members_are_missing_pinned_by_hand(ws: Path) -> None:
    # national expects the 31 provinces; three are in the workspace (VALUES above).
    #           sum     reported  national  share (sum / national)
    # 2022    29000       3/31     29500    29000/29500 = 0.98305084745...
    # 2023    30700       3/31     31500    30700/31500 = 0.97460317460...
    # 2024    23100       2/31     33000    23100/33000 = 0.7
    # Never compared with the tolerance while members are missing: 2023 is not "differs".
    expecting(ws, "31")
    workspace = load_workspace(ws / "ipplan.yaml")
    assert workspace.plan("national").expects == 31
    plans = load_plans(workspace)
    done = roll_up(plans, "national", "practitioners", expects=31)
    assert done is not None
    rows = {
        y.year: (y.total, y.reporting, y.expected, y.share, y.check, y.missing, y.missing_count)
        for y in done.years
    }
    assert rows == {
        2022: (29000, 3, 31, 0.983050847, Check.incomplete, [], 28),
        2023: (30700, 3, 31, 0.974603175, Check.incomplete, [], 28),
        2024: (23100, 2, 31, 0.7, Check.incomplete, ["js"], 29),
        2025: (None, 0, 31, None, Check.no_data, ["gd", "js", "zj"], 31),
    }
    assert done.years[0].coverage == 3 / 31
    assert done.differing == []
    # the same members named, one of them (sh) not in the workspace yet
    named = roll_up(plans, "national", "practitioners", expects=("gd", "js", "zj", "sh"))
    assert named is not None
    first = named.years[0]
    assert (first.total, first.reporting, first.expected, first.check) == (
        29000,
        3,
        4,
        Check.incomplete,
    )
    assert first.missing == ["sh"] and named.years[2].missing == ["js", "sh"]
    # a parent that expects no more than it has is compared: 2023 is beyond 2 % again
    every = roll_up(plans, "national", "practitioners", expects=("gd", "js", "zj"))
    assert every is not None
    assert [y.year for y in every.differing] == [2023]


def test_missing_members_shown_everywhere_with_their_share(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expecting(ws, "31")
    monkeypatch.chdir(ws)
    monkeypatch.setenv("COLUMNS", "120")
    data = json.loads(
        cli("show", "practitioners", "--plan", "national", "--members", "--json").stdout
    )
    y2023 = {y["year"]: y for y in data["members"]["years"]}[2023]
    assert (y2023["members"], y2023["reporting"], y2023["share"], y2023["check"]) == (
        31,
        3,
        0.9746,  # a ratio in JSON has four decimals (methodology.md, "Numbers in files")
        "incomplete",
    )
    assert y2023["missing_count"] == 28
    zh = cli("show", "practitioners", "--plan", "national", "--members").stdout
    row = next(line.split() for line in zh.splitlines() if "2/31" in line)
    assert row == [
        "2024",
        "23100",
        "2/31",
        "33000",
        "70.0%",
        "-9900",
        "未报齐（缺",
        "29",
        "个成员，含",
        "js）",
    ]
    assert "未报齐（缺 28 个成员）" in zh
    assert not [line for line in zh.splitlines() if line.endswith("超出容差")]
    en = cli("show", "practitioners", "--plan", "national", "--members", "--lang", "en").stdout
    assert "incomplete (28 members missing)" in en
    assert "incomplete (29 members missing, js among them)" in en
    overview = json.loads(cli("overview", "--json").stdout)
    assert overview["plans"][0]["rollup_differences"] == []  # no longer flagged for ever
    md = cli("report", "--format", "md", "--plan", "national").stdout
    assert "| 2023 | 30700 | 3/31 | 31500 | 97.5% | -800 | 未报齐（缺 28 个成员） |" in md
    assert "超出容差 2.0%" not in md.split("## ")[1]  # no year flagged in the summary
    write(ws, "ipplan.yaml", WORKSPACE)
    expecting(ws, "[gd, js, zj, sh]")
    zh = cli("show", "practitioners", "--plan", "national", "--members").stdout
    assert "未报齐（缺 sh）" in zh and "未报齐（缺 js, sh）" in zh


def test_a_members_declaration_that_cannot_hold_is_named_at_its_line(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    for members, expected in (
        ("0", [(5, "invalid-members")]),
        ("1001", [(5, "invalid-members")]),
        ("some", [(5, "invalid-members")]),
        ("[gd, 7]", [(5, "invalid-members")]),
        ("2", [(5, "members-fewer-than-listed")]),
        ("[gd, js, gd]", [(5, "member-not-expected"), (8, "duplicate-member")]),
        ("[gd, js, zj, national]", [(9, "member-of-another-parent")]),
    ):
        write(ws, "ipplan.yaml", WORKSPACE)
        text = WORKSPACE.replace(
            "    directory: national\n",
            "    directory: national\n    members:\n"
            + "".join(f"      - {m.strip()}\n" for m in members.strip("[]").split(","))
            if members.startswith("[")
            else f"    directory: national\n    members: {members}\n",
            1,
        )
        write(ws, "ipplan.yaml", text)
        before = snapshot(ws)
        result = cli("validate", "--format", "json")
        assert result.exit_code == 1, members
        codes = sorted((p["line"], p["code"]) for p in json.loads(result.stdout))
        assert codes == expected, members
        assert snapshot(ws) == before
    en = cli("validate", "--lang", "en")
    assert (
        "ipplan.yaml:9: member-of-another-parent: member national has — as its parent, not "
        "national; correct its parent or remove it from members"
    ) in en.stderr + en.stdout
    write(ws, "ipplan.yaml", WORKSPACE.replace("national\n", "national\n    members: 0\n", 1))
    zh = cli("validate")
    assert (
        "ipplan.yaml:4: invalid-members: members 须是 all、1 至 1000 之间的个数（如 31），"
        "或计划名的列表，而不是 0"
    ) in zh.stderr + zh.stdout
    expecting_all = WORKSPACE.replace("national\n", "national\n    members: all\n", 1)
    write(ws, "ipplan.yaml", expecting_all)
    assert cli("validate").exit_code == 0
    assert load_workspace(ws / "ipplan.yaml").plan("national").expects is None


def test_show_members_through_the_command(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    result = cli("show", "practitioners", "--plan", "national", "--members", "--json")
    assert result.exit_code == 0, result.stderr
    rollup = json.loads(result.stdout)["members"]
    assert rollup["tolerance"] == 0.02
    assert [m["plan"] for m in rollup["members"]] == ["gd", "js", "zj"]
    by_year = {row["year"]: row for row in rollup["years"]}
    assert by_year[2023] == {
        "year": 2023,
        "values": {"gd": 13000, "js": 9800, "zj": 7900},
        "total": 30700,
        "reporting": 3,
        "members": 3,
        "coverage": 1.0,
        "parent": 31500,
        "difference": -800,
        "share": 0.9746,  # 30700 / 31500 = 0.97460317460..., four decimals in JSON
        "check": "differs",
        "missing": [],
        "missing_count": 0,
    }
    assert by_year[2024]["values"] == {"gd": 14000, "js": None, "zj": 9100}
    assert (by_year[2024]["total"], by_year[2024]["check"]) == (23100, "incomplete")
    monkeypatch.setenv("COLUMNS", "80")
    zh = cli("show", "practitioners", "--plan", "national", "--members")
    assert zh.exit_code == 0
    lines = zh.stdout.splitlines()
    section = lines[next(i for i, line in enumerate(lines) if "成员计划汇总至 national" in line) :]
    assert max(len(line) for line in section) <= 80
    row = next(
        line.split() for line in lines if line.strip().startswith("2023 ") and "30700" in line
    )
    assert row[:6] == ["2023", "30700", "3/3", "31500", "97.5%", "-800"]
    assert "超出容差" in zh.stdout
    en = cli("show", "practitioners", "--plan", "national", "--members", "--lang", "en")
    assert "beyond" in en.stdout and "js" in en.stdout
    monkeypatch.setenv("COLUMNS", "120")
    en = cli("show", "practitioners", "--plan", "national", "--members", "--lang", "en")
    assert "beyond tolerance" in en.stdout and "incomplete (missing: js)" in en.stdout


@pytest.mark.parametrize("columns", [24, 30, 36, 44, 80])
def test_the_members_table_never_cuts_a_figure_and_names_the_years_left_out(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Where every year of the members' table cannot be shown whole, years give way (those
    no member has a figure for first, then the earliest) rather than figures being cut in two
    (13000 once came out as 130 over 00), and a line says which years are left out."""
    monkeypatch.chdir(ws)
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = cli("show", "practitioners", "--plan", "national", "--members", "--lang", "en")
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Member plans rolled up"))
    header = next(line for line in lines[start:] if line.strip().startswith("Plan"))
    years = [int(word) for word in header.split()[1:]]
    table = lines[lines.index(header) + 2 : lines.index(header) + 5]
    assert [row.split()[0] for row in table] == ["gd", "js", "zj"]
    assert all(len(row.split()) == 1 + len(years) for row in table)  # one whole figure a year
    figures = {"gd": {2022: "12000", 2023: "13000", 2024: "14000"}, "zj": {2023: "7900"}}
    for row in table:
        cells = dict(zip(years, row.split()[1:], strict=True))
        for year, figure in figures.get(row.split()[0], {}).items():
            assert cells.get(year, figure) == figure
    every = [2022, 2023, 2024, 2025]
    left_out = [year for year in every if year not in years]
    said = " ".join(" ".join(lines).split())
    if left_out:
        assert years == sorted(years) and years
        ranges = " ".join(str(year) for year in left_out)
        assert f"Years {ranges.replace(' ', ', ')} are left out" in said.replace("–", ", ")
    else:
        assert years == every and "left out" not in said


@pytest.mark.parametrize(("columns", "lang"), [(30, "en"), (40, "zh"), (56, "en"), (100, "zh")])
def test_the_members_check_gives_every_figure_whole_at_any_width(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch, columns: int, lang: str
) -> None:
    """Each year's sum, coverage, own figure, share and difference are whole at any width: as
    a table where it fits, else as one labelled line a year (29000 was once cut into 290/00)."""
    monkeypatch.chdir(ws)
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = cli("show", "practitioners", "--plan", "national", "--members", "--lang", lang)
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    title = "Member plans" if lang == "en" else "成员计划汇总"
    section = lines[next(i for i, line in enumerate(lines) if line.startswith(title)) :]
    assert max(width(line) for line in section) <= columns
    words = "\n".join(section).split()
    for figure in ("30700", "31500", "3/3", "97.5%", "-800", "23100", "2/3"):
        assert figure in words or f"{figure};" in words or f"{figure}；" in " ".join(words), figure


def test_overview_parent_first_with_counts_and_flags(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws / "provinces")
    result = cli("overview", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["name"] for p in data["plans"]] == ["national", "gd", "js", "zj"]
    national, gd, js, _ = data["plans"]
    assert national["parent"] is None and gd["parent"] == "national"
    assert national["indicators"] == 9 and gd["indicators"] == 2
    assert national["latest_year"] == 2024 and js["latest_year"] == 2023
    assert gd["summary"]["on_track"] + gd["summary"]["no_data"] == 2
    assert national["rollup_differences"] == [
        {
            "indicator": "practitioners",
            "year": 2023,
            "total": 30700,
            "parent": 31500,
            "difference": -800,
            "tolerance": 0.02,
        }
    ]
    monkeypatch.setenv("COLUMNS", "80")
    for lang in ("zh", "en"):
        human = cli("overview", "--lang", lang)
        assert human.exit_code == 0
        assert max(len(line) for line in human.stdout.splitlines()) <= 80
        plans = {"national", "gd", "js", "zj"}
        rows = [
            line
            for line in human.stdout.splitlines()
            if line.split()[:1] in ([p] for p in plans) and "2022–2025" in line
        ]
        assert [row.split()[0] for row in rows] == ["national", "gd", "js", "zj"]
        assert rows[1].startswith("    gd")  # members indented under their parent
        assert rows[0].split()[-1] == "1" and rows[1].split()[-1] == "0"  # one year off
    assert "2023" in cli("overview").stdout  # the year that disagrees is named


def test_plan_option_environment_and_the_plan_you_stand_in(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def title() -> str:
        result = cli("status", "--json")
        assert result.exit_code == 0, result.stderr
        return str(json.loads(result.stdout)["plan"]["title"])

    monkeypatch.chdir(ws / "provinces" / "js")
    assert title() == "江苏省计划"  # inside a plan's directory, that plan
    monkeypatch.chdir(ws / "provinces" / "zj")
    assert title() == "浙江省计划"  # its data/ beside
    assert "广东" in cli("status", "--json", "--plan", "gd").stdout
    assert "广东" in cli("--plan", "gd", "status", "--json").stdout
    monkeypatch.setenv("IPPLAN_PLAN", "gd")
    assert title() == "广东省计划"
    assert "江苏" in cli("status", "--json", "--plan", "js").stdout  # --plan wins over the variable


@pytest.mark.parametrize(
    "command",
    [
        ["workplan", "2022"],
        ["roadmap"],
        ["due", "--within", "10"],
        ["item", "y2022-1"],
    ],
)
def test_plan_option_after_every_command_name(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(ws)  # the root lists four plans: only --plan says which
    if command[0] == "due":
        track_2022(ws / "national")  # so that the national plan has items due, and gd none
    after = cli(*command, "--json", "--plan", "national")
    before = cli("--plan", "national", *command, "--json")
    assert after.exit_code == 0, after.stderr
    assert after.stdout == before.stdout
    assert cli(*command, "--json", "--plan", "gd").stdout != after.stdout


def test_plan_option_after_workplan_import(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    before = snapshot(ws)
    table = ws / "table.csv"
    table.write_text(
        "编号,对应行动,工作措施,进度安排,负责部门\n,training,开展培训,年底前,省局\n",
        encoding="utf-8",
    )
    done = cli("workplan-import", str(table), "--year", "2024", "--plan", "gd")
    assert done.exit_code == 0, done.stderr
    assert (ws / "provinces" / "gd" / "workplans" / "2024.yaml").is_file()
    assert snapshot(ws / "national") == {
        k.removeprefix("national/"): v for k, v in before.items() if k.startswith("national/")
    }


def test_every_command_on_a_plan_takes_plan_after_its_name() -> None:
    import typer.main
    from typer import _click as click
    from typer.core import TyperGroup

    from ipplan.cli import app

    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    ctx = click.Context(group)
    lacking = [
        name
        for name in group.list_commands(ctx)
        if "plan_name" not in {p.name for p in group.get_command(ctx, name).params}  # type: ignore[union-attr]
    ]
    assert lacking == ["init", "new"]  # they make a plan; --plan names one that exists


def test_a_workspace_root_without_a_plan_asks_which(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    result = cli("status")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "--plan" in result.stderr and "national, gd, js, zj" in result.stderr
    en = cli("status", "--lang", "en")
    assert "choose one with --plan NAME" in en.stderr


def test_unknown_plan_is_one_line_with_a_suggestion(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    before = snapshot(ws)
    result = cli("record", "2023", "attorneys", "1", "--plan", "jss")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and "js" in result.stderr
    assert snapshot(ws) == before
    outside = ws.parent / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    lost = cli("status", "--plan", "gd", "--lang", "en")
    assert lost.exit_code == 1 and "ipplan.yaml" in lost.stderr


def test_validate_checks_the_whole_workspace_with_cross_plan_references(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws / "provinces" / "gd")
    ok = cli("validate")
    assert ok.exit_code == 0, ok.stderr
    assert "4" in ok.stdout and "ipplan.yaml" in ok.stdout
    gd = ws / "provinces" / "gd" / "indicators.yaml"
    gd.write_text(
        gd.read_text(encoding="utf-8").replace("indicator: practitioners", "indicator: nope"),
        encoding="utf-8",
    )
    js = ws / "provinces" / "js" / "indicators.yaml"
    js.write_text(
        js.read_text(encoding="utf-8").replace("plan: national", "plan: nation"), encoding="utf-8"
    )
    zj = ws / "provinces" / "zj" / "data" / "indicators.yaml"
    zj.write_text(zj.read_text(encoding="utf-8").replace("unit: 人", "unit: 家"), encoding="utf-8")
    bad = cli("validate", "--format", "json")
    assert bad.exit_code == 1
    problems = json.loads(bad.stdout)
    found = {((Path.cwd() / p["file"]).parent.name, p["line"], p["code"]) for p in problems}
    assert found == {
        ("gd", 17, "unknown-rollup-indicator"),
        ("js", 17, "unknown-rollup-plan"),
        ("data", 17, "rollup-unit-mismatch"),
    }
    # one plan alone: its own files only
    assert cli("validate", "--plan", "gd").exit_code == 0


def test_validate_reports_a_broken_member_and_a_broken_workspace_file(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    write(ws / "provinces" / "js", "tasks.yaml", "areas: [\n")
    result = cli("validate")
    assert result.exit_code == 1
    assert "provinces/js/tasks.yaml:2: yaml-syntax:" in result.stderr
    write(
        ws,
        "ipplan.yaml",
        """\
        plans:
          - {name: national, directory: national}
          - {name: national, directory: provinces/gd}
          - {name: a, directory: /etc, parent: b}
          - {name: b, directory: ../elsewhere, parent: a}
          - {name: c, directory: provinces/none, parent: nationa}
          - {name: d, directory: national/, parent: national}
        """,
    )
    broken = cli("validate", "--format", "json")
    codes = sorted((p["line"], p["code"]) for p in json.loads(broken.stdout))
    assert codes == [
        (3, "duplicate-plan-name"),
        (4, "directory-outside-workspace"),
        (4, "parent-cycle"),
        (5, "directory-outside-workspace"),
        (5, "parent-cycle"),
        (6, "plan-directory-missing"),
        (6, "unknown-parent"),
        (7, "duplicate-plan-directory"),
    ]
    status = cli("status", "--plan", "gd")
    assert status.exit_code == 1 and "ipplan.yaml:3: duplicate-plan-name" in status.stderr


def test_a_hostile_workspace_file_is_one_clear_line(tmp_path: Path) -> None:
    for content, code in (
        ("plans: !!python/object/apply:os.system ['echo pwned']\n", "unsupported-tag"),
        ("plans: []\n", "empty"),
        ("- just a list\n", "wrong-type"),
        (b"\xff\xfe plans", "not-utf8"),
    ):
        path = tmp_path / "ipplan.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        workspace, problems = read_workspace(path)
        assert workspace is None
        assert [p.code for p in problems] == [code]


def test_members_of_an_indicator_without_members_or_outside_a_workspace(
    cli: Run, ws: Path, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    none = cli("show", "agency_rate", "--plan", "national", "--members", "--lang", "en")
    assert (none.exit_code, none.stdout) == (1, "")
    assert "no plan rolls up into national's agency_rate" in none.stderr
    monkeypatch.chdir(plan_dir)
    alone = cli("show", "practitioners", "--members")
    assert alone.exit_code == 1 and "ipplan.yaml" in alone.stderr
    plain = cli("show", "practitioners", "--json")
    assert "members" not in json.loads(plain.stdout)  # single-plan output unchanged


def test_plan_option_narrows_overview_and_site_to_the_plans_under_it(
    cli: Run, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    one = json.loads(cli("overview", "--json", "--plan", "gd").stdout)
    assert [(p["name"], p["depth"]) for p in one["plans"]] == [("gd", 0)]
    every = json.loads(cli("overview", "--json", "--plan", "national").stdout)
    assert [p["name"] for p in every["plans"]] == ["national", "gd", "js", "zj"]
    out = tmp_path / "gd-site"
    assert cli("site", str(out), "--plan", "gd").exit_code == 0
    assert (out / "plans" / "gd" / "attorneys.html").is_file()
    assert not (out / "plans" / "national").exists()


def test_reports_flag_the_years_beyond_the_tolerance(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws / "national")
    data = json.loads(cli("report", "--format", "json").stdout)
    years = {y["year"]: y for y in data["rollups"]["practitioners"]["years"]}
    assert (years[2023]["check"], years[2023]["difference"]) == ("differs", -800)
    assert years[2024]["values"]["js"] is None
    md = cli("report", "--format", "md").stdout
    assert "- practitioners 2023 年：成员合计 30700，本级数值 31500，差额 -800，超出容差 2.0%" in md
    assert "| 2024 | 23100 | 2/3 | 33000 | 70.0% | -9900 | 未报齐（缺 js） |" in md  # 23100/33000
    html = cli("report", "--format", "html", "--lang", "en").stdout
    assert "practitioners 2023: members&#x27; sum 30700" in html
    assert '<span class="status s-differs">beyond tolerance</span>' in html
    monkeypatch.chdir(ws / "provinces" / "gd")
    assert "rollups" not in json.loads(cli("report", "--format", "json").stdout)  # none into gd


def test_overview_counts_overdue_work_plan_milestones_on_a_day(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from ipplan.workplans.views import overdue_milestones

    monkeypatch.chdir(ws)
    monkeypatch.setenv("IPPLAN_TODAY", "2023-01-31")
    shipped = json.loads(cli("overview", "--json").stdout)  # its 2022 progress not tracked
    national = next(p for p in shipped["plans"] if p["name"] == "national")
    assert (national["workplans"], national["overdue_work"]) == (1, 0)
    track_2022(ws / "national")
    data = json.loads(cli("overview", "--json").stdout)
    assert data["day"] == "2023-01-31"
    rows = {p["name"]: p for p in data["plans"]}
    plans = load_plans(load_workspace(ws / "ipplan.yaml"))
    expected = len(overdue_milestones(plans["national"], dt.date(2023, 1, 31)))
    assert expected > 0  # the shipped 2022 work plan, nothing recorded as done
    assert (rows["national"]["workplans"], rows["national"]["overdue_work"]) == (1, expected)
    assert (rows["gd"]["workplans"], rows["gd"]["overdue_work"]) == (0, 0)
    on_the_day = json.loads(cli("overview", "--json", "--as-of", "2022").stdout)
    assert on_the_day["day"] == "2022-12-31"  # the end of the as-of year
    year_end = len(overdue_milestones(plans["national"], dt.date(2022, 12, 31)))
    assert on_the_day["plans"][0]["overdue_work"] == year_end < expected


@pytest.mark.parametrize("command", [("overview",), ("site", "out")], ids=" ".join)
def test_a_workspace_refuses_an_as_of_year_as_one_plan_does(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """overview and site check --as-of with every other command's check (a year of any of the
    workspace's plans will do): they once said an as-of year outside them was one "actuals are
    recorded for"."""
    monkeypatch.chdir(ws)
    before = snapshot(ws)
    baseline = cli(*command, "--as-of", "2021")
    assert (baseline.exit_code, baseline.stdout, baseline.stderr) == (
        1,
        "",
        "错误：--as-of 2021：2021 年是基线年，其后才有进展可查看；请在 2022–2025 年中选一年。\n",
    )
    outside = cli(*command, "--as-of", "1999", "--lang", "en")
    assert (outside.exit_code, outside.stdout, outside.stderr) == (
        1,
        "",
        "error: --as-of 1999: 1999 is outside the plan, so there is no progress to view; "
        "choose a year from 2022 to 2025\n",
    )
    assert snapshot(ws) == before


def test_the_plan_a_directory_is_in_is_the_innermost(tmp_path: Path) -> None:
    from ipplan.workspace import Member, Workspace

    root = tmp_path / "ws"
    workspace = Workspace(
        root / "ipplan.yaml",
        (
            Member("national", root, None, 2),  # a parent plan at the workspace's root
            Member("gd", root / "provinces" / "gd", "national", 4),
        ),
    )
    assert workspace.containing(root / "provinces" / "gd" / "schema").name == "gd"  # type: ignore[union-attr]
    assert workspace.containing(root / "docs").name == "national"  # type: ignore[union-attr]
    assert workspace.containing(tmp_path) is None


def test_overview_counts_overdue_yearly_figures(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from ipplan.public_record import overdue_figures

    monkeypatch.chdir(ws)
    # before any figure is due (practitioners' 2022 figure: 2023-08-31), nothing is overdue
    monkeypatch.setenv("IPPLAN_TODAY", "2023-03-01")
    early = json.loads(cli("overview", "--json").stdout)["plans"]
    assert [p["overdue_figures"] for p in early] == [0, 0, 0, 0]
    monkeypatch.setenv("IPPLAN_TODAY", "2026-11-21")
    late = json.loads(cli("overview", "--json").stdout)["plans"]
    national = load_plans(load_workspace(ws / "ipplan.yaml"))["national"]
    expected = overdue_figures(national, dt.date(2026, 11, 21))
    assert late[0]["overdue_figures"] == len(expected) > 0
    # shown as a column on a wide terminal
    monkeypatch.setenv("COLUMNS", "130")
    assert "逾期数据" in cli("overview").stdout


def test_validate_of_a_workspace_names_what_git_has_not_merged(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.files.test_merge import git

    (ws / ".git").rmdir()
    git(ws, "init", "-q")
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "plans")
    monkeypatch.chdir(ws)
    assert cli("validate").exit_code == 0
    # the index as a merge leaves a record changed on one side and deleted on the other
    record = "provinces/gd/actuals/attorneys/2022.yaml"
    blob = git(ws, "rev-parse", f"HEAD:{record}").stdout.strip()
    entries = f"0 {'0' * 40}\t{record}\n100644 {blob} 1\t{record}\n100644 {blob} 2\t{record}\n"
    git(ws, "update-index", "--index-info", input=entries)
    bad = cli("validate", "--format", "json", "--lang", "en")
    assert bad.exit_code == 1
    assert [(p["file"], p["line"], p["code"]) for p in json.loads(bad.stdout)] == [
        (record, 1, "unmerged")
    ]
    assert "(deleted on their side, changed on ours)" in json.loads(bad.stdout)[0]["message"]


# --- only the plans the workspace holds ---------------------------------------------------------


def test_a_plan_directory_linked_out_of_the_workspace_is_refused(
    cli: Run, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    member(elsewhere / "gd", "别处的计划", "A plan from elsewhere")
    gd = ws / "provinces" / "gd"
    shutil.rmtree(gd)
    gd.symlink_to(elsewhere / "gd")  # provinces/gd, as ipplan.yaml names it, leads out
    monkeypatch.chdir(ws)
    line = (
        f"ipplan.yaml:6: directory-outside-workspace: directory provinces/gd leads through "
        f"a symbolic link to {elsewhere / 'gd'}, outside the workspace; a plan's directory must "
        "be inside it"
    )
    checked = cli("validate", "--lang", "en")
    assert checked.exit_code == 1 and checked.stderr.splitlines()[0] == line
    out = tmp_path / "public"
    for command in (
        ["site", str(out)],
        ["overview"],
        ["status", "--plan", "gd"],
        ["status", "--plan", "national"],
        ["report", "--plan", "national"],
    ):
        refused = cli(*command, "--lang", "en")
        assert (refused.exit_code, refused.stdout) == (1, ""), command
        assert refused.stderr.splitlines()[0] == line, command
    assert not out.exists()
    json_codes = [p["code"] for p in json.loads(cli("validate", "--format", "json").stdout)]
    assert json_codes == ["directory-outside-workspace"]
    # a link that stays inside the workspace is a directory like any other
    gd.unlink()
    (ws / "provinces" / "gd-real").mkdir()
    member(ws / "provinces" / "gd-real" / "data", "广东省计划", "Guangdong plan")
    gd.symlink_to(ws / "provinces" / "gd-real")
    assert cli("validate").exit_code == 0


def test_validate_in_a_plan_the_workspace_does_not_list_checks_that_plan(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlisted = ws / "provinces" / "hb"
    member(unlisted, "湖北省计划", "Hubei plan")
    write(unlisted, "tasks.yaml", "areas: [\n")  # broken
    monkeypatch.chdir(unlisted)
    result = cli("validate", "--lang", "en")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0].startswith("tasks.yaml:2: yaml-syntax:")
    assert "ipplan.yaml" not in result.stderr
    write(unlisted, "tasks.yaml", TASKS)
    ok = cli("validate", "--lang", "en")
    assert ok.exit_code == 0 and "ipplan.yaml" not in ok.stdout
    status = json.loads(cli("status", "--json").stdout)
    assert status["plan"]["title"] == "湖北省计划"
    overview = json.loads(cli("overview", "--json").stdout)
    assert [p["title"] for p in overview["plans"]] == ["湖北省计划"]
    assert "rollups" not in json.loads(cli("report", "--format", "json").stdout)
    # a listed plan still checks the workspace whole
    monkeypatch.chdir(ws / "provinces" / "gd")
    assert "ipplan.yaml" in cli("validate").stdout


def chain(root: Path, count: int) -> Path:
    """A workspace of ``count`` plans, each the parent of the next."""
    root.mkdir()
    lines = ["plans:"]
    for i in range(count):
        lines.append(
            f"  - name: p{i}\n    directory: p{i}" + (f"\n    parent: p{i - 1}" if i else "")
        )
    write(root, "ipplan.yaml", "\n".join(lines) + "\n")
    return root / "ipplan.yaml"


def test_a_parent_chain_of_990_plans_is_read_and_ordered_without_recursion(
    tmp_path: Path,
) -> None:
    import time

    from ipplan.workspace import _parent_first, subtree

    path = chain(tmp_path / "ws", 990)
    started = time.monotonic()
    for i in range(990):
        member(path.parent / f"p{i}", f"计划{i}", f"Plan {i}")
    workspace = load_workspace(path)
    assert workspace.names == [f"p{i}" for i in range(990)]  # parent first
    assert [workspace.depth(f"p{i}") for i in (0, 1, 989)] == [0, 1, 989]
    assert subtree(workspace, "p900").names == [f"p{i}" for i in range(900, 990)]
    assert subtree(workspace, "p900").depth("p989") == 89
    assert time.monotonic() - started < 30
    # a chain far longer than Python's recursion limit is ordered as well
    from ipplan.workspace import Member

    long = [Member(f"q{i}", tmp_path, f"q{i - 1}" if i else None, i) for i in range(100_000)]
    assert [m.name for m in _parent_first(long[::-1])][-1] == "q99999"


@pytest.mark.slow
def test_a_parent_chain_of_990_plans_through_the_commands(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = chain(tmp_path / "ws", 990)
    for i in range(990):
        member(path.parent / f"p{i}", f"计划{i}", f"Plan {i}", into="attorneys")
    # each rolls up into its parent; the first into itself would be refused, so it names none
    first = path.parent / "p0" / "indicators.yaml"
    first.write_text(
        first.read_text(encoding="utf-8").replace(
            "    rolls_up_to: {plan: national, indicator: attorneys}\n", ""
        ),
        encoding="utf-8",
    )
    for i in range(1, 990):
        indicators = path.parent / f"p{i}" / "indicators.yaml"
        indicators.write_text(
            indicators.read_text(encoding="utf-8").replace("plan: national", f"plan: p{i - 1}"),
            encoding="utf-8",
        )
    monkeypatch.chdir(path.parent)
    checked = cli("validate", "--lang", "en")
    assert checked.exit_code == 0, checked.stderr
    assert "990" in checked.stdout
    overview = json.loads(cli("overview", "--json").stdout)["plans"]
    assert [(p["name"], p["depth"]) for p in overview[-2:]] == [("p988", 988), ("p989", 989)]
    assert overview[-1]["rollup_differences"] == []
    human = cli("overview", "--lang", "en").stdout.splitlines()
    assert next(line for line in human if "p989" in line).startswith("      p989 ")  # kept in view
    site = path.parent / "public"
    assert cli("site", str(site)).exit_code == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.index("plans/p988/") < index.index("plans/p989/")  # parent first
    assert 'class="indent-2"><a href="plans/p989/' in index


def test_a_cycle_or_too_many_plans_is_one_problem_however_long(tmp_path: Path) -> None:
    path = chain(tmp_path / "ws", 100_000)
    workspace, problems = read_workspace(path)
    assert workspace is None
    assert [(p.line, p.code) for p in problems] == [(1, "too-many-plans")]
    ring = chain(tmp_path / "ring", 600)
    ring.write_text(
        ring.read_text(encoding="utf-8").replace(
            "  - name: p0\n    directory: p0\n",
            "  - name: p0\n    directory: p0\n    parent: p599\n",
        ),
        encoding="utf-8",
    )
    _, problems = read_workspace(ring)
    cycles = [p for p in problems if p.code == "parent-cycle"]
    assert len(cycles) == 600
    assert cycles[0].params["value"].split(" → ")[:3] == ["p0", "p599", "p598"]


def test_a_nul_byte_in_the_workspace_file_is_one_problem_line(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    (root / ".git").mkdir(parents=True)
    member(root / "a", "甲", "A")
    monkeypatch.chdir(root)
    for content, line in (
        (b'plans:\n  - name: a\n    directory: "a\\0b"\n', 3),  # the escape YAML reads as NUL
        (b"plans:\n  - name: a\n    directory: a\x00\n", 3),  # the byte itself
        (b'plans:\n  - name: "a\\0"\n    directory: a\n', 2),
        (b'plans:\n  - {name: a, directory: "a\\x1b[2J"}\n', 2),
    ):
        (root / "ipplan.yaml").write_bytes(content)
        for command in (["validate"], ["status"], ["overview"]):
            result = cli(*command, "--lang", "en")
            assert (result.exit_code, result.stdout) == (1, ""), (content, command)
            problems = [p for p in result.stderr.splitlines() if re.match(r"^\S+:\d+: ", p)]
            assert len(problems) == 1, (content, command, result.stderr)
            assert problems[0].startswith(f"ipplan.yaml:{line}: "), (content, problems)


NEW = ("--title", "上海市计划", "--years", "2022-2025")


def test_a_new_plan_joins_the_workspace_under_its_parent(
    cli: Run, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    (ws / "ipplan.yaml").write_text(WORKSPACE + "# the provinces still to come\n", "utf-8")
    before = (ws / "ipplan.yaml").read_bytes()
    done = cli("new", "provinces/sh", *NEW, "--parent", "national")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "已把它以 sh 之名加入工作区，上级计划为 national。"
    added = '  - name: sh\n    directory: "provinces/sh"\n    parent: national\n'
    assert (ws / "ipplan.yaml").read_bytes() == before.replace(
        b"# the provinces still to come\n",
        added.encode() + b"# the provinces still to come\n",
    )
    workspace = load_workspace(ws / "ipplan.yaml")
    assert workspace.plan("sh").parent == "national"
    assert workspace.plan("sh").directory == ws / "provinces" / "sh"
    assert cli("validate").exit_code == 0
    named = cli("new", "provinces/ah/data", *NEW, "--parent", "national", "--name", "anhui")
    assert named.exit_code == 0, named.stderr
    english = cli("new", "provinces/fj", *NEW, "--parent", "national", "--lang", "en")
    assert english.stdout.splitlines()[-1] == "It joined the workspace as fj, under national."
    assert load_workspace(ws / "ipplan.yaml").names == [
        "national",
        "gd",
        "js",
        "zj",
        "sh",
        "anhui",
        "fj",
    ]


def test_a_new_plan_that_cannot_join_changes_nothing(
    cli: Run, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    outside = tmp_path / "elsewhere"
    cases = [
        (WORKSPACE, ["provinces/sh", "--parent", "nationa"], "工作区 "),
        (WORKSPACE, ["provinces/sh", "--parent", "national", "--name", "gd"], "已有名为 gd 的计划"),
        (WORKSPACE, ["provinces/sh", "--parent", "national", "--name", "9x"], "9x 不能作为计划名"),
        (WORKSPACE, [str(outside), "--parent", "national"], "不在工作区"),
        (
            WORKSPACE.replace("national\n", "national\n    members: [gd, js, zj]\n", 1),
            ["provinces/sh", "--parent", "national"],
            "其中没有 sh",
        ),
        (
            "plans: [{name: national, directory: national}]\n",
            ["provinces/sh", "--parent", "national"],
            "写在一行",
        ),
        (  # the count no longer holds once sh is added: written, read back, put back
            WORKSPACE.replace("national\n", "national\n    members: 3\n", 1),
            ["provinces/sh", "--parent", "national"],
            "members-fewer-than-listed",
        ),
    ]
    for workspace, args, said in cases:
        write(ws, "ipplan.yaml", workspace)
        before = snapshot(ws)
        result = cli("new", *args, *NEW)
        assert result.exit_code == 1, args
        assert said in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert snapshot(ws) == before, args
        assert not outside.exists() and not (ws / "provinces" / "sh").exists()
    usage = cli("new", "provinces/sh", *NEW, "--name", "sh")
    assert usage.exit_code == 2 and "--parent" in usage.stderr
    monkeypatch.chdir(tmp_path)
    alone = cli("new", "solo", *NEW, "--parent", "national")
    assert alone.exit_code == 1 and "--parent national 需要工作区" in alone.stderr
    assert not (tmp_path / "solo").exists()
