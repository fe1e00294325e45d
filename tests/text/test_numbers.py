"""Numbers mean what they look like: a form that YAML 1.1 and 1.2 read differently, or one not in
decimal, is refused at its path:line, on the command line and in an import alike; plain decimals
read the same everywhere, and the shipped plan means what it meant."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ipplan.errors import IpplanError, NumberForm
from ipplan.files.yaml_read import parse, read
from ipplan.text import numbers
from ipplan.text.typed_input import parse_value
from tests.conftest import SHIPPED, Run, load, snapshot


@pytest.mark.parametrize(
    ("text", "code", "old", "new", "decimal"),
    [
        ("040000", "number-form", 16384, 40000, "40000"),  # octal to YAML 1.1
        ("08", "number-form", None, 8, "8"),  # text to YAML 1.1
        ("1:20", "number-form", 80, None, "80"),  # base 60 to YAML 1.1
        ("1:20.5", "number-form", 80.5, None, "80.5"),
        ("1_000", "number-form", 1000, None, "1000"),
        ("1_000.5", "number-form", 1000.5, None, "1000.5"),
        ("0b101", "number-form", 5, None, "5"),
        ("0o17", "number-form", None, 15, "15"),
        ("+0x1F", "number-form", 31, None, "31"),
        ("1e3", "number-form", None, 1000.0, "1000.0"),
        ("1.5e3", "number-form", None, 1500.0, "1500.0"),
        ("1e-05", "number-form", None, 1e-05, "1.0e-05"),
        ("0x1F", "number-base", 31, 31, "31"),
    ],
)
def test_forms_read_differently_are_refused(
    text: str, code: str, old: float | None, new: float | None, decimal: str
) -> None:
    form = numbers.check(text)
    assert form is not None
    assert (form.code, form.params["yaml11"], form.params["yaml12"]) == (code, old, new)
    assert form.params["decimal"] == decimal
    # the suggested form reads the same in both versions, and as the number meant
    meant = new if new is not None else old
    assert numbers.check(decimal) is None
    assert numbers.read11(decimal) == numbers.read12(decimal) == meant


@pytest.mark.parametrize(
    "text", ["0", "00", "31347", "-3", "+3", "80.5", ".5", "5.", "1.0e-05", "1.5E+3", ".inf"]
)
def test_plain_decimals_read_the_same_and_pass(text: str) -> None:
    assert numbers.check(text) is None
    assert numbers.read11(text) == numbers.read12(text)


def test_a_data_file_refuses_them_at_their_line(cli: Run, plan_dir: Path) -> None:
    indicators = plan_dir / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    target = "    target: {year: 2025, value: 40000}\n"
    line = text[: text.index(target)].count("\n") + 1
    indicators.write_text(text.replace(target, target.replace("40000", "040000")), "utf-8")
    record = plan_dir / "actuals" / "agency_rate" / "2023.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("value: 1:20\nnote: 0x1F\n", encoding="utf-8")
    before = snapshot(plan_dir)

    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{record}:1: number-form: 1:20 is ambiguous: YAML 1.1 reads it as 80 and YAML 1.2 as "
        "text. Write a number in plain decimal, such as 80; quote text",
        f"{record}:2: number-base: 0x1F is not written in decimal (it reads as 31); write 31, "
        "or quote text",
        f"{indicators}:{line}: number-form: 040000 is ambiguous: YAML 1.1 reads it as 16384 and "
        "YAML 1.2 as 40000. Write a number in plain decimal, such as 40000; quote text",
    ]
    zh = cli("validate", "--data", str(plan_dir))
    assert "040000 的写法有歧义：YAML 1.1 读作 16384，YAML 1.2 读作 40000" in zh.stderr
    assert cli("status", "--data", str(plan_dir)).exit_code == 1  # never read as 16384
    assert snapshot(plan_dir) == before


def test_a_quoted_form_is_text(plan_dir: Path) -> None:
    doc, problems = parse("a: \"040000\"\nb: '1:20'\n", plan_dir / "x.yaml")
    assert problems == [] and doc.data == {"a": "040000", "b": "1:20"}


def test_the_command_line_and_an_import_refuse_what_a_file_refuses(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    before = snapshot(plan_dir)
    typed = cli(
        "record", "2023", "practitioners", "040000", "--lang", "en", "--data", str(plan_dir)
    )
    assert typed.exit_code == 1
    assert typed.stderr.strip() == (  # typed: what to write, without talk of YAML
        "error: '040000' is read as different numbers by different tools; write a plain decimal "
        "number, such as 40000"
    )
    table = tmp_path / "values.csv"
    table.write_text("key,year,value\npractitioners,2023,31000\nagency_rate,2023,1e1\n", "utf-8")
    imported = cli("import", str(table), "--data", str(plan_dir))
    assert imported.exit_code == 1
    said = "“1e1”这种写法会被不同的软件读成不同的数；请写成普通十进制数，如 10。"
    assert f"{table}:3: number-form: {said}" in imported.stderr
    assert snapshot(plan_dir) == before


def test_the_shipped_plan_reads_the_same_in_both_versions() -> None:
    """No file of the shipped plan changes meaning: every plain scalar that either version reads
    as a number reads as the same number in both, and the plan loads."""
    files = sorted(SHIPPED.rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.plain:
                old, new = numbers.read11(token.value), numbers.read12(token.value)
                assert old == new or (old is None and new is None), (path, token.value)
        assert read(path)[1] == []
    assert len(load(SHIPPED).indicators) == 9


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("36000.000000000000001", "36000.0"),
        ("36000.50000000000000001", "36000.5"),
        ("123456789012345.123456789012345", "123456789012345.12"),
        ("0.12345678901234567890123", "0.12345678901234568"),
        ("1.00000000000000000001e+3", "1000.0"),
    ],
)
def test_more_digits_than_a_number_keeps_are_refused(text: str, kept: str) -> None:
    form = numbers.check(text)
    assert form is not None and form.code == "number-precision"
    assert form.params == {"text": text, "kept": kept}


@pytest.mark.parametrize(
    "text",
    ["0.1", "0.30000000000000004", "123456789012345.6", "80.5", "1.0e-05", "-2.5e-300"],
)
def test_digits_a_number_keeps_pass_however_many(text: str) -> None:
    """A decimal that reads back as written passes, past 15 digits too (0.30000000000000004
    is a number's own shortest form); only digits that would be lost are refused."""
    assert numbers.check(text) is None


def test_a_number_beyond_the_largest_is_said_so(cli: Run, plan_dir: Path) -> None:
    form = numbers.check("1e400")  # text to YAML 1.1, infinity to YAML 1.2
    assert form is not None and form.code == "number-too-large"
    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("value: 1e400\n", encoding="utf-8")
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"{record}:1: number-too-large: 1e400 is beyond the largest number there is; " in (
        result.stderr
    )


def test_digits_that_would_be_lost_are_refused_in_a_file_and_as_typed(
    cli: Run, plan_dir: Path
) -> None:
    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("value: 36000.000000000000001\nsource: x\n", encoding="utf-8")
    indicators = plan_dir / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    target = "    target: {year: 2025, value: 40000}\n"
    line = text[: text.index(target)].count("\n") + 1
    indicators.write_text(
        text.replace(target, target.replace("40000", "40000.0000000000000001")), "utf-8"
    )
    before = snapshot(plan_dir)
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{record}:1: number-precision: 36000.000000000000001 has more significant digits than "
        "a number keeps (15), and reads as 36000; write 36000, or fewer digits",
        f"{indicators}:{line}: number-precision: 40000.0000000000000001 has more significant "
        "digits than a number keeps (15), and reads as 40000; write 40000, or fewer digits",
    ]
    assert cli("status", "--data", str(plan_dir)).exit_code == 1
    record.unlink()
    indicators.write_text(text, "utf-8")
    before = snapshot(plan_dir)
    typed = cli("record", "2024", "practitioners", "36000.000000000000001", "--data", str(plan_dir))
    assert typed.exit_code == 1
    assert typed.stderr.strip() == (
        "错误：“36000.000000000000001”的有效数字超过 15 位，数值保存不了这么多位，会变成 36000；"
        "请少写几位，如 36000。"
    )
    assert snapshot(plan_dir) == before


