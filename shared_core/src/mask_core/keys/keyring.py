"""The keyring: several master keys with ids, one primary.

New tokens and new vault records use the primary key; every key in the ring still opens the records it
sealed (the key id travels in each record), so rotation is: add a key, promote it, re-encrypt, retire
the old one. Like ``cryptography``'s ``MultiFernet``, the first key encrypts and all keys decrypt.

A keyring is immutable; each lifecycle step returns a new one::

    ring = Keyring.parse(os.environ["MASK_KEYRING"])    # k1 primary
    ring = ring.add(generate_key(), key_id="k2")         # 1. k2 opens records, k1 still seals
    ring = ring.promote("k2")                            # 2. k2 seals new records and derives new tokens
    rekey(vault, ring)                                   # 3. every record re-sealed under k2
    ring = ring.retire("k1")                             # 4. k1 is gone

Deploy step 1 everywhere before step 2, so that every process can open what the first promoted process
seals. Tokens are derived from the primary key: after a promotion, a value encoded again gets a *new*
token while its old token keeps decoding (the vault holds both), so determinism holds within one
primary key, not across a rotation.

Per tenant and per purpose, working keys are derived with HKDF-SHA256 (RFC 5869)::

    k[purpose, tenant] = HKDF(master, salt="mask/v1", info="mask/<purpose>/v1" | 0x00 | tenant)

    purpose "token"   keyed BLAKE2b PRF that derives tokens       (32 bytes)
    purpose "encrypt" AES-SIV key that seals vault records        (64 bytes)
    purpose "index"   keyed BLAKE2b for fingerprints in errors and audit lines (32 bytes)
    purpose "audit"   HMAC-SHA256 key that chains audit lines (tenant "", one per key id)

Tenants therefore never share a token or a record key, and a leaked tenant key reveals nothing of the
master key or of other tenants.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mask_core._secret import Secret
from mask_core.errors import MaskConfigurationError, VaultIntegrityError
from mask_core.keys._aead import (
    TAMPERED,
    Payload,
    ad_prefix,
    record_header,
    record_key_id,
    seal_record,
    unpack_payload,
)
from mask_core.keys.material import derive_key_id, format_key, generate_key, parse_key, validate_key_id

__all__ = ["Keyring", "TenantKeys"]

_SALT = b"mask/v1"
_MAX_CACHED_TENANTS = 4096


def _hkdf(master: bytes, purpose: str, tenant: str, length: int) -> bytes:
    info = f"mask/{purpose}/v1".encode() + b"\x00" + tenant.encode("utf-8")
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=_SALT, info=info).derive(master)


class TenantKeys:
    """The working keys of one tenant, derived once and cached by the keyring."""

    __slots__ = ("_index_key", "_openers", "_primary", "_seal", "primary_kid", "tenant", "token_key")

    def __init__(self, keyring: Keyring, tenant: str) -> None:
        self.tenant = tenant
        tenant_b = tenant.encode("utf-8")
        primary = keyring._key(keyring.primary_id)
        self.primary_kid = keyring.primary_id.encode("ascii")
        self.token_key = _hkdf(primary, "token", tenant, 32)
        self._index_key = _hkdf(primary, "index", tenant, 32)
        # Per key id: (cipher, record header length, first associated-data element).
        self._openers: dict[bytes, tuple[AESSIV, int, bytes]] = {}
        for kid_s in keyring.ids:
            kid = kid_s.encode("ascii")
            siv = AESSIV(_hkdf(keyring._key(kid_s), "encrypt", tenant, 64))
            self._openers[kid] = (siv, len(record_header(kid)), ad_prefix(tenant_b, kid))
        self._primary = self._openers[self.primary_kid]
        siv, _, prefix = self._primary
        self._seal = (siv, record_header(self.primary_kid), prefix)

    def __repr__(self) -> str:
        return f"TenantKeys(tenant={self.tenant!r}, primary={self.primary_kid.decode()!r})"

    def seal(self, vault_key: str, payload: bytes) -> bytes:
        siv, header, prefix = self._seal
        return seal_record(siv, header, prefix, vault_key.encode(), payload)

    def open(self, vault_key: str, record: bytes) -> Payload:
        opener: tuple[AESSIV, int, bytes] | None = None
        if len(record) > 18:
            if record.startswith(self._seal[1]):  # sealed with the primary key (nearly always)
                opener = self._primary
            elif record[0] == 1:
                opener = self._openers.get(record[2 : 2 + record[1]])
        if opener is None:
            record_key_id(record)  # raises the precise error for a malformed record
            raise VaultIntegrityError("vault record was sealed with a key id that is not in the keyring")
        siv, header_len, prefix = opener
        try:
            raw = siv.decrypt(record[header_len:], [prefix, vault_key.encode()])
        except InvalidTag:
            raise VaultIntegrityError(TAMPERED) from None
        return unpack_payload(raw)

    def is_primary(self, record: bytes) -> bool:
        return record_key_id(record) == self.primary_kid

    def fingerprint(self, data: str) -> str:
        """A short keyed fingerprint of ``data`` for errors and audit lines (not reversible, tenant-keyed)."""
        digest = hashlib.blake2b(
            data.encode("utf-8", "surrogatepass"), key=self._index_key, digest_size=6, person=b"mask.fp"
        )
        return digest.hexdigest()


class Keyring:
    """Master keys by id, one of them primary. Reprs show ids only, never key material."""

    def __init__(self, keys: Mapping[str, bytes | str], primary: str | None = None) -> None:
        if not keys:
            raise MaskConfigurationError("a keyring needs at least one key")
        parsed: dict[str, Secret[bytes]] = {}
        for kid, material in keys.items():
            parsed[validate_key_id(kid)] = Secret(parse_key(material))
        self._keys = parsed
        self.primary_id = primary if primary is not None else next(iter(parsed))
        if self.primary_id not in parsed:
            raise MaskConfigurationError("the primary key id is not in the keyring")
        self._tenants: dict[str, TenantKeys] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_master_key(cls, key: bytes | str, key_id: str | None = None) -> Keyring:
        material = parse_key(key)
        return cls({key_id or derive_key_id(material): material})

    @classmethod
    def generate(cls) -> Keyring:
        """A keyring with one fresh random key (ephemeral: lost with the process)."""
        return cls.from_master_key(generate_key())

    @classmethod
    def parse(cls, text: str, primary: str | None = None) -> Keyring:
        """Parse ``id1:key1,id2:key2`` (primary first unless ``primary`` is given)."""
        keys: dict[str, bytes | str] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            kid, sep, material = part.partition(":")
            if not sep:
                raise MaskConfigurationError("keyring entries are written 'id:key', separated by commas")
            if kid in keys:
                raise MaskConfigurationError("a key id appears twice in the keyring")
            keys[kid] = material
        return cls(keys, primary)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"Keyring(ids={list(self._keys)!r}, primary={self.primary_id!r})"

    def _key(self, kid: str) -> bytes:
        return self._keys[kid].reveal()

    def key_ids(self) -> Mapping[str, bool]:
        """Each key id and whether it is the primary."""
        return MappingProxyType({kid: kid == self.primary_id for kid in self._keys})

    # -- lifecycle: every step returns a new keyring ----------------------------------------------------
    def add(self, key: bytes | str, *, key_id: str | None = None) -> Keyring:
        """A keyring that also holds ``key`` (decrypt-only until promoted). Refuses a duplicate id or key."""
        material = parse_key(key)
        kid = validate_key_id(key_id or derive_key_id(material))
        if kid in self._keys:
            raise MaskConfigurationError("a key with this id is already in the keyring")
        if any(secrets.compare_digest(material, s.reveal()) for s in self._keys.values()):
            raise MaskConfigurationError("this key is already in the keyring under another id")
        return Keyring({**self._raw(), kid: material}, self.primary_id)

    def promote(self, key_id: str) -> Keyring:
        """A keyring whose primary (the key that seals and derives tokens) is ``key_id``."""
        if key_id not in self._keys:
            raise MaskConfigurationError("cannot promote a key id that is not in the keyring")
        return Keyring(self._raw(), key_id)

    def retire(self, key_id: str) -> Keyring:
        """A keyring without ``key_id``. Run ``rekey`` first: records sealed under it no longer open."""
        if key_id not in self._keys:
            raise MaskConfigurationError("cannot retire a key id that is not in the keyring")
        if key_id == self.primary_id:
            raise MaskConfigurationError("cannot retire the primary key: promote another key first")
        return Keyring({k: v for k, v in self._raw().items() if k != key_id}, self.primary_id)

    def export_text(self) -> str:
        """The keyring as ``id:key,...`` text, primary first (what ``Keyring.parse`` and MASK_KEYRING read).

        This is the only method that reveals key material: write it to a protected file or secret store,
        never to a log.
        """
        order = [self.primary_id, *(k for k in self._keys if k != self.primary_id)]
        return ",".join(f"{kid}:{format_key(self._key(kid))}" for kid in order)

    def audit_key(self) -> tuple[str, bytes]:
        """The primary key id and the HMAC key derived from it for chaining audit lines."""
        return self.primary_id, self.audit_key_for(self.primary_id)

    def audit_key_for(self, key_id: str) -> bytes:
        """The audit chaining key of ``key_id`` (a verifier resolves the id each line names)."""
        if key_id not in self._keys:
            raise MaskConfigurationError("the audit chain names a key id that is not in the keyring")
        return _hkdf(self._key(key_id), "audit", "", 32)

    def tag_key(self, key_id: str) -> bytes:
        """The key of token tags (``tokens/tags.py``) under ``key_id``: one for the whole deployment,
        not per tenant, so every tenant recognises every tenant's tokens as tokens."""
        return _hkdf(self._key(key_id), "tag", "", 32)

    def _raw(self) -> dict[str, bytes]:
        return {kid: s.reveal() for kid, s in self._keys.items()}

    def tenant(self, tenant: str) -> TenantKeys:
        keys = self._tenants.get(tenant)
        if keys is None:
            with self._lock:
                keys = self._tenants.get(tenant)
                if keys is None:
                    if len(self._tenants) >= _MAX_CACHED_TENANTS:
                        self._tenants.clear()
                    keys = self._tenants[tenant] = TenantKeys(self, tenant)
        return keys
