"""``RemoteScanner``: detection by a Presidio-compatible ``/analyze`` HTTP service (``mask-core[remote]``).

Use it where detection runs as a shared service (a Presidio analyzer container with your own
recognizers), alone or inside Mask's pipeline::

    from mask_core.scan.remote import RemoteScanner

    remote = RemoteScanner("http://presidio-analyzer:3000", timeout=2.0, retries=2)
    remote.analyze("Call Alice at +1 415 555 2671")          # list[Entity]
    await remote.aanalyze(text)                               # the async twin
    client.add_recognizer(remote)                             # part of tokenize_text / deep_encode

Fail-shut: a connection error, a timeout or a 5xx answer is retried ``retries`` times with
exponential backoff; after that, and at once for any other error (4xx, malformed JSON, a span outside
the text), it raises :class:`~mask_core.errors.ScanError`. It never returns "no findings" for a text it
could not scan; the caller's fail-shut policy decides (a tool result is then not passed to the model).
Error messages name the service's status, never the text.

The request body is Presidio's: ``{"text", "language", "entities"?, "score_threshold"?}``; the answer is
a JSON list of ``{"entity_type", "start", "end", "score"}``. Types the scanner was not told about are
reported as ``GENERIC`` (tokenized as placeholders) rather than dropped.
"""

from __future__ import annotations

import asyncio
import importlib
import time
from collections.abc import Mapping, Sequence
from typing import Any

from mask_core.entities import BUILTIN_ENTITIES
from mask_core.errors import InvalidInputError, MissingDependencyError, ScanError
from mask_core.scan.presidio import from_presidio
from mask_core.types import Entity

__all__ = ["PRESIDIO_ENTITIES", "RemoteScanner"]

#: Presidio's predefined entity types (2.2); findings of any other type become GENERIC.
PRESIDIO_ENTITIES: tuple[str, ...] = (
    "CREDIT_CARD", "CRYPTO", "DATE_TIME", "EMAIL_ADDRESS", "IBAN_CODE", "IP_ADDRESS", "NRP", "LOCATION",
    "PERSON", "ORGANIZATION", "PHONE_NUMBER", "MEDICAL_LICENSE", "URL", "US_BANK_NUMBER",
    "US_DRIVER_LICENSE", "US_ITIN", "US_PASSPORT", "US_SSN", "UK_NHS", "UK_NINO", "ES_NIF", "ES_NIE",
    "MAC_ADDRESS", "IT_FISCAL_CODE", "IT_DRIVER_LICENSE", "IT_VAT_CODE", "IT_PASSPORT",
    "IT_IDENTITY_CARD", "PL_PESEL", "SG_NRIC_FIN", "SG_UEN", "AU_ABN", "AU_ACN", "AU_TFN", "AU_MEDICARE",
    "IN_PAN", "IN_AADHAAR", "IN_VEHICLE_REGISTRATION", "IN_VOTER", "IN_PASSPORT", "FI_PERSONAL_IDENTITY_CODE",
    "KR_RRN", "TH_TNIN",
)  # fmt: skip
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def _httpx() -> Any:
    try:
        return importlib.import_module("httpx")
    except ImportError as exc:
        raise MissingDependencyError("RemoteScanner", "httpx", "remote") from exc


