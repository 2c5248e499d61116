"""Where the term report gets its practice figures from, without importing the library.

The library sits above themes in the import order (``themes ← library``), so it registers
a provider here (the app factory does, see ``pvenet.register_features``):

    register_contribution_provider(fn)

``fn(start, end, theme_ids)`` gets the term's first and last instant (naive UTC, ``end``
excluded) and its themes' ids, and returns :class:`Contributions`. Without a provider the
report says that there are no figures rather than inventing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Counts:
    contributed: int = 0
    published: int = 0


@dataclass
class Contributions:
    #: State code → practices contributed (created) and published (first published) in the term.
    by_state: dict[str, Counts] = field(default_factory=dict)
    #: Theme id → the same counts for the practices linked to that theme.
    by_theme: dict[int, Counts] = field(default_factory=dict)


Provider = Callable[[datetime, datetime, list[int]], Contributions]
_provider: Provider | None = None


def register_contribution_provider(provider: Provider | None) -> None:
    """Set (or with ``None`` remove) the function that counts a term's practices."""
    global _provider
    _provider = provider


def contributions(start: datetime, end: datetime, theme_ids: list[int]) -> Contributions | None:
    """The term's figures, or ``None`` when no feature provides them."""
    return _provider(start, end, theme_ids) if _provider is not None else None
