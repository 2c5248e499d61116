"""The themes feature's domain error."""

from __future__ import annotations

from typing import Any


class ThemeError(Exception):
    """A change the rules refuse; ``message`` is a lazy gettext string, ``field`` the form
    field it is about (if any)."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
