"""Properties that hold for every input, checked with Hypothesis, and fuzzing of the commands.

- record -> reload gives back exactly the value, source and note recorded;
- the canonical writer is idempotent: dump(load(dump(x))) == dump(x);
- any text of a number, written the ways people write it, parses to that number;
- ``validate`` on random or mutated YAML, and ``record`` with random arguments, never crash, and
  a refused command changes no file.

In CI (``.ci/run`` sets HYPOTHESIS_PROFILE=ci) the examples are derandomized, so a run is
repeatable; locally each run explores new ones.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ipplan import actuals
from ipplan import data as domain
from ipplan.cli import app
from ipplan.data import visible
from ipplan.file_models import Actual, Revision
from ipplan.files import layout
from ipplan.text.numbers import decimal
from ipplan.text.typed_input import MAX_VALUE, control_character, parse_value
from ipplan.units import LIBRARY
from tests.conftest import SHIPPED, clear_recorded, load, snapshot
from tests.files.test_record_text import dump_all, reload

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

PLAN = load(SHIPPED)
KEYS = [ind.key for ind in PLAN.indicators]
RUNNER = CliRunner()


@functools.cache
def definitions() -> Path:
    """The shipped plan without its recorded figures, made once per process and copied for
    each example (never written to itself); removed when the process ends."""
    top = Path(tempfile.mkdtemp(prefix="ipplan-definitions-"))
    atexit.register(shutil.rmtree, top, ignore_errors=True)
    shutil.copytree(SHIPPED, top / "plan")
    clear_recorded(top / "plan")
    return top / "plan"


@contextmanager
def plan_copy() -> Iterator[Path]:
    """A fresh writable copy of the shipped plan for one example."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plan"
        shutil.copytree(definitions(), target)
        yield target


def invoke(*args: str) -> tuple[int, str]:
    """Run ipplan in-process; an exception escapes and fails the test."""
    result = RUNNER.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


# --- strategies ---------------------------------------------------------------------------------


def values_for(unit: str) -> st.SearchStrategy[int | float]:
    rule = LIBRARY[unit]
    high = MAX_VALUE if rule.high is None else rule.high
    whole = st.integers(int(rule.low), int(high))
    if rule.whole:
        return whole
    return whole | st.floats(rule.low, high, allow_nan=False, allow_infinity=False)


# Text a person could type: anything but control characters (refused on purpose), with the
# characters that trouble YAML writers drawn often.
TRICKY = "\u2028\u2029\ufeff\ufffe\uffff\"'\\:#-[]{}&*!|>%@` \n\t"
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(TRICKY),
    min_size=1,
    max_size=40,
).filter(lambda s: control_character(s) is None and visible(s))
optional_texts = st.none() | texts
# Recorded times lie in the past: one ahead of the clock is a problem (time-in-future).
times = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2025, 12, 31),
    timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=8))]),
)


@st.composite
def indicator_values(draw: st.DrawFn) -> tuple[str, int | float]:
    indicator = draw(st.sampled_from(PLAN.indicators))
    return indicator.key, draw(values_for(indicator.unit))


def typed(value: int | float) -> str:
    """How the value would be typed on a command line: Python's shortest exact form, with a
    point before any exponent (1.0e-05: 1e-05 is text to YAML 1.1, and so refused)."""
    return decimal(value)


# --- record -> reload -------------------------------------------------------------------------


@settings(max_examples=100)
@given(
    indicator_values(),
    st.sampled_from(list(PLAN.years)),
    optional_texts,
    optional_texts,
)
def test_record_then_reload_gives_back_exactly_what_was_recorded(
    pair: tuple[str, int | float], year: int, source: str | None, note: str | None
) -> None:
    key, value = pair
    with plan_copy() as directory:
        data_dir = layout.DataDir(directory)
        done = actuals.record(
            data_dir,
            load(directory),
            year,
            key,
            typed(value),
            source=source,
            note=note,
            force=True,
            accept_jump=True,
        )
        assert not done.unchanged
        (actual,) = load(directory).actuals[key]
        assert actual.value == value
        assert type(actual.value) is type(value)
        assert actual.source == (source.strip() or None if source else None)
        assert actual.note == (note.strip() or None if note else None)
        assert actual.recorded == done.actual.recorded


