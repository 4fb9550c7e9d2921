"""Context-only identifiers: documents, accounts and dates that only their context words give away.

Passports, driver's licences, bank account numbers, SWIFT/BIC codes, employee ids and birth dates have
shapes that ordinary text is full of (``A1234567``, ``12345678``, ``DEUTDEFF``, ``1985-03-15``), so each
is a :class:`~mask_core.scan.context.ContextRecognizer`: found only where its words are near (or its
JSON key says so), scoring above the threshold there and below it elsewhere.

* US passport: nine digits, or a letter and eight digits (next-generation books); other passports:
  one or two letters and six to nine digits.
* US driver's licences: the state formats reduce to one to three letters and four to fourteen
  digits, or seven to thirteen digits (``stdnum`` has none of them).
* SWIFT/BIC: ``stdnum.bic`` (ISO 9362 structure and a real country code).
* Birth dates (:class:`DateOfBirthRecognizer`): every date form ``dates/`` finds (numeric, written in
  English and Spanish, keyword years) and compact ``19870314`` / ``14031987``, next to a birth word in
  English, Spanish, German, French, Italian, Portuguese, Dutch, the Nordic languages or Polish.
"""

from __future__ import annotations

from collections.abc import Iterator

from stdnum import bic

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.gates import Words
from mask_core.scan.recognizer import context_regex
from mask_core.scan.recognizers.dates import find_dates, plausible_date
from mask_core.scan.view import ScanView, word_gate
from mask_core.types import Entity, Recognizer

__all__ = ["DateOfBirthRecognizer", "document_recognizers"]

_DOB_WORDS = (
    "date of birth", "birth date", "birthdate", "birthday", "dob", "d.o.b", "born", "birth",
    "fecha de nacimiento", "fecha nac", "f. nac", "nacimiento", "nacido", "nacida", "geboren",
    "geburtsdatum", "geb.",
    "né", "née", "date de naissance", "naissance", "data di nascita", "data de nascimento", "nascido",
    "nascida", "geboortedatum", "födelsedatum", "fødselsdato", "syntymäaika", "data urodzenia",
)  # fmt: skip
_BEFORE, _AFTER = 48, 16
_DOB_GATE = word_gate(_DOB_WORDS)


class DateOfBirthRecognizer:
    """``DATE_OF_BIRTH``: every date form of ``dates/`` (and a compact ``19870314`` / ``14031987``)
    where a birth word is near it, or under a JSON key that says so. The same spans as ``DATE_TIME``,
    scored above any of them and validated (a calendar date next to its words), so a birth date is
    always protected, never left in clear as a plain date."""

    name = "context:date_of_birth"
    entity_types: tuple[str, ...] = ("DATE_OF_BIRTH",)
    shapes: frozenset[str] = frozenset()  # a bare value has no context: never run by type detection
    context_boost = 0.0  # scored here
    score = 0.9
    words = _DOB_WORDS
    context_re = context_regex(_DOB_WORDS)
    gate = _DOB_GATE
    scan_gate = Words(_DOB_GATE)  # find_in_view starts with this gate

    def __repr__(self) -> str:
        return "DateOfBirthRecognizer()"

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if not view.mentions(self.gate):
            return
        text = view.text
        keyed = bool(view.context) and self._said(view.key_lower)
        spans = [(d.start, d.end) for d in find_dates(view) if d.kind not in ("time", "duration")]
        spans.extend(_compact_dates(view))
        for start, end in spans:
            if keyed or self._near(view, start, end):
                yield Entity("DATE_OF_BIRTH", start, end, self.score, text[start:end], self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))

    def _said(self, folded: str) -> bool:
        assert self.context_re is not None
        return self.context_re.search(folded, folded=True) is not None

    def _near(self, view: ScanView, start: int, end: int) -> bool:
        lower = view.lower
        return self._said(lower[max(0, start - _BEFORE) : start] + " " + lower[end : end + _AFTER])


