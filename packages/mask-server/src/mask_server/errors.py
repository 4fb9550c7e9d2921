"""Error responses that never echo what the client sent.

FastAPI's default 422 handler returns each validation error with its ``input`` (the offending value,
often the whole text) and pydantic's ``ctx``/``url``. Ours keeps only the location, the message and
the error type. Every other failure maps a :class:`~mask_core.errors.MaskError` (whose messages never
hold values, by contract) to a status; anything unexpected is a bare 500 whose log line names the
exception class and the traceback's frames, not its message (a library's message may quote input).
"""

from __future__ import annotations

import logging
import traceback

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
    ValueTooLargeError,
    VaultUnavailableError,
)

__all__ = ["install_error_handlers"]

logger = logging.getLogger("mask_server")

_STATUS: tuple[tuple[type[MaskError], int, str], ...] = (
    (ValueTooLargeError, 413, "payload_too_large"),
    (TokenNotFoundError, 404, "token_not_found"),
    (DecodeNotAllowedError, 403, "decode_not_allowed"),
    (InvalidInputError, 400, "invalid_input"),
    (VaultUnavailableError, 503, "vault_unavailable"),
    (MaskConfigurationError, 500, "configuration_error"),
)


def _json(status: int, error: str, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status)


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {
            "loc": [str(p) for p in err.get("loc", ())],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
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
