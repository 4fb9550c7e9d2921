"""One ASGI middleware for every request: body size limit, access log, request metrics.

Pure ASGI rather than ``BaseHTTPMiddleware`` (which costs a task and a memory stream per request):

* **Size limit**: a ``Content-Length`` above the limit is answered ``413`` before the body is read;
  a chunked body is counted as it streams and cut off at the limit with the same ``413``.
* **Access log** (logger ``mask_server.access``): method, route template (``/api/v1/tokenize``, never
  the raw path or the query string, which a client may fill with anything), status, duration and the
  caller's key name. uvicorn's own access log is turned off by :func:`mask_server.serve` because it
  logs the full path with its query string.
* **Server-Timing**: every response says how long the server took (``Server-Timing: app;dur=0.84``,
  milliseconds), which is what ``benchmarks/bench_server.py`` reports as server-side latency.
* **Metrics**: request counts and latency per route template, method and status. Unknown paths are
  counted under ``<unmatched>``, so a scanner trying random URLs cannot blow up label cardinality
  (nor plant a value in a label).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mask_server.logs import CURRENT_ROUTE
from mask_server.metrics import Metrics

__all__ = ["ServiceMiddleware"]

access_logger = logging.getLogger("mask_server.access")


class _TooLarge(Exception):
    pass


STATIC = "/console/static"


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return STATIC if str(scope.get("path", "")).startswith(STATIC + "/") else "<unmatched>"


class ServiceMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, metrics: Metrics) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        response_started = False

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            status = 413
            await _send_413(send)
            self._finish(scope, status, started)
            return

        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal status, response_started
            if too_large:
                # The app turned our _TooLarge into its own error response (FastAPI answers 400 for
                # any failure while reading a body): replace it with the 413 it really is.
                if message["type"] == "http.response.start" and not response_started:
                    response_started = True
                    status = 413
                    await _send_413(send)
                return
            if message["type"] == "http.response.start":
                status = int(message["status"])
                response_started = True
                CURRENT_ROUTE.set(_route_of(scope))  # for uvicorn's access line, written inside send()
                # Server-side time to the response (a standard header; benchmarks read it).
                took = (time.perf_counter() - started) * 1000
                message = {
                    **message,
                    "headers": [*message.get("headers", ()), (b"server-timing", b"app;dur=%.3f" % took)],
                }
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if response_started:
                raise
            status = 413
            await _send_413(send)
        finally:
            self._finish(scope, status, started)

    def _finish(self, scope: Scope, status: int, started: float) -> None:
        elapsed = time.perf_counter() - started
        route = _route_of(scope)
        method = str(scope.get("method", "?"))
        self.metrics.observe_request(route, method, status, elapsed)
        if access_logger.isEnabledFor(logging.INFO):
            state: Any = scope.get("state") or {}
            principal = state.get("principal") if isinstance(state, dict) else None
            access_logger.info(
                "%s %s %d %.2fms key=%s",
                method,
                route,
                status,
                elapsed * 1000,
                getattr(principal, "name", "-"),
            )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_413(send: Send) -> None:
    body = json.dumps(
        {"error": "payload_too_large", "message": "the request body is over the limit"}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
