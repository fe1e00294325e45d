"""Sentences about one indicator that the terminal and the reports both say, from its view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ipplan.text.i18n import label, text, unit_label
from ipplan.text.shown_numbers import DASH, exact, number, point, signed


def pick(item: Mapping[str, Any], field: str, lang: str) -> str:
    """An item's ``field`` in ``lang``: the ``_en`` variant in English when there is one."""
    if lang == "en" and item.get(f"{field}_en"):
        return str(item[f"{field}_en"])
    return str(item[field])


def marks(view: Mapping[str, Any], lang: str) -> list[str]:
    """What the marks of an indicator table mean (◆ binding, Σ a running total; only those
    used), and each year a cumulative indicator lacks: the one note under the status table and
    under every report's, ``view`` being ``status --json`` or a report (its ``plan`` and
    ``indicators``)."""
    rows = view["indicators"]
    lines = []
    if any(row["binding"] for row in rows):
        lines.append(text("label.binding_mark", lang))
    if any(row["accumulate"] for row in rows):
        first = view["plan"]["baseline_year"] + 1
        lines.append(text("label.cumulative_mark", lang, first=first))
    for row in rows:
        if row["missing_years"]:
            years = ", ".join(str(y) for y in row["missing_years"])
            name = pick(row, "name", lang)
            lines.append(
                text("label.missing_years", lang, number=row["number"], name=name, years=years)
            )
    return lines + basis_marks(view, lang)


def basis_marks(view: Mapping[str, Any], lang: str) -> list[str]:
    """What the mark † of a figure means, indicator by indicator: each change of counting
    basis, and whether the assessment's comparison crosses it (:func:`basis_changes`)."""
    lines = []
    for row in view["indicators"]:
        name = pick(row, "name", lang)
        for said in basis_changes(row, lang):
            lines.append(
                text("record.basis_mark", lang, number=row["number"], name=name, said=said)
            )
    return lines


# The mark of a figure whose comparison crosses a change of counting basis, explained under the
# table that shows it (:func:`marks`).
BASIS_MARK = "†"


def basis_crossed(ind: Mapping[str, Any]) -> bool:
    """Whether the indicator's assessment compares across a change of counting basis."""
    return any(change["crossed_from"] is not None for change in ind.get("basis_changes", ()))


def basis_changes(ind: Mapping[str, Any], lang: str) -> list[str]:
    """Each change of counting basis in the indicator's figures, and whether the assessment's
    comparison crosses it ("the comparison with 2021 crosses a change of counting basis in
    2023: ..."); none when its figures keep one basis."""
    said = []
    for change in ind.get("basis_changes", ()):
        if change["crossed_from"] is not None:
            said.append(
                text(
                    "record.basis_crossed",
                    lang,
                    first=change["crossed_from"],
                    year=change["year"],
                    text=change["text"],
                )
            )
        else:
            said.append(text("record.basis_change", lang, year=change["year"], text=change["text"]))
    return said


def year_figure(
    shown: Any, actual: Mapping[str, Any], year: int, lang: str
) -> tuple[str, str | None]:
    """A year's cell in a table of years: ``shown`` (its actual or running total), 未公布 /
    not published when its figure was recorded so, marked † with the change of counting basis
    it carries (for the note beside it); the change, else None."""
    if actual.get("not_published"):
        return text("label.not_published", lang), None
    if actual.get("basis_change"):
        said = text("record.basis_change", lang, year=year, text=actual["basis_change"])
        return number(shown) + BASIS_MARK, said
    return number(shown), None


def joined(note: str, said: str, lang: str) -> str:
    """A year's note and what else is said of the year, as one cell."""
    return f"{note}{'; ' if lang == 'en' else '；'}{said}" if note else said


def not_published_years(ind: Mapping[str, Any], lang: str) -> str | None:
    """The years recorded as not published, each with where and when that was checked; None
    when there is none."""
    found = ind.get("not_published", ())
    if not found:
        return None
    separator = ", " if lang == "en" else " "
    return separator.join(
        text(
            "record.not_published_year",
            lang,
            year=f["year"],
            source=f["source"] or "—",
            day=(f["recorded"] or "—")[:10],
        )
        for f in found
    )


