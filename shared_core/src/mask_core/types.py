"""Shared value types and protocols.

:class:`Entity` is what the scanner returns. Its ``repr`` never shows the matched text, so a list of
findings can be logged or shown in a traceback without leaking what was found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

__all__ = ["Clock", "Entity", "Recognizer"]

#: A clock returns seconds as a float; vaults take one so tests can move time without sleeping.
Clock = Callable[[], float]


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Entity:
    """One finding of the scanner: a span of text that holds a value of ``entity_type``.

    ``text`` is the matched text itself; it is kept out of ``repr`` and ``str``.
    """

    entity_type: str
    start: int
    end: int
    score: float
    text: str
    recognizer: str = ""
    #: True when a checksum or structural validator confirmed the value (it wins overlaps).
    validated: bool = False
    metadata: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        return (
            f"Entity(entity_type={self.entity_type!r}, start={self.start}, end={self.end}, "
            f"score={self.score:.2f}, text=<{len(self.text)} chars>, recognizer={self.recognizer!r})"
        )

    __str__ = __repr__

    def __len__(self) -> int:
        return self.end - self.start

    def shifted(self, offset: int) -> Entity:
        """The same finding with its span moved by ``offset`` characters."""
        return dataclasses.replace(self, start=self.start + offset, end=self.end + offset)


@runtime_checkable
class Recognizer(Protocol):
    """Finds values of some entity types in text.

    ``find`` receives the scan text (already normalised: see :mod:`mask_core.scan.normalize`) and yields
    findings with spans into that text. It must run in time linear in ``len(text)``.

    The scanner also reads optional attributes when a recognizer has them (``find_in_view``, a
    ``scan_gate``, context words, the shapes and digit counts it finds, ...): each is listed and
    described in :class:`mask_core.scan.traits.RecognizerTraits`.
    """

    name: str
    entity_types: tuple[str, ...]

    def find(self, text: str) -> Iterable[Entity]: ...
