"""Labelled record trees: how a shape says, leaf by leaf, what is sensitive.

A shape builds its record from ``pii(value, kind)``, ``safe(value, kind)`` and ``note(text, *pii)``
leaves (``None`` and booleans may stay bare: they are never sensitive), and ``PiiKey(key, kind)`` for a
dict key that is itself personal data. :func:`build` strips the wrappers and returns the plain record
with a label for every leaf, so a leaf cannot be left unlabelled: a bare string or number raises.

A path is a tuple of dict keys and list indices from the root (``("address", "line", 0)``). A key's
label sits at the path of its entry (the dict's path plus the key).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

__all__ = ["Label", "Path", "PiiKey", "Record", "build", "get", "leaves", "note", "pii", "safe", "text"]

Path = tuple[str | int, ...]


@dataclasses.dataclass(frozen=True)
class Label:
    sensitive: bool
    kind: str  # what the leaf holds: an entity type for sensitive ones ("PERSON", "US_SSN" ...), a role else
    pii: tuple[str, ...] = ()  # free text: the personal data inside it, verbatim


@dataclasses.dataclass(frozen=True)
class Record:
    shape: str
    locale: str
    value: Any
    labels: dict[Path, Label]
    key_labels: dict[Path, Label]


@dataclasses.dataclass(frozen=True)
class _Leaf:
    value: Any
    label: Label


@dataclasses.dataclass(frozen=True)
class PiiKey:
    key: str
    kind: str


def pii(value: Any, kind: str) -> _Leaf:
    return _Leaf(value, Label(True, kind))


def safe(value: Any, kind: str) -> _Leaf:
    return _Leaf(value, Label(False, kind))


def note(value: str, *personal: str) -> _Leaf:
    """Free text; sensitive when it contains personal data, which must appear in it verbatim."""
    missing = [p for p in personal if p not in value]
    if missing:
        raise ValueError("a note's personal data must appear in its text")
    return _Leaf(value, Label(bool(personal), "NOTE" if personal else "text", tuple(personal)))


def text(value: str) -> _Leaf:
    return note(value)


def build(shape: str, locale: str, tree: Any) -> Record:
    labels: dict[Path, Label] = {}
    key_labels: dict[Path, Label] = {}

    def walk(node: Any, path: Path) -> Any:
        if isinstance(node, _Leaf):
            if isinstance(node.value, dict | list):
                raise TypeError("a labelled leaf holds a scalar")
            labels[path] = node.label
            return node.value
        if node is None or isinstance(node, bool):
            labels[path] = Label(False, "null" if node is None else "flag")
            return node
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                key = k.key if isinstance(k, PiiKey) else k
                if isinstance(k, PiiKey):
                    key_labels[(*path, key)] = Label(True, k.kind)
                out[key] = walk(v, (*path, key))
            return out
        if isinstance(node, list):
            return [walk(v, (*path, i)) for i, v in enumerate(node)]
        raise TypeError(f"unlabelled leaf at {path!r}: wrap it in pii(), safe() or note()")

    value = walk(tree, ())
    return Record(shape, locale, value, labels, key_labels)


def leaves(obj: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every leaf of a plain record with its path (empty dicts and lists have none)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, (*path, k))
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from leaves(v, (*path, i))
    else:
        yield path, obj


def get(obj: Any, path: Path) -> Any:
    for step in path:
        obj = obj[step]
    return obj
