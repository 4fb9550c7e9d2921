# ruff: noqa: E501  (record layouts read best one field to a line)
"""Customer shapes of payment, marketing, support and analytics services: a PayPal Orders v2 order, a
Square Customer, a Plaid ``/identity/get`` response, a Mailchimp list member, an Intercom contact, a
Segment ``identify`` call and a Sentry event, each modelled on the provider's documented object.
PayPal keeps the city in ``admin_area_2`` and the state code in ``admin_area_1``; Square its state code
in ``administrative_district_level_1``; Plaid phone numbers are bare digits; Mailchimp keeps a birthday
as ``MM/DD`` and IP-derived coordinates as floats; Intercom timestamps are Unix ints; a Sentry event's
``Cookie`` header carries session values (secrets, labelled as free text with the values as pieces).
"""

from __future__ import annotations

import hashlib
from typing import Any

import phonenumbers
from record_tree import note, pii, safe, text
from shape_values import Ctx
from shapes_directory import COUNTRY_NAMES, handle, iso_ms, national_digits

__all__ = ["SHAPES"]

_UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# (IANA zone, UTC offset in hours, offset in summer): Mailchimp's ``location`` of a region's people.
_ZONES = {
    "US": ("America/New_York", -5, -4), "GB": ("Europe/London", 0, 1), "DE": ("Europe/Berlin", 1, 2),
    "FR": ("Europe/Paris", 1, 2), "ES": ("Europe/Madrid", 1, 2), "IT": ("Europe/Rome", 1, 2),
    "NL": ("Europe/Amsterdam", 1, 2), "BR": ("America/Sao_Paulo", -3, -3), "SE": ("Europe/Stockholm", 1, 2),
    "NO": ("Europe/Oslo", 1, 2), "MX": ("America/Mexico_City", -6, -6), "CA": ("America/Toronto", -5, -4),
}  # fmt: skip
_USER_AGENTS = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
)


def _upper_id(c: Ctx, n: int) -> str:
    return "".join(c.rng.choice(_UPPER_ALNUM) for _ in range(n))


def paypal_order(c: Ctx) -> dict[str, Any]:
    """Orders v2 ``GET /v2/checkout/orders/{id}``."""
    p = c.person
    oid = _upper_id(c, 17)
    currency = p.currency.upper()
    address: dict[str, Any] = {"address_line_1": pii(p.street, "STREET_ADDRESS")}
    if p.line2:
        address["address_line_2"] = pii(p.line2, "STREET_ADDRESS")
    address["admin_area_2"] = pii(p.city, "LOCATION")
    if p.state:
        address["admin_area_1"] = safe(p.state, "region")
    address.update({"postal_code": pii(p.postcode, "POSTCODE"), "country_code": safe(p.region, "country")})
    return {
        "id": safe(oid, "id"),
        "status": safe(c.rng.choice(["APPROVED", "COMPLETED"]), "enum"),
        "intent": safe("CAPTURE", "enum"),
        "payer": {
            "name": {"given_name": pii(p.first, "PERSON"), "surname": pii(p.last, "PERSON")},
            "email_address": pii(p.email, "EMAIL_ADDRESS"),
            "payer_id": safe(_upper_id(c, 13), "id"),
            "phone": {
                "phone_type": safe("MOBILE", "enum"),
                "phone_number": {"national_number": pii(national_digits(c), "PHONE_NUMBER")},
            },
            "address": {"country_code": safe(p.region, "country")},
        },
        "purchase_units": [
            {
                "reference_id": safe(c.rng.choice(["default", c.uuid()]), "id"),
                "amount": {
                    "currency_code": safe(currency, "currency"),
                    "value": safe(f"{c.cents() / 100:.2f}", "amount"),
                },
                "shipping": {"name": {"full_name": pii(p.name, "PERSON")}, "address": address},
            }
        ],
        "create_time": safe(c.iso_z(), "timestamp"),
        "update_time": safe(c.iso_z(), "timestamp"),
        "links": [
            {
                "href": safe(f"https://api-m.paypal.com/v2/checkout/orders/{oid}", "url"),
                "rel": safe("self", "enum"),
                "method": safe("GET", "enum"),
            }
        ],
    }


