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

Scopes hold the objects they cover (agents, tools) by reference and compare with ``is``, so an
object freed during the block can never be mistaken for a new one with the same ``id()``.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mask_core.adapters.options import Protection

__all__ = ["ClassPatch", "Replacement", "Scope"]

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


@dataclasses.dataclass(slots=True)
class _Saved:
    owner: type
    name: str
    original: Any  # the class's own attribute, or _MISSING when it was inherited


class ClassPatch:
    """Replacements of framework attributes, installed while at least one block is open.

    ``plan`` returns the replacements; it is called each time the patch is installed, so classes
    imported since the last block (a tool class defined later) are found too.
    """

    def __init__(self, name: str, plan: Callable[[], Iterable[Replacement]]) -> None:
        self.name = name
        self._plan = plan
        self._lock = threading.Lock()
        self._refs = 0
        self._saved: list[_Saved] = []
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

    def active(self, obj: object = None) -> Protection | None:
        """The protection of the innermost open block in this context that covers ``obj``."""
        for scope in reversed(self._scopes.get()):
            if scope.covers(obj):
                return scope.protection
        return None

    # -- installing ----------------------------------------------------------------------------------
    def _install(self) -> None:
        with self._lock:
            self._refs += 1
            if self._refs > 1:
                return
            try:
                for rep in self._plan():
                    original = rep.owner.__dict__.get(rep.name, _MISSING)
                    current = original if original is not _MISSING else getattr(rep.owner, rep.name)
                    type.__setattr__(rep.owner, rep.name, rep.make(current))
                    self._saved.append(_Saved(rep.owner, rep.name, original))
            except BaseException:
                self._restore()
                self._refs -= 1
                raise

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
