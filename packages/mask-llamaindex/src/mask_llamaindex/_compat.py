"""Supported LlamaIndex versions, checked once at import (the OTel ``_instruments`` idea).

``import mask_llamaindex`` without ``llama-index-core`` raises :class:`~mask_core.MissingDependencyError`
(an ``ImportError``) naming the package and the supported range. An older version than supported
raises the same error; a newer one than tested imports with a warning.
"""

from __future__ import annotations

import importlib.metadata
import re
import warnings

from mask_core.errors import MissingDependencyError

__all__ = ["LLAMA_INDEX_CORE_RANGE", "check"]

#: (package, lowest supported, first unsupported); keep in step with pyproject.toml.
LLAMA_INDEX_CORE_RANGE = ("llama-index-core", (0, 12), (0, 15))


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
        raise MissingDependencyError("mask-llamaindex", spec, "", install=f"'{spec}'") from None
    version = _version(found)
    if version < low:
        raise MissingDependencyError(
            f"mask-llamaindex (found {name} {found}, too old)", spec, "", install=f"'{spec}'"
        )
    if version >= high:
        warnings.warn(
            f"mask-llamaindex is tested with {spec}; found {name} {found}. Report problems with the version.",
            RuntimeWarning,
            stacklevel=3,
        )


check(LLAMA_INDEX_CORE_RANGE)
try:  # the first import proves more than the metadata: a broken install fails here, with the hint
    import llama_index.core.tools  # noqa: F401
except ImportError as exc:
    raise MissingDependencyError(
        "mask-llamaindex", _spec(LLAMA_INDEX_CORE_RANGE), "", install=f"'{_spec(LLAMA_INDEX_CORE_RANGE)}'"
    ) from exc
