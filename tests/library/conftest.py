"""Library fixtures: practices in any status, the chairing state, small valid files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from pvenet import clock
from pvenet.auth.models import Role, User
from pvenet.library.models import Practice, PracticeStatus, Visibility
from pvenet.library.services import register_chair_provider
from pvenet.library.services.attachments import add_attachment
from pvenet.library.services.content import PracticeContent, TextContent
from pvenet.library.services.workflow import approve, create_practice, submit
from pvenet.library.vocab import PracticeType

NOW = datetime(2026, 5, 4, 9, 0)


@pytest.fixture(autouse=True)
def _clock_and_no_chair() -> Iterator[None]:
    clock.set_now(NOW)
    register_chair_provider(None)
    yield
    register_chair_provider(None)
    clock.set_now(None)


@pytest.fixture
def chair(states) -> Callable[[str | None], None]:
    """``chair("UZ")`` makes Uzbekistan the chairing state (``None``: nobody chairs)."""

    def _set(code: str | None) -> None:
        state_id = states[code].id if code else None
        register_chair_provider(lambda now: state_id)

    return _set


@pytest.fixture
def secretariat(make_user) -> User:
    """An administrator who approves the practices the factory publishes."""
    return make_user(Role.admin, None, email="secretariat@example.org", name="UNODC Secretariat")


def content(
    *,
    language: str = "en",
    title: str = "Youth resilience clubs",
    summary: str = "Clubs where young people learn to question extremist messages.",
    body: str = "The programme runs in schools.\n\nIt trains **teachers** and parents.",
    translation: tuple[str, str, str] | None = None,
    type_: PracticeType = PracticeType.programme,
    year: int = 2024,
    topics: list[str] | None = None,
    target_groups: list[str] | None = None,
    source_url: str | None = None,
    themes: list[int] | None = None,
) -> PracticeContent:
    texts = {language: TextContent(title, summary, body)}
    if translation:
        texts["ru" if language == "en" else "en"] = TextContent(*translation)
    return PracticeContent(
        type=PracticeType(type_),
        year=year,
        original_language=language,
        texts=texts,
        topics=topics if topics is not None else ["youth"],
        target_groups=target_groups or [],
        source_url=source_url,
        themes=themes or [],
    )


@pytest.fixture
def make_practice(db, states, secretariat, make_user) -> Callable[..., Practice]:
    authors: dict[str, User] = {}

    def author_for(code: str) -> User:
        if code not in authors:
            authors[code] = make_user(Role.focal_point, code, email=f"author.{code.lower()}@ex.org")
        return authors[code]

    def _make(
        state: str = "KZ",
        status: str = "published",
        visibility: str = "public",
        author: User | None = None,
        files: list[tuple[str, bytes]] = (),
        **content_args,
    ) -> Practice:
        author = author or author_for(state)
        now = clock.utcnow_naive()
        practice = create_practice(
            author,
            state=states[state],
            content=content(**content_args),
            visibility=Visibility(visibility),
            now=now,
        )
        for filename, data in files:
            add_attachment(practice, author, filename=filename, data=data, now=now)
        if status in ("submitted", "published", "returned", "withdrawn"):
            submit(practice, author, now=now)
        if status in ("published", "withdrawn"):
            approve(practice, secretariat, now=now)
        if status == "returned":
            practice.status = PracticeStatus.returned
        if status == "withdrawn":
            practice.status = PracticeStatus.withdrawn
        db.session.commit()
        return practice

    return _make


def pdf_bytes(text: str = "hello") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + text.encode() + b"\ntrailer<<>>\n%%EOF\n"
    )


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def zip_bytes(entries: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


def office_bytes(kind: str) -> bytes:
    if kind == "odt":
        return zip_bytes(
            [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")]
        )
    folder = {"docx": "word", "xlsx": "xl", "pptx": "ppt"}[kind]
    return zip_bytes([("[Content_Types].xml", "<Types/>"), (f"{folder}/document.xml", "<x/>")])


def form_data(**overrides) -> dict:
    """A valid practice form (English original), for the web views."""
    data = {
        "state": "KZ",
        "type": "programme",
        "year": "2024",
        "original_language": "en",
        "title_en": "Community policing in Almaty",
        "summary_en": "District officers meet residents every month.",
        "body_en": "Officers and mahalla committees plan activities together.",
        "topics": ["community"],
        "target_groups": ["law_enforcement"],
        "visibility": "public",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
