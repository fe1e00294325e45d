"""Where an action stands. Kept apart from the models so the command line can offer the choices
without loading pydantic."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """Where an action stands."""

    not_started = "not_started"
    in_progress = "in_progress"
    completed = "completed"
    delayed = "delayed"
    cancelled = "cancelled"
