"""Coordinates written in text (``scan/recognizers/geo.py``): found right after their words, in the
range and precision coordinates come in."""

from __future__ import annotations

import pytest

from mask_core import MaskClient, MemoryVault


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault())


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Last seen at lat 59.9139, lon 10.7522 by the pier.", ["59.9139", "10.7522"]),
        ("GPS: 40.712776, -74.005974", ["40.712776, -74.005974"]),
        ("coordinates (51.5007, -0.1246) near the gate", ["51.5007, -0.1246"]),
        ("geo=48.8584,2.2945", ["48.8584,2.2945"]),
        ("Latitud: -33.4489 y longitud: -70.6693", ["-33.4489", "-70.6693"]),
        # hemisphere letters, and degrees, minutes and seconds
        ("Coordinates: 59.9139 N, 10.7522 E", ["59.9139 N, 10.7522 E"]),
        ("lat/lon 33.8688S 151.2093E", ["33.8688S 151.2093E"]),
        ("GPS: 59°54'50\"N 10°45'08\"E", ["59°54'50\"N 10°45'08\"E"]),
    ],
)
def test_coordinates_after_their_words_are_locations(
    client: MaskClient, text: str, values: list[str]
) -> None:
    found = [e.text for e in client.scan(text) if e.entity_type == "LOCATION"]
    assert found == values
    safe = client.tokenize_text(text)
    assert not any(v in safe for v in values)
    assert client.detokenize_text(safe) == text


@pytest.mark.parametrize(
    "text",
    [
        "price 12.500 lat",  # the number before the word
        "ping latency 12.345 ms",  # a word that starts like one
        "GPS: 123.4567, 10.1234",  # no latitude is over 90
        "lat 59.91",  # two decimals: a measurement as often as a place
        "version 1.2.3 of the geo module",
    ],
)
def test_other_numbers_are_not_coordinates(client: MaskClient, text: str) -> None:
    assert [e.text for e in client.scan(text) if e.entity_type == "LOCATION"] == []
