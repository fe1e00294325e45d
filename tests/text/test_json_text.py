"""The one JSON writer of views (``--json``, the report's JSON, the site's downloads): the layout
of ``json.dumps(indent=2, ensure_ascii=False)``, the same values back, in less time."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ipplan.text.shown_numbers import for_files, json_encoded, json_text

FINITE = st.floats(allow_nan=False, allow_infinity=False)
LEAVES = st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | FINITE | st.text()
VIEWS = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def _tiny(value: Any) -> bool:
    """Whether ``value`` holds a float json writes with an exponent and orjson without one."""
    if isinstance(value, float):
        return value != 0 and abs(value) < 1e-4
    if isinstance(value, dict):
        return any(_tiny(v) for v in value.values())
    if isinstance(value, list):
        return any(_tiny(v) for v in value)
    return False


@given(VIEWS)
def test_the_text_is_what_json_writes_and_reads_back_the_same(value: Any) -> None:
    written = json_encoded(value)
    assert json.loads(written) == value
    if not _tiny(value):
        assert written == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_small_number_is_written_as_it_is_typed_and_a_huge_integer_still_written() -> None:
    assert json_encoded({"value": 0.00001}) == '{\n  "value": 0.00001\n}'
    assert json_encoded([2**70]) == "[\n  1180591620717411303424\n]"  # beyond orjson: json's
    assert json_encoded({"名称": "执业专利代理师"}) == '{\n  "名称": "执业专利代理师"\n}'


@given(st.dictionaries(st.sampled_from(["value", "pace", "gap", "x"]), FINITE, max_size=4))
def test_json_text_writes_the_numbers_as_files_hold_them(view: dict[str, float]) -> None:
    assert json.loads(json_text(view)) == for_files(view)
    assert all(math.isfinite(v) for v in json.loads(json_text(view)).values())
