"""Seeding Faker completely: ``seed_instance`` seeds a Faker's own generator, but some locale providers
(es_ES ``nif``/``nie``/``nuss``, sv_SE ``ssn``, es_MX ``curp``/``rfc``, en_US passports) draw from the
module-level ``random`` instead. While a corpus is generated, that one is seeded too, and put back after.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator

__all__ = ["global_random_seeded"]


@contextlib.contextmanager
def global_random_seeded(seed: int) -> Iterator[None]:
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)
