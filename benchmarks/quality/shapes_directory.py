# ruff: noqa: E501  (record layouts read best one field to a line)
"""Directory, HR and recruiting shapes: a Microsoft Graph user (v1.0), a Google People API person, a
Jira Cloud user (``expand=groups``), a BambooHR employee, a Greenhouse Harvest candidate, an Airtable
record of a people table and a Pipedrive person, each modelled on the provider's documented object.
Graph, Google and BambooHR write the country as a name; BambooHR returns every value as a string;
Google keeps every field in a list with its ``metadata``; Airtable's keys are a spreadsheet's column
labels; Pipedrive nests the owner and organization as ``{..., "value": id}`` objects. Login names
(Graph's ``userPrincipalName`` and ``onPremisesSamAccountName``) are personal data (``USERNAME``);
a contact's employer is ``ORGANIZATION``; an employee number is ``EMPLOYEE_ID`` (it names one person
in the organisation); the API's own ids are not sensitive.
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from record_tree import note, pii, safe, text
from shape_values import Ctx, ascii_word

__all__ = ["COUNTRY_NAMES", "SHAPES", "handle", "iso_ms", "national_digits"]

COUNTRY_NAMES = {
    "US": "United States", "GB": "United Kingdom", "DE": "Germany", "FR": "France", "ES": "Spain",
    "IT": "Italy", "NL": "Netherlands", "BR": "Brazil", "SE": "Sweden", "NO": "Norway", "MX": "Mexico",
    "CA": "Canada",
}  # fmt: skip
_LANGUAGES = {
    "en_US": "en-US", "en_GB": "en-GB", "de_DE": "de-DE", "fr_FR": "fr-FR", "es_ES": "es-ES",
    "it_IT": "it-IT", "nl_NL": "nl-NL", "pt_BR": "pt-BR", "sv_SE": "sv-SE", "no_NO": "nb-NO",
    "es_MX": "es-MX", "en_CA": "en-CA",
}  # fmt: skip


def handle(c: Ctx) -> str:
    """A handle as people pick them: ``ihalvorsen``, ``ingrid.halvorsen``, ``halvorsen87``."""
    p = c.person
    first, last = ascii_word(p.first) or "user", ascii_word(p.last) or "name"
    return c.rng.choice([f"{first[0]}{last}", f"{first}.{last}", f"{last}{p.birth.year % 100:02d}"])


def iso_ms(c: Ctx) -> str:
    """``2024-03-14T09:26:53.589Z``: ISO 8601 UTC with milliseconds."""
    return c.when().strftime("%Y-%m-%dT%H:%M:%S") + f".{c.rng.randrange(1000):03d}Z"


def national_digits(c: Ctx) -> str:
    """The mobile number's national significant number, digits only (``4155550132``)."""
    return str(phonenumbers.national_significant_number(c.person.mobile))


