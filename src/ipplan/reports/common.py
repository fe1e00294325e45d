"""What the Markdown and HTML reports both say, as headings, plain-text lines and tables.

Each format only decides how a heading, a line or a table is written, so the two cannot drift
apart in what they report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ipplan.render import sentences
from ipplan.render.sentences import pick
from ipplan.text.i18n import colon, joined, label, text, unit_label
from ipplan.text.shown_numbers import DASH, exact, number, percent, ratio, signed
from ipplan.text.shown_numbers import point as _point


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int]  # columns to right-align
    status_column: int | None = None  # the column that shows each row's status ...
    statuses: tuple[str, ...] = ()  # ... whose code, row by row, lets a format colour it
    notes: tuple[str, ...] = ()  # lines under the table that explain a mark its cells show


def title(report: Mapping[str, Any], lang: str) -> str:
    return text("report.title", lang, title=pick(report["plan"], "title", lang))


def intro(report: Mapping[str, Any], lang: str) -> list[str]:
    plan = report["plan"]
    lines = []
    if plan["issuer"]:
        lines.append(text("report.issuer", lang, issuer=pick(plan, "issuer", lang)))
    lines.append(as_of_line(report, lang))
    lines.append(made_line(report, lang))
    return lines + sentences.final_evaluation(report, lang)


def public_record_heading(report: Mapping[str, Any], lang: str) -> str:
    final = report["final_evaluation"] is not None
    return text("record.section" if final else "record.section_overdue", lang)


def public_record_table(report: Mapping[str, Any], lang: str) -> Table | None:
    """Each indicator's verdict once the plan has ended, the yearly figures overdue on the
    report's day and those recorded as not published; None when there is none of these."""
    final = report["final_evaluation"] is not None
    unpublished = any(ind.get("not_published") for ind in report["indicators"])
    rows = []
    for ind in report["indicators"]:
        overdue = sentences.overdue_years(ind, lang)
        absent = sentences.not_published_years(ind, lang)
        if not final and overdue is None and absent is None:
            continue
        row = [str(ind["number"]), pick(ind, "name", lang)]
        if final:
            row.append(sentences.verdict(ind, lang) or "")
        row.append(overdue or "")
        if unpublished:
            row.append(absent or "")
        rows.append(row)
    if not rows:
        return None
    headers = [text("col.number", lang), text("col.indicator", lang)]
    if final:
        headers.append(text("record.final_label", lang))
    headers.append(text("record.overdue_column", lang, day=report["day"]))
    if unpublished:
        headers.append(text("record.not_published_column", lang))
    return Table(headers, rows, {0})


def as_of_line(report: Mapping[str, Any], lang: str) -> str:
    """Which years the report counts."""
    if report["as_of"] is not None:
        return text("report.as_of", lang, year=report["as_of"])
    years = [i["latest"]["year"] for i in report["indicators"] if i.get("latest")]
    if years:  # every recorded year counts: the report is as of the latest of them
        return text("report.all_data_to", lang, year=max(years))
    return text("report.all_data", lang)


def made_line(report: Mapping[str, Any], lang: str) -> str:
    """When the report was made: the time of the latest change it counts, or the time given by
    $SOURCE_DATE_EPOCH; never the clock, so the same data gives the same bytes."""
    made = report["made"]
    if made is None:
        return text("report.made_none", lang)
    key = "report.made_epoch" if made["basis"] == "source_date_epoch" else "report.made_recorded"
    return text(key, lang, time=made_time(made["time"]))


def made_time(value: str) -> str:
    """An ISO time as ``2024-03-01 10:05 UTC+08:00``: in the offset it carries, which is part
    of the data, and never the reader's own zone, which would change the report's bytes."""
    moment = dt.datetime.fromisoformat(value)
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{moment:%Y-%m-%d %H:%M} {zone}"


def method(report: Mapping[str, Any], lang: str) -> str:
    t = report["plan"]["thresholds"]
    cumulative = ""
    if any(ind["accumulate"] for ind in report["indicators"]):
        cumulative = text("report.method_cumulative", lang)
    return (
        text(
            "report.method_text",
            lang,
            on_track=number(t["on_track"]),
            needs=number(t["needs_acceleration"]),
            lagging=number(t["lagging"]),
        )
        + cumulative
    )


