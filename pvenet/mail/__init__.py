"""Outgoing e-mail through a stored outbox."""
