"""Error responses that never echo what the client sent.

FastAPI's default 422 handler returns each validation error with its ``input`` (the offending value,
often the whole text) and pydantic's ``ctx``/``url``. Ours keeps only the location, the message and
the error type, and a location never names a key the client made up (``{"alice@example.com": ...}``
is reported at ``["body", "(unknown field)"]``). Every other failure maps a
:class:`~mask_core.errors.MaskError` (whose messages never hold values, by contract) to a status;
anything unexpected is a bare 500 whose log line names the exception class and the traceback's
frames, not its message (a library's message may quote input).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from mask_core.errors import (
    DecodeNotAllowedError,
    InvalidInputError,
    MaskConfigurationError,
    MaskError,
    TokenNotFoundError,
    UnknownEntityTypeError,
    ValueTooLargeError,
    VaultUnavailableError,
)

__all__ = ["install_error_handlers"]

logger = logging.getLogger("mask_server")
#: A location part that is a schema field name or a list index (anything else came from the client).
_SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}|[0-9]{1,6}")

_STATUS: tuple[tuple[type[MaskError], int, str], ...] = (
    (ValueTooLargeError, 413, "payload_too_large"),
    (TokenNotFoundError, 404, "token_not_found"),
    (DecodeNotAllowedError, 403, "decode_not_allowed"),
    (UnknownEntityTypeError, 422, "invalid_request"),
    (InvalidInputError, 400, "invalid_input"),
    (VaultUnavailableError, 503, "vault_unavailable"),
    (MaskConfigurationError, 500, "configuration_error"),
)


def _json(status: int, error: str, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status)


def _location(err: Mapping[str, Any]) -> list[str]:
    """Where the error is, in the schema's own names: a field the client made up (an extra key) is
    never echoed, since its name may be anything the client sent, a value included."""
    loc = [p if _SCHEMA_NAME.fullmatch(p) else "(key)" for p in map(str, err.get("loc", ()))]
    if err.get("type") == "extra_forbidden" and loc:
        loc[-1] = "(unknown field)"
    return loc


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": _location(err), "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
        for err in exc.errors()
    ]
    return _json(422, "invalid_request", "the request does not match the schema", detail=detail)


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    response = _json(exc.status_code, str(exc.detail), str(exc.detail))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _mask_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, MaskError)
    for cls, status, code in _STATUS:
        if isinstance(exc, cls):
            if status >= 500:
                logger.error("request failed: %s", type(exc).__name__)
            return _json(status, code, str(exc))
    logger.error("request failed: %s", type(exc).__name__)
    return _json(500, "mask_error", "Mask could not process the request")


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logger.error("unexpected %s\n%s", type(exc).__name__, frames)
    return _json(500, "internal_error", "internal error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(MaskError, _mask_error)
    app.add_exception_handler(Exception, _unexpected)
