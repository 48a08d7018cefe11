def can_author(user) -> bool:
    """Administrators (HR / leadership development) author and publish foundations."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)
