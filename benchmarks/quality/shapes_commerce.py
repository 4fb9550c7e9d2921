# ruff: noqa: E501  (record layouts read best one field to a line)
"""Commerce and bank shapes: Shopify Order and Customer, SEPA and ACH transfers, each modelled on the
provider's documented object (field names, nesting, and which values are ints, floats or strings:
Shopify ids are big ints, prices strings and coordinates floats; an ACH routing number may arrive as
an int).
"""

from __future__ import annotations

from typing import Any

from record_tree import note, pii, safe, text
from shape_values import VENDORS, Ctx

__all__ = ["SHAPES"]


def _shopify_address(c: Ctx, customer_id: int | None = None) -> dict[str, Any]:
    p = c.person
    out: dict[str, Any] = {
        "first_name": pii(p.first, "PERSON"),
        "address1": pii(p.street, "STREET_ADDRESS"),
        "phone": pii(p.national if c.rng.random() < 0.5 else p.phone, "PHONE_NUMBER"),
        "city": pii(p.city, "LOCATION"),
        "zip": pii(p.postcode, "POSTCODE"),
        "province": safe(p.state, "region") if p.state else None,
        "country": safe(p.region, "country"),
        "last_name": pii(p.last, "PERSON"),
        "address2": pii(p.line2, "STREET_ADDRESS") if p.line2 else None,
        "company": pii(p.employer, "ORGANIZATION") if c.rng.random() < 0.3 else None,
        "latitude": pii(p.lat, "COORDINATE"),
        "longitude": pii(p.lng, "COORDINATE"),
        "name": pii(p.name, "PERSON"),
        "country_code": safe(p.region, "country"),
        "province_code": safe(p.state, "region") if p.state else None,
    }
    if customer_id is not None:
        out = {"id": safe(c.big_id(), "id"), "customer_id": safe(customer_id, "id"), **out, "default": True}
    return out


def shopify_customer(c: Ctx) -> dict[str, Any]:
    p = c.person
    cid = c.big_id()
    return {
        "id": safe(cid, "id"),
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "created_at": safe(c.iso_offset(), "timestamp"),
        "updated_at": safe(c.iso_offset(), "timestamp"),
        "first_name": pii(p.first, "PERSON"),
        "last_name": pii(p.last, "PERSON"),
        "orders_count": safe(c.rng.randint(0, 40), "count"),
        "state": safe("enabled", "enum"),
        "total_spent": safe(f"{c.cents() / 100:.2f}", "amount"),
        "last_order_id": safe(c.big_id(), "id"),
        "note": note(f"Prefers delivery after 6pm, call {p.national} first", p.national)
        if c.rng.random() < 0.4
        else None,
        "verified_email": True,
        "multipass_identifier": None,
        "tax_exempt": False,
        "tags": safe(c.rng.choice(["", "VIP", "wholesale, newsletter"]), "tags"),
        "last_order_name": safe(f"#{c.rng.randint(1001, 9999)}", "order_number"),
        "currency": safe(p.currency.upper(), "currency"),
        "phone": pii(p.e164, "PHONE_NUMBER"),
        "addresses": [_shopify_address(c, cid)],
        "admin_graphql_api_id": safe(f"gid://shopify/Customer/{cid}", "url"),
        "default_address": _shopify_address(c, cid),
    }


def shopify_order(c: Ctx) -> dict[str, Any]:
    p = c.person
    oid, number = c.big_id(), c.rng.randint(1001, 99999)
    items, subtotal = [], 0
    for _ in range(c.rng.randint(1, 3)):
        title, sku = c.product()
        price, qty = c.cents(500, 20000), c.rng.randint(1, 4)
        subtotal += price * qty
        lid = c.big_id()
        items.append({
            "id": safe(lid, "id"),
            "admin_graphql_api_id": safe(f"gid://shopify/LineItem/{lid}", "url"),
            "fulfillable_quantity": safe(qty, "count"),
            "grams": safe(c.rng.randint(20, 3000), "count"),
            "name": safe(title, "product"),
            "price": safe(f"{price / 100:.2f}", "amount"),
            "product_id": safe(c.big_id(), "id"),
            "quantity": safe(qty, "count"),
            "sku": safe(sku, "sku"),
            "title": safe(title, "product"),
            "variant_id": safe(c.big_id(), "id"),
            "vendor": safe(c.rng.choice(VENDORS), "merchant"),
        })  # fmt: skip
    shipping = c.rng.choice([0, 499, 1000])
    return {
        "id": safe(oid, "id"),
        "admin_graphql_api_id": safe(f"gid://shopify/Order/{oid}", "url"),
        "browser_ip": pii(p.ip, "IP_ADDRESS"),
        "buyer_accepts_marketing": c.rng.random() < 0.5,
        "contact_email": pii(p.email, "EMAIL_ADDRESS"),
        "created_at": safe(c.iso_offset(), "timestamp"),
        "currency": safe(p.currency.upper(), "currency"),
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "financial_status": safe("paid", "enum"),
        "fulfillment_status": None,
        "name": safe(f"#{number}", "order_number"),
        "note": note(f"Gift for {p.first}, please leave with the neighbour", p.first)
        if c.rng.random() < 0.3
        else None,
        "number": safe(number - 1000, "count"),
        "order_number": safe(number, "order_number"),
        "order_status_url": safe(
            f"https://{c.rng.choice(['northwind', 'acme'])}.myshopify.com/{c.small_id()}/orders/{c.base62('', 32).lower()}/authenticate?key={c.base62('', 32).lower()}",
            "url",
        ),
        "phone": pii(p.e164, "PHONE_NUMBER") if c.rng.random() < 0.7 else None,
        "processed_at": safe(c.iso_offset(), "timestamp"),
        "subtotal_price": safe(f"{subtotal / 100:.2f}", "amount"),
        "tags": safe("", "tags"),
        "total_price": safe(f"{(subtotal + shipping) / 100:.2f}", "amount"),
        "total_tax": safe("0.00", "amount"),
        "updated_at": safe(c.iso_offset(), "timestamp"),
        "billing_address": _shopify_address(c),
        "shipping_address": _shopify_address(c),
        "line_items": items,
        "shipping_lines": [
            {
                "code": safe("Standard", "enum"),
                "price": safe(f"{shipping / 100:.2f}", "amount"),
                "title": safe("Standard", "enum"),
            }
        ],
    }


