"""The framework packages' version gate (``mask_core.integrations``)."""

from __future__ import annotations

import importlib.metadata

import pytest

from mask_core import MissingDependencyError
from mask_core.integrations import SupportedRange, check, require

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
