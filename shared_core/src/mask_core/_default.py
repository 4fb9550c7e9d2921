"""The default client behind the module-level functions, built once from ``MASK_*`` settings.

``mask_core.encode(...)`` and friends use it. It is created lazily on first use, under a lock, so
concurrent first calls build exactly one client. Multi-tenant services should create explicit
:class:`~mask_core.MaskClient` instances instead.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from typing import Any

from mask_core.client import MaskClient
from mask_core.types import Entity
from mask_core.walk import UnknownPolicy

__all__ = [
    "adecode", "adeep_decode", "adeep_encode", "adeep_encode_pii", "adetokenize_text", "aencode",
    "ascan_and_tokenize", "atokenize_text", "decode", "deep_decode", "deep_encode", "deep_encode_pii",
    "detokenize_text", "encode", "get_default_client", "reset_default_client", "scan", "scan_and_tokenize",
    "set_default_client", "tokenize_text",
]  # fmt: skip

_lock = threading.Lock()
_client: MaskClient | None = None


def get_default_client() -> MaskClient:
    global _client
    client = _client
    if client is None:
        with _lock:
            if _client is None:
                _client = MaskClient()
            client = _client
    return client


def set_default_client(client: MaskClient | None) -> None:
    """Replace the default client (None: rebuild from settings on next use)."""
    global _client
    with _lock:
        _client = client


def reset_default_client() -> None:
    set_default_client(None)


def encode(value: str, entity_type: str | None = None, *, ttl: float | None = None) -> str:
    return get_default_client().encode(value, entity_type, ttl=ttl)


def decode(token: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None) -> str:
    return get_default_client().decode(token, allowed_types=allowed_types, lenient=lenient)


def scan(text: str, *, entities: Sequence[str] | None = None, threshold: float | None = None) -> list[Entity]:
    return get_default_client().scan(text, entities=entities, threshold=threshold)


def tokenize_text(text: str, *, entities: Sequence[str] | None = None) -> str:
    return get_default_client().tokenize_text(text, entities=entities)


scan_and_tokenize = tokenize_text


def detokenize_text(
    text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
) -> str:
    return get_default_client().detokenize_text(text, allowed_types=allowed_types, lenient=lenient)


def deep_encode(obj: Any, *, keys: bool = True, unknown: UnknownPolicy = "error") -> Any:
    return get_default_client().deep_encode(obj, keys=keys, unknown=unknown)


deep_encode_pii = deep_encode


def deep_decode(
    obj: Any,
    *,
    allowed_types: Collection[str] | None = None,
    lenient: bool | None = None,
    keys: bool = True,
) -> Any:
    return get_default_client().deep_decode(obj, allowed_types=allowed_types, lenient=lenient, keys=keys)


async def aencode(value: str, entity_type: str | None = None, *, ttl: float | None = None) -> str:
    return await get_default_client().aencode(value, entity_type, ttl=ttl)


async def adecode(
    token: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
) -> str:
    return await get_default_client().adecode(token, allowed_types=allowed_types, lenient=lenient)


async def atokenize_text(text: str, *, entities: Sequence[str] | None = None) -> str:
    return await get_default_client().atokenize_text(text, entities=entities)


ascan_and_tokenize = atokenize_text


async def adetokenize_text(
    text: str, *, allowed_types: Collection[str] | None = None, lenient: bool | None = None
) -> str:
    return await get_default_client().adetokenize_text(text, allowed_types=allowed_types, lenient=lenient)


async def adeep_encode(obj: Any, *, keys: bool = True, unknown: UnknownPolicy = "error") -> Any:
    return await get_default_client().adeep_encode(obj, keys=keys, unknown=unknown)


adeep_encode_pii = adeep_encode


async def adeep_decode(
    obj: Any,
    *,
    allowed_types: Collection[str] | None = None,
    lenient: bool | None = None,
    keys: bool = True,
) -> Any:
    return await get_default_client().adeep_decode(
        obj, allowed_types=allowed_types, lenient=lenient, keys=keys
    )