def square_customer(c: Ctx) -> dict[str, Any]:
    """``GET /v2/customers/{customer_id}`` (the ``customer`` object)."""
    p = c.person
    address: dict[str, Any] = {"address_line_1": pii(p.street, "STREET_ADDRESS")}
    if p.line2:
        address["address_line_2"] = pii(p.line2, "STREET_ADDRESS")
    address["locality"] = pii(p.city, "LOCATION")
    if p.state:
        address["administrative_district_level_1"] = safe(p.state, "region")
    address.update({"postal_code": pii(p.postcode, "POSTCODE"), "country": safe(p.region, "country")})
    phone = phonenumbers.format_number(p.mobile, phonenumbers.PhoneNumberFormat.RFC3966).removeprefix("tel:")
    customer: dict[str, Any] = {
        "id": safe(_upper_id(c, 26), "id"),
        "created_at": safe(iso_ms(c), "timestamp"),
        "updated_at": safe(iso_ms(c), "timestamp"),
        "given_name": pii(p.first, "PERSON"),
        "family_name": pii(p.last, "PERSON"),
    }
    if c.rng.random() < 0.3:
        customer["nickname"] = pii(p.first[:4], "PERSON")
    if c.rng.random() < 0.5:
        customer["company_name"] = pii(p.employer, "ORGANIZATION")
    customer.update({
        "email_address": pii(p.email, "EMAIL_ADDRESS"),
        "address": address,
        "phone_number": pii(phone, "PHONE_NUMBER"),
        "birthday": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        "reference_id": safe(f"CUST-{c.rng.randint(10000, 99999)}", "id"),
        "note": note(f"Prefers pickup; {p.first} pays by card.", p.first) if c.rng.random() < 0.4 else text("a regular customer"),
        "preferences": {"email_unsubscribed": c.rng.random() < 0.2},
        "creation_source": safe(c.rng.choice(["THIRD_PARTY", "DIRECTORY", "INSTANT_PROFILE"]), "enum"),
        "version": safe(c.rng.randint(0, 12), "version"),
    })  # fmt: skip
    return customer


def plaid_identity(c: Ctx) -> dict[str, Any]:
    """``POST /identity/get`` response."""
    p = c.person
    owner = {
        "names": [pii(p.name, "PERSON")],
        "phone_numbers": [
            {"data": pii(national_digits(c), "PHONE_NUMBER"), "primary": True, "type": safe("mobile", "enum")}
        ],
        "emails": [{"data": pii(p.email, "EMAIL_ADDRESS"), "primary": True, "type": safe("primary", "enum")}],
        "addresses": [
            {
                "data": {
                    "street": pii(p.street, "STREET_ADDRESS"),
                    "city": pii(p.city, "LOCATION"),
                    "region": safe(p.state, "region") if p.state else None,
                    "postal_code": pii(p.postcode, "POSTCODE"),
                    "country": safe(p.region, "country"),
                },
                "primary": True,
            }
        ],
    }
    kinds = [
        ("Plaid Checking", "Plaid Gold Standard 0% Interest Checking", "checking"),
        ("Plaid Saving", "Plaid Silver Standard 0.1% Interest Saving", "savings"),
    ]
    accounts = []
    for name, official, subtype in kinds[: c.rng.randint(1, 2)]:
        current = c.cents(0, 2_000_000) / 100
        accounts.append({
            "account_id": safe(c.base62("", 37), "id"),
            "balances": {
                "available": safe(current, "amount"),
                "current": safe(current, "amount"),
                "iso_currency_code": safe(p.currency.upper(), "currency"),
                "limit": None,
                "unofficial_currency_code": None,
            },
            "mask": safe(f"{c.rng.randint(0, 9999):04d}", "last4"),
            "name": safe(name, "product"),
            "official_name": safe(official, "product"),
            "owners": [owner],
            "subtype": safe(subtype, "enum"),
            "type": safe("depository", "enum"),
        })  # fmt: skip
    return {
        "accounts": accounts,
        "item": {
            "available_products": [safe("balance", "enum"), safe("transactions", "enum")],
            "billed_products": [safe("identity", "enum")],
            "error": None,
            "institution_id": safe(f"ins_{c.rng.randint(1, 130000)}", "id"),
            "item_id": safe(c.base62("", 37), "id"),
            "webhook": safe("https://hooks.northwind.example.com/plaid", "url"),
        },
        "request_id": safe(c.base62("", 15), "id"),
    }


