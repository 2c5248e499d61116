"""Imports every feature's models so Alembic and ``flask shell`` see every table."""

from .audit.models import AuditEvent
from .auth.models import ApiToken, LoginFailure, Role, User
from .library import facets as _library_facets  # noqa: F401  (facet-count hook)
from .library.models import (
    Attachment,
    AttachmentBlob,
    FacetCount,
    PendingRevision,
    Practice,
    PracticeRevision,
    PracticeText,
    ReviewComment,
)
from .library.search import ddl as _library_search_ddl  # noqa: F401  (FTS objects' DDL)
from .mail.models import OutboxMessage
from .notifications.models import Notification
from .pagecache import ContentVersion
from .rotation.models import (
    Ballot,
    ChairTerm,
    Election,
    Override,
    RotationMarker,
    RotationPolicy,
    SchedulerLease,
)
from .states.models import MemberState
from .themes.models import Meeting, TermReport, Theme, ThemeText

__all__ = [
    "ApiToken",
    "Attachment",
    "AttachmentBlob",
    "AuditEvent",
    "Ballot",
    "ChairTerm",
    "ContentVersion",
    "Election",
    "FacetCount",
    "LoginFailure",
    "Meeting",
    "MemberState",
    "Notification",
    "OutboxMessage",
    "Override",
    "PendingRevision",
    "Practice",
    "PracticeRevision",
    "PracticeText",
    "ReviewComment",
    "Role",
    "RotationMarker",
    "RotationPolicy",
    "SchedulerLease",
    "TermReport",
    "Theme",
    "ThemeText",
    "User",
]
