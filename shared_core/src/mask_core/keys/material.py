"""Master key material: generation, parsing and key ids.

A master key is at least 32 random bytes. In settings and files it is written as text in one of these
forms (``mask keys generate`` prints the first)::

    base64:<standard or URL-safe base64>
    hex:<hex digits>
    <bare URL-safe or standard base64>

A keyring is written as ``id1:key1,id2:key2`` with the primary first (or named by ``primary=``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets

from mask_core.errors import MaskConfigurationError

__all__ = ["MIN_KEY_BYTES", "derive_key_id", "format_key", "generate_key", "parse_key", "validate_key_id"]

MIN_KEY_BYTES = 32
_KEY_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,32}")


def generate_key() -> bytes:
    """32 bytes from the operating system's CSPRNG."""
    return secrets.token_bytes(MIN_KEY_BYTES)


def format_key(key: bytes) -> str:
    """Text form of a key, as :func:`parse_key` reads it."""
    return "base64:" + base64.urlsafe_b64encode(key).decode("ascii")


def parse_key(text: str | bytes) -> bytes:
    """Parse key text (or pass raw bytes through) and check its length. Never echoes the key."""
    if isinstance(text, bytes | bytearray):
        key = bytes(text)
    elif isinstance(text, str):
        raw = text.strip()
        try:
            if raw.startswith("hex:"):
                key = bytes.fromhex(raw[4:])
            else:
                body = raw.removeprefix("base64:")
                body += "=" * (-len(body) % 4)
                key = base64.b64decode(body.replace("-", "+").replace("_", "/"), validate=True)
        except (ValueError, binascii.Error):
            raise MaskConfigurationError(
                "master key is not valid base64 or hex text (expected 'base64:...' or 'hex:...')"
            ) from None
    else:
        raise MaskConfigurationError("master key must be bytes or text")
    if len(key) < MIN_KEY_BYTES:
        raise MaskConfigurationError(
            f"master key must be at least {MIN_KEY_BYTES} bytes of random data; generate one with "
            "`mask keys generate` or mask_core.keys.generate_key()"
        )
    return key


def derive_key_id(key: bytes) -> str:
    """A stable, non-secret id for a key: 'k' plus 8 hex digits of a keyed hash."""
    return "k" + hashlib.blake2b(b"mask/key-id/v1", key=key[:64], digest_size=4).hexdigest()


def validate_key_id(key_id: str) -> str:
    if not isinstance(key_id, str) or not _KEY_ID_RE.fullmatch(key_id):
        raise MaskConfigurationError("key ids are 1-32 characters of letters, digits, '.', '_' or '-'")
    return key_id
