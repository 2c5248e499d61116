"""Practice texts are Markdown: rendered by markdown-it-py, then sanitised by nh3.

CommonMark with raw HTML switched off (a user's ``<script>`` comes out as text) and
tables on. nh3 then keeps only the tags Markdown produces, only absolute http/https/mailto links,
adds ``rel="noopener noreferrer nofollow"`` to every link and drops images (pages load
nothing from outside the app; attachments are the way to share a picture) and inline
styles (the Content-Security-Policy forbids them anyway).
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(source: str | None) -> Markup:
    """Safe HTML for a Markdown text written by a user."""
    if not source:
        return Markup("")
    html = _parser().render(source)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        # Only absolute http/https/mailto URLs: relative ones would point into this app.
        url_relative="deny",
    )
    # nh3 has just removed every tag, attribute and URL scheme not on the allow-lists.
    return Markup(clean)  # nosec B704
