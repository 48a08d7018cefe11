"""Who may author leadership foundations (loaded by rules' autodiscovery)."""

import rules

from grundlag.core.permissions import is_administrator

rules.add_perm("frameworks.author", is_administrator)
