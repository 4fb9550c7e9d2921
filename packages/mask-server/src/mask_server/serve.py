"""``serve``: run the service with uvicorn (what ``mask serve`` calls)."""

from __future__ import annotations

import copy
from typing import Any

from mask_server.settings import ServerSettings

__all__ = ["check", "log_config", "serve"]


def log_config(level: str = "info") -> dict[str, Any]:
    """uvicorn's logging configuration plus the service's loggers (``mask_server``, ``mask_core``).

    The service's access log (``mask_server.access``) goes to stdout in uvicorn's access format;
    errors and policy reloads go with uvicorn's own messages to stderr.
    """
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["mask_access"] = {
        "()": "uvicorn.logging.DefaultFormatter",
        "fmt": "%(levelprefix)s %(message)s",
        "use_colors": None,
    }
    config["handlers"]["mask_access"] = {
        "formatter": "mask_access",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
    }
    config["loggers"]["mask_server"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    config["loggers"]["mask_core"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    config["loggers"]["mask_server.access"] = {
        "handlers": ["mask_access"],
        "level": level.upper(),
        "propagate": False,
    }
    return config


def check(settings: ServerSettings | None = None) -> None:
    """Build the service from the configuration and release it: raises what a start would raise
    (:class:`~mask_core.errors.MaskConfigurationError` naming the variable), and starts nothing."""
    from mask_server.app import create_app

    app = create_app(settings)
    if app.state.store is not None:
        app.state.store.close()


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

    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": log_level,
        "log_config": log_config(log_level),
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
        check()  # a bad configuration stops here, once, instead of in every worker
        uvicorn.run("mask_server.app:create_app", factory=True, workers=workers, **options)
        return
    from mask_server.app import create_app

    uvicorn.run(create_app(settings), **options)
