"""The catalogue: one module per area, each word in one home."""

from __future__ import annotations

import pytest

from ipplan.text import catalogue
from ipplan.text.catalogue import errors, terms
from ipplan.text.helptexts import HELP


def test_every_area_and_the_help_make_the_catalogue() -> None:
    total = sum(len(area.MESSAGES) for area in catalogue.AREAS) + len(HELP)
    assert len(catalogue.CATALOGUE) == total
    assert catalogue.CATALOGUE["achieved"] == ("已实现", "achieved")


def test_every_entry_has_chinese_and_english() -> None:
    for key, words in catalogue.CATALOGUE.items():
        assert len(words) == 2 and all(isinstance(w, str) and w for w in words), key


def test_an_id_defined_in_two_areas_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = errors.MESSAGES
    monkeypatch.setattr(errors, "MESSAGES", {**kept, "achieved": ("x", "y")})
    with pytest.raises(RuntimeError, match="'achieved' is defined twice"):
        catalogue._joined()
    monkeypatch.setattr(errors, "MESSAGES", kept)
    monkeypatch.setattr(terms, "MESSAGES", {**terms.MESSAGES, next(iter(HELP)): ("x", "y")})
    with pytest.raises(RuntimeError, match="helptexts"):
        catalogue._joined()