def sepa_transfer(c: Ctx) -> dict[str, Any]:
    p = c.person
    cents = c.cents(1000, 500_000)
    rent = c.rng.random() < 0.5
    remittance = (
        note(f"Miete {c.rng.choice(['Januar', 'März', 'Mai'])} {p.last}", p.last)
        if rent
        else text(f"Invoice INV-{c.rng.randint(2023, 2025)}-{c.rng.randint(1, 9999):04d}")
    )
    return {
        "id": safe(c.uuid(), "id"),
        "type": safe("sepa_credit_transfer", "enum"),
        "instructed_amount": {
            "amount": safe(f"{cents / 100:.2f}", "amount"),
            "currency": safe("EUR", "currency"),
        },
        "debtor": {
            "name": pii(p.name, "PERSON"),
            "iban": pii(p.iban, "IBAN_CODE"),
            "bic": safe(p.bic, "bic"),
            "postal_address": {
                "street_name": pii(p.street, "STREET_ADDRESS"),
                "post_code": pii(p.postcode, "POSTCODE"),
                "town_name": pii(p.city, "LOCATION"),
                "country": safe(p.region, "country"),
            },
        },
        "creditor": {
            "name": safe(c.rng.choice(VENDORS), "merchant"),
            "iban": pii(c.fake.iban(), "IBAN_CODE"),
            "bic": safe(c.fake.swift(), "bic"),
        },
        "end_to_end_id": safe(f"E2E{c.rng.randint(10**9, 10**10 - 1)}", "id"),
        "remittance_information_unstructured": remittance,
        "requested_execution_date": safe(c.when().date().isoformat(), "timestamp"),
        "status": safe(c.rng.choice(["ACSC", "ACCP", "PDNG"]), "enum"),
        "created_at": safe(c.iso_z(), "timestamp"),
    }


def ach_transfer(c: Ctx) -> dict[str, Any]:
    p = c.person
    as_int = c.rng.random() < 0.4  # some bank APIs and exports hand numbers over as ints
    return {
        "id": safe(c.base62("achxfer_", 20), "id"),
        "object": safe("ach_transfer", "enum"),
        "amount": safe(c.cents(), "amount"),
        "currency": safe("usd", "currency"),
        "account_holder_name": pii(p.name, "PERSON"),
        "account_holder_type": safe("individual", "enum"),
        "account_type": safe(c.rng.choice(["checking", "savings"]), "enum"),
        "account_number": pii(int(p.account) if as_int else p.account, "US_BANK_NUMBER"),
        "routing_number": pii(int(p.aba) if as_int else p.aba, "ABA_ROUTING_NUMBER"),
        "bank_name": safe(c.rng.choice(["First Federal Bank", "Community Credit Union", "Chase"]), "bank"),
        "company_entry_description": safe(c.rng.choice(["PAYROLL", "REFUND", "VENDOR PMT"]), "enum"),
        "standard_entry_class_code": safe("PPD", "enum"),
        "effective_date": safe(c.when().date().isoformat(), "timestamp"),
        "status": safe(c.rng.choice(["pending", "submitted", "returned"]), "enum"),
        "trace_number": safe(str(c.rng.randint(10**14, 10**15 - 1)), "id"),
        "created_at": safe(c.iso_z(), "timestamp"),
    }


SHAPES = {
    "shopify_order": shopify_order,
    "shopify_customer": shopify_customer,
    "sepa_transfer": sepa_transfer,
    "ach_transfer": ach_transfer,
}