# Texts made of what numbers are written with, in the forms the two versions disagree on.
number_like = st.text(alphabet="0123456789+-._:eEoxbB", min_size=1, max_size=10)


@settings(max_examples=500)
@given(number_like)
def test_the_same_text_means_the_same_number_in_a_file_and_as_typed(text: str) -> None:
    doc, problems = parse(f"v: {text}\n", Path("x.yaml"))
    codes = [p.code for p in problems]
    try:
        typed: float | None = parse_value(text)
        refusal: IpplanError | None = None
    except IpplanError as exc:
        typed, refusal = None, exc
    if codes and codes[0] in ("number-form", "number-base"):
        # refused in the file: refused as typed (as too large, say), and for the same reason
        # when it is refused for its form
        assert refusal is not None, text
        if isinstance(refusal, NumberForm):
            assert refusal.message_id == codes[0]
        return
    value = doc.data.get("v") if isinstance(doc.data, dict) else None
    if typed is not None:
        # a number as typed is the same number, of the same type, in the file
        assert value == typed and type(value) is type(typed), (text, value, typed)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and math.isfinite(value) and abs(value) <= 10**12:
        # and a number in the file is that number as typed
        assert typed == value, (text, value, refusal)


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"[-+]?[0-9]{1,20}(\.[0-9]{0,8})?", fullmatch=True),
        st.from_regex(r"[-+]?[0-9]{0,4}\.[0-9]{0,4}([eE][-+]?[0-9]{1,3})?", fullmatch=True),
        st.text(alphabet="0123456789+-.eE_:xob", max_size=12),
    )
)
def test_the_quick_answer_is_the_answer_of_both_readings(text: str) -> None:
    """A plain decimal is passed without PyYAML; for every text, that is what reading it with
    both versions says."""
    assert numbers.check(text) == numbers.check_both(text)


def test_digits_lost_to_a_multiplier_are_refused_and_1e400_is_too_large(
    cli: Run, plan_dir: Path
) -> None:
    before = snapshot(plan_dir)
    scaled = cli(
        "record",
        "2024",
        "revenue",
        "0.046200000000000005万亿",
        "--lang",
        "en",
        "--data",
        str(plan_dir),
    )
    assert scaled.exit_code == 1
    assert "has more significant digits than a number keeps (15)" in scaled.stderr
    huge = cli("record", "2024", "practitioners", "1e400", "--lang", "en", "--data", str(plan_dir))
    assert huge.exit_code == 1 and "1e400' is implausibly large" in huge.stderr
    assert snapshot(plan_dir) == before
    form = numbers.check("1.0e+400")  # infinity to both versions, and not written .inf
    assert form is not None and form.code == "number-too-large"
    assert numbers.check(".inf") is None  # said elsewhere: not a finite number


def test_a_work_plan_quantity_with_digits_that_would_be_lost_is_left_as_text() -> None:
    from ipplan.workplans.tables import _content

    assert _content("开展培训6.0000000000000000001次")["quantity"] is None
    assert _content("开展培训6次")["quantity"] == {"target": 6, "unit": "次"}
