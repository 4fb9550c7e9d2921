"""Phone numbers (``scan/recognizers/phones/``): possible numbers in every layout people write them,
and never the numbers of technical text.

Values come from ``phonenumbers``' own example numbers (every region, fixed line and mobile, in
international and national format) and from Faker's per-locale phone providers; the negatives are
the shapes technical text is full of (calendar rows, versions, dates, times, IP addresses, SSNs).
"""

from __future__ import annotations

import ipaddress
import re

import phonenumbers
import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.recognizers.phones import PhoneRecognizer
from mask_core.scan.scanner import Scanner

US = Scanner([PhoneRecognizer(["US"])])
FULL = Scanner(default_recognizers(phone_regions=("US",)))
PROFILE = settings(max_examples=150, deadline=None)


def phones(scanner: Scanner, text: str) -> list[str]:
    return [e.text for e in scanner.scan(text) if e.entity_type == "PHONE_NUMBER"]


def _examples() -> list[tuple[str, phonenumbers.PhoneNumber]]:
    out = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                out.append((region, example))
    return out


EXAMPLES = _examples()
# National layouts this recognizer does not read, each for a stated reason: numbers of fewer than
# seven digits (small territories: no window of the shared digit runs is that short), a national
# prefix phonenumbers rewrites ("011 15-..." in Argentina, "8 0..." in Belarus), an area code split
# inside brackets (Hungary), a lone digit inside the number (Côte d'Ivoire, Kazakhstan) and an SSN's
# 3-2-4 shape (Tajikistan).
_NATIONAL_UNREAD = {"AR", "BY", "HU", "CI", "KZ", "TJ"}


def test_every_regions_example_numbers_are_found_in_international_format() -> None:
    missed = []
    for region, example in EXAMPLES:
        value = phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL)
        if phones(US, f"Call {value} today.") != [value]:
            missed.append(region)
    assert missed == []
    assert len(EXAMPLES) > 450


def test_every_regions_example_numbers_are_found_in_national_format_in_that_region() -> None:
    missed = []
    for region, example in EXAMPLES:
        value = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
        if region in _NATIONAL_UNREAD or sum(c.isdigit() for c in value) < 7:
            continue
        if phones(Scanner([PhoneRecognizer([region])]), f"Call {value} today.") != [value]:
            missed.append((region, value))
    assert missed == []


_LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "ja_JP",
            "pl_PL", "sv_SE", "da_DK", "no_NO", "es_MX", "en_IN", "fi_FI"]  # fmt: skip


@PROFILE
@given(locale=st.sampled_from(_LOCALES), seed=st.integers(0, 2**32 - 1))
def test_faker_numbers_their_plan_holds_are_found_whole_in_their_region(locale: str, seed: int) -> None:
    fake = Faker(locale)
    fake.seed_instance(seed)
    value = fake.phone_number()
    region = locale.split("_")[1]
    main = re.split(r"\s*(?:x|ext\.?)\s*\d+$", value)[0]  # the number without its extension
    try:
        parsed = phonenumbers.parse(main, region)
    except phonenumbers.NumberParseException:
        return
    general = phonenumbers.PhoneMetadata.metadata_for_region(region).general_desc.national_number_pattern
    if (
        parsed.country_code != phonenumbers.country_code_for_region(region)
        or not phonenumbers.is_possible_number(parsed)
        or not re.fullmatch(general, phonenumbers.national_significant_number(parsed))
    ):
        # Faker also writes numbers no numbering plan holds ("+80(6)...", Danish numbers starting
        # with 0): a number must have a possible length and fit its plan's general pattern.
        return
    if re.fullmatch(r"\d+[.,]\d+", value):
        return  # one decimal point between two groups ("1778.7466") reads as a number: never a phone
    found = phones(Scanner([PhoneRecognizer([region])]), f"Please call {value} after noon.")
    assert found == [value], (locale, value, found)


NANP_LAYOUTS = ["({a}){e}-{l}", "({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "{a} {e} {l}", "+1-{a}-{e}-{l}",
                "+1 ({a}) {e}-{l}", "1-{a}-{e}-{l}"]  # fmt: skip


@PROFILE
@given(
    area=st.integers(200, 999),
    exchange=st.integers(200, 999),
    line=st.integers(0, 9999),
    layout=st.sampled_from(NANP_LAYOUTS),
)
def test_nanp_numbers_of_any_area_code_are_phones_by_their_layout(
    area: int, exchange: int, line: int, layout: str
) -> None:
    # Assigned or not (299, 555, N9X...): the layout is the evidence.
    value = layout.format(a=area, e=exchange, l=f"{line:04d}")
    assert phones(US, f"reach me at {value}, thanks") == [value]


def test_unassigned_area_codes_from_the_field() -> None:
    assert phones(US, "Contact: (299)414-2231") == ["(299)414-2231"]
    assert phones(US, "dial +1-299-414-2231 now") == ["+1-299-414-2231"]


