"""``MaskClient``: tokens, scanning and the deep walkers for one tenant.

Usage::

    from mask_core import MaskClient, MemoryVault

    client = MaskClient(tenant="acme", master_key=key, vault=MemoryVault(), ttl=None)
    token = client.encode("alice@example.com")        # u.k3f9x2qa7m@mask.example.net
    client.decode(token)                              # "alice@example.com"
    safe = client.deep_encode(tool_result)            # before the model sees it
    args = client.deep_decode(model_arguments)        # just before the tool runs

Every method has an ``a``-prefixed async twin that shares its implementation (``_client_plans.py``).
Everything that can fail raises a :class:`~mask_core.errors.MaskError` whose message holds no value,
and every such failure of a public method is an audit event: each method reports its own in an
``except MaskError`` clause (``_audit_trail.py``). How the parts are chosen is in ``_assembly.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self

from mask_core import _assembly
from mask_core._audit_trail import DECODE_AUDITED, AuditTrail
from mask_core._client_plans import ClientPlans, check_threshold
from mask_core._plan import run_async, run_sync
from mask_core._textops import TextOps, Tokenized
from mask_core.audit.events import AuditSink
from mask_core.entities import Category
from mask_core.errors import MaskError, VaultUnavailableError
from mask_core.fields import FieldRules
from mask_core.keys.keyring import Keyring
from mask_core.scan.scanner import Scanner
from mask_core.settings import MaskSettings, get_settings
from mask_core.tokens.engine import DEFAULT_NAMESPACE, TokenEngine
from mask_core.tokens.registry import FormatRegistry, TokenFinder
from mask_core.types import Entity, Recognizer
from mask_core.vault.base import Vault
from mask_core.walk import UnknownPolicy

if TYPE_CHECKING:
    from mask_core.keys.providers import KeyProvider

__all__ = ["MaskClient"]


class MaskClient(ClientPlans):
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
        self.tenant = tenant = _assembly.tenant_from(settings, tenant)
        _assembly.check_ttl(ttl)
        self.keyring = _assembly.keyring_from(settings, master_key, keyring, key_provider)
        self.vault = vault if vault is not None else _assembly.vault_from(settings)
        self.ttl = ttl if ttl is not None else settings.ttl
        self.lenient = settings.lenient_decode if lenient is None else lenient
        self._fail_open_decode = _assembly.fail_open_decode(settings)  # distributed vaults
        if audit is None:
            audit = _assembly.audit_from(settings, self.keyring)
        self.scanner = scanner or _assembly.scanner_from(settings)
        #: What field names say about the values under them in ``deep_encode``/``deep_decode``
        #: (:mod:`mask_core.fields`); a mapping adds rules to the built-in vocabulary.
        self.fields = _assembly.fields_from(fields)
        self.catalog = _assembly.catalog_for(self.scanner, self.fields)
        self.registry = FormatRegistry(self.catalog)
        self.engine = TokenEngine(tenant, self.keyring, self.registry, namespace=namespace)
        self._trail = AuditTrail(tenant, self.engine.fingerprint, audit)
        #: The text pipeline (scans, token claims, restores as plans) for the parts of the core that
        #: build their own plans on this client's engine and scanner: the policy firewall, streaming.
        self.pipeline = TextOps(self.engine, self.scanner, TokenFinder(self.registry), self.fields)
        self._max_value = settings.max_value_length
        self._max_text = settings.max_text_length

    @classmethod
    def from_settings(cls, settings: MaskSettings | None = None, **keywords: Any) -> Self:
        """A client configured by ``settings`` (default: the environment's); ``keywords`` are those of
        the constructor and win over the settings. Each part is resolved by ``_assembly.py``."""
        return cls(settings=settings, **keywords)

    @property
    def audit(self) -> AuditSink | None:
        """Where audit events go (None: nowhere). Every failure of a public method is audited too."""
        return self._trail.sink

    @audit.setter
    def audit(self, sink: AuditSink | None) -> None:
        self._trail.sink = sink

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

    # -- sync API: each method audits its own failures -----------------------------------------------
    def encode(self, value: str, entity_type: str | None = None, *, ttl: float | None = None) -> str:
        """A token for ``value``; the entity type is detected when not given (``GENERIC`` if nothing fits)."""
        try:
            value, entity_type, fmt, parsed = self._prepare_encode(value, entity_type)
            token = self.engine.encode_one(
                self.vault, value, entity_type, fmt, parsed, ttl if ttl is not None else self.ttl
            )
        except MaskError as exc:
            self._trail.failed("encode", exc)
            raise
        if self._trail.sink is not None:
            self._trail.emit("encode", entity_type, token)
        return token

    def decode(
        self, token: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        """The exact original value of ``token``; raises :class:`TokenNotFoundError` if there is none."""
        try:
            if type(token) is not str or len(token) > self._max_value:
                self._text(token, self._max_value, "a token")  # raises the precise error
            hit = self.engine.decode_one(self.vault, token) if token else None
            if hit is not None and allowed_types is None and self._trail.sink is None:
                return hit[1]  # the common case, without the bookkeeping below
            lenient = self.lenient if lenient is None else lenient
            return self._finish_decode(token, hit, allowed_types, lenient)
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode("decode", exc, token)
        except MaskError as exc:
            self._trail.failed("decode", exc, DECODE_AUDITED)
            raise

    def scan(
        self, text: str, *, entities: Sequence[str] | None = None, threshold: float | None = None
    ) -> list[Entity]:
        """Sensitive values found in ``text`` (live tokens are not findings).

        ``threshold`` overrides the scanner's minimum score for this call.
        """
        try:
            return run_sync(self._scan_plan(text, entities, check_threshold(threshold)), self.vault)
        except MaskError as exc:
            self._trail.failed("detect", exc)
            raise

    def tokenize_text(self, text: str, *, entities: Sequence[str] | None = None) -> str:
        """``text`` with every finding replaced by its token."""
        try:
            return run_sync(self._tokenize_plan([text], None, entities), self.vault)[0][0].text
        except MaskError as exc:
            self._trail.failed("tokenize", exc)
            raise

    scan_and_tokenize = tokenize_text

    def tokenize_detailed(self, text: str, *, entities: Sequence[str] | None = None) -> Tokenized:
        """Like :meth:`tokenize_text`, also returning the findings and their tokens."""
        try:
            return run_sync(self._tokenize_plan([text], None, entities), self.vault)[0][0]
        except MaskError as exc:
            self._trail.failed("tokenize", exc)
            raise

    def detokenize_text(
        self, text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        """``text`` with every token restored. An unknown token in a reserved range raises unless lenient."""
        try:
            return run_sync(self._detokenize_plan([text], allowed_types, lenient), self.vault)[0][0]
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode("detokenize", exc, text)
        except MaskError as exc:
            self._trail.failed("detokenize", exc)
            raise

    def deep_encode(self, obj: Any, *, keys: bool = True, unknown: UnknownPolicy = "error") -> Any:
        """A copy of ``obj`` with every string leaf tokenized (see :mod:`mask_core.walk`)."""
        try:
            return run_sync(self._deep_encode_plan(obj, keys, unknown), self.vault)
        except MaskError as exc:
            self._trail.failed("deep_encode", exc)
            raise

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
            return self._vault_down_on_decode("deep_decode", exc, obj)
        except MaskError as exc:
            self._trail.failed("deep_decode", exc)
            raise

    def close(self) -> None:
        self.vault.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- async API: the same plans, the same audit events --------------------------------------------
    async def aencode(self, value: str, entity_type: str | None = None, *, ttl: float | None = None) -> str:
        plan = self._encode_plan(value, entity_type, ttl if ttl is not None else self.ttl)
        try:
            return await run_async(plan, self.vault)
        except MaskError as exc:
            self._trail.failed("encode", exc)
            raise

    async def adecode(
        self, token: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        plan = self._decode_plan(token, allowed_types, self.lenient if lenient is None else lenient)
        try:
            return await run_async(plan, self.vault)
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode("decode", exc, token)
        except MaskError as exc:
            self._trail.failed("decode", exc, DECODE_AUDITED)
            raise

    async def ascan(
        self, text: str, *, entities: Sequence[str] | None = None, threshold: float | None = None
    ) -> list[Entity]:
        try:
            return await run_async(self._scan_plan(text, entities, check_threshold(threshold)), self.vault)
        except MaskError as exc:
            self._trail.failed("detect", exc)
            raise

    async def atokenize_text(self, text: str, *, entities: Sequence[str] | None = None) -> str:
        try:
            return (await run_async(self._tokenize_plan([text], None, entities), self.vault))[0][0].text
        except MaskError as exc:
            self._trail.failed("tokenize", exc)
            raise

    ascan_and_tokenize = atokenize_text

    async def atokenize_detailed(self, text: str, *, entities: Sequence[str] | None = None) -> Tokenized:
        try:
            return (await run_async(self._tokenize_plan([text], None, entities), self.vault))[0][0]
        except MaskError as exc:
            self._trail.failed("tokenize", exc)
            raise

    async def adetokenize_text(
        self, text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
    ) -> str:
        try:
            return (await run_async(self._detokenize_plan([text], allowed_types, lenient), self.vault))[0][0]
        except VaultUnavailableError as exc:
            return self._vault_down_on_decode("detokenize", exc, text)
        except MaskError as exc:
            self._trail.failed("detokenize", exc)
            raise

    async def adeep_encode(self, obj: Any, *, keys: bool = True, unknown: UnknownPolicy = "error") -> Any:
        try:
            return await run_async(self._deep_encode_plan(obj, keys, unknown), self.vault)
        except MaskError as exc:
            self._trail.failed("deep_encode", exc)
            raise

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
            return self._vault_down_on_decode("deep_decode", exc, obj)
        except MaskError as exc:
            self._trail.failed("deep_decode", exc)
            raise

    async def aclose(self) -> None:
        await self.vault.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
