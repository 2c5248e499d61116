"""The Atom feed of newly published public practices, and CSV/JSON exports of the listing."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC

from feedgen.feed import FeedGenerator
from flask import Flask, Response, current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..i18n import current_language
from ..pagecache import cached_response
from ..web import SafeCSVWriter, external_url
from .models import Practice, PracticeStatus, Visibility
from .serialize import CSV_COLUMNS, csv_row, practice_summary
from .services.queries import matching, parse_filters
from .views import bp, state_codes, theme_ids
from .vocab import LANGUAGES

FEED_SIZE = 50
EXPORT_BATCH = 500


@bp.get("/feed.atom")
@cached_response
def feed():
    """Newly published public practices, whoever asks (feeds are shared and cached)."""
    language = request.args.get("lang")
    language = language if language in LANGUAGES else current_language()
    practices = db.session.scalars(
        select(Practice)
        .where(
            Practice.status == PracticeStatus.published,
            Practice.visibility == Visibility.public,
        )
        .order_by(Practice.published_at.desc(), Practice.id.desc())
        .limit(FEED_SIZE)
    ).all()
    with force_locale(language):
        fg = FeedGenerator()
        fg.id(external_url("library.feed"))
        fg.title(_("pvenet: newly published good practices"))
        fg.subtitle(
            _("Good practices on preventing violent extremism shared by the Central Asian network.")
        )
        fg.link(href=external_url("library.index"), rel="alternate")
        fg.link(href=external_url("library.feed") + f"?lang={language}", rel="self")
        fg.language(language)
        for practice in reversed(practices):  # feedgen puts the last added entry first
            text = practice.text_for(language)
            if text is None or practice.published_at is None:
                continue
            url = external_url("library.detail", practice_id=practice.id)
            entry = fg.add_entry()
            entry.id(url)
            entry.title(text.title)
            entry.link(href=url)
            entry.summary(text.summary)
            entry.author(name=practice.state.name(language))
            entry.category(term=practice.type.value)
            entry.published(practice.published_at.replace(tzinfo=UTC))
            entry.updated((practice.revised_at or practice.published_at).replace(tzinfo=UTC))
        latest = max(
            ((p.revised_at or p.published_at) for p in practices if p.published_at), default=None
        )
        fg.updated((latest or clock.utcnow_naive()).replace(tzinfo=UTC))
        body = fg.atom_str(pretty=True)
    return Response(body, mimetype="application/atom+xml")


def _export_ids() -> list[int]:
    """The ids of every practice of the filtered listing the reader may see, in order."""
    f = parse_filters(request.args, state_codes=state_codes(), theme_ids=theme_ids())
    stmt = matching(current_user, f, current_language()).with_only_columns(Practice.id)
    return list(db.session.scalars(stmt))


def _practices(app: Flask, ids: list[int]) -> Iterator[Practice]:
    """The practices in batches, in an app context of their own.

    The response is streamed after the request context is gone, so the generator pushes
    its own context (and only once iteration starts).
    """
    with app.app_context():
        for start in range(0, len(ids), EXPORT_BATCH):
            batch = ids[start : start + EXPORT_BATCH]
            loaded = {
                p.id: p for p in db.session.scalars(select(Practice).where(Practice.id.in_(batch)))
            }
            for practice_id in batch:
                yield loaded[practice_id]
            db.session.expunge_all()


def _download(body: Iterator[str], mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )


@bp.get("/export.csv")
def export_csv():
    """The current filtered listing (every page) as CSV, UTF-8 with BOM for spreadsheets."""
    ids, language = _export_ids(), current_language()
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def rows() -> Iterator[str]:
        out = io.StringIO()
        writer = SafeCSVWriter(out)
        out.write("\ufeff")
        writer.writerow(CSV_COLUMNS)
        for i, practice in enumerate(_practices(app, ids), start=1):
            writer.writerow(csv_row(practice, language))
            if i % 100 == 0:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()

    return _download(rows(), "text/csv", "practices.csv")


@bp.get("/export.json")
def export_json():
    """The current filtered listing (every page) as a JSON array."""
    ids, language = _export_ids(), current_language()
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def chunks() -> Iterator[str]:
        yield "["
        for i, practice in enumerate(_practices(app, ids)):
            yield ("," if i else "") + json.dumps(
                practice_summary(practice, language), ensure_ascii=False
            )
        yield "]"

    return _download(chunks(), "application/json", "practices.json")
