"""Charts of one indicator: actual values against the linear path, milestones and target.

One description of the chart (:class:`Chart`) and one scale serve every output: a character grid
for the terminal, an SVG for the HTML report and a PNG for the Word document. The SVG and PNG
are written here rather than by a plotting library: a few lines, no dependency, Chinese only in
the page's or document's own text, and the same bytes for the same data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any, NamedTuple

XY = tuple[int, float]


class Chart(NamedTuple):
    """What an indicator's chart shows; years run from the baseline year to the target year."""

    first_year: int
    last_year: int
    linear: list[XY]
    actual: list[XY]
    milestones: list[XY]
    target: XY | None  # None while the target is pending: no ring is drawn
    # the actual series is a running total, counted from zero in the first year: its first point
    # is that zero, where the total starts, and not the plan's baseline
    cumulative: bool = False
    # the first point is the plan's own baseline, not a provisional one (the earliest actual of
    # an indicator the plan gives none, which is named as the actual it is)
    given_baseline: bool = True

    @classmethod
    def from_show(cls, view: Mapping[str, Any]) -> Chart:
        """The chart of ``ipplan show``'s view of one indicator.

        The actual series is the path's: the plan's baseline value, then each counted actual
        (for a cumulative indicator: zero, then the running total of each year reported).
        """
        path = view["path"]
        # a cumulative indicator is drawn as its running total, which the path and target are of
        measured = "total" if view.get("accumulate") else "actual"
        return cls(
            first_year=path[0]["year"],
            last_year=view["target"]["year"],
            linear=[(p["year"], p["linear"]) for p in path if p["linear"] is not None],
            actual=[(p["year"], p[measured]) for p in path if p[measured] is not None],
            milestones=[(m["year"], m["value"]) for m in view["milestones"]],
            target=None
            if view["target"]["value"] is None
            else (view["target"]["year"], view["target"]["value"]),
            cumulative=bool(view.get("accumulate")),
            given_baseline=not view.get("provisional_baseline"),
        )

    def targets(self) -> list[XY]:
        """The target as a list of its one point; none while it is pending."""
        return [] if self.target is None else [self.target]

    def values(self) -> list[float]:
        return [v for _, v in (*self.linear, *self.actual, *self.milestones, *self.targets())]

    def span(self) -> tuple[float, float]:
        """The values the value axis must cover. A chart of one value alone (a target with no
        baseline or actual yet) is drawn from zero up to it, not in a sliver around it; a chart
        of no value (a target pending, nothing recorded) from zero to one."""
        values = self.values() or [0.0, 1.0]
        low, high = min(values), max(values)
        if low == high:
            low, high = min(0.0, low), max(0.0, high)
        return low, high

    def runs(self) -> list[list[XY]]:
        """The actual series in runs of consecutive years. A line joins the points of a run and
        breaks where a year has no figure: the terminal and the SVG both draw these runs."""
        runs: list[list[XY]] = []
        for point in self.actual:
            if runs and point[0] == runs[-1][-1][0] + 1:
                runs[-1].append(point)
            else:
                runs.append([point])
        return runs

    def breaks(self) -> bool:
        """Whether the actual line is drawn and broken somewhere by a year with no figure."""
        runs = self.runs()
        return len(runs) > 1 and any(len(run) >= 2 for run in runs)

    def point_names(self) -> list[str]:
        """What each point of the actual series is, as a legend key: ``baseline`` (the plan's,
        in the first year), ``origin`` (a running total's zero, in the first year), ``total``
        (a running total) or ``actual``."""
        names = []
        for year, _ in self.actual:
            if self.cumulative:
                names.append("origin" if year == self.first_year else "total")
            else:
                first = year == self.first_year and self.given_baseline
                names.append("baseline" if first else "actual")
        return names

    def drawn(self) -> list[str]:
        """The series the chart draws, in the order a legend names them."""
        shown = ["actual"] if self.actual else []
        if len(self.linear) >= 2:
            shown.append("linear")
        if self.milestones:
            shown.append("milestone")
        return [*shown, "target"] if self.target is not None else shown


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values that cover ``low``..``high`` in about ``count`` steps."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    result = []
    value = start
    while value < high + step * 0.999:
        result.append(round(value, 10))
        value += step
    return result


