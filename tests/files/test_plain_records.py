"""A record file read without pydantic is read exactly as the model reads it, or left to it."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ipplan import data as domain
from ipplan.file_models import ActualRecord

YEAR = 2024


def through_model(data: Any) -> domain.Actual | None:
    try:
        return domain.from_model(domain.Actual, ActualRecord.model_validate(data), year=YEAR)
    except ValidationError:
        return None


def same_answer(data: Any) -> domain.Actual | None:
    """The plain reading, having checked it agrees with the model's wherever it gives one."""
    plain = domain.plain_actual(data, YEAR)
    if plain is not None:
        model = through_model(data)
        assert model is not None, data  # never valid here and invalid there
        assert plain == model, data
        assert _zones(plain) == _zones(model), data  # the same offsets, not just instants
    return plain


def _zones(actual: domain.Actual) -> list[Any]:
    times = [actual.recorded, *(r.recorded for r in actual.history)]
    return [None if t is None else t.utcoffset() for t in times]


@pytest.mark.parametrize(
    "data",
    [
        {"value": 31347},
        {"value": 80.5, "source": "2023年度统计", "note": "补录"},
        {"value": 1, "recorded": "2025-01-15T09:00:00+08:00"},
        {"value": 1, "recorded": "2025-01-15T09:00:00Z"},
        {"value": 1, "recorded": "2025-01-15T09:00:00.123+08:00"},
        {"value": 1, "recorded": "2025-01-15T09:00:00.123456-05:30"},
        {"value": 1, "recorded": "2025-01-15 09:00:00"},
        {"value": 1, "history": []},
        {
            "value": 2,
            "recorded": "2025-02-01T10:00:00+08:00",
            "history": [{"value": 1, "source": "s", "recorded": "2025-01-15T09:00:00+08:00"}],
        },
    ],
)
def test_what_ipplan_writes_is_read_without_the_model(data: dict[str, Any]) -> None:
    assert same_answer(data) is not None


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {},
        {"value": True},
        {"value": "31347"},
        {"value": None},
        {"value": math.nan},
        {"value": math.inf},
        {"value": 1, "source": ""},
        {"value": 1, "source": 5},
        {"value": 1, "unknown": 1},
        {"value": 1, "history": None},
        {"value": 1, "history": {}},
        {"value": 1, "history": [{"source": "s"}]},
        {"value": 1, "history": [{"value": 1, "history": []}]},
        {"value": 1, "recorded": "2025-01-15"},  # a date alone: the model's reading
        {"value": 1, "recorded": "1700000000"},  # a Unix time: the model's reading
        {"value": 1, "recorded": "2025-02-30T09:00:00Z"},
        {"value": 1, "recorded": "2025-01-15T24:00:00Z"},
        {"value": 1, "recorded": "2025-01-15T09:00:00+24:00"},
        {"value": 1, "recorded": "2000-01-01T00:00:00+00:60"},  # Python takes it as +01:00
        {"value": 1, "recorded": "٢٠٢٥-01-15T09:00:00Z"},  # digits of another script
        {"value": 1, "recorded": dt.datetime(2025, 1, 15)},
    ],
)
def test_anything_else_is_left_to_the_model(data: Any) -> None:
    assert same_answer(data) is None


digits = st.text(alphabet="0123456789", min_size=1, max_size=3)
times = st.one_of(
    st.builds(
        lambda d, sep, t, frac, zone: f"{d}{sep}{t}{frac}{zone}",
        st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: d.isoformat()),
        st.sampled_from(["T", " ", "t", "_"]),
        st.builds(
            lambda h, m, s: f"{h:02d}:{m:02d}:{s:02d}",
            st.integers(0, 25),
            st.integers(0, 61),
            st.integers(0, 61),
        ),
        st.one_of(st.just(""), digits.map(lambda d: "." + d), st.just(".1234567")),
        st.one_of(
            st.sampled_from(["", "Z", "z", "+00:00", "-00:00", "+23:59", "-24:00", "+08"]),
            st.builds(
                lambda sign, h, m: f"{sign}{h:02d}:{m:02d}",
                st.sampled_from("+-"),
                st.integers(0, 25),
                st.integers(0, 61),
            ),
        ),
    ),
    st.text(max_size=30),
    st.datetimes(),
)
texts = st.one_of(st.none(), st.text(max_size=5), st.integers())
values = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=5),
)