def mailchimp_member(c: Ctx) -> dict[str, Any]:
    """``GET /3.0/lists/{list_id}/members/{subscriber_hash}``; the id is the MD5 of the lower-cased
    address (Mailchimp's subscriber hash)."""
    p = c.person
    zone, gmtoff, summer = _ZONES[p.region]
    ip = pii(p.ip, "IP_ADDRESS")
    return {
        "id": safe(hashlib.md5(p.email.lower().encode()).hexdigest(), "id"),  # Mailchimp's own hash
        "email_address": pii(p.email, "EMAIL_ADDRESS"),
        "unique_email_id": safe(f"{c.rng.randrange(16**10):010x}", "id"),
        "web_id": safe(c.small_id(), "id"),
        "email_type": safe("html", "enum"),
        "status": safe(c.rng.choice(["subscribed", "unsubscribed", "pending"]), "enum"),
        "full_name": pii(p.name, "PERSON"),
        "merge_fields": {
            "FNAME": pii(p.first, "PERSON"),
            "LNAME": pii(p.last, "PERSON"),
            "ADDRESS": {
                "addr1": pii(p.street, "STREET_ADDRESS"),
                "addr2": pii(p.line2, "STREET_ADDRESS") if p.line2 else safe("", "empty"),
                "city": pii(p.city, "LOCATION"),
                "state": safe(p.state or "", "region"),
                "zip": pii(p.postcode, "POSTCODE"),
                "country": safe(p.region, "country"),
            },
            "PHONE": pii(p.phone, "PHONE_NUMBER"),
            "BIRTHDAY": pii(p.birth.strftime("%m/%d"), "DATE_OF_BIRTH"),
        },
        "stats": {
            "avg_open_rate": safe(round(c.rng.random(), 2), "rate"),
            "avg_click_rate": safe(round(c.rng.random() / 4, 2), "rate"),
        },
        "ip_signup": ip if c.rng.random() < 0.5 else safe("", "empty"),
        "timestamp_signup": safe("", "empty"),
        "ip_opt": pii(p.ip, "IP_ADDRESS"),
        "timestamp_opt": safe(c.when().isoformat(), "timestamp"),
        "member_rating": safe(c.rng.randint(1, 5), "count"),
        "last_changed": safe(c.when().isoformat(), "timestamp"),
        "language": safe(p.locale[:2], "locale"),
        "vip": False,
        "email_client": safe("", "empty"),
        "location": {
            "latitude": pii(round(p.lat, 4), "COORDINATE"),
            "longitude": pii(round(p.lng, 4), "COORDINATE"),
            "gmtoff": safe(gmtoff, "count"),
            "dstoff": safe(summer, "count"),
            "country_code": safe(p.region, "country"),
            "timezone": safe(zone, "enum"),
        },
        "source": safe(c.rng.choice(["API - Generic", "Hosted Signup Form", "Import"]), "enum"),
        "tags_count": safe(1, "count"),
        "tags": [
            {
                "id": safe(c.small_id(), "id"),
                "name": safe(c.rng.choice(["Customer", "Newsletter", "VIP"]), "tags"),
            }
        ],
        "list_id": safe(f"{c.rng.randrange(16**10):010x}", "id"),
    }


