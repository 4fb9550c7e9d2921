"""``mask serve``: run the HTTP service of the ``mask-server`` package with uvicorn.

The service itself lives in ``packages/mask-server``; this command only starts it. The contract it
expects: ``mask_server.create_app()`` returns an ASGI app (or ``mask_server.app`` is one).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Annotated

import typer

from mask_core.cli._common import fail

__all__ = ["serve"]


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind (0.0.0.0 for all).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Start the Mask HTTP service (needs the mask-server package).

    Examples:

        mask serve

        mask serve --host 0.0.0.0 --port 8080 --workers 2
    """
    if importlib.util.find_spec("mask_server") is None:
        fail("mask serve needs the HTTP service: pip install mask-server")
    if importlib.util.find_spec("uvicorn") is None:
        fail("mask serve needs uvicorn: pip install 'uvicorn[standard]'")
    import uvicorn  # type: ignore[import-not-found,unused-ignore]  # comes with mask-server

    module = importlib.import_module("mask_server")
    if hasattr(module, "create_app"):
        target, factory = "mask_server:create_app", True
    elif hasattr(module, "app"):
        target, factory = "mask_server:app", False
    else:
        fail("this mask-server version exposes neither create_app() nor app")
    uvicorn.run(target, factory=factory, host=host, port=port, workers=workers, log_level=log_level)
