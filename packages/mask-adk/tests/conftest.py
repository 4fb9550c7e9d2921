"""Each test starts with no MASK_* variables from the developer's shell and a fresh default client."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from mask_core import MaskClient, MemoryVault, reset_default_client, set_default_client
from mask_core.keys import generate_key


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
    """``client`` installed as the module default client (what entry points without client= use)."""
    set_default_client(client)
    yield client
    reset_default_client()
