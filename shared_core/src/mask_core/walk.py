"""Walking nested values: the machinery behind ``deep_encode`` and ``deep_decode``.

Two passes, both iterative (an explicit stack, so 10,000 levels of nesting are fine):

1. :func:`collect_leaves` gathers every leaf Mask may change, each with the :class:`FieldHint` of its
   position: the nearest dict key above it (the scanner reads it like nearby words) and what the
   field rules (:mod:`mask_core.fields`) say the keys above and beside it mean
   (``{"last_name": "Salazar"}`` is a PERSON whatever the name, ``{"currency": "EUR"}`` is a code);
2. the caller transforms all of them in one batch (one scan, one vault round trip);
3. :func:`rebuild` copies the structure with each leaf replaced.

Leaves: ``str`` (not ``Enum`` members), ``bytes`` (the caller decides what to do with them: Mask reads
UTF-8 text), numbers (``int``, ``float``, ``Decimal``; never ``bool``, never ``IntEnum``) and, with
``keys=True``, the string keys of dicts. ``None``, booleans, dates, UUIDs, enums and paths pass
through unchanged.

What the rebuild keeps: ``dict``/``list``/``set``/``frozenset``/``tuple`` and their subclasses
(``OrderedDict``, ``defaultdict`` with its factory, named tuples), dataclass instances (frozen and
slotted ones too, without re-running ``__init__``/``__post_init__``), and pydantic models (same class,
fields set without re-validation, extra fields included). Shared references stay shared and cycles stay
cycles. The input is never mutated. Any other object is *unknown*: Mask cannot see inside it, so by
default it refuses (``UnsupportedTypeError``) rather than let a value through unprotected. Pass
``unknown="pass"`` to hand such objects through as they are.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import decimal
import enum
import fractions
import pathlib
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from mask_core.errors import UnsupportedTypeError
from mask_core.fields import ROOT, FieldHint, FieldRules
from mask_core.fields.columns import is_cell
from mask_core.fields.grids import PAIR_ROW, header_row, label_pairs

__all__ = ["NUMBERS", "SCALARS", "Leaf", "UnknownPolicy", "collect_leaves", "rebuild"]

UnknownPolicy = Literal["error", "pass"]

#: Number types whose values are leaves (a bool is an int, and never one).
NUMBERS: tuple[type, ...] = (int, float, decimal.Decimal)

#: Leaf types that pass through unchanged (subclasses included).
SCALARS: tuple[type, ...] = (
    bytearray, memoryview, complex, type(None), bool,
    datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo, fractions.Fraction,
    uuid.UUID, enum.Enum, pathlib.PurePath, range, type, type(Ellipsis),
)  # fmt: skip

#: One leaf and the hint of its position.
Leaf = tuple[Any, FieldHint]
_LEAF_KINDS = frozenset({"str", "bytes", "number"})
_PASS_KINDS = frozenset({"scalar", "enum", "unknown"})


def _kind(obj: Any) -> str:
    if isinstance(obj, str):
        return "enum" if isinstance(obj, enum.Enum) else "str"
    if isinstance(obj, dict):
        return "dict"
    if isinstance(obj, list):
        return "list"
    if isinstance(obj, tuple):
        return "tuple"
    if isinstance(obj, set | frozenset):
        return "set"
    if isinstance(obj, BaseModel):
        return "model"
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return "dataclass"
    if isinstance(obj, bool | enum.Enum):
        return "scalar" if isinstance(obj, bool) else "enum"
    if isinstance(obj, NUMBERS):
        return "number"
    if isinstance(obj, bytes):
        return "bytes"
    if isinstance(obj, SCALARS):
        return "scalar"
    return "unknown"


def _refuse(obj: Any) -> UnsupportedTypeError:
    return UnsupportedTypeError(
        f"cannot look inside objects of type {type(obj).__qualname__}; convert it to dicts/lists/"
        "dataclasses/pydantic models, or pass unknown='pass' to hand it through unprotected"
    )


def _children(obj: Any, kind: str, keys: bool) -> list[tuple[Any, Any, bool]]:
    """(slot, child, is_key) triples of a container, in a stable order."""
    if kind == "dict":
        out: list[tuple[Any, Any, bool]] = []
        for k, v in obj.items():
            if keys and isinstance(k, str):
                out.append((("key", k), k, True))
            out.append((("value", k), v, False))
        return out
    if kind in ("list", "tuple", "set"):
        return [(i, v, False) for i, v in enumerate(obj)]
    if kind == "dataclass":
        return [
            (f.name, getattr(obj, f.name), False) for f in dataclasses.fields(obj) if hasattr(obj, f.name)
        ]
    if kind == "model":
        items = [(name, getattr(obj, name), False) for name in type(obj).model_fields if name in obj.__dict__]
        extra = obj.__pydantic_extra__ or {}
        items.extend((("extra", name), value, False) for name, value in extra.items())
        return items
    return []


def _siblings(obj: Any, kind: str, children: list[tuple[Any, Any, bool]]) -> Mapping[Any, Any]:
    """What the field rules may read beside a key: the mapping itself, or an object's fields by name."""
    if kind == "dict":
        return obj  # type: ignore[no-any-return]
    return {(s[1] if isinstance(s, tuple) else s): v for s, v, is_key in children if not is_key}


