"""Country names and internet country codes, as ISO 3166 regions: what a text says about where it is.

The phone recognizer reads them to learn which national numbering plans a text may use (a number
written ``612 34 56 78`` is Spanish in a text that says "Madrid, España"); the address recognizer
reads a country name as the last line of an address.

Why a table here: ``phonenumbers`` has country names in every language (``geodata.locale``), but
loading them takes seconds and hundreds of megabytes of strings for a few dozen names that matter.
The names below are each country's English name and its own (endonyms, as the UN and the countries'
postal services write them), for the countries whose numbering plans and address layouts the
recognizers know best; the table is data, not rules, and adding a country is one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

from mask_core.scan.view import ScanView

__all__ = ["COUNTRY_NAMES", "country_name_at", "named_regions", "tld_regions"]

_TABLE = """
US: united states, united states of america, usa, u.s.a., u.s.
CA: canada
MX: mexico, méxico
GB: united kingdom, great britain, uk, u.k., england, scotland, wales, northern ireland
IE: ireland, éire
ES: spain, españa, espanya
PT: portugal
FR: france
BE: belgium, belgique, belgië, belgien
NL: netherlands, the netherlands, nederland, holland
LU: luxembourg, luxemburg
DE: germany, deutschland
AT: austria, österreich
CH: switzerland, schweiz, suisse, svizzera
IT: italy, italia
SE: sweden, sverige
NO: norway, norge, noreg
DK: denmark, danmark
FI: finland, suomi
IS: iceland, ísland
PL: poland, polska
CZ: czech republic, czechia, česko
SK: slovakia, slovensko
HU: hungary, magyarország
RO: romania, românia
BG: bulgaria
GR: greece, hellas
HR: croatia, hrvatska
SI: slovenia, slovenija
RS: serbia, srbija
UA: ukraine, ukraina
RU: russia, russian federation, rossiya
TR: turkey, türkiye, turkiye
IL: israel
EG: egypt
MA: morocco, maroc
ZA: south africa
NG: nigeria
KE: kenya
GH: ghana
IN: india, bharat
PK: pakistan
BD: bangladesh
CN: china, people's republic of china
HK: hong kong
TW: taiwan
JP: japan, nippon
KR: south korea, korea
PH: philippines, pilipinas
VN: vietnam, viet nam
TH: thailand
MY: malaysia
SG: singapore
ID: indonesia
AU: australia
NZ: new zealand, aotearoa
BR: brazil, brasil
AR: argentina
CL: chile
CO: colombia
PE: peru, perú
VE: venezuela
EC: ecuador
UY: uruguay
PY: paraguay
BO: bolivia
CR: costa rica
PA: panama, panamá
GT: guatemala
SV: el salvador
HN: honduras
NI: nicaragua
DO: dominican republic, república dominicana
PR: puerto rico
CU: cuba
AE: united arab emirates, uae
SA: saudi arabia
IR: iran
"""


def _parse(table: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in table.strip().splitlines():
        region, _, names = line.partition(":")
        for name in names.split(","):
            out[name.strip()] = region.strip()
    return out


#: Lower-case country name -> ISO 3166 region code.
COUNTRY_NAMES = MappingProxyType(_parse(_TABLE))

# A country name as the last component of an address: the longest name first, whole words only; a
# full stop after it may end the sentence ("Bogotá, Colombia. Cel 310 ..."), not go on with a letter
# (the "U.S" of "U.S.A.").
_NAME_AT = re.compile(
    "(?:" + "|".join(re.escape(n) for n in sorted(COUNTRY_NAMES, key=len, reverse=True)) + r")(?!\w|\.\w)",
    re.IGNORECASE,
)


def country_name_at(text: str, pos: int) -> int:
    """The end of a country name written at ``pos`` (any case), or -1."""
    m = _NAME_AT.match(text, pos)
    return -1 if m is None else m.end()


def _words(name: str) -> list[bytes]:
    return re.findall(rb"[a-z0-9]+", name.encode("utf-8"))


# Each name under its longest ASCII word (what ``ScanView.words`` holds), so a text is asked only
# about the names whose key word it holds.
_BY_WORD: dict[bytes, list[tuple[str, str]]] = {}
for _name, _region in COUNTRY_NAMES.items():
    _key = max(_words(_name), key=len)
    _BY_WORD.setdefault(_key, []).append((_name, _region))
_KEYS = frozenset(_BY_WORD)


def _whole_word_in(name: str, lower: str) -> bool:
    pos = lower.find(name)
    while pos != -1:
        end = pos + len(name)
        if (pos == 0 or not lower[pos - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
            return True
        pos = lower.find(name, pos + 1)
    return False


def named_regions(view: ScanView) -> list[str]:
    """Regions whose country name the text holds as whole words (any case)."""
    lower = view.lower
    found: list[str] = []
    for key in view.words & _KEYS:
        for name, region in _BY_WORD[key]:
            if region not in found and _whole_word_in(name, lower):
                found.append(region)
    return found


# Country-code top-level domains used as generic names (a ``.io`` or ``.co`` site says nothing of
# where its owner lives), and the one ccTLD that is not its region's ISO code.
_GENERIC_TLDS = frozenset(
    {"io", "co", "tv", "me", "ai", "ly", "fm", "gg", "to", "cc", "ws", "nu", "sh", "ac", "am"}
)
_TLD_REGION = {"uk": "GB"}
_HOST_TLD = re.compile(r"(?:@|://|www\.)[a-z0-9.-]*?\.([a-z]{2})(?![a-z0-9.-])")


def tld_regions(view: ScanView, known: Iterable[str]) -> list[str]:
    """Regions of the country-code domains of the e-mail addresses and URLs in the text."""
    if not (view.has_at or view.has("://") or view.has("www.")):
        return []
    regions = set(known)
    found: list[str] = []
    for m in _HOST_TLD.finditer(view.lower):
        tld = m.group(1)
        if tld in _GENERIC_TLDS:
            continue
        region = _TLD_REGION.get(tld, tld.upper())
        if region in regions and region not in found:
            found.append(region)
    return found
