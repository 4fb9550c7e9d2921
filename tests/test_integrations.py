"""The framework packages' version gate (``mask_core.integrations``) and class patch (``mask_core.adapters``)."""

from __future__ import annotations

import contextlib
import importlib.metadata
import threading
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MissingDependencyError
from mask_core.adapters import ClassPatch, Protection, Replacement
from mask_core.integrations import SupportedRange, check, require
from mask_core.keys import generate_key

RANGE = SupportedRange("some-framework", (1, 2), (2, 0))


def _installed(monkeypatch: pytest.MonkeyPatch, version: str | None) -> None:
    def fake(name: str) -> str:
        if version is None:
            raise importlib.metadata.PackageNotFoundError(name)
        return version

    monkeypatch.setattr(importlib.metadata, "version", fake)


def test_a_supported_version_passes_quietly(
    monkeypatch: pytest.MonkeyPatch, recwarn: pytest.WarningsRecorder
) -> None:
    _installed(monkeypatch, "1.7.3")
    check("mask-x", RANGE)
    assert not recwarn.list


def test_a_missing_framework_names_the_range_and_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, None)
    with pytest.raises(MissingDependencyError) as caught:
        check("mask-x", RANGE)
    assert "some-framework>=1.2,<2.0" in str(caught.value) and "pip install" in str(caught.value)


def test_an_older_framework_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, "1.1.9")
    with pytest.raises(MissingDependencyError, match="too old"):
        check("mask-x", RANGE)


def test_a_newer_framework_imports_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, "2.0.1rc1")
    with pytest.warns(RuntimeWarning, match="tested with some-framework>=1.2,<2.0"):
        check("mask-x", RANGE)


def test_a_broken_install_fails_at_the_probe_import(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, "1.5")
    with pytest.raises(MissingDependencyError) as caught:
        require("mask-x", RANGE, "mask_core_no_such_module_for_this_test")
    assert isinstance(caught.value.__cause__, ImportError)


# -- the class patch behind every adapter's patched() ----------------------------------------------------
class Framework:
    """Stands in for a framework class whose method an adapter replaces."""

    def run(self) -> str:
        return "plain"


class Subclass(Framework):
    pass


def _patch() -> ClassPatch:
    def make(original: Callable[..., str]) -> Callable[..., str]:
        def run(self: Framework) -> str:
            protection = patch.active(self)
            tenant = (
                "default" if protection is None or protection.client is None else protection.client.tenant
            )
            return f"{original(self)} as {tenant}" if protection is not None else original(self)

        return run

    patch = ClassPatch(
        "test", lambda: [Replacement(Framework, "run", make), Replacement(Subclass, "run", make)]
    )
    return patch


def _client(tenant: str) -> MaskClient:
    return MaskClient(tenant=tenant, master_key=generate_key())


def test_the_patch_is_installed_for_the_block_and_fully_undone() -> None:
    patch = _patch()
    before = dict(Framework.__dict__), dict(Subclass.__dict__)
    with patch.block(Protection.of(client=_client("a"))):
        assert patch.installed and Framework().run() == "plain as a"
        assert "run" in Subclass.__dict__, "an inherited method is replaced on the subclass itself"
    assert not patch.installed
    assert (dict(Framework.__dict__), dict(Subclass.__dict__)) == before, "exactly what was there, no more"
    assert Framework().run() == "plain"


def test_nested_blocks_inner_wins_outer_comes_back_and_targets_limit() -> None:
    patch, one, two = _patch(), Framework(), Framework()
    with patch.block(Protection.of(client=_client("a"))):
        with patch.block(Protection.of(client=_client("b")), [one]):
            assert (one.run(), two.run()) == ("plain as b", "plain as a")
        assert one.run() == "plain as a"


def test_a_block_is_invisible_to_other_threads() -> None:
    patch = _patch()
    seen: list[str] = []
    with patch.block(Protection.of(client=_client("a"))):
        thread = threading.Thread(target=lambda: seen.append(Framework().run()))
        thread.start()
        thread.join()
    assert seen == ["plain"]


def test_a_failing_plan_installs_nothing() -> None:
    def broken() -> list[Replacement]:
        return [
            Replacement(Framework, "run", lambda original: original),
            Replacement(Subclass, "run", _boom),
        ]

    patch = ClassPatch("broken", broken)
    before = dict(Framework.__dict__), dict(Subclass.__dict__)
    with pytest.raises(RuntimeError), patch.block(Protection()):
        pass
    assert not patch.installed and (dict(Framework.__dict__), dict(Subclass.__dict__)) == before


def _boom(original: object) -> object:
    raise RuntimeError("cannot patch")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.booleans()), min_size=1, max_size=6))
def test_any_nesting_resolves_to_the_innermost_covering_block(blocks: list[tuple[str, bool]]) -> None:
    """Nested blocks, each global or targeted: the innermost one covering an object decides."""
    patch, target, other = _patch(), Framework(), Framework()
    clients = {t: _client(t) for t in "abc"}
    before = dict(Framework.__dict__)
    with contextlib.ExitStack() as stack:
        for tenant, targeted in blocks:
            stack.enter_context(
                patch.block(Protection.of(client=clients[tenant]), [target] if targeted else None)
            )
        inner = blocks[-1][0]
        untargeted = [t for t, targeted in blocks if not targeted]
        assert target.run() == f"plain as {inner}"
        assert other.run() == (f"plain as {untargeted[-1]}" if untargeted else "plain")
    assert dict(Framework.__dict__) == before