def summary_table(report: Mapping[str, Any], lang: str) -> Table:
    rows = [[label(status, lang), str(n)] for status, n in report["summary"].items() if n]
    return Table([text("col.status", lang), text("col.count", lang)], rows, {1})


def status_words(ind: Mapping[str, Any], lang: str) -> str:
    words = label(ind["status"], lang)
    if ind["methods_disagree"]:
        words += " ≠"
    return words


def overview_table(
    indicators: list[Mapping[str, Any]], report: Mapping[str, Any], lang: str
) -> Table:
    """Indicators at a glance: the tracking-table columns a reader scans first."""
    plan = report["plan"]
    headers = [
        text("col.number", lang),
        text("col.indicator", lang),
        text("col.unit", lang),
        f"{text('col.baseline', lang)} {plan['baseline_year']}",
        text("col.latest", lang),
        f"{text('col.target', lang)} {plan['target_year']}",
        text("col.progress", lang),
        text("col.pace", lang),
        text("col.pace_cagr", lang),
        text("col.status", lang),
    ]
    rows = []
    for ind in indicators:
        rows.append(
            [
                str(ind["number"]),
                name(ind, lang),
                unit_of(ind, lang),
                baseline_cell(ind),
                latest(ind),
                sentences.target_cell(ind["target"], lang),
                percent(ind["progress"]),
                ratio(ind["pace"]),
                ratio(ind["pace_cagr"]),
                status_words(ind, lang),
            ]
        )
    statuses = tuple(ind["status"] for ind in indicators)
    return Table(
        headers, rows, {0, 3, 4, 5, 6, 7, 8}, 9, statuses, marks_explained(indicators, lang)
    )


def baseline_cell(ind: Mapping[str, Any]) -> str:
    """The plan's baseline value, a provisional one marked * (:func:`marks_explained`)."""
    baseline = DASH if ind["baseline"] is None else number(ind["baseline"]["value"])
    return baseline + "*" if ind["provisional_baseline"] else baseline


def marks_explained(indicators: list[Mapping[str, Any]], lang: str) -> tuple[str, ...]:
    """The legend under a table whose baseline cells (:func:`baseline_cell`) show the mark *:
    one line, only when a row shows it."""
    if any(ind["provisional_baseline"] for ind in indicators):
        return (text("label.provisional_legend", lang),)
    return ()


def name(ind: Mapping[str, Any], lang: str) -> str:
    """The indicator's name, a binding one marked ◆."""
    return ("◆" if ind["binding"] else "") + pick(ind, "name", lang)


def latest(ind: Mapping[str, Any]) -> str:
    """What the indicator is assessed on: the latest actual, or a running total marked Σ."""
    mark = sentences.BASIS_MARK if sentences.basis_crossed(ind) else ""
    if ind["total"] is not None:
        return "Σ" + _point(ind["total"]) + mark
    return _point(ind["latest"]) + mark


def series_table(ind: Mapping[str, Any], lang: str) -> Table:
    """The indicator's years: the path (and milestones), the actual, the deviation, the source."""
    milestones = bool(ind["milestones"])
    headers = [text("col.year", lang), text("col.path", lang)]
    if milestones:
        headers.append(text("col.milestone", lang))
    cumulative = bool(ind["accumulate"])
    headers.append(text("col.actual", lang))
    if cumulative:
        headers.append(text("col.total", lang))
    headers += [
        text("col.deviation", lang),
        text("col.source", lang),
        text("col.note", lang),
    ]
    by_year = {a["year"]: a for a in ind["actuals"]}
    overdue = {f["year"]: f["due"] for f in ind["overdue_figures"]}
    rows = []
    for point in ind["path"]:
        actual = by_year.get(point["year"], {})
        note = actual.get("note") or ""
        if point["year"] in overdue:
            note = text("record.overdue_cell", lang, due=overdue[point["year"]])
        shown, said = sentences.year_figure(point["actual"], actual, point["year"], lang)
        if said:
            note = sentences.joined(note, said, lang)
        row = [str(point["year"]), number(point["linear"])]
        if milestones:
            row.append(number(point["milestone"]) if point["milestone"] is not None else "")
        row.append(shown)
        if cumulative:
            row.append(number(point["total"]))
        row += [
            signed(point["deviation"]),
            actual.get("source") or "",
            note,
        ]
        rows.append(row)
    numeric = set(range(len(headers) - 2))
    return Table(headers, rows, numeric)