def figure_marks(ind: Mapping[str, Any], lang: str) -> list[str]:
    """Every mark an indicator's figures carry, in words: the one list a report's table of
    final figures shows (a provisional baseline, figures overdue and not published, years not
    reported). A new kind of mark is added here."""
    found = []
    if ind["provisional_baseline"] and ind["baseline"] is not None:
        found.append(text("label.provisional_year", lang, year=ind["baseline"]["year"]))
    overdue = overdue_years(ind, lang)
    if overdue:
        found.append(text("record.overdue_line", lang, years=overdue))
    unpublished = not_published_years(ind, lang)
    if unpublished:
        found.append(unpublished)
    found += basis_changes(ind, lang)
    if ind["missing_years"]:
        years = ", ".join(str(y) for y in ind["missing_years"])
        found.append(text("label.missing_short", lang, years=years))
    return found


def disagreement(ind: Mapping[str, Any], lang: str) -> str | None:
    """That the two methods disagree, naming both statuses; None when they agree."""
    if not ind["methods_disagree"]:
        return None
    return text(
        "label.methods_disagree",
        lang,
        linear=label(ind["status"], lang),
        cagr=label(ind["status_cagr"], lang),
    )


def looks_ahead(ind: Mapping[str, Any]) -> bool:
    """Whether a look ahead to the target year (projections, the pace it asks for) has a
    year to look at: not once the plan's target year has ended, when the verdict says it."""
    return ind["final"] is None


def gap(amount: float, unit: str, lang: str) -> str:
    """The gap in words of direction, never a bare sign: 还差 5 % / 5 % to go, 已超出 0.3 ‰ /
    0.3 ‰ beyond (a positive gap is still to go in the indicator's direction)."""
    if amount == 0:
        return text("gap.none", lang)
    shown = f"{number(abs(amount))} {unit}".rstrip()
    return text("gap.to_go" if amount > 0 else "gap.beyond", lang, amount=shown)


def required(ind: Mapping[str, Any], unit: str, lang: str) -> str:
    """The change required per year: signed as the value must move, or that the target is
    reached (never a required change once it is), or a dash when no year is left."""
    if ind["status"] == "achieved":
        return text("gap.reached", lang)
    if ind["required_per_year"] is None:
        return DASH
    return f"{signed(ind['required_per_year'])} {unit}".rstrip()


def trend(ind: Mapping[str, Any], lang: str) -> str | None:
    """What the trend asks for: a reversal, any movement at all, or a multiple of today's pace."""
    if ind["trend"] == "away_from_target":
        return text("label.reverse", lang)
    if ind["trend"] == "flat":
        return text("label.flat", lang)
    if ind["acceleration_factor"] is not None:
        if ind["acceleration_factor"] <= 1:  # the pace of the years so far is enough
            return text("label.pace_suffices", lang, factor=f"{ind['acceleration_factor']:.2f}")
        return text("label.acceleration", lang, factor=f"{ind['acceleration_factor']:.2f}")
    return None


def expected(ind: Mapping[str, Any], lang: str) -> str | None:
    """What the plan expects by the latest actual's year, and how far the actual is from it."""
    wanted = ind["expected"]
    latest = ind.get("total") or ind["latest"]  # a cumulative indicator's running total
    if wanted is None or latest is None:
        return None
    source = "label.expected.milestone" if wanted["milestone"] else "label.expected.linear"
    return text(
        "label.expected",
        lang,
        year=wanted["year"],
        value=number(wanted["value"]),
        unit=unit_label(ind["unit"], lang, ind.get("unit_en")),
        source=text(source, lang),
        deviation=signed(latest["value"] - wanted["value"]),
    )


def official_baseline(ind: Mapping[str, Any], lang: str) -> list[str]:
    """The official figure for the baseline year, where it differs from the plan's baseline,
    and its source: two lines; none when the indicator has no such figure."""
    official = ind["official_baseline"]
    if official is None:
        return []
    return [
        text("record.official", lang, point=point(official)),
        text("record.official_source", lang, source=official["source"]),
    ]


def published(ind: Mapping[str, Any], lang: str) -> str | None:
    """When the indicator's yearly figure is normally published; None when it does not say."""
    months = ind["published_after_months"]
    return None if months is None else text("record.published_after", lang, months=months)


def overdue_years(ind: Mapping[str, Any], lang: str) -> str | None:
    """The years whose figure is overdue, each with the day it was due; None when none is."""
    figures = ind["overdue_figures"]
    if not figures:
        return None
    # a space between years, in Chinese too, so that a narrow terminal wraps between them
    separator = ", " if lang == "en" else " "
    return separator.join(
        text("record.overdue_year", lang, year=f["year"], due=f["due"]) for f in figures
    )


