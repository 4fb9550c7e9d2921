"""The words and codes street addresses are made of, from the postal authorities that define them.

* English street suffixes: USPS Publication 28, Appendix C1 (primary names and standard
  abbreviations), and the road types of AS/NZS 4819 (Australia, New Zealand) and Royal Mail usage.
  ``STRONG_SUFFIXES`` are the ones that name a road and little else; the rest ("Park", "View",
  "Point", "Center") are ordinary words too, so a street line ending in one needs more of an address.
* Street types written before the name (Spanish, Catalan, Portuguese, French, Italian, Polish and the
  Latin American forms of the Universal Postal Union's address templates), and street-type endings
  of one-word names (German, Dutch, Swedish, Norwegian, Danish, Finnish).
* Secondary unit designators: USPS Publication 28, Appendix C2, and their equivalents in the same
  languages (piso, puerta, Depto., Appartamento, Wohnung, ...).
* Regions: USPS state and territory codes (with the military AA/AE/AP), Canada Post province codes,
  Australian states.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "COMPOUND_ENDINGS",
    "PREFIX_TYPES",
    "REGION_CODES",
    "STRONG_SUFFIXES",
    "SUFFIXES",
    "UNIT_WORDS",
    "alternation",
]


def _split(block: str) -> frozenset[str]:
    return frozenset(w.strip() for w in block.replace("\n", " ").split("|") if w.strip())


# USPS Publication 28, Appendix C1: primary street suffix names and their standard abbreviations.
_USPS = _split(
    """Alley|Aly|Anex|Anx|Arcade|Arc|Avenue|Ave|Av|Bayou|Byu|Beach|Bch|Bend|Bnd|Bluff|Blf|Bluffs|Blfs|Bottom
    |Btm|Boulevard|Blvd|Branch|Br|Bridge|Brg|Brook|Brk|Brooks|Brks|Burg|Bg|Burgs|Bgs|Bypass|Byp|Camp|Cp|Canyon
    |Cyn|Cape|Cpe|Causeway|Cswy|Center|Ctr|Centers|Ctrs|Circle|Cir|Circles|Cirs|Cliff|Clf|Cliffs|Clfs|Club|Clb
    |Common|Cmn|Commons|Cmns|Corner|Cor|Corners|Cors|Course|Crse|Court|Ct|Courts|Cts|Cove|Cv|Coves|Cvs|Creek
    |Crk|Crescent|Cres|Crest|Crst|Crossing|Xing|Crossroad|Xrd|Crossroads|Xrds|Curve|Curv|Dale|Dl|Dam|Dm|Divide
    |Dv|Drive|Dr|Drives|Drs|Estate|Est|Estates|Ests|Expressway|Expy|Extension|Ext|Extensions|Exts|Fall|Falls
    |Fls|Ferry|Fry|Field|Fld|Fields|Flds|Flat|Flt|Flats|Flts|Ford|Frd|Fords|Frds|Forest|Frst|Forge|Frg|Forges
    |Frgs|Fork|Frk|Forks|Frks|Fort|Ft|Freeway|Fwy|Garden|Gdn|Gardens|Gdns|Gateway|Gtwy|Glen|Gln|Glens|Glns
    |Green|Grn|Greens|Grns|Grove|Grv|Groves|Grvs|Harbor|Hbr|Harbors|Hbrs|Haven|Hvn|Heights|Hts|Highway|Hwy
    |Hill|Hl|Hills|Hls|Hollow|Holw|Inlet|Inlt|Island|Is|Islands|Iss|Isle|Junction|Jct|Junctions|Jcts|Key|Ky
    |Keys|Kys|Knoll|Knl|Knolls|Knls|Lake|Lk|Lakes|Lks|Land|Landing|Lndg|Lane|Ln|Light|Lgt|Lights|Lgts|Loaf|Lf
    |Lock|Lck|Locks|Lcks|Lodge|Ldg|Loop|Mall|Manor|Mnr|Manors|Mnrs|Meadow|Mdw|Meadows|Mdws|Mews|Mill|Ml|Mills
    |Mls|Mission|Msn|Motorway|Mtwy|Mount|Mt|Mountain|Mtn|Mountains|Mtns|Neck|Nck|Orchard|Orch|Oval|Overpass
    |Opas|Park|Parks|Parkway|Pkwy|Parkways|Pass|Passage|Psge|Path|Pike|Pine|Pne|Pines|Pnes|Place|Pl|Plain|Pln
    |Plains|Plns|Plaza|Plz|Point|Pt|Points|Pts|Port|Prt|Ports|Prts|Prairie|Pr|Radial|Radl|Ramp|Ranch|Rnch
    |Rapid|Rpd|Rapids|Rpds|Rest|Rst|Ridge|Rdg|Ridges|Rdgs|River|Riv|Road|Rd|Roads|Rds|Route|Rte|Row|Rue|Run
    |Shoal|Shl|Shoals|Shls|Shore|Shr|Shores|Shrs|Skyway|Skwy|Spring|Spg|Springs|Spgs|Spur|Spurs|Square|Sq
    |Squares|Sqs|Station|Sta|Stravenue|Stra|Stream|Strm|Street|St|Streets|Sts|Summit|Smt|Terrace|Ter|Throughway
    |Trwy|Trace|Trce|Track|Trak|Trafficway|Trfy|Trail|Trl|Trailer|Trlr|Tunnel|Tunl|Turnpike|Tpke|Underpass
    |Upas|Union|Un|Unions|Uns|Valley|Vly|Valleys|Vlys|Viaduct|Via|View|Vw|Views|Vws|Village|Vlg|Villages|Vlgs
    |Ville|Vl|Vista|Vis|Walk|Walks|Wall|Way|Ways|Well|Wl|Wells|Wls"""
)
# AS/NZS 4819 road types and British usage that USPS does not list.
_AU_UK = _split(
    """Access|Alleyway|Amble|Anchorage|Approach|Artery|Basin|Block|Brace|Brae|Break|Broadway|Brow|Byway
    |Centre|Centreway|Chase|Circlet|Circuit|Circus|Close|Colonnade|Concourse|Copse|Corso|Courtyard|Cross
    |Crossway|Cruiseway|Cul-de-sac|Cutting|Dell|Deviation|Dip|Distributor|Driveway|Edge|Elbow|End|Entrance
    |Esplanade|Fairway|Firetrail|Follow|Footway|Foreshore|Formation|Front|Frontage|Gap|Gate|Gates|Glade
    |Grange|Ground|Gully|Highroad|Interchange|Intersection|Laneway|Lees|Line|Link|Lookout|Meander|Mew|Nook
    |Outlook|Parade|Parklands|Pathway|Piazza|Plateau|Pocket|Promenade|Quad|Quadrangle|Quadrant|Quay|Quays
    |Ramble|Range|Reach|Reserve|Retreat|Ride|Ridgeway|Rise|Riverway|Riviera|Roadside|Roadway|Ronde|Rosebowl
    |Rotary|Round|Siding|Slope|Sound|Stairs|Steps|Strand|Strip|Subway|Tarn|Thoroughfare|Tollway|Top|Tor
    |Towers|Triangle|Trunkway|Turn|Vale|Villas|Wade|Walkway|Wharf|Wynd|Yard|Hey|Drove|Fold|Garth|Wood|Hollow
    |Little|Lower|Part|Ring|Upper"""
)
SUFFIXES: frozenset[str] = _USPS | _AU_UK
#: Suffixes that name a road and rarely anything else after a number and a capitalised name.
STRONG_SUFFIXES: frozenset[str] = _split(
    """Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Terrace|Ter|Circle|Cir
    |Crescent|Cres|Close|Parkway|Pkwy|Highway|Hwy|Expressway|Expy|Freeway|Fwy|Turnpike|Tpke|Plaza|Plz|Alley
    |Aly|Place|Pl|Square|Sq|Trail|Trl|Way|Parade|Esplanade|Mews|Wynd|Causeway|Cswy|Grove|Grv|Skyway|Motorway
    |Broadway|Laneway|Walkway|Driveway|Pathway|Alleyway|Cul-de-sac|Quay|Row|Rue"""
)

#: Street types written before the name, lower case (``Calle Mayor 5``, ``Via Roma 1``, ``ul. Długa 5``,
#: ``12 rue de la Paix``): Spanish, Catalan, Galician, Portuguese, French, Italian, Polish and the
#: Latin American forms.
PREFIX_TYPES: frozenset[str] = _split(
    """calle|c/|c.|cl.|avenida|avda.|avda|av.|av|plaza|pza.|pl.|paseo|pº|p°|camino|cmno.|carretera|ctra.|ronda
    |rda.|travesía|travesia|trva.|glorieta|gta.|carrer|rúa|rua|vía|via|pasaje|psje.|urbanización|urb.
    |callejón|callejon|cañada|alameda|acceso|rambla|cuesta|pasadizo|vial|bulevar|polígono|barrio|sector
    |carrera|cra.|cr.|kr.|diagonal|dg.|diag.|transversal|tv.|tr.|circular|autopista|calzada|cerrada|privada
    |prolongación|prolongacion|retorno|circuito|andador|periférico|periferico|boulevard|blvd.|blv.|eje vial
    |viaducto|corredor|continuación|circunvalación|peatonal|ampliación
    |r.|travessa|largo|praça|praca|pç.|estrada|rodovia|viela|vila|conjunto|setor|quadra|trecho|ladeira
    |esplanada|parque|jardim|residencial|loteamento|condomínio|favela|fazenda|sítio|chácara|núcleo|vereda
    |passarela|pátio|praia|recanto|trevo|colônia|colonia|aeroporto|área|campo|distrito|estação|feira
    |lago|lagoa|morro|vale|viaduto
    |rue|avenue|bd|bld|boulevard|chemin|ch.|impasse|imp.|place|allée|allee|quai|route|rte|cours|passage|square
    |sentier|voie|rond-point|esplanade|faubourg|fg|promenade|montée|traverse|cité|hameau|lieu-dit|résidence
    |viale|v.le|piazza|p.za|piazzale|corso|c.so|vicolo|strada|contrada|borgo|lungomare|lungotevere|rotonda
    |incrocio|stretto|canale|salita|traversa|galleria|fondamenta|località|loc.
    |ul.|ulica|al.|aleja|plac|os.|osiedle"""
)
#: Endings of one-word street names (``Hauptstraße``, ``Kerkstraat``, ``Storgatan``, ``Vesterbrogade``,
#: ``Saparonkatu``), lower case, and the same words written apart (``Karl Johans gate``).
COMPOUND_ENDINGS: frozenset[str] = _split(
    """straße|strasse|str.|gasse|weg|platz|allee|ring|damm|ufer|chaussee|steig|pfad|graben|markt|zeile
    |straat|laan|plein|gracht|kade|singel|dreef|steeg|dijk|baan|hof|pad|wal|plantsoen
    |gatan|gata|vägen|väg|stigen|gränd|torget|backe|backen|allén|leden|stråket
    |gate|gaten|veien|vei|vegen|veg|stien|plass|plassen|alléen|bakken|berget|haugen|løkka|moen|stranda
    |svingen|tunet|vika|åsen|jordet|kollen|kroken|lunden|hagen|skogen|tjernet|toppen|vollen|myra|roa|røa
    |stubben|grenda|eggen|engen|ekra|faret|flata|gjerdet|gropa|havna|holtet|høgda|lyngen|marka|ringen
    |skrenten|spranget|stykket|bråten|boulevard|lei|kaien|kaia|bryggen|brygga|smauet|smuget|allmenningen
    |kajen|kaj|vej|gade|stræde|allé|plads|torv|vænge|vang
    |katu|tie|kuja|polku|väylä|bulevardi|raitti|rinne|ranta|kaari|puistikko|aukio"""
)

#: Secondary unit designators (USPS Publication 28, Appendix C2, and their equivalents), lower case.
UNIT_WORDS: frozenset[str] = _split(
    """apartment|apt|suite|ste|unit|flat|floor|fl|room|rm|building|bldg|department|dept|level|lvl|studio|office
    |ofc|lot|space|spc|trailer|trlr|pier|slip|hangar|hngr|stop|penthouse|basement|bsmt|lobby|lbby|lower|lowr
    |upper|uppr|rear|side|front|frnt|box|po box|p.o. box|rd
    |piso|puerta|pta|planta|esc|escalera|portal|bloque|depto|dpto|departamento|apto|apartamento|edif|edificio
    |interior|int|casa|local|oficina|of.|torre|bodega|manzana|mz|lote|dto|dpto|etapa
    |bloco|sala|andar|loja|qd|quadra
    |appartement|appt|bât|bâtiment|bat|étage|etage|escalier|porte|bp
    |appartamento|interno|scala|piano
    |wohnung|whg|etage|zimmer|haus|bus|lgh|leilighet"""
)

#: Region codes written after a city (``Springfield, IL``): USPS states, territories, freely associated
#: states and military "states", Canada Post provinces, Australian states and territories.
REGION_CODES: frozenset[str] = _split(
    """AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC
    |ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|VI|GU|AS|MP|FM|MH|PW|AA|AE|AP
    |AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|NSW|VIC|QLD|SA|WA|TAS|ACT"""
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (escaped) as a trie: ``re`` tries alternatives one by one, so
    several hundred words sharing prefixes cost far less as nested groups than as a flat list."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict) -> str:  # type: ignore[type-arg]
    import re

    ends = "" in node
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
