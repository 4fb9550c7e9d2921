"""Bearer API keys with scopes, and the console's session cookie.

Checking a key never short-circuits: the presented key is hashed (SHA-256), then keyed with a random
per-process HMAC key, and compared with :func:`hmac.compare_digest` against *every* configured key's
keyed digest, so neither timing nor the order of keys tells an attacker how close a guess was. Keys may
be configured as ``sha256:<hex>`` so the service never holds them in clear.

Failures say as little as possible: a missing header, a malformed one, and an unknown key all give the
same ``401 {"error": "unauthorized"}``; a known key without the scope gives ``403 {"error":
"forbidden"}``. Neither names the key, the scope that was missing, or what was wrong with the header.

The console cannot send headers on page loads, so signing in with a key that has the ``console``
scope sets an HttpOnly, SameSite=Strict cookie holding ``name|expiry`` and an HMAC of it (the key
itself is never stored in the cookie). Console API calls are JSON-only POSTs, which a cross-site form
cannot make, and SameSite=Strict keeps the cookie off cross-site requests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request

from mask_core.errors import MaskConfigurationError
from mask_server.settings import ApiKey

__all__ = ["COOKIE", "Authenticator", "Principal", "check_scope", "require"]

logger = logging.getLogger("mask_server.auth")
COOKIE = "mask_console"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's name (never the key) and its scopes."""

    name: str
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        return "admin" in self.scopes or scope in self.scopes


_ANONYMOUS = Principal("anonymous", frozenset({"admin"}))


def _unauthorized() -> HTTPException:
    return HTTPException(401, "unauthorized", headers={"WWW-Authenticate": "Bearer"})


class Authenticator:
    """Verifies bearer keys and console cookies. ``disabled`` only in development, loudly."""

    def __init__(self, keys: Sequence[ApiKey], *, development: bool, session_hours: float = 8.0) -> None:
        self._hmac_key = secrets.token_bytes(32)
        self._entries: list[tuple[bytes, Principal]] = []
        for k in keys:
            secret = k.key.get_secret_value()
            if secret.startswith("sha256:"):
                try:
                    digest = bytes.fromhex(secret[len("sha256:") :])
                except ValueError:
                    raise MaskConfigurationError(
                        f"API key {k.name!r}: sha256: must be followed by hex"
                    ) from None
                if len(digest) != 32:
                    raise MaskConfigurationError(f"API key {k.name!r}: a SHA-256 digest is 64 hex digits")
            else:
                digest = hashlib.sha256(secret.encode()).digest()
            self._entries.append((self._keyed(digest), Principal(k.name, k.scopes)))
        self.disabled = not self._entries
        if self.disabled and not development:
            raise MaskConfigurationError(
                "no API keys: set MASK_SERVER_API_KEYS (a JSON list of {name, key, scopes}), or set "
                "MASK_ENV=development to run the service without authentication on a trusted machine"
            )
        if self.disabled:
            logger.warning("MASK_ENV=development and no API keys: the service accepts every request")
        self._session_seconds = session_hours * 3600.0

    def _keyed(self, digest: bytes) -> bytes:
        return hmac.new(self._hmac_key, digest, hashlib.sha256).digest()

    def check_key(self, presented: str) -> Principal | None:
        """The principal of a key, comparing against every configured key in constant time."""
        probe = self._keyed(hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest())
        found: Principal | None = None
        for digest, principal in self._entries:
            if hmac.compare_digest(probe, digest) and found is None:
                found = principal
        return found

    # -- console sessions ----------------------------------------------------------------------------
    def _sign(self, payload: bytes) -> str:
        mac = hmac.new(self._hmac_key, b"session|" + payload, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(payload).decode() + "." + base64.urlsafe_b64encode(mac).decode()

    def session_cookie(self, principal: Principal, now: float | None = None) -> str:
        expires = int((now if now is not None else time.time()) + self._session_seconds)
        return self._sign(f"{principal.name}|{expires}".encode())

    def check_cookie(self, value: str, now: float | None = None) -> Principal | None:
        try:
            payload_b64, _ = value.split(".", 1)
            payload = base64.urlsafe_b64decode(payload_b64.encode())
        except (ValueError, UnicodeError):
            return None
        if not hmac.compare_digest(self._sign(payload).encode(), value.encode()):
            return None
        name, _, expires = payload.decode("utf-8", "replace").partition("|")
        if not expires.isdigit() or int(expires) <= (now if now is not None else time.time()):
            return None
        return next((p for _, p in self._entries if p.name == name), None)

    # -- requests ------------------------------------------------------------------------------------
    def principal(self, request: Request, *, allow_cookie: bool) -> Principal:
        if self.disabled:
            return _ANONYMOUS
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, token = header.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                found = self.check_key(token.strip())
                if found is not None:
                    return found
            raise _unauthorized()
        if allow_cookie:
            cookie = request.cookies.get(COOKIE)
            if cookie:
                found = self.check_cookie(cookie)
                if found is not None:
                    return found
        raise _unauthorized()


def check_scope(request: Request, scope: str, *, allow_cookie: bool = False) -> Principal:
    """The caller's principal if it may use ``scope``; else 401 or 403."""
    auth: Authenticator = request.app.state.auth
    principal = auth.principal(request, allow_cookie=allow_cookie)
    if not principal.allows(scope):
        raise HTTPException(403, "forbidden")
    request.state.principal = principal
    return principal


def require(scope: str, *, allow_cookie: bool = False) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the caller's principal, or 401/403.

    ``async`` on purpose: FastAPI runs a plain ``def`` dependency in a worker thread, a hop that cost
    more than the whole authentication (measured: about a third of a /detect request).
    """

    async def dependency(request: Request) -> Principal:
        return check_scope(request, scope, allow_cookie=allow_cookie)

    dependency.__name__ = f"require_{scope}"
    return dependency
