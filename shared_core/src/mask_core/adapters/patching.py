"""``ClassPatch``: framework methods replaced while a block is open, the policy in a context variable.

Every adapter's ``patched()`` is one :class:`ClassPatch`: a list of ``(class, attribute, make)``
replacements, where ``make(original)`` returns the replacement. The helper owns everything that is
easy to get wrong, once:

* **Reference-counted and locked.** The first block to open installs every replacement under a lock;
  the last one to close puts back exactly what was there (an attribute the class only inherited is
  deleted again), so the classes end as they began. Blocks may open and close in any thread.
* **The policy is a context variable, not the class.** Each block pushes a :class:`Scope` (its
  :class:`~mask_core.adapters.Protection` and, optionally, the objects it covers) onto a stack held in
  a ``ContextVar``. A replacement asks :meth:`ClassPatch.active` for the innermost scope that covers
  the object it runs on: code in the block (its thread or task, and tasks it starts) is protected;
  code elsewhere, in other threads or requests, is untouched and cannot pick up this block's tenant.
* **Re-entry nests.** ``with patched(x, client=A): with patched(x, client=B): ...`` runs with B inside
  and A again after the inner block closes: the inner block wins, nothing is ignored or merged.
  Closing a block in another context than the one that opened it raises (``ValueError`` from the
  ``ContextVar``) rather than leaving the wrong tenant in place.
* **Copies follow their original.** Some frameworks run a copy of the object you named (Google ADK
  runs ``agent.clone()``). A replacement of the framework's copy method calls :meth:`ClassPatch.follow`;
  from then on a block that names the original covers the copy too, and copies of the copy, with the
  same nesting (the innermost covering block wins). The lineage is held weakly and dropped when the
  last block closes, so the objects themselves are never marked and nothing outlives the blocks.
* **Classes defined later are found.** ``plan`` is asked again whenever a subclass of a class in
  ``watch`` is created while the patch is installed (a hook on the root's ``__init_subclass__``,
  itself a replacement undone with the rest), so a tool class defined inside an open block is
  patched at once, not only when the next block opens.

Scopes hold the objects they cover (agents, tools) by reference and compare with ``is``, so an
object freed during the block can never be mistaken for a new one with the same ``id()``. Two
patches must not replace the same attribute of the same class: each would restore the other's
replacement.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mask_core.adapters.options import Protection

__all__ = ["ClassPatch", "Replacement", "Scope", "named_like"]

_MISSING = object()


@dataclasses.dataclass(frozen=True, slots=True)
class Replacement:
    """Replace ``owner.name`` with ``make(original)`` while the patch is installed."""

    owner: type
    name: str
    make: Callable[[Any], Any]


@dataclasses.dataclass(frozen=True, slots=True)
class Scope:
    """One open block: its protection, and the objects it covers (``None``: every object)."""

    protection: Protection
    targets: tuple[object, ...] | None = None

    def covers(self, obj: object) -> bool:
        return self.targets is None or any(t is obj for t in self.targets)


@dataclasses.dataclass(frozen=True, slots=True)
class _Origin:
    copy: Callable[[], object]  # a weak reference to the copy (or a strong one, see follow)
    original: object


@dataclasses.dataclass(frozen=True, slots=True)
class _Strong:
    obj: object

    def __call__(self) -> object:
        return self.obj


@dataclasses.dataclass(slots=True)
class _Saved:
    owner: type
    name: str
    original: Any  # the class's own attribute, or _MISSING when it was inherited


class ClassPatch:
    """Replacements of framework attributes, installed while at least one block is open.

    ``plan`` returns the replacements; it is called each time the patch is installed, and again when
    a subclass of a class in ``watch`` is created while it is installed: whatever it returns that is
    not in place yet is installed then (see the module docstring).
    """

    def __init__(
        self, name: str, plan: Callable[[], Iterable[Replacement]], *, watch: Iterable[type] = ()
    ) -> None:
        self.name = name
        self._plan = plan
        self._watch = tuple(watch)
        # Re-entrant: creating a class while the plan is installed (an import a plan triggers)
        # runs the watch hook, which installs under the same lock in the same thread.
        self._lock = threading.RLock()
        self._refs = 0
        self._saved: list[_Saved] = []
        self._done: set[tuple[type, str]] = set()
        self._origins: dict[int, _Origin] = {}  # id(copy) -> where it came from, while installed
        self._scopes: contextvars.ContextVar[tuple[Scope, ...]] = contextvars.ContextVar(
            f"mask_{name}_scopes", default=()
        )

    def __repr__(self) -> str:
        return f"ClassPatch({self.name!r}, installed={self.installed})"

    @property
    def installed(self) -> bool:
        """Whether the replacements are in place right now (any block open, in any thread)."""
        return self._refs > 0

    def scopes(self) -> tuple[Scope, ...]:
        """The open blocks in this context, outermost first."""
        return self._scopes.get()

    def _lineage(self, obj: object) -> Iterator[object]:
        """``obj``, then the object it was copied from, and so on (copies made while installed)."""
        seen = 0
        while True:
            yield obj
            found = self._origins.get(id(obj))
            if found is None or found.copy() is not obj or seen > len(self._origins):
                return
            obj, seen = found.original, seen + 1

    def active(self, obj: object = None) -> Protection | None:
        """The protection of the innermost open block in this context that covers ``obj``.

        A block covers what it names, and the copies made of those while a block was open.
        """
        scopes = self._scopes.get()
        if not scopes:
            return None
        lineage = list(self._lineage(obj)) if self._origins else [obj]
        for scope in reversed(scopes):
            if any(scope.covers(o) for o in lineage):
                return scope.protection
        return None

    def follow(self, copy: object, original: object) -> None:
        """``copy`` was made from ``original``: a block that covers ``original`` covers ``copy`` too.

        Called by a replacement of the framework's copy method. The copy is remembered only when an
        open block in this context names ``original`` (or what it was copied from); it is held by
        weak reference and forgotten when it is freed or the last block closes.
        """
        if copy is original or not any(s.targets is not None for s in self._scopes.get()):
            return
        lineage = list(self._lineage(original))
        if not any(s.targets is not None and s.covers(o) for s in self._scopes.get() for o in lineage):
            return
        key, origins = id(copy), self._origins

        def forget(ref: object) -> None:
            with self._lock:
                found = origins.get(key)
                if found is not None and found.copy is ref:
                    del origins[key]

        try:
            ref: Callable[[], object] = weakref.ref(copy, forget)
        except TypeError:  # not weakly referable: held until the last block closes
            ref = _Strong(copy)
        with self._lock:
            if self._refs > 0:
                origins[key] = _Origin(ref, original)

    # -- installing ----------------------------------------------------------------------------------
    def _put(self, owner: type, name: str, make: Callable[[Any], Any]) -> None:
        original = owner.__dict__.get(name, _MISSING)
        current = original if original is not _MISSING else getattr(owner, name)
        type.__setattr__(owner, name, make(current))
        self._saved.append(_Saved(owner, name, original))
        self._done.add((owner, name))

    def _put_missing(self) -> None:
        """Install what the plan returns that is not in place yet (the lock is held)."""
        for rep in self._plan():
            if (rep.owner, rep.name) not in self._done:
                self._put(rep.owner, rep.name, rep.make)

    def _install(self) -> None:
        with self._lock:
            self._refs += 1
            if self._refs > 1:
                return
            try:
                self._put_missing()
                for root in self._watch:
                    if (root, "__init_subclass__") not in self._done:
                        self._put(root, "__init_subclass__", self._watcher(root))
            except BaseException:
                self._restore()
                self._refs -= 1
                raise

    def _adopt_new_classes(self) -> None:
        with self._lock:
            if self._refs > 0:
                self._put_missing()

    def _watcher(self, root: Any) -> Callable[[Any], Any]:
        """The ``__init_subclass__`` hook for ``root``: the class is made as before, then patched."""
        patch = self

        def make(current: Any) -> Any:
            own = root.__dict__.get("__init_subclass__")

            def __init_subclass__(cls: Any, /, **kwargs: Any) -> None:
                if isinstance(own, classmethod):
                    own.__func__(cls, **kwargs)
                else:
                    super(root, cls).__init_subclass__(**kwargs)
                patch._adopt_new_classes()

            return classmethod(__init_subclass__)

        return make

    def _uninstall(self) -> None:
        with self._lock:
            self._refs -= 1
            if self._refs == 0:
                self._restore()

    def _restore(self) -> None:
        while self._saved:
            saved = self._saved.pop()
            if saved.original is _MISSING:
                type.__delattr__(saved.owner, saved.name)
            else:
                type.__setattr__(saved.owner, saved.name, saved.original)
        self._done.clear()
        self._origins.clear()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Keep the replacements installed for the block, without opening a scope."""
        self._install()
        try:
            yield
        finally:
            self._uninstall()

    @contextlib.contextmanager
    def block(self, protection: Protection, targets: Iterable[object] | None = None) -> Iterator[Scope]:
        """Install the patch and make ``protection`` the innermost policy in this context."""
        scope = Scope(protection, None if targets is None else tuple(targets))
        self._install()
        try:
            token = self._scopes.set((*self._scopes.get(), scope))
        except BaseException:
            self._uninstall()
            raise
        try:
            yield scope
        finally:
            try:
                self._scopes.reset(token)
            finally:
                self._uninstall()


def named_like(original: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Name a replacement like the method it wraps. Not ``functools.wraps``: a patch held around
    every tool call makes its replacements each time, and copying a method's ``__dict__`` costs more
    than the rest of the patch."""

    def name(method: Callable[..., Any]) -> Callable[..., Any]:
        method.__name__, method.__qualname__ = original.__name__, original.__qualname__
        method.__doc__ = original.__doc__
        method.__wrapped__ = original  # type: ignore[attr-defined]
        return method

    return name
