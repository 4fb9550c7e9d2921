# ruff: noqa: E501  (record layouts read best one field to a line)
"""CRM, support and messaging shapes: HubSpot contact, Salesforce Contact and Lead, Zendesk User and
Ticket, Twilio Message and Call, each modelled on the provider's documented object (HubSpot keeps every
property as a string under ``properties``; Salesforce uses PascalCase fields and an ``attributes``
header; Zendesk ids are ints; Twilio dates are RFC 2822 and ``duration`` a string).
"""

from __future__ import annotations

from typing import Any

from record_tree import note, pii, safe, text
from shape_values import Ctx

__all__ = ["SHAPES"]

_SF_VERSION = "v59.0"


def hubspot_contact(c: Ctx) -> dict[str, Any]:
    p = c.person
    hid = str(c.rng.randint(100, 10**11))
    return {
        "id": safe(hid, "id"),
        "properties": {
            "createdate": safe(c.iso_z(), "timestamp"),
            "email": pii(p.email, "EMAIL_ADDRESS"),
            "firstname": pii(p.first, "PERSON"),
            "hs_object_id": safe(hid, "id"),
            "lastmodifieddate": safe(c.iso_z(), "timestamp"),
            "lastname": pii(p.last, "PERSON"),
            "phone": pii(p.phone, "PHONE_NUMBER"),
            "mobilephone": pii(p.e164, "PHONE_NUMBER"),
            "company": pii(p.employer, "ORGANIZATION"),
            "jobtitle": safe(c.fake.job(), "job_title"),
            "address": pii(p.street, "STREET_ADDRESS"),
            "city": pii(p.city, "LOCATION"),
            "state": safe(p.state, "region") if p.state else None,
            "zip": pii(p.postcode, "POSTCODE"),
            "country": safe(p.region, "country"),
            "date_of_birth": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
            "lifecyclestage": safe(c.rng.choice(["lead", "customer", "subscriber"]), "enum"),
            "hs_lead_status": safe(c.rng.choice(["NEW", "OPEN", "IN_PROGRESS"]), "enum"),
        },
        "createdAt": safe(c.iso_z(), "timestamp"),
        "updatedAt": safe(c.iso_z(), "timestamp"),
        "archived": False,
    }


def _sf_attributes(c: Ctx, sobject: str, record_id: str) -> dict[str, Any]:
    return {
        "type": safe(sobject, "enum"),
        "url": safe(f"/services/data/{_SF_VERSION}/sobjects/{sobject}/{record_id}", "url"),
    }


def salesforce_contact(c: Ctx) -> dict[str, Any]:
    p = c.person
    rid = c.sf_id("003")
    street = f"{p.street}\n{p.line2}" if p.line2 else p.street  # Salesforce keeps both lines in one field
    return {
        "attributes": _sf_attributes(c, "Contact", rid),
        "Id": safe(rid, "id"),
        "AccountId": safe(c.sf_id("001"), "id"),
        "Salutation": safe(c.rng.choice(["Mr.", "Ms.", "Dr.", "Mx."]), "enum"),
        "FirstName": pii(p.first, "PERSON"),
        "LastName": pii(p.last, "PERSON"),
        "Name": pii(p.name, "PERSON"),
        "Title": safe(c.fake.job(), "job_title"),
        "Email": pii(p.email, "EMAIL_ADDRESS"),
        "Phone": pii(p.phone, "PHONE_NUMBER"),
        "MobilePhone": pii(p.national, "PHONE_NUMBER"),
        "HomePhone": pii(p.e164, "PHONE_NUMBER") if c.rng.random() < 0.4 else None,
        "Fax": pii(p.phone, "PHONE_NUMBER") if c.rng.random() < 0.2 else None,
        "MailingStreet": pii(street, "STREET_ADDRESS"),
        "MailingCity": pii(p.city, "LOCATION"),
        "MailingState": safe(p.state, "region") if p.state else None,
        "MailingPostalCode": pii(p.postcode, "POSTCODE"),
        "MailingCountry": safe(p.region, "country"),
        "MailingLatitude": pii(p.lat, "COORDINATE") if c.rng.random() < 0.5 else None,
        "MailingLongitude": pii(p.lng, "COORDINATE") if c.rng.random() < 0.5 else None,
        "Birthdate": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        "Department": safe(c.rng.choice(["Finance", "Procurement", "IT"]), "enum"),
        "LeadSource": safe(c.rng.choice(["Web", "Partner Referral", "Trade Show"]), "enum"),
        "OwnerId": safe(c.sf_id("005"), "id"),
        "CreatedDate": safe(c.sf_datetime(), "timestamp"),
        "LastModifiedDate": safe(c.sf_datetime(), "timestamp"),
        "IsDeleted": False,
        "Description": note(f"Met at the trade show; prefers e-mail at {p.work_email}.", p.work_email)
        if c.rng.random() < 0.3
        else text("Renewal owner for the EMEA account"),
    }