def test_bare_digits_are_a_phone_only_next_to_phone_words_or_keys() -> None:
    assert phones(US, "reference 4155552671 shipped") == []
    assert phones(US, "reference 2994142231 shipped") == []
    assert phones(US, "mobile: 4155552671") == ["4155552671"]
    assert phones(US, "llame al 2994142231") == ["2994142231"]
    assert phones(US, "Handy 2994142231") == ["2994142231"]
    assert [e.entity_type for e in US.find("2994142231", context="customerPhone")] == ["PHONE_NUMBER"]
    assert US.find("2994142231", context="orderId") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ring 415-555-2671 x214 today", "415-555-2671 x214"),
        ("ring 206.269.0743x9150 today", "206.269.0743x9150"),
        ("ring 415-555-2671 ext. 12 today", "415-555-2671 ext. 12"),
        ("ring (415) 555-2671 extension 3 today", "(415) 555-2671 extension 3"),
        ("ring (415) 555-2671 #123 today", "(415) 555-2671 #123"),
        ("ring +1-780-563-6083x7783 today", "+1-780-563-6083x7783"),
        ("llame al +34 912 345 678 ext. 45", "+34 912 345 678 ext. 45"),
    ],
)
def test_extensions_are_part_of_the_number(text: str, value: str) -> None:
    assert phones(US, text) == [value]


@pytest.mark.parametrize(
    "value",
    ["+44 20 7946 0958", "0044 20 7946 0958", "+44 (0)20 7946 0958", "011 44 20 7946 0958", "+49 (0) 30 901820",
     "+33 (0)1 42 68 53 00", "+34 612 34 56 78", "+1-299-414-2231", "+81 3-1234-5678", "+55 11 91234-5678"],
)  # fmt: skip
def test_international_layouts(value: str) -> None:
    assert phones(US, f"call {value} now") == [value]


@pytest.mark.parametrize("value", ["031 772 4410", "06-12345678", "(0161) 496 0066", "(0)20 7946 0958",
                                   "020 7946 0958", "01 42 68 53 00"])  # fmt: skip
def test_trunk_prefix_layouts_of_any_region(value: str) -> None:
    # National numbers most of the world dials with a trunk 0, found with only US configured.
    assert phones(US, f"call {value} now") == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # No words ask for a call right before these numbers (those alone make one a phone).
        ("Office in Madrid, España. Desk 612 34 56 78", "612 34 56 78"),  # a country named
        ("HQ: +34 91 123 45 67; desk 612 345 678", "612 345 678"),  # a +34 number in the text
        ("write to ana@example.es or try 612 345 678", "612 345 678"),  # a .es address
        ("Oslo office (NO) 91 41 77 76", "91 41 77 76"),  # an ISO code before the number
    ],
)
def test_regions_the_text_points_to_are_read(text: str, value: str) -> None:
    assert value in phones(US, text)
    assert value not in phones(US, text.replace("España", "").replace("+34 91 123 45 67", "").replace(".es", ".com")
                               .replace("(NO) ", ""))  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "SSN 536-22-8745 on file",
        "upgraded to 20220623.1-1 and 2.31.0-1, v1.2.3.4",
        "kernel 5.15.0-1051-azure",
        "Mo Tu We Th Fr\n21 22 23 24 25\n28 29 30 31 01",
        "1 2 3 4 5 6 7",
        "10 20 30 40 50 60",
        "at 2024-03-15 10:42:07 UTC",
        "on 15/03/2024 15:30",
        "host 10.120.10.100 and 2001:db8::1 and 2552552001::1",
        "total 1234567.89 or 1,234,567.89 EUR and $4155552671",
        "order id 1234567890123456789012",
        "15 03 2024",
        "in 2019 2020 2021",
    ],
)
def test_technical_shapes_are_never_phones(text: str) -> None:
    assert phones(FULL, text) == []


@PROFILE
@given(start=st.integers(1, 27), n=st.integers(4, 7))
def test_calendar_rows_are_never_phones(start: int, n: int) -> None:
    row = " ".join(str(d) for d in range(start, start + n))
    assert phones(FULL, f"week\n{row}\n") == []


@PROFILE
@given(st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999)))
def test_version_strings_are_never_phones(parts: tuple[int, int, int, int]) -> None:
    major, minor, patch, build = parts
    for version in (
        f"{major}.{minor}.{patch}-{build}",
        f"{major}.{minor}.{patch}.{build}",
        f"v{major}.{minor}.{patch}",
    ):
        assert phones(FULL, f"pkg {version} installed") == [], version


@PROFILE
@given(st.ip_addresses(v=4))
def test_ipv4_addresses_are_never_phones(ip: ipaddress.IPv4Address) -> None:
    assert phones(FULL, f"from {ip} to {ip}") == []


