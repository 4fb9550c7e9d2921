"""``MaskClient``: tokens, scanning and the deep walkers for one tenant.

Usage::

    from mask_core import MaskClient, MemoryVault

    client = MaskClient(tenant="acme", master_key=key, vault=MemoryVault(), ttl=None)
    token = client.encode("alice@example.com")        # u.k3f9x2qa7m@mask.example.net
    client.decode(token)                              # "alice@example.com"
    safe = client.deep_encode(tool_result)            # before the model sees it
    args = client.deep_decode(model_arguments)        # just before the tool runs

Every method has an ``a``-prefixed async twin that shares its implementation (``_plan.py``).
Everything that can fail raises a :class:`~mask_core.errors.MaskError` whose message holds no value.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence
from typing import Any, Self

from mask_core._plan import Plan, run_async, run_sync
from mask_core._textops import TextOps, Tokenized
from mask_core.audit.events import AuditEvent, AuditSink, current_context
from mask_core.entities import Category, EntityCatalog
from mask_core.errors import (
    DecodeNotAllowedError,
    InvalidInputError,
    MaskConfigurationError,
    TokenNotFoundError,
    UnsupportedTypeError,
    ValueTooLargeError,
)
from mask_core.keys.keyring import Keyring
from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.scanner import Scanner
from mask_core.settings import MaskSettings, get_settings
from mask_core.tokens.engine import DEFAULT_NAMESPACE, TokenEngine
from mask_core.tokens.formats import Parsed, TokenFormat
from mask_core.tokens.registry import FormatRegistry, TokenFinder
from mask_core.types import Entity, Recognizer
from mask_core.vault.base import Vault
from mask_core.vault.memory import MemoryVault
from mask_core.walk import UnknownPolicy, collect_strings, rebuild

__all__ = ["MaskClient"]

logger = logging.getLogger("mask_core")
_TENANT_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def _keyring_from(settings: MaskSettings, master_key: bytes | str | None, keyring: Keyring | None) -> Keyring:
    if keyring is not None:
        return keyring
    if master_key is not None:
        return Keyring.from_master_key(master_key)
    if settings.keyring is not None:
        return Keyring.parse(settings.keyring.get_secret_value())
    if settings.master_key is not None:
        return Keyring.from_master_key(settings.master_key.get_secret_value())
    if settings.is_development:
        logger.warning(
            "MASK_ENV=development and no master key: using an EPHEMERAL random key. Tokens will not "
            "decode after this process exits or in any other process. Never run like this in production."
        )
        return Keyring.generate()
    raise MaskConfigurationError(
        "no master key: set MASK_MASTER_KEY (or MASK_KEYRING), pass master_key= or keyring=, or set "
        "MASK_ENV=development to use an ephemeral key for local experiments"
    )


def _scanner_from(settings: MaskSettings) -> Scanner:
    """The default pipeline: every built-in recognizer, the NER tier if available, type switches."""
    from mask_core.scan.ner import ner_from_settings

    scanner = Scanner(
        default_recognizers(phone_regions=settings.phone_regions),
        threshold=settings.score_threshold,
        ner=ner_from_settings(settings.ner, settings.nlp_model, settings.languages),
    )
    if settings.entities is not None or settings.disabled_entities:
        scanner.configure(enable=settings.entities, disable=settings.disabled_entities)
    return scanner


class MaskClient:
    """Tokenize and restore sensitive values for one tenant. Thread-safe; share one per tenant."""

    def __init__(
        self,
        *,
        tenant: str | None = None,
        master_key: bytes | str | None = None,
        keyring: Keyring | None = None,
        vault: Vault | None = None,
        ttl: float | None = None,
        scanner: Scanner | None = None,
        audit: AuditSink | None = None,
        lenient: bool | None = None,
        settings: MaskSettings | None = None,
        namespace: str = DEFAULT_NAMESPACE,
    ) -> None:
        settings = settings or get_settings()
        self.settings = settings
        tenant = settings.tenant if tenant is None else tenant
        if not isinstance(tenant, str) or not _TENANT_RE.fullmatch(tenant):
            raise MaskConfigurationError("tenant ids are 1-64 characters of letters, digits, '.', '_' or '-'")
        if ttl is not None and not ttl > 0:
            raise MaskConfigurationError("ttl must be a positive number of seconds, or None for no expiry")
        self.tenant = tenant
        self.keyring = _keyring_from(settings, master_key, keyring)
        self.vault = vault if vault is not None else self._default_vault(settings)
        self.ttl = ttl if ttl is not None else settings.ttl
        self.lenient = settings.lenient_decode if lenient is None else lenient
        self.audit = audit
        self.catalog = EntityCatalog()
        self.registry = FormatRegistry(self.catalog)
        self.scanner = scanner or _scanner_from(settings)
        for rec in self.scanner.recognizers:
            for et in rec.entity_types:
                self.catalog.register(et)
        self.engine = TokenEngine(tenant, self.keyring, self.registry, namespace=namespace)
        self._ops = TextOps(self.engine, self.scanner, TokenFinder(self.registry))
        self._max_value = settings.max_value_length
        self._max_text = settings.max_text_length

    @staticmethod
    def _default_vault(settings: MaskSettings) -> Vault:
        if settings.vault_type != "memory":
            from mask_core.vault import from_settings  # network backends are optional extras

            return from_settings(settings)
        return MemoryVault(max_entries=settings.vault_max_entries or None, eviction=settings.vault_eviction)

    def __repr__(self) -> str:
        return (
            f"MaskClient(tenant={self.tenant!r}, vault={type(self.vault).__name__}, keyring={self.keyring!r})"
        )

    # -- configuration -------------------------------------------------------------------------------
    def register_entity_type(self, name: str, category: Category | str = Category.CUSTOM) -> str:
        """Allow ``encode(value, entity_type=name)`` for a custom type (tokens are placeholders)."""
        return self.catalog.register(name, category)

    def add_recognizer(self, recognizer: Recognizer) -> None:
        """Add a recognizer to this client's scanner and register the types it finds."""
        for et in recognizer.entity_types:
            self.catalog.register(et)
        self.scanner.add(recognizer)

    def configure_detection(
        self, *, enable: Sequence[str] | None = None, disable: Sequence[str] = ()
    ) -> frozenset[str] | None:
        """Switch entity types and categories on or off (see :meth:`Scanner.configure`)."""
        return self.scanner.configure(enable=enable, disable=disable)

    @property
    def max_token_length(self) -> int:
        return self.registry.max_token_length

    # -- input checks --------------------------------------------------------------------------------
    @staticmethod
    def _text(value: object, limit: int, what: str) -> str:
        if not isinstance(value, str):
            raise UnsupportedTypeError(f"{what} must be a str, not {type(value).__name__}")
        if len(value) > limit:
            raise ValueTooLargeError(f"{what} is longer than the limit of {limit} characters")
        return value

    def _emit(self, action: str, entity_type: str | None, token: str | None, **kw: Any) -> None:
        if self.audit is None:
            return
        ctx = current_context()
        self.audit.emit(
            AuditEvent(
                action,
                self.tenant,
                entity_type,
                self.engine.fingerprint(token) if token is not None else None,
                tool=ctx.get("tool"),
                agent=ctx.get("agent"),
                **kw,
            )
        )

    # -- plans ---------------------------------------------------------------------------------------
    def _prepare_encode(self, value: object, entity_type: str | None) -> tuple[str, str, TokenFormat, Parsed]:
        value = self._text(value, self._max_value, "a value to encode")
        if not value:
            raise InvalidInputError("cannot encode an empty string")
        if entity_type is None:
            entity_type = self.scanner.detect(value) or "GENERIC"
        else:
            self.catalog.check(entity_type)
        fmt = self.registry.format_for(entity_type)
        return value, entity_type, fmt, fmt.parse_value(value)

    def _encode_plan(self, value: object, entity_type: str | None, ttl: float | None) -> Plan[str]:
        item = self._prepare_encode(value, entity_type)
        (token,) = yield from self.engine.encode_plan([item], ttl)
        self._emit("encode", item[1], token)
        return token

    def _finish_decode(
        self, token: str, hit: tuple[str, str] | None, allowed: Collection[str] | None, lenient: bool
    ) -> str:
        if hit is None:
            if lenient:
                return token
            self._emit("decode", None, token, outcome="not_found")
            raise TokenNotFoundError(
                "token is unknown, expired, or another tenant's",
                fingerprint=self.engine.fingerprint(token) if token else None,
            )
        entity_type, value = hit
        if allowed is not None and entity_type not in allowed:
            self._emit("decode_denied", entity_type, token, outcome="denied")
            raise DecodeNotAllowedError(
                f"this caller may not receive {entity_type} values in clear",
                fingerprint=self.engine.fingerprint(token),
            )
        self._emit("decode", entity_type, token)
        return value

    def _decode_plan(self, token: object, allowed: Collection[str] | None, lenient: bool) -> Plan[str]:
        token = self._text(token, self._max_value, "a token")
        lookups = self.engine.lookups_for(token) if token else []
        results = (yield from self.engine.decode_plan(lookups)) if lookups else []
        hit = next((r for r in results if r is not None), None)
        return self._finish_decode(token, hit, allowed, lenient)

    def _tokenize_plan(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None, entities: Sequence[str] | None
    ) -> Plan[list[Tokenized]]:
        for t in texts:
            self._text(t, self._max_text, "text")
        results = yield from self._ops.tokenize_plan(texts, contexts, self.ttl, entities)
        if self.audit is not None:
            for r in results:
                for e, tok in zip(r.entities, r.tokens, strict=True):
                    self._emit("encode", e.entity_type, tok, detail=e.recognizer or None)
        return results

    def _detokenize_plan(
        self, texts: Sequence[str], allowed: Collection[str] | None, lenient: bool | None
    ) -> Plan[list[str]]:
        for t in texts:
            self._text(t, self._max_text, "text")
        strict = not (self.lenient if lenient is None else lenient)
        return (yield from self._ops.detokenize_plan(texts, allowed_types=allowed, strict=strict))

    def _deep_encode_plan(self, obj: Any, keys: bool, unknown: UnknownPolicy) -> Plan[Any]:
        leaves = collect_strings(obj, keys=keys, unknown=unknown)
        texts = [s for s, _ in leaves]
        results = yield from self._tokenize_plan(texts, [c for _, c in leaves], None)
        mapping = {leaf: r.text for leaf, r in zip(leaves, results, strict=True)}
        return rebuild(obj, lambda s, c: mapping[(s, c)], keys=keys, unknown=unknown)

    def _deep_decode_plan(
        self, obj: Any, allowed: Collection[str] | None, lenient: bool | None, keys: bool
    ) -> Plan[Any]:
        texts = list(dict.fromkeys(s for s, _ in collect_strings(obj, keys=keys, unknown="pass")))
        decoded = yield from self._detokenize_plan(texts, allowed, lenient)
        mapping = dict(zip(texts, decoded, strict=True))
        return rebuild(obj, lambda s, c: mapping[s], keys=keys, unknown="pass")

    def _scan_plan(self, text: object, entities: Sequence[str] | None) -> Plan[list[Entity]]:
        text = self._text(text, self._max_text, "text")
        (found,) = yield from self._ops.scan_plan([text], None, entities)
        if self.audit is not None:
            for e in found:
                self._emit("detect", e.entity_type, None, detail=e.recognizer or None)
        return found

    # -- sync API ------------------------------------------------------------------------------------
    def encode(self, value: str, entity_type: str | None = None, *, ttl: float | None = None) -> str:
        """A token for ``value``; the entity type is detected when not given (``GENERIC`` if nothing fits)."""
        value, entity_type, fmt, parsed = self._prepare_encode(value, entity_type)
        token = self.engine.encode_one(
            self.vault, value, entity_type, fmt, parsed, ttl if ttl is not None else self.ttl
        )
        self._emit("encode", entity_type, token)
        return token

    def decode(
        self, token: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        """The exact original value of ``token``; raises :class:`TokenNotFoundError` if there is none."""
        token = self._text(token, self._max_value, "a token")
        hit = self.engine.decode_one(self.vault, token) if token else None
        return self._finish_decode(token, hit, allowed_types, self.lenient if lenient is None else lenient)

    def scan(self, text: str, *, entities: Sequence[str] | None = None) -> list[Entity]:
        """Sensitive values found in ``text`` (live tokens are not findings)."""
        return run_sync(self._scan_plan(text, entities), self.vault)

    def tokenize_text(self, text: str, *, entities: Sequence[str] | None = None) -> str:
        """``text`` with every finding replaced by its token."""
        return run_sync(self._tokenize_plan([text], None, entities), self.vault)[0].text

    scan_and_tokenize = tokenize_text

    def tokenize_detailed(self, text: str, *, entities: Sequence[str] | None = None) -> Tokenized:
        """Like :meth:`tokenize_text`, also returning the findings and their tokens."""
        return run_sync(self._tokenize_plan([text], None, entities), self.vault)[0]

    def detokenize_text(
        self, text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        """``text`` with every token restored. An unknown token in a reserved range raises unless lenient."""
        return run_sync(self._detokenize_plan([text], allowed_types, lenient), self.vault)[0]

    def deep_encode(self, obj: Any, *, keys: bool = False, unknown: UnknownPolicy = "error") -> Any:
        """A copy of ``obj`` with every string leaf tokenized (see :mod:`mask_core.walk`)."""
        return run_sync(self._deep_encode_plan(obj, keys, unknown), self.vault)

    deep_encode_pii = deep_encode

    def deep_decode(
        self,
        obj: Any,
        *,
        allowed_types: Collection[str] | None = None,
        lenient: bool | None = None,
        keys: bool = False,
    ) -> Any:
        """A copy of ``obj`` with every token restored; tokens of types not in ``allowed_types`` stay."""
        return run_sync(self._deep_decode_plan(obj, allowed_types, lenient, keys), self.vault)

    def close(self) -> None:
        self.vault.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- async API -----------------------------------------------------------------------------------
    async def aencode(self, value: str, entity_type: str | None = None, *, ttl: float | None = None) -> str:
        return await run_async(
            self._encode_plan(value, entity_type, ttl if ttl is not None else self.ttl), self.vault
        )

    async def adecode(
        self, token: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        return await run_async(
            self._decode_plan(token, allowed_types, self.lenient if lenient is None else lenient), self.vault
        )

    async def ascan(self, text: str, *, entities: Sequence[str] | None = None) -> list[Entity]:
        return await run_async(self._scan_plan(text, entities), self.vault)

    async def atokenize_text(self, text: str, *, entities: Sequence[str] | None = None) -> str:
        return (await run_async(self._tokenize_plan([text], None, entities), self.vault))[0].text

    ascan_and_tokenize = atokenize_text

    async def atokenize_detailed(self, text: str, *, entities: Sequence[str] | None = None) -> Tokenized:
        return (await run_async(self._tokenize_plan([text], None, entities), self.vault))[0]

    async def adetokenize_text(
        self, text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        return (await run_async(self._detokenize_plan([text], allowed_types, lenient), self.vault))[0]

    async def adeep_encode(self, obj: Any, *, keys: bool = False, unknown: UnknownPolicy = "error") -> Any:
        return await run_async(self._deep_encode_plan(obj, keys, unknown), self.vault)

    adeep_encode_pii = adeep_encode

    async def adeep_decode(
        self,
        obj: Any,
        *,
        allowed_types: Collection[str] | None = None,
        lenient: bool | None = None,
        keys: bool = False,
    ) -> Any:
        return await run_async(self._deep_decode_plan(obj, allowed_types, lenient, keys), self.vault)

    async def aclose(self) -> None:
        await self.vault.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
