"""Member states of the network."""

from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Base
from .names import country_name


class MemberState(Base):
    __tablename__ = "member_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(2), unique=True)
    rotation_position: Mapped[int]
    is_active: Mapped[bool] = mapped_column(default=True)

    def name(self, locale: str | None = None) -> str:
        """The state's UN short name in ``locale`` (default: the request's locale)."""
        return country_name(self.code, locale or str(get_locale() or "en"))

    def __repr__(self) -> str:
        return f"<MemberState {self.code}>"
