"""``serve``: run the service with uvicorn (what ``mask serve`` calls)."""

from __future__ import annotations

import logging
from typing import Any

from mask_server.settings import ServerSettings

__all__ = ["serve"]


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    settings: ServerSettings | None = None,
    log_level: str = "info",
    workers: int = 1,
    **uvicorn_options: Any,
) -> None:
    """Serve the app on ``host:port`` until interrupted.

    uvicorn's access log is off: it writes the full request path with its query string, which a
    client may fill with anything. The app's own access log (logger ``mask_server.access``) writes the
    route template, status, duration and key name instead. With ``workers > 1`` each worker builds its
    own app from the environment (``settings`` must then be None), and the policy file, if any, is
    watched by each worker.
    """
    import uvicorn

    logging.getLogger("mask_server").setLevel(log_level.upper())
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": log_level,
        "access_log": False,
        "server_header": False,
        "proxy_headers": False,
        **uvicorn_options,
    }
    if workers > 1:
        if settings is not None:
            raise ValueError(
                "settings= cannot be passed to several worker processes; use MASK_SERVER_* variables"
            )
        uvicorn.run("mask_server.app:create_app", factory=True, workers=workers, **options)
        return
    from mask_server.app import create_app

    uvicorn.run(create_app(settings), **options)
