"""One table per command at 80 columns, in Chinese and English, exactly as the one table engine
draws it (:mod:`ipplan.render.table`): headings, alignment (numbers right), wrapping by the one
wrapper (:mod:`ipplan.text.wrapping`)."""

from __future__ import annotations

import pytest

from tests.conftest import SHIPPED, Run

EXPECTED = {
    ("status", "zh"): [
        "推进专利代理行业高质量发展行动计划（2022-2025年）",
        "",
        " 序号  指标                      状态          最新实际  目标 2025   进度     R",
        " ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
        "    1  执业专利代理师人数        符合预期  34396 (2023)      40000  57.5%  1.15",
        "    2  中型以上专利代理机构数量  暂无数据             —        800      —     —",
        "    3  专利代理率                暂无数据             —         84      —     —",
        "    4  专利代理机构总营业收入    进度滞后  462.6 (2023)        630  14.6%  0.29",
        "    5  诉讼型人才                符合预期  4896 (2023)†       5000  91.0%  1.82",
        "    6  国际化高端人才            暂无数据             —        200      —     —",
    ],
    ("status", "en"): [
        "Action Plan for the High-Quality Development of the Patent Agency Profession",
        "(2022-2025)",
        "",
        " No.  Indicator                      Status    Latest actual  Target 2025     R",
        " ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
        "   1  Practising patent attorneys    on track   34396 (2023)        40000  1.15",
        "   2  Medium-sized and larger        no data               —          800     —",
        "      patent agencies",
        "   3  Patent agency rate             no data               —           84     —",
        "   4  Total operating revenue of     lagging    462.6 (2023)          630  0.29",
    ],
    ("tasks", "zh"): [
        "1. 提升专利代理能力，支撑行业高质量发展",
        "",
        "  编号                      行动           状态     进度   牵头单位   完成时限",
        " ──────────────────────────────────────────────────────────────────────────────",
        "  talent-attraction         提升行业人才   未启动   —      —          —",
        "                            吸引力",
        "  talent-training           加大行业人才   未启动   —      —          —",
        "                            培养",
        "  senior-talent             加强高端人才   未启动   —      —          —",
        "                            储备",
    ],
    ("tasks", "en"): [
        "1. Strengthen patent agency capability to support high-quality development",
        "",
        "  ID                        Action                           Status        Due",
        " ──────────────────────────────────────────────────────────────────────────────",
        "  talent-attraction         Make the profession more         not started   —",
        "                            attractive to talent",
        "  talent-training           Train more of the profession's   not started   —",
        "                            people",
        "  senior-talent             Build a reserve of senior        not started   —",
        "                            talent",
    ],
    ("history", "zh"): [
        "变更记录（最新在前）",
        "",
        " 录入时间                对象                  变更        来源/备注",
        " ──────────────────────────────────────────────────────────────────────────────",
        " 2026-11-21 20:59 UTC+0  专利代理机构总营业收  462.6 亿元  国家知识产权局《2024",
        "                         入 2023                           年全国知识产权服务业",
        "                                                           统计调查报告》,",
        "                                                           2024-10 / 2023年专利",
        "                                                           代理机构总营业收入约",
        "                                                           462.6亿元",
    ],
    ("history", "en"): [
        "Recorded changes, newest first",
        "",
        " Recorded                Item              Change             Source / note",
        " ──────────────────────────────────────────────────────────────────────────────",
        " 2026-11-21 20:59 UTC+0  Total operating   462.6 100 million  国家知识产权局",
        "                         revenue of        yuan               《2024年全国知识",
        "                         patent agencies                      产权服务业统计调",
        "                         2023                                 查报告》, 2024-10",
        "                                                              / 2023年专利代理",
        "                                                              机构总营业收入约",
    ],
    ("roadmap", "zh"): [
        "路线图：推进专利代理行业高质量发展行动计划（2022-2025年）",
        "工作计划：2022",
        "1. 提升专利代理能力，支撑行业高质量发展",
        "",
        " 行动                     2022                  2023   2024   2025   进度",
        " ──────────────────────────────────────────────────────────────────────────────",
        " talent-attraction        y2022-5-4 未跟踪      —      —      —      —",
        " 提升行业人才吸引力",
        " talent-training          y2022-5-1 未跟踪      —      —      —      —",
        " 加大行业人才培养         y2022-5-2 未跟踪",
    ],
    ("roadmap", "en"): [
        "Roadmap: Action Plan for the High-Quality Development of the Patent Agency",
        "Profession (2022-2025)",
        "Work plans: 2022",
        "1. Strengthen patent agency capability to support high-quality development",
        "",
        " Action                      2022                   2023  2024  2025  Progress",
        " ──────────────────────────────────────────────────────────────────────────────",
        " talent-attraction           y2022-5-4 not tracked  —     —     —     —",
        " Make the profession more",
        " attractive to talent",
        " talent-training             y2022-5-1 not tracked  —     —     —     —",
    ],
    ("show practitioners", "zh"): [
        "  年份   线性路径    实际       偏差   来源                 备注",
        " ──────────────────────────────────────────────────────────────────────────────",
        "  2021      26829   26829          0",
        "  2022   30121.75   31347   +1225.25   国家知识产权局《全   截至2022年底执业专",
        "                                       国知识产权代理行业   利代理师人数",
        "                                       发展状况（2022",
    ],
    ("show practitioners", "en"): [
        "  Year   Linear path   Actual   Deviation   Source            Note",
        " ──────────────────────────────────────────────────────────────────────────────",
        "  2021         26829    26829           0",
        "  2022      30121.75    31347    +1225.25   国家知识产权局    截至2022年底执业",
        "                                            《全国知识产权    专利代理师人数",
        "                                            代理行业发展状",
    ],
}


@pytest.mark.parametrize(("command", "lang"), list(EXPECTED))
def test_each_commands_table_at_80_columns(
    command: str, lang: str, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("IPPLAN_TODAY", "2024-06-01")
    result = cli("--data", str(SHIPPED), "--lang", lang, *command.split())
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    expected = EXPECTED[command, lang]
    if command.startswith("show"):
        start = lines.index(expected[0])
        lines = lines[start:]
    assert lines[: len(expected)] == expected