def salesforce_lead(c: Ctx) -> dict[str, Any]:
    p = c.person
    rid = c.sf_id("00Q")
    assistant = c.fake.name()
    return {
        "attributes": _sf_attributes(c, "Lead", rid),
        "Id": safe(rid, "id"),
        "FirstName": pii(p.first, "PERSON"),
        "LastName": pii(p.last, "PERSON"),
        "Company": pii(p.employer, "ORGANIZATION"),
        "Email": pii(p.work_email, "EMAIL_ADDRESS"),
        "Phone": pii(p.phone, "PHONE_NUMBER"),
        "Street": pii(p.street, "STREET_ADDRESS"),
        "City": pii(p.city, "LOCATION"),
        "State": safe(p.state, "region") if p.state else None,
        "PostalCode": pii(p.postcode, "POSTCODE"),
        "Country": safe(p.region, "country"),
        "Status": safe(
            c.rng.choice(["Open - Not Contacted", "Working - Contacted", "Closed - Converted"]), "enum"
        ),
        "LeadSource": safe(c.rng.choice(["Web", "Phone Inquiry", "Partner Referral"]), "enum"),
        "Industry": safe(c.rng.choice(["Retail", "Manufacturing", "Healthcare"]), "enum"),
        "AnnualRevenue": safe(float(c.rng.randint(1, 500) * 100_000), "amount"),
        "NumberOfEmployees": safe(c.rng.randint(5, 20000), "count"),
        "Rating": safe(c.rng.choice(["Hot", "Warm", "Cold"]), "enum"),
        "IsConverted": False,
        "Description": note(
            f"Assistant {assistant} handles scheduling; call {p.phone} before 10am.", assistant, p.phone
        )
        if c.rng.random() < 0.5
        else None,
        "CreatedDate": safe(c.sf_datetime(), "timestamp"),
    }


def zendesk_user(c: Ctx) -> dict[str, Any]:
    p = c.person
    uid = c.big_id()
    return {
        "id": safe(uid, "id"),
        "url": safe(f"https://northwind.zendesk.com/api/v2/users/{uid}.json", "url"),
        "name": pii(p.name, "PERSON"),
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "created_at": safe(c.iso_z(), "timestamp"),
        "updated_at": safe(c.iso_z(), "timestamp"),
        "time_zone": safe(c.rng.choice(["Eastern Time (US & Canada)", "Berlin", "London"]), "enum"),
        "iana_time_zone": safe(c.rng.choice(["America/New_York", "Europe/Berlin", "Europe/London"]), "enum"),
        "phone": pii(p.phone, "PHONE_NUMBER"),
        "shared_phone_number": False,
        "photo": None,
        "locale_id": safe(c.rng.choice([1, 8, 1176]), "id"),
        "locale": safe(p.locale.replace("_", "-"), "locale"),
        "organization_id": safe(c.big_id(), "id"),
        "role": safe("end-user", "enum"),
        "verified": True,
        "external_id": safe(c.uuid(), "id") if c.rng.random() < 0.5 else None,
        "tags": [safe("vip", "tags")] if c.rng.random() < 0.3 else [],
        "alias": pii(p.first, "PERSON") if c.rng.random() < 0.3 else None,
        "active": True,
        "last_login_at": safe(c.iso_z(), "timestamp"),
        "two_factor_auth_enabled": False,
        "signature": None,
        "details": note(f"{p.street}, {p.postcode} {p.city}", p.street, p.postcode, p.city)
        if c.rng.random() < 0.5
        else None,
        "notes": note(
            f"Called on behalf of {p.first}; date of birth {p.birth.strftime('%d/%m/%Y')} confirmed.",
            p.first,
            p.birth.strftime("%d/%m/%Y"),
        )
        if c.rng.random() < 0.4
        else None,
        "ticket_restriction": safe("requested", "enum"),
        "suspended": False,
        "user_fields": {
            "customer_tier": safe(c.rng.choice(["gold", "silver"]), "enum"),
            "date_of_birth": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        },
    }


def zendesk_ticket(c: Ctx) -> dict[str, Any]:
    p = c.person
    tid = c.rng.randint(1000, 9_999_999)
    order = f"#{c.rng.randint(1001, 99999)}"
    body = c.rng.choice([
        (f"Hi, this is {p.name}. My order {order} never arrived. You can call me on {p.phone}.", (p.name, p.phone)),
        (f"Please change my shipping address to {p.street}, {p.city}. Thanks, {p.first}", (p.street, p.city, p.first)),
        (f"The card ending {p.card[-4:]} was charged twice for {order}. Reply to {p.email} please.", (p.email,)),
    ])  # fmt: skip
    return {
        "id": safe(tid, "id"),
        "url": safe(f"https://northwind.zendesk.com/api/v2/tickets/{tid}.json", "url"),
        "external_id": None,
        "via": {
            "channel": safe("email", "enum"),
            "source": {
                "from": {"address": pii(p.email, "EMAIL_ADDRESS"), "name": pii(p.name, "PERSON")},
                "rel": None,
            },
        },
        "created_at": safe(c.iso_z(), "timestamp"),
        "updated_at": safe(c.iso_z(), "timestamp"),
        "type": safe(c.rng.choice(["incident", "question", "problem"]), "enum"),
        "subject": text(c.rng.choice(["Order never arrived", "Change of address", "Charged twice"])),
        "description": note(body[0], *body[1]),
        "priority": safe(c.rng.choice(["low", "normal", "high"]), "enum"),
        "status": safe(c.rng.choice(["new", "open", "pending", "solved"]), "enum"),
        "requester_id": safe(c.big_id(), "id"),
        "submitter_id": safe(c.big_id(), "id"),
        "assignee_id": safe(c.big_id(), "id"),
        "organization_id": safe(c.big_id(), "id"),
        "group_id": safe(c.big_id(), "id"),
        "collaborator_ids": [safe(c.big_id(), "id")],
        "has_incidents": False,
        "is_public": True,
        "due_at": None,
        "tags": [safe("shipping", "tags"), safe("refund", "tags")],
        "custom_fields": [{"id": safe(c.small_id(), "id"), "value": safe(order, "order_number")}],
        "satisfaction_rating": {"score": safe("unoffered", "enum")},
        "brand_id": safe(c.small_id(), "id"),
    }


