"""What a key, and the record it stands in, say about the values under it, before any type: whose
record it is (a person's, an organisation's, a thing's), whether the key is a flag, a map of links,
a reference to a person, an environment's secret name or a machine's id, and whether its record is a
person's or an employee's.

:class:`~mask_core.fields.rules.FieldRules` asks these of each key it resolves.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from mask_core.fields.keys import compact, core_words, key_words
from mask_core.fields.vocabulary import DESCRIPTIVE, NEVER, NOT_PERSON, ORG_SCOPE, PERSON_SCOPE, TYPED

__all__ = [
    "MACHINE_WORDS", "SHOWN", "a_flag", "employment_record", "links_map", "machine_key", "personal_record",
    "refers_to_person", "scope_of", "secret_suffix", "singular",
]  # fmt: skip

# Keys of a record's bag of fields (Notion's and HubSpot's ``properties``, Airtable's and Jira's
# ``fields``): no thing's property or form's field, so they leave the scope as it was.
_FIELD_BAGS = frozenset({"properties", "fields"})
# Person-evidence types: a record holding one of these is about a person, so its bare ``name`` is one.
_PERSONAL = frozenset(
    {"EMAIL_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH", "US_SSN", "NATIONAL_ID", "PASSPORT", "USERNAME"}
)
# Last words of keys whose values machines write for machines (ids, links, digests): the NER tier
# does not read them, since a random id or a path's segment is no name; the deterministic tier does.
MACHINE_WORDS = frozenset(
    {"id", "ids", "uuid", "guid", "uri", "uris", "url", "urls", "href", "path", "etag", "hash", "digest",
     "checksum", "sid", "link", "links"}
)  # fmt: skip
# Keys of an employee's record: its bare ``location`` is their work site (BambooHR, Workday).
_EMPLOYMENT = frozenset(
    {"department", "division", "jobtitle", "hiredate", "employeenumber", "employeeid", "supervisor",
     "costcenter", "employmentstatus", "worklocation", "officelocation"}
)  # fmt: skip
# The employment keys a user's own profile has too (GitLab's, LinkedIn's ``job_title``).
_ALSO_A_PROFILE = frozenset({"jobtitle", "worklocation", "officelocation"})


def singular(word: str) -> str:
    """A plural key's word as its singular (``organizations`` -> ``organization``)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def scope_of(words: tuple[str, ...], inherited: str | None) -> str | None:
    """The last telling word of a key decides its scope; a key with none keeps the one above it."""
    scope = inherited
    for w in words:
        if w in _FIELD_BAGS:
            continue  # a record's own fields say nothing of whose record it is
        one = singular(w)  # a list of them says the same: ``organizations[]``, ``owners[]``
        if w in ORG_SCOPE or one in ORG_SCOPE:
            scope = "org"
        elif w in PERSON_SCOPE or one in PERSON_SCOPE:
            scope = "person"
        elif w in NOT_PERSON or one in NOT_PERSON:
            scope = "thing"
    return scope


# First words of a flag's key: ``isGuestVerifiedByEmail: 1``, ``has_phone``, ``canEmail`` hold a yes or
# a no (often as 1 and 0), not the e-mail or the phone their last word names.
_FLAG_WORDS = frozenset({"is", "has", "have", "can", "should", "was", "did", "does", "allow", "allows"})


def a_flag(core: tuple[str, ...]) -> bool:
    return len(core) > 1 and core[0] in _FLAG_WORDS


# The endings of one-word secret names, as environments write them (``PGPASSWORD``, ``DBPASSWD``,
# ``CLIENTSECRET``, ``OPENAIAPIKEY``): a word of the vocabulary's own is decided before these.
_SECRET_ENDINGS = (("password", "PASSWORD"), ("passwd", "PASSWORD"), ("secret", "API_KEY"),
                   ("apikey", "API_KEY"), ("privatekey", "PRIVATE_KEY"))  # fmt: skip


def secret_suffix(word: str) -> str | None:
    if word in TYPED or word in NEVER:
        return None
    for ending, typed in _SECRET_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return typed
    return None


def personal_record(mapping: Mapping[Any, Any]) -> bool:
    """Whether the keys of ``mapping`` say it is a person's record: an e-mail, a phone, a birth date,
    an id document or a person's name part beside the key being resolved."""
    for other in mapping:
        if isinstance(other, str) and other.lower() not in ("name", "names"):
            words = key_words(other)
            typed = TYPED.get(compact(words)) or TYPED.get(words[-1] if words else "")
            if typed in _PERSONAL or (typed == "PERSON" and compact(words) != "displayname"):
                return True
    return False


# How a reference to a record shows it: the referenced person's name under a key that names a person.
SHOWN = frozenset({"display", "displayvalue", "descriptor"})


def refers_to_person(key: str | None) -> bool:
    """Whether ``key`` names a person a record points to: its words' scope is a person's
    (``caller_id``, ``assigned_to``), or it says who did something (``opened_by``, ``sys_created_by``)."""
    words = key_words(key) if key else ()
    if not words or any(w in DESCRIPTIVE for w in words):
        return False  # Workday's ``jobProfile: {descriptor: "Accountant II"}``: a role's
    return scope_of(words, None) == "person" or (len(words) > 1 and words[-1] == "by")


@functools.lru_cache(maxsize=4096)
def links_map(key: str | None) -> bool:
    """Whether ``key`` holds a map of links (HAL's ``_links``, Twilio's ``subresource_uris``)."""
    words = key_words(key) if key else ()
    return bool(words) and words[-1] in ("links", "urls", "uris", "hrefs")


@functools.lru_cache(maxsize=4096)
def machine_key(key: str | None) -> bool:
    """Whether ``key``'s last word names what machines write (:data:`MACHINE_WORDS`)."""
    words = core_words(key_words(key)) if key else ()  # as ``_resolve`` reads it: links2 is links
    return bool(words) and words[-1] in MACHINE_WORDS


def employment_record(mapping: Mapping[Any, Any]) -> bool:
    """Whether ``mapping`` is an employee's record: a department, a hire date, a supervisor ..., or a
    job title with another of them (a GitLab or GitHub user's profile has a job title alone, and its
    location is where the user lives)."""
    keys = [compact(key_words(k)) for k in mapping if isinstance(k, str)]
    found = [k for k in keys if k in _EMPLOYMENT]
    return len(found) >= 2 or any(k not in _ALSO_A_PROFILE for k in found)
