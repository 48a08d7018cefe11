"""Who may do what with leader development (loaded by rules' autodiscovery).

A dialogue is the leader's and their superior's; an administrator runs LUS rounds and sees how far they
have come, in counts, never what a dialogue holds.
"""

import rules

from grundlag.core.rules import is_administrator

rules.add_perm("development.open_round", is_administrator)
rules.add_perm("development.view_rounds", is_administrator)
rules.add_perm("development.view_insight", is_administrator)