def twilio_message(c: Ctx) -> dict[str, Any]:
    p = c.person
    account, sid = c.hex_sid("AC"), c.hex_sid("SM")
    body = c.rng.choice([
        (f"Hi {p.first}, your order has shipped. Reply STOP to opt out.", (p.first,)),
        (f"Your appointment with Dr. {p.last} is confirmed for Tuesday at 10:30.", (p.last,)),
        (f"This is {p.name}, please call me back on {p.national}", (p.name, p.national)),
    ])  # fmt: skip
    return {
        "account_sid": safe(account, "id"),
        "api_version": safe("2010-04-01", "version"),
        "body": note(body[0], *body[1]),
        "date_created": safe(c.rfc2822(), "timestamp"),
        "date_sent": safe(c.rfc2822(), "timestamp"),
        "date_updated": safe(c.rfc2822(), "timestamp"),
        "direction": safe(c.rng.choice(["inbound", "outbound-api"]), "enum"),
        "error_code": None,
        "error_message": None,
        "from": pii(p.e164, "PHONE_NUMBER"),
        "messaging_service_sid": safe(c.hex_sid("MG"), "id"),
        "num_media": safe("0", "count"),
        "num_segments": safe("1", "count"),
        "price": safe(f"-{c.rng.randint(40, 900) / 100000:.5f}", "amount"),
        "price_unit": safe("USD", "currency"),
        "sid": safe(sid, "id"),
        "status": safe(c.rng.choice(["delivered", "sent", "received"]), "enum"),
        "subresource_uris": {
            "media": safe(f"/2010-04-01/Accounts/{account}/Messages/{sid}/Media.json", "url")
        },
        "to": pii(c.fake.phone_number() if c.rng.random() < 0.3 else p.e164, "PHONE_NUMBER"),
        "uri": safe(f"/2010-04-01/Accounts/{account}/Messages/{sid}.json", "url"),
    }


def twilio_call(c: Ctx) -> dict[str, Any]:
    p = c.person
    account, sid = c.hex_sid("AC"), c.hex_sid("CA")
    return {
        "sid": safe(sid, "id"),
        "account_sid": safe(account, "id"),
        "parent_call_sid": None,
        "to": pii(p.e164, "PHONE_NUMBER"),
        "to_formatted": pii(p.national, "PHONE_NUMBER"),
        "from": pii(c.fake.phone_number(), "PHONE_NUMBER"),
        "from_formatted": pii(c.fake.phone_number(), "PHONE_NUMBER"),
        "phone_number_sid": safe(c.hex_sid("PN"), "id"),
        "status": safe(c.rng.choice(["completed", "busy", "no-answer"]), "enum"),
        "start_time": safe(c.rfc2822(), "timestamp"),
        "end_time": safe(c.rfc2822(), "timestamp"),
        "duration": safe(str(c.rng.randint(0, 3600)), "count"),
        "price": safe(f"-{c.rng.randint(100, 9000) / 100000:.5f}", "amount"),
        "price_unit": safe("USD", "currency"),
        "direction": safe(c.rng.choice(["inbound", "outbound-api", "outbound-dial"]), "enum"),
        "answered_by": None,
        "api_version": safe("2010-04-01", "version"),
        "forwarded_from": pii(p.e164, "PHONE_NUMBER") if c.rng.random() < 0.2 else None,
        "caller_name": pii(p.name.upper(), "PERSON") if c.rng.random() < 0.5 else None,
        "date_created": safe(c.rfc2822(), "timestamp"),
        "date_updated": safe(c.rfc2822(), "timestamp"),
        "uri": safe(f"/2010-04-01/Accounts/{account}/Calls/{sid}.json", "url"),
        "subresource_uris": {
            "recordings": safe(f"/2010-04-01/Accounts/{account}/Calls/{sid}/Recordings.json", "url")
        },
    }


SHAPES = {
    "hubspot_contact": hubspot_contact,
    "salesforce_contact": salesforce_contact,
    "salesforce_lead": salesforce_lead,
    "zendesk_user": zendesk_user,
    "zendesk_ticket": zendesk_ticket,
    "twilio_message": twilio_message,
    "twilio_call": twilio_call,
}