def verdict(ind: Mapping[str, Any], lang: str) -> str | None:
    """Achieved or missed on the target year's figure, or what is awaited to say which; None
    while the plan's target year has not ended."""
    final = ind["final"]
    if final is None:
        return None
    year = ind["target"]["year"]
    status = label(final["status"], lang)
    if final["decided"]:
        return text("record.decided", lang, status=status, year=year)
    if final["status"] == "target_pending":
        return text("record.target_pending", lang, year=year)
    awaited = final["awaited"]
    if any(f["year"] == year for f in ind.get("not_published", ())):
        when = text("record.when_not_published", lang)
    elif awaited["due"] is None:
        when = text("record.when_unknown", lang)
    else:
        key = "record.when_overdue" if awaited["overdue"] else "record.when_due"
        when = text(key, lang, due=awaited["due"])
    if final["status"] == "no_data":
        return text("record.awaited_no_data", lang, year=year, when=when)
    return text("record.awaited", lang, year=year, when=when, status=status)


def final_evaluation(view: Mapping[str, Any], lang: str) -> list[str]:
    """The final evaluation's heading and count; nothing while the target year has not ended."""
    final = view["final_evaluation"]
    if final is None:
        return []
    return [
        text("record.final_heading", lang, year=final["target_year"], day=view["day"]),
        text(
            "record.final_count",
            lang,
            decided=len(final["decided"]),
            awaited=len(final["awaited"]),
        ),
    ]


def units_text(lead: str | None, support: Sequence[str], lang: str) -> str:
    """The responsible units as the tables write them: 省局负责，地方局配合."""
    sep = "、" if lang != "en" else ", "
    if lead and support:
        return text("wp.units_support", lang, lead=lead, support=sep.join(support))
    if lead:
        return text("wp.units", lang, lead=lead)
    if support:
        return text("wp.support_only", lang, support=sep.join(support))
    return "—"


def unit_of(event: Mapping[str, Any], content: Sequence[Mapping[str, Any]]) -> str:
    """The unit of the quantity an event's amount counts toward."""
    for c in content:
        quantity = c["quantity"]
        if quantity is not None and event["content"] in (None, c["number"]):
            return str(quantity["unit"])
    return ""


def event_text(event: Mapping[str, Any], lang: str, *, note: bool = True) -> str:
    """What a progress event recorded, in words; ``event["unit"]`` is its amount's unit."""
    parts = []
    if event["done"]:
        parts.append(text("wp.event.done", lang))
    if event["milestone"] is not None:
        parts.append(text("wp.event.milestone", lang, number=event["milestone"]))
    if event["amount"] is not None:
        amount = exact(event["amount"])
        parts.append(text("wp.event.amount", lang, amount=amount, unit=event.get("unit") or ""))
    if event["cancelled"] is not None:
        parts.append(text("wp.event.cancelled", lang, reason=event["cancelled"]))
    if note and event["note"]:
        parts.append(event["note"])
    if note and event["evidence"]:
        parts.append(text("wp.event.evidence", lang, evidence=event["evidence"]))
    return "; ".join(parts)


# A plan is shown indented under its parent, and under its parent's parent, no deeper: a long
# chain of parents keeps its names in view (the JSON's depth is the plan's own).
SHOWN_DEPTH = 2


def rollup_check(year: Mapping[str, Any], lang: str) -> str:
    """A roll-up year's check as the terminal and the reports both say it: incomplete with the
    members missing, named where the workspace names them, counted where it only counts them."""
    check = text(f"check.{year['check']}", lang)
    if not year["reporting"] or not year["missing_count"]:
        return check
    named = year["missing"]
    if len(named) == year["missing_count"]:
        return check + text("members.missing", lang, plans=", ".join(named))
    if named:
        return check + text(
            "members.missing_count_named",
            lang,
            count=year["missing_count"],
            plans=", ".join(named),
        )
    return check + text("members.missing_count", lang, count=year["missing_count"])


def target_shown(target: Mapping[str, Any], lang: str) -> str:
    """The target as ``40000 (2030)``, or pending (目标待定) while its value is not set."""
    if target["value"] is None:
        return text("label.target_pending", lang, year=target["year"])
    return point(target)


def target_cell(target: Mapping[str, Any], lang: str) -> str:
    """The target's value in a table's cell (its year heads the column), or pending."""
    if target["value"] is None:
        return text("label.pending", lang)
    return number(target["value"])


def baseline_shown(ind: Mapping[str, Any], lang: str) -> str:
    """The baseline as ``26829 (2021)``; pending where the plan marks it so (the baseline
    year's figure, not written into the plan yet); else none given."""
    if ind["baseline"] is not None:
        return point(ind["baseline"])
    if ind.get("baseline_pending"):
        return text("label.baseline_pending", lang)
    return text("label.no_baseline", lang)
