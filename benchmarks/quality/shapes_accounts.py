"""Account shapes: a GitHub user, a Slack user (``users.info``), an Auth0 user and an Okta user, each
modelled on the provider's documented object. Their login names are personal data (``USERNAME``) and
they repeat them, and the person's name, in other fields: GitHub builds every API URL of a user from
the login, Slack keeps the name in ``real_name`` and again under ``profile``, Auth0's ``nickname`` is
the e-mail's local part, Okta's ``login`` is the e-mail address.
"""

from __future__ import annotations

from typing import Any

from record_tree import note, pii, safe
from shape_values import Ctx, ascii_word

__all__ = ["SHAPES"]


def _login(c: Ctx) -> str:
    """A login as people pick them: ``ihalvorsen``, ``ingrid-halvorsen``, ``halvorsen87``."""
    p = c.person
    first, last = ascii_word(p.first) or "user", ascii_word(p.last) or "name"
    return c.rng.choice([
        f"{first[0]}{last}", f"{first}-{last}", f"{last}{p.birth.year % 100:02d}", f"{first}{last[:3]}",
    ])  # fmt: skip


def github_user(c: Ctx) -> dict[str, Any]:
    p = c.person
    login, uid = _login(c), c.small_id()
    api = f"https://api.github.com/users/{login}"
    return {
        "login": pii(login, "USERNAME"),
        "id": safe(uid, "id"),
        "node_id": safe(c.base62("U_kgDO", 8), "id"),
        "avatar_url": safe(f"https://avatars.githubusercontent.com/u/{uid}?v=4", "url"),
        "gravatar_id": safe("", "empty"),
        "url": note(api, login),
        "html_url": note(f"https://github.com/{login}", login),
        "followers_url": note(f"{api}/followers", login),
        "following_url": note(api + "/following{/other_user}", login),
        "repos_url": note(f"{api}/repos", login),
        "type": safe("User", "enum"),
        "site_admin": False,
        "name": pii(p.name, "PERSON"),
        "company": pii(p.employer, "ORGANIZATION"),
        "blog": safe("", "empty"),
        "location": pii(p.city, "LOCATION"),
        "email": pii(p.email, "EMAIL_ADDRESS") if c.rng.random() < 0.5 else None,
        "hireable": None,
        "bio": note(f"{p.first} builds data pipelines at {p.employer}.", p.first, p.employer)
        if c.rng.random() < 0.5
        else None,
        "twitter_username": pii(_login(c), "USERNAME") if c.rng.random() < 0.3 else None,
        "public_repos": safe(c.rng.randint(0, 200), "count"),
        "followers": safe(c.rng.randint(0, 5000), "count"),
        "created_at": safe(c.iso_z(), "timestamp"),
        "updated_at": safe(c.iso_z(), "timestamp"),
    }


def slack_user(c: Ctx) -> dict[str, Any]:
    p = c.person
    team = "T" + c.base62("", 10).upper()
    handle = _login(c)
    return {
        "ok": True,
        "user": {
            "id": safe("U" + c.base62("", 10).upper(), "id"),
            "team_id": safe(team, "id"),
            "name": pii(handle, "USERNAME"),
            "deleted": False,
            "color": safe(f"{c.rng.randrange(16**6):06x}", "color"),
            "real_name": pii(p.name, "PERSON"),
            "tz": safe(c.rng.choice(["America/New_York", "Europe/Oslo", "Europe/Madrid"]), "enum"),
            "tz_label": safe(c.rng.choice(["Eastern Standard Time", "Central European Time"]), "enum"),
            "tz_offset": safe(c.rng.choice([-18000, 3600]), "count"),
            "profile": {
                "title": safe(c.fake.job(), "job_title"),
                "phone": pii(p.phone, "PHONE_NUMBER"),
                "skype": safe("", "empty"),
                "real_name": pii(p.name, "PERSON"),
                "real_name_normalized": pii(
                    ascii_word(p.first).title() + " " + ascii_word(p.last).title(), "PERSON"
                ),
                "display_name": pii(handle, "USERNAME"),
                "status_text": note(f"Out of office, ask {p.first} later", p.first)
                if c.rng.random() < 0.3
                else safe("", "empty"),
                "status_emoji": safe(":palm_tree:", "enum"),
                "first_name": pii(p.first, "PERSON"),
                "last_name": pii(p.last, "PERSON"),
                "email": pii(p.work_email, "EMAIL_ADDRESS"),
                "image_72": safe(f"https://avatars.slack-edge.com/2024-01-01/{c.small_id()}_72.png", "url"),
                "team": safe(team, "id"),
            },
            "is_admin": False,
            "is_owner": False,
            "is_bot": False,
            "updated": safe(c.epoch(), "timestamp"),
            "is_email_confirmed": True,
        },
    }


