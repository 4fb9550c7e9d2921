"""Vault record sealing (hazmat: use :class:`mask_core.MaskClient`, never this module directly).

A vault record is the AES-SIV (RFC 5297, 512-bit key) encryption of one value, with everything that
places it bound as associated data::

    record   = 0x01 | len(kid) | kid | AES-SIV(k_enc[tenant, kid], payload, AD)
    AD       = [len16 "mask/record/v1" | len16 tenant | len16 kid,  vault_key]
    payload  = len(entity_type) | entity_type | len(token) (2 bytes) | token | value   (UTF-8, surrogatepass)

Why AES-SIV: it is deterministic and nonce-free, so the same value under the same key, tenant and
vault key always seals to the same bytes. A vault can therefore compare records byte for byte to
refresh a TTL without decrypting, and a re-assigned token can never cause nonce reuse. Binding the
tenant and vault key means a record copied to another key or tenant fails authentication.
"""

from __future__ import annotations

from typing import NamedTuple

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from mask_core.errors import VaultIntegrityError

__all__ = [
    "RECORD_VERSION",
    "Payload",
    "ad_prefix",
    "open_record",
    "pack_payload",
    "record_header",
    "record_key_id",
    "seal_record",
    "unpack_payload",
]

RECORD_VERSION = 1
TAMPERED = (
    "vault record failed authentication: altered, moved to another key or tenant, "
    "or sealed with a different master key"
)
_AD_LABEL = b"mask/record/v1"


class Payload(NamedTuple):
    """The decrypted content of a record. Its repr never shows the value."""

    entity_type: str
    token: str
    value: str

    def __repr__(self) -> str:
        return f"Payload(entity_type={self.entity_type!r}, token=<{len(self.token)} chars>, value=<redacted>)"


def pack_payload(entity_type: str, token: str, value: str) -> bytes:
    et = entity_type.encode("ascii")
    tk = token.encode("utf-8", "surrogatepass")
    return b"".join(
        (
            len(et).to_bytes(1, "big"),
            et,
            len(tk).to_bytes(2, "big"),
            tk,
            value.encode("utf-8", "surrogatepass"),
        )
    )


def unpack_payload(raw: bytes) -> Payload:
    n = raw[0]
    pos = 3 + n
    m = (raw[1 + n] << 8) | raw[2 + n]
    # tuple.__new__ builds the Payload in C (NamedTuple's own __new__ is a Python frame on a hot path);
    # it is still a Payload, whose repr hides the value.
    fields = (
        raw[1 : 1 + n].decode("ascii"),
        raw[pos : pos + m].decode("utf-8", "surrogatepass"),
        raw[pos + m :].decode("utf-8", "surrogatepass"),
    )
    return tuple.__new__(Payload, fields)


def seal_record(siv: AESSIV, header: bytes, ad_prefix: bytes, vault_key: bytes, payload: bytes) -> bytes:
    """``header`` is version, kid length and kid; ``ad_prefix`` binds label, tenant and kid."""
    return header + siv.encrypt(payload, [ad_prefix, vault_key])


def record_key_id(record: bytes) -> bytes:
    """The key id a record was sealed with; raises :class:`VaultIntegrityError` on a malformed record."""
    if len(record) < 19 or record[0] != RECORD_VERSION or len(record) < 18 + record[1]:
        raise VaultIntegrityError("vault record is malformed or of an unknown version")
    return record[2 : 2 + record[1]]


def open_record(siv: AESSIV, header_len: int, ad_prefix: bytes, vault_key: bytes, record: bytes) -> Payload:
    try:
        raw = siv.decrypt(record[header_len:], [ad_prefix, vault_key])
    except InvalidTag:
        raise VaultIntegrityError(TAMPERED) from None
    try:
        return unpack_payload(raw)
    except (IndexError, UnicodeDecodeError):  # authenticated but not ours: a version mix-up
        raise VaultIntegrityError("vault record payload is malformed") from None


def ad_prefix(tenant: bytes, kid: bytes) -> bytes:
    """The first associated-data element: label, tenant and key id, each length-prefixed."""
    return b"".join(len(p).to_bytes(2, "big") + p for p in (_AD_LABEL, tenant, kid))


def record_header(kid: bytes) -> bytes:
    return bytes((RECORD_VERSION, len(kid))) + kid
