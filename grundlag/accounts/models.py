"""Accounts keep no models of their own: a login is Django's user, linked from the organisation's person."""