def assessment_lines(ind: Mapping[str, Any], report: Mapping[str, Any], lang: str) -> list[str]:
    """The assessment in sentences: status, pace by both methods, gap, outlook."""
    unit = unit_of(ind, lang)
    lines = [f"{text('col.status', lang)}{colon(lang)}{label(ind['status'], lang)}"]
    verdict = sentences.verdict(ind, lang)
    if verdict:
        lines.append(f"{text('record.final_label', lang)}{colon(lang)}{verdict}")
    overdue = sentences.overdue_years(ind, lang)
    if overdue:
        lines.append(text("record.overdue_line", lang, years=overdue))
    absent = sentences.not_published_years(ind, lang)
    if absent:
        lines.append(text("record.not_published_line", lang, years=absent))
    lines += [sentences.BASIS_MARK + " " + said for said in sentences.basis_changes(ind, lang)]
    if ind["latest"] is None:
        lines.append(text("report.no_latest", lang))
        return lines
    if ind["provisional_baseline"]:
        lines.append("* " + text("label.provisional_year", lang, year=ind["baseline"]["year"]))
    if ind["missing_years"]:
        years = ", ".join(str(y) for y in ind["missing_years"])
        lines.append(text("label.missing_short", lang, years=years))
    if ind["progress"] is not None:
        lines.append(
            text(
                "report.progress_line",
                lang,
                progress=percent(ind["progress"]),
                time=percent(ind["time_elapsed"]),
            )
        )
    if ind["pace"] is not None:
        compound = DASH if ind["status_cagr"] is None else label(ind["status_cagr"], lang)
        if ind["accumulate"]:
            compound = text("label.no_compound_cumulative", lang)
        lines.append(
            text(
                "report.pace_line",
                lang,
                pace=ratio(ind["pace"]),
                pace_cagr=ratio(ind["pace_cagr"]),
                status_cagr=compound,
            )
        )
    disagreement = sentences.disagreement(ind, lang)
    if disagreement:
        lines.append(disagreement)
    if ind["gap"] is None:  # the target pending: nothing is measured against it
        return lines
    gap = sentences.gap(ind["gap"], unit, lang)
    if ind["status"] == "achieved":  # nothing is required per year once the target is reached
        lines.append(text("report.gap_reached", lang, gap=gap))
    else:
        required = sentences.required(ind, unit, lang)
        lines.append(text("report.gap_line", lang, gap=gap, required=required))
    projection = ind["projection"]
    ahead = sentences.looks_ahead(ind)
    if ahead and projection["linear"] is not None:
        cagr = DASH if projection["cagr"] is None else f"{forecast(projection['cagr'], ind)} {unit}"
        lines.append(
            text(
                "report.projection",
                lang,
                year=ind["target"]["year"],
                linear=f"{forecast(projection['linear'], ind)} {unit}",
                cagr=cagr,
            )
        )
    trend = sentences.trend(ind, lang) if ahead else None
    lines += [s for s in (trend, sentences.expected(ind, lang)) if s]
    return lines


def linked_actions(ind: Mapping[str, Any], lang: str) -> list[str]:
    return [
        f"{action['id']} {pick(action, 'title', lang)}"
        + (
            f"（{label(action['status'], lang)}）"
            if lang == "zh"
            else f" ({label(action['status'], lang)})"
        )
        for action in ind["actions"]
    ]


ACTION_COLUMNS = (
    "col.id",
    "col.action",
    "col.status",
    "col.lead",
    "col.due",
    "col.indicators",
    "report.latest_update",
)


