"""Places read from the place lists where the small model passes them over (``scan/ner/places.py``):
however they are written, and only where the words around make a town, or a place that is also a
name or a word, a place."""

from __future__ import annotations

import pytest

from mask_core.scan.ner.places import lone_places
from mask_core.types import Entity


def _places(text: str, found: list[Entity] | None = None) -> list[str]:
    return [e.text for e in lone_places(text, found or [], 0.6)]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # However a city is written: capitalised in a post, in capitals, in a hashtag, without accents.
        ("omg cant wait, flying to Minneapolis tmrw", ["Minneapolis"]),
        ("THE TOUR COMES TO MANCHESTER THIS FRIDAY", ["MANCHESTER"]),
        ("#KualaLumpur traffic is unreal again", ["#KualaLumpur"]),
        ("We compared Montreal and Bogota for the offsite.", ["Montreal", "Bogota"]),
        # Regions, nations and continents, not only countries and cities.
        (
            "She grew up in Ontario and studied in Scotland before moving to Africa.",
            ["Ontario", "Scotland", "Africa"],
        ),
        # A town needs a word that says "place"; a state code after it is part of it.
        ("My cousin lives in Yakima now.", ["Yakima"]),
        ("Shipping from Bozeman, MT takes two days.", ["Bozeman, MT"]),
        # In edited text, a place in lower case needs such a word too.
        ("We flew to toronto last week.", ["toronto"]),
        # A place that is a first name too: only where the words say "place".
        ("We moved to Florence in May.", ["Florence"]),
        ("Send the U.K. invoices today.", ["U.K."]),
    ],
)
def test_places_are_found_however_they_are_written(text: str, places: list[str]) -> None:
    assert _places(text) == places


@pytest.mark.parametrize(
    "text",
    [
        "The Yakima report is late.",  # a town without a word that says "place"
        "Florence called about the invoice.",  # a first name
        "The toronto file is attached. Please review it.",  # lower case in edited text, no such word
        "Dating night moved to 7pm on Mon 12/15.",  # a weekday, not Mon State
        "gracias, es para mi hermana y para mi mamá",  # a function word of another language
        "the central heating broke again lol",  # a region that is a word
        "i think it is nice to go reading in the park",  # cities that are words: Nice, Reading
    ],
)
def test_words_and_names_are_not_places(text: str) -> None:
    assert _places(text) == []


def test_a_place_of_one_word_never_overrides_what_the_model_found() -> None:
    text = "Jordan scored twice for Everton."
    person = Entity("PERSON", 0, 6, 0.85, "Jordan", "ner:en")
    assert "Jordan" not in _places(text, [person])


def test_a_place_of_several_words_is_found_over_a_piece_of_it() -> None:
    text = "I drive a truck to Los Angeles every week"
    angeles = Entity("PERSON", 23, 30, 0.85, "Angeles", "ner:en")
    assert _places(text, [angeles]) == ["Los Angeles"]
