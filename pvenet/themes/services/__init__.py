"""The themes feature's rules; see each module.

- :mod:`.access`: the editing window (incoming chair from day −30, outgoing until the
  handover, admins for any term not ended).
- :mod:`.themes`: one to five themes per term, bilingual, regional or national, ordered.
- :mod:`.meetings`: network meetings of a term.
- :mod:`.report`: the term report, computed on demand and stored when the term ends.
- :mod:`.contributions`: the provider hook through which the library counts practices.
"""

from __future__ import annotations

from sqlalchemy import select

from ...extensions import db
from ...rotation.models import ChairTerm
from .contributions import Contributions, Counts, register_contribution_provider
from .errors import ThemeError

__all__ = [
    "Contributions",
    "Counts",
    "ThemeError",
    "register_contribution_provider",
    "stored_term",
]


def stored_term(sequence: int) -> ChairTerm | None:
    """The stored term with ``sequence`` (themes attach only to stored terms)."""
    if sequence < 0:
        return None
    return db.session.scalar(select(ChairTerm).where(ChairTerm.sequence == sequence))
