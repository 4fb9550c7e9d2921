"""Stripe shapes: Customer, Charge and PaymentMethod as the API documents them (``cus_``/``ch_``/``pm_``
ids, amounts in int cents, ``created`` as an int epoch, ``card.exp_month`` an int, ``billing_details``
with its ``address.line1``; Stripe never returns a full card number, only ``last4``).
"""

from __future__ import annotations

from typing import Any

from record_tree import pii, safe, text
from shape_values import Ctx

__all__ = ["SHAPES", "stripe_customer"]


def _stripe_address(c: Ctx) -> dict[str, Any]:
    p = c.person
    return {
        "city": pii(p.city, "LOCATION"),
        "country": safe(p.region, "country"),
        "line1": pii(p.street, "STREET_ADDRESS"),
        "line2": pii(p.line2, "STREET_ADDRESS") if p.line2 else None,
        "postal_code": pii(p.postcode, "POSTCODE"),
        "state": safe(p.state, "region") if p.state else None,
    }


def _billing_details(c: Ctx) -> dict[str, Any]:
    p = c.person
    return {
        "address": _stripe_address(c),
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "name": pii(p.name, "PERSON"),
        "phone": pii(p.e164, "PHONE_NUMBER"),
    }


def _card(c: Ctx) -> dict[str, Any]:
    p = c.person
    return {
        "brand": safe(p.card_brand, "card_brand"),
        "checks": {
            "address_line1_check": safe("pass", "enum"),
            "address_postal_code_check": safe("pass", "enum"),
            "cvc_check": safe(c.rng.choice(["pass", "unchecked"]), "enum"),
        },
        "country": safe(p.region, "country"),
        "exp_month": safe(c.rng.randint(1, 12), "card_exp"),
        "exp_year": safe(c.rng.randint(2025, 2032), "card_exp"),
        "fingerprint": safe(c.base62("", 16), "id"),
        "funding": safe(c.rng.choice(["credit", "debit"]), "enum"),
        "last4": safe(p.card[-4:], "card_last4"),
    }


def stripe_customer(c: Ctx) -> dict[str, Any]:
    p = c.person
    return {
        "id": safe(c.base62("cus_"), "id"),
        "object": safe("customer", "enum"),
        "address": _stripe_address(c),
        "balance": safe(c.rng.choice([0, 0, -c.cents(100, 5000)]), "amount"),
        "created": safe(c.epoch(), "timestamp"),
        "currency": safe(p.currency, "currency"),
        "default_source": None,
        "delinquent": c.rng.random() < 0.1,
        "description": text("Imported from the legacy billing system") if c.rng.random() < 0.3 else None,
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "invoice_prefix": safe(c.base62("", 8).upper(), "id"),
        "invoice_settings": {
            "custom_fields": None,
            "default_payment_method": safe(c.base62("pm_", 24), "id"),
            "footer": None,
            "rendering_options": None,
        },
        "livemode": True,
        "metadata": {"crm_id": safe(str(c.small_id()), "id")},
        "name": pii(p.name, "PERSON"),
        "next_invoice_sequence": safe(c.rng.randint(1, 40), "count"),
        "phone": pii(p.e164 if c.rng.random() < 0.6 else p.phone, "PHONE_NUMBER"),
        "preferred_locales": [safe(p.locale.split("_")[0], "locale")],
        "shipping": {
            "address": _stripe_address(c),
            "name": pii(p.name, "PERSON"),
            "phone": pii(p.e164, "PHONE_NUMBER"),
        },
        "tax_exempt": safe("none", "enum"),
        "test_clock": None,
    }


def stripe_charge(c: Ctx) -> dict[str, Any]:
    p = c.person
    amount = c.cents()
    charge = c.base62("ch_", 24)
    return {
        "id": safe(charge, "id"),
        "object": safe("charge", "enum"),
        "amount": safe(amount, "amount"),
        "amount_captured": safe(amount, "amount"),
        "amount_refunded": safe(0, "amount"),
        "balance_transaction": safe(c.base62("txn_", 24), "id"),
        "billing_details": _billing_details(c),
        "captured": True,
        "created": safe(c.epoch(), "timestamp"),
        "currency": safe(p.currency, "currency"),
        "customer": safe(c.base62("cus_"), "id"),
        "description": text("Subscription update"),
        "outcome": {
            "network_status": safe("approved_by_network", "enum"),
            "risk_level": safe("normal", "enum"),
            "risk_score": safe(c.rng.randint(0, 99), "score"),
            "seller_message": text("Payment complete."),
            "type": safe("authorized", "enum"),
        },
        "paid": True,
        "payment_intent": safe(c.base62("pi_", 24), "id"),
        "payment_method": safe(c.base62("pm_", 24), "id"),
        "payment_method_details": {
            "card": {**_card(c), "network": safe(p.card_brand, "card_brand")},
            "type": safe("card", "enum"),
        },
        "receipt_email": pii(p.email, "EMAIL_ADDRESS"),
        "receipt_number": safe(f"{c.rng.randint(1000, 9999)}-{c.rng.randint(1000, 9999)}", "id"),
        "receipt_url": safe(f"https://pay.stripe.com/receipts/payment/{c.base62('', 40)}", "url"),
        "refunded": False,
        "status": safe("succeeded", "enum"),
    }


def stripe_payment_method(c: Ctx) -> dict[str, Any]:
    p = c.person
    return {
        "id": safe(c.base62("pm_", 24), "id"),
        "object": safe("payment_method", "enum"),
        "allow_redisplay": safe("unspecified", "enum"),
        "billing_details": _billing_details(c),
        "card": {
            **_card(c),
            "display_brand": safe(p.card_brand, "card_brand"),
            "generated_from": None,
            "networks": {"available": [safe(p.card_brand, "card_brand")], "preferred": None},
            "three_d_secure_usage": {"supported": True},
            "wallet": None,
        },
        "created": safe(c.epoch(), "timestamp"),
        "customer": safe(c.base62("cus_"), "id"),
        "livemode": False,
        "metadata": {},
        "type": safe("card", "enum"),
    }


SHAPES = {
    "stripe_customer": stripe_customer,
    "stripe_charge": stripe_charge,
    "stripe_payment_method": stripe_payment_method,
}
