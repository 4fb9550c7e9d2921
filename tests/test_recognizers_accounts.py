"""Login names, passwords and one-time codes: by their fields in records, by their words in prose."""

from __future__ import annotations

import pytest

from mask_core import MaskClient
from mask_core.entity_names import canonical_types


@pytest.mark.parametrize(
    ("text", "entity_type", "value"),
    [
        ("Your username is ihalvorsen and your temporary password is Xk9!pq2z", "USERNAME", "ihalvorsen"),
        ("Your username is ihalvorsen and your temporary password is Xk9!pq2z", "PASSWORD", "Xk9!pq2z"),
        ("Your username is ihalvorsen.", "USERNAME", "ihalvorsen"),
        ("account created (username: j.doe-42), welcome", "USERNAME", "j.doe-42"),
        ("Your new password is Winter2024!", "PASSWORD", "Winter2024!"),
        ("the password is hunter2.", "PASSWORD", "hunter2"),
        ('password is "Tr0ub4dor&3".', "PASSWORD", "Tr0ub4dor&3"),
        ("Your verification code is 482913", "PASSWORD", "482913"),
        ("Your one-time code is 482 913.", "PASSWORD", "482 913"),
        ("Use passcode 739201 to sign in", "PASSWORD", "739201"),
        ("482913 is your Acme verification code.", "PASSWORD", "482913"),
        ("G-482913 is your Google verification code.", "PASSWORD", "482913"),
        ("ticket 55123: customer jsalazar88 cannot log in", "USERNAME", "jsalazar88"),
        ("The user megan.salazar logged in from 203.0.113.9", "USERNAME", "megan.salazar"),
        ("User j.doe-42 reset the password", "USERNAME", "j.doe-42"),
    ],
)
def test_accounts_in_prose_are_found_and_round_trip(
    client: MaskClient, text: str, entity_type: str, value: str
) -> None:
    assert (entity_type, value) in [(e.entity_type, e.text) for e in client.scan(text)]
    safe = client.tokenize_text(text)
    assert value not in safe
    assert client.detokenize_text(safe) == text


@pytest.mark.parametrize(
    "text",
    [
        "Your username is case-sensitive.",
        "Your password is incorrect",
        "The passcode is required",
        "Your password is expired, reset it",
        "error code is 4040",
        "Use code 1234 at checkout",
        "123456789 is your order number",
        "a1482913 is your code",
        "Username: jdoe@example.com",  # an e-mail address, found as one
    ],
)
def test_words_about_an_account_are_not_its_secrets(client: MaskClient, text: str) -> None:
    found = {e.entity_type for e in client.scan(text)}
    assert not found & {"USERNAME", "PASSWORD"}


def test_login_fields_are_usernames_and_login_events_are_not(client: MaskClient) -> None:
    record = {
        "login": "octocat",
        "username": "ingrid.halvorsen",
        "screen_name": "IngridH_88",
        "user_name": "jdoe42",
        "last_login": "2024-03-01T10:00:00Z",
        "failed_login": "2024-01-01",
        "logins": 42,
        "login_count": 3,
    }
    safe = client.deep_encode(record)
    for key in ("login", "username", "screen_name", "user_name"):
        assert safe[key].startswith("USERNAME_"), key
    for key in ("last_login", "failed_login", "logins", "login_count"):
        assert safe[key] == record[key], key
    assert client.deep_decode(safe) == record


def test_username_is_a_name_every_entry_point_accepts() -> None:
    assert canonical_types("username") == frozenset({"USERNAME"})
    assert canonical_types("CONTACT") >= {"USERNAME", "EMAIL_ADDRESS"}


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("@megan_salazar thanks! DM me and I'll check with @acme_support", ["megan_salazar", "acme_support"]),
        ("RT @Suzie55: great show tonight", ["Suzie55"]),
        ("cc @octo-cat for review", ["octo-cat"]),
    ],
)
def test_a_social_handle_is_protected_and_keeps_its_at_sign(
    client: MaskClient, text: str, handles: list[str]
) -> None:
    assert [e.text for e in client.scan(text) if e.entity_type == "USERNAME"] == handles
    safe = client.tokenize_text(text)
    assert all(f"@{h}" not in safe for h in handles) and safe.count("@USERNAME_") == len(handles)
    assert client.detokenize_text(safe) == text


@pytest.mark.parametrize(
    "text",
    [
        "write to megan@example.com",  # an e-mail address's "@"
        "npm i @types/node lodash@4.17.21",  # a package scope, a version
        "@property\ndef name(self) -> str: ...",  # a decorator on its own line
        '    @app.route("/orders")',
        "@dataclass(frozen=True)",
        " * @param {string} name the user's name",  # a doc comment's tag
        "@media screen and (max-width: 600px) { body { margin: 0 } }",
        "ping @here, the deploy is done",  # a chat's group mention
        "DECLARE @count INT = 5; SELECT * FROM t WHERE id = @userId",  # SQL variables
        "meet @ 10:30",
    ],
)
def test_what_is_no_handle_stays_as_it_is(client: MaskClient, text: str) -> None:
    assert [e for e in client.scan(text) if e.entity_type == "USERNAME"] == []


@pytest.mark.parametrize(
    "text",
    [
        "open the user account settings",  # plain words after the noun
        "customer service team",
        "superuser x1y2",  # the noun inside a longer word
        "login page_2.html",  # a file
        "account acme.com was suspended",  # a host
        "Customer cus_N1b2c3 was charged",  # an API's id (upper case inside)
        "member since 2019",
    ],
)
def test_a_login_after_user_or_customer_is_written_as_no_word_is(client: MaskClient, text: str) -> None:
    assert [e for e in client.scan(text) if e.entity_type == "USERNAME"] == []
