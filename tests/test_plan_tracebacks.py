"""A failure inside deep_encode shows where it came from: the plan steps that asked for the work."""

from __future__ import annotations

import traceback
from typing import Any

import pytest

from mask_core import MaskClient, MemoryVault, VaultUnavailableError
from mask_core.settings import MaskSettings


class _DownVault(MemoryVault):
    def put_many_if_absent(self, items: Any, ttl: float | None = None) -> Any:
        raise VaultUnavailableError("the vault is down")


def _frames(exc: BaseException) -> list[str]:
    return [frame.name for frame in traceback.extract_tb(exc.__traceback__)]


def test_a_vault_failure_during_deep_encode_shows_the_plan_steps() -> None:
    client = MaskClient(
        tenant="t", master_key=b"k" * 32, vault=_DownVault(), settings=MaskSettings(ner="off")
    )
    with pytest.raises(VaultUnavailableError) as info:
        client.deep_encode({"email": "alice@example.com", "note": "SSN 536-22-8745"})
    frames = _frames(info.value)
    # The steps that decided what to store, then the vault call that failed.
    for step in ("_deep_encode_plan", "_tokenize_plan", "tokenize_plan", "encode_plan", "put_many_if_absent"):
        assert step in frames, frames
    assert frames.index("encode_plan") < frames.index("put_many_if_absent")


def test_a_scanner_failure_shows_the_scan_steps() -> None:
    client = MaskClient(
        tenant="t", master_key=b"k" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off")
    )

    class Broken:
        name, entity_types = "broken", ("PERSON",)

        def find(self, text: str) -> Any:
            raise RuntimeError("a recognizer bug")

    client.add_recognizer(Broken())
    with pytest.raises(RuntimeError) as info:
        client.deep_encode({"note": "hello"})
    frames = _frames(info.value)
    for step in ("_deep_encode_plan", "_tokenize_plan", "_scan_with_plan", "_prepare", "find"):
        assert step in frames, frames


@pytest.mark.anyio
async def test_the_async_driver_throws_into_the_plan_too() -> None:
    client = MaskClient(
        tenant="t", master_key=b"k" * 32, vault=_DownVault(), settings=MaskSettings(ner="off")
    )
    with pytest.raises(VaultUnavailableError) as info:
        await client.adeep_encode({"email": "alice@example.com"})
    assert "encode_plan" in _frames(info.value)
