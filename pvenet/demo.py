"""The demo data set behind ``flask pvenet seed-demo`` and ``make run``.

Each feature that has demo data adds a step to :data:`STEPS`; the steps run in order
in one transaction that the command commits.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from .audit.services import record
from .auth.models import Role, User
from .auth.passwords import hash_password
from .extensions import db
from .library.demo import seed_library
from .rotation.demo import seed_rotation
from .states.services import all_states, ensure_member_states
from .themes.demo import seed_programmes, store_reports

# Printed by `make run`; used only for the demo accounts.
DEMO_PASSWORD = "demo-password-2026"  # nosec B105
DEMO_DOMAIN = "demo.pvenet.org"


class DemoError(Exception):
    """The demo data cannot be loaded (e.g. the database already holds data)."""


#: (email local part, name, role, state code) of every demo account.
DEMO_PEOPLE: list[tuple[str, str, Role, str | None]] = [
    ("admin", "Aigerim Sadykova (UNODC)", Role.admin, None),
    ("observer", "Martin Keller (OSCE)", Role.observer, None),
    ("kz1", "Dana Abenova", Role.focal_point, "KZ"),
    ("kz2", "Yerlan Omarov", Role.focal_point, "KZ"),
    ("kg1", "Aida Temirbekova", Role.focal_point, "KG"),
    ("kg2", "Bakyt Asanov", Role.focal_point, "KG"),
    ("tj1", "Nigina Rahimova", Role.focal_point, "TJ"),
    ("tj2", "Farrukh Nazarov", Role.focal_point, "TJ"),
    ("tm1", "Maya Orazova", Role.focal_point, "TM"),
    ("tm2", "Serdar Atayev", Role.focal_point, "TM"),
    ("uz1", "Dilnoza Karimova", Role.focal_point, "UZ"),
    ("uz2", "Jasur Tashkentov", Role.focal_point, "UZ"),
]


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def seed_accounts(progress: Callable[[str], None]) -> None:
    states = {s.code: s for s in ensure_member_states()}
    progress(f"  {len(states)} member states")
    password_hash = hash_password(DEMO_PASSWORD)  # one hash: Argon2 is slow on purpose
    for local, name, role, code in DEMO_PEOPLE:
        user = User(
            email=demo_email(local),
            name=name,
            role=role,
            state=states[code] if code else None,
            password_hash=password_hash,
            locale="ru" if local.endswith("2") else None,
        )
        db.session.add(user)
    db.session.flush()
    record(None, "demo.seeded", None, object_type="demo", accounts=len(DEMO_PEOPLE))
    progress(f"  {len(DEMO_PEOPLE)} accounts")


STEPS: list[tuple[str, Callable[[Callable[[str], None]], None]]] = [
    ("accounts", seed_accounts),
    ("rotation", seed_rotation),
    ("programmes of the chair", seed_programmes),
    ("library", seed_library),
    ("term reports", store_reports),
]


def seed(progress: Callable[[str], None] = lambda _m: None) -> list[tuple[str, str, str]]:
    """Load every demo step; refuses when the database already has member states."""
    if all_states():
        raise DemoError(
            "The database already holds data; demo data is loaded only once, "
            "into an empty database."
        )
    for name, step in STEPS:
        progress(f"Seeding {name}…")
        step(progress)
    return [(e, DEMO_PASSWORD, w) for e, w in demo_account_list()]


def demo_account_list() -> list[tuple[str, str]]:
    users = db.session.scalars(
        select(User).where(User.email.like(f"%@{DEMO_DOMAIN}")).order_by(User.id)
    ).all()
    return [(u.email, u.role.value + (f" ({u.state.code})" if u.state else "")) for u in users]
