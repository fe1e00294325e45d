"""The smaller points a new user and a hostile try met (issue 23, item 6), each with the exact
output that shows it put right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, Run, snapshot


def test_an_ambiguous_name_lists_every_action_it_may_mean(cli: Run, plan_dir: Path) -> None:
    # talent-training's English title lacks the word: its id has it, so it is one of the choices
    before = snapshot(plan_dir)
    result = cli("task", "talent", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert result.stderr == (
        "error: 'talent' could be several actions: Make the profession more attractive to "
        "talent (talent-attraction), Train more of the profession's people (talent-training), "
        "Build a reserve of senior talent (senior-talent); be more specific, or use the action "
        "id\n"
    )
    assert snapshot(plan_dir) == before
    # a part of a title that no other title or id holds still names its action
    assert cli("task", "人才培养", "--json", "--data", str(plan_dir)).exit_code == 0


def test_an_ambiguous_indicator_lists_every_indicator_it_may_mean(cli: Run, plan_dir: Path) -> None:
    result = cli("show", "agenc", "--lang", "en", "--data", str(plan_dir))
    assert result.exit_code == 1
    assert "(medium_agencies)" in result.stderr and "(agency_rate)" in result.stderr


@pytest.mark.parametrize("as_of", [None, "2023"])
def test_task_json_names_its_year_first(cli: Run, plan_dir: Path, as_of: str | None) -> None:
    year = () if as_of is None else ("--as-of", as_of)
    result = cli("task", "talent-training", "--json", *year, "--data", str(plan_dir))
    assert result.exit_code == 0
    view = json.loads(result.stdout)
    assert list(view)[:2] == ["as_of", "id"]
    assert view["as_of"] == (None if as_of is None else 2023)


def test_no_outlook_once_the_target_year_has_ended(
    cli: Run, shipped_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ("--data", str(shipped_dir))
    monkeypatch.setenv("IPPLAN_TODAY", "2025-10-01")
    during = cli("show", "practitioners", *data).stdout
    assert "展望 2025 年\n" in during and "预计（线性）" in during
    monkeypatch.setenv("IPPLAN_TODAY", "2027-03-01")
    after = cli("show", "practitioners", *data).stdout
    assert "展望" not in after and "预计" not in after and "加速倍数" not in after
    assert "  按计划 2023 年应达 33414.5 人（线性路径），实际偏差 +981.5\n终期评估\n" in after
    report = cli("report", "-f", "md", *data).stdout
    assert "2025 年预计" not in report and "保持当前年均变化" not in report
    assert "- 按计划 2023 年应达 33414.5 人（线性路径），实际偏差 +981.5\n" in report


def test_a_provisional_baseline_mark_is_explained_under_each_table_that_shows_it(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    data = ("--data", str(plan_dir))
    plain = cli("report", "-f", "md", *data).stdout
    assert "暂定基线" not in plain  # no mark, no legend
    for year, value in (("2023", "80"), ("2024", "82")):
        assert cli("record", year, "satisfaction", value, *data).exit_code == 0
    report = cli("report", "-f", "md", *data).stdout
    row = "| 9 | 行业社会满意度 | % | 80\\* | 82 (2024) | 83 | 66.7% | 1.33 | 1.35 | 符合预期 |\n"
    legend = "\\* 暂定基线：计划未给出基线，以最早的实际值为基线计算进度\n"
    # every table showing the mark has the legend under it: the overview and two areas
    assert report.count(row + "\n" + legend) == report.count(row) == 3
    english = cli("report", "-f", "html", "--lang", "en", *data).stdout
    assert english.count(
        '<p class="muted">* provisional baseline: the plan gives none, so progress is counted '
        "from the earliest actual</p>"
    ) == english.count("80*</td>")
    assert english.count("80*</td>") == 3
    status = cli("status", *data).stdout
    assert "80*" in status
    assert "\n* 9 行业社会满意度：暂定基线，取最早实际值（2023 年）\n" in status


def test_the_slipped_digit_range_of_a_percentage_stops_at_100(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    data = ("--data", str(plan_dir))
    assert cli("record", "2023", "agency_rate", "80.1", *data).exit_code == 0
    before = snapshot(plan_dir)
    result = cli("record", "2024", "agency_rate", "8.1", "--lang", "en", *data)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: Patent agency rate: 8.1 for 2024 is -90% against 80.1 for 2023, outside the "
        "accepted range 40.05-100 (80.1 for 2023 and the plan's path, 82.05 by 2024, each "
        "±50%); is a digit missing or extra? If the value is right, run again with "
        "--accept-jump\n"
    )
    assert snapshot(plan_dir) == before


def test_refusing_1e_05_advises_a_plain_decimal(cli: Run, plan_dir: Path) -> None:
    before = snapshot(plan_dir)
    for lang, said in (
        (
            "zh",
            "错误：“1e-05”这种写法会被不同的软件读成不同的数；请写成普通十进制数，如 0.00001。\n",
        ),
        (
            "en",
            "error: '1e-05' is read as different numbers by different tools; write a plain "
            "decimal number, such as 0.00001\n",
        ),
    ):
        result = cli(
            "record", "2023", "complaint_rate", "1e-05", "--lang", lang, "--data", str(plan_dir)
        )
        assert (result.exit_code, result.stderr) == (1, said)
    assert snapshot(plan_dir) == before


def test_tiny_values_and_signed_zero_show_as_written(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    data = ("--data", str(plan_dir))
    recorded = cli("record", "2023", "complaint_rate", "0.00001", "--accept-jump", *data)
    assert recorded.exit_code == 0
    assert recorded.stdout.startswith("已记录：投诉案件人均量 2023 年 = 0.00001 ‰\n")
    assert "投诉案件人均量：0.00001 (2023) → 2 (2025)" in recorded.stdout
    assert "  2023        2.5   0.00001   -2.5\n" in cli("show", "complaint_rate", *data).stdout
    assert "投诉案件人均量 2023  0.00001 ‰" in cli("history", *data).stdout
    zero = cli("record", "2022", "complaint_rate", "-0", "--accept-jump", *data)
    assert zero.stdout.startswith("已记录：投诉案件人均量 2022 年 = 0 ‰\n")


@pytest.mark.parametrize(
    ("value", "number", "exact", "signed", "ratio", "percent"),
    [
        (1e-05, "0.00001", "0.00001", "+0.00001", "0.00", "0.0%"),
        (-1.5e-07, "-0.00000015", "-0.00000015", "-0.00000015", "0.00", "0.0%"),
        (-0.0, "0", "0", "0", "0.00", "0.0%"),
        (-0.0001, "-0.0001", "-0.0001", "-0.0001", "0.00", "0.0%"),
        (2.220446049250313e-16, "0", "0.0000000000000002220446049250313", "0", "0.00", "0.0%"),
        (80.125, "80.12", "80.125", "+80.12", "80.12", "8012.5%"),
    ],
)
def test_shown_numbers_never_use_an_exponent_or_minus_zero(
    value: float, number: str, exact: str, signed: str, ratio: str, percent: str
) -> None:
    from ipplan.text import shown_numbers as shown

    assert (shown.number(value), shown.exact(value), shown.signed(value)) == (number, exact, signed)
    assert (shown.ratio(value), shown.percent(value)) == (ratio, percent)


@pytest.mark.slow
@pytest.mark.parametrize("columns", [40, 50, 60, 80])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_at_narrow_widths_never_cuts_a_number_or_a_word(
    cli: Run, monkeypatch: pytest.MonkeyPatch, columns: int, lang: str
) -> None:
    from ipplan.text.wrapping import width

    monkeypatch.setenv("COLUMNS", str(columns))
    for number in range(1, 10):
        out = cli("show", str(number), "--lang", lang, "--data", str(SHIPPED)).stdout
        assert "…" not in out, (number, out)
        assert max(width(line) for line in out.splitlines()) <= columns, (number, out)
        if number == 1:  # each year's numbers whole on its line, whatever the width
            assert re.search(r"\n  2022 +30121\.75 +31347 +\+1225\.25", out)
            assert re.search(r"\n  2025 +40000 +— +—", out)
            assert "self-regulat…" not in out
    eight = cli("show", "8", "--lang", lang, "--data", str(SHIPPED)).stdout
    for action in ("self-regulation-rules", "regulatory-coordination", "professional-conduct"):
        assert f"  {action}  " in eight


def test_the_shipped_indicators_comment_names_where_records_are_written(
    cli: Run, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipplan.files import layout

    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    head = (SHIPPED / "indicators.yaml").read_text(encoding="utf-8").split("\nplan:")[0]
    said = layout.ACTUALS.relative("practitioners", "2023")
    assert "writes each to a file of its own,\n# actuals/KEY/YEAR.yaml (" + said + ")." in head
    assert "actuals.yaml" not in head.replace("YEAR.yaml", "").replace("2023.yaml", "")
    # and that is where a record goes
    assert cli("record", "2023", "practitioners", "34396", "--data", str(plan_dir)).exit_code == 0
    assert (plan_dir / said).is_file()


def test_a_refusal_counts_one_problem_right_and_says_where_they_are_listed(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    one = tmp_path / "one.csv"
    one.write_text("key,year,value\npractitioners,2023,abc\n", encoding="utf-8")
    two = tmp_path / "two.csv"
    two.write_text("key,year,value\npractitioners,2023,abc\nrevenue,2023,x\n", encoding="utf-8")
    data = ("--data", str(plan_dir))
    before = snapshot(plan_dir)
    said = cli("import", str(one), "--lang", "en", *data)
    assert (said.exit_code, said.stderr.splitlines()[-1]) == (
        1,
        f"error: {one} has 1 problem (above) and nothing was imported; fix it and run again",
    )
    said = cli("import", str(two), "--lang", "en", *data)
    assert said.stderr.splitlines()[-1] == (
        f"error: {two} has 2 problems (above) and nothing was imported; fix them and run again"
    )
    for lang, message in (
        (
            "en",
            f"{one} has 1 problem (listed under problems) and nothing was imported; fix it "
            "and run again",
        ),
        ("zh", f"{one} 有 1 个问题（见 problems 字段），未导入任何数据；修正后再试。"),
    ):
        refused = cli("import", str(one), "--json", "--lang", lang, *data)
        error = json.loads(refused.stderr)["error"]
        assert (refused.exit_code, error["message"]) == (1, message)
        assert [p["code"] for p in error["problems"]] == ["not-a-number"]
    (plan_dir / "tasks.yaml").write_text("actions: [\n", encoding="utf-8")
    broken = snapshot(plan_dir)
    invalid = json.loads(cli("status", "--json", "--lang", "en", *data).stderr)["error"]
    assert invalid["message"] == (
        "the data files have 1 problem (listed under problems); fix it and try again "
        "(`ipplan validate` checks)"
    )
    assert snapshot(plan_dir) == broken != before


@pytest.mark.parametrize(
    ("shell", "lang", "said"),
    [
        (
            "bash",
            "zh",
            "已为 bash 安装补全：{home}/.bash_completions/ipplan.sh，由 ~/.bashrc 加载。"
            "请新开一个终端，或在当前终端运行 source ~/.bashrc，补全即可使用。\n",
        ),
        (
            "zsh",
            "en",
            "completion for zsh installed in {home}/.zfunc/_ipplan, loaded by ~/.zshrc; open a "
            "new terminal, or run source ~/.zshrc in this one, to use it\n",
        ),
        (
            "fish",
            "en",
            "completion for fish installed in {home}/.config/fish/completions/ipplan.fish; fish "
            "loads it when it starts, so open a new terminal to use it\n",
        ),
    ],
)
def test_install_completion_says_what_to_do_next(
    cli: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shell: str,
    lang: str,
    said: str,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("IPPLAN_LANG", lang)
    result = cli("--install-completion", shell)
    assert (result.exit_code, result.stdout) == (0, said.format(home=tmp_path))


def test_a_success_message_escapes_control_characters_in_a_path_as_an_error_does(
    cli: Run, tmp_path: Path
) -> None:
    hostile = tmp_path / "a\x1b[31mred"
    hostile.mkdir()
    shown = str(hostile).replace("\x1b", "\\x1b")
    report = cli("report", "-o", str(hostile / "r.md"), "--data", str(SHIPPED))
    assert report.exit_code == 0
    assert report.stderr == f"已写入 md 报告：{shown}/r.md\n"
    made = cli("init", str(hostile / "plan"))
    assert made.exit_code == 0 and "\x1b" not in made.stdout
    assert f"{shown}/plan" in made.stdout
    refused = cli("report", "-o", str(hostile / "none" / "r.md"), "--data", str(SHIPPED))
    assert refused.exit_code == 1 and f"{shown}/none" in refused.stderr


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workplan_and_roadmap_fit_the_terminal(
    cli: Run, monkeypatch: pytest.MonkeyPatch, columns: int, lang: str
) -> None:
    from ipplan.text.wrapping import width

    monkeypatch.setenv("IPPLAN_TODAY", "2025-03-15")
    monkeypatch.setenv("COLUMNS", str(columns))
    for command in ("workplan", "roadmap"):
        out = cli(command, "--lang", lang, "--data", str(SHIPPED)).stdout
        assert max(width(line) for line in out.splitlines()) <= columns, (command, out)
        assert "…" not in out
    title = cli("roadmap", "--lang", lang, "--data", str(SHIPPED)).stdout.split("\n\n")[0]
    whole = "".join(title.splitlines()) if lang == "zh" else " ".join(title.splitlines())
    assert "2022-2025" in whole  # the title wrapped, none of it lost
