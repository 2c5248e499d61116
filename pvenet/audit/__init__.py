"""The audit log of every change of state.

Every feature records into it, so it imports no feature; its admin page is
:mod:`pvenet.admin.audit_views`.
"""
