"""Rebuild the name lists of the detection engine: ``mask_core/scan/data/{first_names,surnames}.txt``.

    python scripts/build_name_lists.py [--words /usr/share/dict/words]

The names are Faker's (MIT licence): the first names and surnames of every locale of its ``person``
provider, the census and registry lists Faker draws realistic names from. A name that is also a
common word of English (``Grace``, ``Will``, ``May``, ``Rose``, ``Frank``, ``Brown``) is left out:
a capitalised word at the start of a sentence must not read as a name for being one. Common words are
the lower-case entries of a word list (Debian's ``wamerican``, SCOWL: proper nouns there are
capitalised, so ``nicole`` is not an entry and ``grace`` is), plus month and weekday names and the
names of countries, US states and languages (``April``, ``India``, ``Georgia``, ``German``). Only
needed to rebuild the files; the package ships them.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import unicodedata
from pathlib import Path

from faker.providers import person

OUT = Path(__file__).resolve().parents[1] / "shared_core/src/mask_core/scan/data"


def _names(attrs: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        for attr in attrs:
            value = getattr(provider, attr, None)
            if isinstance(value, dict | list | tuple | set | frozenset):
                out.update(v for v in value if isinstance(v, str))
    return out


def _places_and_dates() -> set[str]:
    """Month and weekday names and the country and region names Faker knows (in English): ``April``,
    ``June``, ``India``, ``Georgia`` are first names too, and far more often something else."""
    import calendar

    from faker.providers.address.en_US import Provider as UsAddress
    from faker.providers.date_time import Provider as Dates

    out = set(calendar.month_name[1:]) | set(calendar.day_name)
    # Their abbreviations too ("Sep 04 23:58:29" in a log), but "Jan", a first name in half of Europe.
    out |= {*calendar.month_abbr[1:], *calendar.day_abbr, "Sept", "Tues", "Thur", "Thurs"} - {"Jan"}
    out |= {str(c) for c in Dates.countries} if hasattr(Dates, "countries") else set()
    out |= {str(c) for c in UsAddress.countries} | {str(s) for s in UsAddress.states}
    return {w for name in out for w in name.split()}


# First names that the word list holds as rare lower-case words too ("maria", the lunar seas; "john",
# "peter", "martin", "harry"), or that are a word of a longer place name ("Lucia" of Saint Lucia): the
# name is by far the commoner reading, so they are names on their own.
_NAME_FIRST = frozenset(
    {"Maria", "Mariana", "Marina", "Margarita", "Lucia", "Helena", "Vincent", "Martin", "Peter", "John",
     "Hector", "Pierre", "Solomon", "Victor", "Colleen", "Dieter", "Sander", "Harry", "Jimmy", "Billy",
     "Bobby", "Tony", "Mickey", "Sonny", "Terry", "Sally", "Phoebe", "Marino", "Carmine", "Clement",
     "Derrick", "Sanders", "Nacho"}
)  # fmt: skip


def _languages() -> set[str]:
    """The English names of languages, which are also peoples' adjectives (``German``, ``Danish``,
    ``Georgian``): "with German advice" names no German. Faker's own list of them."""
    from faker.providers.person.en import Provider as English

    return {w for name in English.language_names for w in name.split()}


def _usable(name: str, common: set[str]) -> bool:
    """One word of at least three letters, capitalised, not a common English word."""
    return (
        len(name) >= 3
        and name[0].isupper()
        and all(c.isalpha() or c in "'’-" for c in name)
        and name.lower() not in common
        and unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower() not in common
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", default="/usr/share/dict/words", help="a word list, one word a line")
    args = parser.parse_args()
    common = {w.strip() for w in Path(args.words).read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    common |= {w.lower() for w in _places_and_dates()}
    languages = _languages()  # as written: "German" is the adjective, "Germán" a Spanish first name
    common -= {w.lower() for w in _NAME_FIRST}
    first = _names(("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"))
    last = _names(("last_names",))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, values in (("first_names", first), ("surnames", last)):
        kept = sorted(v for v in values if _usable(v, common) and v not in languages)
        (OUT / f"{name}.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
        print(f"{name}: {len(kept)} of {len(values)}")
    # First names that are also common words (Rick, Roger, Grace): a name only beside a known surname.
    shadowed = sorted(v for v in first if (v.lower() in common or v in languages) and _usable(v, set()))
    (OUT / "first_names_common.txt").write_text("\n".join(shadowed) + "\n", encoding="utf-8")
    print(f"first_names_common: {len(shadowed)}")


if __name__ == "__main__":
    main()
