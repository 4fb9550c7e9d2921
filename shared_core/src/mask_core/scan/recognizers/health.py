"""Health identifiers: US NPI, DEA registration numbers, Medicare MBI, medical record and member ids.

* NPI (National Provider Identifier, CMS): ten digits starting 1 or 2 whose Luhn check digit is
  computed over ``80840`` + the first nine digits (ISO 7812 card-issuer prefix of US health).
  ``stdnum.luhn`` does the arithmetic; stdnum has no NPI module. Ten digits are also a US phone
  number's length, so a bare NPI needs its context ("NPI", "provider") to reach the threshold.
* DEA: two letters (registrant type, then the registrant's initial or 9) and seven digits, the last of
  which is the last digit of ``d1 + d3 + d5 + 2 * (d2 + d4 + d6)`` (DEA's published rule; stdnum has
  no DEA module).
* MBI (Medicare Beneficiary Identifier, CMS): eleven characters in the fixed pattern
  ``C A AN N A AN N A A N N`` with the letters S, L, O, I, B, Z never used; CMS publishes no check
  digit, so the pattern is the whole rule. Dashes after the 4th and 7th character are allowed.
* Medical record numbers and health-insurance member ids have no public format: context-only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.checksums import luhn_ok
from mask_core.scan.context import ContextRecognizer
from mask_core.scan.gates import Runs
from mask_core.scan.recognizer import WindowRecognizer, context_regex
from mask_core.scan.view import ScanView, Window
from mask_core.types import Entity, Recognizer

__all__ = [
    "DeaRecognizer",
    "MbiRecognizer",
    "NpiRecognizer",
    "dea_is_valid",
    "health_recognizers",
    "npi_is_valid",
]


def npi_is_valid(digits: str) -> bool:
    return len(digits) == 10 and digits.isdigit() and digits[0] in "12" and luhn_ok("80840" + digits)


def dea_is_valid(value: str) -> bool:
    if len(value) != 9 or not value[:2].isalpha() or not value[2:].isdigit():
        return False
    d = [int(c) for c in value[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


class NpiRecognizer(WindowRecognizer):
    entity_type = "US_NPI"
    name = "us_npi"
    shapes = frozenset({"number"})
    max_score = 0.4
    min_digits = max_digits = 10
    context = ("npi", "national provider", "provider id", "provider number", "prescriber", "physician")
    context_boost = 0.4

    def check(self, view: ScanView, w: Window) -> Entity | None:
        if w.ngroups != 1 or w.plus or not view.boundary_before(w.start, ".-/"):
            return None
        if not view.boundary_after(w.end, ".-/") or not npi_is_valid(w.digits):
            return None
        return self.entity(view, w.start, w.end, 0.4)


_DEA_RE = re.compile(r"[ABCDEFGHJKLMPRSTUX][A-Z9][0-9]{7}")


class DeaRecognizer:
    name = "us_dea"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("US_DEA",)
    scan_gate = Runs(7)  # a run of 7 digits
    context = ("dea", "registration", "prescriber", "controlled substance")
    context_re = context_regex(context)
    context_boost = 0.25

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for run in view.runs:
            if run.ndigits != 7 or len(run.groups) != 1 or run.start < 2:
                continue
            start = run.start - 2
            if _DEA_RE.fullmatch(text, start, run.end) and view.boundary_before(start):
                value = text[start : run.end]
                if view.boundary_after(run.end) and dea_is_valid(value):
                    yield Entity("US_DEA", start, run.end, 0.7, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


_MBI_RE = re.compile(
    r"[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-?"
    r"[AC-HJKMNP-RT-Y]{2}[0-9]{2}"
)


class MbiRecognizer:
    name = "us_mbi"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("US_MBI",)
    context = ("mbi", "medicare", "beneficiary")
    context_re = context_regex(context)
    context_boost = 0.25

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for start, end in view.ids:
            if 11 <= end - start <= 13 and _MBI_RE.fullmatch(text, start, end):
                yield Entity("US_MBI", start, end, 0.7, text[start:end], self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


def health_recognizers() -> list[Recognizer]:
    mrn = ContextRecognizer(
        "MEDICAL_RECORD_NUMBER",
        words=(
            "mrn",
            "medical record",
            "patient id",
            "patient number",
            "chart number",
            "historia clínica",
            "historia clinica",
            "nhc",
            "record no",
            "record number",
        ),
        shape=r"(?:[A-Z]{1,4}-?)?[0-9]{5,12}",
        source="ids",
        name="context:medical_record_number",
    )
    mrn_digits = ContextRecognizer(
        "MEDICAL_RECORD_NUMBER",
        words=mrn.words,
        shape=r"[0-9]{5,12}",
        source="digits",
        min_digits=7,
        max_digits=12,
        name="context:medical_record_number_digits",
    )
    member = ContextRecognizer(
        "HEALTH_INSURANCE_ID",
        words=(
            "member id",
            "member number",
            "subscriber id",
            "insurance id",
            "policy number",
            "policy no",
            "health plan",
            "insurance number",
            "group number",
            "póliza",
            "poliza",
            "tarjeta sanitaria",
            "member",
            "insurance",
        ),
        shape=r"[A-Z0-9]{1,4}-?[A-Z0-9]*[0-9][A-Z0-9-]*",
        source="ids",
        name="context:health_insurance_id",
        reach=32,
    )
    return [NpiRecognizer(), DeaRecognizer(), MbiRecognizer(), mrn, mrn_digits, member]
