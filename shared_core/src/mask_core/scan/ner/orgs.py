"""Institutions by their head noun: ``Istanbul Administrative Court``, ``Ministry of Defence``,
``Foreign and Commonwealth Office``, ``Turkish Government``, ``Acme Widgets Ltd``, ``Zac Brown Band``.

A small model reads an organisation's name from its context and misses most of the long names of
public bodies and firms (in court judgments spaCy's small English model finds about four in five,
and splits or mis-types many). Such names are built the same way in every English text: capitalised
words around a head noun that says what kind of body it is, with ``of``/``for``/``and`` inside. So the
NER tier also reads those, and they win over the model's span where they overlap (the model's span
of such a name is usually a part of it, or of the wrong type).
"""

from __future__ import annotations

import re

__all__ = ["HEADS", "institutions"]

#: Nouns that end (``... Court``) or open (``Ministry of ...``) the name of an organisation.
HEADS = (
    "Court", "Courts", "Ministry", "Government", "Office", "Department", "Council", "Authority",
    "Authorities", "Board", "Commission", "Committee", "Prosecutor", "Directorate", "Municipality",
    "Police", "Agency", "Bank", "University", "Hospital", "Clinic", "Clinique", "Railways", "Treasury",
    "Institute", "Party", "Union", "Association", "Foundation", "Company", "Corporation", "Parliament",
    "Assembly", "Tribunal", "Chamber", "Bureau", "Army", "Navy", "Prison", "School", "College",
    "Academy", "Federation", "Registry", "Inspectorate", "Administration", "Gendarmerie", "Secretariat",
    "Ombudsman", "Society", "Trust", "Fund", "Minister", "Division", "Senate", "Panel",
    "Band", "Orchestra", "Choir", "Quartet", "Trio", "Ensemble", "Brothers", "Bros", "Club", "FC",
    "Ltd", "Limited", "Inc", "Incorporated", "LLC", "GmbH",
    "plc", "PLC", "Corp", "Co", "AG", "SA", "S.A.", "NV", "BV", "AB", "ASA", "Oy", "SpA", "S.p.A.",
)  # fmt: skip
_HEAD_RE = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, HEADS)) + r")\.?(?![\w-])")
_CAP = r"[^\W\d_][\w'’.&-]*"
_CAP_RE = re.compile(_CAP)
# Capitalised words that open sentences and clauses: never the first word of a name.
_OPENERS = frozenset(
    """The A An In On At By For From With This That These Those It Its His Her Their Our Your My When
    While After Before Since Under Over Between Against Upon Into Both Each Every All Any Some No Not
    And Or But If As Also However Moreover Furthermore Thus Therefore Then There Here According""".split()  # noqa: SIM905
)
_OF_RE = re.compile(r"[ \t]+(?:of|for|on)(?:[ \t]+the)?[ \t]+")
_GAP_RE = re.compile(r"[ \t]+(?:(?:and|of|for|&)[ \t]+)?")
_MAX_WORDS = 9


def _words_before(text: str, pos: int) -> int:
    """The start of the run of capitalised words (with ``and``/``&`` inside) that ends at ``pos``."""
    start = pos
    count = 0
    while count < _MAX_WORDS:
        j = start
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j in (start, 0):
            break
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’.&-"):
            k -= 1
        word = text[k:j]
        if not word:
            break
        if word in ("and", "&") and count:
            # ``Foreign and Commonwealth Office``: only with a capitalised word before it.
            m = k
            while m > 0 and text[m - 1] in " \t":
                m -= 1
            n = m
            while n > 0 and (text[n - 1].isalnum() or text[n - 1] in "'’.-"):
                n -= 1
            prev = text[n:m]
            if not prev or not prev[0].isupper() or prev in _OPENERS:
                break
            start, count = n, count + 2
            continue
        if not word[0].isupper() or word in _OPENERS or word.rstrip(".") in HEADS:
            break
        start, count = k, count + 1
    return start


def _words_after(text: str, pos: int) -> int:
    """The end of ``of [the] Capitalised Words (and Capitalised Words)`` right after ``pos``."""
    end = pos
    m = _OF_RE.match(text, pos)
    if m is None:
        return end
    i = m.end()
    count = 0
    while count < _MAX_WORDS:
        w = _CAP_RE.match(text, i)
        if w is None or not w.group()[0].isupper() or w.group() in _OPENERS:
            break
        end = i = w.end()
        count += 1
        j = _GAP_RE.match(text, i)
        if j is None or j.end() == i:
            break
        i = j.end()
    return end


# A name's gloss in its own language, right after it: ``Supreme Court (Högsta domstolen)``.
_GLOSS = re.compile(r"[ \t]*\((?=[^\W\d_])[^\W\d_][^()\n\d]{0,60}\)")


def institutions(text: str) -> list[tuple[int, int]]:
    """Spans of the institution names in ``text`` (at least two words, one of them a head noun), each
    with the gloss in parentheses that follows it, if any."""
    out: list[tuple[int, int]] = []
    for m in _HEAD_RE.finditer(text):
        start = _words_before(text, m.start())
        end = _words_after(text, m.end())
        if start == m.start() and end == m.end():
            continue  # a head noun alone ("the Court") is a common noun as often as a name
        gloss = _GLOSS.match(text, end)
        if gloss is not None and gloss.group().strip()[1:2].isupper():
            end = gloss.end()
        if out and start < out[-1][1]:
            out[-1] = (min(out[-1][0], start), max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
