"""People's names the name lists know: ``Tyler Jones``, ``Karina Luisa Munguía Samaniego``, and a lone
first name after a cue (``a gift for Benoît``, ``this is Milena``).

The lists (``scan/data/first_names.txt``, ``surnames.txt``) are Faker's first names and surnames of
every locale, without those that are also common English words (``Grace``, ``Will``, ``Brown``):
``scripts/build_name_lists.py`` rebuilds them. A name is found when:

* a known first name is followed by a known first name or surname, or by a capitalised word that is
  hyphenated or has letters beyond ASCII (``Strand-Thomassen``, ``Bärer``), then by further name
  words; or
* a known first name follows a word that introduces a person (``for``, ``by``, ``with``, ``this is``,
  ``thanks``, ``ask``, ``call``, ``assistant``, ``husband`` ...).

This runs in the deterministic tier, so names in a tool's free-text notes are protected with the NER
tier off too. Findings score 0.6: above the default threshold, below the model and the title cues.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources

from mask_core.scan.recognizers.names import name_end
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["KnownNameRecognizer", "first_names", "surnames"]

# A capitalised word followed by another one: the only place a two-word name can start.
_PAIR = re.compile(r"(?<![\w'’-])([^\W\d_a-zß-ÿ][^\W\d_]+)[ \t\u00a0]+(?=[^\W\d_a-zß-ÿ])")
_CUES = (
    "for", "by", "with", "this is", "it's", "it is", "i'm", "thanks", "thank you",
    "ask", "asked", "tell", "told", "contact", "call", "called", "email", "emailed", "text", "meet",
    "met", "assistant", "agent", "colleague", "husband", "wife", "son", "daughter", "mother", "father",
    "brother", "sister", "friend", "partner", "manager", "boss", "cc", "para", "de", "con", "gracias",
)  # fmt: skip
_CUE = re.compile(
    r"(?i:(?<![\w'’])(?:" + "|".join(re.escape(c) for c in _CUES) + r"))[ \t]+([^\W\d_a-zß-ÿ][^\W\d_]+)"
)
_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_ORG_FORMS = frozenset(
    """Ltd Limited Inc Incorporated LLC LLP GmbH AG KG plc PLC Corp Co SA SAS SARL BV NV AB ASA Oy SpA
    Srl""".split()  # noqa: SIM905
)


def _load(name: str) -> frozenset[str]:
    text = resources.files("mask_core.scan").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(text.split())


@functools.cache
def first_names() -> frozenset[str]:
    """The known first names (loaded at first use: about 20,000 names)."""
    return _load("first_names.txt")


@functools.cache
def surnames() -> frozenset[str]:
    """The known surnames (loaded at first use)."""
    return _load("surnames.txt")


_AFTER = re.compile(r"[ \t]+(\w+)")


def _organisation(text: str, start: int, end: int) -> bool:
    """Whether a company form ends or follows the name: ``Robert Bosch GmbH`` is a firm."""
    m = _AFTER.match(text, end)
    return (m is not None and m.group(1) in _ORG_FORMS) or text[start:end].rsplit(None, 1)[-1] in _ORG_FORMS


def _name_like(word: str) -> bool:
    """A word that reads as a name part on its own evidence: hyphenated or beyond ASCII."""
    return "-" in word or not word.isascii()


class KnownNameRecognizer:
    """PERSON findings of names the name lists know (see the module docstring)."""

    name = "known_name"
    entity_types: tuple[str, ...] = ("PERSON",)
    shapes = frozenset({"text"})

    def __init__(self, *, score: float = 0.6) -> None:
        self.score = score

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        first = surname = None
        taken = -1
        for m in _PAIR.finditer(text):
            start = m.start()
            if start < taken:
                continue
            first = first or first_names()
            if m.group(1) not in first:
                continue
            nxt = _WORD.match(text, m.end())
            if nxt is None:
                continue
            surname = surname or surnames()
            word = nxt.group()
            if word in surname or word in first or _name_like(word):
                end = name_end(text, start)
                if end > m.end() and not _organisation(text, start, end):
                    taken = end
                    yield Entity("PERSON", start, end, self.score, text[start:end], self.name)
        for m in _CUE.finditer(text):
            start = m.start(1)
            if start < taken:
                continue
            first = first or first_names()
            if m.group(1) in first:
                end = name_end(text, start)
                taken = end
                yield Entity("PERSON", start, end, self.score, text[start:end], self.name)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