def _international(c: Ctx) -> str:
    return phonenumbers.format_number(c.person.mobile, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _domain(c: Ctx) -> str:
    return c.person.work_email.split("@", 1)[1]


def ms_graph_user(c: Ctx) -> dict[str, Any]:
    """``GET /v1.0/users/{id}?$select=...``."""
    p = c.person
    sam = (ascii_word(p.first)[:1] + ascii_word(p.last))[:20] or "user"
    select = "businessPhones,displayName,givenName,surname,mail,mobilePhone,userPrincipalName,officeLocation,jobTitle,department,companyName,preferredLanguage,id,employeeId,streetAddress,city,postalCode,state,country,usageLocation,otherMails,onPremisesSamAccountName,accountEnabled"
    return {
        "@odata.context": safe(f"https://graph.microsoft.com/v1.0/$metadata#users({select})/$entity", "url"),
        "businessPhones": [pii(p.phone, "PHONE_NUMBER")] if c.rng.random() < 0.8 else [],
        "displayName": pii(p.name, "PERSON"),
        "givenName": pii(p.first, "PERSON"),
        "surname": pii(p.last, "PERSON"),
        "mail": pii(p.work_email, "EMAIL_ADDRESS"),
        "mobilePhone": pii(_international(c), "PHONE_NUMBER") if c.rng.random() < 0.7 else None,
        "userPrincipalName": pii(f"{sam}@{_domain(c)}", "USERNAME"),
        "officeLocation": safe(f"{c.rng.randint(1, 40)}/{c.rng.randint(1000, 3999)}", "office"),
        "jobTitle": safe(c.fake.job(), "job_title"),
        "department": safe(c.rng.choice(["Engineering", "Sales", "Finance", "Legal"]), "enum"),
        "companyName": pii(p.employer, "ORGANIZATION"),
        "preferredLanguage": safe(_LANGUAGES[p.locale], "locale"),
        "id": safe(c.uuid(), "id"),
        "employeeId": pii(str(c.rng.randint(100000, 999999)), "EMPLOYEE_ID"),
        "streetAddress": pii(p.street, "STREET_ADDRESS"),
        "city": pii(p.city, "LOCATION"),
        "postalCode": pii(p.postcode, "POSTCODE"),
        "state": safe(p.state, "region") if p.state else None,
        "country": safe(COUNTRY_NAMES[p.region], "country"),
        "usageLocation": safe(p.region, "country"),
        "otherMails": [pii(p.email, "EMAIL_ADDRESS")],
        "onPremisesSamAccountName": pii(sam, "USERNAME") if c.rng.random() < 0.7 else None,
        "accountEnabled": True,
    }


def _google_meta(source: str, primary: bool = True) -> dict[str, Any]:
    """A field's ``metadata``: the contact it comes from (one id for every field of a person)."""
    return {"primary": primary, "source": {"type": safe("CONTACT", "enum"), "id": safe(source, "id")}}


def google_person(c: Ctx) -> dict[str, Any]:
    """``people.get`` with ``personFields=names,emailAddresses,phoneNumbers,addresses,birthdays,...``."""
    p = c.person
    src = f"{c.rng.randrange(16**15):x}"
    country = COUNTRY_NAMES[p.region]
    region = f", {p.state}" if p.state else ""
    formatted = f"{p.street}\n{p.city}{region} {p.postcode}\n{country}"
    address: dict[str, Any] = {
        "metadata": _google_meta(src),
        "formattedValue": note(formatted, p.street, p.city, p.postcode),
        "type": safe("home", "enum"),
        "formattedType": safe("Home", "enum"),
        "streetAddress": pii(p.street, "STREET_ADDRESS"),
        "city": pii(p.city, "LOCATION"),
    }
    if p.state:
        address["region"] = safe(p.state, "region")
    address.update({
        "postalCode": pii(p.postcode, "POSTCODE"),
        "country": safe(country, "country"),
        "countryCode": safe(p.region, "country"),
    })  # fmt: skip
    person: dict[str, Any] = {
        "resourceName": safe(f"people/c{c.rng.randint(10**18, 10**19 - 1)}", "id"),
        "etag": safe(c.base62("%Eg", 24) + "=", "etag"),
        "names": [
            {
                "metadata": _google_meta(src),
                "displayName": pii(p.name, "PERSON"),
                "familyName": pii(p.last, "PERSON"),
                "givenName": pii(p.first, "PERSON"),
                "displayNameLastFirst": pii(f"{p.last}, {p.first}", "PERSON"),
                "unstructuredName": pii(p.name, "PERSON"),
            }
        ],
        "emailAddresses": [
            {
                "metadata": _google_meta(src),
                "value": pii(p.email, "EMAIL_ADDRESS"),
                "type": safe("home", "enum"),
                "formattedType": safe("Home", "enum"),
            },
            {
                "metadata": _google_meta(src, primary=False),
                "value": pii(p.work_email, "EMAIL_ADDRESS"),
                "type": safe("work", "enum"),
                "formattedType": safe("Work", "enum"),
            },
        ],
        "phoneNumbers": [
            {
                "metadata": _google_meta(src),
                "value": pii(p.national, "PHONE_NUMBER"),
                "canonicalForm": pii(p.e164, "PHONE_NUMBER"),
                "type": safe("mobile", "enum"),
                "formattedType": safe("Mobile", "enum"),
            }
        ],
        "addresses": [address],
        "birthdays": [
            {
                "metadata": _google_meta(src),
                "date": {
                    "year": pii(p.birth.year, "DATE_OF_BIRTH"),
                    "month": pii(p.birth.month, "DATE_OF_BIRTH"),
                    "day": pii(p.birth.day, "DATE_OF_BIRTH"),
                },
            }
        ],
        "organizations": [
            {
                "metadata": _google_meta(src),
                "type": safe("work", "enum"),
                "formattedType": safe("Work", "enum"),
                "name": pii(p.employer, "ORGANIZATION"),
                "title": safe(c.fake.job(), "job_title"),
            }
        ],
    }
    if c.rng.random() < 0.4:
        person["nicknames"] = [{"metadata": _google_meta(src), "value": pii(p.first[:4], "PERSON")}]
    return person


def jira_user(c: Ctx) -> dict[str, Any]:
    """``GET /rest/api/3/user?accountId=...&expand=groups,applicationRoles``."""
    p = c.person
    account = f"{c.rng.randrange(16**24):024x}" if c.rng.random() < 0.5 else f"712020:{c.uuid()}"
    site = "https://northwind.atlassian.net"
    initials = f"{ascii_word(p.first)[:1]}{ascii_word(p.last)[:1]}".upper() or "U"
    avatar = f"https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/{initials}-{c.rng.randint(0, 5)}.png"
    groups = c.rng.sample(
        ["jira-software-users", "jira-administrators", "site-admins", "confluence-users"], 2
    )
    return {
        "self": safe(f"{site}/rest/api/3/user?accountId={account}", "url"),
        "accountId": safe(account, "id"),
        "accountType": safe("atlassian", "enum"),
        "emailAddress": pii(p.work_email, "EMAIL_ADDRESS"),
        "avatarUrls": {
            size: safe(f"{avatar}?size={size[:2]}&s={size[:2]}", "url")
            for size in ("48x48", "24x24", "16x16", "32x32")
        },
        "displayName": pii(p.name, "PERSON"),
        "active": True,
        "timeZone": safe(c.rng.choice(["America/New_York", "Europe/Berlin", "Australia/Sydney"]), "enum"),
        "locale": safe(p.locale, "locale"),
        "groups": {
            "size": safe(len(groups), "count"),
            "items": [
                {
                    "name": safe(g, "enum"),
                    "groupId": safe(gid, "id"),
                    "self": safe(f"{site}/rest/api/3/group?groupId={gid}", "url"),
                }
                for g, gid in ((g, c.uuid()) for g in groups)
            ],
        },
        "applicationRoles": {"size": safe(1, "count"), "items": []},
        "expand": safe("groups,applicationRoles", "enum"),
    }


def bamboohr_employee(c: Ctx) -> dict[str, Any]:
    """``GET /v1/employees/{id}?fields=...``: every value a string, empty ones ``null``."""
    p = c.person
    nid_field = {"US": "ssn", "CA": "sin", "GB": "nin"}.get(p.region, "nationalId")
    eid = str(c.rng.randint(1, 3000))
    return {
        "id": safe(eid, "id"),
        "displayName": pii(p.name, "PERSON"),
        "firstName": pii(p.first, "PERSON"),
        "lastName": pii(p.last, "PERSON"),
        "preferredName": pii(p.first[:4], "PERSON") if c.rng.random() < 0.3 else None,
        "jobTitle": safe(c.fake.job(), "job_title"),
        "workPhone": pii(p.national, "PHONE_NUMBER"),
        "mobilePhone": pii(p.phone, "PHONE_NUMBER"),
        "workEmail": pii(p.work_email, "EMAIL_ADDRESS"),
        "homeEmail": pii(p.email, "EMAIL_ADDRESS") if c.rng.random() < 0.7 else None,
        "department": safe(c.rng.choice(["Engineering", "Customer Success", "Finance", "Marketing"]), "enum"),
        "location": safe(c.rng.choice(["Lindon, Utah", "London Office", "Remote"]), "office"),
        "division": safe(c.rng.choice(["North America", "EMEA", "LATAM"]), "enum"),
        "dateOfBirth": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        nid_field: pii(p.national_id, p.national_id_kind),
        "address1": pii(p.street, "STREET_ADDRESS"),
        "address2": pii(p.line2, "STREET_ADDRESS") if p.line2 else None,
        "city": pii(p.city, "LOCATION"),
        "state": safe(p.state, "region") if p.state else None,
        "zipcode": pii(p.postcode, "POSTCODE"),
        "country": safe(COUNTRY_NAMES[p.region], "country"),
        "hireDate": safe(c.when().date().isoformat(), "timestamp"),
        "workPhoneExtension": safe(str(c.rng.randint(100, 9999)), "extension")
        if c.rng.random() < 0.6
        else None,
        "supervisor": pii(c.fake.name(), "PERSON"),
        "employeeNumber": pii(eid, "EMPLOYEE_ID"),
    }


def greenhouse_candidate(c: Ctx) -> dict[str, Any]:
    """Harvest ``GET /v1/candidates/{id}``."""
    p = c.person
    recruiter = (c.fake.first_name(), c.fake.last_name())
    site = f"{ascii_word(p.first)}{ascii_word(p.last)}" or "portfolio"
    slug = f"{ascii_word(p.first)}-{ascii_word(p.last)}".strip("-") or "profile"
    region = f", {p.state}" if p.state else ""
    return {
        "id": safe(c.small_id(), "id"),
        "first_name": pii(p.first, "PERSON"),
        "last_name": pii(p.last, "PERSON"),
        "company": pii(p.employer, "ORGANIZATION"),
        "title": safe(c.fake.job(), "job_title"),
        "created_at": safe(iso_ms(c), "timestamp"),
        "updated_at": safe(iso_ms(c), "timestamp"),
        "last_activity": safe(iso_ms(c), "timestamp"),
        "is_private": False,
        "photo_url": None,
        "attachments": [],
        "application_ids": [safe(c.small_id(), "id")],
        "phone_numbers": [{"value": pii(p.phone, "PHONE_NUMBER"), "type": safe("mobile", "enum")}],
        "addresses": [
            {
                "value": note(f"{p.street}\n{p.city}{region} {p.postcode}", p.street, p.city, p.postcode),
                "type": safe("home", "enum"),
            }
        ],
        "email_addresses": [{"value": pii(p.email, "EMAIL_ADDRESS"), "type": safe("personal", "enum")}],
        "website_addresses": [{"value": note(f"{site}.example.com", site), "type": safe("personal", "enum")}]
        if c.rng.random() < 0.5
        else [],
        "social_media_addresses": [{"value": note(f"linkedin.com/in/{slug}", slug)}],
        "recruiter": {
            "id": safe(c.small_id(), "id"),
            "first_name": pii(recruiter[0], "PERSON"),
            "last_name": pii(recruiter[1], "PERSON"),
            "name": pii(f"{recruiter[0]} {recruiter[1]}", "PERSON"),
            "employee_id": pii(f"{c.rng.randint(1000, 9999)}", "EMPLOYEE_ID")
            if c.rng.random() < 0.5
            else None,
        },
        "can_email": True,
        "tags": [safe(t, "tags") for t in c.rng.sample(["Python", "Referral", "Senior", "Remote"], 2)],
        "applications": [
            {
                "id": safe(c.small_id(), "id"),
                "prospect": False,
                "applied_at": safe(iso_ms(c), "timestamp"),
                "rejected_at": None,
                "jobs": [
                    {
                        "id": safe(c.small_id(), "id"),
                        "name": safe(
                            c.rng.choice(["UX Designer - Boston", "Backend Engineer", "Account Executive"]),
                            "job_title",
                        ),
                    }
                ],
                "status": safe(c.rng.choice(["active", "rejected", "hired"]), "enum"),
            }
        ],
    }


def airtable_person(c: Ctx) -> dict[str, Any]:
    """``GET /v0/{baseId}/{table}/{recordId}`` of a people table: the keys are its column labels;
    Airtable leaves empty cells out."""
    p = c.person
    contact, phone = c.fake.name(), c.fake.phone_number()
    relation = c.rng.choice(["spouse", "mother", "brother", "partner"])
    line2 = f"\n{p.line2}" if p.line2 else ""
    home = f"{p.street}{line2}\n{p.postcode} {p.city}"
    fields: dict[str, Any] = {
        "Full Name": pii(p.name, "PERSON"),
        "E-mail Address": pii(p.email, "EMAIL_ADDRESS"),
        "Phone #": pii(p.phone, "PHONE_NUMBER"),
        "Date of Birth": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        "Home Address": note(home, p.street, *([p.line2] if p.line2 else []), p.postcode, p.city),
        "Emergency Contact": note(f"{contact} ({relation}) {phone}", contact, phone),
        "Status": safe(c.rng.choice(["Onboarding", "Active", "On Leave"]), "enum"),
        "Shirt Size": safe(c.rng.choice(["XS", "S", "M", "L", "XL"]), "enum"),
        "Start Date": safe(c.when().date().isoformat(), "timestamp"),
    }
    if c.rng.random() < 0.5:
        fields["Notes"] = (
            note(f"Allergic to nuts; {p.first} asked for a standing desk.", p.first)
            if c.rng.random() < 0.5
            else text("Laptop shipped, badge pending")
        )
    return {
        "id": safe(c.base62("rec", 14), "id"),
        "createdTime": safe(c.when().strftime("%Y-%m-%dT%H:%M:%S.000Z"), "timestamp"),
        "fields": fields,
    }


def pipedrive_person(c: Ctx) -> dict[str, Any]:
    """``GET /v1/persons/{id}``."""
    p = c.person
    owner = c.fake.name()
    owner_id, org_id = c.rng.randint(10**6, 10**7), c.rng.randint(1, 5000)
    company = c.rng.choice(["northwind", "acme", "bluefern"])
    return {
        "success": True,
        "data": {
            "id": safe(c.rng.randint(1, 100000), "id"),
            "company_id": safe(c.rng.randint(10**6, 10**7), "id"),
            "owner_id": {
                "id": safe(owner_id, "id"),
                "name": pii(owner, "PERSON"),
                "email": pii(
                    f"{ascii_word(owner.split()[0]) or 'sales'}@{company}.example.com", "EMAIL_ADDRESS"
                ),
                "has_pic": safe(0, "count"),
                "pic_hash": None,
                "active_flag": True,
                "value": safe(owner_id, "id"),
            },
            "org_id": {
                "name": pii(p.employer, "ORGANIZATION"),
                "people_count": safe(c.rng.randint(1, 30), "count"),
                "owner_id": safe(owner_id, "id"),
                "active_flag": True,
                "cc_email": pii(f"{company}@pipedrivemail.com", "EMAIL_ADDRESS"),
                "value": safe(org_id, "id"),
            },
            "name": pii(p.name, "PERSON"),
            "first_name": pii(p.first, "PERSON"),
            "last_name": pii(p.last, "PERSON"),
            "open_deals_count": safe(c.rng.randint(0, 5), "count"),
            "phone": [
                {"label": safe("work", "enum"), "value": pii(p.phone, "PHONE_NUMBER"), "primary": True}
            ],
            "email": [
                {"label": safe("work", "enum"), "value": pii(p.work_email, "EMAIL_ADDRESS"), "primary": True},
                {"label": safe("home", "enum"), "value": pii(p.email, "EMAIL_ADDRESS"), "primary": False},
            ],
            "add_time": safe(c.sql_datetime(), "timestamp"),
            "update_time": safe(c.sql_datetime(), "timestamp"),
            "visible_to": safe(c.rng.choice(["1", "3"]), "enum"),
            "active_flag": True,
            "org_name": pii(p.employer, "ORGANIZATION"),
            "owner_name": pii(owner, "PERSON"),
            "cc_email": pii(f"{company}@pipedrivemail.com", "EMAIL_ADDRESS"),
        },
    }


SHAPES = {
    "ms_graph_user": ms_graph_user,
    "google_person": google_person,
    "jira_user": jira_user,
    "bamboohr_employee": bamboohr_employee,
    "greenhouse_candidate": greenhouse_candidate,
    "airtable_person": airtable_person,
    "pipedrive_person": pipedrive_person,
}
