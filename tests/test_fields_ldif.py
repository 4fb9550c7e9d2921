"""Directory entries written as LDIF (``fields/ldif.py``): a person's entry is read by what its
attributes are, and a group's, a device's or a certificate's names are left alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mask_core import MaskClient, MaskSettings, MemoryVault

PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAYEBQYFBAYGBQYGBwcGBwgKCAgHCAgKCgkKCgoKCgoKCgoKCg=="
SEARCH = f"""# extended LDIF
#
# LDAPv3
# base <dc=acme,dc=com> with scope subtree
# filter: (objectClass=*)
# requesting: ALL
#

# Zyxwvut Quorve, people, acme.com
dn: cn=Zyxwvut Quorve,ou=people,dc=acme,dc=com
objectClass: top
objectClass: inetOrgPerson
cn: Zyxwvut Quorve
sn: Quorve
givenName: Zyxwvut
displayName: Zyxwvut Quorve
mail: zq@acme.com
telephoneNumber: 4791234567
street: 12 Vexholm Lane
l: Zamora
st: CA
postalCode: 94107
uid: zquorve
jpegPhoto:: {PHOTO}
description: prefers e-mail

# admins, groups, acme.com
dn: cn=admins,ou=groups,dc=acme,dc=com
objectClass: groupOfNames
cn: admins
member: cn=Zyxwvut Quorve,ou=people,dc=acme,dc=com

# search result
search: 2
result: 0 Success

# numResponses: 3
# numEntries: 2
"""


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off"))


def test_a_person_s_entry_is_read_by_its_attributes(
    client: MaskClient, typed: Callable[[str], dict[str, str | None]], protects: Callable[..., str]
) -> None:
    text = (
        "dn: cn=Zyxwvut Quorve,ou=people,dc=acme,dc=com\ncn: Zyxwvut Quorve\nsn: Quorve\n"
        "mail: zq@acme.com\ntelephoneNumber: 4791234567\nuid: zquorve\n"
    )
    found = typed(text)
    assert found["Zyxwvut Quorve"] == found["Quorve"] == "PERSON"
    assert found["zquorve"] == "USERNAME" and found["4791234567"] == "PHONE_NUMBER"
    protects(client, text, "Zyxwvut", "Quorve", "zq@acme.com", "4791234567", "zquorve")


def test_what_ldapsearch_prints_is_protected_and_its_group_left_alone(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    safe = protects(
        client, SEARCH, "Zyxwvut", "Quorve", "4791234567", "Vexholm", "Zamora", "94107", "zquorve"
    )
    # The comment before the entry names it, and the group's member DN names the person too.
    assert "# Zyxwvut" not in safe and "member: cn=Zyxwvut" not in safe
    # Base64 is left as written, a state is a code, and a group's name is no person's.
    assert f"jpegPhoto:: {PHOTO}\n" in safe and "\nst: CA\n" in safe
    assert "dn: cn=admins,ou=groups,dc=acme,dc=com\nobjectClass: groupOfNames\ncn: admins\n" in safe
    assert "# admins, groups, acme.com" in safe


@pytest.mark.parametrize(
    "text",
    [
        # A device's cn and a computer account's are no person's names, nor is a device's sn.
        "dn: cn=build-01,ou=devices,dc=acme,dc=com\nobjectClass: device\ncn: build-01\nserialNumber: 4711\n",
        "dn: CN=WS0142,OU=Computers,DC=corp,DC=acme,DC=com\nobjectClass: top\nobjectClass: person\n"
        "objectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\ncn: WS0142\n",
        "dn: cn=admins,ou=groups,dc=acme,dc=com\nobjectClass: posixGroup\ncn: admins\ngidNumber: 5000\n",
        # An inventory's serial number and a certificate's subject are not LDIF entries.
        "Router R7\nsn: FTX1840ALBK\nmodel: ISR4331\n",
        "subject=CN=api.acme.com,O=Acme Corp\nissuer: CN=R3,O=Let's Encrypt\n",
    ],
)
def test_entries_that_are_no_person_s_are_left_alone(client: MaskClient, text: str) -> None:
    assert client.tokenize_text(text) == text


def test_a_value_continued_on_the_next_line_is_read_whole(
    client: MaskClient, typed: Callable[[str], dict[str, str | None]], protects: Callable[..., str]
) -> None:
    text = "dn: uid=zq,ou=people,dc=acme,dc=com\nobjectClass: person\nsn: Quorve\ncn: Zyxwvut Qu\n orve\n"
    assert typed(text)["Zyxwvut Qu\n orve"] == "PERSON"
    protects(client, text, "Zyxwvut", "orve")
