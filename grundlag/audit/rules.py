"""Who may read the audit log (loaded by rules' autodiscovery)."""

import rules

from grundlag.core.rules import is_administrator

rules.add_perm("audit.view_log", is_administrator)
