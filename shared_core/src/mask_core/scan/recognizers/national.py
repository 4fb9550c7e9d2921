"""National identifiers beyond SSN and NIF/NIE: US ITIN and EIN, Canadian SIN, UK NINO, Spanish NUSS.

Validation comes from ``python-stdnum`` where it has the type (``us.itin``: the 9xx area and the
group ranges the IRS issues; ``us.ein``: the campus prefixes the IRS assigns; ``ca.sin``: Luhn and
the province digit). stdnum has no UK NINO or Spanish NUSS, so those two rules are written here:

* UK NINO (HMRC NIM39110): two prefix letters (neither D, F, I, Q, U, V; the second not O; not the
  prefixes BG, GB, KN, NK, NT, TN, ZZ), six digits, a suffix letter A-D.
* ES NUSS (Seguridad Social affiliation number): two province digits, eight digits, two control
  digits = (province and number as one integer) mod 97; numbers below 10,000,000 are read without
  their leading zero, as the Tesorería General does.

Nine bare digits are everyone's format (order ids, ZIP+4, routing numbers), so bare forms score below
the threshold and need their context words; written forms (``9xx-7x-xxxx``, ``12-3456789``,
``046 454 286``) score above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.ca import sin
from stdnum.us import ein, itin

from mask_core.scan.gates import Runs
from mask_core.scan.recognizer import WindowRecognizer, context_regex
from mask_core.scan.runs import cut_from_longer
from mask_core.scan.view import ScanView, Window
from mask_core.types import Entity

__all__ = ["CaSinRecognizer", "EsNussRecognizer", "UkNinoRecognizer", "UsEinRecognizer", "UsItinRecognizer"]


_GROUPS = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[^0-9]+")


def _layout(view: ScanView, w: Window) -> list[int]:
    return [len(g) for g in _GROUPS.findall(view.text, w.start, w.end)]


def _bounded(view: ScanView, w: Window) -> bool:
    return not w.plus and view.boundary_before(w.start, ".-/") and view.boundary_after(w.end, ".-/")


def _one_separator(view: ScanView, w: Window, allowed: str = "- ") -> bool:
    seps = set(_SEPARATORS.findall(view.text, w.start, w.end))
    return len(seps) <= 1 and all(s in allowed for s in seps)


class UsItinRecognizer(WindowRecognizer):
    entity_type = "US_ITIN"
    name = "us_itin"
    shapes = frozenset({"number"})
    max_score = 0.85
    min_digits = max_digits = 9
    context = ("itin", "taxpayer", "tax id", "individual taxpayer", "tin")
    context_boost = 0.45

    def check(self, view: ScanView, w: Window) -> Entity | None:
        # The group count first: it rules out most windows without looking at the text.
        if w.ngroups not in (1, 3) or w.digits[0] != "9" or not _bounded(view, w):
            return None
        if not _one_separator(view, w, "- "):
            return None
        layout = _layout(view, w)
        if layout == [3, 2, 4]:
            score = 0.85
        elif layout == [9]:
            score = 0.4
        else:
            return None
        return self.entity(view, w.start, w.end, score) if itin.is_valid(w.digits) else None


class UsEinRecognizer(WindowRecognizer):
    entity_type = "US_EIN"
    name = "us_ein"
    shapes = frozenset({"number"})
    max_score = 0.6
    min_digits = max_digits = 9
    context = ("ein", "employer identification", "fein", "tax id", "federal tax", "tin", "employer id")
    context_boost = 0.45

    def check(self, view: ScanView, w: Window) -> Entity | None:
        if w.ngroups > 2 or not _bounded(view, w) or not _one_separator(view, w, "-"):
            return None
        layout = _layout(view, w)
        if layout == [2, 7]:
            score = 0.6
        elif layout == [9]:
            score = 0.2
        else:
            return None
        return self.entity(view, w.start, w.end, score) if ein.is_valid(w.digits) else None


class CaSinRecognizer(WindowRecognizer):
    entity_type = "CA_SIN"
    name = "ca_sin"
    shapes = frozenset({"number"})
    max_score = 0.55
    min_digits = max_digits = 9
    context = ("sin", "social insurance", "numéro d'assurance sociale", "nas")
    context_boost = 0.45

    def check(self, view: ScanView, w: Window) -> Entity | None:
        if w.ngroups not in (1, 3) or not _bounded(view, w) or not _one_separator(view, w, "- "):
            return None
        if cut_from_longer(view.text, w):
            return None
        layout = _layout(view, w)
        if layout == [3, 3, 3]:
            score = 0.55
        elif layout == [9]:
            score = 0.2
        else:
            return None
        return self.entity(view, w.start, w.end, score) if sin.is_valid(w.digits) else None


def nuss_is_valid(digits: str) -> bool:
    """Spanish Social Security number: 12 digits, control = (province, number) mod 97."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    province, number, control = int(digits[:2]), int(digits[2:10]), int(digits[10:])
    if not (1 <= province <= 53 or province == 66):
        return False
    value = province * 10_000_000 + number if number < 10_000_000 else int(digits[:10])
    return value % 97 == control


class EsNussRecognizer(WindowRecognizer):
    entity_type = "ES_NUSS"
    name = "es_nuss"
    shapes = frozenset({"number"})
    max_score = 0.75
    min_digits = max_digits = 12
    context = ("nuss", "seguridad social", "afiliación", "afiliacion", "social security", "naf", "nss")
    context_boost = 0.35

    def check(self, view: ScanView, w: Window) -> Entity | None:
        if not nuss_is_valid(w.digits):  # the checksum is the cheapest test: 96 of 97 windows fail it
            return None
        if not _bounded(view, w) or not _one_separator(view, w, "- /"):
            return None
        layout = _layout(view, w)
        if layout in ([2, 8, 2], [2, 10]):
            score = 0.75
        elif layout == [12]:
            score = 0.4
        else:
            return None
        return self.entity(view, w.start, w.end, score)


_NINO_RE = re.compile(
    r"(?P<pre>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(?P<d>[0-9]{2} ?[0-9]{2} ?[0-9]{2}) ?"
    r"(?P<suf>[A-D])(?![A-Za-z0-9])"
)
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


class UkNinoRecognizer:
    """UK National Insurance numbers (``QQ 12 34 56 C``), from the six-digit groups of the view."""

    name = "uk_nino"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("UK_NINO",)
    scan_gate = Runs(6)  # a run of 6 digits
    context = ("national insurance", "nino", "ni number", "nin")
    context_re = context_regex(context)
    context_boost = 0.2

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for run in view.runs:
            if run.ndigits != 6 or run.start < 2:
                continue
            start = run.start - 2 - (text[run.start - 1] == " ")
            m = _NINO_RE.match(text, max(0, start))
            if m is None or m.group("pre") in _NINO_BAD_PREFIXES or not view.boundary_before(m.start()):
                continue
            yield Entity("UK_NINO", m.start(), m.end(), 0.8, m.group(), self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
