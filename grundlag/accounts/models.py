"""A login is Django's user, linked from the organisation's person; accounts keep only the reset count."""

from django.db import models


class PasswordResetRequest(models.Model):
    """One request for a reset link, known by keyed digests of the e-mail address asked for and of the
    client address that asked, never by the addresses themselves.

    Kept for the limit's window only (PASSWORD_RESET_EMAIL_WINDOW_MINUTES), then deleted. `number` counts
    the e-mail address's requests: two requests at once cannot both take the same number, so parallel
    requests cannot slip past the limit together.
    """

    address_digest = models.CharField(max_length=64)
    client_digest = models.CharField(max_length=64, blank=True)
    number = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["address_digest", "requested_at"], name="password_reset_address"),
            models.Index(fields=["client_digest", "requested_at"], name="password_reset_client"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["address_digest", "number"], name="one_reset_request_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.address_digest[:8]}"
