"""`ipplan init` with no directory writes `data`, and never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHIPPED, Run, snapshot


def test_init_defaults_to_data(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 0
    assert "data" in result.stdout
    assert (tmp_path / "data" / "indicators.yaml").read_bytes() == (
        SHIPPED / "indicators.yaml"
    ).read_bytes()
    before = snapshot(tmp_path)
    again = cli("init")
    assert again.exit_code == 1 and "已存在" in again.stderr
    assert snapshot(tmp_path) == before
