"""Values and text as people type them: what is unambiguous is accepted, the rest refused with a
message; a value far from the year before needs --accept-jump."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipplan.errors import (
    AmbiguousNumber,
    ControlCharacter,
    InvisibleText,
    NotANumber,
    NumberForm,
    ValueTooLarge,
    WrongUnit,
)
from ipplan.text.typed_input import clean_text, control_character, parse_value, printable
from tests.conftest import Run, load, snapshot


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("31347", "人", 31347),
        ("３１３４７", "人", 31347),  # full-width digits from a Chinese input method
        ("31,347", "人", 31347),
        ("31，347", "人", 31347),  # full-width comma
        ("1,234,567", "人", 1234567),
        (" 31347 ", "人", 31347),
        ("\u300031347\u3000", "人", 31347),  # ideographic spaces
        ("31347\u00a0", "人", 31347),  # a no-break space pasted from a spreadsheet
        ("31347人", "人", 31347),  # the indicator's own unit
        ("80.5", "%", 80.5),
        ("80.5%", "%", 80.5),
        ("80.5 %", "%", 80.5),
        ("８０．５％", "%", 80.5),
        ("2.6‰", "‰", 2.6),
        ("1,234.5", "亿元", 1234.5),
        ("31347.0", "人", 31347.0),
        ("3.1e+4", "人", 31000.0),
        ("−5", "人", -5),  # a minus sign; the unit's range refuses it later
        ("+12", "人", 12),
    ],
)
def test_accepted(typed: str, unit: str, value: float) -> None:
    parsed = parse_value(typed, unit)
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize(
    ("typed", "unit", "error"),
    [
        ("31,34", "人", AmbiguousNumber),  # a decimal comma, or a separator gone wrong?
        ("3,5", "%", AmbiguousNumber),
        ("31,3470", "人", AmbiguousNumber),
        ("5%", "人", WrongUnit),
        ("2.6%", "‰", WrongUnit),  # per cent for a per mille indicator: refuse, don't convert
        ("80人", "%", WrongUnit),
        ("nan", "人", NotANumber),
        ("NaN", "%", NotANumber),
        ("inf", "人", NotANumber),
        ("-Infinity", "人", NotANumber),
        ("1e400", "人", ValueTooLarge),
        ("", "人", NotANumber),
        ("   ", "人", NotANumber),
        ("%", "%", NotANumber),
        ("31 347", "人", NotANumber),  # a space inside: refused rather than guessed
        ("31_347", "人", NumberForm),  # Python's separator, and YAML 1.1's
        ("0x1F", "人", NumberForm),
        ("3.1e4", "人", NumberForm),  # text to YAML 1.1, a number to YAML 1.2
        ("040000", "人", NumberForm),  # 16384 to YAML 1.1, 40000 to YAML 1.2
        ("١٢٣", "人", NotANumber),  # other scripts' digits
        ("三万", "人", NotANumber),
        ("1.2.3", "人", NotANumber),
        ("9" * 80, "人", NotANumber),
        ("1e13", "人", ValueTooLarge),
        ("2000000000000", "人", ValueTooLarge),
    ],
)
def test_refused(typed: str, unit: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_value(typed, unit)


def test_typed_values_through_the_command(cli: Run, plan_dir: Path) -> None:
    assert (
        cli("record", "2022", "practitioners", "２８，５００", "--data", str(plan_dir)).exit_code
        == 0
    )
    assert cli("record", "2023", "agency_rate", "80.7%", "--data", str(plan_dir)).exit_code == 0
    plan = load(plan_dir)
    assert plan.actuals["practitioners"][0].value == 28500
    assert plan.actuals["agency_rate"][0].value == 80.7
    text = (plan_dir / "actuals/practitioners/2022.yaml").read_text(encoding="utf-8")
    assert "value: 28500\n" in text  # stored as plain numbers
    text = (plan_dir / "actuals/agency_rate/2023.yaml").read_text(encoding="utf-8")
    assert "value: 80.7\n" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2023", "practitioners", "31,34"), "千位分隔符"),
        (("2023", "practitioners", "5%"), "带有单位 %"),
        (("2023", "practitioners", "nan"), "不是有限数值"),
        (("2023", "agency_rate", "inf"), "不是有限数值"),
        (("2023", "practitioners", "31347", "--source", "年报\x1b[2J"), "U+001B"),
        (("2023", "practitioners", "31347", "--note", "a\u202eb"), "U+202E"),
        (("2023", "practitioners", "31347", "--note", "\x07"), "U+0007"),
    ],
)
def test_refused_through_the_command_change_nothing(
    cli: Run, plan_dir: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(plan_dir)
    result = cli("record", *args, "--data", str(plan_dir))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert snapshot(plan_dir) == before


def test_action_text_with_control_characters_is_refused(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    for option in ("--note", "--lead"):
        result = cli(
            "task", "talent-training", option, "x\x1b]0;title\x07", "--data", str(plan_dir)
        )
        assert result.exit_code == 1
        assert f"{option} 含有终端控制字符 U+001B" in result.stderr
    assert snapshot(plan_dir) == before


def test_echoed_input_is_escaped_in_messages(cli: Run, plan_dir: Path) -> None:
    result = cli("record", "2023", "\x1b[31mpractitioners", "1", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mpractitioners" in result.stderr


def test_multi_line_text_is_ordinary_text() -> None:
    assert control_character("第一行\n第二行\t续") is None
    assert clean_text("  第一行\n第二行  ", "--note") == "第一行\n第二行"
    assert clean_text("", "--note") is None  # an unset variable in a script
    with pytest.raises(InvisibleText):
        clean_text("   ", "--note")
    with pytest.raises(ControlCharacter):
        clean_text("\r", "--note")
    assert printable("a\x1bb\x9bc") == "a\\x1bb\\x9bc"


def test_markup_in_data_prints_literally(cli: Run, plan_dir: Path) -> None:
    note = "[bold red]急[/bold red] [link=https://example.com]链接[/link]"
    assert (
        cli(
            "record", "2023", "practitioners", "31000", "--note", note, "--data", str(plan_dir)
        ).exit_code
        == 0
    )
    shown = cli("show", "practitioners", "--data", str(plan_dir)).stdout
    listed = cli("history", "--data", str(plan_dir)).stdout
    for output in (shown, listed):
        assert "[bold red]急[/bold red]" in output
        assert "[link=https://example.com]链接[/link]" in output
        assert "\x1b]8;" not in output  # no terminal hyperlink was made


# --- the plausibility guard -------------------------------------------------------------------


def test_a_slipped_digit_is_refused_and_shows_both_values(cli: Run, plan_dir: Path) -> None:
    assert cli("record", "2022", "practitioners", "31347", "--data", str(plan_dir)).exit_code == 0
    before = snapshot(plan_dir)
    result = cli("record", "2023", "practitioners", "313470", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "313470" in result.stderr and "2022 年的 31347" in result.stderr
    assert "+900%" in result.stderr and "±50%" in result.stderr
    assert "请加 --accept-jump 重新运行" in result.stderr
    assert snapshot(plan_dir) == before
    forced = cli(
        "record", "2023", "practitioners", "313470", "--accept-jump", "--data", str(plan_dir)
    )
    assert forced.exit_code == 0
    assert load(plan_dir).actuals["practitioners"][-1].value == 313470


def test_the_guard_in_english(cli: Run, plan_dir: Path) -> None:
    cli("record", "2022", "practitioners", "31347", "--data", str(plan_dir))
    result = cli("--lang", "en", "record", "2023", "practitioners", "3134", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "3134 for 2023 is -90% against 31347 for 2022, outside the accepted range" in (
        result.stderr
    )
    assert "each ±50%" in result.stderr


@pytest.mark.parametrize(
    ("value", "ok"),
    [("45182", True), ("45183", False), ("13415", True), ("13414", False)],
)
def test_the_limit_is_fifty_per_cent_either_way_of_the_baseline(
    cli: Run, plan_dir: Path, value: str, ok: bool
) -> None:
    # the 2021 baseline is 26829, and the plan's path from it reaches 30121.75 in 2022:
    # 30121.75 * 1.5 = 45182.6 and 26829 * 0.5 = 13414.5
    result = cli("record", "2022", "practitioners", value, "--data", str(plan_dir))
    assert (result.exit_code == 0) is ok, result.stderr


def test_the_neighbour_is_the_latest_year_before_else_the_first_after(
    cli: Run, plan_dir: Path
) -> None:
    # satisfaction has no baseline: its first value has nothing to be compared with
    assert cli("record", "2024", "satisfaction", "80", "--data", str(plan_dir)).exit_code == 0
    result = cli("record", "2022", "satisfaction", "30", "--data", str(plan_dir))
    assert result.exit_code == 1 and "2024 年的 80" in result.stderr
    assert cli("record", "2022", "satisfaction", "60", "--data", str(plan_dir)).exit_code == 0
    result = cli("record", "2023", "satisfaction", "25", "--data", str(plan_dir))
    assert result.exit_code == 1 and "2022 年的 60" in result.stderr


def test_after_zero_any_value_is_accepted(cli: Run, plan_dir: Path) -> None:
    assert (
        cli("record", "2022", "international_talent", "0", "--data", str(plan_dir)).exit_code == 0
    )
    assert (
        cli("record", "2023", "international_talent", "150", "--data", str(plan_dir)).exit_code == 0
    )


def test_the_limit_is_set_in_the_plan_and_per_indicator(cli: Run, plan_dir: Path) -> None:
    indicators = plan_dir / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    text = text.replace("  target_year: 2025\n", "  target_year: 2025\n  max_change: 0.1\n", 1)
    text = text.replace(
        "    target: {year: 2025, value: 800}\n",
        "    target: {year: 2025, value: 800}\n    max_change: 2\n",
        1,
    )
    indicators.write_text(text, encoding="utf-8")
    # 26829 -> 34000: beyond the plan's path for 2022 (30121.75) by more than the plan's 10 %
    result = cli("record", "2022", "practitioners", "34000", "--data", str(plan_dir))
    assert result.exit_code == 1 and "±10%" in result.stderr and "24147–33133" in result.stderr
    # medium agencies allow 200 %: 578 -> 1500 is +160%
    assert cli("record", "2022", "medium_agencies", "1500", "--data", str(plan_dir)).exit_code == 0


def test_a_limit_of_zero_or_less_is_a_problem_at_its_line(cli: Run, plan_dir: Path) -> None:
    indicators = plan_dir / "indicators.yaml"
    lines = indicators.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  target_year:"))
    lines.insert(at + 1, "  max_change: 0\n")
    indicators.write_text("".join(lines), encoding="utf-8")
    result = cli("validate", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert f"indicators.yaml:{at + 2}: invalid-max-change: " in result.stderr


def test_import_applies_the_guard_at_each_line(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    csv = tmp_path / "values.csv"
    csv.write_text("key,year,value\npractitioners,2022,28500\npractitioners,2023,285000\n", "utf-8")
    before = snapshot(plan_dir)
    result = cli("import", str(csv), "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "values.csv:3: implausible-change: " in result.stderr
    assert "2022 年的 28500" in result.stderr  # compared with the row above it in the file
    assert snapshot(plan_dir) == before
    forced = cli("import", str(csv), "--accept-jump", "--json", "--data", str(plan_dir))
    assert json.loads(forced.stdout)["recorded"] == 2


INVISIBLE = [
    "\u200b",
    "\u2060\u200b",
    "\ufeff",
    "\u00ad",
    " \u200b \u3000",
    "   ",
    "\u3000",
    "\u3164",
    "\u2800",
    "\uffa0",
    "\u115f",
    "\u034f",
    "\ufe0f",
]


@pytest.mark.parametrize("typed", INVISIBLE)
def test_text_that_shows_nothing_is_refused_as_typed(cli: Run, plan_dir: Path, typed: str) -> None:
    with pytest.raises(InvisibleText):
        clean_text(typed, "--source")
    before = snapshot(plan_dir)
    result = cli(
        "record", "2023", "practitioners", "31000", "--source", typed, "--data", str(plan_dir)
    )
    assert result.exit_code == 1
    assert "--source 只有不可见的字符（U+" in result.stderr
    note = cli("task", "talent-training", "--note", typed, "--lang", "en", "--data", str(plan_dir))
    assert note.exit_code == 1
    assert "--note holds only characters that show nothing (U+" in note.stderr
    assert snapshot(plan_dir) == before
    assert clean_text("\u200b要点\u200b", "--note") == "\u200b要点\u200b"  # shows something


@pytest.mark.parametrize("written", ['"   "', '"\u200b"', '"\u2060\u3000"', "\u00ad"])
def test_text_that_shows_nothing_is_refused_in_a_file(
    cli: Run, plan_dir: Path, written: str
) -> None:
    record = plan_dir / "actuals" / "practitioners" / "2023.yaml"
    record.parent.mkdir(parents=True)
    record.write_text(f"value: 31000\nsource: {written}\n", encoding="utf-8")
    indicators = plan_dir / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    first = text.index("    name: ")
    line = text[:first].count("\n") + 1
    end = text.index("\n", first)
    indicators.write_text(text[:first] + f"    name: {written}" + text[end:], encoding="utf-8")
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    problems = result.stderr.splitlines()[:-1]
    assert problems == [
        f"{record}:2: blank: source holds only spaces or characters that show nothing; write "
        "it, or remove the field",
        f"{indicators}:{line}: blank: indicators.0.name holds only spaces or characters that "
        "show nothing; write it, or remove the field",
    ]
    assert cli("status", "--data", str(plan_dir)).exit_code == 1


def test_bytes_that_are_not_text_are_refused_for_what_they_are(cli: Run, plan_dir: Path) -> None:
    """Bytes of another encoding on the command line reach Python as lone surrogates: refused
    as not UTF-8, naming the option, never written and then blamed on the file."""
    before = snapshot(plan_dir)
    record = cli(
        "record", "2023", "practitioners", "31000", "--source", "\udcff", "--data", str(plan_dir)
    )
    assert record.exit_code == 1
    assert record.stderr.strip() == (
        "错误：--source 含有不是 UTF-8 文字的字节，未做任何改动；"
        "请检查终端或脚本的编码（应为 UTF-8）。"
    )
    task = cli(
        "task", "talent-training", "--note", "a\udcffb", "--lang", "en", "--data", str(plan_dir)
    )
    assert task.exit_code == 1
    assert "--note holds bytes that are not UTF-8 text; nothing was changed" in task.stderr
    assert "not-utf8" not in record.stderr + task.stderr
    assert snapshot(plan_dir) == before


def test_an_unknown_option_after_the_arguments_is_called_an_unknown_option(
    cli: Run, plan_dir: Path
) -> None:
    before = snapshot(plan_dir)
    zh = cli("record", "2023", "practitioners", "31000", "--bogus", "--data", str(plan_dir))
    assert zh.exit_code == 2
    assert zh.stderr.strip().endswith("错误：没有 --bogus 这个选项。")
    en = cli(
        "record",
        "2023",
        "practitioners",
        "31000",
        "--sorce=x",
        "--lang",
        "en",
        "--data",
        str(plan_dir),
    )
    assert en.exit_code == 2
    assert en.stderr.strip().endswith(
        "error: No such option: --sorce (Possible options: --force, --note, --source)"
    )
    assert snapshot(plan_dir) == before
    # a negative value is still a value, refused for its range, not taken for an option
    negative = cli("record", "2023", "practitioners", "-5", "--data", str(plan_dir))
    assert negative.exit_code == 1 and "-5" in negative.stderr


def test_a_work_plans_text_that_shows_nothing_is_refused(cli: Run, plan_dir: Path) -> None:
    work_plan = plan_dir / "workplans" / "2022.yaml"
    text = work_plan.read_text(encoding="utf-8")
    work_plan.write_text(
        text.replace("  issuer: 中华全国专利代理师协会\n", '  issuer: " "\n', 1), encoding="utf-8"
    )
    line = text[: text.index("  issuer: ")].count("\n") + 1
    result = cli("validate", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{work_plan}:{line}: blank: workplan.issuer holds only spaces or characters that show "
        "nothing; write it, or remove the field"
    )


def test_an_empty_cancel_or_note_records_nothing(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    for option in ("--cancel", "--note"):
        for value in ("", " "):
            result = cli("item", "y2022-1", option, value, "--cancel", "", "--data", str(plan_dir))
            assert result.exit_code == 1, (option, value)
    empty = cli("item", "y2022-1", "--cancel", "", "--data", str(plan_dir))
    assert empty.exit_code == 1
    assert "没有要记录的进展" in empty.stderr
    assert snapshot(plan_dir) == before


def test_an_option_of_the_command_after_a_double_dash_is_not_called_unknown(
    cli: Run, plan_dir: Path
) -> None:
    result = cli(
        "record", "2024", "practitioners", "--", "36000", "--note", "x", "--data", str(plan_dir)
    )
    assert result.exit_code == 2
    assert "没有 --note 这个选项" not in result.stderr
