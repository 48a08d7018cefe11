"""Saved tool documents: a leader's filled-in tool, private by default, shared with team members (who edit) or
with the superiors in the chain (who read), with its history of revisions."""
