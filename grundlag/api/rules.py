"""Who may manage API tokens (loaded by rules' autodiscovery)."""

import rules

from grundlag.core.rules import is_administrator

rules.add_perm("api.manage_tokens", is_administrator)
