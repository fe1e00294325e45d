"""How numbers read in every output: the terminal, the reports and the messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

DASH = "—"


def number(value: float | None) -> str:
    """A value as people read it: whole numbers bare, others to at most two decimals; one too
    small for two decimals as written (0.00001, never 0 or 1e-05), and zero never -0. Binary
    noise of a sum (2e-16, more than MAX_DECIMALS places) is 0."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return str(int(value))
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    if shown in ("0", "-0"):
        return exact(value) if decimals(value) < MAX_DECIMALS else "0"
    return shown


def _unsigned_zero(shown: str) -> str:
    """``shown`` without the sign of a value that rounds to zero: -0.00 is 0.00."""
    return shown[1:] if shown.startswith("-") and not shown.strip("-0.%") else shown


# More decimals than a recorded value is read with (text.typed_input takes at most a few) are
# binary noise: a difference is never given more than this many.
MAX_DECIMALS = 10


def decimals(value: float, most: int | None = MAX_DECIMALS) -> int:
    """How many decimals ``value`` was written with: 41.6 has 1, 40 has 0, 1e-05 has 5; at
    most ``most`` (None: however many)."""
    if float(value).is_integer():
        return 0
    written = repr(float(value))
    if "e" in written:
        mantissa, exponent = written.split("e")
        places = max(len(mantissa.partition(".")[2].rstrip("0")) - int(exponent), 0)
    else:
        places = len(written.partition(".")[2].rstrip("0"))
    return places if most is None else min(places, most)


def difference(a: float, b: float) -> float:
    """``a - b`` to the decimals the two were written with, never binary noise: 41.6 - 40 is
    1.6, not 1.6000000000000014. Counts stay integers."""
    result = a - b
    if isinstance(a, int) and isinstance(b, int):
        return result
    return round(result, max(decimals(a), decimals(b)))


# Numbers in files (JSON, CSV, xlsx) carry the precision they were recorded with, never binary
# noise (docs/methodology.md, "Numbers in files"): a ratio (progress, time elapsed, a pace, a
# CAGR, an acceleration factor) to RATIO_DECIMALS decimals; an amount in the indicator's units
# to the decimals of its recorded values plus EXTRA_DECIMALS, what a division needs; anything
# else to MAX_DECIMALS. Recorded values keep every decimal they were written with.
RATIO_DECIMALS = 4
EXTRA_DECIMALS = 4
RATIOS = frozenset(
    {
        "progress",
        "time_elapsed",
        "pace",
        "pace_cagr",
        "cagr_observed",
        "cagr_required",
        "acceleration_factor",
    }
)
_RECORDED_POINTS = ("baseline", "target", "latest", "official_baseline")


def recorded_decimals(indicator: Mapping[str, Any]) -> int:
    """The most decimals any value recorded for an indicator's view was written with: its
    baseline, target, milestones, latest and recorded actuals with their earlier values."""
    values: list[float] = []
    for name in _RECORDED_POINTS:
        found = indicator.get(name)
        if isinstance(found, Mapping):
            values.append(found["value"])
    values += [m["value"] for m in indicator.get("milestones") or ()]
    for actual in indicator.get("actuals") or ():
        values.append(actual["value"])
        values += [old["value"] for old in actual.get("history") or ()]
    # every decimal, however many: a recorded value is never rounded (0.000000000000004 stays)
    return max((decimals(v, None) for v in values if isinstance(v, int | float)), default=0)


