"""Identity numbers: US SSN, Spanish NIF and NIE.

Validation comes from ``python-stdnum`` (SSA area/group/serial rules and its list of known invalid
SSNs, the NIF/NIE control letter). A bare nine-digit number is too ambiguous to be an SSN on its own
(order ids, routing numbers), so it scores below the default threshold unless context says "SSN".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.es import nie, nif
from stdnum.us import ssn

from mask_core.scan.anchors import nie_candidates, nif_candidates
from mask_core.scan.gates import Runs
from mask_core.scan.recognizer import WindowRecognizer, context_regex
from mask_core.scan.view import ScanView, Window
from mask_core.types import Entity

__all__ = ["EsNieRecognizer", "EsNifRecognizer", "SsnRecognizer", "ssn_digits_valid"]

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


# What stdnum's ``us.ssn.is_valid`` checks beyond the SSA rules below: its list of published sample
# numbers (078-05-1120 and others). Its own call re-cleans the string through generators, half the cost
# of an SSN check; if a future stdnum renames the list, the check goes back to calling it.
_SAMPLE_SSNS = frozenset(s.replace("-", "") for s in getattr(ssn, "_ssn_blacklist", ()))


def ssn_digits_valid(d: str) -> bool:
    """``stdnum.us.ssn.is_valid`` for nine ASCII digits (``tests/test_catalogue.py`` compares them)."""
    if d[:3] in ("000", "666") or d[0] == "9" or d[3:5] == "00" or d[5:] == "0000":
        return False  # never issued (the SSA rules)
    return d not in _SAMPLE_SSNS if _SAMPLE_SSNS else bool(ssn.is_valid(d))


class SsnRecognizer(WindowRecognizer):
    """``ddd-dd-dddd`` (one separator used twice: '-', ' ' or '.'), or nine bare digits (weak)."""

    entity_type = "US_SSN"
    name = "us_ssn"
    shapes = frozenset({"number"})
    max_score = 0.85
    min_digits = max_digits = 9
    context = ("ssn", "ssns", "social security", "social security number", "ss#", "ssn#", "tin", "taxpayer")
    context_boost = 0.45

    def check(self, view: ScanView, w: Window) -> Entity | None:
        if w.plus or not view.boundary_before(w.start, ".-") or not view.boundary_after(w.end, ".-"):
            return None
        text = view.text
        if w.ngroups == 3:
            sep1, sep2 = text[w.start + 3], text[w.start + 6]
            if sep1 != sep2 or sep1 not in "- ." or text[w.start : w.end].count(sep1) != 2:
                return None
            score = 0.85
        elif w.ngroups == 1:
            score = 0.4
        else:
            return None
        return self.entity(view, w.start, w.end, score) if ssn_digits_valid(w.digits) else None


class EsNifRecognizer:
    name = "es_nif"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("ES_NIF",)
    scan_gate = Runs(7)  # nif_candidates: a last group of 7-8 digits
    context = ("dni", "nif", "documento", "identidad", "document")
    context_re = context_regex(context)
    context_boost = 0.1

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        for start, end in nif_candidates(view):
            value = view.text[start:end]
            compact = _NOT_ALNUM.sub("", value).upper()
            if nif.is_valid(compact):
                yield Entity("ES_NIF", start, end, 0.85, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


class EsNieRecognizer:
    name = "es_nie"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("ES_NIE",)
    scan_gate = Runs(7)  # nie_candidates: a run of 7 digits
    context = ("nie", "extranjero", "foreigner", "residencia")
    context_re = context_regex(context)
    context_boost = 0.1

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        for start, end in nie_candidates(view):
            value = view.text[start:end]
            if nie.is_valid(_NOT_ALNUM.sub("", value).upper()):
                yield Entity("ES_NIE", start, end, 0.9, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