def _hint_of(
    rules: FieldRules,
    parent: FieldHint,
    kind: str,
    siblings: Mapping[Any, Any],
    slot: Any,
    is_key: bool,
    child: Any = None,
) -> FieldHint:
    """The hint of one child: a dict entry or object field by its key, a list element as its list
    (a row's cell, under a table's rows held as lists, as its column's value)."""
    if kind == "dict" or kind in ("dataclass", "model"):
        name = slot[1] if isinstance(slot, tuple) else slot
        value_hint = rules.child(parent, siblings, name)
        return rules.key_hint(value_hint) if is_key else value_hint
    if parent.columns is PAIR_ROW and kind in ("list", "tuple"):
        # A label/value pair: the label is a key, the value its field's.
        value = parent._replace(columns=None)
        return value if slot else rules.key_hint(value)
    if (
        parent.columns is not None
        and kind in ("list", "tuple")
        and (not isinstance(child, list | tuple | dict) or is_cell(child))
    ):
        return rules.column_hint(parent.columns, slot) or parent._replace(columns=None)
    return parent


class _Grid(NamedTuple):
    """The hints of the rows of a table held as lists (``fields/grids.py``): under a header row, or
    a list of label and value pairs."""

    header: FieldHint  # the header row's: content, but column labels are no names for the NER tier
    rows: FieldHint  # the other rows': each cell read by its column
    pairs: list[FieldHint] | None = None  # each pair's value's, if the rows are label/value pairs

    def row(self, slot: int) -> FieldHint:
        """The hint of row ``slot`` itself (its cells' hints follow from it in ``_hint_of``)."""
        if self.pairs is not None:
            return self.pairs[slot]._replace(columns=PAIR_ROW)
        return self.rows if slot else self.header


def _grid(rules: FieldRules, node: Any, kind: str, hint: FieldHint) -> _Grid | None:
    """The hints of ``node``'s rows when it is a table held as lists, else None."""
    if kind not in ("list", "tuple") or hint.columns is not None or hint.never:
        return None
    header = header_row(node, rules)
    if header is not None:
        return _Grid(hint._replace(names=False), hint._replace(columns=header))
    pairs = label_pairs(node, rules, hint)
    return None if pairs is None else _Grid(hint, hint, pairs)


# Values a flat dict may hold for the fast paths below: exactly these types, no subclasses.
_FLAT_LEAVES = frozenset({str, int, float, bool, type(None)})


def _is_flat(obj: Any) -> bool:
    """A plain dict of plain strings and numbers: what most tool arguments are.

    The walkers answer it in one loop each, with exactly what the general walk gives
    (``tests/test_walk.py`` compares the two)."""
    return type(obj) is dict and all(type(v) in _FLAT_LEAVES for v in obj.values())


def collect_leaves(
    obj: Any, *, rules: FieldRules, keys: bool = True, unknown: UnknownPolicy = "error"
) -> list[Leaf]:
    """Every distinct (leaf, hint) pair of ``obj``, in first-seen order (see the module docstring)."""
    if _is_flat(obj):
        out: dict[tuple[type, Any, FieldHint], None] = {}
        for k, v in obj.items():
            hint = rules.child(ROOT, obj, k)
            if keys and type(k) is str:
                out[(str, k, rules.key_hint(hint))] = None
            if type(v) is str or type(v) is int or type(v) is float:
                out[(type(v), v, hint)] = None
        return [(v, h) for _, v, h in out]
    return _collect_walk(obj, rules=rules, keys=keys, unknown=unknown)


