"""The rotation's domain error."""

from __future__ import annotations

from typing import Any


class RotationError(Exception):
    """A request the rotation rules refuse; ``message`` is a lazy gettext string."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
