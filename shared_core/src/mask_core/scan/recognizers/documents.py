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
* Birth dates: numeric dates and written ones (``March 15, 1985``, ``15 de marzo de 1985``).
"""

from __future__ import annotations

from stdnum import bic

from mask_core.scan.context import ContextRecognizer
from mask_core.types import Recognizer

__all__ = ["document_recognizers"]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
)
_DATE = (
    r"[):\s]{0,4}(?:is\s+|was\s+|on\s+|el\s+|:\s*)?(?P<date>"
    r"(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])"  # 1985-03-15
    r"|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)?\d{2}"  # 15/03/1985
    r"|(?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:19|20)?\d{2}"  # 03/15/1985
    rf"|(?:{_MONTHS})\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"  # March 15, 1985
    rf"|(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|º)?\s+(?:of\s+|de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+|del\s+)?(?:19|20)\d{{2}}"
    r")(?![0-9])"
)


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
            shape=r"[A-Z]{1,3}-?[0-9]{4,14}|[0-9]{7,13}|[0-9]{3}-[0-9]{3}-[0-9]{3}",
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
        ContextRecognizer(
            "DATE_OF_BIRTH",
            words=(
                "date of birth",
                "birth date",
                "birthdate",
                "birthday",
                "dob",
                "d.o.b",
                "born",
                "fecha de nacimiento",
                "nacido",
                "nacida",
                "f. nac",
                "birth",
            ),
            shape=_DATE,
            source="pattern",
            name="context:date_of_birth",
            score_with=0.8,
            flags=2,  # re.IGNORECASE
        ),
    ]
