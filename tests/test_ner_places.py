"""Places read from the place lists where the small model passes them over (``scan/ner/places.py``):
however they are written, and only where the words around make a town, or a place that is also a
name or a word, a place. And which long lines the tier reads names in at all (``prose_line``)."""

from __future__ import annotations

import pytest

from mask_core.scan.ner.corrections import pieces
from mask_core.scan.ner.places import lone_places
from mask_core.scan.ner.text import prose_line
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


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        # A headline has few function words and keeps its names.
        ("Storm-Ferry services cancelled as gales hit Orkney: KIRKWALL, Jan 9 (Reuters) - CalMac said... http://example.com/a", True),
        ("Rafael Nadal beats Roger Federer again, takes Madrid title with ease, fans celebrate #tennis", True),
        # A log line or a stack trace has one by chance, or none, among technical words.
        ("2024-11-15T15:57:15.000Z kernel: [32695.734922] eth0: link up, 10000 Mbps, mtu 9000, queue 6, pid 41661", False),
        ("Dec 04 01:04:29 cache-a systemd[1]: systemd-journald.service: Consumed 71.143s CPU time, 12M memory.", False),
        ("\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:163)", False),
    ],
)  # fmt: skip
def test_a_long_line_is_prose_by_its_words(line: str, prose: bool) -> None:
    assert prose_line(line, 0, 4) is prose


@pytest.mark.parametrize(
    ("text", "span", "label", "parts"),
    [
        # A span the model ran across a separator: each name on its side is one part.
        ("Arsenal v Chelsea tonight", "Arsenal v Chelsea", "ORG", ["Arsenal", "Chelsea"]),
        ("Report - Financial Times Group: markets", "Report - Financial Times Group", "ORG",
         ["Report", "Financial Times Group"]),
        ("The Sun | Sport | Football", "The Sun | Sport | Football", "ORG", ["The Sun"]),  # heading words
        # Anchored on a handle or a link: whole, for correct() to judge (and drop).
        ("RT @newsdesk: Hope you all", "RT @newsdesk: Hope", "PERSON", ["RT @newsdesk: Hope"]),
        # Inside a name, and other labels: one part.
        ("Jean-Luc Picard said", "Jean-Luc Picard", "PERSON", ["Jean-Luc Picard"]),
        ("open Monday - Friday", "Monday - Friday", "DATE", ["Monday - Friday"]),
    ],
)  # fmt: skip
def test_a_span_run_across_separators_is_read_as_its_names(
    text: str, span: str, label: str, parts: list[str]
) -> None:
    start = text.index(span)
    assert [text[s:e] for s, e in pieces(text, label, start, start + len(span))] == parts


def test_state_codes_are_joined_in_one_pass_over_the_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each place with a code compared itself with every other finding: quadratic in a long list.
    from mask_core.scan.ner import places as places_module
    from mask_core.scan.spans import Taken

    built: list[int] = []

    def counting(spans: object = ()) -> Taken:
        built.append(1)
        return Taken(spans)  # type: ignore[arg-type]

    monkeypatch.setattr(places_module, "Taken", counting)
    unit = "Austin, TX; "
    text = unit * 500
    found = [
        Entity("LOCATION", i * len(unit), i * len(unit) + 6, 0.85, "Austin", "ner:en") for i in range(500)
    ]
    joined = places_module.with_state_codes(text, found)
    assert [e.text for e in joined] == ["Austin, TX"] * 500
    assert len(built) == 1