def intercom_contact(c: Ctx) -> dict[str, Any]:
    """``GET /contacts/{id}`` (API 2.x)."""
    p = c.person
    cid = f"{c.rng.randrange(16**24):024x}"
    seen = c.epoch()
    return {
        "type": safe("contact", "enum"),
        "id": safe(cid, "id"),
        "workspace_id": safe(
            "".join(c.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8)), "id"
        ),
        "external_id": safe(str(c.small_id()), "id"),
        "role": safe(c.rng.choice(["user", "lead"]), "enum"),
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "phone": pii(p.e164, "PHONE_NUMBER") if c.rng.random() < 0.7 else None,
        "name": pii(p.name, "PERSON"),
        "avatar": safe(
            f"https://static.intercomassets.com/avatars/{c.small_id()}/square_128/avatar.png", "url"
        )
        if c.rng.random() < 0.3
        else None,
        "owner_id": None,
        "has_hard_bounced": False,
        "marked_email_as_spam": False,
        "unsubscribed_from_emails": False,
        "created_at": safe(seen - 86400 * c.rng.randint(1, 400), "timestamp"),
        "updated_at": safe(seen, "timestamp"),
        "signed_up_at": safe(seen - 86400 * c.rng.randint(1, 400), "timestamp"),
        "last_seen_at": safe(seen, "timestamp"),
        "last_replied_at": None,
        "browser": safe(c.rng.choice(["chrome", "firefox", "safari"]), "enum"),
        "browser_version": safe(c.rng.choice(["120.0.0", "121.0", "17.2"]), "version"),
        "browser_language": safe(p.locale[:2], "locale"),
        "os": safe(c.rng.choice(["OS X 10.15.7", "Windows 10", "iOS 17.2"]), "enum"),
        "location": {
            "type": safe("location", "enum"),
            "country": safe(COUNTRY_NAMES[p.region], "country"),
            "region": safe(p.state, "region") if p.state else None,
            "city": pii(p.city, "LOCATION"),
        },
        "custom_attributes": {
            "paid_subscriber": c.rng.random() < 0.5,
            "monthly_spend": safe(round(c.rng.uniform(0, 500), 2), "amount"),
            "team_mates": safe(c.rng.randint(0, 20), "count"),
        },
        "tags": {
            "type": safe("list", "enum"),
            "data": [],
            "url": safe(f"/contacts/{cid}/tags", "url"),
            "total_count": safe(0, "count"),
            "has_more": False,
        },
    }


def segment_identify(c: Ctx) -> dict[str, Any]:
    """An ``identify`` call as Segment's spec documents it (with the fields Segment adds on receipt)."""
    p = c.person
    sent = iso_ms(c)
    address: dict[str, Any] = {
        "street": pii(p.street, "STREET_ADDRESS"),
        "city": pii(p.city, "LOCATION"),
        "postalCode": pii(p.postcode, "POSTCODE"),
        "country": safe(COUNTRY_NAMES[p.region], "country"),
    }
    if p.state:
        address["state"] = safe(p.state, "region")
    return {
        "type": safe("identify", "enum"),
        "channel": safe("browser", "enum"),
        "userId": safe(f"{c.rng.randrange(16**13):013x}", "id"),
        "anonymousId": safe(c.uuid(), "id"),
        "messageId": safe(f"ajs-next-{c.rng.randrange(16**32):032x}", "id"),
        "timestamp": safe(sent, "timestamp"),
        "sentAt": safe(sent, "timestamp"),
        "receivedAt": safe(iso_ms(c), "timestamp"),
        "context": {
            "ip": pii(p.ip, "IP_ADDRESS"),
            "userAgent": safe(c.rng.choice(_USER_AGENTS), "user_agent"),
            "library": {"name": safe("analytics.js", "enum"), "version": safe("next-1.64.0", "version")},
            "locale": safe(p.locale.replace("_", "-"), "locale"),
            "location": {
                "city": pii(p.city, "LOCATION"),
                "country": safe(COUNTRY_NAMES[p.region], "country"),
                "latitude": pii(p.lat, "COORDINATE"),
                "longitude": pii(p.lng, "COORDINATE"),
            },
        },
        "traits": {
            "name": pii(p.name, "PERSON"),
            "email": pii(p.email, "EMAIL_ADDRESS"),
            "plan": safe(c.rng.choice(["free", "premium", "enterprise"]), "enum"),
            "logins": safe(c.rng.randint(1, 300), "count"),
            "address": address,
            "birthday": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
            "phone": pii(p.phone, "PHONE_NUMBER"),
            "createdAt": safe(c.iso_z(), "timestamp"),
        },
        "integrations": {"All": True},
        "version": safe(2, "version"),
    }


