"""Version gates for the framework packages, checked once at import (the OTel ``_instruments`` idea).

Each adapter (``mask-langchain``, ``mask-llamaindex``, ``mask-adk``) declares the range of its
framework it is tested with and calls :func:`require` when it is imported: a missing framework, or
an older one than supported, is a :class:`~mask_core.MissingDependencyError` (an ``ImportError``)
naming the package and the range; a newer one than tested imports with a warning.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import re
import warnings
from typing import NamedTuple

from mask_core.errors import MissingDependencyError

__all__ = ["SupportedRange", "check", "require"]


class SupportedRange(NamedTuple):
    """A distribution and its supported versions: ``low`` included, ``high`` (first untested) excluded."""

    distribution: str
    low: tuple[int, ...]
    high: tuple[int, ...]

    @property
    def spec(self) -> str:
        return f"{self.distribution}>={'.'.join(map(str, self.low))},<{'.'.join(map(str, self.high))}"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def check(owner: str, supported: SupportedRange) -> None:
    """Refuse a missing or too old ``supported.distribution`` for ``owner``; warn on a newer one."""
    name, low, high = supported
    spec = supported.spec
    try:
        found = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        raise MissingDependencyError(owner, spec, "", install=f"'{spec}'") from None
    version = _version(found)
    if version < low:
        too_old = f"{owner} (found {name} {found}, too old)"
        raise MissingDependencyError(too_old, spec, "", install=f"'{spec}'")
    if version >= high:
        warnings.warn(
            f"{owner} is tested with {spec}; found {name} {found}. Report problems with the version.",
            RuntimeWarning,
            stacklevel=3,
        )


def require(owner: str, supported: SupportedRange, probe: str) -> None:
    """:func:`check`, then import ``probe``: a broken install fails here too, with the same hint."""
    check(owner, supported)
    try:
        importlib.import_module(probe)
    except ImportError as exc:
        raise MissingDependencyError(owner, supported.spec, "", install=f"'{supported.spec}'") from exc
