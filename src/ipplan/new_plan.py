"""A new, empty plan: the files ``ipplan new`` writes, and writing them all or not at all.

The plan validates as it is. Each file names its schema on its first line, so an editor checks
it as it is typed, and carries one commented example of each kind of indicator (indicative,
binding, cumulative) and of an area and an action, ready to be uncommented and edited.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ipplan.data import FIRST_YEAR, LAST_YEAR, Indicator, Point
from ipplan.errors import (
    DataNotWritable,
    EmptyTitle,
    InvalidPlanYears,
    InvisibleText,
    SuccessorYears,
    TargetExists,
)
from ipplan.plan import Plan
from ipplan.text.typed_input import clean_text

# "2026-2030", with any dash, a tilde, 至 or 到 between the years, and full-width digits
_YEARS = re.compile(r"\s*(\d{4})\s*(?:-|–|—|~|～|至|到)\s*(\d{4})\s*(?:年)?\s*")
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}


def parse_years(text: str) -> tuple[int, int]:
    """The first and last year of a plan written as ``2026-2030``."""
    found = _YEARS.fullmatch(text.translate(_WIDTH))
    if found is None:
        raise InvalidPlanYears(value=text, low=FIRST_YEAR + 1, high=LAST_YEAR)
    first, last = int(found.group(1)), int(found.group(2))
    if not FIRST_YEAR < first <= last <= LAST_YEAR:
        raise InvalidPlanYears(value=text, low=FIRST_YEAR + 1, high=LAST_YEAR)
    return first, last


def _quoted(value: str) -> str:
    """Text as a YAML scalar that reads back exactly (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def indicators_file(
    title: str,
    first: int,
    last: int,
    title_en: str | None = None,
    issuer: str | None = None,
    issuer_en: str | None = None,
) -> str:
    """indicators.yaml of a plan for the years ``first`` to ``last``, with no indicator yet."""
    base = first - 1

    def optional(name: str, value: str | None, example: str) -> str:
        if value is None:
            return f"  # {name}: {example}\n"
        return f"  {name}: {_quoted(value)}\n"

    return (
        "# yaml-language-server: $schema=schema/indicators.schema.json\n"
        "# The plan and its indicators. Edit by hand and check with `ipplan validate`; every\n"
        "# field is explained in docs/writing-a-plan.md. Yearly actuals are not kept here:\n"
        "# `ipplan record` writes them.\n"
        "\n"
        "plan:\n"
        f"  title: {_quoted(title)}\n"
        + optional("title_en", title_en, "Title in English")
        + optional("issuer", issuer, "发布单位")
        + optional("issuer_en", issuer_en, "Issuer in English")
        + f"  baseline_year: {base}  # the year before the plan's first year\n"
        f"  target_year: {last}\n"
        "  # Pace thresholds for the statuses, and the plausibility limit (these are the\n"
        "  # defaults):\n"
        "  # thresholds: {on_track: 0.95, needs_acceleration: 0.60, lagging: 0.0}\n"
        "  # max_change: 0.5\n"
        "\n"
        "# Units beyond ipplan's library (人, 家, %, ‰, 亿元, 件, 万件, 次, 人次, 项, 个, 亿美元,\n"
        "# ...). To declare one, delete [] and the '# ' before the example's lines.\n"
        "units: []\n"
        "#   - symbol: 件/万人\n"
        "#     name: 件每万人\n"
        "#     name_en: per 10,000 people\n"
        "#     whole: false\n"
        "#     min: 0\n"
        "#     max: 1000\n"
        "\n"
        "# One example of each kind of indicator. To use them, delete [] and the '# ' before\n"
        "# their lines, then write the plan's own.\n"
        "indicators: []\n"
        "#   # An indicative indicator (预期性指标): a year-end value against the target.\n"
        "#   - key: practitioners\n"
        "#     number: 1\n"
        "#     name: 执业专利代理师人数\n"
        "#     name_en: Practising patent attorneys\n"
        "#     unit: 人\n"
        "#     direction: increase\n"
        f"#     baseline: {{year: {base}, value: 40000}}\n"
        f"#     target: {{year: {last}, value: 55000}}\n"
        "#     definition: 年末在执业的专利代理师人数。\n"
        "#\n"
        "#   # A binding indicator (约束性指标): the same, marked to stand out in every output.\n"
        "#   - key: complaint_rate\n"
        "#     number: 2\n"
        "#     name: 投诉案件人均量\n"
        "#     name_en: Complaints per practitioner\n"
        "#     unit: ‰\n"
        "#     binding: true\n"
        "#     direction: decrease\n"
        f"#     baseline: {{year: {base}, value: 2}}\n"
        f"#     target: {{year: {last}, value: 1.5}}\n"
        "#\n"
        "#   # A cumulative indicator: each year's actual is that year's amount, and the\n"
        f"#   # target is the total over {first}-{last}; a baseline, if any, is the previous\n"
        "#   # period's total, for information.\n"
        "#   - key: trained\n"
        "#     number: 3\n"
        "#     name: 专利代理师培训人次\n"
        "#     name_en: Practitioners trained\n"
        "#     unit: 人次\n"
        "#     accumulate: sum\n"
        "#     direction: increase\n"
        "#     baseline: null\n"
        f"#     target: {{year: {last}, value: 60000}}\n"
    )


TASKS = """\
# yaml-language-server: $schema=schema/tasks.schema.json
# The plan's areas and actions. Edit by hand and check with `ipplan validate`; the fields are
# explained in docs/writing-a-plan.md. `ipplan task` records updates elsewhere.

# To use the examples, delete [] and the '# ' before their lines.
areas: []
#   - id: talent
#     number: 1
#     title: 加强人才队伍建设
#     title_en: Build the profession's talent

actions: []
#   - id: training
#     area: talent
#     title: 加大行业人才培养
#     title_en: Train more practitioners
#     measures:
#       - 组织专利代理师实习培训和执业培训。
#     indicators: [practitioners, trained]
#     lead: null
#     due: null
#     status: not_started
"""


def files(
    title: str,
    first: int,
    last: int,
    title_en: str | None = None,
    issuer: str | None = None,
    issuer_en: str | None = None,
) -> dict[str, str]:
    """The text files of a new plan, by name; the schemas are written beside them."""
    from ipplan.files import layout

    return {
        layout.FILES["indicators"]: indicators_file(
            title, first, last, title_en, issuer, issuer_en
        ),
        layout.FILES["tasks"]: TASKS,
        ".gitignore": layout.GITIGNORE,
    }


@dataclass(frozen=True)
class Source:
    """The plan a new one carries its indicators from (``new --from``): the successor of a plan
    whose period has ended, or (``member_of``, its name in the workspace) a member plan whose
    indicators roll up into it."""

    plan: Plan
    name: str  # as the person named it, for the messages
    with_actions: bool = False
    member_of: str | None = None
    directory: Path | None = None  # its data directory, recorded in a successor as predecessor


@dataclass(frozen=True)
class Carried:
    """What a new plan took from its source: indicators, baselines known and pending, actions."""

    indicators: int
    known: int
    pending: int
    actions: int
    rolls_up: int = 0  # a member plan's indicators that add up into its parent's


def check_successor_years(source: Source, first: int, years: str) -> None:
    """A successor starts the year after its source ends (its baseline year is the source's
    target year); a member plan covers its parent's years."""
    info = source.plan.info
    start = info.baseline_year + 1 if source.member_of is not None else info.target_year + 1
    if first != start:
        raise SuccessorYears(
            value=years,
            old=source.name,
            old_first=info.baseline_year + 1,
            old_last=info.target_year,
            first=start,
        )


def create(
    target: Path,
    title: str,
    years: str,
    title_en: str | None = None,
    issuer: str | None = None,
    issuer_en: str | None = None,
    source: Source | None = None,
) -> Carried | None:
    """Write a new plan into ``target``: all its files, or nothing; with ``source``, carrying
    its indicators (:func:`successor_files`), and what was carried is returned.

    ``target`` must not exist, or be an empty directory. The files are written into a hidden
    directory beside it, checked to be a valid plan, then moved into place with one rename.
    """
    from ipplan import load
    from ipplan.check import schema
    from ipplan.files import atomic, layout
    from ipplan.locate import keep_out_of_plans

    first, last = parse_years(years)
    if source is not None:
        check_successor_years(source, first, years)
    keep_out_of_plans(target, itself=False)  # a plan there already: TargetExists
    try:
        required = clean_text(title, "--title")
    except InvisibleText:
        required = None  # spaces or invisible characters alone are no title
    texts = {
        "title": required,
        "title_en": clean_text(title_en, "--title-en"),
        "issuer": clean_text(issuer, "--issuer"),
        "issuer_en": clean_text(issuer_en, "--issuer-en"),
    }
    if texts["title"] is None:
        raise EmptyTitle()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetExists(path=str(target))
    parent = target.absolute().parent
    made = _missing_parents(parent)

    carried = None
    if source is None:
        contents = files(
            texts["title"], first, last, texts["title_en"], texts["issuer"], texts["issuer_en"]
        )
    else:
        contents, carried = successor_files(
            source, texts["title"], first, last, texts["title_en"], texts["issuer"],
            texts["issuer_en"], predecessor=_relative(source, target),
        )  # fmt: skip

    def build(staging: Path) -> None:
        for name, content in contents.items():
            (staging / name).write_text(content, encoding="utf-8")
        schema.write_schemas(staging / layout.SCHEMA_DIR)
        load.load(layout.DataDir(staging))  # a new plan that does not validate is never left

    done = False
    try:
        parent.mkdir(parents=True, exist_ok=True)
        # replaces an empty directory; never a full one (TargetExists)
        atomic.stage_directory(target.absolute(), build, prefix=f".{target.name}.")
        done = True
    except OSError as exc:
        raise DataNotWritable(path=str(target), detail=exc.strerror or str(exc)) from None
    finally:
        if not done:
            for directory in made:
                with contextlib.suppress(OSError):
                    directory.rmdir()
    return carried


def _relative(source: Source, target: Path) -> str | None:
    """Where a successor's previous plan is, seen from the successor (``target``), so that
    both can move together; None for a member plan, or a source with no directory."""
    import os

    if source.member_of is not None or source.directory is None:
        return None
    here = target.absolute().parent.resolve() / target.name
    return Path(os.path.relpath(source.directory.resolve(), here)).as_posix()


def _missing_parents(directory: Path) -> list[Path]:
    """The directories up to ``directory`` that do not exist yet, deepest first."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    return missing


def create_member(
    target: Path,
    parent: str,
    name: str | None,
    cwd: Path,
    environ: Mapping[str, str],
    source: Source | None = None,
    **plan: str | None,
) -> tuple[str, Carried | None]:
    """Write a new plan into ``target`` (as :func:`create`, ``plan`` its title, years and
    heading) and add it to the workspace around ``cwd`` under ``parent``; its name in the
    workspace is returned. The workspace file is checked before anything is written; if it
    cannot take the plan after all, the new plan is removed again, so both or neither change."""
    from ipplan.errors import ParentNeedsWorkspace
    from ipplan.files import discover
    from ipplan.workspace import add_plan, plan_addition

    found = discover.search(cwd, environ)
    if found.workspace is None:
        raise ParentNeedsWorkspace(name=parent, start=str(cwd))
    addition = plan_addition(found.workspace, target, parent, name)
    existed = target.is_dir()  # empty, or create refuses it
    title, years = plan.pop("title"), plan.pop("years")
    assert title is not None and years is not None
    carried = create(target, title, years, source=source, **plan)
    try:
        add_plan(addition)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # the plan just written, nothing else
        if existed:
            with contextlib.suppress(OSError):
                target.mkdir()
        raise
    return addition.name, carried


# --- a plan carried from another ----------------------------------------------------------------

# The indicator's fields that describe it, carried as they are; its figures (baseline, target,
# milestones, the official baseline) belong to the source's period and are not.
_DESCRIBING = (
    "number",
    "name",
    "name_en",
    "unit",
    "binding",
    "accumulate",
    "direction",
    "definition",
    "definition_en",
    "max_change",
    "published_after_months",
)


def _flow(value: object) -> str:
    """A value as YAML that reads back exactly: a record as a flow mapping, text quoted."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        pairs = ", ".join(f"{k}: {_flow(v)}" for k, v in value._asdict().items())
        return "{" + pairs + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _quoted(str(value))


def carried_baseline(plan: Plan, indicator: Indicator) -> Point | None:
    """The new baseline of ``indicator``: its figure for ``plan``'s target year (a cumulative
    indicator's total over every year of ``plan``); None while that figure is not recorded, or
    recorded as not published."""
    last = plan.info.target_year
    values = {a.year: a.value for a in plan.actuals.get(indicator.key, ()) if a.value is not None}
    if indicator.accumulate == "sum":
        if any(year not in values for year in plan.years):
            return None
        return Point(year=last, value=sum(values[year] for year in plan.years))
    if last not in values:
        return None
    found = values[last]
    return Point(year=last, value=found)


def successor_files(
    source: Source,
    title: str,
    first: int,
    last: int,
    title_en: str | None = None,
    issuer: str | None = None,
    issuer_en: str | None = None,
    predecessor: str | None = None,
) -> tuple[dict[str, str], Carried]:
    """The files of a plan carried from ``source``: its indicators with every target pending;
    each baseline the source's figure for its target year (a successor), or pending (a member
    plan, which writes its own); the source's own units; its areas and actions when asked.
    A successor names its previous plan (``predecessor``, relative to itself); a member plan,
    its parent (``member_of``)."""
    from ipplan.files import layout
    from ipplan.units import LIBRARY

    old = source.plan
    info = old.info
    base = first - 1
    member = source.member_of is not None
    issuer = issuer if issuer is not None or member else info.issuer
    issuer_en = issuer_en if issuer_en is not None or member else info.issuer_en
    period = f"{info.baseline_year + 1}-{info.target_year}"
    origin = (
        [
            f"# A member plan of {source.member_of} ({period}), made by `ipplan new --member-of`:",
            "# its indicators are the parent's; each baseline and target is this plan's own,",
            f"# pending (null) until written in (`ipplan record {base} KEY VALUE` sets a",
            "# baseline);",
        ]
        if member
        else [
            f"# Carried from {source.name} ({period}) by `ipplan new --from`: each target is",
            "# pending (value: null) until it is written in, each baseline not known yet too",
            f"# (`ipplan record {base} KEY VALUE` writes one in);",
        ]
    )
    lines = [
        "# yaml-language-server: $schema=schema/indicators.schema.json",
        "# The plan and its indicators. Edit by hand and check with `ipplan validate`; every",
        "# field is explained in docs/writing-a-plan.md. Yearly actuals are not kept here:",
        "# `ipplan record` writes them.",
        *origin,
        "# `ipplan validate` names each one still pending, `validate --strict` fails on them.",
        "",
        "plan:",
        f"  title: {_quoted(title)}",
    ]
    for name, value in (("title_en", title_en), ("issuer", issuer), ("issuer_en", issuer_en)):
        if value is not None:
            lines.append(f"  {name}: {_quoted(value)}")
    lines += [
        f"  baseline_year: {base}",
        f"  target_year: {last}",
        f"  thresholds: {_flow(info.thresholds)}",
        f"  max_change: {_flow(info.max_change)}",
    ]
    if member:
        lines.append(f"  member_of: {_quoted(str(source.member_of))}")
    elif predecessor is not None:
        lines.append(f"  predecessor: {_quoted(predecessor)}")
    if info.rollup_tolerance and not member:  # how its members' sums are checked, as before
        lines.append(f"  rollup_tolerance: {_flow(info.rollup_tolerance)}")
    lines.append("")
    used = {i.unit for i in old.indicators}
    own = [
        old.units[symbol]
        for symbol in sorted(used)
        if symbol in old.units and old.units[symbol] != LIBRARY.get(symbol)
    ]
    if own:
        lines.append("units:")
        for unit in own:
            lines += [
                f"  - symbol: {_quoted(unit.symbol)}",
                f"    name: {_quoted(unit.name)}",
                f"    name_en: {_quoted(unit.name_en)}",
                f"    whole: {_flow(unit.whole)}",
                f"    min: {_flow(unit.low)}",
                f"    max: {_flow(unit.high)}",
            ]
    else:
        lines.append("units: []")
    lines += ["", "indicators:" if old.indicators else "indicators: []"]
    known = pending = rolls = 0
    for indicator in old.indicators:
        lines.append(f"  - key: {indicator.key}")
        for name in _DESCRIBING:
            value = getattr(indicator, name)
            if value is not None and value is not False:
                lines.append(f"    {name}: {_flow(value)}")
        baseline = None if member else carried_baseline(old, indicator)
        if baseline is not None:
            known += 1
            lines.append(f"    baseline: {_flow(baseline)}")
        else:
            pending += 1
            lines.append("    baseline: null")
            lines.append(f"    baseline_pending: true  # the {base} figure, not written in yet")
        lines.append(f"    target: {{year: {last}, value: null}}  # pending: write the value")
        if member and _adds_up(old, indicator):
            rolls += 1
            lines.append(
                f"    rolls_up_to: {{plan: {source.member_of}, indicator: {indicator.key}}}"
            )
    actions = 0
    tasks = TASKS
    if source.with_actions:
        tasks, actions = _carried_tasks(old)
    contents = {
        layout.FILES["indicators"]: "\n".join(lines) + "\n",
        layout.FILES["tasks"]: tasks,
        ".gitignore": layout.GITIGNORE,
    }
    return contents, Carried(len(old.indicators), known, pending, actions, rolls)


def _adds_up(plan: Plan, indicator: Indicator) -> bool:
    """Whether the members' figures of ``indicator`` add up to the parent's: counts and
    amounts do; a share (a unit with an upper bound, such as % or ‰) does not."""
    unit = plan.units.get(indicator.unit)
    return unit is not None and unit.high is None


def _carried_tasks(plan: Plan) -> tuple[str, int]:
    """tasks.yaml with ``plan``'s areas and actions: each not started and with no due date
    (both belong to the old period), its lead, measures and indicators as they were."""
    lines = [
        "# yaml-language-server: $schema=schema/tasks.schema.json",
        "# The plan's areas and actions, carried by `ipplan new --from --with-actions`: each is",
        "# not started and has no due date. Edit by hand and check with `ipplan validate`.",
        "",
        "areas:" if plan.areas else "areas: []",
    ]
    for area in plan.areas:
        lines += [
            f"  - id: {area.id}",
            f"    number: {area.number}",
            f"    title: {_quoted(area.title)}",
            f"    title_en: {_quoted(area.title_en)}",
        ]
    lines += ["", "actions:" if plan.actions else "actions: []"]
    for action in plan.actions:
        lines += [
            f"  - id: {action.id}",
            f"    area: {action.area}",
            f"    title: {_quoted(action.title)}",
            f"    title_en: {_quoted(action.title_en)}",
            "    measures:",
            *(f"      - {_quoted(m)}" for m in action.measures),
            f"    indicators: {_flow(list(action.indicators))}",
            f"    lead: {_flow(action.lead)}",
            "    due: null",
            "    status: not_started",
        ]
    return "\n".join(lines) + "\n", len(plan.actions)
