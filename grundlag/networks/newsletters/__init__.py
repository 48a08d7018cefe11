"""Newsletters: an organiser writes one to a forum's members (plain text with a few formats, `formatting.py`),
previews it, sends it in the background (one delivery per recipient, so a retry mails no one twice), and it is
archived on the forum's page for its members and organisers."""
