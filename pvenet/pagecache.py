"""Cached pages: what a busy page shows is the same for everyone who sees it the same way.

The library listing, search, a practice, the home page, the timeline and the feeds cost
milliseconds of queries and rendering each; under load that is most of a worker's time.
They depend only on

* the content of the database, summed up by one **content version** that every commit
  changing a table which pages show raises, in the same transaction;
* the **audience**: a visitor, or a signed-in user's role and state (everything these
  pages decide per person follows from those two: see ``library/services/access.py``);
* the language, the URL with its query, and the minute of the clock (pages say "current
  chair" or "upcoming meeting", which changes with time and no write).

So :func:`cached_page` keeps the rendered title, head and main content of a page under
those keys, and a later request of the same key renders only the frame around them (the
navigation with the user's name, unread notifications, the language switcher, flashed
messages). The frame itself is kept too, per reader: a visitor's is everyone's, a signed-in
reader's is keyed by who they are and the figures it shows (:data:`FRAME_FIGURES`, such as
the unread count), so a repeated page costs no rendering at all. :func:`cached_response`
keeps whole responses (API, Atom, iCalendar). Content holding a CSRF token is never kept:
tokens belong to one session, and the frame's own token is put back per request.

The store is Flask-Caching: ``SimpleCache`` in each worker by default (bounded by
``CACHE_THRESHOLD`` entries), or any other backend it knows (``PVENET_CACHE_TYPE=RedisCache``
and ``PVENET_CACHE_REDIS_URL`` share one store between workers). ``PAGE_CACHE=False``
turns it off.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any

from flask import (
    Flask,
    Response,
    current_app,
    g,
    get_flashed_messages,
    make_response,
    render_template,
    request,
    session,
)
from flask_caching import Cache
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import BigInteger, Integer, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from . import clock, reads
from .extensions import Base

cache = Cache()

#: Blocks of ``base.html`` that :func:`cached_page` keeps (``{% filter keep_block(…) %}``).
KEPT_BLOCKS = ("title", "head", "content")

#: Tables whose writes change nothing a cached page shows: per-person data (rendered in
#: the frame, never in the kept content), bookkeeping and logs. Any other table raises
#: the content version, so a new table is safe by default.
QUIET_TABLES = frozenset(
    {
        "api_tokens",  # last use, written on every API call
        "audit_events",
        "content_version",
        "login_failures",
        "notifications",
        "outbox_messages",
        "scheduler_leases",
    }
)

#: What a signed-in reader's frame shows that can change without a write the content
#: version sees (a new notification is a quiet write): each feature that puts such a figure
#: in the navigation registers a function giving it for this request (:func:`frame_figure`).
#: The figures are part of the key of the reader's kept frame.
FRAME_FIGURES: list[Callable[[], object]] = []

_CHANGED = "pvenet.content_changed"
_CSRF_FIELD = 'name="csrf_token"'
#: Where a visitor's kept page had its CSRF token (each request puts its own back).
_CSRF_SLOT = "\x1fpvenet-csrf-token\x1f"


class ContentVersion(Base):
    """One row: a number raised by every commit that changes what pages show."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


_VERSION = select(ContentVersion.__table__.c.version).where(ContentVersion.__table__.c.id == 1)


def init_app(app: Flask) -> None:
    app.config.setdefault("PAGE_CACHE", True)
    app.config.setdefault("CACHE_TYPE", "SimpleCache")
    app.config.setdefault("CACHE_DEFAULT_TIMEOUT", 120)
    # Measured: 300 kept search pages added 6 MB to a worker; a listing keeps about 30 KB,
    # and 60 KB whole with its frame (kept once for visitors, once per signed-in reader).
    # 150 holds the busy pages and bounds the worker under the 150 MB target even while
    # it verifies a login (Argon2id, 19 MiB).
    app.config.setdefault("CACHE_THRESHOLD", 150)
    app.config.setdefault("CACHE_KEY_PREFIX", "pvenet:")
    cache.init_app(app)
    app.jinja_env.filters["keep_block"] = _keep_block


def _keep_block(html: Markup, name: str) -> Markup:
    """Jinja filter around a block of ``base.html``: note its output for :func:`cached_page`."""
    kept = g.get("kept_blocks")
    if kept is not None:
        kept[name] = html
    return html


# -- the content version ---------------------------------------------------------------


