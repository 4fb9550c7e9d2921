"""``create_app``: wire the firewall, the client, auth, events, metrics and the console into FastAPI.

What starts with the app (``lifespan``) and stops with it: the policy file watcher (reload on change)
and the event writer thread. Everything that can be wrong with the configuration (no API keys in
production, an invalid policy file, no master key) raises when the app is *created*, so a bad deploy
never starts serving.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from mask_core import MaskClient, MaskSettings
from mask_core.policy import Firewall, PolicyFile, PolicySource, StaticPolicy
from mask_core.policy.compiled import Policy
from mask_core.settings import get_settings, load_settings
from mask_server import __version__
from mask_server.api import router as api_router
from mask_server.auth import Authenticator
from mask_server.console.views import FAVICON, STATIC_DIR, root_router
from mask_server.console.views import router as console_router
from mask_server.errors import install_error_handlers
from mask_server.events import EventRecorder, EventStore
from mask_server.logs import scrub_uvicorn_access_log
from mask_server.metrics import Metrics
from mask_server.middleware import ServiceMiddleware
from mask_server.presidio import router as presidio_router
from mask_server.service import Service
from mask_server.settings import ServerSettings

__all__ = ["create_app"]

logger = logging.getLogger("mask_server")

DESCRIPTION = """Mask as a service: a PII firewall with per-stage policies (tokenize, mask, redact, pass,
block), reversible tokens, a Presidio-compatible analyzer API and a web console (`/console`).
Authenticate with `Authorization: Bearer <key>`; each route names the scope it needs."""


def _policy_source(settings: ServerSettings, mask_settings: MaskSettings) -> PolicySource:
    path: Path | None = settings.policy_file or mask_settings.policy_file
    if path is None:
        return StaticPolicy(Policy.default())
    return PolicyFile(path, interval=settings.policy_reload)


def _server_settings() -> ServerSettings:
    """``MASK_SERVER_*`` settings; a malformed one is a ``MaskConfigurationError`` without its value."""
    return load_settings(ServerSettings, prefix="MASK_SERVER_")


def create_app(
    settings: ServerSettings | None = None,
    *,
    mask_settings: MaskSettings | None = None,
    client: MaskClient | None = None,
    policy: Policy | PolicySource | None = None,
) -> FastAPI:
    """Build the service.

    Parameters:
        settings: the service's settings (default: ``MASK_SERVER_*`` environment variables).
        mask_settings: the core's settings for the client (default: ``MASK_*`` variables).
        client: a ready :class:`MaskClient` (default: one built from ``mask_settings``).
        policy: a :class:`Policy` or a source such as :class:`PolicyFile` (default: the file in
            ``MASK_SERVER_POLICY_FILE`` / ``MASK_POLICY_FILE``, watched; else the default policy).

    Raises :class:`~mask_core.errors.MaskConfigurationError` (or its subclass ``PolicyError``) for any
    configuration the service must not run with.
    """
    if settings is None:
        settings = _server_settings()
    mask_settings = mask_settings if mask_settings is not None else get_settings()
    auth = Authenticator(
        settings.api_keys, development=mask_settings.is_development, session_hours=settings.session_hours
    )
    client = client if client is not None else MaskClient(settings=mask_settings)
    if policy is None:
        source = _policy_source(settings, mask_settings)
    elif isinstance(policy, Policy):
        source = StaticPolicy(policy)
    else:
        source = policy
    metrics = Metrics()
    store = EventStore(settings.database_url.get_secret_value()) if settings.record_events else None
    recorder = EventRecorder(store, on_drop=metrics.events_dropped.inc) if store is not None else None
    service = Service(
        firewall=Firewall(source, client=client),
        recorder=recorder,
        metrics=metrics,
        inline_chars=settings.inline_scan_chars,
        event_user=settings.event_user,
    )
    metrics.watch_policy(
        lambda: 0.0 if getattr(source, "error", None) is not None else 1.0,
        lambda: float(getattr(source, "reloads", 0)),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if isinstance(source, PolicyFile):
            source.start()
        if recorder is not None:
            recorder.start()
        try:
            yield
        finally:
            if isinstance(source, PolicyFile):
                source.stop()
            if recorder is not None:
                recorder.stop()
            if store is not None:
                store.close()

    # FastAPIOffline: FastAPI whose /docs page loads Swagger UI from files this package installs, not
    # from a CDN (a blank page on a machine without internet access).
    app = FastAPIOffline(
        title="Mask firewall",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        favicon_url=FAVICON,
    )
    app.state.settings = settings
    app.state.auth = auth
    app.state.service = service
    app.state.metrics = metrics
    app.state.store = store
    app.state.policy_source = source
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(presidio_router)
    app.include_router(console_router)
    app.include_router(root_router)
    app.mount("/console/static", StaticFiles(directory=str(STATIC_DIR)), name="console-static")
    app.add_middleware(ServiceMiddleware, max_body_bytes=settings.max_body_bytes, metrics=metrics)
    scrub_uvicorn_access_log()
    return app