def label(value: float) -> str:
    """An axis label: whole numbers bare, others with as few decimals as the tick needs."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


# --- terminal ---------------------------------------------------------------------------------

LINEAR, ACTUAL, MILESTONE, TARGET = "·", "●", "◆", "◎"
ACTUAL_LINE = "•"  # between the actuals of consecutive years


def grid(chart: Chart, width: int = 48, height: int = 10) -> list[str]:
    """The chart as lines of text: value axis on the left, years along the bottom."""
    scale = ticks(*chart.span(), 4)
    low, high = scale[0], scale[-1]
    span = chart.last_year - chart.first_year or 1
    cells = [[" "] * width for _ in range(height)]

    def col(year: float) -> int:
        return round((year - chart.first_year) / span * (width - 1))

    def row(value: float) -> int:
        return height - 1 - round((value - low) / (high - low) * (height - 1))

    if len(chart.linear) >= 2:
        (y0, v0), (y1, v1) = chart.linear[0], chart.linear[-1]
        for c in range(col(y0), col(y1) + 1):
            year = chart.first_year + c / (width - 1) * span
            cells[row(v0 + (year - y0) / ((y1 - y0) or 1) * (v1 - v0))][c] = LINEAR
    for run in chart.runs():
        for (y0, v0), (y1, v1) in pairwise(run):
            for c in range(col(y0) + 1, col(y1)):
                year = chart.first_year + c / (width - 1) * span
                r = row(v0 + (year - y0) / (y1 - y0) * (v1 - v0))
                if cells[r][c] in (" ", LINEAR):
                    cells[r][c] = ACTUAL_LINE
    for points, mark in (
        (chart.milestones, MILESTONE),
        (chart.targets(), TARGET),
        (chart.actual, ACTUAL),
    ):
        for year, value in points:
            cells[row(value)][col(year)] = mark

    labels = {row(v): label(v) for v in scale}
    pad = max(len(text) for text in labels.values())
    lines = [f"{labels.get(r, ''):>{pad}} ┤{''.join(cells[r])}" for r in range(height)]
    axis = [" "] * width
    years = list(range(chart.first_year, chart.last_year + 1))
    # each year under its column, a space at least between two; a year with no room for it is
    # left out, but never the last (the target's), which takes the place of those before it
    placed: list[tuple[int, int]] = []
    for year in years:
        c = min(col(year), width - 4)
        if placed and placed[-1][0] + 5 > c:
            if year != years[-1]:
                continue
            while placed and placed[-1][0] + 5 > c:
                placed.pop()
        placed.append((c, year))
    for c, year in placed:
        axis[c : c + 4] = list(str(year))
    lines.append(" " * pad + " └" + "─" * width)
    lines.append(" " * (pad + 2) + "".join(axis).rstrip())
    return lines


# --- SVG --------------------------------------------------------------------------------------

SVG_WIDTH, SVG_HEIGHT = 640, 300
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 20, 16, 36


def frame(
    chart: Chart,
) -> tuple[list[float], Callable[[float], float], Callable[[float], float]]:
    """The value axis's ticks, and where a year and a value fall on the SVG's
    ``SVG_WIDTH`` by ``SVG_HEIGHT`` frame: the one geometry of the SVG and the PNG."""
    scale = ticks(*chart.span())
    low, high = scale[0], scale[-1]
    span = chart.last_year - chart.first_year or 1
    plot_w = SVG_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = SVG_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(year: float) -> float:
        return round(MARGIN_LEFT + (year - chart.first_year) / span * plot_w, 1)

    def y(value: float) -> float:
        return round(MARGIN_TOP + (high - value) / ((high - low) or 1) * plot_h, 1)

    return scale, x, y


def svg(chart: Chart, title: str, legend: Mapping[str, str]) -> str:
    """The chart as one self-contained SVG element that scales to its container's width.

    ``legend`` names the series: keys ``linear``, ``actual``, ``milestone`` and ``target``, and
    the points of the actual series (:meth:`Chart.point_names`): ``baseline``, ``origin`` and
    ``total``.
    """
    from html import escape  # only a page draws charts as SVG

    scale, x, y = frame(chart)
    parts = [
        f'<svg class="chart" viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for value in scale:
        parts.append(
            f'<line class="grid" x1="{MARGIN_LEFT}" x2="{SVG_WIDTH - MARGIN_RIGHT}" '
            f'y1="{y(value)}" y2="{y(value)}"/>'
            f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y(value) + 4}" '
            f'text-anchor="end">{escape(label(value))}</text>'
        )
    for year in range(chart.first_year, chart.last_year + 1):
        parts.append(
            f'<text class="tick" x="{x(year)}" y="{SVG_HEIGHT - MARGIN_BOTTOM + 20}" '
            f'text-anchor="middle">{year}</text>'
        )
    if len(chart.linear) >= 2:
        points = " ".join(f"{x(yr)},{y(v)}" for yr, v in chart.linear)
        parts.append(
            f'<polyline class="linear" points="{points}">'
            f"<title>{escape(legend['linear'])}</title></polyline>"
        )
    for run in chart.runs():
        if len(run) >= 2:
            points = " ".join(f"{x(yr)},{y(v)}" for yr, v in run)
            parts.append(f'<polyline class="actual" points="{points}"/>')
    for (yr, v), name in zip(chart.actual, chart.point_names(), strict=True):
        parts.append(
            f'<circle class="actual" cx="{x(yr)}" cy="{y(v)}" r="4">'
            f"<title>{escape(legend[name])} {yr}: {escape(label(v))}</title></circle>"
        )
    for yr, v in chart.milestones:
        cx, cy = x(yr), y(v)
        diamond = f"M{cx} {cy - 6}L{cx + 6} {cy}L{cx} {cy + 6}L{cx - 6} {cy}Z"
        parts.append(
            f'<path class="milestone" d="{diamond}">'
            f"<title>{escape(legend['milestone'])} {yr}: {escape(label(v))}</title></path>"
        )
    for ty, tv in chart.targets():
        parts.append(
            f'<circle class="target" cx="{x(ty)}" cy="{y(tv)}" r="7">'
            f"<title>{escape(legend['target'])} {ty}: {escape(label(tv))}</title></circle>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


# --- PNG --------------------------------------------------------------------------------------

GRID, AXIS = (217, 226, 236), (97, 110, 124)
COLOURS = {
    "actual": (31, 95, 168),
    "linear": (140, 150, 160),
    "milestone": (217, 119, 6),
    "target": (200, 30, 30),
}
PNG_SCALE = 2  # pixels per SVG unit: sharp when Word shows the image 16 cm wide


def png(chart: Chart) -> bytes:
    """The chart as a PNG of the SVG's frame, drawn the same way: the value axis's ticks and
    the years in digits only (the title and key are the document's to write, in its fonts)."""
    from ipplan.render.raster import Canvas

    k = PNG_SCALE
    scale, fx, fy = frame(chart)

    def x(year: float) -> float:
        return fx(year) * k

    def y(value: float) -> float:
        return fy(value) * k

    canvas = Canvas(SVG_WIDTH * k, SVG_HEIGHT * k)
    for value in scale:
        canvas.line((MARGIN_LEFT * k, y(value)), ((SVG_WIDTH - MARGIN_RIGHT) * k, y(value)), GRID)
        canvas.digits(label(value), (MARGIN_LEFT - 6) * k, y(value), k + 1, AXIS, "end")
    for year in range(chart.first_year, chart.last_year + 1):
        canvas.digits(
            str(year), x(year), (SVG_HEIGHT - MARGIN_BOTTOM + 16) * k, k + 1, AXIS, "middle"
        )
    if len(chart.linear) >= 2:
        for (y0, v0), (y1, v1) in zip(chart.linear, chart.linear[1:], strict=False):
            canvas.line((x(y0), y(v0)), (x(y1), y(v1)), COLOURS["linear"], k, dash=5 * k)
    for run in chart.runs():  # no line across a year with no figure, as in the SVG
        for (y0, v0), (y1, v1) in pairwise(run):
            canvas.line((x(y0), y(v0)), (x(y1), y(v1)), COLOURS["actual"], k + 1)
    for yr, v in chart.actual:
        canvas.disc(x(yr), y(v), 4 * k, COLOURS["actual"])
    for yr, v in chart.milestones:
        canvas.diamond(x(yr), y(v), 6 * k, COLOURS["milestone"])
    for ty, tv in chart.targets():
        canvas.disc(x(ty), y(tv), 7 * k, COLOURS["target"], hole=7 * k - 3 * k / 2)
    return canvas.png()
