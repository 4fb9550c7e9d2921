"""Key rotation end to end: add, promote, rekey (interrupted and resumed), retire; nothing is lost."""

from __future__ import annotations

import pytest

from mask_core import Keyring, MaskClient, MemoryVault, VaultIntegrityError
from mask_core.errors import MaskConfigurationError
from mask_core.keys import generate_key
from mask_core.keys.rekey import rekey, vault_usage
from mask_core.testing import PII_CORPUS, assert_no_pii

VALUES = [i.value for i in PII_CORPUS]


def _fill(
    ring: Keyring, vault: MemoryVault, tenants: tuple[str, ...] = ("acme", "globex")
) -> dict[str, list[str]]:
    return {
        t: [
            MaskClient(tenant=t, keyring=ring, vault=vault).encode(v, i.entity_type)
            for v, i in zip(VALUES, PII_CORPUS, strict=True)
        ]
        for t in tenants
    }


def _all_decode(ring: Keyring, vault: MemoryVault, tokens: dict[str, list[str]]) -> None:
    for tenant, toks in tokens.items():
        client = MaskClient(tenant=tenant, keyring=ring, vault=vault)
        assert [client.decode(t) for t in toks] == VALUES


def test_lifecycle_steps_return_new_keyrings() -> None:
    k1, k2 = generate_key(), generate_key()
    ring = Keyring({"k1": k1})
    added = ring.add(k2, key_id="k2")
    assert ring.ids == ("k1",), "keyrings are immutable"
    assert added.ids == ("k1", "k2") and added.primary_id == "k1", "an added key does not seal yet"
    promoted = added.promote("k2")
    assert promoted.primary_id == "k2"
    retired = promoted.retire("k1")
    assert retired.ids == ("k2",)
    assert Keyring.parse(promoted.export_text()).key_ids() == {"k2": True, "k1": False}


def test_lifecycle_refuses_unsafe_steps() -> None:
    k1 = generate_key()
    ring = Keyring({"k1": k1})
    with pytest.raises(MaskConfigurationError):
        ring.retire("k1")  # the primary
    with pytest.raises(MaskConfigurationError):
        ring.promote("nope")
    with pytest.raises(MaskConfigurationError):
        ring.add(k1, key_id="again")  # the same key twice
    with pytest.raises(MaskConfigurationError):
        ring.add(generate_key(), key_id="k1")  # the same id twice
    with pytest.raises(MaskConfigurationError):
        ring.retire("unknown")


def test_full_rotation_keeps_every_token() -> None:
    vault = MemoryVault()
    old = Keyring({"k1": generate_key()})
    tokens = _fill(old, vault)
    ring = old.add(generate_key(), key_id="k2").promote("k2")
    assert vault_usage(vault).by_key_id == {"k1": 2 * len(VALUES)}

    report = rekey(vault, ring)
    assert report.complete and report.resealed == 2 * len(VALUES) and report.already_primary == 0
    assert vault_usage(vault).by_key_id == {"k2": 2 * len(VALUES)}

    retired = ring.retire("k1")
    _all_decode(retired, vault, tokens)
    with pytest.raises(VaultIntegrityError):
        MaskClient(tenant="acme", keyring=old, vault=vault).decode(tokens["acme"][0])  # k1 alone: refused

    again = rekey(vault, retired)
    assert again.resealed == 0 and again.already_primary == 2 * len(VALUES), "a second run changes nothing"


def test_tokens_after_promotion_are_new_but_old_ones_still_decode() -> None:
    vault = MemoryVault()
    ring = Keyring({"k1": generate_key()})
    before = MaskClient(tenant="acme", keyring=ring, vault=vault).encode("536-22-8745", "US_SSN")
    promoted = MaskClient(
        tenant="acme", keyring=ring.add(generate_key(), key_id="k2").promote("k2"), vault=vault
    )
    after = promoted.encode("536-22-8745", "US_SSN")
    assert after != before, "tokens derive from the primary key (documented in docs/keys.md)"
    assert promoted.decode(before) == promoted.decode(after) == "536-22-8745"


