"""Comparing two versions of a practice (revisions, or a revision under review) with difflib.

The result is data, not HTML: the template prints each line (escaped) with its kind, so
nothing a user wrote can reach the page unescaped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from .vocab import LANGUAGE_LABELS


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed", "gap"
    text: str


@dataclass
class FieldChange:
    label: Any
    lines: list[DiffLine]


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).splitlines()


def diff_lines(old: Any, new: Any, context: int = 2) -> list[DiffLine]:
    out: list[DiffLine] = []
    a, b = _lines(old), _lines(new)
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if out:
            out.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [DiffLine("same", line) for line in a[i1:i2]]
                continue
            out += [DiffLine("removed", line) for line in a[i1:i2]]
            out += [DiffLine("added", line) for line in b[j1:j2]]
    return out


FIELDS = (
    ("type", _l("Type")),
    ("year", _l("Year")),
    ("original_language", _l("Written in")),
    ("topics", _l("Topics")),
    ("target_groups", _l("Target groups")),
    ("source_url", _l("Source link")),
)
TEXT_FIELDS = (("title", _l("Title")), ("summary", _l("Summary")), ("body", _l("Text")))


def compare_data(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ between two content snapshots, each as a line diff."""
    changes: list[FieldChange] = []
    for key, label in FIELDS:
        if old.get(key) != new.get(key):
            changes.append(FieldChange(label, diff_lines(old.get(key), new.get(key))))
    for lang, lang_label in LANGUAGE_LABELS.items():
        a = old.get("texts", {}).get(lang, {})
        b = new.get("texts", {}).get(lang, {})
        for key, label in TEXT_FIELDS:
            if a.get(key) != b.get(key):
                changes.append(
                    FieldChange(
                        _l("%(field)s (%(language)s)", field=label, language=lang_label),
                        diff_lines(a.get(key), b.get(key)),
                    )
                )
    old_files = [f["filename"] for f in old.get("attachments", [])]
    new_files = [f["filename"] for f in new.get("attachments", [])]
    if old_files != new_files:
        changes.append(FieldChange(_l("Attachments"), diff_lines(old_files, new_files)))
    return changes
