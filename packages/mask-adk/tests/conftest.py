"""Shared fixtures (client, default_client, a clean MASK_* environment) come from mask-core's plugin.

Imported rather than listed in ``pytest_plugins``: pytest refuses that in a conftest below the
rootdir when a parent folder (``pytest packages``) is collected.
"""

from mask_core.testing.plugin import _isolated_environment, client, default_client  # noqa: F401
