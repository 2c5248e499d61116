"""The library's controlled vocabularies: practice types, topics, target groups, languages.

The vocabularies are fixed lists with labels in both languages (through gettext), so a
filter or an API client can rely on the codes. Topics and target groups are stored on a
practice as bit masks (``Practice.topics_mask``); each code's bit is its position in the
list below, so **new codes are appended, never inserted or reordered**, and a retired
code keeps its place (see ``RETIRED``).
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class PracticeType(enum.StrEnum):
    research = "research"
    policy = "policy"
    strategy = "strategy"
    guidance = "guidance"
    programme = "programme"
    training_material = "training_material"
    case_study = "case_study"


TYPE_LABELS = {
    PracticeType.research: _l("Research"),
    PracticeType.policy: _l("Policy"),
    PracticeType.strategy: _l("Strategy"),
    PracticeType.guidance: _l("Guidance"),
    PracticeType.programme: _l("Programme"),
    PracticeType.training_material: _l("Training material"),
    PracticeType.case_study: _l("Case study"),
}

#: Topics in bit order (append only).
TOPICS: list[tuple[str, object]] = [
    ("youth", _l("Youth")),
    ("women", _l("Women")),
    ("religious_leaders", _l("Religious leaders")),
    ("online", _l("Online and counter-narratives")),
    ("education", _l("Education")),
    ("prisons", _l("Prisons")),
    ("returnees", _l("Returnees and their families")),
    ("community", _l("Community partnerships")),
    ("national_strategies", _l("National strategies")),
    ("drivers_research", _l("Research on drivers")),
]

#: Target groups in bit order (append only).
TARGET_GROUPS: list[tuple[str, object]] = [
    ("young_people", _l("Young people")),
    ("women", _l("Women")),
    ("religious_leaders", _l("Religious leaders")),
    ("teachers", _l("Teachers")),
    ("prison_staff", _l("Prison staff")),
    ("law_enforcement", _l("Law enforcement")),
    ("civil_society", _l("Civil society")),
    ("local_authorities", _l("Local authorities")),
    ("returnee_families", _l("Families of returnees")),
    ("media", _l("Journalists and media")),
    ("parents", _l("Parents")),
]

#: Codes no longer offered but whose bit stays reserved.
RETIRED: set[str] = set()

TOPIC_CODES = [code for code, _label in TOPICS]
TARGET_GROUP_CODES = [code for code, _label in TARGET_GROUPS]
TOPIC_LABELS = dict(TOPICS)
TARGET_GROUP_LABELS = dict(TARGET_GROUPS)

LANGUAGES = ("en", "ru")
LANGUAGE_LABELS = {"en": _l("English"), "ru": _l("Russian")}
#: "In English" / "In Russian": the badge on content shown in another language.
IN_LANGUAGE = {"en": _l("In English"), "ru": _l("In Russian")}


def other_language(language: str) -> str:
    return "ru" if language == "en" else "en"


def topic_bit(code: str) -> int:
    return 1 << TOPIC_CODES.index(code)


def target_group_bit(code: str) -> int:
    return 1 << TARGET_GROUP_CODES.index(code)


def to_mask(codes: list[str] | set[str] | tuple[str, ...], vocabulary: list[str]) -> int:
    """The bit mask of ``codes``; unknown codes raise ``ValueError``."""
    mask = 0
    for code in codes:
        mask |= 1 << vocabulary.index(code)
    return mask


def from_mask(mask: int, vocabulary: list[str]) -> list[str]:
    return [code for i, code in enumerate(vocabulary) if mask & (1 << i)]
