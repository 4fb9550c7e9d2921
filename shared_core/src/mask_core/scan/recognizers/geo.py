"""Geographic coordinates written in text (``LOCATION``): ``lat 59.9139, lon 10.7522``,
``GPS: 40.712776, -74.005974``, ``coordinates (51.5007, -0.1246)``.

A point given to four or five decimals locates a house; it is as personal as the street address of
the person standing there. Decimal numbers are everywhere else too (amounts, measurements,
versions), so a coordinate is taken only right after its words, and only in the range and precision
coordinates come in: at least three decimals, a latitude within ±90 and a longitude within ±180.
Under a JSON key (``{"lat": 59.9139}``) the field rules protect it already.
"""

from __future__ import annotations

from mask_core.scan.context import ContextRecognizer
from mask_core.types import Recognizer

__all__ = ["coordinate_recognizer"]

_WORDS = (
    "lat", "latitude", "lon", "lng", "longitude", "gps", "coordinates", "coords", "geolocation", "geo",
    "latitud", "longitud", "coordenadas",
)  # fmt: skip
_DEGREES = r"[-+−]?[0-9]{1,3}\.[0-9]{3,12}°?"


def _in_range(value: str) -> bool:
    parts = [p.strip(" ()°").replace("−", "-") for p in value.split(",")]
    numbers = [float(p) for p in parts]
    if len(numbers) == 2:
        return abs(numbers[0]) <= 90 and abs(numbers[1]) <= 180
    return abs(numbers[0]) <= 180


def coordinate_recognizer() -> Recognizer:
    """A latitude, a longitude, or a pair of them, right after their words."""
    return ContextRecognizer(
        "LOCATION",
        words=_WORDS,
        shape=rf"[ \t]*(?:[:=][ \t]*)?\(?[ \t]*({_DEGREES}(?:[ \t]*,[ \t]*{_DEGREES})?)",
        source="pattern",
        validator=_in_range,
        name="context:coordinates",
        score_with=0.85,
    )