def _compact_dates(view: ScanView) -> Iterator[tuple[int, int]]:
    """Eight digits alone that make a birth date: ``19870314`` (year first) or ``14031987`` /
    ``03141987`` (year last), years 1900-2099."""
    text = view.text
    for run in view.runs:
        if run.ndigits != 8 or len(run.groups) != 1 or text[run.start] == "+":
            continue
        start, end = run.groups[0]
        d = text[start:end]
        year_first = d[:2] in ("19", "20") and plausible_date(int(d[:4]), int(d[4:6]), int(d[6:]))
        year = int(d[4:])
        year_last = 1900 <= year <= 2099 and (
            plausible_date(year, int(d[2:4]), int(d[:2])) or plausible_date(year, int(d[:2]), int(d[2:4]))
        )
        if (
            (year_first or year_last)
            and view.boundary_before(start, ".-/")
            and view.boundary_after(end, ".-/")
        ):
            yield start, end


def document_recognizers() -> list[Recognizer]:
    return [
        ContextRecognizer(
            "US_PASSPORT",
            words=("us passport", "u.s. passport", "passport"),
            shape=r"[0-9]{9}|[A-Z][0-9]{8}",
            source="ids",
            name="context:us_passport",
            score_with=0.7,
        ),
        ContextRecognizer(
            "PASSPORT",
            words=("passport", "pasaporte", "passeport", "reisepass", "passport no", "travel document"),
            shape=r"[A-Z]{1,3}[0-9]{6,9}|[A-Z0-9]{2}[0-9]{7}",
            source="ids",
            name="context:passport",
            score_with=0.65,
        ),
        ContextRecognizer(
            "US_DRIVER_LICENSE",
            words=(
                "driver's license",
                "drivers license",
                "driver license",
                "driver's licence",
                "driving licence",
                "driver licence",
                "dl",
                "dl#",
                "dl no",
                "license number",
                "licence number",
                "license no",
                "lic no",
                "licencia de conducir",
                "permiso de conducir",
                "carnet de conducir",
                "driverlicense",
            ),
            # Soundex-coded licences are written in groups (Illinois S530-4417-2291, Florida
            # S530-123-45-678-0), the others as one run.
            shape=r"[A-Z][0-9]{3}-[0-9]{3,4}-[0-9]{2,4}(?:-[0-9]{1,3}){0,2}|[A-Z]{1,3}-?[0-9]{4,14}|[0-9]{7,13}"
            r"|[0-9]{3}-[0-9]{3}-[0-9]{3}",
            source="ids",
            name="context:us_driver_license",
        ),
        ContextRecognizer(
            "US_BANK_NUMBER",
            words=(
                "account number",
                "account no",
                "acct",
                "bank account",
                "checking account",
                "savings account",
                "account #",
                "a/c",
                "número de cuenta",
                "numero de cuenta",
                "account",
            ),
            shape=r"[0-9]{8,17}",
            source="digits",
            min_digits=8,
            max_digits=17,
            name="context:us_bank_number",
            score_with=0.65,
        ),
        ContextRecognizer(
            "SWIFT_CODE",
            words=(
                "swift",
                "bic",
                "swift code",
                "swift/bic",
                "bank identifier",
                "código swift",
                "codigo bic",
            ),
            shape=r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?",
            source="ids",
            name="context:swift_code",
            validator=bic.is_valid,
            score_with=0.8,
            score_without=0.3,
        ),
        ContextRecognizer(
            "EMPLOYEE_ID",
            words=(
                "employee id",
                "employee number",
                "employee no",
                "emp id",
                "emp no",
                "staff id",
                "staff number",
                "badge",
                "personnel number",
                "worker id",
                "id de empleado",
                "número de empleado",
                "numero de empleado",
                "employee",
            ),
            shape=r"(?:[A-Z]{1,4}-?)?[0-9]{3,10}(?:-[A-Z0-9]{1,4})?",
            source="ids",
            name="context:employee_id",
            reach=32,
        ),
        DateOfBirthRecognizer(),
    ]