def _loud(table: Any) -> bool:
    return getattr(table, "name", None) not in QUIET_TABLES


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_CHANGED):
        return
    modified = (o for o in session.dirty if session.is_modified(o))
    touched = itertools.chain(session.new, session.deleted, modified)
    if any(_loud(getattr(o, "__table__", None)) for o in touched):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    """Bulk ``insert``/``update``/``delete`` statements bypass the unit of work."""
    if state.is_insert or state.is_update or state.is_delete:
        if _loud(getattr(state.statement, "table", None)):
            state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _raise_version(session: Session) -> None:
    """Raise the version last in the transaction, so it commits with the change.

    Flushing first means the version row is the last lock a transaction takes: two
    writers cannot wait on each other for it (no deadlock on PostgreSQL).
    """
    session.flush()
    if not session.info.pop(_CHANGED, False):
        return
    connection = session.connection()
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    table = ContentVersion.__table__
    stmt = insert(table).values(id=1, version=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.id], set_={"version": table.c.version + 1}
    )
    connection.execute(stmt)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def content_version() -> int:
    """The current content version; a Core statement compiled once (it runs on every
    cached request), outside a transaction until the request has begun one
    (:mod:`pvenet.reads`): on PostgreSQL one round trip instead of BEGIN, SELECT and
    ROLLBACK, most of what a visitor's kept page costs. A version read before the page's
    own reads is never newer than what they see, so a page is never kept under a version
    it does not show.
    """
    return reads.connection().execute(_VERSION).scalar() or 0


# -- keys --------------------------------------------------------------------------------


def audience() -> str:
    """Who sees a page the same way: a visitor, or a role within a state."""
    from flask_login import current_user

    if not current_user or not current_user.is_authenticated:
        return "visitor"
    return f"{current_user.role}:{current_user.state_id or '-'}"


def frame_figure(func: Callable[[], object]) -> Callable[[], object]:
    """Register a figure of the signed-in frame (see :data:`FRAME_FIGURES`)."""
    if func not in FRAME_FIGURES:
        FRAME_FIGURES.append(func)
    return func


def _frame() -> str | None:
    """Who sees the same frame around a page: every visitor alike; a signed-in reader
    alone, with the figures it shows (their name, state and role change only with a write
    that raises the content version). None while the frame has flashed messages to show
    (once): it is rendered."""
    from flask_login import current_user

    if session.get("_flashes"):
        return None
    if not current_user or not current_user.is_authenticated:
        return "visitor"
    return ":".join(["user", str(current_user.id), *(str(f()) for f in FRAME_FIGURES)])


def _key(kind: str, who: str) -> str:
    from flask_babel import get_locale

    minute = clock.now().strftime("%Y%m%d%H%M")
    return "|".join(
        (kind, str(content_version()), minute, str(get_locale()), who, request.full_path)
    )


def _active() -> bool:
    return bool(current_app.config["PAGE_CACHE"]) and request.method in ("GET", "HEAD")


# -- decorators --------------------------------------------------------------------------


def cached_page(view: Callable[..., Any]) -> Callable[..., Any]:
    """Keep the page's title, head and main content; render only the frame on a hit.

    The view renders a template extending ``base.html`` and returns the string (a 200);
    anything else (a redirect, an error, a tuple with a status) is passed on, not kept.
    The whole page is kept as well, per frame (:func:`_frame`), with the CSRF token left
    out and put back per request: a repeated page is then one lookup. A reader with a
    flashed message gets the frame rendered around the kept content.
    """

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not _active():
            return view(*args, **kwargs)
        key = _key("page", audience())
        frame = _frame()
        # The method too: the frame's language buttons return a GET to its page, a HEAD home.
        whole = f"{key}|whole|{request.method}|{frame}" if frame else None
        if whole:
            page = cache.get(whole)
            if page is not None:
                return page.replace(_CSRF_SLOT, generate_csrf())
        kept = cache.get(key)
        if kept is not None:
            # Markup, as rendered (and escaped) the first time: pickled with its type.
            result = render_template("cached_page.html", kept=kept)
        else:
            g.kept_blocks = {}
            result = view(*args, **kwargs)
            kept = g.pop("kept_blocks", {})
            if not (
                isinstance(result, str)
                and set(kept) == set(KEPT_BLOCKS)
                and not any(_CSRF_FIELD in html for html in kept.values())
            ):
                return result
            cache.set(key, kept)
        # A view may flash and render at once: its message shows once, so that page is not
        # kept (``base.html`` has read the messages by now; asking again removes nothing).
        if whole and not get_flashed_messages():
            cache.set(whole, result.replace(generate_csrf(), _CSRF_SLOT))
        return result

    return wrapper


#: Headers of a kept response that are replayed; the others are set again per request.
_REPLAYED = ("Content-Type", "Content-Disposition", "Link", "Cache-Control")


def cached_response(view: Callable[..., Any]) -> Callable[..., Any]:
    """Keep the whole response of a feed or API view (200s without cookies only)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not _active():
            return view(*args, **kwargs)
        key = _key("response", audience())
        kept = cache.get(key)
        if kept is not None:
            body, headers = kept
            return Response(body, status=200, headers=headers)
        response = make_response(view(*args, **kwargs))
        if (
            response.status_code == 200
            and not response.is_streamed
            and "Set-Cookie" not in response.headers
        ):
            headers = [(k, v) for k, v in response.headers.items() if k in _REPLAYED]
            cache.set(key, (response.get_data(), headers))
        return response

    return wrapper
