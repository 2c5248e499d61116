"""Attachments: type from content, size limit, nothing left behind, safe downloads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from pvenet.library.models import Attachment, AttachmentBlob, Practice
from pvenet.library.services.attachments import add_attachment
from pvenet.library.services.workflow import approve, submit
from tests.library.conftest import (
    JPEG_BYTES,
    NOW,
    PNG_BYTES,
    form_data,
    office_bytes,
    pdf_bytes,
)


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_FOLDER"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(client, url, name, data, headers=None, **fields):
    """A multipart POST built in memory (the test client would spool a big body to an
    unclosed temporary file)."""
    boundary, body = encode_multipart(
        {**form_data(**fields), "attachment": FileStorage(io.BytesIO(data), filename=name)}
    )
    return client.post(
        url,
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=headers or {},
    )


@pytest.mark.parametrize(
    "name,data,mime",
    [
        ("report.pdf", pdf_bytes(), "application/pdf"),
        (
            "plan.docx",
            office_bytes("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "data.xlsx",
            office_bytes("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.pptx",
            office_bytes("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("note.odt", office_bytes("odt"), "application/vnd.oasis.opendocument.text"),
        ("map.png", PNG_BYTES, "image/png"),
        ("photo.JPG", JPEG_BYTES, "image/jpeg"),
    ],
)
def test_allowed_types_are_stored_and_served_as_downloads(
    app, client, auth, db, focal_point, name, data, mime
):
    auth.login(focal_point)
    res = upload(client, "/library/new", name, data)
    assert res.status_code == 302, res.text
    attachment = db.session.query(Attachment).one()
    assert attachment.mime_type == mime and attachment.size == len(data)
    assert len(stored_files(app)) == 1
    res = client.get(f"/library/{attachment.practice_id}/files/{attachment.id}")
    assert res.status_code == 200 and res.data == data
    assert res.mimetype == mime
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.pdf", b"just some text, not a PDF at all"),
        ("report.pdf", PNG_BYTES),  # a real PNG renamed to .pdf
        ("evil.pdf", b"<html><script>alert(1)</script></html>"),
        ("archive.docx", office_bytes("odt")[:30]),  # a broken ZIP
        ("plain.zip.docx", b"PK\x03\x04" + b"\x00" * 40),
        ("notes.docx", office_bytes("odt")),  # an ODT renamed to .docx
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 60),
    ],
)
def test_refused_upload_leaves_nothing_and_keeps_the_form(
    app, client, auth, db, focal_point, name, data
):
    auth.login(focal_point)
    res = upload(client, "/library/new", name, data, title_en="My typed title")
    assert res.status_code == 200
    assert "My typed title" in res.text  # the form keeps what the user typed
    assert "is-invalid" in res.text
    assert db.session.query(Practice).count() == 0
    assert db.session.query(Attachment).count() == 0
    assert stored_files(app) == []


def test_renamed_pdf_message_names_the_real_type(client, auth, focal_point):
    auth.login(focal_point)
    res = upload(client, "/library/new", "report.pdf", PNG_BYTES)
    assert "PNG" in res.text and "report.pdf" in res.text


def test_upload_over_the_limit_answers_413_and_leaves_nothing(app, client, auth, db, focal_point):
    app.config["MAX_UPLOAD_MB"] = 1
    auth.login(focal_point)
    big = pdf_bytes() + b"0" * (1024 * 1024)
    res = upload(client, "/library/new", "big.pdf", big, title_en="Kept title")
    assert res.status_code == 413
    assert "larger than the allowed 1 MB" in res.text and "Kept title" in res.text
    assert db.session.query(Practice).count() == 0 and stored_files(app) == []


def test_request_over_max_content_length_gets_the_bilingual_413_page(
    app, client, auth, db, focal_point
):
    app.config["MAX_CONTENT_LENGTH"] = 200_000
    auth.login(focal_point)
    big = pdf_bytes() + b"0" * 300_000
    res = upload(client, "/library/new", "big.pdf", big, headers={"Accept-Language": "ru"})
    assert res.status_code == 413
    assert "Слишком большой файл" in res.text
    assert db.session.query(Practice).count() == 0 and stored_files(app) == []


def test_path_traversal_names_are_neutralised(app, client, auth, db, focal_point):
    auth.login(focal_point)
    res = upload(client, "/library/new", "../../../etc/passwd.pdf", pdf_bytes())
    assert res.status_code == 302
    attachment = db.session.query(Attachment).one()
    assert attachment.filename == "passwd.pdf"
    (path,) = stored_files(app)
    assert path.name == attachment.storage_key and ".." not in str(path)
    assert Path(app.config["UPLOAD_FOLDER"]) in path.parents


def test_download_name_is_safe_and_rfc5987_encoded(client, db, make_practice):
    practice = make_practice(files=[('Отчёт "2024"\r\n.pdf', pdf_bytes())])
    attachment = practice.attachments[0]
    assert "\r" not in attachment.filename and "\n" not in attachment.filename
    res = client.get(f"/library/{practice.id}/files/{attachment.id}")
    disposition = res.headers["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition and "\r" not in disposition
    assert '"2024"' not in disposition


def test_attachment_of_a_revision_is_hidden_until_approved(client, db, admin, make_practice):
    practice = make_practice(files=[("first.pdf", pdf_bytes("1"))])
    author = practice.created_by
    added = add_attachment(practice, author, filename="second.pdf", data=pdf_bytes("2"), now=NOW)
    db.session.commit()
    assert added.is_pending
    assert client.get(f"/library/{practice.id}/files/{added.id}").status_code == 404
    assert "second.pdf" not in client.get(f"/library/{practice.id}").text
    submit(practice, author, now=NOW)
    approve(practice, admin, now=NOW)
    db.session.commit()
    assert client.get(f"/library/{practice.id}/files/{added.id}").status_code == 200
    assert "second.pdf" in client.get(f"/library/{practice.id}").text


def test_removing_a_draft_attachment_deletes_its_file(app, client, auth, db, make_practice):
    practice = make_practice(status="draft", files=[("draft.pdf", pdf_bytes())])
    attachment = practice.attachments[0]
    assert len(stored_files(app)) == 1
    auth.login(practice.created_by)
    client.post(f"/library/{practice.id}/attachments/{attachment.id}/remove")
    assert db.session.query(Attachment).count() == 0 and stored_files(app) == []


def test_removing_a_published_attachment_waits_for_review_and_keeps_history(
    app, client, auth, db, admin, make_practice
):
    practice = make_practice(files=[("old.pdf", pdf_bytes())])
    attachment = practice.attachments[0]
    auth.login(practice.created_by)
    client.post(f"/library/{practice.id}/attachments/{attachment.id}/remove")
    auth.logout()
    assert "old.pdf" in client.get(f"/library/{practice.id}").text  # still published
    db.session.expire_all()  # the request changed the practice in its own session
    assert practice.attachments[0].is_removal_pending
    submit(practice, practice.created_by, now=NOW)
    approve(practice, admin, now=NOW)
    db.session.commit()
    assert "old.pdf" not in client.get(f"/library/{practice.id}").text
    # revision 1 still lists it, and its file is kept
    assert "old.pdf" in client.get(f"/library/{practice.id}/revisions/1").text
    assert client.get(f"/library/{practice.id}/files/{attachment.id}").status_code == 200
    assert len(stored_files(app)) == 1


@pytest.fixture
def database_storage(app_config):
    app_config["UPLOAD_STORAGE"] = "database"
    return app_config


def test_database_storage_keeps_files_in_the_database(
    database_storage, app, client, auth, db, focal_point
):
    auth.login(focal_point)
    assert upload(client, "/library/new", "report.pdf", pdf_bytes()).status_code == 302
    attachment = db.session.query(Attachment).one()
    assert db.session.get(AttachmentBlob, attachment.storage_key).data == pdf_bytes()
    assert stored_files(app) == []
    res = client.get(f"/library/{attachment.practice_id}/files/{attachment.id}")
    assert res.data == pdf_bytes()
    # a refused upload leaves no blob either
    upload(client, "/library/new", "fake.pdf", b"not a pdf")
    assert db.session.query(AttachmentBlob).count() == 1


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.pdf", ELF),  # a Linux program renamed .pdf
        ("report.pdf", EXE),  # a Windows program renamed .pdf
        ("report.pdf.exe", pdf_bytes()),  # a real PDF whose name ends in .exe
        ("report.exe", pdf_bytes()),
        ("invoice\u202efdp.exe", EXE),  # shows as "invoiceexe.pdf"
        ("report.pdf\u202e", pdf_bytes()),
        ("../../../../tmp/evil.sh", b"#!/bin/sh\nrm -rf /\n"),
        ("..\\..\\windows\\system32\\evil.pdf", EXE),
        ("../.htaccess", b"Options +ExecCGI\n"),
        ("page.pdf", b"%PD"),  # too short to be a PDF
    ],
)
def test_disguised_files_are_refused_and_leave_nothing(
    app, client, auth, db, focal_point, name, data
):
    auth.login(focal_point)
    res = upload(client, "/library/new", name, data, title_en="Typed title")
    assert res.status_code == 200 and "is-invalid" in res.text
    assert "Typed title" in res.text
    assert db.session.query(Practice).count() == 0
    assert db.session.query(Attachment).count() == 0
    assert stored_files(app) == []


@pytest.mark.parametrize(
    "name,shown",
    [
        ("....//....//x.pdf", "x.pdf"),
        ("/etc/passwd.pdf", "passwd.pdf"),
        ("report\u202egnp.pdf", "reportgnp.pdf"),  # no direction override kept
        ("\u2067fdp.\u2069report.pdf", "fdp.report.pdf"),
        ("...pdf", "pdf"),  # dots only: no hidden file
    ],
)
def test_names_with_paths_or_direction_marks_are_neutralised(
    app, client, auth, db, focal_point, name, shown
):
    auth.login(focal_point)
    assert upload(client, "/library/new", name, pdf_bytes()).status_code == 302
    attachment = db.session.query(Attachment).one()
    assert attachment.filename == shown
    (path,) = stored_files(app)
    assert path.name == attachment.storage_key
    assert Path(app.config["UPLOAD_FOLDER"]) in path.parents


def test_refused_upload_on_edit_leaves_the_draft_and_the_disk_as_they_were(
    app, client, auth, db, make_practice
):
    practice = make_practice(status="draft", title="Original", files=[("a.pdf", pdf_bytes())])
    before = stored_files(app)
    auth.login(practice.created_by)
    res = upload(client, f"/library/{practice.id}/edit", "b.pdf", EXE, title_en="Changed title")
    assert res.status_code == 200 and "is-invalid" in res.text
    db.session.expire_all()
    practice = db.session.get(Practice, practice.id)
    assert practice.texts[0].title == "Original"  # the text change was rolled back too
    assert [a.filename for a in practice.attachments] == ["a.pdf"]
    assert stored_files(app) == before


def test_valid_file_with_an_invalid_form_stores_nothing(app, client, auth, db, focal_point):
    auth.login(focal_point)
    res = upload(client, "/library/new", "report.pdf", pdf_bytes(), title_en="", body_en="")
    assert res.status_code == 200
    assert db.session.query(Practice).count() == 0
    assert db.session.query(Attachment).count() == 0 and stored_files(app) == []


def test_failed_commit_deletes_the_file_it_stored(app, client, auth, db, focal_point):
    from flask_sqlalchemy.session import Session
    from sqlalchemy import event

    def lost_database(session):
        raise RuntimeError("the database went away")

    auth.login(focal_point)
    event.listen(Session, "before_commit", lost_database)
    try:
        res = upload(client, "/library/new", "report.pdf", pdf_bytes())
    finally:
        event.remove(Session, "before_commit", lost_database)
    assert res.status_code == 500
    assert stored_files(app) == []
    assert db.session.query(Practice).count() == 0
