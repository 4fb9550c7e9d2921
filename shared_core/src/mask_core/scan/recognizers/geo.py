"""Geographic coordinates written in text (``LOCATION``): ``lat 59.9139, lon 10.7522``,
``GPS: 40.712776, -74.005974``, ``coordinates (51.5007, -0.1246)``, ``59.9139 N, 10.7522 E``,
``59°54'50"N 10°45'08"E``.

A point given to four or five decimals locates a house; it is as personal as the street address of
the person standing there. Decimal numbers are everywhere else too (amounts, measurements,
versions), so a coordinate is taken only right after its words, and only in the range and precision
coordinates come in: at least three decimals, a latitude within ±90 and a longitude within ±180.
Under a JSON key (``{"lat": 59.9139}``) the field rules protect it already.
"""

from __future__ import annotations

import re

from mask_core.scan.context import ContextRecognizer
from mask_core.types import Recognizer

__all__ = ["coordinate_recognizer"]

_WORDS = (
    "lat", "latitude", "lon", "lng", "longitude", "gps", "coordinates", "coords", "geolocation", "geo",
    "latitud", "longitud", "coordenadas",
)  # fmt: skip
# Decimal degrees, signed or with a hemisphere letter (59.9139 N), or degrees, minutes and seconds
# (59°54'50"N), as GPS tools and incident reports write them.
_DEGREES = (
    r"(?:[-+−]?[0-9]{1,3}\.[0-9]{3,12}°?(?:[ \t]?[NSEW](?![A-Za-z]))?"
    r"|[0-9]{1,3}°[ \t]?[0-9]{1,2}['′][ \t]?[0-9]{1,2}(?:\.[0-9]+)?[\"″][ \t]?[NSEW](?![A-Za-z]))"
)
_DMS = re.compile(r"([0-9]{1,3})°[ \t]?([0-9]{1,2})['′][ \t]?([0-9.]+)[\"″]")
# Between a latitude and a longitude: a comma, or the space after a hemisphere letter.
_PAIR_SPLIT = re.compile(r",|(?<=[NS])[ \t]+")


def _degrees(part: str) -> float:
    part = part.strip(" ()").replace("−", "-").rstrip("NSEW").strip(" °")
    dms = _DMS.match(part) if "°" in part else None
    if dms is not None:
        return int(dms.group(1)) + int(dms.group(2)) / 60 + float(dms.group(3)) / 3600
    return float(part)


def _in_range(value: str) -> bool:
    parts = [_degrees(p) for p in _PAIR_SPLIT.split(value) if p.strip()]
    if len(parts) == 2:
        return abs(parts[0]) <= 90 and abs(parts[1]) <= 180
    return abs(parts[0]) <= 180


def coordinate_recognizer() -> Recognizer:
    """A latitude, a longitude, or a pair of them, right after their words."""
    return ContextRecognizer(
        "LOCATION",
        words=_WORDS,
        shape=rf"[ \t]*(?:[:=][ \t]*)?\(?[ \t]*({_DEGREES}(?:[ \t]*,?[ \t]*{_DEGREES})?)",
        source="pattern",
        validator=_in_range,
        name="context:coordinates",
        score_with=0.85,
    )
