"""The promise table in docs/reliability.md names tests that exist, so it cannot drift."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CITED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def test_every_test_named_in_reliability_md_exists() -> None:
    text = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    cited = CITED.findall(text)
    assert len(cited) >= 30
    missing = []
    for path, name in cited:
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        if name not in names:
            missing.append(f"{path}::{name}")
    assert missing == []


def test_every_test_module_of_the_promises_is_cited() -> None:
    text = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    for module in ("test_safe_writes.py", "test_history.py", "test_typed.py", "test_properties.py"):
        assert f"tests/{module}::" in text
