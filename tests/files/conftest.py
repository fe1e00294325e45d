"""Fixtures of the files layer's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ipplan.files.cache import directory as cache_dir
from ipplan.files.cache import identity as cache_identity
from tests.conftest import SHIPPED


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped plan, with a cache directory of its own outside any repository
    (the cache's and the kept verdicts' tests; a module may define its own)."""
    target = tmp_path / "plan"
    shutil.copytree(SHIPPED, target)
    monkeypatch.setenv(cache_dir.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache_dir.ENV_SWITCH, raising=False)
    # the copy is fresh: take it as settled
    monkeypatch.setattr(cache_identity, "RACY_SECONDS", 0.0)
    return target
