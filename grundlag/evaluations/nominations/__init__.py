"""Nominations: a leader proposes raters, the superior approves or declines."""