def auth0_user(c: Ctx) -> dict[str, Any]:
    p = c.person
    uid = c.rng.randrange(16**24)
    local = p.email.split("@", 1)[0]
    return {
        "user_id": safe(f"auth0|{uid:024x}", "id"),
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "email_verified": True,
        "username": pii(_login(c), "USERNAME"),
        "phone_number": pii(p.e164, "PHONE_NUMBER") if c.rng.random() < 0.5 else None,
        "phone_verified": False,
        "created_at": safe(c.iso_z(), "timestamp"),
        "updated_at": safe(c.iso_z(), "timestamp"),
        "identities": [
            {
                "connection": safe("Username-Password-Authentication", "enum"),
                "user_id": safe(f"{uid:024x}", "id"),
                "provider": safe("auth0", "enum"),
                "isSocial": False,
            }
        ],
        "app_metadata": {"plan": safe(c.rng.choice(["free", "pro"]), "enum")},
        "user_metadata": {"preferred_contact": safe(c.rng.choice(["email", "sms"]), "enum")},
        "picture": safe(f"https://s.gravatar.com/avatar/{c.rng.randrange(16**32):032x}?s=480", "url"),
        "name": pii(p.name, "PERSON"),
        "nickname": pii(local, "USERNAME"),
        "given_name": pii(p.first, "PERSON"),
        "family_name": pii(p.last, "PERSON"),
        "last_ip": pii(p.ip, "IP_ADDRESS"),
        "last_login": safe(c.iso_z(), "timestamp"),
        "logins_count": safe(c.rng.randint(1, 400), "count"),
        "blocked": False,
    }


def okta_user(c: Ctx) -> dict[str, Any]:
    p = c.person
    uid = "00u" + c.base62("", 17)
    return {
        "id": safe(uid, "id"),
        "status": safe(c.rng.choice(["ACTIVE", "PROVISIONED", "LOCKED_OUT"]), "enum"),
        "created": safe(c.iso_z(), "timestamp"),
        "activated": None,
        "statusChanged": safe(c.iso_z(), "timestamp"),
        "lastLogin": safe(c.iso_z(), "timestamp"),
        "lastUpdated": safe(c.iso_z(), "timestamp"),
        "passwordChanged": safe(c.iso_z(), "timestamp"),
        "type": {"id": safe("oty" + c.base62("", 17), "id")},
        "profile": {
            "firstName": pii(p.first, "PERSON"),
            "lastName": pii(p.last, "PERSON"),
            "mobilePhone": pii(p.e164, "PHONE_NUMBER") if c.rng.random() < 0.6 else None,
            "secondEmail": pii(p.email, "EMAIL_ADDRESS") if c.rng.random() < 0.4 else None,
            "login": pii(p.work_email, "EMAIL_ADDRESS"),
            "email": pii(p.work_email, "EMAIL_ADDRESS"),
            "employeeNumber": pii(str(c.rng.randint(10000, 99999)), "EMPLOYEE_ID")
            if c.rng.random() < 0.5
            else None,
            "city": pii(p.city, "LOCATION"),
            "organization": pii(p.employer, "ORGANIZATION"),
        },
        "credentials": {
            "password": {},
            "provider": {"type": safe("OKTA", "enum"), "name": safe("OKTA", "enum")},
        },
        "_links": {"self": {"href": safe(f"https://acme.okta.com/api/v1/users/{uid}", "url")}},
    }


SHAPES = {
    "github_user": github_user,
    "slack_user": slack_user,
    "auth0_user": auth0_user,
    "okta_user": okta_user,
}
