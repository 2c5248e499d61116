"""The kinds of user the permission matrix asks as (tests/hardening/matrix.py)."""

from __future__ import annotations

SESSION_USERS = ["visitor", "observer", "fp_own", "fp_other", "fp_chair", "admin", "deactivated"]
#: each kind of API token → the user who owns it
TOKEN_OWNERS = {
    "token_observer": "observer",
    "token_fp": "fp_own",
    "token_fp_other": "fp_other",
    "token_fp_chair": "fp_chair",
    "token_admin": "admin",
    "token_deactivated": "deactivated",
}
TOKEN_USERS = list(TOKEN_OWNERS)
WHO = SESSION_USERS + TOKEN_USERS
