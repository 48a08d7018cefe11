"""Who may author leadership foundations (loaded by rules' autodiscovery)."""

import rules
from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.rules import is_administrator

rules.add_perm("frameworks.author", is_administrator)


def can_author(user: User | AnonymousUser) -> bool:
    """Administrators (HR / leadership development) author and publish foundations, and read drafts."""
    return bool(user.has_perm("frameworks.author"))
