"""Units of measure: the library every plan may use, and the units a plan declares itself.

An indicator names its unit by symbol (``人``, ``%``, ``万件``). The symbol means what the
library says unless the plan declares it under ``units:`` in indicators.yaml, with its Chinese
and English name, whether its values are whole, and the range they may take. Nothing here is
specific to one plan: the five units of the shipped plan are simply the first of the library.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol


class Unit(NamedTuple):
    """What a unit is called and what values it admits."""

    symbol: str
    name: str
    name_en: str
    whole: bool
    low: float = 0
    high: float | None = None

    def in_range(self, value: float) -> bool:
        return value >= self.low and (self.high is None or value <= self.high)


def _u(symbol: str, name_en: str, whole: bool, high: float | None = None, name: str = "") -> Unit:
    return Unit(symbol, name or symbol, name_en, whole, 0, high)


# The five units of the shipped plan come first: every plan written before units could be
# declared uses only these, and keeps working unchanged.
DEFAULTS: tuple[Unit, ...] = (
    _u("人", "people", whole=True),
    _u("家", "agencies", whole=True),
    _u("%", "%", whole=False, high=100, name="百分比"),
    _u("‰", "‰", whole=False, high=1000, name="千分比"),
    _u("亿元", "100 million yuan", whole=False),
)
# Common units of Chinese plans and statistics, ready for any plan to use by symbol.
COMMON: tuple[Unit, ...] = (
    _u("件", "items", whole=True),
    _u("万件", "10,000 items", whole=False),
    _u("次", "times", whole=True),
    _u("人次", "person-times", whole=True),
    _u("万人次", "10,000 person-times", whole=False),
    _u("项", "items", whole=True),
    _u("个", "units", whole=True),
    _u("所", "institutions", whole=True),
    _u("场", "events", whole=True),
    _u("期", "sessions", whole=True),
    _u("篇", "articles", whole=True),
    _u("万人", "10,000 people", whole=False),
    _u("万元", "10,000 yuan", whole=False),
    _u("亿美元", "100 million US dollars", whole=False),
    _u("天", "days", whole=False),
    _u("个月", "months", whole=False),
    _u("年", "years", whole=False),
    _u("分", "points", whole=False),
)
LIBRARY: dict[str, Unit] = {unit.symbol: unit for unit in (*DEFAULTS, *COMMON)}


class Declared(Protocol):
    """A unit as a plan declares it (:class:`ipplan.file_models.UnitDeclaration`)."""

    @property
    def symbol(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def name_en(self) -> str: ...
    @property
    def whole(self) -> bool: ...
    @property
    def min(self) -> float: ...
    @property
    def max(self) -> float | None: ...


def declared(unit: Declared) -> Unit:
    return Unit(unit.symbol, unit.name or unit.symbol, unit.name_en, unit.whole, unit.min, unit.max)


def table(declarations: Iterable[Declared] = ()) -> dict[str, Unit]:
    """Every unit a plan may use: the library, with the plan's own declarations over it."""
    units = dict(LIBRARY)
    for declaration in declarations:
        units[declaration.symbol] = declared(declaration)
    return units


def symbols(units: Mapping[str, Unit]) -> list[str]:
    """The symbols of ``units``, longest first, so that ``万件`` is matched before ``件``."""
    return sorted(units, key=lambda s: (-len(s), s))


def counts(symbol: str) -> bool:
    """Whether ``symbol`` counts whole things (people, agencies), as the library says: a
    forecast in it is a whole number."""
    known = LIBRARY.get(symbol)
    return known is not None and known.whole