def for_files(value: Any, places: int | None = None, key: str = "") -> Any:
    """A view as files hold it: every float rounded by the rule above, everything else as it
    is. ``places`` is the decimals an amount keeps where ``value`` sits; an indicator's view
    (a mapping with a ``target`` and a ``direction``) sets it from its recorded values. Outside
    one, a ``value`` is a recorded value, kept as written, and any other number has at most
    MAX_DECIMALS."""
    if isinstance(value, float):
        if key in RATIOS:
            return round(value, RATIO_DECIMALS)
        if places is None:
            return value if key == "value" else round(value, MAX_DECIMALS)
        return round(value, places)
    if isinstance(value, Mapping):
        if "target" in value and "direction" in value:
            places = recorded_decimals(value) + EXTRA_DECIMALS
        if "result" in value and value.get("name") in RATIOS:  # a step of show's working
            return {
                k: for_files(v, places, value["name"] if k == "result" else k)
                for k, v in value.items()
            }
        return {k: for_files(v, places, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [for_files(v, places, key) for v in value]
    return value


def json_text(value: Any) -> str:
    """A view as a JSON file or ``--json`` holds it: its numbers by :func:`for_files`, then
    :func:`json_encoded`."""
    return json_encoded(for_files(value))


def json_encoded(shown: Any) -> str:
    """A value whose numbers are already as files hold them, as JSON: indented by two spaces,
    text as written (not escaped to ASCII). orjson writes it: the layout is ``json.dumps(...,
    ensure_ascii=False, indent=2)``'s, at a tenth of the time; a few small numbers differ in
    form only (0.00001 and 1e-6, where ``json`` writes 1e-05 and 1e-06). An integer beyond 64
    bits, which orjson refuses, is written by ``json``."""
    import orjson

    try:
        return orjson.dumps(shown, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        import json

        return json.dumps(shown, ensure_ascii=False, indent=2)


def exact(value: float | None) -> str:
    """A recorded value exactly as stored, for history and undo: 31347, 80.125, 0.00001 (as it
    is typed: never 1e-05, which ipplan refuses as input)."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return str(int(value))
    written = repr(float(value))
    return _positional(written) if "e" in written else written


def _positional(written: str) -> str:
    """A float's shortest text in exponent form (1e-05, -1.5e-07) without the exponent."""
    mantissa, exponent = written.split("e")
    sign, mantissa = ("-", mantissa[1:]) if mantissa.startswith("-") else ("", mantissa)
    whole, _, fraction = mantissa.partition(".")
    digits, point = whole + fraction, len(whole) + int(exponent)
    if point <= 0:
        shown = "0." + "0" * -point + digits
    elif point >= len(digits):
        shown = digits + "0" * (point - len(digits))
    else:
        shown = digits[:point] + "." + digits[point:]
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return sign + shown


def ratio(value: float | None) -> str:
    """A pace or factor to two decimals."""
    return DASH if value is None else _unsigned_zero(f"{value:.2f}")


def percent(value: float | None) -> str:
    """A share (0.317) as a percentage (31.7%)."""
    return DASH if value is None else _unsigned_zero(f"{value * 100:.1f}%")


def signed(value: float | None) -> str:
    """A difference with its sign: +9000, -2414.5, 0."""
    if value is None:
        return DASH
    shown = number(value)
    return shown if shown.startswith("-") or shown == "0" else f"+{shown}"


def point(value: Mapping[str, Any] | None) -> str:
    """A ``{year, value}`` point as ``31000 (2023)``."""
    return DASH if value is None else f"{number(value['value'])} ({value['year']})"


def moment(value: str | dt.datetime | None) -> str:
    """A recorded time as people read it: in the reader's local time, with the zone named by
    its offset, 2024-03-01 18:05 UTC+8. The files keep the offset it was recorded in."""
    if value is None:
        return DASH
    parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    try:
        local = parsed.astimezone()  # a time without an offset is read as local time already
    except (OverflowError, OSError, ValueError):  # at the calendar's ends: shown as recorded
        local = parsed
    shown = f"{local.year:04d}-{local:%m-%d %H:%M}"  # %Y drops a small year's zeros
    return shown if local.tzinfo is None else f"{shown} {zone(local)}"


def zone(moment: dt.datetime) -> str:
    """The zone of an aware time as its offset from UTC: UTC+8, UTC-3:30, UTC+0."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
