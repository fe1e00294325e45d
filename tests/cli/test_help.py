"""--help in the user's language, from the one catalogue, and Click's own errors in it too."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from typer.main import get_command

from ipplan.cli import app, registry
from ipplan.cli.helpformat import help_language, parameter_key
from ipplan.text.i18n import CATALOGUE
from ipplan.text.wrapping import wrap
from tests.cli.test_chinese_first import run
from tests.conftest import Run

registry.load(list(registry.MODULES))  # every command, as `ipplan --help` lists them
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_every_command_and_parameter_has_its_help_in_both_languages() -> None:
    group = get_command(app)
    assert "help.ipplan" in CATALOGUE
    commands = [("ipplan", group), *group.commands.items()]  # type: ignore[attr-defined]
    assert len(commands) > 20
    for name, command in commands:
        assert f"help.{name}" in CATALOGUE or name == "ipplan", name
        for param in command.params:
            key = parameter_key(name, param.name or "")
            assert key is not None, f"{name} {param.name}"
            zh, en = CATALOGUE[key]
            assert zh and en and zh != en


def test_help_texts_live_only_in_the_catalogue() -> None:
    from pathlib import Path

    for module in (Path(__file__).parents[2] / "src" / "ipplan" / "cli").glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"\bhelp=\"", source), module.name
    # nor in docstrings, which Typer would take for the help and the catalogue overwrite
    callbacks = [info.callback for info in app.registered_commands]
    assert len(callbacks) == len(registry.MODULES)
    assert app.registered_callback is not None
    callbacks.append(app.registered_callback.callback)
    documented = [f.__name__ for f in callbacks if f is not None and f.__doc__ is not None]
    assert documented == []


def test_the_language_of_help() -> None:
    assert help_language(None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert help_language(None, {"LANG": "zh_TW.UTF-8"}) == "zh"
    assert help_language(None, {"LANG": "en_US.UTF-8"}) == "en"
    assert help_language(None, {"LANG": "C.UTF-8"}) == "en"
    assert help_language(None, {}) == "en"
    assert help_language(None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert help_language(None, {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}) == "zh"
    assert help_language(None, {"IPPLAN_LANG": "en", "LANG": "zh_CN.UTF-8"}) == "en"
    assert help_language(None, {"IPPLAN_LANG": "zh", "LANG": "C"}) == "zh"
    assert help_language("en", {"IPPLAN_LANG": "zh"}) == "en"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_helps_in_chinese_and_in_english(
    cli: Run, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    zh_first = CATALOGUE[f"help.{command}"][0].split("\n")[0]
    en_first = CATALOGUE[f"help.{command}"][1].split("\n")[0]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    chinese = cli(command, "--help")
    assert chinese.exit_code == 0
    assert chinese.stdout.startswith(f"用法：ipplan {command} [选项]")
    assert zh_first[:12] in chinese.stdout and "示例：ipplan" in chinese.stdout
    assert "选项：" in chinese.stdout and "显示本帮助并退出。" in chinese.stdout
    assert "Options" not in chinese.stdout and "[required]" not in chinese.stdout
    english = cli(command, "--help", "--lang", "en")
    assert english.exit_code == 0
    assert english.stdout.startswith(f"Usage: ipplan {command} [OPTIONS]")
    assert en_first[:30] in english.stdout and "Example: ipplan" in english.stdout
    assert "选项" not in english.stdout


def test_the_locale_chooses_unless_ipplan_lang_or_lang_does(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert cli("status", "--help").stdout.startswith("Usage: ipplan status")
    monkeypatch.setenv("IPPLAN_LANG", "zh")
    assert cli("status", "--help").stdout.startswith("用法：ipplan status")
    assert cli("status", "--help", "--lang", "en").stdout.startswith("Usage: ipplan status")
    monkeypatch.delenv("IPPLAN_LANG")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    top = cli("--help").stdout
    assert top.startswith("用法：ipplan [选项] 命令 [参数]...")
    assert "命令：" in top and "  status " in top and "每项指标的现状" in top
    assert "必填" not in top


def test_required_and_default_marks_are_translated(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    record = cli("record", "--help").stdout
    assert "[必填]" in record and "[required]" not in record
    due = cli("due", "--help").stdout
    assert "[默认：30；0<=x<=3660]" in due
    assert "[default: 30; 0<=x<=3660]" in cli("due", "--help", "--lang", "en").stdout


def test_examples_name_the_last_year_that_has_ended(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2031-03-01")
    assert "Example: ipplan status --as-of 2030" in cli("status", "--help").stdout
    assert 'ipplan record 2030 1 36000 --source "2030年度统计"' in cli("record", "--help").stdout
    monkeypatch.setenv("IPPLAN_TODAY", "2027-06-30")
    assert "Example: ipplan status --as-of 2026" in cli("status", "--help").stdout
    assert "--years 2028-2032" in cli("new", "--help").stdout


@pytest.mark.parametrize("columns", ["80", "60", "40"])
def test_chinese_help_fits_the_terminal_and_never_starts_a_line_with_punctuation(
    columns: str,
) -> None:
    for command in ("--help", "new --help", "validate --help", "report --help"):
        result = run(*command.split(), env_columns=columns, LANG="zh_CN.UTF-8")
        assert result.returncode == 0
        for line in result.stdout.splitlines():
            assert width(line) <= int(columns), line
            assert not re.match(r"^\s*[，。、；：）」』]", line), line
            assert line == line.rstrip()


def test_wrap_breaks_between_chinese_characters_and_at_spaces() -> None:
    assert wrap("每项指标的现状：最新实际值", 10) == ["每项指标的", "现状：最新", "实际值"]
    assert wrap("one two three", 7) == ["one two", "three"]
    assert wrap("计划的标题abc，下一句", 10) == ["计划的标题", "abc，下一", "句"]
    assert wrap("甲乙丙丁。", 8) == ["甲乙丙", "丁。"]
    assert wrap("averyveryverylongword", 8) == ["averyver", "yverylon", "gword"]


# --- Click's own usage errors -------------------------------------------------------------------


def test_click_usage_errors_speak_chinese() -> None:
    unknown = run("stauts")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("用法：ipplan [选项] 命令 [参数]...\n")
    assert unknown.stderr.rstrip().endswith(
        "错误：没有 stauts 这个命令（您是否想输入：status、task？）；ipplan -h 列出所有命令。"
    )
    option = run("status", "--as-o", "2024")
    assert option.returncode == 2
    assert "用法：ipplan status [选项]" in option.stderr
    assert "错误：没有 --as-o 这个选项。（您是否想输入：--as-of" in option.stderr
    extra = run("status", "more", "words")
    assert extra.returncode == 2 and "错误：多余的参数：more words。" in extra.stderr
    missing = run("status", "--as-of")
    assert missing.returncode == 2 and "错误：--as-of 后面需要一个值。" in missing.stderr
    choice = run("validate", "--format", "xml")
    assert choice.returncode == 2
    assert "“xml”不是可选的值；可选：text、json、github" in choice.stderr
    assert "Value error" not in choice.stderr
    number = run("history", "--limit", "x")
    assert number.returncode == 2
    assert number.stderr.rstrip().endswith("错误：'--limit' / '-n' 的值无效：应为整数")


def test_click_usage_errors_in_english_stay_english() -> None:
    unknown = run("stauts", lang="en")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("Usage: ipplan [OPTIONS] COMMAND [ARGS]...\n")
    assert "No such command 'stauts'" in unknown.stderr
    choice = run("validate", "--format", "xml", lang="en")
    assert "'xml' is not one of text, json, github" in choice.stderr


def test_languages_are_read_as_people_write_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipplan.text.i18n import lang_code, resolve_lang

    assert [lang_code(v) for v in ("zh", "ZH", "zh_CN.UTF-8", "en-US", "EN")] == [
        "zh",
        "zh",
        "zh",
        "en",
        "en",
    ]
    assert lang_code("fr") is None and lang_code("zhx") is None and lang_code("") is None
    assert resolve_lang(None, {"IPPLAN_LANG": "en_US.UTF-8"}) == "en"
    assert help_language(None, {"IPPLAN_LANG": "zh_CN", "LANG": "C.UTF-8"}) == "zh"
    assert "15 actions, 3 safeguards" in run("tasks", "--lang", "EN").stdout


# --- the roadmap at 80 and 60 columns ----------------------------------------------------------


@pytest.mark.parametrize("columns", ["80", "60"])
def test_the_roadmap_never_cuts_an_id(columns: str) -> None:
    from tests.conftest import SHIPPED

    result = run("roadmap", "--data", str(SHIPPED), env_columns=columns)
    assert result.returncode == 0
    words = set(result.stdout.split())
    for action in ("association-building", "regulatory-coordination", "disciplinary-action"):
        assert action in words, action
    assert "y2022-10-2" in words
    assert all(width(line) <= int(columns) for line in result.stdout.splitlines())


def test_the_roadmap_says_its_as_of_year_and_the_bundled_plan_is_named() -> None:
    from tests.conftest import SHIPPED

    as_of = run("roadmap", "--data", str(SHIPPED), "--as-of", "2023", env_columns="200")
    assert as_of.stdout.splitlines()[0].endswith(" · 截至 2023 年")
    import os
    import subprocess

    from tests.cli.test_chinese_first import IPPLAN

    environ = {k: v for k, v in os.environ.items() if not k.startswith("IPPLAN_")}
    for command in ("due", "roadmap", "workplan"):
        for json_flag in ([], ["--json"]):
            bundled = subprocess.run(
                [str(IPPLAN), command, *json_flag],
                capture_output=True,
                text=True,
                env=environ,
                cwd="/",
            )
            assert bundled.returncode == 0, bundled.stderr
            if json_flag:
                assert bundled.stderr == ""
            else:
                assert bundled.stderr.startswith("注意："), command


def test_an_option_before_its_command_is_told_where_it_goes() -> None:
    result = run("--json", "status")
    assert result.returncode == 2
    assert json.loads(result.stderr)["error"]["message"] == (
        "--json 是命令的选项，请写在命令之后，如 ipplan status --json。"
    )
    english = run("--as-of", "2023", "status", lang="en")
    assert "--as-of is an option of a command: put it after the command" in english.stderr


def test_no_line_ends_with_an_opening_bracket() -> None:
    assert wrap("甲乙丙“戊己”", 7) == ["甲乙丙", "“戊己”"]  # not 甲乙丙“ / 戊己”


@pytest.mark.parametrize("columns", ["80", "60"])
def test_measures_never_start_a_line_with_closing_punctuation(columns: str) -> None:
    from tests.conftest import SHIPPED

    for action in ("talent-training", "senior-talent"):
        shown = run("task", action, "--data", str(SHIPPED), env_columns=columns).stdout
        for line in shown.splitlines():
            assert not re.match(r"^\s*[，。、；：）」』]", line), line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_at_80_columns_keeps_pace_and_cuts_no_english_word(lang: str) -> None:
    from tests.conftest import SHIPPED

    shown = run("status", "--data", str(SHIPPED), lang=lang, env_columns="80").stdout
    header = next(line for line in shown.splitlines() if line.strip().startswith(("序号", "No.")))
    assert header.split()[-1] == "R" and ("目标" in header or "Target" in header)
    words = set(shown.split())
    if lang == "en":  # every word of every name is there whole (or broken at its hyphen)
        import yaml

        names = [
            i["name_en"]
            for i in yaml.safe_load((SHIPPED / "indicators.yaml").read_text(encoding="utf-8"))[
                "indicators"
            ]
        ]
        for word in " ".join(names).split():
            head, _, tail = word.partition("-")
            assert word in words or {f"{head}-", tail} <= words, word


def test_a_wrapped_sentence_in_show_stays_under_its_start(plan_dir: object) -> None:
    from pathlib import Path

    data = ("--data", str(Path(str(plan_dir))))
    assert run("record", "2023", "international_talent", "60", *data).returncode == 0
    shown = run("show", "6", *data, env_columns="80").stdout.splitlines()
    start = next(i for i, line in enumerate(shown) if "计划未给出基线" in line)
    assert shown[start].startswith("  ") and shown[start + 1].startswith("  ")
    assert all(width(line) <= 80 for line in shown)


@pytest.mark.parametrize("columns", ["80", "60"])
def test_history_wraps_without_cutting_a_word_or_a_number(columns: str, plan_dir: object) -> None:
    from collections import Counter

    data = ("--data", str(plan_dir))
    source = "国家知识产权局《2024年全国知识产权服务业统计调查报告》"
    recorded = run("record", "2024", "litigators", "5000", "--source", source, *data)
    assert recorded.returncode == 0, recorded.stderr
    for lang in ("zh", "en"):
        wide = run("history", *data, lang=lang, env_columns="400").stdout
        narrow = run("history", *data, lang=lang, env_columns=columns).stdout
        assert all(width(line) <= int(columns) for line in narrow.splitlines())
        tokens = Counter(re.findall(r"[A-Za-z0-9.]+|[\u4e00-\u9fff《》]", wide))
        assert Counter(re.findall(r"[A-Za-z0-9.]+|[\u4e00-\u9fff《》]", narrow)) == tokens


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["--note TEXT", "--due DATE", "--as-of YEAR", "-n, --limit NUMBER"]),
        ("zh", ["--note 文本", "--due 日期", "--as-of 年份", "-n, --limit 数值"]),
    ],
)
def test_help_names_the_kind_of_each_value_in_words(cli: Run, lang: str, words: list[str]) -> None:
    shown = "".join(
        cli(command, "--help", "--lang", lang).stdout for command in ("task", "history", "record")
    )
    for word in words:
        assert re.search(rf"^  {re.escape(word)} ", shown, re.M), word
    assert "<str>" not in shown and "<int" not in shown
    assert ("--data DIR" in shown) and ("--lang <zh|en>" in shown)  # names the code gives stay
