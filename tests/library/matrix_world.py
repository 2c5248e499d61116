"""The library's part of the permission matrix (tests/hardening/matrix.py).

:func:`lib` adds, once per world, Kazakh practices (the state of ``fp_own``): a published
public one with an attachment, a submitted one and a draft with an attachment; and makes
Uzbekistan (the state of ``fp_chair``) the chair. The chair provider is reset after every
test by the ``app`` fixture.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from pvenet import clock
from pvenet.extensions import db
from pvenet.library.models import Visibility
from pvenet.library.services import register_chair_provider
from pvenet.library.services.attachments import add_attachment
from pvenet.library.services.content import PracticeContent, TextContent
from pvenet.library.services.workflow import approve, create_practice, submit
from pvenet.library.vocab import PracticeType
from tests.hardening.who import TOKEN_USERS

PDF = b"%PDF-1.4\n%%EOF\n"


def _practice(
    w: Any, title: str, *, attach: bool = False, visibility: Visibility = Visibility.public
):
    author = w.users["fp_own"]
    now = clock.utcnow_naive()
    practice = create_practice(
        author,
        state=w.states["KZ"],
        content=PracticeContent(
            type=PracticeType.guidance,
            year=2024,
            original_language="en",
            texts={"en": TextContent(title, "Summary.", "Body.")},
            topics=["youth"],
        ),
        visibility=visibility,
        now=now,
    )
    attachment = (
        add_attachment(practice, author, filename="guide.pdf", data=PDF, now=now)
        if attach
        else None
    )
    return practice, attachment


def lib(w: Any) -> SimpleNamespace:
    if not hasattr(w, "library"):
        uz_id = w.states["UZ"].id
        register_chair_provider(lambda now: uz_id)
        now = clock.utcnow_naive()
        published, file = _practice(w, "Published guide", attach=True)
        submit(published, w.users["fp_own"], now=now)
        approve(published, w.users["admin"], now=now)
        submitted, _none = _practice(w, "Submitted guide")
        submit(submitted, w.users["fp_own"], now=now)
        draft, draft_file = _practice(w, "Draft guide", attach=True)
        network, network_file = _practice(
            w, "Members' guide", attach=True, visibility=Visibility.network
        )
        restricted, restricted_file = _practice(
            w, "Sensitive guide", attach=True, visibility=Visibility.restricted
        )
        for practice in (network, restricted):
            submit(practice, w.users["fp_own"], now=now)
            approve(practice, w.users["admin"], now=now)
        db.session.commit()
        w.library = SimpleNamespace(
            published=published.id,
            file=file.id,
            submitted=submitted.id,
            draft=draft.id,
            draft_file=draft_file.id,
            network=network.id,
            network_file=network_file.id,
            restricted=restricted.id,
            restricted_file=restricted_file.id,
        )
    return w.library


SESSION = ["observer", "fp_own", "fp_other", "fp_chair", "admin"]
ANONYMOUS = ["visitor", "deactivated", *TOKEN_USERS]


def html(**answers: str) -> dict[str, str]:
    """A logged-in HTML page: anonymous users (tokens do not count on pages) log in first;
    ``answers`` gives each session user's answer (default ``ok``)."""
    out = dict.fromkeys(ANONYMOUS, "login")
    out.update(dict.fromkeys(SESSION, "ok"))
    out.update(answers)
    return out


#: Writers of a KZ practice: its focal point and admins; others may read it (published).
WRITE_PUBLISHED = html(observer="forbidden", fp_other="forbidden", fp_chair="forbidden")
#: Writers of a KZ draft: nobody else may know it exists.
WRITE_DRAFT = html(observer="notfound", fp_other="notfound", fp_chair="notfound")
#: Reviewers of a KZ submission: admins and the chair (UZ); KZ may read but not decide.
REVIEW = html(observer="notfound", fp_other="notfound", fp_own="forbidden")
#: The review thread: the authors and the reviewers.
THREAD = html(observer="notfound", fp_other="notfound")
TRANSLATE = html(observer="forbidden", fp_other="forbidden")


def public() -> dict[str, str]:
    return dict.fromkeys(SESSION + ANONYMOUS, "ok")