class RemoteScanner:
    """A Presidio-compatible ``/analyze`` service as a scanner and as a recognizer in the pipeline."""

    name = "remote"
    heavy = True  # network I/O: the async client runs the pipeline off the event loop

    def __init__(
        self,
        url: str,
        *,
        language: str = "en",
        entities: Sequence[str] | None = None,
        score_threshold: float | None = None,
        timeout: float = 5.0,
        retries: int = 2,
        backoff: float = 0.1,
        headers: Mapping[str, str] | None = None,
        entity_types: Sequence[str] | None = None,
    ) -> None:
        httpx = _httpx()
        if retries < 0 or timeout <= 0:
            raise InvalidInputError("retries must be >= 0 and timeout > 0")
        self.url = url.rstrip("/") + ("" if url.rstrip("/").endswith("/analyze") else "/analyze")
        self.language = language
        self.entities = list(entities) if entities is not None else None
        self.score_threshold = score_threshold
        self.retries = retries
        self.backoff = backoff
        self.headers = dict(headers or {})
        self._timeout = httpx.Timeout(timeout)
        self._client: Any = None
        self._aclient: Any = None
        known = entity_types or [
            *PRESIDIO_ENTITIES,
            *(e for e in BUILTIN_ENTITIES if e not in PRESIDIO_ENTITIES),
        ]
        self.entity_types: tuple[str, ...] = tuple(dict.fromkeys(known))

    def __repr__(self) -> str:
        return f"RemoteScanner({self.url!r})"

    def _body(self, text: str) -> dict[str, Any]:
        body: dict[str, Any] = {"text": text, "language": self.language}
        if self.entities is not None:
            body["entities"] = self.entities
        if self.score_threshold is not None:
            body["score_threshold"] = self.score_threshold
        return body

    def _parse(self, response: Any, text: str) -> list[Entity]:
        if response.status_code != 200:
            raise ScanError(
                f"the analyze service answered HTTP {response.status_code}; the text was not scanned"
            )
        try:
            payload = response.json()
            if not isinstance(payload, list):
                raise TypeError("not a list")
            found = from_presidio(payload, text, recognizer=self.name)
        except (ValueError, TypeError, InvalidInputError) as exc:
            raise ScanError("the analyze service sent an answer that is not a list of findings") from exc
        known = set(self.entity_types)
        return [e if e.entity_type in known else _generic(e) for e in found]

    def _retryable(self, exc: BaseException | None, status: int | None) -> bool:
        httpx = _httpx()
        if exc is not None:
            return isinstance(exc, httpx.TransportError)  # connect errors, timeouts, broken connections
        return status in _RETRY_STATUS

    def analyze(self, text: str) -> list[Entity]:
        """Findings for ``text`` from the service; raises :class:`ScanError` when it cannot answer."""
        httpx = _httpx()
        if self._client is None:
            self._client = httpx.Client(timeout=self._timeout, headers=self.headers)
        for attempt in range(self.retries + 1):
            try:
                response = self._client.post(self.url, json=self._body(text))
            except httpx.HTTPError as exc:
                if attempt < self.retries and self._retryable(exc, None):
                    time.sleep(self.backoff * 2**attempt)
                    continue
                raise ScanError(
                    f"the analyze service is unreachable ({type(exc).__name__}); the text was not scanned"
                ) from None
            if attempt < self.retries and self._retryable(None, response.status_code):
                time.sleep(self.backoff * 2**attempt)
                continue
            return self._parse(response, text)
        raise AssertionError("unreachable")  # pragma: no cover

    async def aanalyze(self, text: str) -> list[Entity]:
        httpx = _httpx()
        if self._aclient is None:
            self._aclient = httpx.AsyncClient(timeout=self._timeout, headers=self.headers)
        for attempt in range(self.retries + 1):
            try:
                response = await self._aclient.post(self.url, json=self._body(text))
            except httpx.HTTPError as exc:
                if attempt < self.retries and self._retryable(exc, None):
                    await asyncio.sleep(self.backoff * 2**attempt)
                    continue
                raise ScanError(
                    f"the analyze service is unreachable ({type(exc).__name__}); the text was not scanned"
                ) from None
            if attempt < self.retries and self._retryable(None, response.status_code):
                await asyncio.sleep(self.backoff * 2**attempt)
                continue
            return self._parse(response, text)
        raise AssertionError("unreachable")  # pragma: no cover

    def find(self, text: str) -> list[Entity]:
        return self.analyze(text) if text else []

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        if self._aclient is not None:
            await self._aclient.aclose()
            self._aclient = None


def _generic(e: Entity) -> Entity:
    import dataclasses

    return dataclasses.replace(e, entity_type="GENERIC", metadata={"remote_type": e.entity_type})
