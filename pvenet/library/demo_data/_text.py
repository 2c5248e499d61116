"""How the demo texts are written: a title, a summary and a Markdown body."""

from __future__ import annotations

T = tuple[str, str, str]  # title, summary, body (Markdown)


def _body(intro: str, points: list[str], closing: str) -> str:
    return intro + "\n\n" + "\n".join(f"- {p}" for p in points) + "\n\n" + closing
