# ruff: noqa: E501  (record layouts read best one field to a line)
"""The non-personal values record shapes share: system ids in each provider's layout, timestamps in
each provider's format, amounts, products. All drawn from one seeded ``random.Random``.
"""

from __future__ import annotations

import dataclasses
import datetime
import email.utils
import random
import string
import unicodedata
import uuid

from faker import Faker
from people import Person

__all__ = ["PRODUCTS", "VENDORS", "Ctx", "ascii_word"]

PRODUCTS = (
    ("Merino Wool Socks", "SOCK-MER-M"), ("Aeropress Coffee Maker", "AERO-01"), ("USB-C Cable 2m", "CBL-USBC-2"),
    ("Canvas Tote Bag", "TOTE-CNV"), ("Ceramic Pour-Over Set", "POUR-CER-4"), ("Trail Running Shoes", "TRS-42-BLK"),
    ("Noise Cancelling Headphones", "NCH-700"), ("Stainless Water Bottle", "BTL-750-SS"),
)  # fmt: skip
VENDORS = ("Northwind Outfitters", "Acme Goods", "Blue Fern Supply", "Harbor Hardware")
_BASE62 = string.ascii_letters + string.digits
_EPOCH_2023 = 1_672_531_200


def ascii_word(word: str) -> str:
    """``word`` in lower-case ASCII letters only, as logins and slugs spell a name (``Ødegård`` ->
    ``odegard``)."""
    raw = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in raw if ch in string.ascii_lowercase)


@dataclasses.dataclass
class Ctx:
    """What a shape builds one record from: the person, their locale's Faker, the shared RNG."""

    person: Person
    fake: Faker
    rng: random.Random

    def base62(self, prefix: str, n: int = 14) -> str:
        return prefix + "".join(self.rng.choice(_BASE62) for _ in range(n))

    def hex_sid(self, prefix: str) -> str:
        return prefix + "".join(self.rng.choice("0123456789abcdef") for _ in range(32))

    def sf_id(self, prefix: str) -> str:
        """An 18-character Salesforce record id with its object's key prefix."""
        return prefix + "".join(self.rng.choice(_BASE62) for _ in range(15))

    def big_id(self) -> int:
        return self.rng.randint(10**12, 10**13 - 1)

    def small_id(self) -> int:
        return self.rng.randint(10**5, 10**9)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def epoch(self) -> int:
        return _EPOCH_2023 + self.rng.randrange(2 * 365 * 86400)

    def when(self) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(self.epoch(), tz=datetime.UTC)

    def iso_z(self) -> str:
        return self.when().strftime("%Y-%m-%dT%H:%M:%SZ")

    def iso_offset(self) -> str:
        return self.when().astimezone(datetime.timezone(datetime.timedelta(hours=-5))).isoformat()

    def sf_datetime(self) -> str:
        return self.when().strftime("%Y-%m-%dT%H:%M:%S.000+0000")

    def rfc2822(self) -> str:
        return email.utils.format_datetime(self.when())

    def sql_datetime(self) -> str:
        return self.when().strftime("%Y-%m-%d %H:%M:%S")

    def cents(self, low: int = 500, high: int = 250_000) -> int:
        return self.rng.randint(low, high)

    def product(self) -> tuple[str, str]:
        return self.rng.choice(PRODUCTS)
