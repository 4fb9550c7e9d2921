"""Forms written as text (``fields/forms.py``): ``Label: value`` lines are read as a record, each
label as a field name."""

from __future__ import annotations

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MemoryVault
from mask_core.fields import FieldRules
from mask_core.fields.forms import form_cells

FORM = (
    "Customer record\n"
    "First name: Ingrid\n"
    "Last name: Halvorsen\n"
    "City: Bergen\n"
    "Employer: Fjordline Shipping AS\n"
    "Passport number: 29KJ44810\n"
    "Status: active\n"
    "Notes: prefers morning calls\n"
)


@pytest.fixture
def client() -> MaskClient:
    return MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault())


def cells(text: str) -> dict[str, str | None]:
    """Each value the labels decide, with its type (None for a code); not the labels themselves."""
    return {
        text[c.start : c.end]: c.hint.entity_type for c in form_cells(text, FieldRules()) if not c.hint.is_key
    }


def test_a_typed_label_is_a_key() -> None:
    labels = [FORM[c.start : c.end] for c in form_cells(FORM, FieldRules()) if c.hint.is_key]
    assert labels == ["First name", "Last name", "City", "Employer", "Passport number"]


def test_each_labelled_value_is_decided_by_its_label() -> None:
    assert cells(FORM) == {
        "Ingrid": "PERSON",
        "Halvorsen": "PERSON",
        "Bergen": "LOCATION",
        "Fjordline Shipping AS": "ORGANIZATION",
        "29KJ44810": "PASSPORT",
        "active": None,  # a code field
    }


@pytest.mark.parametrize(
    "text",
    [
        # Markdown, as models and tools write a record: list items and bold or italic labels.
        "- Last name: Zyxwvut\n- City: Zamora\n- Plan: gold",
        "1. Last name: Zyxwvut\n2. City: Zamora\n3. Plan: gold",
        "**Last name:** Zyxwvut  \n**City:** Zamora  \n**Plan:** gold",
        "**Last name**: Zyxwvut\n* _City_: Zamora\n__Plan__: gold",
    ],
)
def test_a_label_in_markdown_marks_is_still_a_label(text: str) -> None:
    assert cells(text) == {"Zyxwvut": "PERSON", "Zamora": "LOCATION"}


def test_pairs_may_share_a_line_two_spaces_apart() -> None:
    found = cells("Patient name: Nguyen, Thi Bich Ngoc   Sex: F   DOB: 07/19/1966\n")
    assert found == {"Nguyen, Thi Bich Ngoc": "PERSON", "F": None, "07/19/1966": "DATE_OF_BIRTH"}


@pytest.mark.parametrize(
    "text",
    [
        "Card on file: 4539 1488 0343 6467; the customer asked about it.",  # a colon inside prose
        "The applicant's complaint: the proceedings were too long.",  # not a field name
        "ERROR: connection refused (host: db-1)",
        "a.b.c: d",
    ],
)
def test_a_colon_in_prose_or_a_log_is_no_form(text: str) -> None:
    assert cells(text) == {}


def test_tokenize_text_protects_what_the_labels_say(client: MaskClient) -> None:
    out = client.tokenize_text(FORM)
    for value in ("Ingrid", "Halvorsen", "Bergen", "Fjordline Shipping AS", "29KJ44810"):
        assert value not in out, value
    assert "Status: active" in out and "Notes: prefers morning calls" in out
    assert client.detokenize_text(out) == FORM


@pytest.mark.parametrize(
    ("text", "value", "entity_type"),
    [
        # What the recognizers find in a value is kept as they found it: a label does not stretch it
        # over the rest of the line, nor retype it.
        ("Patient MRN: 00123456, admitted", "00123456", "MEDICAL_RECORD_NUMBER"),
        ("db password: Tr0ub4dor&3 (rotate monthly)", "Tr0ub4dor&3", "DATABASE_PASSWORD"),
        ("SWIFT/BIC: DEUTDEFF500", "DEUTDEFF500", "SWIFT_CODE"),  # a code label removes nothing
        # Where they find nothing, the label protects the value up to a clause's end, and a person's
        # name with its brackets (a maiden name, a nickname).
        ("Passport number: 29KJ44810 (expires 2031)", "29KJ44810", "PASSPORT"),
        ("Last name: Halvorsen (née Berg)", "Halvorsen (née Berg)", "PERSON"),
    ],
)
def test_a_labelled_value_is_protected_as_far_as_it_goes(
    client: MaskClient, text: str, value: str, entity_type: str
) -> None:
    assert (entity_type, value) in [(e.entity_type, e.text) for e in client.scan(text)]