def _collect_walk(obj: Any, *, rules: FieldRules, keys: bool, unknown: UnknownPolicy) -> list[Leaf]:
    seen_ids: set[int] = set()
    out: dict[tuple[type, Any, FieldHint], None] = {}
    stack: list[tuple[Any, FieldHint]] = [(obj, ROOT)]
    while stack:
        node, hint = stack.pop()
        kind = _kind(node)
        if kind in _LEAF_KINDS:
            out.setdefault((type(node), node, hint), None)
            continue
        if kind in ("scalar", "enum"):
            continue
        if kind == "unknown":
            if unknown == "error":
                raise _refuse(node)
            continue
        if id(node) in seen_ids:
            continue
        seen_ids.add(id(node))
        children = _children(node, kind, keys)
        siblings = _siblings(node, kind, children) if kind in ("dict", "dataclass", "model") else {}
        grid = _grid(rules, node, kind, hint)
        for slot, child, is_key in reversed(children):
            row = (
                _hint_of(rules, hint, kind, siblings, slot, is_key, child) if grid is None else grid.row(slot)
            )
            stack.append((child, row))
    return [(v, h) for _, v, h in out]


class _Frame:
    __slots__ = ("children", "done", "grid", "hint", "index", "kind", "new", "siblings", "src")

    def __init__(self, src: Any, kind: str, hint: FieldHint, keys: bool, rules: FieldRules) -> None:
        self.src = src
        self.kind = kind
        self.hint = hint
        self.children = _children(src, kind, keys)
        self.siblings = _siblings(src, kind, self.children) if kind in ("dict", "dataclass", "model") else {}
        #: The hints of its rows, if this is a table under a header row (``fields/grids.py``).
        self.grid = _grid(rules, src, kind, hint)
        self.index = 0
        self.done: list[Any] = []
        self.new: Any = None


_PENDING = object()


def _start(frame: _Frame) -> None:
    """Create the new container early for mutable kinds, so cycles can point at it."""
    src, kind = frame.src, frame.kind
    if kind == "dict":
        frame.new = {} if type(src) is dict else _empty_copy(src, dict)
    elif kind == "list":
        frame.new = [] if type(src) is list else _empty_copy(src, list)
    elif kind == "dataclass":
        frame.new = copy.copy(src)
    elif kind == "model":
        frame.new = src.model_copy()
        if src.__pydantic_extra__ is not None:
            object.__setattr__(frame.new, "__pydantic_extra__", dict(src.__pydantic_extra__))


def _empty_copy(src: Any, plain: type) -> Any:
    """An empty container of ``src``'s type (keeping e.g. a defaultdict's factory), else a plain one.

    Some subclasses cannot be copied (``dirtyjson``'s ``AttributedDict``, which LlamaIndex's ReAct
    parser returns, takes no constructor arguments); their contents are then rebuilt in a plain
    ``dict``/``list`` rather than failing the whole walk.
    """
    try:
        new = copy.copy(src)
        new.clear()
    except Exception:
        try:
            new = type(src)()
        except Exception:
            new = plain()
    return new


def _finish(frame: _Frame) -> Any:
    src, kind, values = frame.src, frame.kind, frame.done
    if kind == "dict":
        new = frame.new
        pending_keys: dict[Any, Any] = {}
        for (slot, _child, is_key), value in zip(frame.children, values, strict=True):
            if is_key:
                pending_keys[slot[1]] = value
            else:
                new[pending_keys.pop(slot[1], slot[1])] = value
        return new
    if kind == "list":
        frame.new.extend(values)
        return frame.new
    if kind == "tuple":
        if hasattr(src, "_make"):
            return type(src)._make(values)
        return tuple(values) if type(src) is tuple else type(src)(values)
    if kind == "set":
        if type(src) in (set, frozenset):
            return type(src)(values)
        new = copy.copy(src)
        if isinstance(new, set):
            new.clear()
            new.update(values)
            return new
        return type(src)(values)
    if kind == "dataclass":
        for (name, _child, _k), value in zip(frame.children, values, strict=True):
            object.__setattr__(frame.new, name, value)
        return frame.new
    if kind == "model":
        extra = frame.new.__pydantic_extra__
        for (slot, _child, _k), value in zip(frame.children, values, strict=True):
            if isinstance(slot, tuple):
                extra[slot[1]] = value
            else:
                frame.new.__dict__[slot] = value
        return frame.new
    raise AssertionError(kind)  # pragma: no cover


