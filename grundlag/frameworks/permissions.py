def can_author(user) -> bool:
    """Administrators (HR / leadership development) author and publish foundations."""
    return user.has_perm("frameworks.author")
