"""Reading the library: the listing, a practice, its languages side by side, its revisions,
its attachments, the workspace and the "needs translation" queue."""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import update

from .. import clock
from ..extensions import db
from ..i18n import current_language
from ..pagecache import cached_page
from ..states.services import all_states
from .diff import compare_data
from .labels import template_helpers
from .models import Attachment, Practice, PracticeRevision
from .services import access
from .services.attachments import may_download
from .services.queries import listing, parse_filters
from .services.translations import needs_translation
from .services.workflow import editing_mode, thread
from .services.worklists import workspace
from .storage import get_storage
from .vocab import LANGUAGES, TOPIC_CODES, TYPE_LABELS, other_language

bp = Blueprint("library", __name__, url_prefix="/library", template_folder="templates")


@bp.context_processor
def _helpers() -> dict[str, Any]:
    return template_helpers()


def now():
    return clock.utcnow_naive()


def readable_practice(practice_id: int) -> Practice:
    """The practice, or 404 for anyone who may not know it exists.

    A POST (every change of a practice) first takes the write lock on its row, kept until
    the view commits, and only then reads it: two people acting on the same practice at
    once take turns, and the second sees what the first did (two reviewers deciding one
    submission: one decides, the other is told it is done). A no-op UPDATE rather than
    SELECT … FOR UPDATE, because SQLite ignores the latter but serialises writers.
    """
    lock = request.method == "POST"
    if lock:
        db.session.execute(
            update(Practice)
            .where(Practice.id == practice_id)
            # both columns set to themselves: nothing changes, not even ``updated_at``
            .values(status=Practice.status, updated_at=Practice.updated_at)
            .execution_options(synchronize_session=False)
        )
    practice = db.session.get(Practice, practice_id, populate_existing=lock)
    if practice is None or not access.may_read(current_user, practice, now()):
        abort(404)
    return practice


def reading_language(practice: Practice) -> str:
    """The language to show: ``?lang=`` if the practice has it, else the reader's own."""
    wanted = request.args.get("lang")
    if wanted in LANGUAGES and practice.text(wanted) is not None:
        return wanted
    return current_language()


def state_codes() -> set[str]:
    return {s.code for s in all_states()}


def facet_groups(result) -> list[dict[str, Any]]:
    """Facets ready for the template: every value with its label, count and link."""
    f = result.filters
    counts = result.facets
    helpers = template_helpers()
    groups = [
        ("state", _("Member state"), [(s.code, s.name()) for s in all_states()]),
        ("type", _("Type"), [(t.value, str(label)) for t, label in TYPE_LABELS.items()]),
        (
            "topic",
            _("Topic"),
            [(code, str(helpers["topic_label"](code))) for code in TOPIC_CODES],
        ),
        (
            "language",
            _("Language"),
            [(lang, str(helpers["language_label"](lang))) for lang in LANGUAGES],
        ),
        ("year", _("Year"), [(y, str(y)) for y in sorted(counts["year"], reverse=True)]),
        ("theme", _("Theme of the chair"), _theme_values(counts.get("theme", {}), f.themes)),
    ]
    selected = {
        "state": f.states,
        "type": f.types,
        "topic": f.topics,
        "language": f.languages,
        "year": f.years,
        "theme": f.themes,
    }
    out = []
    for name, label, values in groups:
        entries = []
        for value, value_label in values:
            count = counts[name].get(value, 0)
            is_selected = value in selected[name]
            if count or is_selected:
                entries.append(
                    {
                        "label": value_label,
                        "count": count,
                        "selected": is_selected,
                        "args": f.toggled(name, value),
                    }
                )
        out.append({"name": name, "label": label, "entries": entries})
    return out


def _theme_values(counts: Any, chosen: list[int]) -> list[tuple[int, str]]:
    """The themes with practices (or chosen), newest term first, named with their term."""
    from .themes import theme_label, themes_by_id

    themes = themes_by_id(set(counts) | set(chosen))
    ordered = sorted(themes.values(), key=lambda t: (-t.term.sequence, t.position))
    return [(t.id, theme_label(t, current_language())) for t in ordered]


def theme_ids() -> set[int]:
    from sqlalchemy import select

    from ..themes.models import Theme

    return set(db.session.scalars(select(Theme.id)))


@bp.get("/")
@cached_page
def index():
    f = parse_filters(request.args, state_codes=state_codes(), theme_ids=theme_ids())
    result = listing(current_user, f, current_language())
    return render_template(
        "library/index.html",
        result=result,
        f=f,
        facets=facet_groups(result),
        language=current_language(),
    )