def entries() -> dict[tuple[str, str], tuple[Any, dict[str, str], dict[str, Any] | None]]:
    def p(attr: str, suffix: str = "") -> Any:
        return lambda w: f"/library/{getattr(lib(w), attr)}{suffix}"

    def fixed(path: str) -> Any:
        return lambda w: (lib(w), path)[1]

    return {
        ("GET", "library.index"): (fixed("/library/?q=guide&state=KZ"), public(), None),
        ("GET", "library.detail"): (p("published"), public(), None),
        ("GET", "library.side_by_side"): (p("published", "/side-by-side"), public(), None),
        ("GET", "library.revisions"): (p("published", "/revisions"), public(), None),
        ("GET", "library.revision"): (p("published", "/revisions/1"), public(), None),
        ("GET", "library.compare"): (p("published", "/compare?a=1&b=1"), public(), None),
        ("GET", "library.download"): (
            lambda w: f"/library/{lib(w).published}/files/{lib(w).file}",
            public(),
            None,
        ),
        ("GET", "library.feed"): (fixed("/library/feed.atom"), public(), None),
        ("GET", "library.export_csv"): (fixed("/library/export.csv"), public(), None),
        ("GET", "library.export_json"): (fixed("/library/export.json"), public(), None),
        ("GET", "library.my_practices"): (fixed("/library/workspace"), html(), None),
        ("GET", "library.translation_queue"): (fixed("/library/translations"), html(), None),
        ("GET", "library.queue"): (
            fixed("/library/review"),
            html(observer="forbidden", fp_own="forbidden", fp_other="forbidden"),
            None,
        ),
        ("GET", "library.new"): (fixed("/library/new"), html(observer="forbidden"), None),
        ("POST", "library.new"): (fixed("/library/new"), html(observer="forbidden"), {}),
        ("GET", "library.edit"): (p("draft", "/edit"), WRITE_DRAFT, None),
        ("POST", "library.edit"): (p("draft", "/edit"), WRITE_DRAFT, {}),
        ("POST", "library.remove_file"): (
            lambda w: f"/library/{lib(w).draft}/attachments/{lib(w).draft_file}/remove",
            WRITE_DRAFT,
            {},
        ),
        ("GET", "library.submit_for_review"): (p("draft", "/submit"), WRITE_DRAFT, None),
        ("POST", "library.submit_for_review"): (p("draft", "/submit"), WRITE_DRAFT, {}),
        ("GET", "library.withdraw_practice"): (p("published", "/withdraw"), WRITE_PUBLISHED, None),
        # an empty reason is refused: the practice stays published for the next users
        ("POST", "library.withdraw_practice"): (p("published", "/withdraw"), WRITE_PUBLISHED, {}),
        ("POST", "library.discard"): (p("published", "/revision/discard"), WRITE_PUBLISHED, {}),
        ("GET", "library.translate"): (p("published", "/translate"), TRANSLATE, None),
        ("POST", "library.translate"): (p("published", "/translate"), TRANSLATE, {}),
        ("GET", "library.review"): (p("submitted", "/review"), THREAD, None),
        ("POST", "library.comment"): (p("submitted", "/comments"), THREAD, {}),
        # "return" sorts after "approve": after an approval there is nothing left to return,
        # which the page says (a redirect), so the answer stays the same
        ("POST", "library.approve_submission"): (p("submitted", "/approve"), REVIEW, {}),
        ("POST", "library.return_submission"): (p("submitted", "/return"), REVIEW, {}),
        ("GET", "library_api.list_practices"): (fixed("/api/v1/practices"), public(), None),
        ("GET", "library_api.get_practice"): (
            lambda w: f"/api/v1/practices/{lib(w).published}",
            public(),
            None,
        ),
        # form data is not a JSON object: token users who may create get 400
        ("POST", "library_api.create"): (
            fixed("/api/v1/practices"),
            {
                **dict.fromkeys(SESSION + ["visitor", "deactivated", "token_deactivated"], "login"),
                "token_observer": "forbidden",
                "token_fp": "bad",
                "token_fp_other": "bad",
                "token_fp_chair": "bad",
                "token_admin": "bad",
            },
            {},
        ),
    }


def readers(**allowed: str) -> dict[str, str]:
    """Who may see a practice that is not public: everyone named in ``allowed`` (a session
    user and the token of the same user answer alike); for all others it does not exist."""
    out = dict.fromkeys(SESSION + ANONYMOUS, "notfound")
    for who, answer in allowed.items():
        out[who] = answer
    return out


def _both(*users: str) -> dict[str, str]:
    """Each user and their token: ``fp_own`` → also ``token_fp``."""
    token = {"fp_own": "token_fp"}
    return {k: "ok" for u in users for k in (u, token.get(u, f"token_{u}"))}


#: readers of each kind of KZ practice (DESIGN.md: network-only for logged-in members;
#: restricted to its own state's focal points and admins; drafts to their authors and
#: admins; a submission also to its reviewers, here the chair)
DRAFT = readers(**_both("fp_own", "admin"))
SUBMITTED = readers(**_both("fp_own", "admin", "fp_chair"))
NETWORK = readers(**_both("observer", "fp_own", "fp_other", "fp_chair", "admin"))
RESTRICTED = readers(**_both("fp_own", "admin"))


def on_pages(expected: dict[str, str]) -> dict[str, str]:
    """The same on the HTML pages, where a token counts for nothing (as a visitor)."""
    return {**expected, **dict.fromkeys(TOKEN_USERS, expected["visitor"])}


def extra() -> list[tuple[str, str, Any]]:
    """The reading routes again, on practices that are not public or not published."""

    def url(template: str, **attrs: str) -> Any:
        return lambda w: template.format(**{k: getattr(lib(w), v) for k, v in attrs.items()})

    probes = []
    for what, expected in (
        ("draft", DRAFT),
        ("submitted", SUBMITTED),
        ("network", NETWORK),
        ("restricted", RESTRICTED),
    ):
        probes += [
            ("GET", "library.detail", (url("/library/{p}", p=what), on_pages(expected), None)),
            (
                "GET",
                "library_api.get_practice",
                (url("/api/v1/practices/{p}", p=what), expected, None),
            ),
        ]
    # (the draft's file is removed by the matrix's own remove_file probe)
    for what in ("network", "restricted"):
        expected = {"network": NETWORK, "restricted": RESTRICTED}[what]
        probes.append(
            (
                "GET",
                "library.download",
                (
                    url("/library/{p}/files/{f}", p=what, f=f"{what}_file"),
                    on_pages(expected),
                    None,
                ),
            )
        )
    return probes
