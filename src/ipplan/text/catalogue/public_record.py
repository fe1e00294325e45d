"""The public record and the plan's end: official and overdue figures."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the public record and the plan's end: official figures, overdue figures, final
    # evaluation (docs/methodology.md, "When a yearly figure is due")
    "p.official-baseline-year-mismatch": (
        "{key} 的官方基线数据年份为 {year}，应为计划基线年 {expected}",
        "{key} has an official baseline figure for {year}; the plan's baseline year is {expected}",
    ),
    "p.not-published-with-value": (
        "记为未公布的数据不应有数值（现为 {value}）：已公布就删去 not_published，未公布就删去 value",
        "a figure recorded as not published has no value (this one has {value}): remove "
        "not_published if it was published, or the value if it was not",
    ),
    "p.not-published-source": (
        "记为未公布的数据须写明在何处核查（source）",
        "a figure recorded as not published needs the source where that was checked (source)",
    ),
    "p.greater-than-equal": (
        "{field} 须不小于 {bound}（现为 {got}）",
        "{field} must be at least {bound} (it is {got})",
    ),
    "p.less-than-equal": (
        "{field} 须不大于 {bound}（现为 {got}）",
        "{field} must be at most {bound} (it is {got})",
    ),
    "record.official_label": ("官方数据", "Official figure"),
    "record.official": (
        "{point}；进度仍从计划基线起算",
        "{point}; progress is still measured from the plan's baseline",
    ),
    "record.official_source": ("来源：{source}", "source: {source}"),
    "record.published_after": (
        "每年数据通常在该年结束后{months}个月内公布",
        "each year's figure is normally published within {months} months of the year's end",
    ),
    "record.publication": ("数据公布", "Publication"),
    "record.final_label": ("终期评估", "Final evaluation"),
    "record.section": ("终期评估与逾期数据", "Final evaluation and overdue figures"),
    "record.section_overdue": ("逾期数据", "Overdue figures"),
    "record.overdue_column": (
        "逾期未记录的年度数据（截至{day}；括号内为应公布日期）",
        "Figures overdue on {day} (the day each was due)",
    ),
    "record.overdue_line": (
        "逾期未记录的年度数据：{years}（括号内为应公布日期）",
        "figures overdue and not recorded: {years} (in brackets: the day each was due)",
    ),
    "record.named": ("{name}：{said}", "{name}: {said}"),
    "record.overdue_cell": ("逾期：应于{due}前公布", "overdue (due {due})"),
    "record.overdue_heading": (
        "逾期未记录的年度数据（截至{day}；括号内为应公布日期）：",
        "Yearly figures overdue and not recorded on {day} (in brackets: the day each was due):",
    ),
    "record.overdue_year": ("{year}年（{due}）", "{year} ({due})"),
    "record.final_heading": (
        "终期评估：计划目标年{year}年已结束（截至{day}）。各指标是否实现，以{year}年实际值判定。",
        "Final evaluation: the plan's target year {year} has ended (on {day}). Each indicator is called achieved or missed on its {year} figure.",
    ),
    "record.final_count": (
        "已判定{decided}项，尚待数据{awaited}项。",
        "{decided} decided, {awaited} awaiting their figure.",
    ),
    "record.final_summary": (
        "{indicators}项指标中，达成目标{achieved}项，未达成{missed}项，尚待数据{awaited}项。",
        "Of {indicators} indicators, {achieved} achieved, {missed} missed and {awaited} awaiting data.",
    ),
    "record.final_title": ("{title}终期评估报告", "{title}: final evaluation"),
    "record.final_brief": ("终期评估概要", "The final evaluation in brief"),
    "record.final_why": (
        "未达成或尚待数据的指标及原因：",
        "What was missed or is awaited, and why:",
    ),
    "record.final_figure": ("终期值（或最新值）", "Final figure (or latest)"),
    "record.latest_not_final": (
        "{value}，为最新值，非{year}年终期值",
        "{value}, the latest, not the {year} figure",
    ),
    "record.by_linear": ("线性方法", "Linear method"),
    "record.by_compound": ("复合增长方法", "Compound method"),
    "record.marks": ("标注", "Marks"),
    "record.by_area": ("各领域指标终期情况", "Indicators by area, at the end"),
    "record.unserved": ("未关联行动的指标", "Indicators no action serves"),
    "record.decided": ("{status}（依据{year}年实际值）", "{status} (on the {year} figure)"),
    "record.awaited": (
        "待{year}年数据，{when}；按已有数据为“{status}”",
        "awaiting the {year} figure, {when}; on the figures so far: {status}",
    ),
    "record.target_pending": (
        "{year}年目标待定，无从判定是否实现",
        "the {year} target is pending: nothing to judge achieved or missed against",
    ),
    "record.awaited_no_data": ("待{year}年数据，{when}", "awaiting the {year} figure, {when}"),
    "record.when_due": ("通常于{due}前公布", "normally published by {due}"),
    "record.when_overdue": ("应于{due}前公布，已逾期", "due by {due} and overdue"),
    "record.when_unknown": ("公布时间未定", "no publication date known"),
    "record.when_not_published": ("已记为未公布", "recorded as not published"),
    # --- figures recorded as not published, and changes of counting basis
    # (docs/methodology.md, "Not published", "A change of counting basis")
    "label.not_published": ("未公布", "not published"),
    "record.not_published_year": (
        "{year}年（核查：{source}，{day}）",
        "{year} (checked: {source}, {day})",
    ),
    "record.not_published_heading": (
        "记为未公布的年度数据（括号内为核查来源与日期）：",
        "Yearly figures recorded as not published (in brackets: where and when that was checked):",
    ),
    "record.not_published_line": (
        "记为未公布的年度数据：{years}",
        "figures recorded as not published: {years}",
    ),
    "record.not_published_column": ("记为未公布的年度数据", "Figures not published"),
    "record.not_published_cell": (
        "未公布（核查：{source}，{day}）",
        "not published (checked: {source}, {day})",
    ),
    "record.basis_change": (
        "{year} 年统计口径变化：{text}",
        "counting basis changes in {year}: {text}",
    ),
    "record.basis_crossed": (
        "与 {first} 年的比较跨越了 {year} 年的统计口径变化：{text}",
        "the comparison with {first} crosses a change of counting basis in {year}: {text}",
    ),
    "record.basis_column": ("统计口径变化", "Changes of counting basis"),
    "record.basis_mark": ("† {number} {name}：{said}", "† {number} {name}: {said}"),
}