@bp.get("/<int:practice_id>")
@cached_page
def detail(practice_id: int):
    practice = readable_practice(practice_id)
    language = reading_language(practice)
    moment = now()
    return render_template(
        "library/detail.html",
        practice=practice,
        text=practice.text_for(language),
        language=language,
        mode=editing_mode(practice),
        may_write=access.may_write(current_user, practice),
        may_review=access.may_review(current_user, practice, moment),
        may_translate=access.may_translate(current_user, practice, moment),
        may_see_pending=access.may_read_pending(current_user, practice, moment),
        comments=thread(practice) if _sees_thread(practice) else [],
    )


def _sees_thread(practice: Practice) -> bool:
    return access.may_write(current_user, practice) or access.may_review(
        current_user, practice, now()
    )


@bp.get("/<int:practice_id>/side-by-side")
def side_by_side(practice_id: int):
    practice = readable_practice(practice_id)
    first = practice.original_language
    return render_template(
        "library/side_by_side.html",
        practice=practice,
        columns=[(lang, practice.text(lang)) for lang in (first, other_language(first))],
    )


@bp.get("/<int:practice_id>/revisions")
def revisions(practice_id: int):
    practice = readable_practice(practice_id)
    rows = db.session.scalars(
        db.select(PracticeRevision)
        .where(PracticeRevision.practice_id == practice.id)
        .order_by(PracticeRevision.number.desc())
    ).all()
    return render_template("library/revisions.html", practice=practice, revisions=rows)


def _revision(practice: Practice, number: int) -> PracticeRevision:
    revision = db.session.scalar(
        db.select(PracticeRevision).where(
            PracticeRevision.practice_id == practice.id, PracticeRevision.number == number
        )
    )
    if revision is None:
        abort(404)
    return revision


@bp.get("/<int:practice_id>/revisions/<int:number>")
def revision(practice_id: int, number: int):
    practice = readable_practice(practice_id)
    rev = _revision(practice, number)
    texts = rev.data["texts"]
    wanted = request.args.get("lang")
    language = wanted if wanted in texts else current_language()
    if language not in texts:
        language = rev.data["original_language"]
    return render_template(
        "library/revision.html",
        practice=practice,
        revision=rev,
        data=rev.data,
        language=language,
        text=texts[language],
    )


@bp.get("/<int:practice_id>/compare")
def compare(practice_id: int):
    """Two published revisions side by side as a line diff (``?a=1&b=2``)."""
    practice = readable_practice(practice_id)
    latest = practice.revision_count
    a = request.args.get("a", type=int) or max(latest - 1, 1)
    b = request.args.get("b", type=int) or latest
    if not latest:
        abort(404)
    rev_a, rev_b = _revision(practice, a), _revision(practice, b)
    return render_template(
        "library/compare.html",
        practice=practice,
        a=rev_a,
        b=rev_b,
        numbers=list(range(1, latest + 1)),
        changes=compare_data(rev_a.data, rev_b.data),
    )


@bp.get("/<int:practice_id>/files/<int:attachment_id>")
def download(practice_id: int, attachment_id: int):
    """The file as a download, to those who may read it; 404 for everyone else."""
    attachment = db.session.get(Attachment, attachment_id)
    if (
        attachment is None
        or attachment.practice_id != practice_id
        or not may_download(current_user, attachment, now())
    ):
        abort(404)
    try:
        data = get_storage().read(attachment.storage_key)
    except FileNotFoundError:
        current_app.logger.error("attachment %s has no stored file", attachment.id)
        abort(404)
    response = send_file(
        io.BytesIO(data),
        mimetype=attachment.mime_type,
        as_attachment=True,
        download_name=attachment.filename,
        max_age=0,
        etag=attachment.sha256,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.get("/workspace")
@login_required
def my_practices():
    page = db.paginate(workspace(current_user), per_page=25, error_out=False)
    return render_template("library/workspace.html", page=page)


@bp.get("/translations")
@login_required
def translation_queue():
    missing = request.args.get("missing")
    stmt = needs_translation(current_user, missing=missing)
    page = db.paginate(stmt, per_page=25, error_out=False)
    moment = now()
    translatable = {p.id for p in page.items if access.may_translate(current_user, p, moment)}
    return render_template(
        "library/translations.html",
        page=page,
        translatable=translatable,
        missing=missing if missing in LANGUAGES else None,
    )
