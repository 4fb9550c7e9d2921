"""A value a tool result's fields name is protected wherever else the same result repeats it."""

from __future__ import annotations

import pytest

from mask_core import MaskClient


def _round_trip(client: MaskClient, record: object) -> object:
    safe = client.deep_encode(record)
    assert client.deep_encode(safe) == safe  # a second pass changes nothing
    assert client.deep_decode(safe) == record
    return safe


def test_a_surname_under_its_field_is_protected_in_the_notes_too(client: MaskClient) -> None:
    record = {
        "first_name": "Ingrid",
        "last_name": "Halvorsen",
        "notes": "Halvorsen called back; Ingrid wants the refund by Friday.",
    }
    safe = _round_trip(client, record)
    assert "Halvorsen" not in str(safe) and "Ingrid" not in str(safe)
    # The same value is the same token wherever it stands.
    assert safe["notes"].startswith(safe["last_name"] + " called back")


def test_a_name_found_in_one_record_is_protected_in_the_others(client: MaskClient) -> None:
    rows = [
        {"name": "Ingrid Halvorsen", "email": "ingrid@example.no"},
        {"name": "Ola Nordmann", "email": "ola@example.no", "notes": "Referred by Halvorsen"},
    ]
    safe = _round_trip(client, rows)
    assert "Halvorsen" not in str(safe)


def test_a_login_is_protected_in_the_links_that_carry_it(client: MaskClient) -> None:
    user = {
        "login": "ihalvorsen",
        "id": 5821,
        "html_url": "https://github.com/ihalvorsen",
        "repos_url": "https://api.github.com/users/ihalvorsen/repos",
        "bio": "ihalvorsen maintains the importer",
    }
    safe = _round_trip(client, user)
    assert "ihalvorsen" not in str(safe)
    token = safe["login"]
    assert token.startswith("USERNAME_")
    assert safe["html_url"] == f"https://github.com/{token}"
    assert safe["repos_url"] == f"https://api.github.com/users/{token}/repos"
    assert safe["id"] == 5821


def test_a_login_inside_a_longer_word_is_not_a_mention(client: MaskClient) -> None:
    record = {"username": "anna", "notes": "Savannah and annals stay; anna_b is another login"}
    safe = _round_trip(client, record)
    assert safe["notes"] == record["notes"]


def test_a_name_field_holding_words_repeats_only_what_reads_as_a_name(client: MaskClient) -> None:
    safe = _round_trip(
        client, {"contact_name": "Front Desk", "notes": "Desk hours are 9-5; Front door closes at 6"}
    )
    assert safe["notes"] == "Desk hours are 9-5; Front door closes at 6"
    # A person's name field: every part is theirs, whether or not a name list knows it.
    safe = _round_trip(
        client, {"contact_name": "Priya Raghunathan", "notes": "Raghunathan asked for a refund"}
    )
    assert "Raghunathan" not in safe["notes"]
    safe = _round_trip(
        client, {"name": "Senna Jansen", "email": "s@example.nl", "notes": "Called on behalf of Senna"}
    )
    assert "Senna" not in safe["notes"]


def test_separate_texts_are_read_on_their_own(client: MaskClient) -> None:
    client.deep_encode({"last_name": "Zorblax"})
    assert client.tokenize_text("Zorblax is a made-up word") == "Zorblax is a made-up word"
    assert client.deep_encode({"note": "Zorblax"}) == {"note": "Zorblax"}


@pytest.mark.ner
def test_the_model_s_firm_on_a_name_the_fields_give_is_the_person(ner_client: MaskClient) -> None:
    client = ner_client
    record = {"first_name": "Ingrid", "last_name": "Halvorsen", "bio": "Halvorsen writes about shipping."}
    safe = _round_trip(client, record)
    assert safe["bio"].startswith(safe["last_name"] + " writes")


@pytest.mark.ner
def test_the_model_s_group_on_a_first_name_the_fields_give_is_the_person(ner_client: MaskClient) -> None:
    # The small model reads "Sebastian" opening a sentence as a creed or nationality (NRP, left in clear).
    client = ner_client
    record = {
        "name": "Sebastian Nguyen",
        "email": "sn@example.org",
        "bio": "Sebastian builds data pipelines.",
    }
    safe = _round_trip(client, record)
    assert "Sebastian" not in safe["bio"]


def test_a_three_letter_login_is_protected_in_its_links(client: MaskClient) -> None:
    user = {
        "login": "lsa",
        "html_url": "https://github.com/lsa",
        "repos_url": "https://api.github.com/users/lsa/repos",
    }
    safe = _round_trip(client, user)
    assert "/lsa" not in str(safe)
    assert safe["html_url"] == "https://github.com/" + safe["login"]


def test_a_place_or_firm_a_field_names_is_protected_where_the_record_repeats_it(client: MaskClient) -> None:
    record = {
        "company": "Halvorsen Shipping",
        "city": "Stavanger",
        "bio": "Builds pipelines at Halvorsen Shipping; moved to Stavanger in 2019.",
    }
    safe = _round_trip(client, record)
    assert "Halvorsen Shipping" not in safe["bio"] and "Stavanger" not in safe["bio"]
    assert safe["company"] in safe["bio"] and safe["city"] in safe["bio"]
    # As written, as whole words: a postcode or a longer word holding the value is not a mention.
    safe = _round_trip(client, {"city": "Oslo", "zip": "0150", "note": "Oslofjord views, order 10150"})
    assert safe["note"] == "Oslofjord views, order 10150"


def test_a_typed_field_s_number_is_protected_where_a_note_repeats_it(client: MaskClient) -> None:
    # An Italian number the default regions do not read in text: the field said it is a phone.
    record = {
        "Phone": "01585443085",
        "Description": "Assistant handles scheduling; call 01585443085 before 10am.",
        "OrderNumber": "2015858443085",  # holds the digits, but inside a longer number: not a mention
    }
    safe = _round_trip(client, record)
    assert "01585443085" not in safe["Description"] and safe["Phone"] in safe["Description"]
    assert safe["OrderNumber"] == record["OrderNumber"]


def test_a_short_typed_number_is_not_looked_for_elsewhere(client: MaskClient) -> None:
    record = {"zip": "94107", "notes": "ticket 94107 closed"}
    assert _round_trip(client, record)["notes"] == "ticket 94107 closed"  # type: ignore[index]


def test_an_e_mail_address_under_an_address_key_gets_an_e_mail_token(client: MaskClient) -> None:
    record = {"via": {"source": {"from": {"address": "philippe.dasilva88@yahoo.fr", "name": "Philippe"}}}}
    safe = _round_trip(client, record)
    token = safe["via"]["source"]["from"]["address"]  # type: ignore[index]
    assert "@" in token and not token.startswith("STREET_ADDRESS")


def test_an_id_a_field_types_is_protected_where_another_field_repeats_it(client: MaskClient) -> None:
    # A FHIR Coverage names its member id twice: as ``subscriberId`` (typed) and as an identifier
    # whose system is the insurer's own URI (which says nothing); the second was in clear.
    coverage = {
        "resourceType": "Coverage",
        "identifier": [{"system": "http://benefitsinc.com/certificate", "value": "NXU824456734"}],
        "subscriberId": "NXU824456734",
        "note": "member NXU824456734 asked for a new card",
        "order": "ORD-20240117",  # another id, no field types it: left alone
    }
    safe = _round_trip(client, coverage)
    assert "NXU824456734" not in str(safe)
    assert safe["identifier"][0]["value"] == safe["subscriberId"]
    assert safe["order"] == "ORD-20240117"
