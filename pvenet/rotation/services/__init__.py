"""The rotation's rules, one module per concern; the names other features use are here.

- :mod:`.queries`: reading the schedule (stored and projected terms, the troika, who
  chairs at an instant).
- :mod:`.store`: the policy, keeping the next full cycle of terms stored.
- :mod:`.elections`: open, cast, close, break a tie, fall back to rotation.
- :mod:`.overrides`: waive, defer, swap, extend, interim, suspend, reinstate, reorder,
  each previewed and audited.
- :mod:`.reconcile`: what the scheduler does as of a day, each side effect once.
"""

from .errors import RotationError
from .queries import (
    TermView,
    Troika,
    chairing_state_id,
    current_term,
    get_policy,
    handover_instant,
    term_by_sequence,
    term_on,
    troika,
)

__all__ = [
    "RotationError",
    "TermView",
    "Troika",
    "chairing_state_id",
    "current_term",
    "get_policy",
    "handover_instant",
    "term_by_sequence",
    "term_on",
    "troika",
]
