"""What an uploaded file really is, judged from its content, and a safe name to show.

PDF, PNG and JPEG are recognised by their magic numbers (the ``filetype`` library).
Office files are ZIP archives, so their parts are looked at: OOXML has
``[Content_Types].xml`` plus a ``word/``, ``xl/`` or ``ppt/`` folder; ODF has a
``mimetype`` entry naming the document type. The name's extension must agree with the
content: a PNG renamed to ``.pdf`` is refused as much as a text file renamed so.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype


@dataclass(frozen=True)
class FileKind:
    label: str
    mime: str
    extensions: tuple[str, ...]


PDF = FileKind("PDF", "application/pdf", ("pdf",))
PNG = FileKind("PNG", "image/png", ("png",))
JPEG = FileKind("JPEG", "image/jpeg", ("jpg", "jpeg"))
DOCX = FileKind(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
XLSX = FileKind(
    "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)
)
PPTX = FileKind(
    "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
)
ODT = FileKind("ODT", "application/vnd.oasis.opendocument.text", ("odt",))

ALLOWED = (PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG)
ALLOWED_EXTENSIONS = tuple(ext for kind in ALLOWED for ext in kind.extensions)
_BY_MIME = {PDF.mime: PDF, PNG.mime: PNG, JPEG.mime: JPEG}
_OOXML_PARTS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
_ZIP_MAGIC = b"PK\x03\x04"


def sniff(data: bytes) -> FileKind | None:
    """The allowed kind of file ``data`` is, or ``None``."""
    if data.startswith(_ZIP_MAGIC):
        return _office_kind(data)
    guess = filetype.guess(data[:8192])
    return _BY_MIME.get(guess.mime) if guess is not None else None


def _office_kind(data: bytes) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    return None
                if archive.read("mimetype").strip() == ODT.mime.encode():
                    return ODT
                return None
            if "[Content_Types].xml" not in names:
                return None
            for prefix, kind in _OOXML_PARTS:
                if any(name.startswith(prefix) for name in names):
                    return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        return None
    return None


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")
#: direction marks and overrides: "invoice\u202efdp.exe" would show as "invoiceexe.pdf"
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe_display_name(filename: str | None, kind: FileKind | None = None) -> str:
    """A name fit to show and to offer as a download name: no folders, no control, path or
    text-direction characters, no leading dots, at most 200 characters, with its
    extension kept."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _BIDI.sub("", name)
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if not name or name.strip("_ ") == "":
        name = "attachment" + (f".{kind.extensions[0]}" if kind else "")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 199 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else name[:200]
    return name