def test_a_password_after_its_short_label(client: MaskClient) -> None:
    assert "hunter2!" not in client.tokenize_text("login: bob\npw: hunter2!\n")
    assert client.deep_encode({"pw": "hunter2!"})["pw"].startswith("PASSWORD_")


def test_a_reported_date_inside_a_value_does_not_unprotect_it(client: MaskClient) -> None:
    # A date is reported and left in clear when tokenizing: scan and tokenize agree on the employer.
    text = "Employer: Fjordline Shipping AS (since 12 March 2019)\n"
    protected = [e.text for e in client.scan(text) if e.entity_type == "ORGANIZATION"]
    assert protected == ["Fjordline Shipping AS"]
    assert "Fjordline" not in client.tokenize_text(text)


def test_a_name_beside_an_email_is_a_persons() -> None:
    # ``name`` alone says nothing; in a record with an e-mail it is a person's, as in JSON.
    found = cells("Name: Zorblax Quint\nEmail: zq@example.org\n")
    assert found == {"Zorblax Quint": "PERSON", "zq@example.org": "EMAIL_ADDRESS"}
    assert cells("Name: Zorblax Quint\nColour: blue\n") == {}


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # The form labels of the catalogue's countries (were in clear without a model: no English or
        # Spanish word said what the value is); French sets a space before the colon.
        ("Vorname: Zyxwvut\nNachname: Quorve\nAnschrift: Zamorastraße 5\nOrt: Zamora\nTelefon: 4791234567\n",
         ("Zyxwvut", "Quorve", "Zamorastraße 5", "Zamora", "4791234567")),
        ("Prénom : Zyxwvut\nNom de famille : Quorve\nVille : Zamora\nDate de naissance : 08/03/1984\n",
         ("Zyxwvut", "Quorve", "Zamora", "08/03/1984")),
        ("Nome: Zyxwvut Quorve\nIndirizzo: Via Zamora 5\nCittà: Zamora\nTelefono: 4791234567\n",
         ("Zyxwvut", "Quorve", "Via Zamora 5", "4791234567")),
        ("Naam: Zyxwvut Quorve\nWoonplaats: Zamora\nTelefoonnummer: 4791234567\n", ("Zyxwvut", "Zamora")),
    ],
)  # fmt: skip
def test_forms_in_the_catalogue_s_languages_are_read_by_their_labels(
    client: MaskClient, text: str, values: tuple[str, ...]
) -> None:
    out = client.tokenize_text(text)
    for value in values:
        assert value not in out, (value, out)
    label = text.split(":", 1)[0]
    assert out.startswith(label + ":")
    assert client.detokenize_text(out) == text
    assert client.tokenize_text("Nom : Dupont SA\nStatut : payé\n") == "Nom : Dupont SA\nStatut : payé\n"


def test_a_label_the_rules_know_is_no_finding(ner_client: MaskClient) -> None:
    # The English model read Spanish and German labels as names and organisations ("Teléfono",
    # "Fecha", "Geburtsdatum"): masking a form's labels breaks it and protects nobody.
    text = "Teléfono: 612 345 678\nFecha de nacimiento: 01/02/1980\nGeburtsdatum: 01.02.1980\nTelefon: 030 1234567\n"
    found = [
        e for e in ner_client.scan(text) if e.entity_type in ("PERSON", "ORGANIZATION", "NRP", "LOCATION")
    ]
    assert found == [], [(e.entity_type, e.text) for e in found]
    # A speaker's name before a colon is no field name: still a finding.
    chat = [e.text for e in ner_client.scan("Ana Lima: I will call you\nJohn Smith: ok thanks\n")]
    assert "Ana Lima" in chat and "John Smith" in chat


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**32 - 1), locale=st.sampled_from(["en_US", "de_DE", "fr_FR", "es_ES", "pl_PL"]))
def test_faker_forms_are_protected_and_come_back_exactly(seed: int, locale: str) -> None:
    fake = Faker(locale)
    fake.seed_instance(seed)
    values = {"First name": fake.first_name(), "Last name": fake.last_name(), "City": fake.city()}
    text = "".join(f"{label}: {value}\n" for label, value in values.items())
    client = MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault())
    out = client.tokenize_text(text)
    for label, value in values.items():
        assert f"{label}: {value}\n" not in out, (label, value, out)
    assert client.detokenize_text(out) == text
