"""The base of every domain error: a message id from the catalogue and the values its message
needs (:mod:`ipplan.errors`)."""

from __future__ import annotations

from typing import Any


class IpplanError(Exception):
    """Base of every error ipplan reports to a person (exit code 1)."""

    message_id = "error"
    exit_code = 1  # 2 for an error in how the command was called, as Click uses it

    def __init__(self, **params: Any) -> None:
        super().__init__(self.message_id, params)
        self.params = params
