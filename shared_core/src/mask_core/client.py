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

import functools
import inspect
import logging
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from mask_core._leaves import Leaves
from mask_core._plan import Plan, run_async, run_sync
from mask_core._textops import Hint, TextOps, Tokenized
from mask_core.audit.events import AuditEvent, AuditSink, current_context
from mask_core.entities import Category, EntityCatalog
from mask_core.errors import (
    DecodeNotAllowedError,
    InvalidInputError,
    MaskConfigurationError,
    MaskError,
    TokenNotFoundError,
    UnsupportedTypeError,
    ValueTooLargeError,
    VaultUnavailableError,
)
from mask_core.fields import NEVER_SENSITIVE, FieldRules
from mask_core.keys.keyring import Keyring
from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.scanner import Scanner
from mask_core.settings import MaskSettings, get_settings
from mask_core.tokens.engine import DEFAULT_NAMESPACE, Lookup, TokenEngine
from mask_core.tokens.formats import Parsed, TokenFormat
from mask_core.tokens.registry import FormatRegistry, TokenFinder
from mask_core.types import Entity, Recognizer
from mask_core.vault.base import Vault
from mask_core.vault.memory import MemoryVault
from mask_core.walk import UnknownPolicy

if TYPE_CHECKING:
    from mask_core.keys.providers import KeyProvider

__all__ = ["MaskClient"]

logger = logging.getLogger("mask_core")
T = TypeVar("T")
_TENANT_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def _keyring_from(
    settings: MaskSettings,
    master_key: bytes | str | None,
    keyring: Keyring | None,
    key_provider: KeyProvider | None = None,
) -> Keyring:
    if keyring is not None:
        return keyring
    if master_key is not None:
        return Keyring.from_master_key(master_key)
    # -- key providers: a chosen provider delivers the key or raises; it never falls back ----
    if key_provider is None and settings.key_provider != "env":
        from mask_core.keys.providers import provider_from_settings

        key_provider = provider_from_settings(settings)
    if key_provider is not None:
        return key_provider.load()
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


# -- audit trail: every MaskError raised by a public method becomes an audit event ---------
_F = TypeVar("_F", bound=Callable[..., Any])
_OUTCOMES = {TokenNotFoundError: "not_found", DecodeNotAllowedError: "denied"}


def _failures_audited(
    method: _F, client: MaskClient, action: str, already: tuple[type[MaskError], ...]
) -> _F:
    """``method`` emitting a failure event (outcome not_found/denied/error, detail the error class) for
    every MaskError it raises, then re-raising. ``already`` names errors the method audits itself
    (decode's not_found and denied), so none is counted twice.
    """
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def awrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return await method(*args, **kwargs)
            except MaskError as exc:
                if not isinstance(exc, already):
                    client._emit_failure(action, exc)
                raise

        return cast(_F, awrapper)

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except MaskError as exc:
            if not isinstance(exc, already):
                client._emit_failure(action, exc)
            raise

    return cast(_F, wrapper)


def _audit_from(settings: MaskSettings, keyring: Keyring) -> AuditSink | None:
    if not settings.audit_sinks:
        return None
    from mask_core.audit.buffer import audit_logger_from_settings

    return audit_logger_from_settings(settings, keyring)


_DECODED = (TokenNotFoundError, DecodeNotAllowedError)
# Public methods whose MaskErrors become audit events: name -> (action, errors the method audits itself).
# The wrappers are installed on the instance only while an audit sink is set, so a client without an
# audit trail pays nothing for them (a wrapper frame is a measurable share of a 5-microsecond decode).
_AUDITED: dict[str, tuple[str, tuple[type[MaskError], ...]]] = {
    "encode": ("encode", ()),
    "decode": ("decode", _DECODED),
    "scan": ("detect", ()),
    "tokenize_text": ("tokenize", ()),
    "scan_and_tokenize": ("tokenize", ()),
    "tokenize_detailed": ("tokenize", ()),
    "detokenize_text": ("detokenize", ()),
    "deep_encode": ("deep_encode", ()),
    "deep_encode_pii": ("deep_encode", ()),
    "deep_decode": ("deep_decode", ()),
}
_AUDITED.update({"a" + name: (action, already) for name, (action, already) in list(_AUDITED.items())})


