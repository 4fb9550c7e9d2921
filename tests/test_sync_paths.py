"""The sync single-value paths (``TokenEngine.encode_one`` / ``decode_one``, what ``MaskClient.encode``
and ``decode`` use) skip the plan machinery; they must give exactly what the plans give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MaskSettings, MemoryVault
from mask_core._plan import run_sync
from mask_core.testing import PII_CORPUS

_ITEMS = [(item.value, item.entity_type) for item in PII_CORPUS]


def _client() -> MaskClient:
    return MaskClient(
        tenant="paths", master_key=b"p" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off")
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_ITEMS), min_size=1, max_size=8, unique=True), st.booleans())
def test_encode_one_and_the_encode_plan_give_the_same_tokens(
    items: list[tuple[str, str]], plan_first: bool
) -> None:
    one, planned = _client(), _client()  # same key: same tokens, separate vaults
    prepared = [one._prepare_encode(value, entity_type) for value, entity_type in items]
    if plan_first:
        by_plan = run_sync(planned.engine.encode_plan(prepared, None), planned.vault)
        by_one = [one.engine.encode_one(one.vault, *p, None) for p in prepared]
    else:
        by_one = [one.engine.encode_one(one.vault, *p, None) for p in prepared]
        by_plan = run_sync(planned.engine.encode_plan(prepared, None), planned.vault)
    assert by_one == by_plan
    # Each vault restores the other's tokens the same way: decode_one and the decode plan agree.
    for token, (value, _) in zip(by_one, items, strict=True):
        hit = one.engine.decode_one(one.vault, token)
        lookups = planned.engine.lookups_for(token)
        found = [h for h in run_sync(planned.engine.decode_plan(lookups), planned.vault) if h is not None]
        assert hit is not None and found and hit == found[0]
        assert hit[1] == value


def test_decode_one_and_the_decode_plan_agree_on_unknown_tokens() -> None:
    client = _client()
    for value, entity_type in _ITEMS:
        token = _client().encode(value, entity_type)  # same key, another vault: unknown here
        assert client.engine.decode_one(client.vault, token) is None
        lookups = client.engine.lookups_for(token)
        assert all(h is None for h in run_sync(client.engine.decode_plan(lookups), client.vault))
