"""The word lists of the name and place recognizers, loaded at first use from ``scan/data/``.

First names and surnames (Faker's, without the common words of English: ``scripts/build_name_lists.py``),
and places and towns (GeoNames: ``scripts/build_place_list.py``). A module of its own so that every
recognizer that reads a list imports it from here, below the recognizers themselves.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = [
    "common_first_names",
    "first_names",
    "lower_places",
    "lower_towns",
    "places",
    "surnames",
    "towns",
]


def _load(name: str) -> frozenset[str]:
    text = resources.files("mask_core.scan").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(text.split())


@functools.cache
def first_names() -> frozenset[str]:
    """The known first names (loaded at first use: about 20,000 names)."""
    return _load("first_names.txt")


@functools.cache
def common_first_names() -> frozenset[str]:
    """First names that are also common English words (``Rick``, ``Roger``, ``Grace``): names only
    right before a known surname."""
    return _load("first_names_common.txt")


@functools.cache
def surnames() -> frozenset[str]:
    """The known surnames (loaded at first use)."""
    return _load("surnames.txt")


@functools.cache
def _place_lines(name: str = "places.txt") -> tuple[str, ...]:
    text = resources.files("mask_core.scan").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def places() -> frozenset[str]:
    """Names of countries, continents, first-level regions and cities of 100,000 people or more
    (GeoNames, CC BY 4.0, and ISO 3166-2; ``scripts/build_place_list.py``): ``Houston`` is a surname
    too, and far more often the city."""
    return frozenset(line.lstrip("~") for line in _place_lines())


@functools.cache
def lower_places() -> frozenset[str]:
    """The places of :func:`places` in lower case, without those that are common words written so
    (``turkey``, ``chad``): how posts and chat write them (``in amsterdam``)."""
    return frozenset(line.lower() for line in _place_lines() if not line.startswith("~"))


@functools.cache
def towns() -> frozenset[str]:
    """Cities of 15,000 to 100,000 people: places only where the words around say so (``in Yakima``)."""
    return frozenset(_place_lines("towns.txt"))


@functools.cache
def lower_towns() -> frozenset[str]:
    """The towns of :func:`towns` in lower case."""
    return frozenset(line.lower() for line in _place_lines("towns.txt"))
