"""Who may manage accounts (loaded by rules' autodiscovery)."""

import rules

from grundlag.core.rules import is_administrator

rules.add_perm("accounts.invite_person", is_administrator)
rules.add_perm("accounts.manage_users", is_administrator)
