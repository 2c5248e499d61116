"""Thematic priorities and the chair's programme (issue 4): themes, meetings, term reports."""
