"""Bad input for the detection engine: pathological regex inputs, megabyte texts, mixed scripts.

Work per kilobyte is bounded by comparing a text with the same text four times as long: linear
scanning costs about 4x; catastrophic backtracking 16x or far more. The work is counted in executed
instructions under valgrind (``mask_core.testing.instructions``), never timed: a timing on a machine
where other processes run says nothing, an instruction count is the same whatever else runs.
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, ScanError, ValueTooLargeError
from mask_core.scan.context import ContextRecognizer, key_words
from mask_core.scan.view import ScanView
from mask_core.testing import PII_CORPUS, assert_no_pii
from mask_core.testing.instructions import Work, callgrind_available, count_instructions

PATHOLOGICAL = {
    "digits": "1" * 1000,
    "spaced digits": "1 " * 500,
    "dashed digits": "12-" * 333,
    "dots": "." * 1000,
    "dotted digits": "1." * 500,
    "ats": "@" * 1000,
    "email-ish": "a@" * 500,
    "colons": "a:" * 500,
    "hex colons": "ab:" * 333,
    "upper ids": "AB12" * 250,
    "url-ish": "http://" * 140,
    "key prefixes": "AKIA" * 250,
    "jwt-ish": "eyJ." * 250,
    "pem-ish": "-----BEGIN " * 90,
    "street-ish": "1 Main " * 140,
    "calle-ish": "Calle de " * 110,
    "password=": "password=" * 110,
    "bearer": "Bearer " * 140,
    "full-width digits": "１２３４" * 250,
    "zero-width in digits": "1\u200b2" * 333,
    "mixed scripts": "Ωмي中١٢٣४५६ " * 90,
    # Tables and forms written as text (``fields/tables.py``, ``fields/forms.py``).
    "form lines": "Last name: Halvorsen\n" * 50,
    "colon spaces": ": " * 500,
    "bold labels": "**a:** " * 150,
    "listed labels": "- **Last name**: x\n" * 50,
    "quoted display names": '"A B" <a@b.co>, ' * 60,
    "csv rows": "first_name,city\nIngrid,Bergen\n" + "a,b\n" * 250,
    "markdown rows": "| name | email |\n|---|---|\n" + "| x | y |\n" * 100,
    "bars": "|" * 1000,
    # Records serialised in text (``fields/markup.py``).
    "json pairs": '"last_name": "Halvorsen", ' * 40,
    "braces": "{" * 500 + "}" * 500,
    "brackets": "[" * 1000,
    "quoted keys": '"a":"b",' * 120,
    "assignments": "last_name=Halvorsen&" * 50,
    "equals": "a=" * 500,
    "xml elements": "<surname>Halvorsen</surname>" * 40,
    "closing tags": "</a>" * 250,
    "html rows": "<tr><th>City</th></tr>" + "<tr><td>Bergen</td></tr>" * 40,
    "vcard lines": "BEGIN:VCARD\n" + "N:a;b;c;;\nATTENDEE;CN=x:y\n" * 30,
    # HTML (``fields/html.py``): label rows, definition lists, form controls, microdata.
    "html label rows": "<table>" + "<tr><th>Phone</th><td>55 12 34 56</td></tr>" * 24,
    "html two-cell rows": "<tr><td>Last name</td><td>x</td></tr>" * 27,
    "definition lists": "<dl><dt>Name</dt><dd>Ingrid Halvorsen</dd></dl>" * 20,
    "unclosed terms": "<dt>a</dt> <dd>" * 65,
    "form controls": '<input name="last_name" value="Halvorsen">' * 23,
    "unclosed controls": "<input name=a value=b " * 45,
    "unclosed textareas": '<textarea name="address">a ' * 35,
    "microdata": '<span itemprop="telephone">55 12 34 56</span>' * 22,
    "bare itemprops": "itemprop " * 110,
    "item scopes": '<div itemscope itemtype="https://schema.org/Person">' * 19,
    # SQL rows (``fields/sql.py``).
    "sql rows": "INSERT INTO t (last_name, zip) VALUES " + "('Halvorsen', 5013), " * 45,
    "sql doubled quotes": "INSERT INTO t (a) VALUES ('" + "''" * 500,
    "sql unclosed statements": "INSERT INTO t (a, " * 55,
    "insert words": "insert " * 140,
    # LDIF (``fields/ldif.py``).
    "ldif entries": "# a b, people\ndn: cn=a b,ou=people\nsn: b\nmember: cn=a b,ou=people\n\n" * 14,
    "ldif continued lines": "dn: uid=a\nsn: b\ncn: c\n" + " x\n" * 300,
    "dn lines": "dn:" * 330,
    "ldif lines": "dn: cn=a\n" + "sn: b\n" * 160,
    # HL7 v2 and X12 (``fields/hl7.py``, ``fields/x12.py``).
    "hl7 segments": "PID|1||7342561^^^GH^MR||QUORVE^ZYX||19850323\r" * 20,
    "hl7 segments without carriage returns": "\nPID|" * 200,
    "hl7 components": "PID|1||" + "^" * 900,
    "hl7 repetitions": "PID|1|||" + "A^B~" * 220,
    "x12 segments": "NM1*IL*1*QUORVE*ZYX*A***34*536228745~N3*12 HARBOUR ST~" * 12,
    "x12 elements": "NM1*IL*1" + "*" * 900,
    "x12 without terminators": "NM1*" * 250,
    # Login names, handles and JSON string escapes (``logins.py``, ``accounts.py``, ``normalize.py``).
    # The first two are longer: a look-back to the line's start per match grows with the line, which
    # only shows once the line outweighs the work per match.
    "handles on one line": "@a " * 2000,
    "access log times on one line": 'h - u [10/Oct/2023:13:55:36 -0700] "' * 400,
    "home directories": "/home/a1 " * 110,
    "login nouns": "user a1 " * 125,
    "json escapes": '{"a": "' + "\\n\\u00e9" * 80 + '"}',
    # Tables held as lists of lists under a header row (``fields/grids.py``).
    "header-row grids": '[["first_name", "city"], ["Ingrid", "Bergen"], ["a", "b"]] ' * 20,
    "tables beside column names": '{"columns": ["ssn"], "rows": [["1"], ["2"]]} ' * 20,
    "many grids in one object": '"k": [["a", "b"], ["c", "d"]], ' * 60,
    "long unclosed grids": '[["first_name", "city"], ' + '["a", "b"], ' * 60,
    # Remote logins (``logins.py``): every "@" looks back for a command that logs in.
    "ssh logins on one line": "ssh -v a@b " * 90,
    "continued ssh options": "ssh" + " -v \\\n" * 120 + "a@b",
    "remote paths": "a@b:c " * 160,
    # Travellers' names as airlines write them (``names.py``).
    "slashed capitals": "AB/CD MR " * 110,
    # Names by what a person is to something (``name_relations.py``), an address's addressee
    # (``addressees.py``), profile links (``accounts.py``), message ids (``contact.py``).
    "relatives": "my partner Ana Lima and " * 40,
    "capitalised relatives": "Partner Ana Lima. " * 55,
    "kin in brackets": "Ana Lima (daughter) " * 50,
    "device owners": "Ana's iPhone, " * 70,
    "apostrophes": "'s " * 330,
    "addressees": "Ana Lima\n12 Harbour Street\nLeeds LS1 4AP\n" * 20,
    "html line breaks": "<br>" * 250,
    "profile links": "linkedin.com/in/ana.lima " * 40,
    "folded message ids": "References: <a@b.c>\n" + " <a@b.c>\n" * 110,
    # Travel documents (``travel.py``) and ACH files (``fields/nacha.py``).
    "mrz lines": ("P<UTO" + "<" * 39 + "\n") * 22,
    "mrz fillers": "<<" * 500,
    "boarding pass marks": "M1" * 500,
    "captions": "ANA v. LIMA et al\n" * 55,
    "party lines": "Plaintiff\n" * 100,
    "transfers": "ZELLE TO ANA LIMA " * 50,
    "swift party lines": ":50F:/X\n" + "1/ANA LIMA\n" * 90,
    "ofx leaves": "<OFX>" + "<ACCTID>1234\n" * 70,
    "dicom elements": "(0010,0010) PN [A^B]  #  3, 1 PatientName\n" * 25,
    "dicom tags": "(0010," * 150,
    "ach entries": "101 " + " " * 90 + "\n" + ("6221251350257090806311" + " " * 72 + "\n") * 10,
}
# Random texts over the characters the recognizers' patterns care about (seeded: the same every run).
_DANGEROUS = "0123456789 -./()@:+_=AKIaekyJB\u200b１٣xX\n"
_rng = random.Random(19)
for _i in range(6):
    PATHOLOGICAL[f"random dangerous {_i}"] = "".join(_rng.choice(_DANGEROUS) for _ in range(1000))
#: The customer record the megabyte round trip below repeats (its growth: tests/test_bad_input.py).
RECORD = "Customer alice.johnson@example.com paid with 4539 1488 0343 6467 on 2024-03-15. "

#: Upper bound of instructions per character scanned (the worst case above is about a quarter of it).
INSTRUCTIONS_PER_CHAR = 100_000
REQUIRE_TOOLS = os.environ.get("MASK_REQUIRE_SERVERS") == "1"  # read before the fixtures clear MASK_*


@pytest.fixture(scope="module")
def scan_work() -> dict[str, tuple[int, int]]:
    """Instructions of scanning each pathological text 4 and 16 times over, in one valgrind run."""
    if not callgrind_available():
        if REQUIRE_TOOLS:
            pytest.fail("MASK_REQUIRE_SERVERS=1 but valgrind is not installed")
        pytest.skip("valgrind is not installed (apt-get install valgrind)")
    work = [Work("scan", unit * n) for unit in PATHOLOGICAL.values() for n in (4, 16)]
    counts = count_instructions(work)
    return {name: (counts[2 * i], counts[2 * i + 1]) for i, name in enumerate(PATHOLOGICAL)}


@pytest.mark.slow  # valgrind counts the instructions of each pathological input
@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_scanning_work_grows_linearly_on_pathological_input(
    scan_work: dict[str, tuple[int, int]], name: str
) -> None:
    small, large = scan_work[name]
    assert large < 6 * small, f"{name}: {small:,} -> {large:,} instructions for 4x the text"
    size = len(PATHOLOGICAL[name]) * 16
    assert large < INSTRUCTIONS_PER_CHAR * size, f"{name}: {large / size:,.0f} instructions per character"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(
        alphabet=st.sampled_from(list(_DANGEROUS)),
        min_size=200,
        max_size=400,
    )
)
def test_random_text_from_dangerous_characters_gives_sane_findings(client: MaskClient, text: str) -> None:
    found = client.scan(text * 8)  # 1.6-3.2 KB; the work it costs is bounded by the growth test above
    for e in found:
        assert 0.0 <= e.score <= 1.0 and 0 <= e.start < e.end <= len(text) * 8


def test_a_megabyte_text_is_scanned_and_restored(client: MaskClient) -> None:
    record = RECORD * 13_000
    assert len(record) > 1_000_000
    safe = client.tokenize_text(record)
    assert_no_pii(safe[:5000])
    assert "alice.johnson@example.com" not in safe
    assert client.detokenize_text(safe) == record
    assert client.tokenize_text(safe) == safe  # 26,000 live tokens claimed, nothing rescanned
    # The work of this round trip grows linearly (tests/test_bad_input.py counts it): overlap checks
    # that were quadratic in the number of tokens per text once made this test take 90 s.


def test_identifiers_written_with_lookalikes_are_found(client: MaskClient) -> None:
    for text, entity_type in [
        ("NPI １２３４５６７８９３", "US_NPI"),
        ("ITIN ９１２-７０-１２３４", "US_ITIN"),
        ("key AKIA\u200bIOSFODNN7EXAMPLE", "API_KEY"),
        ("MRN: 00123456, طبيب Dr. Ωmega", "MEDICAL_RECORD_NUMBER"),
    ]:
        assert entity_type in {e.entity_type for e in client.scan(text)}, text


def test_text_over_the_limit_is_a_clear_error(client: MaskClient) -> None:
    client._max_text = 1000
    with pytest.raises(ValueTooLargeError):
        client.scan("x" * 1001)
    with pytest.raises(ValueTooLargeError):
        client.deep_encode({"a": "x" * 1001})


def test_a_failing_recognizer_fails_the_scan_loudly(client: MaskClient) -> None:
    class Broken:
        name = "broken"
        entity_types = ("GENERIC",)

        def find(self, text: str) -> list[object]:
            raise ScanError("the broken recognizer could not scan this text")

    client.add_recognizer(Broken())
    text = " ".join(item.value for item in PII_CORPUS)
    with pytest.raises(ScanError) as info:
        client.tokenize_text(text)
    assert_no_pii(str(info.value))


def _context_recognizers() -> list[ContextRecognizer]:
    from mask_core.scan.recognizers import default_recognizers

    return [r for r in default_recognizers() if isinstance(r, ContextRecognizer)]


# Upper/lower/title case and the non-ASCII letters ``re.IGNORECASE`` equates with ASCII ones.
_SPELLINGS = {"i": "iIİı", "s": "sSſ", "k": "kKK"}


@st.composite
def _text_around_a_context_phrase(draw: st.DrawFn) -> tuple[ContextRecognizer, str, str | None]:
    rec = draw(st.sampled_from(_context_recognizers()))
    phrase = draw(st.sampled_from(rec.words))
    spelled = "".join(draw(st.sampled_from(_SPELLINGS.get(c, c + c.upper()))) for c in phrase)
    filler = st.text(alphabet=" abcxyzáéİ#/.,:;\n-_0123456789", max_size=20)
    if draw(st.booleans()):
        return rec, draw(filler) + spelled + draw(filler), None
    key = spelled.replace(" ", draw(st.sampled_from(["_", "-", ".", " "])))
    return rec, draw(filler), key


@given(_text_around_a_context_phrase())
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_a_context_word_the_regex_sees_always_opens_the_recognizers_gate(
    case: tuple[ContextRecognizer, str, str | None],
) -> None:
    # The word gate is a shortcut taken before the context regex runs: it may open too often, never
    # too rarely, whatever the case, the separators of a JSON key, or the Unicode case folds.
    rec, text, key = case
    view = ScanView(text, key)
    regex = rec.context_re
    assert regex is not None
    seen = regex.search(text) is not None or (key is not None and regex.search(key_words(key)) is not None)
    if seen:
        assert view.mentions(rec.gate), (rec.name, text, key)


def test_a_birth_date_written_with_a_dotted_capital_i_is_still_found(client: MaskClient) -> None:
    found = client.scan("DATE OF B\u0130RTH: 04/11/1983")
    assert [e.entity_type for e in found] == ["DATE_OF_BIRTH"]


def test_the_words_of_a_context_phrase_apart_do_not_open_its_gate() -> None:
    # "record" and "no" both occur, never as "record no": the MRN recognizer has nothing to look at.
    mrn = next(r for r in _context_recognizers() if r.name == "context:medical_record_number")
    apart = ScanView("Customer record #48213 was updated; no open disputes.")
    together = ScanView("Patient RECORD No: 48213.")
    under_key = ScanView("48213", "recordNo")
    assert not apart.mentions(mrn.gate)
    assert together.mentions(mrn.gate) and under_key.mentions(mrn.gate)


@given(
    pieces=st.lists(
        st.sampled_from(
            [
                " ",
                ", ",
                "call ",
                "+1 (492) 707-2345",
                "993-13-2049",
                "0081 6102 1573 8939",
                "u.6pu25hflxi@mask.example.net",
                "PERSON_k3f9x2qa7m",
                "DE89 3704 0044 0532 0130 00",
                "536-22-8745",
                "10.0.0.1",
                "12345678Z",
                "x",
            ]
        ),
        max_size=12,
    ),
    spans=st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), max_size=6),
)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_the_token_search_within_spans_is_the_full_search_filtered(
    client: MaskClient, pieces: list[str], spans: list[tuple[int, int]]
) -> None:
    # A scan without NER looks for tokens only around its findings: that must be exactly the full
    # search's candidates that overlap a finding, never fewer.
    text = "".join(pieces)
    view = ScanView(text)
    within = [(s, s + n) for s, n in spans]
    full = client.pipeline.finder.find(view)
    expected = [c for c in full if any(s < c.end and c.start < e for s, e in within)]
    assert client.pipeline.finder.find(ScanView(text), within=within) == expected