def _threshold(value: float | None) -> float | None:
    if value is not None and not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
        raise InvalidInputError("a score threshold must be a number within [0, 1]")
    return value


def _scanner_from(settings: MaskSettings) -> Scanner:
    """The default pipeline: every built-in recognizer, the NER tier if available, type switches."""
    from mask_core.scan.ner import ner_from_settings

    scanner = Scanner(
        default_recognizers(phone_regions=settings.phone_regions),
        threshold=settings.score_threshold,
        ner=ner_from_settings(
            settings.ner, settings.nlp_model, settings.languages, threads=settings.ner_threads
        ),
        report_only=[name.upper() for name in settings.report_only],
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
        key_provider: KeyProvider | None = None,
        fields: FieldRules | Mapping[str, str | None] | None = None,
    ) -> None:
        settings = settings or get_settings()
        self.settings = settings
        tenant = settings.tenant if tenant is None else tenant
        if not isinstance(tenant, str) or not _TENANT_RE.fullmatch(tenant):
            raise MaskConfigurationError("tenant ids are 1-64 characters of letters, digits, '.', '_' or '-'")
        if ttl is not None and not ttl > 0:
            raise MaskConfigurationError("ttl must be a positive number of seconds, or None for no expiry")
        self.tenant = tenant
        self.keyring = _keyring_from(settings, master_key, keyring, key_provider)
        self.vault = vault if vault is not None else self._default_vault(settings)
        self.ttl = ttl if ttl is not None else settings.ttl
        self.lenient = settings.lenient_decode if lenient is None else lenient
        self._fail_open_decode = self._check_fail_open(settings)  # distributed vaults
        self._audit: AuditSink | None = None
        self.audit = audit if audit is not None else _audit_from(settings, self.keyring)
        self.catalog = EntityCatalog()
        self.registry = FormatRegistry(self.catalog)
        self.scanner = scanner or _scanner_from(settings)
        for rec in self.scanner.recognizers:
            for et in rec.entity_types:
                self.catalog.register(et)
        #: What field names say about the values under them in ``deep_encode``/``deep_decode``
        #: (:mod:`mask_core.fields`); a mapping adds rules to the built-in vocabulary.
        self.fields = fields if isinstance(fields, FieldRules) else FieldRules(fields)
        for entity_type in self.fields.extra.values():
            if entity_type is not None and entity_type != NEVER_SENSITIVE and entity_type not in self.catalog:
                self.catalog.register(entity_type)
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

    @property
    def audit(self) -> AuditSink | None:
        """Where audit events go (None: nowhere). Setting it also audits every failure of a public method."""
        return self._audit

    @audit.setter
    def audit(self, sink: AuditSink | None) -> None:
        self._audit = sink
        for name, (action, already) in _AUDITED.items():
            if sink is None:
                self.__dict__.pop(name, None)
            else:
                method = getattr(type(self), name).__get__(self)
                self.__dict__[name] = _failures_audited(method, self, action, already)

    def __repr__(self) -> str:
        return (
            f"MaskClient(tenant={self.tenant!r}, vault={type(self.vault).__name__}, keyring={self.keyring!r})"
        )

    # -- distributed vaults: development-only fail-open decode -----------------------------
    @staticmethod
    def _check_fail_open(settings: MaskSettings) -> bool:
        if settings.vault_fail_open_decode and not settings.is_development:
            raise MaskConfigurationError(
                "MASK_VAULT_FAIL_OPEN_DECODE is allowed only with MASK_ENV=development: in production a "
                "decode whose vault is unavailable must fail (fail-shut)"
            )
        return settings.vault_fail_open_decode

    def _vault_down_on_decode(self, exc: VaultUnavailableError, unchanged: T) -> T:
        """Fail-shut: re-raise. Only in development with MASK_VAULT_FAIL_OPEN_DECODE: return the input
        unchanged (its tokens stay tokens, nothing is decoded) and say so loudly."""
        if not self._fail_open_decode:
            raise exc
        logger.error(
            "VAULT UNAVAILABLE (%s): FAIL-OPEN DECODE returned the tokens unchanged; the tool receives "
            "tokens, not real values. MASK_VAULT_FAIL_OPEN_DECODE is for development only.",
            type(exc).__name__,
        )
        self._emit("decode", None, None, outcome="vault_unavailable", detail="fail_open")
        return unchanged

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

    def _emit_failure(self, action: str, exc: MaskError) -> None:
        if self.audit is None:
            return
        ctx = current_context()
        outcome = next((o for t, o in _OUTCOMES.items() if isinstance(exc, t)), "error")
        self.audit.emit(
            AuditEvent(
                action,
                self.tenant,
                fingerprint=getattr(exc, "fingerprint", None),
                outcome=outcome,
                tool=ctx.get("tool"),
                agent=ctx.get("agent"),
                detail=type(exc).__name__,
            )
        )

    def _emit_restore(self, entity_type: str, token: str, restored: bool) -> None:
        if restored:
            self._emit("decode", entity_type, token)
        else:
            self._emit("decode_denied", entity_type, token, outcome="kept")

    # -- plans ---------------------------------------------------------------------------------------
    def _prepare_encode(self, value: object, entity_type: str | None) -> tuple[str, str, TokenFormat, Parsed]:
        value = self._text(value, self._max_value, "a value to encode")
        if not value:
            raise InvalidInputError("cannot encode an empty string")
        if entity_type is None:
            entity_type = self.scanner.detect(value) or "GENERIC"
        fmt = self.registry.format_for(entity_type)  # raises for an unknown type
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
        self,
        texts: Sequence[str],
        contexts: Sequence[Hint] | None,
        entities: Sequence[str] | None,
        numbers: Sequence[tuple[str, str, TokenFormat, Parsed]] = (),
    ) -> Plan[tuple[list[Tokenized], list[str]]]:
        for t in texts:
            self._text(t, self._max_text, "text")
        results, number_tokens = yield from self._ops.tokenize_plan(
            texts, contexts, self.ttl, entities, numbers
        )
        if self._audit is not None:
            for r in results:
                for e, tok in zip(r.entities, r.tokens, strict=True):
                    self._emit("encode", e.entity_type, tok, detail=e.recognizer or None)
            for (_, entity_type, _, _), tok in zip(numbers, number_tokens, strict=True):
                self._emit("encode", entity_type, tok, detail="field")
        return results, number_tokens

    def _detokenize_plan(
        self,
        texts: Sequence[str],
        allowed: Collection[str] | None,
        lenient: bool | None,
        numbers: Sequence[Lookup] = (),
        types: Sequence[frozenset[str]] | None = None,
    ) -> Plan[tuple[list[str], list[str | None]]]:
        for t in texts:
            self._text(t, self._max_text, "text")
        strict = not (self.lenient if lenient is None else lenient)
        on_restore = self._emit_restore if self._audit is not None else None
        return (
            yield from self._ops.detokenize_with_plan(
                texts, numbers, allowed_types=allowed, strict=strict, on_restore=on_restore, types=types
            )
        )

    def _deep_encode_plan(self, obj: Any, keys: bool, unknown: UnknownPolicy) -> Plan[Any]:
        leaves = Leaves.of(obj, self.fields, keys=keys, unknown=unknown)
        numbers = leaves.number_items(self.scanner.enabled_for(None))
        results, tokens = yield from self._tokenize_plan(leaves.texts, leaves.hints, None, numbers)
        return leaves.rebuild([r.text for r in results], tokens)

    def _deep_decode_plan(
        self, obj: Any, allowed: Collection[str] | None, lenient: bool | None, keys: bool
    ) -> Plan[Any]:
        leaves = Leaves.of(obj, self.fields, keys=keys, unknown="pass", decode=True)
        texts, values = yield from self._detokenize_plan(
            leaves.texts, allowed, lenient, leaves.number_lookups(), leaves.types
        )
        return leaves.rebuild(texts, values)

    def _scan_plan(
        self, text: object, entities: Sequence[str] | None, threshold: float | None = None
    ) -> Plan[list[Entity]]:
        text = self._text(text, self._max_text, "text")
        (found,) = yield from self._ops.scan_plan([text], None, entities, threshold)
        if self._audit is not None:
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
        if self._audit is not None:
            self._emit("encode", entity_type, token)
        return token

    def decode(
        self, token: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        """The exact original value of ``token``; raises :class:`TokenNotFoundError` if there is none."""
        if type(token) is not str or len(token) > self._max_value:
            self._text(token, self._max_value, "a token")  # raises the precise error
        try:
            hit = self.engine.decode_one(self.vault, token) if token else None
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode(exc, token)
        if hit is not None and allowed_types is None and self._audit is None:
            return hit[1]  # the common case, without the bookkeeping below
        return self._finish_decode(token, hit, allowed_types, self.lenient if lenient is None else lenient)

    def scan(
        self, text: str, *, entities: Sequence[str] | None = None, threshold: float | None = None
    ) -> list[Entity]:
        """Sensitive values found in ``text`` (live tokens are not findings).

        ``threshold`` overrides the scanner's minimum score for this call.
        """
        return run_sync(self._scan_plan(text, entities, _threshold(threshold)), self.vault)

    def tokenize_text(self, text: str, *, entities: Sequence[str] | None = None) -> str:
        """``text`` with every finding replaced by its token."""
        return run_sync(self._tokenize_plan([text], None, entities), self.vault)[0][0].text

    scan_and_tokenize = tokenize_text

    def tokenize_detailed(self, text: str, *, entities: Sequence[str] | None = None) -> Tokenized:
        """Like :meth:`tokenize_text`, also returning the findings and their tokens."""
        return run_sync(self._tokenize_plan([text], None, entities), self.vault)[0][0]

    def detokenize_text(
        self, text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        """``text`` with every token restored. An unknown token in a reserved range raises unless lenient."""
        try:
            return run_sync(self._detokenize_plan([text], allowed_types, lenient), self.vault)[0][0]
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode(exc, text)

    def deep_encode(self, obj: Any, *, keys: bool = True, unknown: UnknownPolicy = "error") -> Any:
        """A copy of ``obj`` with every string leaf tokenized (see :mod:`mask_core.walk`)."""
        return run_sync(self._deep_encode_plan(obj, keys, unknown), self.vault)

    deep_encode_pii = deep_encode

    def deep_decode(
        self,
        obj: Any,
        *,
        allowed_types: Collection[str] | None = None,
        lenient: bool | None = None,
        keys: bool = True,
    ) -> Any:
        """A copy of ``obj`` with every token restored; tokens of types not in ``allowed_types`` stay."""
        try:
            return run_sync(self._deep_decode_plan(obj, allowed_types, lenient, keys), self.vault)
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode(exc, obj)

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
        plan = self._decode_plan(token, allowed_types, self.lenient if lenient is None else lenient)
        try:
            return await run_async(plan, self.vault)
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode(exc, token)

    async def ascan(
        self, text: str, *, entities: Sequence[str] | None = None, threshold: float | None = None
    ) -> list[Entity]:
        return await run_async(self._scan_plan(text, entities, _threshold(threshold)), self.vault)

    async def atokenize_text(self, text: str, *, entities: Sequence[str] | None = None) -> str:
        return (await run_async(self._tokenize_plan([text], None, entities), self.vault))[0][0].text

    ascan_and_tokenize = atokenize_text

    async def atokenize_detailed(self, text: str, *, entities: Sequence[str] | None = None) -> Tokenized:
        return (await run_async(self._tokenize_plan([text], None, entities), self.vault))[0][0]

    async def adetokenize_text(
        self, text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        try:
            return (await run_async(self._detokenize_plan([text], allowed_types, lenient), self.vault))[0][0]
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode(exc, text)

    async def adeep_encode(self, obj: Any, *, keys: bool = True, unknown: UnknownPolicy = "error") -> Any:
        return await run_async(self._deep_encode_plan(obj, keys, unknown), self.vault)

    adeep_encode_pii = adeep_encode

    async def adeep_decode(
        self,
        obj: Any,
        *,
        allowed_types: Collection[str] | None = None,
        lenient: bool | None = None,
        keys: bool = True,
    ) -> Any:
        try:
            return await run_async(self._deep_decode_plan(obj, allowed_types, lenient, keys), self.vault)
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode(exc, obj)

    async def aclose(self) -> None:
        await self.vault.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
