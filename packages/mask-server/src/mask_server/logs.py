"""Keep request paths and query strings out of uvicorn's own access log, however the app is started.

:func:`mask_server.serve` turns uvicorn's access log off and logs route templates itself. But the app
may also be started by other means (``uvicorn mask_server:create_app --factory``, a CLI that calls
``uvicorn.run`` itself, a process manager) with uvicorn's access log on, which writes
``METHOD /path?query``: a client can put anything there, an email in a query string, an SSN in a
mistyped path. This filter on the ``uvicorn.access`` logger replaces each record's path with the
route template of the request (``/api/v1/tokenize``), or ``<unmatched>``, before any handler sees it.

uvicorn writes its access line from inside the app's ``send("http.response.start")`` call, in the
request's own task, so the middleware hands the route template over in a context variable.
"""

from __future__ import annotations

import contextvars
import logging
import threading

__all__ = ["CURRENT_ROUTE", "scrub_uvicorn_access_log"]

#: The route template of the request being answered (set by ServiceMiddleware before the response).
CURRENT_ROUTE: contextvars.ContextVar[str | None] = contextvars.ContextVar("mask_route", default=None)
_lock = threading.Lock()


class _AccessScrubber(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        # uvicorn's access record: (client address, method, full path, HTTP version, status code)
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], CURRENT_ROUTE.get() or "<unmatched>", args[3], args[4])
        return True


def scrub_uvicorn_access_log() -> None:
    """Install the filter on ``uvicorn.access`` (once per process)."""
    logger = logging.getLogger("uvicorn.access")
    with _lock:
        if not any(isinstance(f, _AccessScrubber) for f in logger.filters):
            logger.addFilter(_AccessScrubber("mask_server.access_scrubber"))
