"""Member states: their codes, names and rotation positions.

Their admin page is :mod:`pvenet.admin.states_views` (it needs auth, which sits above).
"""