# --- the writer is idempotent ---------------------------------------------------------------


@st.composite
def revisions(draw: st.DrawFn, unit: str) -> Revision:
    if draw(st.booleans()):  # a figure recorded as not published: no value, a source
        return Revision(
            value=None,
            source=draw(texts),
            note=draw(optional_texts),
            recorded=draw(st.none() | times),
            not_published=True,
        )
    return Revision(
        value=draw(values_for(unit)),
        source=draw(optional_texts),
        note=draw(optional_texts),
        recorded=draw(st.none() | times),
        basis_change=draw(optional_texts),
    )


@st.composite
def actual_sets(draw: st.DrawFn) -> dict[str, list[Actual]]:
    result: dict[str, list[Actual]] = {}
    for indicator in draw(st.lists(st.sampled_from(PLAN.indicators), unique_by=lambda i: i.key)):
        years = draw(st.lists(st.sampled_from(list(PLAN.years)), unique=True, min_size=1))
        result[indicator.key] = []
        for year in years:
            unpublished = draw(st.booleans())
            result[indicator.key].append(
                Actual(
                    year=year,
                    value=None if unpublished else draw(values_for(indicator.unit)),
                    source=draw(texts if unpublished else optional_texts),
                    note=draw(optional_texts),
                    recorded=draw(st.none() | times),
                    history=draw(st.lists(revisions(indicator.unit), max_size=2)),
                    not_published=unpublished,
                    basis_change=None if unpublished else draw(optional_texts),
                )
            )
    return result


@pytest.mark.slow
@settings(max_examples=100)
@given(actual_sets())
def test_the_writer_is_idempotent(actuals: dict[str, list[Actual]]) -> None:
    files = dump_all(actuals)
    loaded = reload(files)
    assert dump_all(loaded) == files
    # and what was loaded is what was dumped, field for field
    for key, items in actuals.items():
        expected = [
            domain.from_model(domain.Actual, a) for a in items
        ]  # the plan's records, as checking gives
        assert sorted(loaded[key], key=lambda a: a.year) == sorted(expected, key=lambda a: a.year)


# --- numbers as people type them ---------------------------------------------------------------


def grouped(number: int) -> str:
    return f"{number:,}"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(st.integers(0, MAX_VALUE), st.sampled_from([str, grouped]), st.booleans(), st.booleans())
def test_any_way_of_writing_a_whole_number_gives_that_number(
    number: int, write: object, wide: bool, spaced: bool
) -> None:
    assert callable(write)
    text = write(number)
    if wide:
        text = full_width(text)
    if spaced:
        text = f" \u3000{text} "
    assert parse_value(text, "人") == number


@given(st.floats(0, 100, allow_nan=False))
def test_a_percentage_with_or_without_its_sign(number: float) -> None:
    written = decimal(number)  # as ipplan writes it: 1.0e-05, never the ambiguous 1e-05
    assert parse_value(written, "%") == number
    assert parse_value(written + "%", "%") == number
    assert parse_value(full_width(written + "%"), "%") == number


@given(st.text(max_size=30))
def test_parsing_any_text_gives_a_finite_number_or_a_refusal(text: str) -> None:
    from ipplan.errors import IpplanError

    try:
        value = parse_value(text, "%")
    except IpplanError:
        return
    assert value == value and abs(value) <= MAX_VALUE  # never NaN, never infinite


# --- fuzzing validate ----------------------------------------------------------------------

