"""Demo programmes of the chair, drawn from what the network and the region worked on
(community partnerships, youth, women, religious leaders, online counter-narratives,
national strategies). Written for the demo; no sentence is copied from the sources.

``PROGRAMMES`` holds the themes of the most recent terms, oldest first: the last entry
goes to the current term, the one before to the previous term, and so on. Each theme:
``scope`` ("regional" or "national": then it concerns the term's holder), ``topic`` (the
library topic whose practices the demo links to it) and its texts by language; a theme
written in one language only shows the other language's readers a badge.
"""

from __future__ import annotations

from typing import Any

PROGRAMMES: list[list[dict[str, Any]]] = [
    [
        {
            "scope": "regional",
            "topic": "national_strategies",
            "en": (
                "National PVE strategies that work together",
                "Compare the five national strategies and action plans on preventing violent "
                "extremism, and agree on indicators each state reports on every year.",
            ),
            "ru": (
                "Согласованные национальные стратегии ПНЭ",
                "Сравнить пять национальных стратегий и планов действий по предупреждению "
                "насильственного экстремизма и согласовать показатели, по которым каждое "
                "государство ежегодно отчитывается.",
            ),
        },
        {
            "scope": "regional",
            "topic": "drivers_research",
            "en": (
                "What drives radicalisation in Central Asia",
                "Share research on the local drivers of violent extremism, so that programmes "
                "rest on evidence rather than assumptions.",
            ),
            "ru": None,
        },
    ],
    [
        {
            "scope": "regional",
            "topic": "youth",
            "en": (
                "Young people as partners in prevention",
                "Programmes designed with young people, not only for them: student clubs, "
                "youth councils and mentoring in schools and universities.",
            ),
            "ru": (
                "Молодёжь как партнёр в профилактике",
                "Программы, которые создаются вместе с молодёжью, а не только для неё: "
                "студенческие клубы, молодёжные советы и наставничество в школах и вузах.",
            ),
        },
        {
            "scope": "national",
            "topic": "education",
            "en": None,
            "ru": (
                "Критическое мышление в школьной программе",
                "Уроки медиаграмотности и критического мышления для старших классов и "
                "подготовка учителей к разговору о радикальных идеях.",
            ),
        },
    ],
    [
        {
            "scope": "regional",
            "topic": "women",
            "en": (
                "Women as agents of change",
                "Support women in families, communities and public institutions who lead "
                "prevention work, instead of treating them only as victims or perpetrators.",
            ),
            "ru": (
                "Женщины как движущая сила перемен",
                "Поддержать женщин, которые ведут профилактическую работу в семьях, "
                "общинах и государственных учреждениях, и не рассматривать их лишь как "
                "жертв или участниц экстремизма.",
            ),
        },
        {
            "scope": "regional",
            "topic": "returnees",
            "en": (
                "Returnees and their families",
                "Rehabilitation and reintegration of women and children returned from "
                "conflict zones, with health, schooling and psychosocial support.",
            ),
            "ru": (
                "Вернувшиеся граждане и их семьи",
                "Реабилитация и реинтеграция женщин и детей, вернувшихся из зон "
                "конфликтов: медицинская помощь, учёба и психосоциальная поддержка.",
            ),
        },
    ],
    [
        {
            "scope": "regional",
            "topic": "religious_leaders",
            "en": (
                "Religious leaders and dialogue",
                "Work with imams and religious scholars on answers to extremist "
                "interpretations, and on dialogue between believers and state bodies.",
            ),
            "ru": (
                "Религиозные лидеры и диалог",
                "Работа с имамами и богословами над ответами на экстремистские толкования "
                "и над диалогом между верующими и государственными органами.",
            ),
        },
        {
            "scope": "national",
            "topic": "prisons",
            "en": (
                "Preventing radicalisation in prisons",
                "Assessment tools, staff training and disengagement programmes for "
                "prisoners convicted of terrorist offences.",
            ),
            "ru": None,
        },
    ],
    [
        {
            "scope": "regional",
            "topic": "online",
            "en": (
                "Online counter-narratives",
                "Credible messages against extremist propaganda on social networks and "
                "messengers, made with bloggers, journalists and young people.",
            ),
            "ru": (
                "Контрнарративы в интернете",
                "Убедительные ответы на экстремистскую пропаганду в социальных сетях и "
                "мессенджерах, подготовленные вместе с блогерами, журналистами и молодёжью.",
            ),
        },
        {
            "scope": "regional",
            "topic": "community",
            "en": (
                "Community partnerships",
                "Local councils, police, schools and civil society organisations working "
                "together to notice early signs of radicalisation and respond to them.",
            ),
            "ru": (
                "Партнёрство с местными сообществами",
                "Совместная работа местных советов, полиции, школ и организаций "
                "гражданского общества, чтобы замечать ранние признаки радикализации и "
                "реагировать на них.",
            ),
        },
        {
            "scope": "national",
            "topic": "youth",
            "en": None,
            "ru": (
                "Молодёжные центры в регионах",
                "Сеть молодёжных центров в областях страны с программами по "
                "трудоустройству, спорту и волонтёрству.",
            ),
        },
    ],
]

#: Network meetings of the current term: (days from today, length in days, city or None
#: for online, language, title, agenda).
MEETINGS: list[tuple[int, int, str | None, str, str, str]] = [
    (
        -40,
        1,
        None,
        "en",
        "Online exchange on counter-narratives",
        "1. Results of the regional survey of extremist content online\n"
        "2. Campaigns that worked: short presentations by each state",
    ),
    (
        12,
        2,
        "Tashkent",
        "ru",
        "Ежегодная встреча сети ПНЭ",
        "1. Итоги работы по темам председательства\n"
        "2. Обмен практиками в области партнёрства с местными сообществами\n"
        "3. Подготовка передачи председательства",
    ),
]
