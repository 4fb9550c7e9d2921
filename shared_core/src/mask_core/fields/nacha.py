"""ACH files in NACHA's format: records of 94 characters, each field at a fixed position.

A payroll or a payments tool hands on the file it sends to its bank, one record per line::

    101 091000019 4993270172404151209A094101WELLS FARGO BANK       ACME PAYROLL INC
    5200ACME PAYROLL INC                    1499327017PPDPAYROLL   APR15 240415   1091000010000001
    6221251350257090806311       0000586709EMP57756       ZYXWVUT QUORVE          0091000010000001

An entry detail record (type ``6``) holds the receiver's account number (positions 13-29) and name
(55-76), written with no mark between them and the routing number or the amount: only the position
says what they are. So each entry's account number and name are read as the keys the field rules
know for them (``account_number``, ``account_holder_name``). The originator's company and the banks
in the headers stay, and so do amounts, routing numbers and trace numbers.

A file is read only when its entries are records of exactly 94 characters and a file or batch header
(type ``1`` or ``5``) stands before them.
"""

from __future__ import annotations

import re

from mask_core.fields.pairs import MAX_PAIRS, Pair, trimmed

__all__ = ["may_hold_nacha", "nacha_pairs"]

_RECORD = 94
# An entry detail record: its type, a transaction code, the routing number and its check digit.
_ENTRY = re.compile(r"6[0-9]{2}[0-9]{8}[0-9]")
_ACCOUNT = (12, 29)
_NAME = (54, 76)


def may_hold_nacha(text: str) -> bool:
    """A cheap necessary condition: a line that opens with an entry detail record's type."""
    return "\n" in text and "\n6" in text and ("101 " in text or "\n5" in text)


def nacha_pairs(text: str) -> list[Pair]:
    """The receivers' account numbers and names of the text's entry detail records, each a record."""
    out: list[Pair] = []
    headed = False
    pos = 0
    record = 0
    while pos < len(text) and len(out) < MAX_PAIRS:
        stop = text.find("\n", pos)
        end = len(text) if stop < 0 else stop
        line_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        if line_end - pos == _RECORD:
            kind = text[pos]
            if kind in "15":
                headed = True
            elif kind == "6" and headed and _ENTRY.match(text, pos):
                record += 1
                for key, (a, b) in (("account_number", _ACCOUNT), ("account_holder_name", _NAME)):
                    start, finish = trimmed(text, pos + a, pos + b)
                    if finish > start:
                        out.append(Pair(key, start, finish, record))
        pos = end + 1
    return out
