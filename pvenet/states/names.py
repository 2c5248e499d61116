"""Member-state names in the reader's language, from Babel's CLDR data.

CLDR's Russian name for KG differs from the one the United Nations and the Kyrgyz
Republic itself use, so UN short names take precedence where they differ.
"""

from __future__ import annotations

from babel import Locale

#: UN official short names that differ from CLDR's, by locale and ISO code.
UN_SHORT_NAMES: dict[str, dict[str, str]] = {"ru": {"KG": "Кыргызстан"}}


def country_name(code: str, locale: str | Locale) -> str:
    """The UN short name of the territory ``code`` in ``locale``."""
    loc = locale if isinstance(locale, Locale) else Locale.parse(str(locale))
    override = UN_SHORT_NAMES.get(loc.language, {}).get(code.upper())
    return override or loc.territories.get(code.upper(), code.upper())
