"""The demo practices of Tajikistan."""

from __future__ import annotations

from typing import Any

from ._text import _body

# fmt: off
PRACTICES: list[dict[str, Any]] = [
    dict(
        state="TJ", type="programme", year=2021, topics=["women", "community"],
        groups=["women", "local_authorities"], orig="ru",
        ru=("Ресурсные центры для женщин",
            "Сеть центров, где женщины получают консультации, обучение и поддержку.",
            _body("Центры открыты в каждом районе при хукуматах и работают с местными "
                  "НКО.",
                  ["курсы профессий и грамотности",
                   "юридические консультации",
                   "группы поддержки для матерей"],
                  "Центры стали местом, где можно обсудить тревоги за детей.")),
        en=("Resource centres for women",
            "A network of centres where women get advice, training and support.",
            _body("Centres were opened in every district with local authorities and NGOs.",
                  ["vocational and literacy courses",
                   "legal advice",
                   "support groups for mothers"],
                  "The centres became a place to talk about worries over children.")),
    ),
    dict(
        state="TJ", type="strategy", year=2021, topics=["national_strategies"],
        groups=["local_authorities", "civil_society"], orig="ru",
        ru=("Национальная стратегия противодействия экстремизму и терроризму",
            "Как стратегия готовилась вместе с международными партнёрами и гражданским "
            "обществом.",
            _body("Над проектом работала рабочая группа с участием ведомств, учёных и "
                  "общественных организаций.",
                  ["оценка причин радикализации",
                   "распределение ролей между министерствами",
                   "план действий с индикаторами"],
                  "Опыт подготовки стратегии может быть полезен другим государствам "
                  "региона.")),
        en=None,
    ),
    dict(
        state="TJ", type="programme", year=2023, topics=["youth", "education"],
        groups=["young_people", "teachers"], orig="en",
        en=("Youth debate clubs",
            "Secondary school students learn to argue, listen and question slogans.",
            _body("Teachers moderate weekly debates on topics chosen by the students.",
                  ["regional tournaments every spring",
                   "topics on identity, migration and faith",
                   "guest speakers from universities"],
                  "Participants said they feel more confident to disagree openly.")),
        ru=None,
    ),
    dict(
        state="TJ", type="research", year=2022, topics=["drivers_research", "returnees"],
        groups=["returnee_families"], orig="ru",
        ru=("Трудовые мигранты и риск вербовки",
            "Исследование условий, в которых мигранты становятся мишенью вербовщиков.",
            _body("Опрошены мигранты и их семьи до отъезда и после возвращения.",
                  ["одиночество и долги повышают уязвимость",
                   "вербовщики предлагают работу и жильё",
                   "связь с семьёй защищает"],
                  "Профилактика должна начинаться до отъезда на заработки.")),
        en=("Labour migrants and the risk of recruitment",
            "A study of the conditions in which migrants become targets of recruiters.",
            _body("Migrants and their families were interviewed before departure and after "
                  "return.",
                  ["loneliness and debt raise vulnerability",
                   "recruiters offer work and housing",
                   "contact with the family protects"],
                  "Prevention should start before people leave to work abroad.")),
    ),
    dict(
        state="TJ", type="guidance", year=2024, topics=["religious_leaders", "community"],
        groups=["religious_leaders", "local_authorities"], orig="ru",
        ru=("Диалог власти и религиозных лидеров на местах",
            "Методическое пособие по организации регулярных встреч.",
            _body("Пособие описывает формат встреч, роли участников и способы решения "
                  "разногласий.",
                  ["встречи раз в квартал",
                   "общая повестка, согласованная заранее",
                   "защита тех, кто открыто выступает против экстремизма"],
                  "Регулярный диалог помогает снимать напряжённость до её обострения.")),
        en=None,
    ),
    dict(
        state="TJ", type="case_study", year=2020, topics=["prisons"],
        groups=["prison_staff"], orig="en",
        en=("Vocational workshops in a correctional colony",
            "Training in trades gave prisoners a way out of group hierarchies.",
            _body("Workshops in carpentry and sewing ran alongside psychological support.",
                  ["certificates recognised by employers",
                   "mentors from among former prisoners",
                   "contact with families before release"],
                  "Fewer participants returned to prison within two years.")),
        ru=None,
    ),
    dict(
        state="TJ", type="policy", year=2025, topics=["education"],
        groups=["teachers", "parents"], orig="ru", status="draft",
        ru=("Положение о школьных советах по профилактике",
            "Проект положения о советах с участием учителей, родителей и учеников.",
            _body("Проект определяет состав и задачи школьных советов.",
                  ["ежемесячные заседания",
                   "участие школьного психолога",
                   "связь с участковым инспектором"],
                  "Проект готовится к представлению.")),
        en=None,
    ),
]
# fmt: on
