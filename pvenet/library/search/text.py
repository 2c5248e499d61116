"""Words, stems and snippets, the same on every database backend.

Tokens are folded (lower case, ё → е) and stemmed with Snowball (PyStemmer): the Russian
stemmer for words with Cyrillic letters, the English one otherwise, as PostgreSQL's
``russian`` configuration does. SQLite's FTS5 index is fed with these stems; snippets are
cut from the real text and the words whose stems match the query are marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from markupsafe import Markup, escape

WORD = re.compile(r"\w+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: A query: an optional minus, then a "quoted phrase" or a bare word.
QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
MAX_QUERY_TERMS = 12


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(language)
    stemmer.maxCacheSize = 20000
    return stemmer


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one word (folded first).

    Cached: snippets stem every word of the texts shown on a search page, and a
    language's running text reuses a few thousand word forms.
    """
    word = fold(word)
    return _stemmer("russian" if CYRILLIC.search(word) else "english").stemWord(word)


def stem_text(text: str) -> str:
    """The text as a space-separated run of stems (what the SQLite index holds)."""
    return " ".join(stem(w) for w in WORD.findall(text or ""))


@dataclass
class ParsedQuery:
    """A search box query: words and phrases to find, words to exclude."""

    raw: str
    include: list[list[str]] = field(default_factory=list)  # each item: a phrase of stems
    exclude: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.include

    @property
    def stems(self) -> set[str]:
        return {s for phrase in self.include for s in phrase}


def parse_query(raw: str) -> ParsedQuery:
    """Parse web-search syntax: ``word``, ``"a phrase"``, ``-word``, ``-"a phrase"``."""
    query = ParsedQuery(raw=raw)
    for m in QUERY_PART.finditer(raw or ""):
        negative = bool(m.group(1) or m.group(3))
        words = WORD.findall(m.group(2) if m.group(2) is not None else m.group(4) or "")
        stems = [stem(w) for w in words]
        if not stems:
            continue
        (query.exclude if negative else query.include).append(stems)
        if len(query.include) + len(query.exclude) >= MAX_QUERY_TERMS:
            break
    return query


def _fts_phrase(stems: list[str]) -> str:
    # Stems are \w+ runs, so quoting them is enough to keep FTS5 syntax out.
    return '"' + " ".join(stems) + '"'


def fts5_expression(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression of a parsed query (empty when nothing is to be found)."""
    if query.is_empty:
        return ""
    expr = " AND ".join(_fts_phrase(p) for p in query.include)
    for phrase in query.exclude:
        expr += " NOT " + _fts_phrase(phrase)
    return expr


def snippet(text: str, stems: set[str], *, words: int = 32) -> Markup | None:
    """A window of ``text`` around its first matching word, escaped, matches in <mark>.

    Returns ``None`` when no word of the text matches (the caller may try another text).
    """
    if not text or not stems:
        return None
    tokens = list(WORD.finditer(text))
    hits = [i for i, m in enumerate(tokens) if stem(m.group(0)) in stems]
    if not hits:
        return None
    first = hits[0]
    start_token = max(0, first - words // 3)
    end_token = min(len(tokens), start_token + words)
    start = tokens[start_token].start() if start_token else 0
    end = tokens[end_token - 1].end() if end_token < len(tokens) else len(text)
    hit_set = set(hits)
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for i in range(start_token, end_token):
        m = tokens[i]
        out.append(str(escape(_plain(text[cursor : m.start()]))))
        if i in hit_set:
            out.append("<mark>" + str(escape(m.group(0))) + "</mark>")
        else:
            out.append(str(escape(m.group(0))))
        cursor = m.end()
    out.append(str(escape(_plain(text[cursor:end]))))
    if end < len(text):
        out.append("…")
    # Every piece of user text above went through escape(); only <mark> is added here.
    return Markup("".join(out).strip())  # nosec B704


def _plain(separator: str) -> str:
    """Markdown punctuation between words reads as noise in a snippet: keep it simple."""
    cleaned = re.sub(r"[#*_`>|\[\]]+", " ", separator)
    return re.sub(r"\s+", " ", cleaned)
