"""A login is Django's user, linked from the organisation's person; accounts keep only the reset count."""

from django.db import models


class PasswordResetRequest(models.Model):
    """One request for a reset link, known by a keyed digest of the address asked for, never the address.

    Kept for the limit's window only (PASSWORD_RESET_EMAIL_WINDOW_MINUTES), then deleted.
    """

    address_digest = models.CharField(max_length=64)
    requested_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address_digest", "requested_at"], name="password_reset_address")]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.address_digest[:8]}"
