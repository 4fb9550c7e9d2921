"""Payment cards (``CREDIT_CARD``): every network's issuer ranges at every length it issues, Luhn-checked.

Numbers are built from the networks' published ranges (``financial._NETWORKS``) with a Luhn check
digit computed by python-stdnum, and drawn from Faker's card providers; a failed check digit, a
prefix no network issues and a length the network does not issue are never cards.
"""

from __future__ import annotations

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.recognizers.financial import _NETWORKS
from mask_core.scan.scanner import Scanner

SCANNER = Scanner(default_recognizers())
PROFILE = settings(max_examples=200, deadline=None)


def cards(text: str) -> list[str]:
    return [e.text for e in SCANNER.scan(text) if e.entity_type == "CREDIT_CARD"]


def complete(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def grouped(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


RANGES = [(low, high, length) for low, high, lengths in _NETWORKS for length in sorted(lengths)]


@PROFILE
@given(st.sampled_from(RANGES), st.data())
def test_every_network_range_is_found_at_every_length_it_issues(
    entry: tuple[str, str, int], data: st.DataObject
) -> None:
    low, high, length = entry
    prefix = str(data.draw(st.integers(int(low), int(high)))).zfill(len(low))
    rest = data.draw(
        st.text("0123456789", min_size=length - len(prefix) - 1, max_size=length - len(prefix) - 1)
    )
    number = complete(prefix + rest)
    if len(set(number)) == 1:
        return
    assert cards(f"card {grouped(number)} on file") == [grouped(number)]
    if length >= 13:  # written as one group, a 12-digit number is an id more often than a card
        assert cards(f"paid with {number} yesterday") == [number]
    assert cards(f"card number: {number}") == [number]


@pytest.mark.parametrize(
    "number",
    [
        "36227206271667",  # Diners Club International, 14 digits
        "38520000023237",  # Diners Club (38), 14 digits
        "39123456789019",  # Diners Club (39), 14 digits
        "30569309025904",  # Carte Blanche (300-305), 14 digits
        "3530111333300000",  # JCB
        "6200000000000005",  # UnionPay
        "2200123456789010",  # Mir
        "6521000000000000017",  # RuPay / Discover, 19 digits
        "5061000000000000001",  # Verve, 19 digits
        "9792000000000000",  # Troy
    ],
)
def test_schemes_outside_the_big_four_are_found_without_context(number: str) -> None:
    number = complete(number[:-1])
    assert cards(f"refund to {number} today") == [number]


_FAKER_TYPES = [
    "visa16",
    "visa13",
    "visa19",
    "mastercard",
    "amex",
    "discover",
    "diners",
    "jcb15",
    "jcb16",
    "maestro",
]


@PROFILE
@given(card_type=st.sampled_from(_FAKER_TYPES), seed=st.integers(0, 2**32 - 1))
def test_faker_card_numbers_are_found(card_type: str, seed: int) -> None:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    number = fake.credit_card_number(card_type)
    if number.startswith("0604") or (card_type == "jcb16" and not 3528 <= int(number[:4]) <= 3589):
        # Faker's Maestro list has 0604, which no network issues (ISO/IEC 7812 MII 0), and its JCB
        # numbers start with any 35xx, where JCB's range is 3528-3589.
        return
    assert cards(f"Card number {number}, exp 04/27") == [number]


@PROFILE
@given(st.sampled_from(RANGES), st.data())
def test_a_wrong_check_digit_is_never_a_card(entry: tuple[str, str, int], data: st.DataObject) -> None:
    low, _high, length = entry
    rest = data.draw(st.text("0123456789", min_size=length - len(low) - 1, max_size=length - len(low) - 1))
    number = complete(low + rest)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert cards(f"card {grouped(wrong)} on file") == []
    assert cards(f"card {wrong} on file") == []


def test_prefixes_and_lengths_no_network_issues_are_never_cards() -> None:
    assert cards(f"card {complete('999999999999999')}") == []  # no network issues 99
    assert cards(f"card {complete('371449635398431')}") == []  # Amex at 16 digits
    assert cards(f"card {complete('40128888888881')}") == []  # Visa at 15 digits
    assert cards("card 4444 4444 4444 4444") == []  # one digit repeated


def test_part_of_a_longer_grouped_number_is_not_a_card() -> None:
    twelve = complete("63000000000")  # a Maestro number at 12 digits...
    assert cards(f"ref {grouped(twelve)} 1234 end") == []  # ...inside a 16-digit one is not a card
    card = complete("453914880343646")
    assert cards(f"card {grouped(card)} 12/27") == [grouped(card)]  # an expiry after it is fine


def test_a_bare_twelve_digit_maestro_needs_a_card_word() -> None:
    number = complete("50123456789")
    assert cards(f"account id {number} created") == []
    assert cards(f"Maestro {number}") == [number]
    assert cards(f"account id {grouped(number)} created") == [grouped(number)]


def test_a_bare_thirteen_digit_number_needs_a_card_word() -> None:
    # Ids of 13 digits are everywhere; one in ten passes Visa's check (a Shopify order's gid was a card).
    number = complete("427841410307")
    assert cards(f"gid://shopify/Order/{number}") == []
    assert cards(f"order {number} shipped") == []
    assert cards(f"Visa card {number}") == [number]
    assert cards(f"card {grouped(number)}") == [grouped(number)]
