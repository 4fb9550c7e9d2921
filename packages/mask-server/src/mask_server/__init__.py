"""Mask as a service: a PII firewall with policies, tokens, a Presidio-compatible API and a web console.

Run it::

    export MASK_MASTER_KEY=base64:...            # the tenant's key (MASK_ENV=development for a demo)
    export MASK_SERVER_API_KEYS='[{"name": "gateway", "key": "<random>", "scopes": ["detect", "firewall"]}]'
    export MASK_POLICY_FILE=policy.yaml          # optional: the default tokenizes everything
    mask-server                                  # or: python -m mask_server, or mask serve

or build the ASGI app yourself::

    from mask_server import create_app
    app = create_app()                           # settings from MASK_SERVER_* / MASK_* variables

Routes: ``POST /api/v1/governance/pii/detect``, ``POST /api/v1/firewall/apply``,
``POST /api/v1/tokenize``, ``POST /api/v1/detokenize``, ``POST /analyze`` and
``GET /supportedentities`` (Presidio-compatible), ``GET /health``, ``GET /metrics``, the console under
``/console`` and the OpenAPI spec at ``/openapi.json``. See docs/firewall.md.
"""

__version__ = "0.1.0"  # the one place it is written (pyproject.toml reads it); set before the imports

from mask_server.app import create_app
from mask_server.serve import serve
from mask_server.settings import SCOPES, ApiKey, ServerSettings

__all__ = ["SCOPES", "ApiKey", "ServerSettings", "create_app", "serve"]
