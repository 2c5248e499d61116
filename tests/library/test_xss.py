"""No HTML or script from a user reaches a page unescaped, whatever field it comes in."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from pvenet.library.markdown import render_markdown
from pvenet.library.services.translations import add_translation
from pvenet.library.services.workflow import add_comment, start_revision
from tests.library.conftest import NOW, pdf_bytes

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    "<iframe src=//evil.example></iframe>",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<div style="background:url(javascript:alert(1))">x</div>',
]

FORBIDDEN_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "style", "form", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class _Inspector(HTMLParser):
    """Collects every element and attribute a browser would act on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and (attributes.get("src") or "").startswith("/static/"):
            return
        if tag == "form" and (attributes.get("action") or "/").startswith("/"):
            return
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or (name == "style" and tag not in ("html",)):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")


def inert(html: str) -> None:
    """No element, attribute or link a user wrote can act in a browser."""
    inspector = _Inspector()
    inspector.feed(html)
    assert not inspector.problems, inspector.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_renderer_neutralises_payload(payload):
    inert(str(render_markdown(payload)))
    inert(str(render_markdown(f"Intro\n\n{payload}\n\n| a | b |\n|---|---|\n| {payload} | x |")))


def test_links_get_rel_and_only_safe_schemes():
    html = str(
        render_markdown(
            "[a](https://unodc.org) [b](mailto:fp@example.org) [c](ftp://x.org/f) [d](/admin/)"
        )
    )
    assert 'href="https://unodc.org" rel="noopener noreferrer nofollow"' in html
    assert 'href="mailto:fp@example.org"' in html
    assert "ftp://" not in html and 'href="/admin/"' not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_every_field_renders_inert_on_every_page(
    client, auth, db, admin, make_practice, payload
):
    practice = make_practice(
        status="submitted",
        title=f"Title {payload}",
        summary=f"Summary {payload}",
        body=f"Body {payload}",
        files=[(f"{payload}.pdf", pdf_bytes())],
    )
    author = practice.created_by
    add_comment(practice, author, body=f"Comment {payload}", now=NOW)
    db.session.commit()
    auth.login(admin)
    client.post(f"/library/{practice.id}/approve", data={"decision-body": f"Approved {payload}"})
    auth.logout()
    db.session.expire_all()
    add_translation(
        practice,
        author,
        language="ru",
        text=type(
            "T",
            (),
            {"title": f"Заголовок {payload}", "summary": f"Кратко {payload}", "body": payload},
        ),
        now=NOW,
    )
    pending = start_revision(practice, author, now=NOW)
    data = dict(pending.data)
    data["texts"] = {
        **data["texts"],
        "en": {"title": f"New {payload}", "summary": "s", "body": f"changed {payload}"},
    }
    pending.data = data
    db.session.commit()
    pages = [
        "/library/",
        f"/library/?q={practice.text('en').title[:5]}",
        "/library/?q=title",
        f"/library/{practice.id}",
        f"/library/{practice.id}?lang=ru",
        f"/library/{practice.id}/side-by-side",
        f"/library/{practice.id}/revisions",
        f"/library/{practice.id}/revisions/1",
        f"/library/{practice.id}/compare?a=1&b=2",
    ]
    for path in pages:
        res = client.get(path)
        assert res.status_code == 200, path
        inert(res.text)
    auth.login(author)
    for path in (
        f"/library/{practice.id}/review",
        f"/library/{practice.id}/edit",
        "/library/workspace",
        "/library/translations",
        "/notifications/",
    ):
        res = client.get(path)
        assert res.status_code == 200, path
        inert(res.text)
    # The feed is XML: the titles are escaped text, never markup.
    feed = client.get("/library/feed.atom").text
    assert "<script" not in feed and "<img" not in feed and "<svg" not in feed


def test_source_link_must_be_http(client, auth, focal_point):
    from tests.library.conftest import form_data

    auth.login(focal_point)
    for url in ("javascript:alert(1)", "data:text/html,x", "//evil.example/x", "ftp://x.org"):
        res = client.post("/library/new", data=form_data(source_url=url))
        assert res.status_code == 200 and "source link" in res.text.lower()


def test_feed_escapes_titles(client, make_practice):
    make_practice(title="<script>alert(1)</script> & <b>bold</b>")
    xml = client.get("/library/feed.atom").text
    assert "<script>" not in xml and "&lt;script&gt;" in xml
