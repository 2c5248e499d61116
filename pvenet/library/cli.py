"""``flask library …``: maintenance of the library's derived data."""

from __future__ import annotations

import click

from ..extensions import db
from .facets import rebuild
from .search import sqlite_fts
from .views import bp


@bp.cli.command("reindex")
def reindex() -> None:
    """Rebuild the search index (SQLite) and the facet counts from the practices.

    Needed only after writing practices without the application (a bulk import); the
    application keeps both in step by itself.
    """
    texts = sqlite_fts.reindex_all(db.session) if db.engine.dialect.name == "sqlite" else None
    rows = rebuild(db.session)
    db.session.commit()
    if texts is not None:
        click.echo(f"{texts} texts indexed.")
    click.echo(f"{rows} facet combinations counted.")
