"""The library's rules. See each module; the names most callers need are re-exported here.

- :mod:`.access`: who may read, write, review and translate; the chair provider hook
  (:func:`register_chair_provider`) through which the rotation says who chairs.
- :mod:`.content`: a practice's content as a value, its rules, applying it.
- :mod:`.workflow`: create, edit, submit, approve, return, withdraw, revise, comment.
- :mod:`.translations`: adding the missing language, the "needs translation" queue.
- :mod:`.attachments`: uploads checked from their content, downloads.
- :mod:`.queries`: the listing page and the exports' select, built from :mod:`.filters`
  (the filters and the page), :mod:`.conditions` (their SQL), :mod:`.counts` (facet
  counts) and :mod:`.search_listing` (a search page, bounded by ``SEARCH_CANDIDATES``).
- :mod:`.worklists`: a writer's workspace and a reviewer's queue.
"""

from .access import chairing_state_id, register_chair_provider
from .content import LibraryError, PracticeContent, TextContent

__all__ = [
    "LibraryError",
    "PracticeContent",
    "TextContent",
    "chairing_state_id",
    "register_chair_provider",
]
