"""Phone numbers: possible numbers of the numbering plans a text may use, scored by how they are written.

Candidates are windows of the shared digit runs (``scan/runs.py``). A window is read four ways, and
the best reading wins:

* **International**: after a ``+``, or the international prefix ``00`` / ``011``: a country code of
  ``phonenumbers``' metadata and a national number of a possible length for it (``+44 (0)20 ...``
  drops the bracketed trunk ``0``).
* **National**, in each *active region*: the configured regions (``MASK_PHONE_REGIONS``, default
  US) and the regions the text itself points to (a ``+cc`` number in it, a country named in it, the
  country-code domain of an e-mail address or URL in it, an ISO code written right before the
  number: ``(FR) 01 42 68 53 00``). The national prefix (``0``, NANP ``1``) is dropped, and the
  rest must be a *possible* number of the region (``_phone_rules.possible_for_region``): any NANP
  area code of shape NXX, assigned or not.
* **Trunk layout**, when no region fits: a number that starts with the trunk prefix ``0`` most of
  the world dials before an area code, written in groups (``031 772 4410``, ``06-12345678``,
  ``(0161) 496 0066``), with a length some such numbering plan has.
* **Asked for**, when nothing else fits: a whole number right after words that ask for a call to it
  ("call me on 16 0014-0827", "reach us at", "llámeme al"), the number of a caller from a region
  nobody configured.

Scores reflect the evidence. A *valid* number (an assigned range, ``_phone_rules.valid_for_region``)
or a *phone layout* (a ``+`` or international prefix, parentheses, the trunk prefix written, or
groups that keep together every group of one of the region's layouts, libphonenumber's
STRICT_GROUPING: ``415 555 2671``, ``415.555.2671``, ``612 34 56 78``) is a finding on its own; a
bare run of digits (``4155552671``) scores below the threshold and needs a phone word near it
(``tel``, ``móvil``, ``Handy``, ...) or a phone-ish JSON key. Extensions (``x214``, ``ext. 12``,
``extension 3``, ``#123``, after libphonenumber's extension grammar) are part of the finding.

Never a phone, whatever the digits: dates and times (phonenumbers' matcher excludes the same
shapes), decimals, IPv4 addresses, amounts after a currency sign, an SSN-shaped ``3-2-4``, a group of
one digit inside a number (``20220623.1-1``, ``5.15.0-1051``), and rows of small numbers that step
evenly (``21 22 23 24 25``).

The package: ``plans.py`` holds what the numbering plans' metadata says and which plans a text
points to, ``shapes.py`` what no phone number looks like, ``readings.py`` the international,
national and trunk readings; the recognizer and its scan are here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import phonenumbers

from mask_core.scan.gates import Runs
from mask_core.scan.recognizer import CONTEXT_BOOST, WholeFinding, context_regex
from mask_core.scan.recognizers.phones.plans import (
    code_before,
    international_lengths,
    national_lengths,
    national_prefix,
    text_regions,
)
from mask_core.scan.recognizers.phones.readings import Reading, Readings
from mask_core.scan.recognizers.phones.shapes import (
    COLON_AFTER,
    CURRENCY,
    CURRENCY_CODE,
    DATE_LIKE,
    GROUP,
    phone_shaped,
)
from mask_core.scan.runs import cut_from_longer
from mask_core.scan.view import ScanView, Window
from mask_core.types import Entity

__all__ = ["PHONE_CONTEXT", "PhoneRecognizer"]

#: Words that say a number is a phone number, in the languages of the locales the tests draw from
#: (Latin-1 only: ``scan/words.py`` folds those at C speed). "Number" alone is not one: a receipt,
#: trace, order or account number is a number too; a person's number ("my number", "su número") is.
PHONE_CONTEXT = (
    "phone", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "call", "fax", "contact", "whatsapp",
    "sms", "my number", "your number", "his number", "her number", "their number", "our number", "ph",
    "hotline", "landline", "dial",
    "teléfono", "telefono", "tfno", "tlf", "móvil", "movil", "celular", "llamar", "llame", "fijo",
    "mi número", "mi numero", "su número", "su numero", "tu número", "tu numero", "contacto", "telefone",
    "contato", "ligue", "téléphone", "tél", "portable", "appelez", "mon numéro", "votre numéro",
    "telefon", "telefonnummer", "handy", "mobil", "rufnummer", "anrufen", "festnetz",
    "cellulare", "chiamare", "telefoon", "mobiel", "bel", "bellen", "puhelin", "soita", "komórka",
)  # fmt: skip

# libphonenumber's extension grammar for matching (phonenumberutil._create_extn_pattern), as one
# pattern tried right after a number: an explicit label allows more digits than a bare "x" or "#".
_EXTENSION = re.compile(
    r"[ \t]*,?[ \t]*(?:"
    r"(?:e?xtn?|extension|extensi[oó]n|anexo|ramal|poste|durchwahl)\.?[ \t]*[:.#-]?[ \t]*([0-9]{1,10})"
    r"|(?:x|#)\.?[ \t]*([0-9]{1,6})"
    r")(?![0-9A-Za-z])",
    re.IGNORECASE,
)
# What an extension can start with (a space, a comma, a tab, "x", "e", "#", "a", "r", "p", "d").
_EXTENSION_STARTS = frozenset(" \t,xXeE#aArRpPdD")
# Words that end right before a number to ask for a call to it, or to say whose phone it is
# (English and Spanish, the catalogue's languages): "call me on", "reach us at", "her mobile is",
# "my number is", "llámeme al".
_CUE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:(?:call|ring|phone|telephone|tel|mobile|cell|cellphone|text[ \t]+(?:me|us)|whatsapp"
    r"|fax|reach|contact|ll[aá]m[ae](?:me|nos)?|ll[aá]mame|tel[eé]fono|m[oó]vil|celular)"
    r"(?:[ \t]+(?:me|us|him|her|them))?(?:[ \t]+back)?(?:[ \t]+(?:number|no\.?))?"
    r"|(?:my|your|his|her|their|our|mi|su|tu)[ \t]+(?:number|n[uú]mero))"
    r"(?:[ \t]+(?:on|at|is|al|a|es))?[ \t]*[:.#-]?[ \t]*\(?$",
    re.IGNORECASE,
)


# A contact line that names the person before the number: ``Contact: Ana Lima, (11) 2620-5513``,
# ``Phone - Dr. Okafor (mobile): 412 34 567``. The name is capitalised words; a lower-case word in
# between (``Contact support at``) is a sentence, not such a line.
_CUE_NAME_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:contact|phone|telephone|tel|mobile|cell)[ \t]*[:.-]?[ \t]+"
    r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?[ \t]+)?[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}"
    r"[ \t]*(?:\((?i:mobile|cell|home|work|office)\))?[ \t]*[,:-]?[ \t]*\(?$"
)


class PhoneRecognizer(Readings):
    """Phone numbers of the configured regions, of the regions the text names, and any number written
    with a country code (see the module docstring)."""

    name = "phone_number"
    entity_types: tuple[str, ...] = ("PHONE_NUMBER",)
    shapes = frozenset({"number", "text"})
    min_digits, max_digits = 7, 17
    #: A finding may run past its window over an extension ("x214"), so findings are not windows;
    #: every one still starts with a window of a run of 7+ digits, which is what the gate asks for.
    window_findings = False
    scan_gate = Runs(7)
    context = PHONE_CONTEXT
    context_re = context_regex(PHONE_CONTEXT)
    context_boost = CONTEXT_BOOST

    def __init__(
        self,
        regions: Sequence[str] = ("US",),
        *,
        score: float = 0.75,
        plain_score: float = 0.4,
        possible_score: float = 0.65,
        trunk_score: float = 0.6,
        bare_score: float = 0.3,
    ) -> None:
        self.regions = tuple(r.upper() for r in regions)
        self.score = score  # a valid number in a phone layout, or any valid number with a "+"
        self.plain_score = plain_score  # a valid number written as bare digits (needs context)
        self.possible_score = possible_score  # a possible (unassigned) number in a phone layout
        self.trunk_score = trunk_score  # a trunk-prefix layout of no known region
        self.bare_score = bare_score  # a possible number written as bare digits (needs context)
        self.max_score = max(score, plain_score, possible_score, trunk_score)  # before context
        self._prefix = {r: national_prefix(r) for r in self.regions}
        self._cc = {r: phonenumbers.country_code_for_region(r) for r in self.regions}
        self._lengths = frozenset().union(*(national_lengths(r) for r in self.regions))
        self._intl = international_lengths()

    def __repr__(self) -> str:
        return f"PhoneRecognizer({list(self.regions)!r})"

    # -- the scan -----------------------------------------------------------------------------------
    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        # The digit count first (integers only): most windows of a text (dates, amounts, parts of card
        # numbers) fail it, and only the rest are read.
        lengths, plausible = self._lengths, self._plausible
        windows = [  # _plausible, with its common cases inline (a call per window costs more)
            w
            for w in view.windows_between(self.min_digits, self.max_digits)
            if (w.plus or w.whole or len(w.digits) in lengths) and plausible(w)
        ]
        windows.sort(key=_longest_first)
        taken_until = -1
        inferred: list[tuple[str, ...]] = []  # the text's own regions, worked out once when needed
        out: list[Entity] = []
        cued: list[Entity] = []
        for w in windows:
            if w.pstart < taken_until:
                continue
            found, by_cue = self._read(view, w, inferred)
            if found is None:
                continue
            if by_cue:  # decided below, once the shorter windows of the run have been read
                cued.append(found)
                continue
            out.append(found)
            taken_until = found.end
        # A whole run read only through the words before it that ask for a call (``call me on 16
        # 0014-0827``) stands unless a number of a plan starts where it does: a count after a phone
        # (``call 415 555 2671 12 times``) is not taken into it, but a part read from its middle
        # (``7946 0958 24`` of ``Tel 020 7946 0958 24 hours``) gives way to the whole.
        for found in cued:
            inside = [e for e in out if e.start < found.end and found.start < e.end]
            if not any(e.start <= found.start for e in inside):
                out = [e for e in out if e not in inside]
                out.append(found)
        yield from out

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))

    def _plausible(self, w: Window) -> bool:
        digits = w.digits
        n = len(digits)
        if w.plus:  # one digit more for a bracketed trunk after the code ("+44 (0)20 ...")
            intl = self._intl
            return any(n in (got := intl.get(digits[:k], ())) or n - 1 in got for k in (1, 2, 3))
        # A configured region's length; or, written alone (not a part of a longer number: a card, an
        # IBAN), a number after an international prefix or in groups of a national number's length (the
        # trunk layouts and the regions a text names are read only for those).
        return n in self._lengths or (
            w.whole and (digits.startswith(("00", "011")) or (w.ngroups > 1 and n <= 13))
        )

    def whole(self, view: ScanView) -> WholeFinding | None:
        """The finding that spans the whole view, if any (what ``Scanner.detect`` asks): what
        ``find_in_view`` finds there, read from the windows that start the text only."""
        text = view.text
        n = len(text)
        first = 1 if text.startswith("(+") else 0  # "(+358) 60 ...": the window starts at the "+"
        windows = sorted(
            (w for w in view.windows_between(self.min_digits, self.max_digits) if w.pstart == first),
            key=_longest_first,
        )
        inferred: list[tuple[str, ...]] = []
        for w in windows:
            if self._plausible(w):
                e = self._read(view, w, inferred)[0]
                if e is not None:  # the longest plausible window from the start decides, as in a scan
                    return WholeFinding(e.entity_type, 0, n, e.score, e.validated) if e.end == n else None
        return None

    def _read(self, view: ScanView, w: Window, inferred: list[tuple[str, ...]]) -> tuple[Entity | None, bool]:
        """The phone number ``w`` reads as, if any, and whether only the words before it asking for a
        call made it one (a number of no known plan)."""
        text = view.text
        start, end = w.pstart, w.pend
        if w.plus and start and text[start - 1] == "(":  # "(+358) 60 ...": the bracket opens before the "+"
            start -= 1
        if not view.boundary_before(start, ".-") or (start and text[start - 1] in CURRENCY):
            return None, False
        if CURRENCY_CODE.search(text, max(0, start - 5), start):  # "TRL 615.478.0000": an amount
            return None, False
        if start >= 2 and text[start - 1] == "," and text[start - 2].isdigit():
            return None, False  # "TRL 2,847.312.000": the rest of an amount after its thousands comma
        # What most candidates of a text are (dates, times) first, then the extension.
        if DATE_LIKE.match(text, w.pstart, end) or COLON_AFTER.match(text, end):
            return None, False
        ext = None
        if end < len(text) and text[end] in _EXTENSION_STARTS:
            ext = _EXTENSION.match(text, end)
        if ext is None and not view.boundary_after(end, ".-"):
            return None, False
        groups = GROUP.findall(text, w.start, w.end)
        if not phone_shaped(text, w, groups) or cut_from_longer(text, w):
            return None, False
        reading = Reading()
        digits = w.digits
        sizes = [len(g) for g in groups]
        parens = "(" in text[start : w.end]
        if w.plus:
            self._international(text, w, digits, 0, reading)
            return self._entity(text, start, end, ext, reading), False
        if w.whole and digits.startswith(("00", "011")) and not digits.startswith("000"):
            self._international(text, w, digits, 3 if digits.startswith("011") else 2, reading)
        for region in self.regions:
            self._national(region, self._cc[region], self._prefix[region], digits, sizes, parens, reading)
        if reading.score < self.possible_score and w.whole and (len(groups) > 1 or parens):
            # The regions the text points to, for a grouped number the configured ones do not hold.
            if not inferred:
                inferred.append(text_regions(view))
            for region in (*inferred[0], *code_before(text, start)):
                if region not in self._cc:
                    cc = phonenumbers.country_code_for_region(region)
                    prefix = national_prefix(region)
                    self._national(region, cc, prefix, digits, sizes, parens, reading)
            if reading.score < self.trunk_score:
                self._trunk(digits, groups, parens, reading)
        by_cue = False
        if (
            reading.score == 0.0
            and w.whole
            and (
                _CUE_BEFORE.search(text, max(0, start - 24), start)
                or _CUE_NAME_BEFORE.search(text, max(0, start - 64), start)
            )
        ):
            # "call me on 16 0014-0827": a number of no plan the text points to, right after words
            # that ask for a call (or a contact line naming the person), is the caller's number in a
            # plan nobody configured (a Brazilian customer of a US shop): scored as a trunk layout of
            # no known region, the words being as good evidence as a written trunk prefix (and as
            # sure as one: it wins over a Luhn-valid SIN of the same digits, which one number in ten
            # is).
            reading.offer(self.trunk_score, True)
            by_cue = True
        return self._entity(text, start, end, ext, reading), by_cue

    def _entity(
        self, text: str, start: int, end: int, ext: re.Match[str] | None, reading: Reading
    ) -> Entity | None:
        if reading.score == 0.0:
            return None
        stop = ext.end() if ext is not None else end
        value = text[start:stop]
        return Entity("PHONE_NUMBER", start, stop, reading.score, value, self.name, reading.validated)


def _longest_first(w: Window) -> tuple[int, int]:
    return (w.pstart, w.pstart - w.pend)
