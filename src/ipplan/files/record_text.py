"""The canonical layout of the record files ipplan writes (see :mod:`ipplan.files.layout`).

Fixed key order, every text value double-quoted: the same record always gives the same bytes, so
two branches that write the same record write the same file. Written by hand rather than through
a YAML dumper so that the layout cannot drift with a library's defaults.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable

from ipplan.data import ActionUpdate, Actual, Revision
from ipplan.files.layout import ACTUALS, BASELINES, UNDONE, UPDATES


def scalar(value: object) -> str:
    """One YAML scalar that reads back as exactly ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        # PyYAML reads a float only when it has a dot: 1e-05 must be written 1.0e-05
        if "e" in text and "." not in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, dt.datetime):
        return json.dumps(timestamp(value))
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    if isinstance(value, list):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    quoted = json.dumps(str(value), ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


# Characters a YAML file may not hold as they are (DEL, C1 controls, U+FFFE, U+FFFF) or that a
# YAML 1.1 reader takes for a line break (NEL, U+2028, U+2029): written as \u escapes, which
# JSON and YAML double-quoted strings share.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def timestamp(moment: dt.datetime) -> str:
    """A recorded time in ISO 8601, as short as it can be and still exact: to the second, the
    millisecond or the microsecond."""
    micro = moment.microsecond
    spec = "seconds" if micro == 0 else "milliseconds" if micro % 1000 == 0 else "microseconds"
    return moment.isoformat(timespec=spec)


def _fields(pairs: Iterable[tuple[str, object]], indent: str, item: bool = False) -> list[str]:
    """``name: value`` lines, leaving out empty values; as a list item when ``item``."""
    lines = []
    first = True
    for name, value in pairs:
        if value is None:
            continue
        lead = f"{indent}- " if item and first else f"{indent}  " if item else indent
        lines.append(f"{lead}{name}: {scalar(value)}")
        first = False
    return lines


def _revision(old: Revision) -> list[str]:
    pairs = [
        ("value", old.value),
        ("not_published", old.not_published or None),
        ("basis_change", old.basis_change),
        ("source", old.source),
        ("note", old.note),
    ]
    return _fields([*pairs, ("recorded", old.recorded)], "  ", item=True)


def dump_actual(actual: Actual) -> str:
    """``actuals/<key>/<year>.yaml``: the value (or that it was not published), its change of
    counting basis, its source, note and time, then its history."""
    lines = _fields(
        [
            ("value", actual.value),
            ("not_published", actual.not_published or None),
            ("basis_change", actual.basis_change),
            ("source", actual.source),
            ("note", actual.note),
            ("recorded", actual.recorded),
        ],
        "",
    )
    if actual.history:
        lines.append("history:")
        for old in actual.history:
            lines += _revision(old)
    return ACTUALS.header() + "\n".join(lines) + "\n"


def dump_update(update: ActionUpdate) -> str:
    """``updates/<action-id>/<stamp>.yaml``: one dated update, its fields in a fixed order."""
    status = update.status.value if update.status is not None else None
    lines = _fields(
        [
            ("recorded", update.recorded),
            ("status", status),
            ("lead", update.lead),
            ("due", update.due),
            ("note", update.note),
            ("cleared", update.cleared or None),
        ],
        "",
    )
    return UPDATES.header() + "\n".join(lines) + "\n"


def dump_undo(
    recorded: dt.datetime, undid: dt.datetime, files: Iterable[tuple[str, str | None]]
) -> str:
    """``undone/<stamp>.yaml``: one undo, made at ``recorded``, of the change recorded at
    ``undid``; each file it removed or replaced, by its path, with its whole text before (None:
    the undo made it anew)."""
    lines = [f"recorded: {scalar(recorded)}", f"undid: {scalar(undid)}", "files:"]
    for path, before in files:
        lines += [f"  - path: {scalar(path)}", f"    before: {scalar(before)}"]
    return UNDONE.header() + "\n".join(lines) + "\n"


def dump_baseline(
    recorded: dt.datetime,
    key: str,
    year: int,
    value: int | float,
    source: str | None,
    note: str | None,
    before: str,
) -> str:
    """``baselines/<stamp>.yaml``: a pending baseline written in at ``recorded``: the indicator,
    the year and value written, their source and note, and indicators.yaml's whole text before."""
    pairs = [
        ("recorded", recorded),
        ("indicator", key),
        ("year", year),
        ("value", value),
        ("source", source),
        ("note", note),
        ("before", before),
    ]
    return BASELINES.header() + "\n".join(_fields(pairs, "")) + "\n"
