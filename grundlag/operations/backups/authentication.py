"""Who made an archive: an HMAC-SHA256 over the manifest's exact bytes, keyed from SECRET_KEY.

The manifest holds the size and sha256 of the dump and of every file, so the HMAC covers the whole archive.
Checksums alone prove nothing against someone who can write the archive (they rewrite the dump and the
manifest together), and a restore runs the SQL the dump holds: an archive is trusted only when its HMAC
matches under this installation's SECRET_KEY or one of SECRET_KEY_FALLBACKS (a key rotated since the
backup). Nothing of the archive is trusted, and nothing is written, before that.
"""

import hmac

from django.conf import settings
from django.utils.crypto import salted_hmac

from .manifest import MANIFEST_MEMBER, BackupError

HMAC_MEMBER = "manifest.hmac"
# Holds the hex digest (64 characters); beyond this it is not one of ours.
HMAC_MAX_BYTES = 1024
# Keys the HMAC with a key of its own, derived from SECRET_KEY: no other signature of the installation
# (sessions, reset links, answer links) can stand for an archive's, nor an archive's for theirs.
_SALT = "grundlag.operations.backup"


def manifest_hmac(data: bytes, *, secret: str) -> str:
    """The HMAC (SHA-256, hex) of the manifest's bytes under the key derived from the given secret."""
    return salted_hmac(_SALT, data, secret=secret, algorithm="sha256").hexdigest()


def manifest_sign(data: bytes) -> bytes:
    """The archive's HMAC member for the manifest's bytes, under the current SECRET_KEY."""
    return manifest_hmac(data, secret=settings.SECRET_KEY).encode()


def manifest_authenticate(*, data: bytes, signature: bytes | None) -> None:
    """Pass when the signature matches the manifest under SECRET_KEY or one of SECRET_KEY_FALLBACKS (each
    compared in constant time); otherwise BackupError saying why the archive is refused."""
    if signature is None:
        # Archives made before backups were authenticated have no such member. None is in the field (the
        # HMAC came before the first release with backups), so such an archive is refused like any other.
        raise BackupError(
            f"The archive has no {HMAC_MEMBER}: it was not made by this version of Grundlag's backup, or "
            "the member was removed. Only authenticated archives are restored; nothing was restored."
        )
    given = signature.strip()
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    # Every key is tried (no early exit), so the time taken does not tell which one matched.
    matches = [hmac.compare_digest(manifest_hmac(data, secret=secret).encode(), given) for secret in secrets]
    if not any(matches):
        raise BackupError(
            "This archive was not made by this installation, or its key has changed: its "
            f"{HMAC_MEMBER} does not match its {MANIFEST_MEMBER} under SECRET_KEY or any of "
            "SECRET_KEY_FALLBACKS (or the archive was altered since it was made). Restore it with the "
            "SECRET_KEY it was made under, or with that key among SECRET_KEY_FALLBACKS; nothing was restored."
        )
