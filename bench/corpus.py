"""Realistic bilingual practice texts for the benchmark, with their search stems.

Sentences are built from templates whose slots are filled with phrases of the domain
(youth, women, religious leaders, prisons, online counter-narratives, returnees,
community policing…), in English and in Russian. Every phrase is stemmed once with the
library's own :func:`pvenet.library.search.text.stem_text`, so the stemmed copy of a text
(what the SQLite index holds) is the concatenation of its pieces' stems: exactly what
``stem_text`` of the whole text gives, at a fraction of the cost.

Common words ("youth", «молодёжь») occur in a large share of the texts; place names are
drawn with a Zipf-like law; a few place names are rare (a few dozen texts at any size).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from pvenet.library.search.text import stem_text

EN = {
    "actor": [
        "The ministry of education",
        "Local youth workers",
        "Women's councils",
        "Religious leaders",
        "Prison chaplains",
        "Community police officers",
        "School psychologists",
        "Civil society organisations",
        "District administrations",
        "Probation services",
        "Volunteer mentors",
        "Imams trained by the spiritual administration",
        "Youth centres",
        "Journalists and bloggers",
        "Parents' committees",
        "The national counter-terrorism centre",
        "Rehabilitation specialists",
        "Social workers",
        "University lecturers",
        "Local self-government bodies",
    ],
    "action": [
        "trained",
        "supported",
        "engaged",
        "worked with",
        "mentored",
        "reached",
        "consulted",
        "accompanied",
        "brought together",
        "organised dialogue sessions for",
        "developed counter-narratives with",
        "ran workshops for",
        "visited",
        "interviewed",
        "offered vocational training to",
    ],
    "object": [
        "young people at risk of radicalisation",
        "youth in remote villages",
        "women returning from conflict zones",
        "the families of returnees",
        "children repatriated from Syria and Iraq",
        "prisoners convicted of extremist offences",
        "unemployed youth",
        "labour migrants and their families",
        "students of religious schools",
        "teachers of secondary schools",
        "young women",
        "online audiences",
        "former members of violent groups",
        "religious communities",
        "local residents",
        "youth leaders",
    ],
    "purpose": [
        "to prevent violent extremism",
        "to build resilience against recruitment",
        "to support rehabilitation and reintegration",
        "to counter extremist propaganda online",
        "to strengthen trust between the police and the community",
        "to improve media literacy",
        "to promote tolerance and interfaith dialogue",
        "to reduce the stigma faced by returnees",
        "to identify early signs of radicalisation",
        "to give young people a voice in local decisions",
        "to disengage prisoners from violent ideologies",
        "to support psychosocial recovery",
    ],
    "place": [
        "in the capital",
        "in rural districts",
        "in border areas",
        "in the Fergana valley",
        "in pilot schools",
        "in three regions",
        "in penitentiary institutions",
        "on social networks",
        "in mahalla committees",
        "in youth centres",
    ],
    "result": [
        "Participants reported greater confidence.",
        "An evaluation found lasting changes in attitudes.",
        "The approach was later adopted nationally.",
        "Lessons learnt were shared with the network.",
        "Follow-up surveys showed fewer reported incidents.",
        "The programme was extended for two more years.",
        "Partners noted the value of youth participation.",
        "Monitoring data were collected every quarter.",
        "Community feedback shaped the second phase.",
        "The guidance was translated and distributed widely.",
    ],
    "title_head": [
        "Preventing youth radicalisation",
        "Rehabilitation and reintegration of returnees",
        "Community policing",
        "Online counter-narratives",
        "Engaging religious leaders",
        "Women as agents of prevention",
        "Disengagement in prisons",
        "Media literacy for youth",
        "Resilience of local communities",
        "Psychosocial support for children",
        "Interfaith dialogue",
        "Early warning and referral",
    ],
    "title_tail": [
        "a practical guide",
        "lessons from a pilot",
        "a national strategy",
        "a research report",
        "a training manual",
        "a case study",
        "policy recommendations",
        "results of a survey",
    ],
}

RU = {
    "actor": [
        "Министерство образования",
        "Местные работники по делам молодёжи",
        "Советы женщин",
        "Религиозные лидеры",
        "Тюремные капелланы",
        "Участковые инспекторы полиции",
        "Школьные психологи",
        "Организации гражданского общества",
        "Районные администрации",
        "Службы пробации",
        "Наставники-волонтёры",
        "Имамы, обученные духовным управлением",
        "Молодёжные центры",
        "Журналисты и блогеры",
        "Родительские комитеты",
        "Национальный антитеррористический центр",
        "Специалисты по реабилитации",
        "Социальные работники",
        "Преподаватели университетов",
        "Органы местного самоуправления",
    ],
    "action": [
        "обучили",
        "поддержали",
        "вовлекли",
        "работали с участием, охватив",
        "сопровождали",
        "консультировали",
        "собрали вместе",
        "провели диалоговые встречи, пригласив",
        "разработали контрнарративы, опросив",
        "провели семинары, охватившие",
        "посетили",
        "опросили",
        "предложили профессиональное обучение, охватив",
    ],
    "object": [
        "молодёжь, подверженную риску радикализации",
        "молодёжь отдалённых сёл",
        "женщин, вернувшихся из зон конфликтов",
        "семьи возвращенцев",
        "детей, репатриированных из Сирии и Ирака",
        "заключённых, осуждённых за экстремистские преступления",
        "безработную молодёжь",
        "трудовых мигрантов и их семьи",
        "учащихся религиозных учебных заведений",
        "учителей средних школ",
        "молодых женщин",
        "интернет-аудиторию",
        "бывших членов насильственных групп",
        "религиозные общины",
        "местных жителей",
        "молодёжных лидеров",
    ],
    "purpose": [
        "для предупреждения насильственного экстремизма",
        "для повышения устойчивости к вербовке",
        "для поддержки реабилитации и реинтеграции",
        "для противодействия экстремистской пропаганде в интернете",
        "для укрепления доверия между полицией и населением",
        "для повышения медиаграмотности",
        "для развития толерантности и межконфессионального диалога",
        "для снижения стигматизации возвращенцев",
        "для выявления ранних признаков радикализации",
        "чтобы молодёжь участвовала в местных решениях",
        "для отхода заключённых от идеологий насилия",
        "для психосоциального восстановления",
    ],
    "place": [
        "в столице",
        "в сельских районах",
        "в приграничных районах",
        "в Ферганской долине",
        "в пилотных школах",
        "в трёх областях",
        "в пенитенциарных учреждениях",
        "в социальных сетях",
        "в махаллинских комитетах",
        "в молодёжных центрах",
    ],
    "result": [
        "Участники отметили рост уверенности в себе.",
        "Оценка выявила устойчивые изменения во взглядах.",
        "Позднее подход был принят на национальном уровне.",
        "Извлечённые уроки были представлены сети.",
        "Повторные опросы показали снижение числа инцидентов.",
        "Программа была продлена ещё на два года.",
        "Партнёры отметили ценность участия молодёжи.",
        "Данные мониторинга собирались ежеквартально.",
        "Отзывы населения определили второй этап.",
        "Руководство было переведено и широко распространено.",
    ],
    "title_head": [
        "Предупреждение радикализации молодёжи",
        "Реабилитация и реинтеграция возвращенцев",
        "Общественная полиция",
        "Контрнарративы в интернете",
        "Вовлечение религиозных лидеров",
        "Женщины как участницы профилактики",
        "Отказ от насилия в местах лишения свободы",
        "Медиаграмотность для молодёжи",
        "Устойчивость местных сообществ",
        "Психосоциальная поддержка детей",
        "Межконфессиональный диалог",
        "Раннее предупреждение и перенаправление",
    ],
    "title_tail": [
        "практическое руководство",
        "уроки пилотного проекта",
        "национальная стратегия",
        "исследовательский доклад",
        "учебное пособие",
        "тематическое исследование",
        "рекомендации по политике",
        "итоги опроса",
    ],
}

#: Place names (English, Russian as it appears in a text). Drawn with a Zipf-like law:
#: the first are common, the last rare.
PLACES = [
    ("Bishkek", "Бишкеке"),
    ("Almaty", "Алматы"),
    ("Dushanbe", "Душанбе"),
    ("Tashkent", "Ташкенте"),
    ("Ashgabat", "Ашхабаде"),
    ("Osh", "Оше"),
    ("Shymkent", "Шымкенте"),
    ("Khujand", "Худжанде"),
    ("Samarkand", "Самарканде"),
    ("Jalal-Abad", "Джалал-Абаде"),
    ("Namangan", "Намангане"),
    ("Andijan", "Андижане"),
    ("Karakol", "Караколе"),
    ("Aktobe", "Актобе"),
    ("Kulob", "Кулобе"),
    ("Bokhtar", "Бохтаре"),
    ("Nukus", "Нукусе"),
    ("Termez", "Термезе"),
    ("Taraz", "Таразе"),
    ("Turkmenabat", "Туркменабаде"),
    ("Naryn", "Нарыне"),
    ("Talas", "Таласе"),
    ("Batken", "Баткене"),
    ("Isfara", "Исфаре"),
    ("Rasht", "Рашту"),
    ("Khorog", "Хороге"),
    ("Kyzylorda", "Кызылорде"),
    ("Atyrau", "Атырау"),
    ("Mary", "Мары"),
    ("Dashoguz", "Дашогузе"),
    ("Balkanabat", "Балканабаде"),
    ("Karshi", "Карши"),
    ("Gulistan", "Гулистане"),
    ("Navoi", "Навои"),
    ("Urgench", "Ургенче"),
    ("Kokand", "Коканде"),
    ("Zhezkazgan", "Жезказгане"),
    ("Tokmok", "Токмоке"),
]
#: Rare words: about RARE_TEXTS texts of each language, at any size of the library, get a
#: sentence naming one of these places, so each is found in a few dozen texts. The count
#: does not grow with the library, so the rare-word search shows the same full page at
#: 10,000 and at 100,000 practices and the scaling figure compares like with like (with
#: a share, 10,000 practices gave 3 results against 20).
RARE_PLACES = [
    ("Kerben", "Кербене"),
    ("Vahdat", "Вахдате"),
    ("Kanibadam", "Канибадаме"),
    ("Sozak", "Созаке"),
]
RARE_EN = "Kanibadam"
RARE_RU = "Созаке"
RARE_TEXTS = 120

_PLACE_WEIGHTS = [1.0 / (i + 1) ** 1.6 for i in range(len(PLACES))]
#: Cumulative, computed once: random.choices(weights=…) would add them up at every draw.
_PLACE_CUM_WEIGHTS = list(itertools.accumulate(_PLACE_WEIGHTS))


@dataclass
class Piece:
    text: str
    stems: str


def _pieces(vocab: dict[str, list[str]]) -> dict[str, list[Piece]]:
    return {slot: [Piece(p, stem_text(p)) for p in phrases] for slot, phrases in vocab.items()}


class Corpus:
    """Draws titles, summaries and bodies in one language, with their stems."""

    def __init__(self, language: str, rng: random.Random, size: int = 100_000) -> None:
        self.language = language
        self.rng = rng
        self.rare_share = min(1.0, RARE_TEXTS / size)
        self.p = _pieces(EN if language == "en" else RU)
        index = 0 if language == "en" else 1
        prefix = "in " if language == "en" else "в "
        self.places = [Piece(prefix + p[index], stem_text(prefix + p[index])) for p in PLACES]
        lead = "A similar approach was tried " if language == "en" else "Похожий подход опробовали "
        self.rare = [
            Piece(lead + prefix + p[index] + ".", stem_text(lead + prefix + p[index]))
            for p in RARE_PLACES
        ]

    def _pick(self, slot: str) -> Piece:
        return self.rng.choice(self.p[slot])

    def _place(self) -> Piece:
        if self.rng.random() < 0.5:
            return self.rng.choices(self.places, cum_weights=_PLACE_CUM_WEIGHTS)[0]
        return self._pick("place")

    def sentence(self) -> tuple[str, str]:
        parts = [
            self._pick("actor"),
            self._pick("action"),
            self._pick("object"),
            self._place(),
            self._pick("purpose"),
        ]
        text = " ".join(p.text for p in parts) + "."
        stems = " ".join(p.stems for p in parts)
        if self.rng.random() < 0.4:
            result = self._pick("result")
            text += " " + result.text
            stems += " " + result.stems
        return text, stems

    def title(self) -> tuple[str, str]:
        head, tail = self._pick("title_head"), self._pick("title_tail")
        place = self.rng.choices(self.places, cum_weights=_PLACE_CUM_WEIGHTS)[0]
        sep = ": "
        text = f"{head.text} {place.text}{sep}{tail.text}"
        return text, f"{head.stems} {place.stems} {tail.stems}"

    def paragraphs(self, low: int, high: int, sentences: tuple[int, int]) -> tuple[str, str]:
        texts, stems = [], []
        for _ in range(self.rng.randint(low, high)):
            para, para_stems = [], []
            for _ in range(self.rng.randint(*sentences)):
                t, s = self.sentence()
                para.append(t)
                para_stems.append(s)
            texts.append(" ".join(para))
            stems.append(" ".join(para_stems))
        return "\n\n".join(texts), " ".join(stems)

    def text(self) -> dict[str, str]:
        """title, summary, body and their stems (``*_stems``)."""
        title, title_stems = self.title()
        summary, summary_stems = self.paragraphs(1, 1, (1, 2))
        body, body_stems = self.paragraphs(3, 6, (2, 4))
        if self.rng.random() < self.rare_share:
            rare = self.rng.choice(self.rare)
            body += " " + rare.text
            body_stems += " " + rare.stems
        return {
            "title": title,
            "summary": summary,
            "body": body,
            "title_stems": title_stems,
            "summary_stems": summary_stems,
            "body_stems": body_stems,
        }