def test_interrupted_rekey_loses_nothing_and_resumes() -> None:
    vault = MemoryVault()
    old = Keyring({"k1": generate_key()})
    tokens = _fill(old, vault)
    ring = old.add(generate_key(), key_id="k2").promote("k2")
    total = 2 * len(VALUES)

    def stop_after(n: int):  # type: ignore[no-untyped-def]
        def progress(done: int) -> None:
            if done == n:
                raise KeyboardInterrupt

        return progress

    with pytest.raises(KeyboardInterrupt):
        rekey(vault, ring, progress=stop_after(7))
    usage = vault_usage(vault)
    assert usage.total == total and usage.by_key_id == {"k1": total - 7, "k2": 7}
    _all_decode(ring, vault, tokens)  # half-way: every token decodes with the ring

    with pytest.raises(KeyboardInterrupt):
        rekey(vault, ring, progress=stop_after(20))
    resumed = rekey(vault, ring)
    assert resumed.complete and resumed.resealed + resumed.already_primary == total
    assert resumed.resealed == total - 20
    _all_decode(ring.retire("k1"), vault, tokens)


def test_rekey_leaves_records_it_cannot_open_alone() -> None:
    vault = MemoryVault()
    stranger = Keyring({"x9": generate_key()})
    MaskClient(tenant="acme", keyring=stranger, vault=vault).encode("alice.johnson@example.com")
    ring = Keyring({"k1": generate_key()})
    tokens = _fill(ring, vault, ("acme",))
    key = next(k for k in vault.iter_keys("mask:acme:EMAIL_ADDRESS") if vault._data[k][0][2:4] == b"k1")
    record, expiry = vault._data[key]
    vault._data[key] = (record[:-1] + bytes([record[-1] ^ 1]), expiry)  # tamper with one record

    before = dict(vault._data)
    report = rekey(vault, ring.add(generate_key(), key_id="k2").promote("k2"))
    assert report.unknown_key == 1 and report.failed == 1 and not report.complete
    foreign = [k for k, (r, _) in before.items() if r[2:4] == b"x9"]
    assert all(vault._data[k] == before[k] for k in [*foreign, key]), "untouched"
    assert len(tokens["acme"]) == len(VALUES)


def test_rekey_one_tenant_only() -> None:
    vault = MemoryVault()
    ring = Keyring({"k1": generate_key()})
    _fill(ring, vault)
    promoted = ring.add(generate_key(), key_id="k2").promote("k2")
    report = rekey(vault, promoted, tenant="acme")
    assert report.resealed == len(VALUES)
    assert vault_usage(vault, tenant="globex").by_key_id == {"k1": len(VALUES)}


def test_rekey_keeps_the_remaining_ttl(clock) -> None:  # type: ignore[no-untyped-def]
    vault = MemoryVault(clock=clock)
    ring = Keyring({"k1": generate_key()})
    token = MaskClient(tenant="acme", keyring=ring, vault=vault, ttl=100).encode("536-22-8745", "US_SSN")
    clock.advance(60)
    promoted = ring.add(generate_key(), key_id="k2").promote("k2")
    assert rekey(vault, promoted).resealed == 1
    client = MaskClient(tenant="acme", keyring=promoted, vault=vault)
    assert client.decode(token) == "536-22-8745"
    clock.advance(41)
    assert client.decode(token, lenient=True) == token, "expired on the original schedule"


def test_reprs_and_reports_never_show_keys() -> None:
    key = generate_key()
    ring = Keyring({"k1": key}).add(generate_key(), key_id="k2")
    vault = MemoryVault()
    _fill(ring, vault, ("acme",))
    report = rekey(vault, ring.promote("k2"))
    from mask_core.keys import format_key

    for text in (repr(ring), str(ring), repr(report), repr(vault_usage(vault))):
        assert format_key(key) not in text and key.hex() not in text
        assert_no_pii(text)
