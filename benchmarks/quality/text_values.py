"""Values for the generated text corpus, each with the tag its per-group recall is reported under:
street addresses per Faker locale (and US military addresses), cards per scheme, dates in every
common written form, phone numbers per region and layout.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import NamedTuple

from faker import Faker
from phones import LOCALE_REGIONS, extension, layouts, unassigned_nanp, valid_number

__all__ = ["CARD_SCHEMES", "LOCALES", "Tagged", "ValueMaker"]

LOCALES = tuple(LOCALE_REGIONS)
# Every scheme Faker's credit card provider knows, by its own keys (Visa 13/16/19, JCB 15/16 ...).
CARD_SCHEMES = (
    "visa13",
    "visa16",
    "visa19",
    "mastercard",
    "amex",
    "discover",
    "diners",
    "jcb15",
    "jcb16",
    "maestro",
)
# The groupings printed on each scheme's cards; other lengths are written in fours.
_GROUPS = {15: (4, 6, 5), 14: (4, 6, 4), 16: (4, 4, 4, 4), 19: (4, 4, 4, 4, 3), 13: (4, 4, 5)}
# strftime patterns; {d} and {m} are the day and month without a leading zero (strftime's "%-d" is
# glibc-only).
_NUMERIC_DATES = ("%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m-%d-%Y", "%d/%m/%y", "{m}/{d}/%Y")
_ISO_DATES = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d")
_WRITTEN_DATES = ("%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%B {d}", "{d} %B")
_WEEKDAY_DATES = ("%A, %B %d, %Y", "%a %d %b %Y", "%A {d} %B", "%a, %b {d}")


def _format(day: datetime.date, pattern: str) -> str:
    return day.strftime(pattern).replace("{d}", str(day.day)).replace("{m}", str(day.month))


def issued_card_number(fake: Faker, scheme: str) -> str:
    """A Faker card number of ``scheme`` under a prefix its network really issues.

    Faker's JCB numbers start anywhere in 3500-3599 (JCB issues 3528-3589) and its Maestro list has
    0604, which no network issues (ISO/IEC 7812 major industry identifier 0). Those are no one's card
    number, and a detector that found them would also flag ids that merely pass Luhn.
    """
    while True:
        number = fake.credit_card_number(card_type=scheme)
        if number.startswith("0") or (number.startswith("35") and not 3528 <= int(number[:4]) <= 3589):
            continue
        return number


class Tagged(NamedTuple):
    text: str
    tag: str  # the group it is reported under: a locale, a scheme, a region/layout, a date form


class ValueMaker:
    """Seeded makers for the tagged values; one Faker per locale, each seeded from ``seed``."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fakers = {}
        for i, locale in enumerate(LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + i)
            self.fakers[locale] = fake
        self._turn: dict[str, int] = {}

    def _next(self, key: str, n: int) -> int:
        """Round robin per group, so every locale, scheme and layout is present in a small corpus."""
        i = self._turn.get(key, 0)
        self._turn[key] = i + 1
        return i % n

    # -- addresses ---------------------------------------------------------------------------------
    def address(self) -> Tagged:
        i = self._next("address", len(LOCALES) + 1)
        if i == len(LOCALES):
            return Tagged(self.military_address(), "en_US military")
        locale = LOCALES[i]
        return Tagged(self.fakers[locale].address(), locale)

    def military_address(self) -> str:
        fake = self.fakers["en_US"]
        kind = self.rng.randrange(3)
        state, zip_code = fake.military_state(), fake.postcode()
        if kind == 0:
            return f"{fake.military_apo()}\nAPO {state} {zip_code}"
        if kind == 1:
            return f"{fake.military_ship()} {fake.last_name()}\nFPO {state} {zip_code}"
        return f"{fake.military_dpo()}\nDPO {state} {zip_code}"

    # -- cards -------------------------------------------------------------------------------------
    def card(self) -> Tagged:
        scheme = CARD_SCHEMES[self._next("card", len(CARD_SCHEMES))]
        number = issued_card_number(self.fakers["en_US"], scheme)
        style = self.rng.randrange(3)
        if style == 0:
            return Tagged(number, scheme)
        groups = _GROUPS.get(len(number), (4,) * ((len(number) + 3) // 4))
        parts, pos = [], 0
        for g in groups:
            parts.append(number[pos : pos + g])
            pos += g
        return Tagged((" " if style == 1 else "-").join(p for p in parts if p), scheme)

    # -- dates -------------------------------------------------------------------------------------
    def _date(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randrange((end - start).days))

    def date(self) -> Tagged:
        form = ("numeric", "iso", "written", "weekday")[self._next("date", 4)]
        pattern = self.rng.choice(
            {
                "numeric": _NUMERIC_DATES,
                "iso": _ISO_DATES,
                "written": _WRITTEN_DATES,
                "weekday": _WEEKDAY_DATES,
            }[form]
        )
        day = self._date(datetime.date(2015, 1, 1), datetime.date(2027, 12, 31))
        return Tagged(_format(day, pattern), form)

    def date_of_birth(self) -> Tagged:
        form = ("numeric", "iso", "written")[self._next("dob", 3)]
        pattern = self.rng.choice(
            {"numeric": _NUMERIC_DATES, "iso": _ISO_DATES[:1], "written": _WRITTEN_DATES[:4]}[form]
        )
        day = self._date(datetime.date(1935, 1, 1), datetime.date(2006, 12, 31))
        return Tagged(_format(day, pattern), form)

    # -- phones ------------------------------------------------------------------------------------
    def phone(self) -> Tagged:
        """Per region in turn: Faker's own layout for the locale, or a valid number in the national,
        international or E.164 layout; NANP numbers also with extensions and unassigned area codes."""
        locale = LOCALES[self._next("phone", len(LOCALES))]
        region = LOCALE_REGIONS[locale]
        nanp = region in ("US", "CA")
        choices = ["faker", "national", "international", "e164"] + (
            ["extension", "unassigned"] if nanp else []
        )
        layout = choices[self._next("phone-" + region, len(choices))]
        if layout == "faker":
            text = self.fakers[locale].phone_number()
        elif layout == "unassigned":
            text = unassigned_nanp(self.rng)
        elif layout == "extension":
            text = extension(
                self.rng,
                layouts(valid_number(self.rng, region))[self.rng.choice(["national", "international"])],
            )
        else:
            text = layouts(valid_number(self.rng, region))[layout]
        return Tagged(text, f"{region} {layout}")

    def makers(self) -> dict[str, Callable[[], Tagged]]:
        return {
            "STREET_ADDRESS": self.address,
            "CREDIT_CARD": self.card,
            "DATE_TIME": self.date,
            "DATE_OF_BIRTH": self.date_of_birth,
            "PHONE_NUMBER": self.phone,
        }
