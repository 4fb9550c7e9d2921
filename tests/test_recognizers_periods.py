"""Periods of time (``DATE_TIME``): durations, and dates that share a year read as one finding.

A sentence, a deadline or a residence period pins a person down as a date does, so court records
and medical notes label them; "5 minutes" and "a year" are not findings. Dates that share a year
("28 April and 4 May 1993") are one finding, since the first is no date without the second.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.recognizers.dates import find_dates
from mask_core.scan.scanner import Scanner
from mask_core.scan.view import ScanView

SCANNER = Scanner(default_recognizers())
WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen",
         "twenty", "thirty", "forty-two"]  # fmt: skip
UNITS = ["day", "week", "month", "year", "decade"]


def found(text: str) -> list[str]:
    return [e.text for e in SCANNER.scan(text) if e.entity_type == "DATE_TIME"]


@settings(max_examples=100, deadline=None)
@given(
    count=st.one_of(st.integers(2, 999).map(str), st.sampled_from(WORDS)),
    unit=st.sampled_from(UNITS),
    before=st.sampled_from(["He was sentenced to ", "It lasted ", "within ", "for "]),
    after=st.sampled_from(["’ imprisonment.", " without a hearing.", ".", ", then"]),
)
def test_a_count_of_calendar_units_is_found_whole(count: str, unit: str, before: str, after: str) -> None:
    value = f"{count} {unit}s"
    assert found(before + value + after) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sentenced him to three years and nine months’ imprisonment", "three years and nine months"),
        ("he had resided unlawfully for four and a half months.", "four and a half months"),
        ("the ten-year period for a review", "ten-year"),
        ("a follow-up within two business days", "two business days"),
        ("for half a year", "half a year"),
        ("durante tres años y dos meses", "tres años y dos meses"),
        ("plazo de 30 días", "30 días"),
    ],
)
def test_duration_forms(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "wait 30 seconds, then 5 minutes more",
        "a year ago it was different",
        "once a day, every day",
        "the 3rd year student",
    ],
)
def test_figures_of_speech_and_short_units_are_not_durations(text: str) -> None:
    spans = [d for d in find_dates(ScanView(text)) if d.kind == "duration"]
    assert spans == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The Council heard it on 28 April and 4 May 1993. By", "28 April and 4 May 1993"),
        (
            "solely for the period between 15 March 1985 and 10 March 1989.",
            "between 15 March 1985 and 10 March 1989",
        ),
        (
            "hearings on 10 May, on 7 July and on 26 September 1994.",
            "10 May, on 7 July and on 26 September 1994",
        ),
        ("reassessed in 1994, 1995 and 1997. On", "1994, 1995 and 1997"),
    ],
)
def test_dates_that_share_a_year_are_one_finding(text: str, value: str) -> None:
    assert found(text) == [value]


def test_two_whole_dates_stay_two_findings() -> None:
    # Each has its own year: joined, one token would stand for two dates an agent may compare.
    assert found("filed on 1 March 2001 and decided on 5 May 2002") == ["1 March 2001", "5 May 2002"]
