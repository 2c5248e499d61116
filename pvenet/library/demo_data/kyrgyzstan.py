"""The demo practices of Kyrgyzstan."""

from __future__ import annotations

from typing import Any

from ._text import _body

# fmt: off
PRACTICES: list[dict[str, Any]] = [
    dict(
        state="KG", type="programme", year=2022, topics=["religious_leaders", "online"],
        groups=["religious_leaders", "young_people"], orig="ru",
        ru=("Молодые богословы в видеоблогах",
            "Выпускники духовных учебных заведений объясняют в коротких видео, как "
            "экстремисты искажают священные тексты.",
            _body("Партнёрство нескольких НКО и духовного управления помогло выпустить серию "
                  "роликов на кыргызском и русском языках.",
                  ["сценарии проверяются богословами",
                   "ролики обсуждаются в школах и мечетях",
                   "отдельный выпуск для родителей"],
                  "Первые ролики набирали мало просмотров; помогли короткий формат и участие "
                  "популярных блогеров.")),
        en=("Young theologians on video",
            "Graduates of religious schools explain in short videos how extremists twist "
            "sacred texts.",
            _body("A partnership of NGOs and the spiritual administration produced a series "
                  "in Kyrgyz and Russian.",
                  ["scripts reviewed by theologians",
                   "videos discussed in schools and mosques",
                   "a special episode for parents"],
                  "The first videos had few views; short formats and popular bloggers "
                  "helped.")),
    ),
    dict(
        state="KG", type="programme", year=2021, topics=["community", "youth"],
        groups=["law_enforcement", "young_people"], orig="ru",
        ru=("Профилактические инспекторы и молодёжь в Оше",
            "Участковые проводят с подростками спортивные и волонтёрские мероприятия.",
            _body("Инспекторы вместе с айыл окмоту и школами выбирают подростков, которым "
                  "нужна поддержка.",
                  ["футбольная лига районов",
                   "волонтёрские субботники",
                   "консультации для родителей"],
                  "Доверие к полиции выросло там, где инспектор работал на одном участке "
                  "несколько лет.")),
        en=None,
    ),
    dict(
        state="KG", type="research", year=2020, topics=["drivers_research", "women"],
        groups=["women", "civil_society"], orig="en",
        en=("Women and radicalisation in southern Kyrgyzstan",
            "A study of how women are recruited and how they resist recruitment in their "
            "families.",
            _body("Researchers held focus groups in villages and towns of three provinces.",
                  ["economic dependence raised vulnerability",
                   "mothers often noticed changes in their sons first",
                   "women wanted safe places to seek advice"],
                  "Women should be treated as agents of prevention, not only as victims.")),
        ru=("Женщины и радикализация на юге Кыргызстана",
            "Исследование того, как женщин вовлекают и как они противостоят вербовке в "
            "своих семьях.",
            _body("Исследователи провели фокус-группы в сёлах и городах трёх областей.",
                  ["экономическая зависимость повышает уязвимость",
                   "матери часто первыми замечают перемены в сыновьях",
                   "женщинам нужны безопасные места, где можно получить совет"],
                  "Женщин следует рассматривать как участниц профилактики, а не только как "
                  "пострадавших.")),
    ),
    dict(
        state="KG", type="strategy", year=2024, topics=["national_strategies"],
        groups=["local_authorities"], orig="ru",
        ru=("Программа противодействия экстремизму на 2024–2027 годы",
            "Основные направления государственной программы и механизм мониторинга.",
            _body("Программа опирается на оценку итогов предыдущего периода и консультации с "
                  "гражданским обществом.",
                  ["межведомственный координационный совет",
                   "ежегодный публичный доклад",
                   "отдельный раздел о правах человека"],
                  "Стратегия должна «слушать общество» и меняться вместе с обстановкой.")),
        en=None,
    ),
    dict(
        state="KG", type="training_material", year=2023, topics=["prisons", "religious_leaders"],
        groups=["prison_staff", "religious_leaders"], orig="ru",
        ru=("Работа имамов в пенитенциарных учреждениях",
            "Учебный модуль для имамов и сотрудников колоний.",
            _body("Модуль разработан вместе со службой исполнения наказаний.",
                  ["правила встреч с осуждёнными",
                   "как распознать давление со стороны лидеров групп",
                   "взаимодействие с психологами"],
                  "Модуль прошли имамы всех исправительных учреждений страны.")),
        en=("Imams in prisons",
            "A training module for imams and prison staff.",
            _body("The module was written together with the prison service.",
                  ["rules for meetings with prisoners",
                   "recognising pressure from group leaders",
                   "working with psychologists"],
                  "Imams of every correctional facility have taken the module.")),
    ),
    dict(
        state="KG", type="case_study", year=2022, topics=["returnees", "community"],
        groups=["returnee_families", "civil_society"], orig="en", status="submitted",
        en=("Community mediators for returning families",
            "Village mediators prepared neighbours and schools before families came back.",
            _body("Mediators were respected elders and teachers trained by an NGO.",
                  ["meetings with neighbours before the return",
                   "a school place for every child",
                   "follow-up visits for a year"],
                  "No family had to move away because of hostility.")),
        ru=None,
    ),
    dict(
        state="KG", type="guidance", year=2025, topics=["online"],
        groups=["media"], orig="ru", status="submitted",
        ru=("Рекомендации для журналистов по освещению терактов",
            "Как сообщать о насилии, не усиливая пропаганду.",
            _body("Рекомендации подготовлены вместе с редакторами ведущих СМИ.",
                  ["не публиковать материалы террористов",
                   "проверять сведения у официальных источников",
                   "давать слово пострадавшим с их согласия"],
                  "Документ предлагается для обсуждения в сети.")),
        en=None,
    ),
]
# fmt: on
