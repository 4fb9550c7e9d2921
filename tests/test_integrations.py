"""The framework packages' version gate (``mask_core.integrations``) and class patch (``mask_core.adapters``)."""

from __future__ import annotations

import contextlib
import gc
import importlib.metadata
import threading
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

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

    def copy(self) -> Framework:
        """Stands in for a framework's copy (ADK's ``agent.clone()``)."""
        return type(self)()


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

    def copying(original: Callable[..., Framework]) -> Callable[..., Framework]:
        def copy(self: Framework) -> Framework:
            made = original(self)
            patch.follow(made, self)
            return made

        return copy

    def plan() -> list[Replacement]:
        # Every subclass that defines `run` itself, as adapters walk a framework's tool classes.
        found = [Framework, *_subclasses(Framework)]
        return [
            Replacement(Framework, "copy", copying),
            *(Replacement(c, "run", make) for c in found if "run" in c.__dict__ or c is Subclass),
        ]

    patch = ClassPatch("test", plan, watch=(Framework,))
    return patch


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


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


def test_copies_made_in_a_block_are_covered_for_its_life_only() -> None:
    """If this fails, a copy the framework runs (ADK's clone) escapes the block that names its original."""
    patch, one, two = _patch(), Framework(), Framework()
    made_before = one.copy()
    with patch.block(Protection.of(client=_client("a")), [one]):
        first = one.copy()
        second = first.copy()  # a copy of a copy
        with patch.block(Protection.of(client=_client("b")), [one]):
            inner = one.copy()
            assert (first.run(), inner.run()) == ("plain as b", "plain as b"), "the inner block wins"
        assert (first.run(), second.run(), inner.run()) == ("plain as a",) * 3, "the outer one is back"
        assert (made_before.run(), two.copy().run()) == ("plain", "plain"), "other objects are not covered"
        refs = [weakref.ref(c) for c in (first, second, inner)]
        del first, second, inner
        gc.collect()
        assert [r() for r in refs] == [None] * 3, "the block holds copies weakly: they can be freed"
    assert one.copy().run() == "plain"


def test_a_class_defined_inside_an_open_block_is_patched_at_once() -> None:
    """If this fails, a tool class defined while a block is open runs unprotected until the next block."""
    patch = _patch()
    before = dict(Framework.__dict__)
    with patch.block(Protection.of(client=_client("a"))):
        with patch.block(Protection.of(client=_client("b"))):

            class Late(Framework):
                def run(self) -> str:
                    return "late"

            class Later(Late):
                pass

            assert (Late().run(), Later().run()) == ("late as b", "late as b")
        assert Late().run() == "late as a"
    assert Late().run() == "late" and "__init_subclass__" not in Framework.__dict__
    assert dict(Framework.__dict__) == before


def test_the_class_hook_keeps_the_root_s_own_init_subclass() -> None:
    class Root:
        seen: ClassVar[list[tuple[str, Any]]] = []

        def __init_subclass__(cls, **kwargs: Any) -> None:
            Root.seen.append((cls.__name__, kwargs.get("tag")))

        def run(self) -> str:
            return "root"

    def make(original: Callable[..., str]) -> Callable[..., str]:
        return lambda self: f"patched {original(self)}"

    patch = ClassPatch(
        "root", lambda: [Replacement(c, "run", make) for c in (Root, *_subclasses(Root))], watch=[Root]
    )
    with patch.block(Protection()):

        class Child(Root, tag="x"):  # type: ignore[call-arg]
            def run(self) -> str:
                return "child"

        assert Child().run() == "patched child"
    assert Root.seen == [("Child", "x")], "the root's own hook runs once, with its arguments"
    assert isinstance(Root.__dict__["__init_subclass__"], classmethod) and Child().run() == "child"


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
    """Nested blocks, each global or targeted: the innermost one covering an object decides.

    A copy of the target made while a block naming the target was open is covered like the target
    (by every block naming it, and every global one); a copy made before any such block opened only
    by the global ones; and nothing is covered after the blocks close.
    """
    patch, target, other = _patch(), Framework(), Framework()
    clients = {t: _client(t) for t in "abc"}
    before = dict(Framework.__dict__)
    copies = []
    with contextlib.ExitStack() as stack:
        for tenant, targeted in blocks:
            stack.enter_context(
                patch.block(Protection.of(client=clients[tenant]), [target] if targeted else None)
            )
            copies.append(target.copy())
        inner = blocks[-1][0]
        untargeted = [t for t, targeted in blocks if not targeted]
        assert target.run() == f"plain as {inner}"
        assert other.run() == (f"plain as {untargeted[-1]}" if untargeted else "plain")
        for depth, copy in enumerate(copies):
            followed = any(targeted for _, targeted in blocks[: depth + 1])
            covering = [t for t, targeted in blocks if followed or not targeted]
            assert copy.run() == (f"plain as {covering[-1]}" if covering else "plain")
    assert dict(Framework.__dict__) == before
    assert [c.run() for c in copies] == ["plain"] * len(copies)
