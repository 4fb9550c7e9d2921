"""The work behind each :class:`~mask_core.client.MaskClient` method, written once as plans.

A plan (``_plan.py``) yields its vault operations; the sync method runs it with
:func:`~mask_core._plan.run_sync`, its async twin with :func:`~mask_core._plan.run_async`, so both
check, scan, store and audit alike. :class:`ClientPlans` is a base class of ``MaskClient``: the plans
read the client's current settings (ttl, leniency, size limits) at each call.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from typing import Any, TypeVar

from mask_core._audit_trail import AuditTrail
from mask_core._leaves import Leaves
from mask_core._plan import Plan
from mask_core._textops import Hint, TextOps, Tokenized
from mask_core.errors import (
    DecodeNotAllowedError,
    InvalidInputError,
    TokenNotFoundError,
    UnsupportedTypeError,
    ValueTooLargeError,
    VaultUnavailableError,
)
from mask_core.fields import FieldRules
from mask_core.scan.scanner import Scanner
from mask_core.tokens.engine import Lookup, TokenEngine
from mask_core.tokens.formats import Parsed, TokenFormat
from mask_core.tokens.registry import FormatRegistry
from mask_core.types import Entity
from mask_core.walk import UnknownPolicy

__all__ = ["ClientPlans", "check_threshold"]

logger = logging.getLogger("mask_core")
T = TypeVar("T")


def check_threshold(value: float | None) -> float | None:
    if value is not None and not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
        raise InvalidInputError("a score threshold must be a number within [0, 1]")
    return value


class ClientPlans:
    """The plans of a client; the attributes below are set by ``MaskClient.__init__``."""

    ttl: float | None
    lenient: bool
    scanner: Scanner
    registry: FormatRegistry
    engine: TokenEngine
    fields: FieldRules
    pipeline: TextOps
    _trail: AuditTrail
    _fail_open_decode: bool
    _max_value: int
    _max_text: int

    # -- input checks --------------------------------------------------------------------------------
    @staticmethod
    def _text(value: object, limit: int, what: str) -> str:
        if not isinstance(value, str):
            raise UnsupportedTypeError(f"{what} must be a str, not {type(value).__name__}")
        if len(value) > limit:
            raise ValueTooLargeError(f"{what} is longer than the limit of {limit} characters")
        return value

    # -- distributed vaults: development-only fail-open decode -----------------------------
    def _vault_down_on_decode(self, action: str, exc: VaultUnavailableError, unchanged: T) -> T:
        """Fail-shut: audit the failure of ``action`` and re-raise. Only in development with
        MASK_VAULT_FAIL_OPEN_DECODE: return the input unchanged (its tokens stay tokens, nothing is
        decoded) and say so loudly."""
        if not self._fail_open_decode:
            self._trail.failed(action, exc)
            raise exc
        logger.error(
            "VAULT UNAVAILABLE (%s): FAIL-OPEN DECODE returned the tokens unchanged; the tool receives "
            "tokens, not real values. MASK_VAULT_FAIL_OPEN_DECODE is for development only.",
            type(exc).__name__,
        )
        self._trail.emit("decode", None, None, outcome="vault_unavailable", detail="fail_open")
        return unchanged

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
        self._trail.emit("encode", item[1], token)
        return token

    def _finish_decode(
        self, token: str, hit: tuple[str, str] | None, allowed: Collection[str] | None, lenient: bool
    ) -> str:
        if hit is None:
            if lenient:
                return token
            self._trail.emit("decode", None, token, outcome="not_found")
            raise TokenNotFoundError(
                "token is unknown, expired, or another tenant's",
                fingerprint=self.engine.fingerprint(token) if token else None,
            )
        entity_type, value = hit
        if allowed is not None and entity_type not in allowed:
            self._trail.emit("decode_denied", entity_type, token, outcome="denied")
            raise DecodeNotAllowedError(
                f"this caller may not receive {entity_type} values in clear",
                fingerprint=self.engine.fingerprint(token),
            )
        self._trail.emit("decode", entity_type, token)
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
        results, number_tokens = yield from self.pipeline.tokenize_plan(
            texts, contexts, self.ttl, entities, numbers
        )
        if self._trail.sink is not None:
            for r in results:
                for e, tok in zip(r.entities, r.tokens, strict=True):
                    self._trail.emit("encode", e.entity_type, tok, detail=e.recognizer or None)
            for (_, entity_type, _, _), tok in zip(numbers, number_tokens, strict=True):
                self._trail.emit("encode", entity_type, tok, detail="field")
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
        on_restore = self._trail.restored if self._trail.sink is not None else None
        return (
            yield from self.pipeline.detokenize_with_plan(
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
        (found,) = yield from self.pipeline.scan_plan([text], None, entities, threshold)
        if self._trail.sink is not None:
            for e in found:
                self._trail.emit("detect", e.entity_type, None, detail=e.recognizer or None)
        return found
