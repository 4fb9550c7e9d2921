"""``mask demo``: the quickstart flow, in this process, with made-up data.

A CRM tool returns a customer record; Mask tokenizes it for the model; the model (scripted) asks for a
refund with the tokens it saw; Mask restores the real values just before the refund tool runs. The
values are fictitious demo data, so printing them is the point here.
"""

from __future__ import annotations

import json
from typing import Any

from rich.panel import Panel
from rich.syntax import Syntax

from mask_core.cli._common import out
from mask_core.client import MaskClient
from mask_core.keys.material import generate_key
from mask_core.settings import get_settings
from mask_core.vault.memory import MemoryVault

__all__ = ["PERSONAL", "RECORD", "demo", "in_clear"]

RECORD = {
    "id": "C-48213",
    "name": "Alice Johnson",
    "email": "alice.johnson@example.com",
    "phone": "+1 (415) 555-2671",
    "ssn": "536-22-8745",
    "card": {"number": "4539 1488 0343 6467", "expiry": "04/27"},
    "iban": "DE89 3704 0044 0532 0130 00",
    "notes": "Refund pending to card 4539 1488 0343 6467; call +1 (415) 555-2671 if it fails.",
    "last_login_ip": "203.0.113.77",
}


def _show(title: str, data: Any, style: str) -> None:
    body = Syntax(json.dumps(data, indent=2, ensure_ascii=False), "json", word_wrap=True)
    out.print(Panel(body, title=title, border_style=style))


#: The record's personal values (dotted paths): each must be gone from what the model sees.
PERSONAL = ("name", "email", "phone", "ssn", "card.number", "iban", "last_login_ip")


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def in_clear(seen: Any) -> list[str]:
    """The paths of :data:`PERSONAL` whose value still appears anywhere in ``seen`` (the model's view)."""
    text = json.dumps(seen, ensure_ascii=False)
    return [path for path in PERSONAL if str(_at(RECORD, path)) in text]


def demo() -> None:
    """Run the 30-second tour: a tool result tokenized for the model and restored for the next tool.

    Example:

        mask demo
    """
    settings = get_settings().updated(audit_sinks=[])
    client = MaskClient(
        tenant="demo", master_key=generate_key(), vault=MemoryVault(), ttl=3600, settings=settings
    )
    _show("1. crm_lookup() returns (real data, stays in your process)", RECORD, "red")
    seen = client.deep_encode(RECORD)
    _show("2. what the model sees", seen, "green")
    call = {"card_number": seen["card"]["number"], "amount": 49.90, "notify_email": seen["email"]}
    _show("3. the model calls refund() with", call, "green")
    args = client.deep_decode(call)
    _show("4. what refund() receives, restored just in time", args, "red")
    exact = client.deep_decode(seen) == RECORD
    deterministic = client.encode(str(RECORD["email"])) == seen["email"]
    leaked = in_clear(seen)
    round_trip = "exact" if exact else "NOT exact"
    tokens = "deterministic" if deterministic else "NOT deterministic"
    out.print(f"Round trip {round_trip}; tokens {tokens}.", markup=False)
    replaced = [p for p in PERSONAL if p not in leaked]
    out.print(f"Replaced before the model saw them: {', '.join(replaced) or 'nothing'}.", markup=False)
    if leaked:
        out.print(
            f"Still in clear in what the model sees: {', '.join(leaked)}. "
            "See `mask models list` for the NER tier, and docs/detection.md.",
            markup=False,
        )
    else:
        out.print("None of the record's personal values reached the model.", markup=False)
