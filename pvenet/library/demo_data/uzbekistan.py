"""The demo practices of Uzbekistan."""

from __future__ import annotations

from typing import Any

from ._text import _body

# fmt: off
PRACTICES: list[dict[str, Any]] = [
    dict(
        state="UZ", type="programme", year=2022, topics=["returnees"],
        groups=["returnee_families", "local_authorities"], orig="ru",
        ru=("Реинтеграция граждан, возвращённых в ходе гуманитарных операций",
            "Комплексная помощь женщинам и детям: документы, здоровье, учёба, работа.",
            _body("Межведомственная группа и махаллинские комитеты сопровождают каждую "
                  "семью.",
                  ["медицинская и психологическая помощь",
                   "восстановление документов и жилья",
                   "обучение профессиям"],
                  "Опыт показал важность участия махалли и родственников.")),
        en=("Reintegrating citizens brought home in humanitarian operations",
            "Comprehensive help for women and children: documents, health, school, work.",
            _body("An inter-agency team and mahalla committees accompany each family.",
                  ["medical and psychological care",
                   "documents and housing",
                   "vocational training"],
                  "Experience showed how much the mahalla and relatives matter.")),
    ),
    dict(
        state="UZ", type="programme", year=2023, topics=["community", "youth"],
        groups=["local_authorities", "young_people"], orig="ru",
        ru=("Махалля и молодёжь: ранняя поддержка",
            "Помощники хокимов и махаллинские активисты работают с подростками группы "
            "риска.",
            _body("Каждый подросток получает наставника и план занятости.",
                  ["спортивные секции и кружки",
                   "помощь в поиске работы",
                   "встречи с родителями"],
                  "Ранняя поддержка снижает вероятность вовлечения в преступные группы.")),
        en=None,
    ),
    dict(
        state="UZ", type="research", year=2021, topics=["drivers_research", "online"],
        groups=["young_people"], orig="en",
        en=("Recruitment messaging in Uzbek-language channels",
            "An analysis of the themes and techniques used by recruiters in messaging "
            "channels.",
            _body("Researchers coded a year of posts in open channels.",
                  ["grievance and injustice were the main themes",
                   "religious content was often superficial",
                   "posts used migrants' everyday problems"],
                  "Counter-messages should answer the grievances, not only the theology.")),
        ru=None,
    ),
    dict(
        state="UZ", type="strategy", year=2021, topics=["national_strategies"],
        groups=["local_authorities", "civil_society"], orig="ru",
        ru=("Национальная стратегия противодействия экстремизму и терроризму на 2021–2026 годы",
            "Цели, задачи и механизмы реализации стратегии.",
            _body("Стратегия принята после общественного обсуждения.",
                  ["профилактика среди молодёжи",
                   "противодействие пропаганде в интернете",
                   "реабилитация и реинтеграция"],
                  "Реализация оценивается ежегодно.")),
        en=("National strategy on countering extremism and terrorism 2021–2026",
            "Goals, tasks and implementation of the strategy.",
            _body("The strategy was adopted after a public consultation.",
                  ["prevention among young people",
                   "countering propaganda online",
                   "rehabilitation and reintegration"],
                  "Implementation is assessed every year.")),
    ),
    dict(
        state="UZ", type="training_material", year=2024, topics=["religious_leaders", "education"],
        groups=["religious_leaders", "teachers"], orig="ru",
        ru=("Курс для имам-хатибов по работе с молодёжью",
            "Учебная программа по общению с молодыми людьми и их семьями.",
            _body("Курс подготовлен вместе с исламской академией.",
                  ["психология подросткового возраста",
                   "ответы на вопросы, которые задают в сети",
                   "взаимодействие со школами"],
                  "Курс прошли имам-хатибы всех областей.")),
        en=None,
    ),
    dict(
        state="UZ", type="guidance", year=2023, topics=["prisons", "returnees"],
        groups=["prison_staff"], orig="en", status="submitted",
        en=("Release planning for prisoners convicted of extremist offences",
            "Steps from six months before release to a year after it.",
            _body("The guidance links prisons, probation and local authorities.",
                  ["a release plan agreed with the family",
                   "a contact person in the mahalla",
                   "regular check-ins after release"],
                  "The guidance is submitted for the network's review.")),
        ru=None,
    ),
    dict(
        state="UZ", type="case_study", year=2020, topics=["women"],
        groups=["women", "civil_society"], orig="ru",
        ru=("Женские советы махалли",
            "Как женские советы выявляют семьи, которым нужна помощь.",
            _body("Члены советов посещают семьи и направляют их в нужные службы.",
                  ["обучение членов советов",
                   "связь с социальными службами",
                   "конфиденциальность обращений"],
                  "Женщины охотнее обращаются к женщинам своей махалли.")),
        en=None,
    ),
]
# fmt: on
