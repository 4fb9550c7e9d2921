"""Dates and times (``DATE_TIME``) and dates of birth (``DATE_OF_BIRTH``).

Dates are drawn by hypothesis and written with ``strftime`` in the numeric, ISO 8601 and written
(English, Spanish) forms people use; they must be found whole. Impossible dates (31 February, month
13) and the numbers of technical text (versions, IP addresses, amounts, phone numbers, bare numbers)
are never dates. A date next to a birth word is a date of birth, which wins over the plain date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.scanner import Scanner, resolve_reported

SCANNER = Scanner(default_recognizers())
PROFILE = settings(max_examples=150, deadline=None)
DATES = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]  # fmt: skip
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"]  # fmt: skip
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def found(text: str, entity_type: str = "DATE_TIME") -> list[str]:
    return [e.text for e in SCANNER.scan(text) if e.entity_type == entity_type]


@PROFILE
@given(
    DATES,
    st.sampled_from(["%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d", "%d-%m-%Y", "%m/%d/%y"]),
)
def test_numeric_dates_are_found_whole(day: dt.date, fmt: str) -> None:
    value = day.strftime(fmt)
    assert found(f"Delivered on {value}, signed.") == [value]


@PROFILE
@given(
    st.datetimes(dt.datetime(1970, 1, 1), dt.datetime(2099, 12, 31)),
    st.sampled_from(["Z", "+02:00", "-0530", ""]),
)
def test_iso_timestamps_with_time_and_zone_are_found_whole(moment: dt.datetime, zone: str) -> None:
    for value in (moment.strftime("%Y-%m-%dT%H:%M:%S") + zone, moment.strftime("%Y-%m-%d %H:%M") + " UTC"):
        assert found(f"created_at: {value} by the worker") == [value]


@PROFILE
@given(DATES)
def test_written_english_and_spanish_dates_are_found_whole(day: dt.date) -> None:
    month, mes = MONTHS_EN[day.month - 1], MONTHS_ES[day.month - 1]
    short = month if len(month) <= 5 else f"{month[:3]}."  # as AP style abbreviates: "Nov. 12", "May 12"
    for value in (
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{short} {day.day}",
        f"{month} {day.year}",
        f"{day.day} de {mes} de {day.year}",
        f"{WEEKDAYS_EN[day.weekday()]}, {day.day} {month}",
        f"the {day.day}th of {month}",
    ):
        assert found(f"It happened {value} and nobody noticed.") == [value.removeprefix("the ")], value


@PROFILE
@given(st.times())
def test_times_are_found(moment: dt.time) -> None:
    hour12 = moment.hour % 12 or 12
    for value in (
        moment.strftime("%H:%M"),
        moment.strftime("%H:%M:%S"),
        f"{hour12} {'a.m.' if moment.hour < 12 else 'p.m.'}",
        f"{hour12}{'am' if moment.hour < 12 else 'pm'}",
    ):
        assert found(f"Meet at {value} sharp") == [value], value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It rained on 14 and 27 July 1999 only.", "14 and 27 July 1999"),
        ("She worked there between 1980 and 1981.", "between 1980 and 1981"),
        ("It was founded in 1949 in Ohio.", "1949"),
        ("a customer since 2019, loyal", "2019"),
        ("valid until 2031.", "2031"),
        ("in the year 2000 it changed", "2000"),
        ("música de los 1990s", "1990s"),
        ("Llegó el 12 de noviembre de 2002.", "12 de noviembre de 2002"),
        ("The train leaves at 18.45 p.m. today", "18.45 p.m."),
        ("Nov. 12 was the deadline", "Nov. 12"),
        ("See you on Monday.", "Monday"),
        ("It opened in July.", "July"),
        # a line break may wrap a date; a blank line ends it
        ("signed on 12 March\n2001 in Paris", "12 March\n2001"),
        ("Release notes v5.5\n\nOctober 2027: fixes and more", "October 2027"),
    ],
)
def test_date_forms_from_prose(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize(
    "value", ["31/02/2024", "13/13/2024", "2024-02-30", "2023-02-29", "00/12/2024", "32.01.2024"]
)
def test_impossible_dates_are_not_dates(value: str) -> None:
    assert found(f"on {value} we met") == []


@pytest.mark.parametrize(
    "text",
    [
        "upgraded to 2.31.0-1, 20220623.1-1 and v1.2.3.4 (build 1.24.3)",
        "host 10.120.10.100 port 8080, mac 00:11:22:33:44:55, ipv6 2001:db8::1",
        "total $1,249.99 for 2024 units; 1999 items in stock",
        "call +1 (415) 555-2671 or 415.555.2671",
        "order 100234 shipped to ZIP 94107, 2048 bytes in 2048 ms",
        "page 2019 of 2024",
        "you may 2 times retry",
        "in 2048 bytes of memory",
    ],
)
def test_technical_numbers_are_not_dates(text: str) -> None:
    assert found(text) == []


@PROFILE
@given(st.integers(1900, 2099))
def test_a_bare_four_digit_year_is_a_date_only_where_words_say_so(year: int) -> None:
    assert found(f"count {year} rows") == []
    assert found(f"since {year} we ship") == [str(year)]
    assert found(f"in {year} bytes") == []


# -- dates of birth --------------------------------------------------------------------------------

BIRTH_WORDS = ["DOB:", "date of birth", "born", "birthday:", "fecha de nacimiento:", "nacido el", "geboren am",
               "né le", "data di nascita", "data de nascimento", "geboortedatum", "födelsedatum", "fødselsdato"]  # fmt: skip


@PROFILE
@given(
    DATES,
    st.sampled_from(BIRTH_WORDS),
    st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y%m%d", "%d%m%Y"]),
)
def test_a_date_next_to_a_birth_word_is_a_date_of_birth(day: dt.date, word: str, fmt: str) -> None:
    value = day.strftime(fmt)
    text = f"Patient record. {word} {value}. Next visit soon."
    assert found(text, "DATE_OF_BIRTH") == [value]
    assert value not in found(text)  # the birth date is protected, not reported as a plain date


@PROFILE
@given(DATES)
def test_written_birth_dates_are_found(day: dt.date) -> None:
    value = f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}"
    assert found(f"She was born on {value} in Ohio.", "DATE_OF_BIRTH") == [value]
    value = f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"
    assert found(f"nacida el {value} en Madrid", "DATE_OF_BIRTH") == [value]


def test_a_date_without_a_birth_word_is_not_a_date_of_birth() -> None:
    assert found("released 03/15/1985", "DATE_OF_BIRTH") == []
    assert found("released 03/15/1985") == ["03/15/1985"]
    assert found("ref 19870314 shipped", "DATE_OF_BIRTH") == []  # a compact date needs its word
    raw = SCANNER.find("1985-07-14", context="date_of_birth")  # under a JSON key that says so
    assert [e.entity_type for e in resolve_reported(raw, SCANNER.report_only)] == ["DATE_OF_BIRTH"]
    assert found("He was born in 1949 in Ohio.", "DATE_OF_BIRTH") == ["1949"]