def rebuild(
    obj: Any,
    replace: Callable[[Any, FieldHint], Any],
    *,
    rules: FieldRules,
    keys: bool = True,
    unknown: UnknownPolicy = "error",
) -> Any:
    """A copy of ``obj`` with every leaf ``v`` (at a position with hint ``h``) replaced by
    ``replace(v, h)``; ``replace`` returns ``v`` itself for a leaf it leaves alone."""
    if _is_flat(obj):
        out = {}
        for k, v in obj.items():
            hint = rules.child(ROOT, obj, k)
            if keys and type(k) is str:
                k = replace(k, rules.key_hint(hint))  # noqa: PLW2901 - the new key
            out[k] = replace(v, hint) if type(v) is str or type(v) is int or type(v) is float else v
        return out
    return _rebuild_walk(obj, replace, rules=rules, keys=keys, unknown=unknown)


def _rebuild_walk(
    obj: Any,
    replace: Callable[[Any, FieldHint], Any],
    *,
    rules: FieldRules,
    keys: bool,
    unknown: UnknownPolicy,
) -> Any:
    memo: dict[int, Any] = {}
    keep_alive: list[Any] = []
    fixups: dict[int, list[tuple[_Frame, int]]] = {}

    def leaf(node: Any, kind: str, hint: FieldHint) -> Any:
        if kind == "str":
            new = replace(node, hint)
            if type(node) is str or new == node:
                return new if new != node else node
            try:
                return type(node)(new)  # keep a str subclass where it can be rebuilt from text
            except Exception:
                return new
        if kind in ("bytes", "number"):
            return replace(node, hint)
        if kind == "unknown" and unknown == "error":
            raise _refuse(node)
        return node

    root_kind = _kind(obj)
    if root_kind in _LEAF_KINDS or root_kind in _PASS_KINDS:
        return leaf(obj, root_kind, ROOT)
    root = _Frame(obj, root_kind, ROOT, keys, rules)
    _start(root)
    memo[id(obj)] = root.new if root.new is not None else _PENDING
    keep_alive.append(obj)
    stack = [root]
    result: Any = None
    while stack:
        frame = stack[-1]
        if frame.index < len(frame.children):
            slot, child, is_key = frame.children[frame.index]
            frame.index += 1
            kind = _kind(child)
            grid = frame.grid
            hint = (
                _hint_of(rules, frame.hint, frame.kind, frame.siblings, slot, is_key, child)
                if grid is None
                else grid.row(slot)
            )
            if kind in _LEAF_KINDS or kind in _PASS_KINDS:
                frame.done.append(leaf(child, kind, hint))
                continue
            known = memo.get(id(child))
            if known is _PENDING:  # a cycle through an immutable container still being built
                fixups.setdefault(id(child), []).append((frame, len(frame.done)))
                frame.done.append(None)
                continue
            if known is not None:
                frame.done.append(known)
                continue
            sub = _Frame(child, kind, hint, keys, rules)
            _start(sub)
            memo[id(child)] = sub.new if sub.new is not None else _PENDING
            keep_alive.append(child)
            stack.append(sub)
            continue
        stack.pop()
        built = _finish(frame)
        memo[id(frame.src)] = built
        for holder, position in fixups.pop(id(frame.src), ()):
            _patch(holder, position, built)
        if stack:
            stack[-1].done.append(built)
        else:
            result = built
    return result


def _patch(holder: _Frame, position: int, value: Any) -> None:
    """Point a slot that referred to a then-unfinished immutable container at the finished one."""
    holder.done[position] = value
    if holder.new is None or holder.index < len(holder.children):
        return  # not finished yet: _finish will pick the patched value up
    slot, _child, _is_key = holder.children[position]
    if holder.kind == "list":
        holder.new[position] = value
    elif holder.kind == "dict" and slot[1] in holder.new:
        holder.new[slot[1]] = value
    elif holder.kind == "dataclass":
        object.__setattr__(holder.new, slot, value)
    elif holder.kind == "model":
        holder.new.__dict__[slot] = value
