"""The canonical layout of the files ipplan writes (actuals.yaml and task_log.yaml).

Fixed key order, fixed sort, every text value double-quoted: the same data always gives the same
bytes, and recording one value changes one entry. Written by hand rather than through a YAML
dumper so that the layout cannot drift with a library's defaults.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ipplan.models import ActionUpdate, Actual, Revision

ACTUALS_HEADER = (
    "# yaml-language-server: $schema=schema/actuals.schema.json\n"
    "# Recorded actuals, written by `ipplan record`. One entry per indicator and year;\n"
    "# a changed value keeps the earlier one under history. Check with `ipplan validate`.\n"
)
TASK_LOG_HEADER = (
    "# yaml-language-server: $schema=schema/task_log.schema.json\n"
    "# Dated updates to actions, written by `ipplan task ID --status/--lead/--due/--note`.\n"
    "# The latest update of each field wins over tasks.yaml. Check with `ipplan validate`.\n"
)


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


def _fields(pairs: Iterable[tuple[str, object]], indent: str) -> list[str]:
    lines = []
    first = True
    for name, value in pairs:
        if value is None:
            continue
        lead = f"{indent}- " if first else f"{indent}  "
        lines.append(f"{lead}{name}: {scalar(value)}")
        first = False
    return lines


def _ordered(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    rank = {key: i for i, key in enumerate(order)}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))


def _revision(old: Revision) -> list[str]:
    return _fields(
        [
            ("value", old.value),
            ("source", old.source),
            ("note", old.note),
            ("recorded", old.recorded),
        ],
        "        ",
    )


def _document(
    header: str,
    root: str,
    sections: Mapping[str, Sequence[object]],
    order: Sequence[str],
    entry: Callable[[Any], list[str]],
) -> str:
    """A file of ``root:`` -> one key per section in ``order`` -> a list of entries."""
    keys = [key for key in _ordered(sections, order) if sections[key]]
    if not keys:
        return f"{header}{root}: {{}}\n"
    lines = [f"{root}:"]
    for key in keys:
        lines.append(f"  {key}:")
        for item in sections[key]:
            lines += entry(item)
    return header + "\n".join(lines) + "\n"


def _actual(entry: Actual) -> list[str]:
    lines = _fields(
        [
            ("year", entry.year),
            ("value", entry.value),
            ("source", entry.source),
            ("note", entry.note),
            ("recorded", entry.recorded),
        ],
        "    ",
    )
    if entry.history:
        lines.append("      history:")
        for old in entry.history:
            lines += _revision(old)
    return lines


def _update(update: ActionUpdate) -> list[str]:
    status = update.status.value if update.status is not None else None
    return _fields(
        [
            ("recorded", update.recorded),
            ("status", status),
            ("lead", update.lead),
            ("due", update.due),
            ("note", update.note),
        ],
        "    ",
    )


def dump_actuals(actuals: Mapping[str, Sequence[Actual]], order: Sequence[str]) -> str:
    """actuals.yaml: indicators in plan order, years ascending, fields in a fixed order."""
    by_year = {key: sorted(items, key=lambda a: a.year) for key, items in actuals.items()}
    return _document(ACTUALS_HEADER, "actuals", by_year, order, _actual)


def dump_task_log(updates: Mapping[str, Sequence[ActionUpdate]], order: Sequence[str]) -> str:
    """task_log.yaml: actions in tasks.yaml's order, updates oldest first as recorded."""
    return _document(TASK_LOG_HEADER, "updates", updates, order, _update)
