"""Sealing: what a respondent has written is kept in the database only as ciphertext under a key that is
not in the database (issue 12: anonymity against a database administrator).

AES-GCM (the `cryptography` package) with a fresh 96-bit nonce for every seal. The row the sealed bytes
belong to is bound in as associated data (`context`), so sealed bytes copied to another row do not open.
The plaintext is padded to a size the caller fixes (`responding/sealed.py` gives every respondent of a
questionnaire the same one, enough for its longest possible answers), so the length of the ciphertext
does not tell how much was written. A sealed value starts with the id of its key, so keys can rotate:
the first key in `EVALUATIONS_SEAL_KEYS` seals, every key listed opens. Without that setting one key is
derived from `SECRET_KEY` (HKDF-SHA256); either way the key lives in the application's settings, never
in a table.
"""

import base64
import json
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DERIVED_KEY_ID = "s"
NONCE_BYTES = 12
LENGTH = struct.Struct(">I")


class SealError(Exception):
    """Sealed bytes that cannot be opened: an unknown key, another row's bytes, or tampering."""


@dataclass(frozen=True)
class _Key:
    id: str
    cipher: AESGCM


def _derived() -> _Key:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"grundlag.evaluations.seal").derive(
        settings.SECRET_KEY.encode()
    )
    return _Key(DERIVED_KEY_ID, AESGCM(key))


def _keys() -> list[_Key]:
    """The keys in the order of the setting (the first seals); the derived key when none is set."""
    configured = [item.strip() for item in settings.EVALUATIONS_SEAL_KEYS if item.strip()]
    if not configured:
        return [_derived()]
    keys = []
    for item in configured:
        key_id, _sep, encoded = item.partition(":")
        try:
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except ValueError:
            raw = b""
        if not key_id or len(raw) != 32 or not key_id.isalnum():
            raise ImproperlyConfigured(
                "EVALUATIONS_SEAL_KEYS: each key is <id>:<32 bytes in URL-safe base64>, "
                "its id letters and digits."
            )
        keys.append(_Key(key_id, AESGCM(raw)))
    return keys


def _padded(data: bytes, size: int) -> bytes:
    if LENGTH.size + len(data) > size:
        raise ValueError(f"{len(data)} bytes do not fit the sealed size {size}")
    return LENGTH.pack(len(data)) + data + bytes(size - LENGTH.size - len(data))


def _unpadded(padded: bytes) -> bytes:
    (length,) = LENGTH.unpack_from(padded)
    return padded[LENGTH.size : LENGTH.size + length]


def _sealed_with(key: _Key, plaintext: bytes, context: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return key.id.encode() + b":" + nonce + key.cipher.encrypt(nonce, plaintext, context.encode())


def _opened(sealed: bytes, context: str) -> tuple[_Key, bytes]:
    """The key the bytes were sealed with and the padded plaintext; SealError when they do not open."""
    key_id, sep, rest = bytes(sealed).partition(b":")
    key = next((k for k in _keys() if k.id.encode() == key_id), None)
    if not sep or key is None:
        raise SealError("sealed with a key the settings do not hold")
    try:
        return key, key.cipher.decrypt(rest[:NONCE_BYTES], rest[NONCE_BYTES:], context.encode())
    except InvalidTag:
        raise SealError("the sealed bytes do not belong to this row or were changed") from None


def seal(*, data: object, context: str, size: int) -> bytes:
    """The data (anything JSON can hold) sealed for the row that `context` names, padded to `size` bytes."""
    encoded = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return _sealed_with(_keys()[0], _padded(encoded, size), context)


def unseal(*, sealed: bytes, context: str) -> object:
    """The data sealed for the row that `context` names; SealError when it cannot be opened."""
    _key, plaintext = _opened(sealed, context)
    return json.loads(_unpadded(plaintext))


def reseal(*, sealed: bytes, context: str) -> bytes | None:
    """The same sealed data under the first key (for a key's rotation); None when it is under it already."""
    first = _keys()[0]
    key, plaintext = _opened(sealed, context)
    return None if key.id == first.id else _sealed_with(first, plaintext, context)