PROBLEM_LINE = re.compile(r"^(?P<path>.+\.yaml):(?P<line>\d+): (?P<code>[a-z0-9-]+): .+")
# The files people write, and one record file of each kind, as a write leaves them.
SEEDS = {
    "indicators.yaml": (SHIPPED / "indicators.yaml").read_bytes(),
    "tasks.yaml": (SHIPPED / "tasks.yaml").read_bytes(),
    "actuals/practitioners/2023.yaml": (
        b"# yaml-language-server: $schema=../../schema/actual.schema.json\nvalue: 31000\n"
        b'source: "2023"\nrecorded: "2024-03-01T10:00:00+08:00"\nhistory:\n'
        b'  - value: 30000\n    recorded: "2024-03-01T09:00:00+08:00"\n'
    ),
    "updates/talent-training/20240301T020000Z.yaml": (
        b"# yaml-language-server: $schema=../../schema/update.schema.json\n"
        b'recorded: "2024-03-01T10:00:00+08:00"\nstatus: "in_progress"\nnote: "x"\n'
    ),
}
YAMLISH = st.sampled_from(
    [
        *(b"\n", b" ", b"\t", b":", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a"),
        *(b"!!python/object:os.system ", b"!!binary ", b"<<: ", b"? ", b"|", b">", b"'"),
        *(b'"', b"#", b"%YAML 1.1\n", b"---\n", b"...\n", b"\xef\xbb\xbf", b"\r\n", b"\x00"),
        *(b"\x1b", b"\xff\xfe", "专利".encode("gbk"), b"1e999", b"nan", b".inf", b"-"),
        *(b"99999999999999999999999999", b"2021-13-45", b"null", b"~"),
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A data file with a few edits of the kinds that break YAML, or bytes at random."""
    name = draw(st.sampled_from(sorted(SEEDS)))
    if draw(st.integers(0, 9)) == 0:
        return name, draw(st.binary(max_size=400))
    data = bytearray(SEEDS[name] or b"")
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        if kind == "insert":
            data[where:where] = draw(YAMLISH | st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[where : where + draw(st.integers(1, 40))]
        elif kind == "replace":
            data[where : where + 1] = draw(YAMLISH)
        else:
            lines = bytes(data).splitlines(keepends=True)
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                lines.insert(i, lines[i])
                data = bytearray(b"".join(lines))
    return name, bytes(data)


@pytest.mark.slow
@settings(max_examples=120)
@given(mutated())
def test_validate_never_crashes_on_mutated_files(case: tuple[str, bytes]) -> None:
    name, content = case
    with plan_copy() as directory:
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(content)
        code, stderr = invoke("validate", "--data", str(directory))
        assert code in (0, 1)
        lines = stderr.splitlines()
        if code == 1:
            assert lines, "a failed validation says why"
            # every problem is one path:line: code: message line; the last line is the count
            for line in lines[:-1]:
                assert PROBLEM_LINE.match(line), line
        assert "\x1b" not in stderr
        # the other commands agree: the data loads if and only if it validated
        status_code, _ = invoke("status", "--json", "--data", str(directory))
        assert status_code == code


# --- fuzzing record -------------------------------------------------------------------------

years = st.sampled_from(["2021", "2022", "2023", "2025", "2026", "1999", "0", "-1", "２０２３"]) | (
    st.text(max_size=6)
)
indicators = st.sampled_from(
    [*KEYS, "1", "9", "10", "执业专利代理师人数", "Practising patent attorneys"]
) | (st.text(max_size=12))
typed_values = (
    st.sampled_from(
        ["31347", "３１３４７", "31,347", "31,34", "80%", "NaN", "-inf", "1e999", "0", ""]
    )
    | st.integers(-(10**14), 10**14).map(str)
    | st.floats(allow_nan=True, allow_infinity=True).map(repr)
    | st.text(max_size=12)
)
options = st.lists(
    st.sampled_from(["--force", "--json"])
    | st.tuples(st.sampled_from(["--source", "--note", "--lang"]), st.text(max_size=10)),
    max_size=3,
)


@pytest.mark.slow
@settings(max_examples=120)
@given(years, indicators, typed_values, options)
def test_record_never_crashes_and_a_refusal_changes_nothing(
    year: str, indicator: str, value: str, extra: list[object]
) -> None:
    assume("\x00" not in year + indicator + value)  # no process can receive a NUL in its argv
    args = ["record", year, indicator, value]
    for option in extra:
        args += list(option) if isinstance(option, tuple) else [str(option)]
    assume(all("\x00" not in a for a in args))
    with plan_copy() as directory:
        before = snapshot(directory)
        code, stderr = invoke(*args, "--data", str(directory))
        assert code in (0, 1, 2), stderr
        if code != 0:
            assert snapshot(directory) == before
            assert stderr.strip(), "a refusal says why"
        else:
            assert invoke("validate", "--data", str(directory))[0] == 0
        assert "\x1b" not in stderr
