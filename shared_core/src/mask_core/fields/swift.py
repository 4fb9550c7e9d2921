"""SWIFT MT payment messages: the ordering customer's and the beneficiary's numbered lines.

A bank's or a treasury system's tool hands on an MT103 (or MT202 COV) as its text block, and the
structured party fields (``:50F:`` ordering customer, ``:59F:`` beneficiary) write each part of the
party on a line numbered by what it is::

    :50F:/FR1437616206410000000000000
    1/ZYXWVUT QUORVE
    2/289, BOULEVARD PREVOST
    3/FR/02944 FERREIRABOURG
    4/19850323

So each numbered line is read as the key the field rules know for it: ``1`` the name, ``2`` an
address line, ``3`` the country code and town (the town protected), ``4`` the date of birth, ``5``
the place of birth, ``6`` and ``7`` a customer's or a national identity number (after their country
code). The unstructured ``:50K:`` and ``:59:`` lines are prose to the recognizers.
"""

from __future__ import annotations

import re

from mask_core.fields.pairs import MAX_PAIRS, Pair, trimmed

__all__ = ["may_hold_swift", "swift_pairs"]

_PARTY = re.compile(r":(?:50F|59F):")
_LINE = re.compile(r"[ \t]*([1-8])/(?:([A-Z]{2})/)?([^\r\n]*)")
_KEYS = {"1": "full_name", "2": "street", "3": "city", "4": "birth_date", "5": "birth_place",
         "6": "national_id", "7": "national_id"}  # fmt: skip
_MAX_LINES = 12


def may_hold_swift(text: str) -> bool:
    """A cheap necessary condition: a structured party field's tag."""
    return "F:" in text and (":50F:" in text or ":59F:" in text)


def swift_pairs(text: str) -> list[Pair]:
    """The numbered lines of the text's ``:50F:`` and ``:59F:`` fields, each field a record."""
    out: list[Pair] = []
    for record, m in enumerate(_PARTY.finditer(text), 1):
        pos = text.find("\n", m.end())  # past the account line
        for _ in range(_MAX_LINES):
            if pos < 0:
                break
            line = _LINE.match(text, pos + 1)
            if line is None:
                break
            key = _KEYS.get(line.group(1))
            if key is not None:
                start, end = trimmed(text, *line.span(3))
                if end > start:
                    out.append(Pair(key, start, end, record))
            pos = text.find("\n", line.end())
        if len(out) >= MAX_PAIRS:
            break
    return out