def sentry_event(c: Ctx) -> dict[str, Any]:
    """An event payload with the user, request and contexts interfaces."""
    p = c.person
    uid = str(c.small_id())
    session, csrf = c.base62("", 32), c.base62("", 32)
    agent = c.rng.choice(_USER_AGENTS)
    browser, version = (
        ("Chrome", "120.0.0")
        if "Chrome" in agent
        else ("Firefox", "121.0")
        if "Firefox" in agent
        else ("Mobile Safari", "17.2")
    )
    os_name = "Mac OS X" if "Macintosh" in agent else "Windows" if "Windows" in agent else "iOS"
    geo: dict[str, Any] = {"city": pii(p.city, "LOCATION"), "country_code": safe(p.region, "country")}
    if p.state:
        geo["region"] = safe(p.state, "region")
    return {
        "event_id": safe(f"{c.rng.randrange(16**32):032x}", "id"),
        "platform": safe(c.rng.choice(["javascript", "python"]), "enum"),
        "level": safe("error", "enum"),
        "timestamp": safe(iso_ms(c), "timestamp"),
        "release": safe(f"web@{c.rng.randint(1, 9)}.{c.rng.randint(0, 40)}.0", "version"),
        "environment": safe("production", "enum"),
        "logentry": {
            "formatted": note(f"Payment declined for {p.email}", p.email)
            if c.rng.random() < 0.4
            else text("TypeError: Cannot read properties of undefined (reading 'amount')")
        },
        "user": {
            "id": safe(uid, "id"),
            "email": pii(p.email, "EMAIL_ADDRESS"),
            "ip_address": pii(p.ip, "IP_ADDRESS"),
            "username": pii(handle(c), "USERNAME"),
            "geo": geo,
        },
        "request": {
            "url": safe("https://app.northwind.example.com/checkout/payment", "url"),
            "method": safe(c.rng.choice(["GET", "POST"]), "enum"),
            "headers": {
                "User-Agent": safe(agent, "user_agent"),
                "Cookie": note(f"sessionid={session}; csrftoken={csrf}", session, csrf),
            },
        },
        "tags": [
            [safe("browser", "tag"), safe(f"{browser} {version.split('.')[0]}", "tag")],
            [safe("level", "tag"), safe("error", "tag")],
            [safe("user", "tag"), safe(f"id:{uid}", "tag")],
        ],
        "contexts": {
            "browser": {"name": safe(browser, "enum"), "version": safe(version, "version")},
            "os": {"name": safe(os_name, "enum")},
        },
    }


SHAPES = {
    "paypal_order": paypal_order,
    "square_customer": square_customer,
    "plaid_identity": plaid_identity,
    "mailchimp_member": mailchimp_member,
    "intercom_contact": intercom_contact,
    "segment_identify": segment_identify,
    "sentry_event": sentry_event,
}
