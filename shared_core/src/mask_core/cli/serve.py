"""``mask serve``: run the HTTP service of the ``mask-server`` package with uvicorn.

The service itself lives in ``packages/mask-server``; this command only starts it through
``mask_server.serve(host, port, workers=, log_level=)``, which configures uvicorn the way the service
needs (its own scrubbed access log instead of uvicorn's, which would log query strings).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Annotated

import typer

from mask_core.cli._common import fail, mask_errors

__all__ = ["serve"]


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind (0.0.0.0 for all).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Start the Mask HTTP service (needs the mask-server distribution, whose own command is mask-server).

    Examples:

        mask serve

        mask serve --host 0.0.0.0 --port 8080 --workers 2
    """
    if importlib.util.find_spec("mask_server") is None:
        fail(
            "mask serve needs the mask-server distribution, which is not installed: install it beside "
            "mask-core (its wheel, or packages/mask-server of a Mask checkout; see docs/install.md)"
        )
    module = importlib.import_module("mask_server")
    if not hasattr(module, "serve"):
        fail("this mask-server version has no serve(); upgrade mask-server")
    with mask_errors():  # no API keys, a bad policy, a malformed variable: one line, exit 2
        module.serve(host=host, port=port, workers=workers, log_level=log_level)
