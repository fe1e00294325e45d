"""The site's relative links are what ``posixpath.relpath`` gives, without its look at the
working directory for each of the site's thousands of links."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from ipplan.site.pages import relative_link

PART = st.sampled_from(["en", "plans", "data", "gd", "national", "index.html", "a.json", "x"])
PATHS = st.lists(PART, max_size=5).map("/".join)


@given(PATHS, PATHS)
def test_a_link_is_what_relpath_gives(path: str, start: str) -> None:
    assert relative_link(path, start) == posixpath.relpath(path or ".", start or ".")


def test_links_between_pages() -> None:
    assert relative_link("plans/gd/a.html", "en/plans/national") == "../../../plans/gd/a.html"
    assert relative_link("data/all.csv", "") == "data/all.csv"
    assert relative_link("plans/gd/", "plans/gd") == "."
    assert relative_link("index.html", "plans/gd") == "../../index.html"
