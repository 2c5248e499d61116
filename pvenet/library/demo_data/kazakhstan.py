"""The demo practices of Kazakhstan."""

from __future__ import annotations

from typing import Any

from ._text import _body

# fmt: off
PRACTICES: list[dict[str, Any]] = [
    dict(
        state="KZ", type="programme", year=2023, topics=["youth", "online"],
        groups=["young_people", "civil_society"], orig="en",
        en=("Young voices against online recruitment",
            "Students trained as peer messengers answer extremist content in the social "
            "networks they use every day.",
            _body("The programme started with fifty volunteers in three universities and grew "
                  "far beyond plan, because students invited their own friends.",
                  ["two-day workshops on how recruiters build trust over weeks",
                   "a shared calendar of short videos made by the students themselves",
                   "a hotline to psychologists for messengers who receive threats"],
                  "Peers proved more credible than official channels; the hardest part was "
                  "keeping volunteers safe when they spoke out.")),
        ru=("Голоса молодёжи против вербовки в интернете",
            "Студенты, подготовленные как равные консультанты, отвечают на экстремистские "
            "материалы в социальных сетях, которыми пользуются каждый день.",
            _body("Программа началась с пятидесяти добровольцев в трёх университетах и быстро "
                  "превысила план: студенты приглашали своих друзей.",
                  ["двухдневные семинары о том, как вербовщики неделями завоёвывают доверие",
                   "общий график коротких видеороликов, снятых самими студентами",
                   "горячая линия психологов для тех, кто получает угрозы"],
                  "Сверстникам доверяют больше, чем официальным каналам; сложнее всего было "
                  "обеспечить безопасность добровольцев.")),
    ),
    dict(
        state="KZ", type="strategy", year=2022, topics=["national_strategies"],
        groups=["local_authorities", "civil_society"], orig="ru",
        ru=("Региональные планы профилактики на уровне областей",
            "Опыт перевода национальной программы в конкретные планы областных акиматов с "
            "участием общественных объединений.",
            _body("Каждая область составила план с распределением ответственности между "
                  "управлениями, полицией и некоммерческими организациями.",
                  ["ежеквартальные совещания рабочих групп",
                   "общие показатели для оценки результатов",
                   "публичные отчёты перед местными маслихатами"],
                  "Главный урок: стратегия работает, когда у каждого мероприятия есть "
                  "конкретный исполнитель и бюджет.")),
        en=None,
    ),
    dict(
        state="KZ", type="guidance", year=2021, topics=["online", "drivers_research"],
        groups=["law_enforcement"], orig="en", visibility="network",
        en=("Handling extremist content online within human rights standards",
            "A guide for officers and prosecutors on when to block, when to report and when "
            "to answer harmful content.",
            _body("Blocking thousands of addresses a year showed its limits: material comes "
                  "back under new names. The guide sets a proportionate sequence.",
                  ["assess the content against clear legal criteria",
                   "prefer removal requests and counter-messages to wide blocking",
                   "record every decision so that it can be reviewed"],
                  "Network members asked to keep this guide internal while the legal "
                  "references are updated.")),
        ru=None,
    ),
    dict(
        state="KZ", type="case_study", year=2020, topics=["returnees"],
        groups=["returnee_families", "local_authorities"], orig="ru",
        ru=("Возвращение женщин и детей из зон конфликта",
            "Как социальные службы, врачи и богословы сопровождали семьи в первые месяцы "
            "после возвращения.",
            _body("Семьи проходили медицинское обследование, получали документы и жильё; "
                  "с каждой работал закреплённый социальный работник.",
                  ["индивидуальный план реабилитации для каждого ребёнка",
                   "встречи с богословами по желанию женщин",
                   "помощь в трудоустройстве и обучении"],
                  "Успех зависел от доверия: там, где соседи были подготовлены заранее, "
                  "стигматизации было меньше.")),
        en=("Bringing women and children home from conflict zones",
            "How social services, doctors and theologians accompanied families during their "
            "first months back.",
            _body("Families received medical checks, documents and housing; each had a "
                  "social worker of its own.",
                  ["an individual rehabilitation plan for every child",
                   "meetings with theologians when the women asked for them",
                   "help with jobs and schooling"],
                  "Success depended on trust: where neighbours had been prepared in advance, "
                  "there was less stigma.")),
    ),
    dict(
        state="KZ", type="training_material", year=2024, topics=["education"],
        groups=["teachers"], orig="ru",
        ru=("Курс для учителей о критическом мышлении",
            "Шесть занятий о том, как обсуждать с учениками манипуляции и пропаганду.",
            _body("Курс разработан вместе с педагогическими вузами и опробован в сельских "
                  "школах.",
                  ["разбор реальных примеров манипулятивных сообщений",
                   "упражнения на проверку источников",
                   "рекомендации по разговору с родителями"],
                  "Учителя отметили, что им важнее всего готовые сценарии уроков.")),
        en=None,
    ),
    dict(
        state="KZ", type="research", year=2019, topics=["drivers_research", "youth"],
        groups=["young_people"], orig="en", status="submitted",
        en=("What draws young people to violent groups: a survey in four regions",
            "Interviews with 800 young people on grievances, identity and the appeal of "
            "adventure.",
            _body("The survey asked about trust in institutions, experience of corruption "
                  "and sources of information.",
                  ["personal experience of injustice mattered more than ideology",
                   "online contacts usually started with offers of help, not religion",
                   "sport and work programmes were the most requested alternatives"],
                  "The findings support prevention that offers young people a purpose.")),
        ru=None,
    ),
    dict(
        state="KZ", type="policy", year=2025, topics=["community"],
        groups=["civil_society", "local_authorities"], orig="ru", status="draft",
        ru=("Порядок взаимодействия с общественными объединениями",
            "Проект правил грантовой поддержки проектов по профилактике.",
            _body("Проект определяет прозрачные условия конкурса и отчётности.",
                  ["открытый конкурс два раза в год",
                   "независимая экспертная комиссия",
                   "публикация итогов и отчётов"],
                  "Документ обсуждается с партнёрами.")),
        en=None,
    ),
    dict(
        state="KZ", type="guidance", year=2023, topics=["prisons"],
        groups=["prison_staff"], orig="en", visibility="restricted",
        en=("Assessing risk among prisoners convicted of terrorist offences",
            "An internal protocol for prison staff on structured risk assessment and "
            "information sharing.",
            _body("The protocol combines interviews, behaviour records and contacts, and is "
                  "repeated every six months.",
                  ["trained assessors in every facility",
                   "strict rules on who may see the results",
                   "links to rehabilitation plans"],
                  "The document is restricted because it names facilities and procedures.")),
        ru=None,
    ),
]
# fmt: on
