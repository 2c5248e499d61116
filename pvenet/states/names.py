"""Member-state names in the reader's language, from Babel's CLDR data.

CLDR's Russian name for KG differs from the one the United Nations and the Kyrgyz
Republic itself use, so UN short names take precedence where they differ.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

#: UN official short names that differ from CLDR's, by locale and ISO code.
UN_SHORT_NAMES: dict[str, dict[str, str]] = {"ru": {"KG": "Кыргызстан"}}


def country_name(code: str, locale: str | Locale) -> str:
    """The UN short name of the territory ``code`` in ``locale``."""
    return _country_name(code.upper(), str(locale))


@lru_cache(maxsize=1024)
def _country_name(code: str, locale: str) -> str:
    # Cached: listings name a state on every row, and parsing a locale is not cheap.
    loc = Locale.parse(locale)
    override = UN_SHORT_NAMES.get(loc.language, {}).get(code)
    return override or loc.territories.get(code, code)
