"""Who may author leadership foundations (loaded by rules' autodiscovery)."""

from typing import Any

import rules

from grundlag.core.permissions import is_administrator

rules.add_perm("frameworks.author", is_administrator)


def can_author(user: Any) -> bool:
    """Administrators (HR / leadership development) author and publish foundations, and read drafts."""
    return bool(user.has_perm("frameworks.author"))
