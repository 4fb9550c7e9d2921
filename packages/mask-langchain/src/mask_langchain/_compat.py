"""Supported LangChain versions, checked once at import (the OTel ``_instruments`` idea).

``import mask_langchain`` without ``langchain-core`` raises :class:`~mask_core.MissingDependencyError`
(an ``ImportError``) naming the package and the supported range. An older version than supported
raises the same error; a newer one than tested imports with a warning.
"""

from __future__ import annotations

import importlib.metadata
import re
import warnings

from mask_core.errors import MissingDependencyError

__all__ = ["LANGCHAIN_CORE_RANGE", "LANGCHAIN_RANGE", "check"]

#: (package, lowest supported, first unsupported); keep in step with pyproject.toml.
LANGCHAIN_CORE_RANGE = ("langchain-core", (1, 0), (1, 8))
LANGCHAIN_RANGE = ("langchain", (1, 0), (2, 0))


def _spec(rng: tuple[str, tuple[int, ...], tuple[int, ...]]) -> str:
    name, low, high = rng
    return f"{name}>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def check(rng: tuple[str, tuple[int, ...], tuple[int, ...]]) -> None:
    name, low, high = rng
    spec = _spec(rng)
    try:
        found = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        raise MissingDependencyError("mask-langchain", spec, "", install=f"'{spec}'") from None
    version = _version(found)
    if version < low:
        raise MissingDependencyError(
            f"mask-langchain (found {name} {found}, too old)", spec, "", install=f"'{spec}'"
        )
    if version >= high:
        warnings.warn(
            f"mask-langchain is tested with {spec}; found {name} {found}. Report problems with the version.",
            RuntimeWarning,
            stacklevel=3,
        )


check(LANGCHAIN_CORE_RANGE)
try:  # the first import proves more than the metadata: a broken install fails here, with the hint
    import langchain_core.tools  # noqa: F401
except ImportError as exc:
    raise MissingDependencyError(
        "mask-langchain", _spec(LANGCHAIN_CORE_RANGE), "", install=f"'{_spec(LANGCHAIN_CORE_RANGE)}'"
    ) from exc
