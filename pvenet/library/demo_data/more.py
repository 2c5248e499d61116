"""More demo practices from each state, after the first round of every state."""

from __future__ import annotations

from typing import Any

from ._text import _body

# fmt: off
PRACTICES: list[dict[str, Any]] = [
    dict(
        state="KZ", type="case_study", year=2024, topics=["community", "online"],
        groups=["civil_society"], orig="en",
        en=("A civil society hotline for worried families",
            "Relatives call for advice when a family member is drawn to extremist ideas.",
            _body("The hotline is run by an NGO with trained counsellors and theologians.",
                  ["anonymous calls",
                   "referral to psychologists and theologians",
                   "follow-up calls with consent"],
                  "Most callers were mothers and sisters.")),
        ru=("Горячая линия общественной организации для обеспокоенных семей",
            "Родственники звонят за советом, когда близкий увлекается экстремистскими "
            "идеями.",
            _body("Линию ведёт НКО с подготовленными консультантами и богословами.",
                  ["анонимные звонки",
                   "направление к психологам и богословам",
                   "повторные звонки с согласия"],
                  "Чаще всего звонили матери и сёстры.")),
    ),
    dict(
        state="KG", type="programme", year=2024, topics=["education", "youth"],
        groups=["teachers", "young_people"], orig="ru",
        ru=("Школьные медиаторы",
            "Ученики старших классов помогают разрешать конфликты между сверстниками.",
            _body("Медиаторы проходят обучение и работают под руководством психолога.",
                  ["дежурства медиаторов",
                   "разбор конфликтов без наказания",
                   "обмен опытом между школами"],
                  "Число драк в школах-участницах заметно снизилось.")),
        en=None,
    ),
    dict(
        state="TJ", type="training_material", year=2025, topics=["online", "youth"],
        groups=["young_people"], orig="en",
        en=("Spotting a recruiter: a workshop kit",
            "Exercises for youth workers on how online grooming proceeds.",
            _body("The kit follows a fictional chat over several weeks.",
                  ["role plays for groups of ten",
                   "discussion cards",
                   "a guide for facilitators"],
                  "Youth workers in five districts have used the kit.")),
        ru=None,
    ),
    dict(
        state="TM", type="guidance", year=2024, topics=["community", "national_strategies"],
        groups=["local_authorities"], orig="ru",
        ru=("Межведомственное взаимодействие на местном уровне",
            "Методические рекомендации для этрапов по координации профилактики.",
            _body("Рекомендации описывают состав рабочих групп и обмен информацией.",
                  ["единый план мероприятий",
                   "ответственные лица в каждом ведомстве",
                   "отчёт раз в полгода"],
                  "Координация исключает дублирование мероприятий.")),
        en=None,
    ),
    dict(
        state="UZ", type="programme", year=2025, topics=["youth", "online"],
        groups=["young_people", "media"], orig="en",
        en=("Youth media labs",
            "Young people produce podcasts and short films on tolerance and belonging.",
            _body("Labs in regional youth centres provide equipment and mentors.",
                  ["a twelve-week production course",
                   "mentoring by journalists",
                   "a festival of the best works"],
                  "Some films reached hundreds of thousands of viewers.")),
        ru=("Молодёжные медиалаборатории",
            "Молодые люди создают подкасты и короткие фильмы о толерантности и "
            "сопричастности.",
            _body("Лаборатории в областных молодёжных центрах дают оборудование и "
                  "наставников.",
                  ["двенадцатинедельный курс производства",
                   "наставничество журналистов",
                   "фестиваль лучших работ"],
                  "Некоторые фильмы посмотрели сотни тысяч зрителей.")),
    ),
]
# fmt: on
