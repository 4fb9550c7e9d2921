"""A name found once is protected at every mention in the same text.

A document names a person in full once ("Mr Robert Murray") and then by surname ("Murray said"), and
a model often finds only the first. After both tiers have run, every other occurrence of a found
person name, in full or by one of its parts, becomes a PERSON finding too. Parts come from names a
title or a cue announced (every part) and from the model's names of two words or more (only the
parts the name lists know), and skip short words, initials, titles and particles: a part is what
identifies the person, and a model's wrong guess is not repeated across the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from mask_core.scan.recognizers.known_names import first_names, surnames
from mask_core.scan.recognizers.names import TITLES, name_words
from mask_core.scan.spans import Taken
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["MENTION_SCORE", "mentions"]

MENTION_SCORE = 0.8
_TITLE_BEFORE = re.compile(r"(?:" + "|".join(TITLES) + r")\.?[ \t\u00a0]+$")
_MAX_NAMES = 200  # an adversarial text with thousands of names gets the first ones' mentions
_CUED = frozenset({"person_cue", "known_name"})


def mentions(
    view: ScanView,
    found: Sequence[Entity],
    *,
    score: float = MENTION_SCORE,
    also_taken: Callable[[], Iterable[tuple[int, int]]] | None = None,
) -> list[Entity]:
    """PERSON findings for the other mentions in ``view`` of the PERSON names in ``found``.

    ``also_taken`` gives more spans a mention must not overlap (report-only findings a tokenizing
    scan did not look for); it is called once, and only when a mention is left to check."""
    names: set[str] = set()
    known: frozenset[str] | None = None
    for e in found:
        if e.entity_type != "PERSON":
            continue
        words = [w for w in name_words(e.text) if len(w) >= 3]
        if e.recognizer in _CUED:
            names.update(words)  # a title or cue said it is a person: every part of the name is theirs
        elif len(words) >= 2:
            # A model's two-word "person" may be anything (a court's foreign name): only the parts
            # the name lists know as first names or surnames are repeated.
            known = known if known is not None else first_names() | surnames()
            names.update(w for w in words if w in known)
        if len(names) >= _MAX_NAMES:
            break
    if not names:
        return []
    text = view.text
    taken = Taken((e.start, e.end) for e in found)
    more: Taken | None = None
    out: list[Entity] = []
    # The parts are capitalised words: the view's index of those is where their mentions are.
    for word_start, end in view.capitalised:
        if text[word_start:end] not in names or taken.overlaps(word_start, end):
            continue
        if also_taken is not None:
            if more is None:
                more = Taken(also_taken())
            if more.overlaps(word_start, end):
                continue
        title = _TITLE_BEFORE.search(text, max(0, word_start - 16), word_start)
        start = title.start() if title is not None else word_start
        out.append(Entity("PERSON", start, end, score, text[start:end], "mention"))
    return out
