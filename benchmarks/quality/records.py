"""STRUCTURED RECORDS corpus: tool results shaped like public API objects, values from Faker.

    from records import records
    for r in records(240, seed=5):   # r.shape, r.locale, r.value, r.labels, r.key_labels
        ...

Shapes (``SHAPES``) follow each provider's documented object: Stripe Customer, Charge, PaymentMethod
and list envelopes; Shopify Order and Customer; HubSpot contact and search pages; Salesforce Contact
and Lead; Zendesk User and Ticket; Twilio Message and Call; FHIR R4 Patient, Practitioner and search
Bundle; an HR employee row; SQL user and payment rows; SEPA and ACH transfers; GitHub, Slack, Auth0
and Okta users; maps keyed by e-mail address or phone number; a Microsoft Graph user, a Google
People API person, a Jira Cloud user, a BambooHR employee, a Greenhouse candidate, an Airtable
people-table record and a Pipedrive person; a PayPal Orders v2 order, a Square Customer, a Plaid
identity response, a Mailchimp list member, an Intercom contact, a Segment identify call and a Sentry
event; tables as rows of cells (a Google Sheets range, a BigQuery query response, ``csv.reader``
rows); a DynamoDB item and a Firestore document, values under their type descriptors; a Notion
database query, an Elasticsearch search with a terms aggregation and a Google Charts DataTable
(``shapes_workspace.py``): 50 shapes, 20 records each by default. Values come from Faker in 12
locales (people, addresses, phones, national ids, IBANs, cards of several schemes, birth dates);
numbers are ints and floats where the APIs return them.
Records are seeded: ``records(n, seed)`` is the same list every time.

Labelling policy: every leaf has a label, and so has every dict key that is personal data.

* Sensitive: a person's names (first, last, full, display, FHIR ``given``/``family``, a caller name),
  e-mail addresses, phone and fax numbers in any layout (also as ints), street lines, city, postcode,
  exact coordinates of a person or address, birth dates in any form (ISO string, compact ``19870314``
  as string or int, split ``{year, month, day}`` ints, Mailchimp's ``MM/DD``), government ids (SSN,
  NINO, NIR, BSN, CPF, personnummer, CURP, SIN, passport numbers, NHS numbers), medical record
  numbers, NPIs, employee numbers, card numbers, CVV/CVC, IBANs, bank account and routing numbers, a
  user's IP address, every e-mail address (a firm's mail drop too: Mask cannot tell them apart),
  login names and handles, secrets (password hashes, API keys, session cookies), a contact's employer,
  free text (and URLs built from a login) that contains any of these (labelled with the substrings
  that are the personal data).
* Not sensitive: system ids (``cus_...``, ``ch_...``, Salesforce and Twilio ids, UUIDs, order numbers,
  big-int ids), amounts, currency, country and region codes, statuses and other enums, booleans,
  None, event timestamps and dates (created, updated, hire and execution dates), card brand, last4,
  expiry month and year, card fingerprints, BICs and bank names, product, vendor and merchant names
  (also as a SEPA creditor), job titles, a work site, phone extensions on their own, URLs of API
  resources (``gid://shopify/...``, ``/2010-04-01/Accounts/...``) and avatar URLs, code-system URIs
  (``http://hl7.org/fhir/...``), versions, free text without personal data.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from typing import Any

from faker import Faker

sys.path.insert(0, os.path.dirname(__file__))

from people import make_person
from phones import LOCALE_REGIONS
from record_tree import PiiKey, Record, build, pii, safe
from seeding import global_random_seeded
from shape_values import Ctx
from shapes_accounts import SHAPES as ACCOUNTS
from shapes_commerce import SHAPES as COMMERCE
from shapes_crm import SHAPES as CRM
from shapes_crm import hubspot_contact
from shapes_customers import SHAPES as CUSTOMERS
from shapes_directory import SHAPES as DIRECTORY
from shapes_people import SHAPES as PEOPLE
from shapes_people import fhir_patient
from shapes_stripe import SHAPES as STRIPE
from shapes_stripe import stripe_customer
from shapes_tables import SHAPES as TABLES
from shapes_tables import SINGLE as DATABASES
from shapes_workspace import SHAPES as WORKSPACE

__all__ = ["LOCALES", "SHAPES", "records"]

LOCALES = tuple(LOCALE_REGIONS)
_EU = ("de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "en_GB", "sv_SE", "no_NO")
# Shapes that only make sense for some countries' people.
_LOCALES_FOR = {"ach_transfer": ("en_US",), "sepa_transfer": _EU}

Shape = Callable[[Ctx, Callable[[], Ctx]], Any]


def _stripe_list(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    return {
        "object": safe("list", "enum"),
        "data": [stripe_customer(c)] + [stripe_customer(more()) for _ in range(c.rng.randint(1, 2))],
        "has_more": c.rng.random() < 0.5,
        "url": safe("/v1/customers", "url"),
    }


def _hubspot_page(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    after = c.base62("", 12)
    return {
        "results": [hubspot_contact(c)] + [hubspot_contact(more()) for _ in range(c.rng.randint(1, 2))],
        "paging": {
            "next": {
                "after": safe(after, "cursor"),
                "link": safe(f"https://api.hubapi.com/crm/v3/objects/contacts?after={after}", "url"),
            }
        },
    }


def _fhir_bundle(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    patients = [fhir_patient(c)] + [fhir_patient(more()) for _ in range(c.rng.randint(0, 2))]
    base = "https://hapi.fhir.org/baseR4"
    return {
        "resourceType": safe("Bundle", "enum"),
        "id": safe(c.uuid(), "id"),
        "type": safe("searchset", "enum"),
        "total": safe(len(patients), "count"),
        "link": [
            {
                "relation": safe("self", "enum"),
                "url": safe(f"{base}/Patient?_count=3&_sort=-_lastUpdated", "url"),
            }
        ],
        "entry": [
            {
                "fullUrl": safe(f"{base}/Patient/{c.small_id()}", "url"),
                "resource": p,
                "search": {"mode": safe("match", "enum")},
            }
            for p in patients
        ],
    }


def _contacts_by_email(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    people = [c] + [more() for _ in range(c.rng.randint(1, 3))]
    contacts = {
        PiiKey(x.person.email, "EMAIL_ADDRESS"): {
            "name": pii(x.person.name, "PERSON"),
            "phone": pii(x.person.phone, "PHONE_NUMBER"),
            "orders": safe(x.rng.randint(0, 40), "count"),
            "tags": [safe(x.rng.choice(["vip", "wholesale", "newsletter"]), "tags")],
        }
        for x in people
    }
    return {"contacts": contacts, "count": safe(len(contacts), "count")}


def _optins_by_phone(c: Ctx, more: Callable[[], Ctx]) -> dict[str, Any]:
    people = [c] + [more() for _ in range(c.rng.randint(1, 3))]
    optins = {
        PiiKey(x.person.e164, "PHONE_NUMBER"): {
            "opted_in": x.rng.random() < 0.8,
            "since": safe(x.iso_z(), "timestamp"),
            "list": safe(x.rng.choice(["newsletter", "order_updates"]), "enum"),
        }
        for x in people
    }
    return {
        "optins": optins,
        "next_cursor": safe(c.base62("", 10), "cursor") if c.rng.random() < 0.5 else None,
    }


def _single(shape: Callable[[Ctx], Any]) -> Shape:
    return lambda c, more: shape(c)


SHAPES: dict[str, Shape] = {
    **{name: _single(f) for name, f in {**STRIPE, **COMMERCE, **CRM, **PEOPLE, **ACCOUNTS}.items()},
    "stripe_customer_list": _stripe_list,
    "hubspot_search_page": _hubspot_page,
    "fhir_bundle": _fhir_bundle,
    "contacts_by_email": _contacts_by_email,
    "sms_optins_by_phone": _optins_by_phone,
    **{name: _single(f) for name, f in {**DIRECTORY, **CUSTOMERS, **DATABASES}.items()},
    **TABLES,
    **WORKSPACE,
}


def records(n: int = 1000, seed: int = 5) -> list[Record]:
    """``n`` labelled records, every shape in turn, the locale moving on each round."""
    rng = random.Random(seed)
    fakers: dict[str, Faker] = {}
    for i, locale in enumerate(LOCALES):
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed * 100 + i)
    names = list(SHAPES)
    out = []
    with global_random_seeded(seed):
        for i in range(n):
            name = names[i % len(names)]
            choices = _LOCALES_FOR.get(name, LOCALES)
            locale = choices[(i + i // len(names)) % len(choices)]
            fake = fakers[locale]

            def ctx(fake: Faker = fake, locale: str = locale) -> Ctx:
                return Ctx(make_person(fake, locale, rng), fake, rng)

            out.append(build(name, locale, SHAPES[name](ctx(), ctx)))
    return out
