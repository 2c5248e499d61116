"""The demo practices of Turkmenistan."""

from __future__ import annotations

from typing import Any

from ._text import _body

# fmt: off
PRACTICES: list[dict[str, Any]] = [
    dict(
        state="TM", type="policy", year=2020, topics=["youth"],
        groups=["young_people"], orig="ru",
        ru=("Государственная молодёжная политика как инструмент профилактики",
            "Как молодёжная политика включает занятость, образование и досуг.",
            _body("Политика предусматривает программы для молодёжи в каждом велаяте.",
                  ["центры творчества и спорта",
                   "профессиональное обучение",
                   "поддержка молодых семей"],
                  "Профилактика начинается с возможностей для молодых людей.")),
        en=("Youth policy as a tool of prevention",
            "How youth policy combines jobs, education and leisure.",
            _body("The policy foresees programmes for young people in every province.",
                  ["creative and sports centres",
                   "vocational training",
                   "support for young families"],
                  "Prevention starts with opportunities for young people.")),
    ),
    dict(
        state="TM", type="guidance", year=2022, topics=["online"],
        groups=["law_enforcement", "media"], orig="ru",
        ru=("Применение законодательства об интернете",
            "Разъяснения о мерах против использования сети в террористических целях.",
            _body("Документ описывает порядок действий уполномоченных органов.",
                  ["основания для ограничения доступа",
                   "порядок обжалования",
                   "информирование населения"],
                  "Меры должны быть соразмерными и законными.")),
        en=None,
    ),
    dict(
        state="TM", type="training_material", year=2023, topics=["education", "youth"],
        groups=["teachers", "young_people"], orig="en",
        en=("Media literacy lessons for secondary schools",
            "Eight lessons on checking sources, spotting manipulation and using the "
            "internet safely.",
            _body("The lessons were piloted in schools of Ashgabat and two provinces.",
                  ["worksheets in Turkmen and Russian",
                   "a lesson on recognising recruitment",
                   "a family homework task"],
                  "Teachers asked for more examples from local life.")),
        ru=None,
    ),
    dict(
        state="TM", type="case_study", year=2021, topics=["community"],
        groups=["local_authorities", "civil_society"], orig="ru",
        ru=("Советы старейшин в профилактике конфликтов",
            "Опыт привлечения старейшин к разрешению споров на местах.",
            _body("Старейшины участвуют в работе с семьями и молодёжью.",
                  ["посредничество в семейных спорах",
                   "встречи с молодёжью",
                   "связь с местными органами"],
                  "Авторитет старейшин помогает предотвращать конфликты.")),
        en=None,
    ),
    dict(
        state="TM", type="programme", year=2024, topics=["women", "education"],
        groups=["women", "parents"], orig="en",
        en=("Parents' school for mothers",
            "Evening courses help mothers talk with teenagers about risks online and "
            "offline.",
            _body("Courses run in community centres with psychologists and teachers.",
                  ["signs that a teenager is under pressure",
                   "how to keep a conversation open",
                   "where to ask for help"],
                  "Mothers asked for a follow-up course for fathers.")),
        ru=("Школа родителей для матерей",
            "Вечерние курсы помогают матерям говорить с подростками о рисках в сети и в "
            "жизни.",
            _body("Курсы проводятся в общественных центрах при участии психологов и "
                  "учителей.",
                  ["признаки того, что на подростка оказывается давление",
                   "как сохранить открытый разговор",
                   "куда обратиться за помощью"],
                  "Матери попросили провести такой же курс для отцов.")),
    ),
    dict(
        state="TM", type="research", year=2025, topics=["drivers_research"],
        groups=["civil_society"], orig="en", status="returned",
        en=("Attitudes of young people towards violence: a pilot survey",
            "First results of a survey among students in two cities.",
            _body("The survey tested a questionnaire for a national study.",
                  ["most respondents reject violence",
                   "trust in teachers is high",
                   "few know where to report threats"],
                  "The method will be refined before a national survey.")),
        ru=None,
    ),
]
# fmt: on
