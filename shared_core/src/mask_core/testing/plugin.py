"""The pytest plugin every framework package's tests load: shared fixtures, one copy.

Enable it in a package's ``tests/conftest.py``, either as a plugin (from the rootdir's conftest) or by
importing its fixtures (from any conftest; pytest refuses ``pytest_plugins`` below the rootdir)::

    pytest_plugins = ("mask_core.testing.plugin",)
    from mask_core.testing.plugin import _isolated_environment, client, default_client  # noqa: F401

It is opt-in (no entry point): installing mask-core never adds fixtures to someone else's tests.

Fixtures:

* ``_isolated_environment`` (autouse): no ``MASK_*`` variable from the developer's shell, and a fresh
  module default client before and after each test;
* ``client``: a :class:`~mask_core.MaskClient` on a memory vault with a fresh key;
* ``default_client``: ``client`` installed as the module default client (what entry points without
  ``client=`` use).

The import-conformance suite that goes with it is :class:`mask_core.testing.imports_suite.ImportConformance`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from mask_core._default import reset_default_client, set_default_client
from mask_core.client import MaskClient
from mask_core.keys.material import generate_key
from mask_core.vault.memory import MemoryVault

__all__ = ["_isolated_environment", "client", "default_client"]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("MASK_"):
            monkeypatch.delenv(name)
    reset_default_client()
    yield
    reset_default_client()


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="acme", master_key=generate_key(), vault=MemoryVault())


@pytest.fixture
def default_client(client: MaskClient) -> Iterator[MaskClient]:
    set_default_client(client)
    yield client
    reset_default_client()
