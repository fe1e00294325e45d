"""The canonical layout of the files ipplan writes (actuals.yaml and task_log.yaml).

Fixed key order, fixed sort, every text value double-quoted: the same data always gives the same
bytes, and recording one value changes one entry. Written by hand rather than through a YAML
dumper so that the layout cannot drift with a library's defaults.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence

from ipplan.models import ActionUpdate, Actual, Revision

ACTUALS_HEADER = (
    "# Recorded actuals, written by `ipplan record`. One entry per indicator and year;\n"
    "# a changed value keeps the earlier one under history. Check with `ipplan validate`.\n"
)
TASK_LOG_HEADER = (
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
    if isinstance(value, dt.datetime | dt.date):
        return json.dumps(value.isoformat())
    return json.dumps(str(value), ensure_ascii=False)


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


def dump_actuals(actuals: Mapping[str, Sequence[Actual]], order: Sequence[str]) -> str:
    """actuals.yaml: indicators in plan order, years ascending, fields in a fixed order."""
    keys = [key for key in _ordered(actuals, order) if actuals[key]]
    if not keys:
        return ACTUALS_HEADER + "actuals: {}\n"
    lines = ["actuals:"]
    for key in keys:
        lines.append(f"  {key}:")
        for entry in sorted(actuals[key], key=lambda a: a.year):
            lines += _fields(
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
    return ACTUALS_HEADER + "\n".join(lines) + "\n"


def dump_task_log(updates: Mapping[str, Sequence[ActionUpdate]], order: Sequence[str]) -> str:
    """task_log.yaml: actions in tasks.yaml's order, updates oldest first as recorded."""
    ids = [key for key in _ordered(updates, order) if updates[key]]
    if not ids:
        return TASK_LOG_HEADER + "updates: {}\n"
    lines = ["updates:"]
    for action_id in ids:
        lines.append(f"  {action_id}:")
        for update in updates[action_id]:
            status = update.status.value if update.status is not None else None
            lines += _fields(
                [
                    ("recorded", update.recorded),
                    ("status", status),
                    ("lead", update.lead),
                    ("due", update.due),
                    ("note", update.note),
                ],
                "    ",
            )
    return TASK_LOG_HEADER + "\n".join(lines) + "\n"
