"""Financial identifiers: payment cards, IBAN, ABA routing numbers.

* Cards: 12-19 digits (one group, or groups of 4, or Amex's 4-6-5 and Diners' 4-6-4), Luhn-valid
  (``stdnum.luhn``), with the issuer prefix of a card network and a length that network issues
  (``_NETWORKS``). A Luhn check alone passes one random number in ten. A number of 12 to 14 digits
  written as one group scores lower (most such numbers are ids), and 12 digits alone need a card word.
* IBAN: mod-97 and the national structure from ``stdnum.iban`` (with national checks where stdnum
  has them); a candidate is cut to the length its country code implies before validation.
* ABA: 3-7-1 checksum (``stdnum.us.rtn``) and a Federal Reserve prefix. Any nine digits pass the
  checksum one time in ten, so a routing number needs context ("routing", "ABA") to reach the threshold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.us import rtn

from mask_core.scan.anchors import iban_candidates, iban_is_valid
from mask_core.scan.checksums import luhn_ok
from mask_core.scan.recognizer import WindowRecognizer, context_regex
from mask_core.scan.view import ScanView, Window
from mask_core.types import Entity

__all__ = ["AbaRecognizer", "CardRecognizer", "IbanRecognizer"]

# Issuer identification ranges of the card networks and the lengths each network issues under them,
# from the networks' published ranges as the ISO/IEC 7812 registry summaries list them (Wikipedia's
# "Payment card number" table, Braintree's credit-card-type tables). A Luhn check passes one random
# number in ten, so the prefix and the length must agree with a real network too. Every network
# listed uses the Luhn check digit. (prefix low, prefix high, lengths); prefixes compare on as many
# leading digits as they have, and ranges of different networks may overlap (their lengths add up).
_NETWORKS: tuple[tuple[str, str, frozenset[int]], ...] = (
    ("4", "4", frozenset({13, 16, 18, 19})),  # Visa (Electron, V Pay, Dankort co-brands)
    ("51", "55", frozenset({16})),  # Mastercard
    ("2221", "2720", frozenset({16})),  # Mastercard 2-series
    ("34", "34", frozenset({15})),  # American Express
    ("37", "37", frozenset({15})),
    ("300", "305", frozenset(range(14, 20))),  # Diners Club Carte Blanche / International
    ("3095", "3095", frozenset(range(14, 20))),
    ("36", "36", frozenset(range(14, 20))),
    ("38", "39", frozenset(range(14, 20))),  # Diners Club International (and Hipercard 3841)
    ("6011", "6011", frozenset(range(16, 20))),  # Discover
    ("644", "649", frozenset(range(16, 20))),
    ("65", "65", frozenset(range(16, 20))),  # Discover, RuPay, Troy, Elo, Verve
    ("622126", "622925", frozenset(range(16, 20))),  # Discover / UnionPay co-brand
    ("3528", "3589", frozenset(range(16, 20))),  # JCB
    ("2131", "2131", frozenset({15, 16})),  # JCB (older 15-digit cards)
    ("1800", "1800", frozenset({15, 16})),
    ("62", "62", frozenset(range(14, 20))),  # UnionPay
    ("81", "81", frozenset(range(14, 20))),  # UnionPay 81x, RuPay
    ("82", "82", frozenset({16})),  # RuPay
    ("353", "353", frozenset({16})),  # RuPay / JCB co-brand
    ("356", "356", frozenset({16})),
    ("60", "60", frozenset(range(16, 20))),  # RuPay, UkrCard, Hipercard, Cabal, Shetab
    ("508", "508", frozenset(range(16, 20))),  # RuPay
    ("2200", "2204", frozenset(range(16, 20))),  # Mir
    ("2205", "2205", frozenset({16})),  # BORICA
    ("31", "31", frozenset({19})),  # China T-Union
    ("636", "636", frozenset(range(16, 20))),  # InterPayment
    ("637", "639", frozenset({16})),  # InstaPayment
    ("506099", "506198", frozenset({16, 18, 19})),  # Verve
    ("507865", "507964", frozenset({16, 18, 19})),
    ("650002", "650027", frozenset({16, 18, 19})),
    ("9792", "9792", frozenset({16})),  # Troy
    ("8600", "8600", frozenset({16})),  # UzCard
    ("9860", "9860", frozenset({16})),  # Humo
    ("9704", "9704", frozenset({16, 19})),  # Napas
    ("1946", "1946", frozenset({16, 18, 19})),  # GPN
    ("6104", "6104", frozenset({16})),  # Shetab
    ("50", "50", frozenset(range(12, 20))),  # Maestro (and Dankort 5019, Elo, GPN)
    ("56", "59", frozenset(range(12, 20))),  # Maestro
    ("63", "63", frozenset(range(12, 20))),
    ("67", "67", frozenset(range(12, 20))),  # Maestro, Bancontact
    ("493698", "493698", frozenset(range(12, 20))),
    ("1", "1", frozenset({15})),  # UATP
)


def _prefix_table() -> dict[str, frozenset[int]]:
    """Every issuer prefix (expanded from the ranges above) -> the lengths issued under it."""
    table: dict[str, set[int]] = {}
    for low, high, lengths in _NETWORKS:
        for p in range(int(low), int(high) + 1):
            table.setdefault(str(p).zfill(len(low)), set()).update(lengths)
    return {p: frozenset(v) for p, v in table.items()}


_PREFIXES = _prefix_table()
_GROUPS = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[^0-9]+")
_PREFIX_LENGTHS = sorted({len(p) for p in _PREFIXES})
_GROUP_AFTER = re.compile(r"[ -][0-9]{1,4}(?![0-9/.])")
_GROUP_BEFORE = re.compile(r"(?<![0-9])[0-9]{1,4}[ -]$")


def _network_issues(digits: str) -> bool:
    n = len(digits)
    get = _PREFIXES.get
    for k in _PREFIX_LENGTHS:
        lengths = get(digits[:k])
        if lengths is not None and n in lengths:
            return True
    return False


class CardRecognizer(WindowRecognizer):
    entity_type = "CREDIT_CARD"
    name = "credit_card"
    shapes = frozenset({"number"})
    max_score = 0.95
    min_digits, max_digits = 12, 19
    context = (
        "card", "credit", "debit", "visa", "mastercard", "amex", "cc", "pan", "tarjeta", "maestro", "diners",
        "discover", "jcb", "unionpay", "carte", "karte", "carta", "cartão", "cartao", "kort", "kaart",
        "charge", "charged", "payment", "paid", "pay", "refund", "billing", "declined", "cvv", "cvc",
        "issuer",
    )  # fmt: skip

    def check(self, view: ScanView, w: Window) -> Entity | None:
        if w.ngroups not in (1, 3, 4, 5) or w.plus or not _network_issues(w.digits):
            return None
        if len(set(w.digits)) == 1 or not view.boundary_before(w.start, ".-"):
            return None
        if not view.boundary_after(w.end, ".-"):
            return None
        text, digits = view.text, w.digits
        # Part of a longer number written in the same groups ("6300 0000 0000" of a 16-digit one) is
        # not a card of its own; a date or a code after the card ("4539 ... 6467 12/27") may follow.
        if (
            not w.whole
            and w.ngroups > 1
            and (_GROUP_AFTER.match(text, w.end) or _GROUP_BEFORE.search(text, 0, w.start))
        ):
            return None
        lengths = [len(g) for g in _GROUPS.findall(text, w.start, w.end)]
        seps = set(_SEPARATORS.findall(text, w.start, w.end))
        if len(seps) > 1 or (seps and seps.pop() not in (" ", "-")):
            return None
        if w.ngroups == 1:
            # Unbroken, a 12- or 13-digit number needs a card word near it: no network issues new
            # cards that short but Maestro and Visa's oldest, and ids of that length are everywhere
            # (Shopify's ``gid://shopify/Order/4278414103075`` passes Visa's check one time in ten).
            n = len(digits)
            score = 0.8 if n >= 15 else 0.7 if n >= 14 else 0.45
        elif lengths[:-1] == [4] * (len(lengths) - 1) or lengths in ([4, 6, 5], [4, 6, 4]):
            score = 0.95
        else:
            return None
        if not luhn_ok(digits):
            return None
        return self.entity(view, w.start, w.end, score)


class AbaRecognizer(WindowRecognizer):
    entity_type = "ABA_ROUTING_NUMBER"
    name = "aba_routing"
    shapes = frozenset({"number"})
    max_score = 0.3
    min_digits = max_digits = 9
    context = ("routing", "aba", "rtn", "transit", "routing number", "bank routing", "wire")
    context_boost = 0.55

    def check(self, view: ScanView, w: Window) -> Entity | None:
        if w.plus or not view.boundary_before(w.start, ".-") or not view.boundary_after(w.end, ".-"):
            return None
        if w.ngroups == 3 and [len(g) for g in view.text[w.start : w.end].split("-")] != [4, 4, 1]:
            return None
        if w.ngroups not in (1, 3):
            return None
        prefix = int(w.digits[:2])
        if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
            return None
        return self.entity(view, w.start, w.end, 0.3) if rtn.is_valid(w.digits) else None


class IbanRecognizer:
    name = "iban_code"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("IBAN_CODE",)
    context = ("iban", "account", "bank", "cuenta")
    context_re = context_regex(context)
    context_boost = 0.0

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        for start, end in iban_candidates(view):
            value = view.text[start:end]
            if iban_is_valid(value.replace(" ", "").replace("-", "")):
                yield Entity("IBAN_CODE", start, end, 1.0, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
