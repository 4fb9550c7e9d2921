"""Shared fixtures (client, default_client, a clean MASK_* environment) come from mask-core's plugin.

Imported rather than listed in ``pytest_plugins``: pytest refuses that in a conftest below the
rootdir when a parent folder (``pytest packages``) is collected.
"""

from __future__ import annotations

import pytest

from mask_core.testing.plugin import _isolated_environment, client, default_client  # noqa: F401


def pytest_configure(config: pytest.Config) -> None:
    # LlamaIndex's workflow machinery inspects pydantic models with inspect.getmembers, which makes
    # pydantic warn thousands of times per run; the warnings are LlamaIndex's, not Mask's.
    for line in (
        "ignore::pydantic.warnings.PydanticDeprecatedSince20",
        "ignore::pydantic.warnings.PydanticDeprecatedSince211",
        "ignore:is_running called from within a step:DeprecationWarning",
    ):
        config.addinivalue_line("filterwarnings", line)
