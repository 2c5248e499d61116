"""The term report: themes, meetings, practices per state and theme, and their balance.

Computed on demand for any term; stored (:class:`~pvenet.themes.models.TermReport`,
one row per term) once the term has ended, so its figures no longer move when practices
are edited later. The data is plain JSON, the same for the page, the CSV and the API.

Balance (shown with its explanation on the page): each active member state's share of
the practices contributed in the term, and ``1 − Gini`` of those counts: 1 when every
state contributed the same number, 0 when one state contributed everything.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from ...extensions import db
from ...rotation.models import ChairTerm
from ...rotation.services.queries import handover_instant
from ...states.models import MemberState
from ..models import Meeting, TermReport
from .access import has_ended, term_end_instant
from .contributions import contributions
from .themes import term_themes

VERSION = 1


def _naive_utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


def gini(values: list[int]) -> float:
    """The Gini coefficient of non-negative counts (0: equal; (n−1)/n: one has all)."""
    n, total = len(values), sum(values)
    if n == 0 or total == 0:
        return 0.0
    diffs = sum(abs(a - b) for a in values for b in values)
    return diffs / (2 * n * total)


def balance(counts: dict[str, int]) -> dict[str, Any] | None:
    """Shares of each state and the balance index; ``None`` when nothing was contributed."""
    total = sum(counts.values())
    if not counts or total == 0:
        return None
    shares = {code: n / total for code, n in counts.items()}
    return {
        "shares": {code: round(s, 4) for code, s in shares.items()},
        "min_share": round(min(shares.values()), 4),
        "max_share": round(max(shares.values()), 4),
        "index": round(1 - gini(list(counts.values())), 4),
        "states": len(counts),
        "total": total,
    }


def build_report(term: ChairTerm, now: datetime) -> dict[str, Any]:
    """The report's data for ``term`` as of ``now``."""
    themes = term_themes(term)
    meetings = list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.term_id == term.id)
            .order_by(Meeting.starts_on, Meeting.id)
        )
    )
    active = list(
        db.session.scalars(
            select(MemberState)
            .where(MemberState.is_active.is_(True))
            .order_by(MemberState.rotation_position)
        )
    )
    start = _naive_utc(handover_instant(term.starts_on))
    end = _naive_utc(term_end_instant(term))
    if now.tzinfo is not None:
        now = _naive_utc(now)
    found = contributions(start, end, [t.id for t in themes])
    data: dict[str, Any] = {
        "version": VERSION,
        "term": {
            "sequence": term.sequence,
            "holder": term.holder_code,
            "starts_on": term.starts_on.isoformat(),
            "ends_on": term.ends_on.isoformat(),
        },
        "generated_at": now.isoformat(timespec="seconds") + "Z",
        "is_final": has_ended(term, now),
        "themes": [
            {
                "id": t.id,
                "position": t.position,
                "scope": t.scope.value,
                "state": t.state.code if t.state else None,
                "texts": {
                    x.language: {"title": x.title, "description": x.description} for x in t.texts
                },
            }
            for t in themes
        ],
        "meetings": [
            {
                "id": m.id,
                "title": m.title,
                "language": m.language,
                "starts_on": m.starts_on.isoformat(),
                "ends_on": m.ends_on.isoformat(),
                "city": m.city,
                "is_online": m.is_online,
                "visibility": m.visibility.value,
            }
            for m in meetings
        ],
        "active_states": [s.code for s in active],
        "has_figures": found is not None,
        "by_state": None,
        "by_theme": None,
        "balance": None,
    }
    if found is not None:
        codes = [s.code for s in active] + sorted(set(found.by_state) - {s.code for s in active})
        data["by_state"] = {
            code: {
                "contributed": found.by_state[code].contributed if code in found.by_state else 0,
                "published": found.by_state[code].published if code in found.by_state else 0,
            }
            for code in codes
        }
        data["by_theme"] = {
            str(t.id): {
                "contributed": found.by_theme[t.id].contributed if t.id in found.by_theme else 0,
                "published": found.by_theme[t.id].published if t.id in found.by_theme else 0,
            }
            for t in themes
        }
        data["balance"] = balance({s.code: data["by_state"][s.code]["contributed"] for s in active})
    return data


def stored_report(term: ChairTerm) -> TermReport | None:
    return db.session.scalar(select(TermReport).where(TermReport.term_id == term.id))


def report_for(term: ChairTerm, now: datetime) -> dict[str, Any]:
    """The stored report of an ended term, else the report computed now."""
    stored = stored_report(term)
    return stored.data if stored is not None else build_report(term, now)


def store_report(term: ChairTerm, now: datetime) -> TermReport | None:
    """Store the report of an ended term once; ``None`` if not ended or already stored."""
    if not has_ended(term, now) or stored_report(term) is not None:
        return None
    report = TermReport(term_id=term.id, data=build_report(term, now))
    db.session.add(report)
    db.session.flush()
    return report


def store_due_reports(now: datetime) -> list[TermReport]:
    """Store the report of every ended term that has none yet (idempotent)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    stored = select(TermReport.term_id)
    candidates = db.session.scalars(
        select(ChairTerm)
        # The handover may come before midnight UTC: has_ended() decides precisely.
        .where(ChairTerm.ends_on <= now.date(), ChairTerm.id.not_in(stored))
        .order_by(ChairTerm.sequence)
    )
    return [r for term in candidates if (r := store_report(term, now)) is not None]
