"""The token engine: derive, seal, store-if-absent, re-derive on clash; look up and open.

Encoding one value ``v`` of type ``T`` in tenant ``t``::

    parsed   = format(T).parse(v)                                   canonical form + layout
    for tweak = 0, 1, 2, ...:
        seed    = BLAKE2b(key = k_token[t], "T | tweak | counter | canonical(v)")   keyed PRF
        token   = format.render(parsed, format.derive(parsed, seed))             same layout as v
        key     = "<ns>:<t>:<T>:<canonical(token)>"                              never the plaintext
        record  = AES-SIV(k_enc[t], (T, token, v), AD = (t, key, key id))
        vault.put_if_absent(key, record) -> stored      : token is v's
                                          -> same record : token is v's (TTL refreshed)
                                          -> a record of another value: clash, next tweak

Determinism: the same value always derives the same sequence of candidates, and a clash is only ever
resolved by the value that got there first, so within a live vault a value always gets the same token.
No collisions: a key holds one value; a second value can never be stored under it. Exact reversal: the
record holds the exact input; a token the model wrote in another layout decodes to the real value in
that layout (``relayout``), and a candidate whose decode would not return ``v`` exactly is a clash.

Tokens are one-way (a keyed PRF, not a cipher): reversal needs the vault, and deleting an entry erases
the mapping for good.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import Any, NamedTuple

from mask_core._plan import GetMany, Plan, PutMany, TouchMany
from mask_core.errors import TokenSpaceExhaustedError
from mask_core.keys._aead import Payload, pack_payload
from mask_core.keys.keyring import Keyring, TenantKeys
from mask_core.tokens.formats import Parsed, TokenFormat
from mask_core.tokens.registry import FormatRegistry
from mask_core.tokens.tags import TokenTags
from mask_core.vault.base import Vault

__all__ = ["DEFAULT_NAMESPACE", "MAX_TWEAKS", "Lookup", "TokenEngine"]

DEFAULT_NAMESPACE = "mask"
#: Re-derivations before giving up. Each format's token space is at least 10^7 and kept sparse, so the
#: chance that 32 consecutive candidates are all taken is below 2^-100 even with a vault 10% full.
MAX_TWEAKS = 32
_PERSON = b"mask.token.v1"
_STORED, _TOUCH, _CLASH = 0, 1, 2
#: Derivations an engine keeps (``TokenEngine._derive``): a few hundred bytes each.
_DERIVED_MAX = 4096


class Lookup(NamedTuple):
    """One way to read a string as a token: its type, format and parsed (canonical) form."""

    token: str
    entity_type: str
    fmt: TokenFormat
    parsed: Parsed


class _Pending:
    """One distinct value of a batch being encoded."""

    __slots__ = ("entity_type", "fmt", "key", "parsed", "record", "token", "tweak", "value")

    def __init__(self, value: str, entity_type: str, fmt: TokenFormat, parsed: Parsed) -> None:
        self.value = value
        self.entity_type = entity_type
        self.fmt = fmt
        self.parsed = parsed
        self.tweak = 0
        self.token = ""
        self.key = ""
        self.record = b""


class TokenEngine:
    """Encodes and decodes for one tenant. Stateless apart from its keys and a cache of derivations
    (dict operations, atomic under the GIL): safe to share across threads."""

    def __init__(
        self, tenant: str, keyring: Keyring, registry: FormatRegistry, *, namespace: str = DEFAULT_NAMESPACE
    ) -> None:
        self.tenant = tenant
        self.keyring = keyring
        self.registry = registry
        self._prefix = f"{namespace}:{tenant}:"
        #: Derivation clashes resolved by re-deriving (a statistic; approximate under threads).
        self.clashes = 0
        self._keys_of: Keyring | None = None
        self._keys: TenantKeys
        self._tags_of: Keyring | None = None
        self._tags: TokenTags
        self._prf: tuple[TenantKeys | None, Any] = (None, None)
        self._cache_key = os.urandom(32)
        self._derived: tuple[TenantKeys | None, dict[bytes, tuple[TokenFormat, tuple[str, str, bytes]]]] = (
            None,
            {},
        )

    @property
    def tags(self) -> TokenTags:
        """Keyed check digits of tokens (``tokens/tags.py``), for this engine's keyring."""
        if self._tags_of is not self.keyring:
            self._tags = TokenTags(self.keyring)
            self._tags_of = self.keyring
        return self._tags

    def refuses(self, lk: Lookup, evidence: bool) -> bool:
        """Whether a token-shaped string that is no live token is a dead token (a strict decode then
        refuses it) rather than real data of the same shape.

        It must be in a reserved range; if its format carries tag digits, they must check out; and
        a bare run of digits (``993132049``, no separators) must also have ``evidence`` that it is of
        its type (its field, or words near it): a bare number is the commonest shape of real ids.
        """
        fmt, parsed = lk.fmt, lk.parsed
        if not fmt.strict(parsed):
            return False
        ntag = fmt.tag_digits(parsed.canonical)
        if not ntag:
            return True
        if not evidence and lk.token.isdigit():
            return False
        body, tag = fmt.tag_split(parsed.canonical)
        return self.tags.valid(fmt.entity_type, body, tag)

    @property
    def keys(self) -> TenantKeys:
        # Keyrings are immutable (rotation builds a new one), so the tenant's keys are cached until the
        # engine is given another keyring.
        if self._keys_of is not self.keyring:
            self._keys = self.keyring.tenant(self.tenant)
            self._keys_of = self.keyring
        return self._keys

    def vault_key(self, entity_type: str, canonical: str) -> str:
        return f"{self._prefix}{entity_type}:{canonical}"

    def fingerprint(self, data: str) -> str:
        return self.keys.fingerprint(data)

    # -- encode --------------------------------------------------------------------------------------
    def _derive(
        self, keys: TenantKeys, value: str, entity_type: str, fmt: TokenFormat, parsed: Parsed, tweak: int
    ) -> tuple[str, str, bytes]:
        """The candidate token for ``value`` at ``tweak``, its vault key and its sealed record.

        An agent's tool results repeat the same few values (a customer's name, e-mail and phone in
        every call), and a derivation (a dozen keyed hashes, a format's draws, an AES-SIV seal) costs
        more than the scan that found the value. So the last derivations are kept, under a keyed
        digest of their inputs (the key random per engine): the cache holds tokens, vault keys and
        sealed records, never a value. It is dropped whenever the tenant's keys change."""
        cache = self._derived
        if cache[0] is not keys:
            cache = self._derived = (keys, {})
        # Everything the derivation reads: the format, the type, the tweak, every field of the parsed
        # value (its layout too) and the value the record seals. The text parts carry their lengths,
        # so no two inputs share it (a separator could also stand inside a value).
        canonical, template, skip = parsed
        material = (
            f"{id(fmt)}|{tweak}|{skip}|{len(entity_type)}:{entity_type}|{len(canonical)}:{canonical}|"
            f"{len(template)}:{template}|{value}"
        ).encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(material, key=self._cache_key, digest_size=16).digest()
        hit = cache[1].get(digest)
        if hit is not None and hit[0] is fmt:
            return hit[1]
        derived = self._derive_new(keys, value, entity_type, fmt, parsed, tweak)
        if len(cache[1]) >= _DERIVED_MAX:
            cache[1].clear()  # a burst of new values: start over rather than track recency
        # The format is kept with the entry: its id is part of the digest and stays its own meanwhile.
        cache[1][digest] = (fmt, derived)
        return derived

    def _derive_new(
        self, keys: TenantKeys, value: str, entity_type: str, fmt: TokenFormat, parsed: Parsed, tweak: int
    ) -> tuple[str, str, bytes]:
        """:meth:`_derive` without the cache."""
        prf = self._prf
        if prf[0] is not keys:  # the keyed PRF's initial state, computed once per tenant keys
            prf = self._prf = (keys, hashlib.blake2b(key=keys.token_key, person=_PERSON))
        state = prf[1]
        head = f"{entity_type}\x1f{tweak}\x1f".encode()
        body = parsed.canonical.encode("utf-8", "surrogatepass")

        def draw(counter: int) -> int:
            # A copy of the keyed initial state: the same digest as blake2b(data, key=..., person=...)
            # without hashing the key block again (tests/test_tokens.py pins the derivation).
            h = state.copy()
            h.update(head + counter.to_bytes(4, "big") + body)
            return int.from_bytes(h.digest(), "big")

        canonical = fmt.derive(parsed, draw)
        ntag = fmt.tag_digits(canonical)
        if ntag:
            tagged_part = fmt.tag_split(canonical)[0]
            canonical = fmt.with_tag(canonical, self.tags.digits(fmt.entity_type, tagged_part, ntag))
        token = fmt.render(parsed, canonical)
        key = f"{self._prefix}{fmt.namespace(entity_type, parsed)}:{canonical}"
        return token, key, keys.seal(key, pack_payload(entity_type, token, value))

    def _settle(
        self,
        keys: TenantKeys,
        value: str,
        fmt: TokenFormat,
        token: str,
        key: str,
        record: bytes,
        existing: bytes | None,
    ) -> int:
        """What a put_if_absent answer means: _STORED, _TOUCH (ours, refresh its TTL) or _CLASH."""
        if existing is None or existing == record:
            return _STORED
        if self._value_for(keys.open(key, existing), token, fmt) == value:
            return _TOUCH  # the same value sealed under an older key: keep it, refresh its TTL
        return _CLASH

    def _exhausted(self, keys: TenantKeys, entity_type: str, value: str) -> TokenSpaceExhaustedError:
        return TokenSpaceExhaustedError(
            f"no free {entity_type} token after {MAX_TWEAKS} derivations; "
            "the vault is saturated for this type",
            fingerprint=keys.fingerprint(value),
        )

    def encode_one(
        self, vault: Vault, value: str, entity_type: str, fmt: TokenFormat, parsed: Parsed, ttl: float | None
    ) -> str:
        """The sync single-value path of :meth:`encode_plan` (same steps, no batching machinery)."""
        keys = self.keys
        for tweak in range(MAX_TWEAKS):
            token, key, record = self._derive(keys, value, entity_type, fmt, parsed, tweak)
            existing = vault.put_if_absent(key, record, ttl)
            if existing is None or existing == record:
                return token
            verdict = self._settle(keys, value, fmt, token, key, record, existing)
            if verdict == _TOUCH:
                vault.touch(key, ttl)
            if verdict != _CLASH:
                return token
            self.clashes += 1
        raise self._exhausted(keys, entity_type, value)

    def encode_plan(
        self, items: Sequence[tuple[str, str, TokenFormat, Parsed]], ttl: float | None
    ) -> Plan[list[str]]:
        """Tokens for ``(value, entity_type, format, parsed)`` items, in order. One PutMany per round."""
        keys = self.keys
        unique: dict[tuple[str, str], _Pending] = {}
        order: list[_Pending] = []
        for value, entity_type, fmt, parsed in items:
            p = unique.get((entity_type, value))
            if p is None:
                p = unique[(entity_type, value)] = _Pending(value, entity_type, fmt, parsed)
            order.append(p)
        pending = list(unique.values())
        touch: list[str] = []
        while pending:
            for p in pending:
                p.token, p.key, p.record = self._derive(
                    keys, p.value, p.entity_type, p.fmt, p.parsed, p.tweak
                )
            results = yield PutMany([(p.key, p.record) for p in pending], ttl)
            clashed: list[_Pending] = []
            for p, existing in zip(pending, results, strict=True):
                verdict = self._settle(keys, p.value, p.fmt, p.token, p.key, p.record, existing)
                if verdict == _TOUCH:
                    touch.append(p.key)
                elif verdict == _CLASH:
                    self.clashes += 1
                    p.tweak += 1
                    if p.tweak >= MAX_TWEAKS:
                        raise self._exhausted(keys, p.entity_type, p.value)
                    clashed.append(p)
            pending = clashed
        if touch:
            yield TouchMany(touch, ttl)
        return [p.token for p in order]

    @staticmethod
    def _value_for(payload: Payload, token: str, fmt: TokenFormat) -> str:
        """The value a token string stands for: exact when written as issued, else in its own layout."""
        if token == payload.token:
            return payload.value
        relaid = fmt.relayout(payload.value, token)
        return payload.value if relaid is None else relaid

    # -- decode --------------------------------------------------------------------------------------
    def lookups_for(self, token: str) -> list[Lookup]:
        """Every way ``token`` (a whole string) can be read as a token."""
        return [Lookup(token, et, fmt, parsed) for et, fmt, parsed in self.registry.readings(token)]

    def exists_plan(self, lookups: Sequence[Lookup]) -> Plan[list[bool]]:
        """Whether the vault holds a live entry for each lookup (no decryption). One GetMany."""
        if not lookups:
            return []
        records = yield GetMany([self.vault_key(lk.entity_type, lk.parsed.canonical) for lk in lookups])
        return [r is not None for r in records]

    def fetch_plan(self, lookups: Sequence[Lookup]) -> Plan[list[tuple[str, bytes] | None]]:
        """For each lookup, ``(vault key, record)`` if the vault holds it, else None. One GetMany;
        nothing is decrypted (:meth:`open_fetched` opens the ones the caller keeps)."""
        if not lookups:
            return []
        vault_keys = [self.vault_key(lk.entity_type, lk.parsed.canonical) for lk in lookups]
        records = yield GetMany(vault_keys)
        return [None if r is None else (k, r) for k, r in zip(vault_keys, records, strict=True)]

    def open_fetched(self, lk: Lookup, fetched: tuple[str, bytes]) -> tuple[str, str]:
        """``(entity_type, value)`` of a record :meth:`fetch_plan` found for ``lk``."""
        vkey, record = fetched
        payload = self.keys.open(vkey, record)
        return payload.entity_type, self._value_for(payload, lk.token, lk.fmt)

    def decode_plan(self, lookups: Sequence[Lookup]) -> Plan[list[tuple[str, str] | None]]:
        """For each lookup, ``(entity_type, value)`` if the vault holds it, else None. One GetMany."""
        fetched = yield from self.fetch_plan(lookups)
        return [
            None if f is None else self.open_fetched(lk, f) for lk, f in zip(lookups, fetched, strict=True)
        ]

    def decode_one(self, vault: Vault, token: str) -> tuple[str, str] | None:
        """The sync path of :meth:`decode_plan` for one string: its first live reading, or None.

        Readings are tried in :meth:`FormatRegistry.readings` order (reserved ranges first); the
        vault is asked for the next one only when the one before it missed.
        """
        keys = self._keys if self._keys_of is self.keyring else self.keys
        for entity_type, fmt, parsed in self.registry.readings(token):
            vkey = f"{self._prefix}{entity_type}:{parsed.canonical}"
            record = vault.get(vkey)
            if record is not None:
                payload = keys.open(vkey, record)
                value = payload.value if token == payload.token else self._value_for(payload, token, fmt)
                return payload.entity_type, value
        return None
