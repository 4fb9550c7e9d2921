"""Mask in 30 seconds: what the model sees, and what the tool gets.

    python3 dev.py demo          (or: python examples/quickstart.py with mask-core installed)

A CRM tool returns a customer record. Mask tokenizes it before the model sees it; the model then asks
for a refund using the tokens it saw; Mask restores the real values just before the refund tool runs.
Everything runs in this process: memory vault, no services, no API keys.
"""

from __future__ import annotations

import json

from mask_core import MaskClient, MemoryVault
from mask_core.keys import generate_key

# One client per tenant. In production the key comes from MASK_MASTER_KEY or a key provider; here we
# generate one, so tokens from this run cannot be decoded by any other process.
client = MaskClient(tenant="acme", master_key=generate_key(), vault=MemoryVault(), ttl=3600)


def crm_lookup(customer_id: str) -> dict[str, object]:
    """A tool that returns sensitive data (as real tools do)."""
    return {
        "id": customer_id,
        "name": "Alice Johnson",
        "email": "alice.johnson@example.com",
        "phone": "+1 (415) 555-2671",
        "ssn": "536-22-8745",
        "card": {"number": "4539 1488 0343 6467", "expiry": "04/27"},
        "iban": "DE89 3704 0044 0532 0130 00",
        "notes": (
            "Prefers email. Refund pending to card 4539 1488 0343 6467; call +1 (415) 555-2671 if it fails."
        ),
        "last_login_ip": "203.0.113.77",
    }


def refund(card_number: str, amount: float, notify_email: str) -> str:
    """A tool that needs the real values."""
    assert card_number == "4539 1488 0343 6467", "the tool got the real card"
    assert notify_email == "alice.johnson@example.com", "and the real address"
    return f"Refunded {amount:.2f} to card ending {card_number[-4:]}; receipt sent to {notify_email}."


def main() -> None:
    # 1. The tool runs; its result is encoded before the model sees it.
    result = crm_lookup("C-48213")
    seen_by_model = client.deep_encode(result)
    print("What the model sees:\n" + json.dumps(seen_by_model, indent=2))

    # 2. The model reasons over tokens and calls the next tool with them (scripted here).
    model_call = {
        "card_number": seen_by_model["card"]["number"],  # type: ignore[index]
        "amount": 49.90,
        "notify_email": seen_by_model["email"],
    }
    print("\nThe model calls refund() with:", json.dumps(model_call))

    # 3. Just before the tool runs, Mask restores the real values (and refuses if it cannot).
    real_args = client.deep_decode(model_call)
    outcome = refund(**real_args)

    # 4. The tool's answer is encoded again before it goes back to the model.
    print("\nThe model gets back:", client.tokenize_text(outcome))
    print("The user sees (final answer detokenized):", outcome)

    assert client.deep_decode(seen_by_model) == result, "every value restored exactly"
    same = client.encode("alice.johnson@example.com")
    assert same == seen_by_model["email"], "deterministic: one value, one token"
    print("\nRound trip exact; tokens deterministic.")
    # Checked, not claimed: which of the record's personal values still appear in the model's view.
    view = json.dumps(seen_by_model, ensure_ascii=False)
    personal = {
        "name": result["name"],
        "email": result["email"],
        "phone": result["phone"],
        "ssn": result["ssn"],
    }
    personal |= {
        "card": "4539 1488 0343 6467",
        "iban": result["iban"],
        "last_login_ip": result["last_login_ip"],
    }
    leaked = [field for field, value in personal.items() if str(value) in view]
    if leaked:
        print("Still in clear in what the model sees:", ", ".join(leaked))
    else:
        print("None of the record's personal values reached the model.")


if __name__ == "__main__":
    main()
