"""The options many commands share: --data, --lang, --plan, --json, --encoding, --as-of.

Their help is the catalogue's (``help.opt.<name>``), given by :mod:`ipplan.cli.helpformat`.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ipplan.cli.usage import encoding_value, year_value


class Lang(str, Enum):
    zh = "zh"
    en = "en"


DataOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option("--data", metavar="DIR", show_default=False),
]
LangOption = Annotated[
    Optional[Lang],  # noqa: UP045
    typer.Option("--lang", show_default=False, case_sensitive=False),
]
PlanOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--plan", metavar="NAME", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json")]
EncodingOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--encoding", metavar="ENCODING", show_default=False, parser=encoding_value),
]
AsOfOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--as-of", metavar="YEAR", show_default=False, parser=year_value),
]