@PROFILE
@given(st.dates())
def test_dates_are_never_phones(day: object) -> None:
    for fmt in ("%Y-%m-%d %H", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        assert phones(FULL, f"on {day:{fmt}} we met") == []  # type: ignore[str-format]


def test_a_whole_value_with_an_extension_is_detected_as_a_phone() -> None:
    assert FULL.detect("415-555-2671 x214") == "PHONE_NUMBER"
    assert FULL.detect("(299) 414-2231") == "PHONE_NUMBER"
    assert FULL.detect("20220623.1-1") != "PHONE_NUMBER"


def test_a_national_number_with_its_country_code_but_no_plus_is_found_next_to_a_phone_word() -> None:
    # Faker's it_IT writes "39198958733"; libphonenumber's parse strips the country code the same way.
    scanner = Scanner([PhoneRecognizer(["IT"])])
    assert phones(scanner, "Please call 39198958733 after noon.") == ["39198958733"]
    assert phones(scanner, "order 39198958733 shipped") == []  # bare digits need a phone word


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Prefers delivery after 6pm, call (11) 2620-5513 first", "(11) 2620-5513"),  # São Paulo
        ("You can call me on 16 0014-0827.", "16 0014-0827"),
        ("This is Lena, please call me back on 08-60 12 52", "08-60 12 52"),  # Stockholm
        ("You can call me on 0486783333.", "0486783333"),
        ("You can call me on 123-870-7173 x335.", "123-870-7173 x335"),  # no NANP area code
        ("llámeme al 91 123 45 67", "91 123 45 67"),
        ("Reach us at: 0471 12 34 56", "0471 12 34 56"),
        ("Her mobile is 412 34 567.", "412 34 567"),  # Oslo
        ("my number is 412 34 567", "412 34 567"),
        ("Text me on 16 0014-0827", "16 0014-0827"),
        ("su número es 612 34 56 78", "612 34 56 78"),
        # A Luhn-valid SIN's digits, but the words ask for a call: a phone, not a SIN.
        ("call me at 612 345 678", "612 345 678"),
        # A contact line that names the person before the number.
        ("Contact: Ana Lima, (11) 2620-5513", "(11) 2620-5513"),
        ("Phone - Dr. Okafor (mobile): 412 34 567", "412 34 567"),
    ],
)
def test_a_number_of_no_configured_region_is_a_phone_right_after_call_words(text: str, number: str) -> None:
    # The shop is configured for US numbers; its customers are not all American.
    assert phones(FULL, text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Order 16 0014-0827 shipped",  # the same digits without the words
        "call 2024-03-15 10:30",  # a date and a time
        "Call 2 of 3 at 10 20 30 40 50",  # a row of numbers
        "call me at 536-22-8745",  # an SSN's shape (the SSN recognizer's, not a phone)
        "ring 20220623.1-1",  # a version
        "callback 16 0014-0827",  # the word must be the cue itself
        "Contact support at 16 0014-0827",  # a sentence, not a contact line naming a person
        "the order number is 412 34 567",  # an order's number, not a person's
        "the text is 2022 0623",
    ],
)
def test_call_words_do_not_make_every_number_a_phone(text: str) -> None:
    assert phones(FULL, text) == []


def test_a_period_of_years_is_no_phone() -> None:
    # Eight digits in two groups are a valid number in Norway's and the Netherlands' plans.
    scanner = Scanner(default_recognizers(phone_regions=("US", "NO", "NL", "GB", "SE")))
    for text in ("Senior Engineer, Dell Technologies (2018-2023)", "worked there 1998–2004 as lead"):
        assert phones(scanner, text) == [], text
    assert phones(scanner, "ring me on 2345-6789") == ["2345-6789"]


def test_the_rest_of_an_amount_after_its_thousands_comma_is_no_phone() -> None:
    # From a court judgment: 847.312.000 is a valid Spanish number in a Spanish layout.
    spain = Scanner(default_recognizers(phone_regions=("US", "ES")))
    assert phones(spain, "it increased the fine to TRL 2,847.312.000, due to the applicant") == []
    assert phones(spain, "llame al 847.312.000") == ["847.312.000"]


def test_a_count_after_a_phone_stays_out_of_it_but_a_part_of_a_longer_number_gives_way() -> None:
    # The words asking for a call read the whole run only where no number of a plan starts it.
    assert phones(FULL, "call 415 555 2671 12 times") == ["415 555 2671"]
    # A part read from a run's middle (a valid US number here) gives way to the whole run.
    assert phones(FULL, "Tel 020 7946 0958 24 hours a day") == ["020 7946 0958 24"]


@pytest.mark.parametrize(
    "text",
    [
        "reference 12 345 678 901 234 567 890 attached",  # 12 345 678 901 is a valid NANP number
        "codes 111 901 234 567 222 done",  # 901 234 567 is a Luhn-valid SIN
    ],
)
def test_no_number_is_cut_from_a_longer_one_written_in_the_same_groups(text: str) -> None:
    found = [(e.entity_type, e.text) for e in FULL.find(text)]
    assert found == [], found


def test_a_phone_next_to_another_number_grouped_otherwise_is_still_found() -> None:
    assert phones(FULL, "415 555 2671 415 555 2672") == ["415 555 2671", "415 555 2672"]
    assert phones(FULL, "call 415 555 2671 or 415 555 2672") == ["415 555 2671", "415 555 2672"]