def records(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = {
        "value": values,
        "source": texts,
        "note": texts,
        "recorded": times,
        "not_published": st.one_of(st.booleans(), st.none(), st.integers()),
        "basis_change": texts,
        "extra": st.integers(),
    }
    if depth:
        fields["history"] = st.one_of(st.none(), st.lists(records(depth - 1), max_size=3))
    return st.fixed_dictionaries(
        {}, optional=fields
    )  # every subset of the fields, each of any of its values


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(records(1))
def test_the_two_readings_never_differ(data: dict[str, Any]) -> None:
    same_answer(data)


@pytest.mark.slow
def test_recording_a_figure_loads_no_pydantic(tmp_path: Path) -> None:
    """`ipplan record` checks the file it writes in ipplan's own layout without the model."""
    import shutil
    import time

    from ipplan.files.cache import identity as cache_identity

    plan = tmp_path / "plan"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", plan)
    time.sleep(cache_identity.RACY_SECONDS + 0.1)  # the copy's files are fresh: wait them out once
    warm = [sys.executable, "-m", "ipplan", "status", "--data", str(plan)]
    assert subprocess.run(warm, capture_output=True).returncode == 0  # the plan is cached
    probe = (
        "import sys\n"
        "from ipplan.cli import main\n"
        "sys.argv = ['ipplan', 'record', '2025', 'practitioners', '36000',"
        f" '--data', {str(plan)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic')\n"
        "print(code, loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stderr.strip() == "0 []", done.stderr
    written = (plan / "actuals/practitioners/2025.yaml").read_text(encoding="utf-8")
    assert "value: 36000" in written


names = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_-]{0,70}", fullmatch=True),
    st.text(max_size=8),
    st.sampled_from(["national", "p01", "Guangdong", "a\n", "é", "x" * 65]),
    st.integers(),
    st.none(),
)
entries = st.fixed_dictionaries(
    {},
    optional={
        "name": names,
        "directory": st.one_of(st.text(max_size=6), st.none(), st.integers()),
        "parent": names,
        "extra": st.integers(),
    },
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.lists(entries, max_size=4), st.none(), st.integers(), st.text(max_size=3)))
def test_a_workspace_is_read_plainly_only_where_the_model_agrees(plans: Any) -> None:
    from ipplan.file_models import PlanEntry
    from ipplan.workspace import Entry, _plain_entries

    plain = _plain_entries(plans)
    if plain is None:
        return
    assert isinstance(plans, list)
    models = [PlanEntry.model_validate(item) for item in plans]  # raises if it disagrees
    assert [entry for _, entry in plain] == [Entry(m.name, m.directory, m.parent) for m in models]
    assert [loc for loc, _ in plain] == [("plans", i) for i in range(len(plans))]


@pytest.mark.slow
def test_overview_of_a_workspace_loads_no_pydantic(tmp_path: Path) -> None:
    """A workspace whose plans are cached is read without the model, or any YAML parser."""
    import shutil
    import time

    from ipplan.files.cache import identity as cache_identity

    root = Path(__file__).resolve().parents[2]
    for name in ("national", "guangdong"):
        shutil.copytree(root / "data", tmp_path / name)
    (tmp_path / "ipplan.yaml").write_text(
        "plans:\n  - name: national\n    directory: national\n"
        "  - name: guangdong\n    directory: guangdong\n    parent: national\n",
        encoding="utf-8",
    )
    time.sleep(cache_identity.RACY_SECONDS + 0.1)  # the copies' files are fresh: wait them out once
    warm = [sys.executable, "-m", "ipplan", "overview"]
    assert subprocess.run(warm, capture_output=True, cwd=tmp_path).returncode == 0
    probe = (
        "import sys\n"
        "from ipplan.cli import main\n"
        "sys.argv = ['ipplan', 'overview']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml'))\n"
        "print(code, loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.stderr.strip() == "0 []", done.stderr
    assert "guangdong" in done.stdout
