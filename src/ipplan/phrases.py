"""Sentences about one indicator that the terminal and the reports both say, from its view."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ipplan.fmt import number, signed
from ipplan.i18n import label, text


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


def trend(ind: Mapping[str, Any], lang: str) -> str | None:
    """What the trend asks for: a reversal, any movement at all, or a multiple of today's pace."""
    if ind["trend"] == "away_from_target":
        return text("label.reverse", lang)
    if ind["trend"] == "flat":
        return text("label.flat", lang)
    if ind["acceleration_factor"] is not None:
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
        unit=ind["unit"],
        source=text(source, lang),
        deviation=signed(latest["value"] - wanted["value"]),
    )