def latest_note(action: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The action's most recent update that carries a note."""
    notes = [u for u in action["updates"] if u["note"]]
    return notes[-1] if notes else None


def actions_table(area: Mapping[str, Any], lang: str) -> Table:
    headers = [text(column, lang) for column in ACTION_COLUMNS]
    rows = []
    for action in area["actions"]:
        note = latest_note(action)
        rows.append(
            [
                action["id"],
                pick(action, "title", lang),
                label(action["status"], lang),
                action["lead"] or DASH,
                action["due"] or DASH,
                ", ".join(action["indicators"]) or DASH,
                f"{note['recorded'][:10]} {note['note']}" if note else "",
            ]
        )
    statuses = tuple(action["status"] for action in area["actions"])
    return Table(headers, rows, set(), 2, statuses)


def indicators_of(area: Mapping[str, Any], report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    keys = set(area["indicators"])
    return [ind for ind in report["indicators"] if ind["key"] in keys]


def heading(ind: Mapping[str, Any], lang: str) -> str:
    return f"{ind['number']}. {name(ind, lang)} ({unit_of(ind, lang)})"


def unit_of(ind: Mapping[str, Any], lang: str) -> str:
    """The indicator's unit as ``lang`` writes it (亿元 is "100 million yuan" in English)."""
    return unit_label(ind["unit"], lang, ind.get("unit_en"))


def forecast(value: float, ind: Mapping[str, Any]) -> str:
    """A projected value: a count of people or agencies is a whole number."""
    from ipplan.units import counts

    return number(round(value)) if counts(ind["unit"]) else number(value)


def subtitle(ind: Mapping[str, Any], lang: str) -> list[str]:
    """Definition, direction, baseline and target: what the indicator is."""
    lines = []
    other = ind["name"] if lang == "en" else ind["name_en"]
    lines.append(other)
    if ind["binding"]:
        lines.append(text("label.binding_mark", lang))
    if ind["accumulate"]:
        lines.append(
            text(
                "label.cumulative",
                lang,
                first=ind["origin"]["year"] + 1,
                last=ind["target"]["year"],
            )
        )
    definition = ind.get("definition_en") if lang == "en" else ind.get("definition")
    if definition:
        lines.append(f"{text('label.definition', lang)}{colon(lang)}{definition}")
    baseline = sentences.baseline_shown(ind, lang)
    if ind["accumulate"] and ind["baseline"]:
        baseline += " " + text("label.previous_total", lang)
    lines.append(
        f"{text('label.direction', lang)}{colon(lang)}{label(ind['direction'], lang)} · "
        f"{text('label.baseline', lang)}{colon(lang)}{baseline} · "
        f"{text('label.target', lang)}{colon(lang)}{sentences.target_shown(ind['target'], lang)}"
    )
    official = sentences.official_baseline(ind, lang)
    if official:
        lines.append(f"{text('record.official_label', lang)}{colon(lang)}{' · '.join(official)}")
    published = sentences.published(ind, lang)
    if published:
        lines.append(f"{text('record.publication', lang)}{colon(lang)}{published}")
    return lines


# --- work plans: the roadmap and each year's progress ------------------------------------------


def work_state(state: str, lang: str) -> str:
    return text(f"wp.{state}", lang)


def roadmap_tables(roadmap: Mapping[str, Any] | None, lang: str) -> list[tuple[str, Table]]:
    """The roadmap (``roadmap --json``, a report's ``work.roadmap``), one table per area:
    actions against the plan's years, and progress. The one roadmap table of every report
    format and of the site."""
    if not roadmap:
        return []
    found = []
    for area in roadmap["areas"]:
        headers = [
            text("col.action", lang),
            *map(str, roadmap["years"]),
            text("col.progress", lang),
        ]
        rows = []
        for action in area["actions"]:
            cells = [f"{action['id']} {pick(action, 'title', lang)}"]
            for year in roadmap["years"]:
                entries = action["years"][str(year)]
                cells.append(
                    "; ".join(f"{e['id']} {work_state(e['state'], lang)}" for e in entries) or DASH
                )
            p = action["progress"]
            done = text("roadmap.progress", lang, done=p["done"], counted=p["counted"])
            cells.append(DASH if not p["counted"] else f"{done} ({percent(p['share'])})")
            rows.append(cells)
        found.append(
            (f"{area['number']}. {pick(area, 'title', lang)}", Table(headers, rows, set()))
        )
    return found


def workplan_sections(report: Mapping[str, Any], lang: str) -> list[tuple[str, str, Table]]:
    """Each year's work plan: its heading, a line of counts by state, and its table."""
    work = report.get("work")
    if not work:
        return []
    found = []
    for view in work["workplans"]:
        info = view["workplan"]
        heading = text("wp.title", lang, year=info["year"], title=pick(info, "title", lang))
        counts = " · ".join(
            f"{work_state(state, lang)} {n}" for state, n in view["summary"].items() if n
        )
        summary = text("wp.summary", lang, count=len(view["items"]), parts=counts)
        headers = [
            text("col.id", lang),
            text("wp.col.measure", lang),
            text("wp.col.schedule", lang),
            text("wp.col.units", lang),
            text("wp.col.state", lang),
        ]
        rows = []
        states = []
        for item in view["items"]:
            schedule = "; ".join(
                f"{m['period']}{colon(lang)}{work_state(m['state'], lang)}"
                + (f" {m['done_on']}" if m["done_on"] else "")
                for m in item["schedule"]
            )
            units = item["lead"] or ""
            if item["support"]:
                units += ("（" if lang != "en" else " (") + joined(item["support"], lang)
                units += "）" if lang != "en" else ")"
            rows.append(
                [
                    item["id"],
                    item["measure"],
                    schedule,
                    units or DASH,
                    work_state(item["state"], lang),
                ]
            )
            states.append(item["state"])
        found.append((heading, summary, Table(headers, rows, set(), 4, tuple(states))))
    return found


def rollup_values_table(view: Mapping[str, Any], lang: str) -> Table:
    """Each member plan's value per year."""
    years = [y["year"] for y in view["years"]]
    rows = [
        [member["plan"]]
        + [
            DASH if y["values"][member["plan"]] is None else exact(y["values"][member["plan"]])
            for y in view["years"]
        ]
        for member in view["members"]
    ]
    return Table(
        [text("col.plan", lang)] + [str(y) for y in years], rows, set(range(1, len(years) + 1))
    )


def rollup_table(view: Mapping[str, Any], lang: str) -> Table:
    """Each year: the members' sum, coverage, the own figure, the sum's share of it, the
    difference and the check."""
    rows = []
    for y in view["years"]:
        rows.append(
            [
                str(y["year"]),
                DASH if y["total"] is None else exact(y["total"]),
                f"{y['reporting']}/{y['members']}",
                DASH if y["parent"] is None else exact(y["parent"]),
                percent(y["share"]),
                signed(y["difference"]),
                sentences.rollup_check(y, lang),
            ]
        )
    headers = [
        text(key, lang)
        for key in (
            "col.year",
            "col.members_sum",
            "col.coverage",
            "col.parent_value",
            "col.share",
            "col.difference",
            "col.check",
        )
    ]
    statuses = tuple(y["check"] for y in view["years"])
    return Table(headers, rows, {0, 1, 2, 3, 4, 5}, 6, statuses)


def rollup_rule(view: Mapping[str, Any], lang: str) -> str:
    unit = unit_label(view["unit"], lang, view.get("unit_en"))
    return text("members.rule", lang, tolerance=percent(view["tolerance"]), unit=unit)


def rollup_flags(report: Mapping[str, Any], lang: str) -> list[str]:
    """One sentence per year where the members' sum and the plan's own figure disagree."""
    return [
        text(
            "report.rollup_flag",
            lang,
            key=key,
            year=y["year"],
            total=exact(y["total"]),
            parent=exact(y["parent"]),
            difference=signed(y["difference"]),
            tolerance=percent(view["tolerance"]),
        )
        for key, view in report.get("rollups", {}).items()
        for y in view["years"]
        if y["check"] == "differs"
    ]


# --- the binary formats: the same bytes for the same data ---------------------------------------

# A fixed creation time for a report that counts no recorded time.
FIXED_TIME = dt.datetime(2000, 1, 1)
# The earliest time a zip entry can carry (MS-DOS dates start in 1980).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def made_at(report: Mapping[str, Any]) -> dt.datetime:
    """The time a document's properties give: when the report was made, as naive UTC (what
    the office formats store), else a fixed time."""
    made = report["made"]
    if made is None:
        return FIXED_TIME
    moment = dt.datetime.fromisoformat(made["time"])
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


def stamped(archive: bytes) -> bytes:
    """A zip (an xlsx or docx) with every entry stamped ZIP_TIME rather than the clock, its
    content, order and compression kept: bytes that depend on the content alone."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
