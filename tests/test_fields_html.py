"""Records written as HTML (``fields/html.py``): a table's label rows, definition lists, form
controls and microdata are read by their labels, as ``deep_encode`` reads a structure's keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mask_core import MaskClient, MaskSettings, MemoryVault
from mask_core.fields import FieldRules
from mask_core.fields.markup import markup_cells


@pytest.fixture
def client() -> MaskClient:
    # The deterministic tier alone: what the labels add, whatever models are installed.
    return MaskClient(tenant="t", master_key=b"t" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off"))


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "<dl><dt>Name</dt><dd>Zyxwvut Quorve</dd><dt>Phone</dt><dd>4791234567</dd></dl>",
            ("Zyxwvut", "Quorve", "4791234567"),
        ),
        (
            '<input name="last_name" value="Quorve"><input name="ssn" value="536228745">',
            ("Quorve", "536228745"),
        ),
        (
            "<table>\n  <tr><th>Name:</th><td>Zyxwvut Quorve</td></tr>\n  <tr><th>Phone</th><td>4791234567</td></tr>"
            "\n  <tr><th>City</th><td>Zamora</td></tr>\n</table>",
            ("Zyxwvut", "Quorve", "4791234567", "Zamora"),
        ),
        (
            "<table><tr><td>Last name</td><td>Quorve</td></tr><tr><td>City</td><td>Zamora</td></tr></table>",
            ("Quorve", "Zamora"),
        ),
        ('<form><textarea name="address">12 Quorve Lane\nZamora</textarea></form>', ("Quorve", "Zamora")),
        (
            '<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Zyxwvut Quorve</span>'
            '<span itemprop="telephone">4791234567</span><meta itemprop="birthDate" content="1984-03-08">'
            '<time itemprop="birthDate" datetime="1984-03-08">March 8, 1984</time></div>',
            ("Zyxwvut", "4791234567", "1984-03-08", "March 8"),
        ),
    ],
)
def test_each_way_a_page_labels_a_value_is_read(
    client: MaskClient, text: str, values: tuple[str, ...], protects: Callable[..., str]
) -> None:
    protects(client, text, *values)


@pytest.mark.parametrize(
    "text",
    [
        '<form><input type="submit" value="Send"><input type="checkbox" name="phone_opt_in" value="1234567"></form>',
        "<dl><dt>Status</dt><dd>Shipped</dd><dt>Carrier</dt><dd>UPS</dd></dl>",
        "<dl><dt>Name</dt><dd>Blue Mug</dd><dt>SKU</dt><dd>BM-1</dd></dl>",
        '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Blue Mug</span>'
        '<span itemprop="sku">BM-1</span></div>',
        "<table><tr><td>Status</td><td>Shipped</td></tr><tr><td>Total</td><td>12.50</td></tr></table>",
    ],
)
def test_labels_that_name_nothing_personal_leave_the_page_alone(client: MaskClient, text: str) -> None:
    assert client.tokenize_text(text) == text


def test_siblings_decide_whose_name_a_page_shows(typed: Callable[[str], dict[str, str | None]]) -> None:
    person = "<dl><dt>Name</dt><dd>Zyxwvut Quorve</dd><dt>E-mail</dt><dd>zq@acme.example</dd></dl>"
    assert typed(person)["Zyxwvut Quorve"] == "PERSON"
    product = "<dl><dt>Name</dt><dd>Blue Mug</dd><dt>SKU</dt><dd>BM-1</dd></dl>"
    assert "Blue Mug" not in typed(product)
    # Each list is a record of its own: the e-mail of one does not make the other's name a person's.
    assert "Blue Mug" not in typed(person + product)


def test_a_row_s_first_data_cell_labels_its_value_only_when_the_rules_type_it(
    typed: Callable[[str], dict[str, str | None]],
) -> None:
    # A <th> is the page's label: a code's label keeps its value out of every finding. A first <td>
    # may be content as much as a label: only a typed label counts.
    assert typed("<table><tr><th>Status</th><td>Shipped</td></tr></table>") == {"Shipped": None}
    assert typed("<table><tr><td>Status</td><td>Shipped</td></tr></table>") == {}
    assert typed("<table><tr><td>Phone</td><td>4791234567</td></tr></table>") == {
        "4791234567": "PHONE_NUMBER"
    }


def test_a_table_s_header_row_does_not_reach_the_next_table() -> None:
    text = (
        "<table><tr><th>Product</th><th>City</th></tr><tr><td>Mug</td><td>Zamora</td></tr></table>"
        "<table><tr><td>Mug</td><td>Zamora</td></tr></table>"
    )
    assert [c.start for c in markup_cells(text, FieldRules())] == [text.index("Zamora")]


def test_a_control_s_value_is_read_once_by_its_name(
    client: MaskClient, typed: Callable[[str], dict[str, str | None]], protects: Callable[..., str]
) -> None:
    # The tag's name="..." and value="..." are assignments too: the control's reading decides the
    # value, so one record's keys are not mixed with the next control's.
    text = '<input type="hidden" name="ssn" value="536228745"><input name="last_name" value="Quorve">'
    found = typed(text)
    assert found["536228745"] == "US_SSN" and found["Quorve"] == "PERSON"
    protects(client, text, "536228745", "Quorve")


def test_an_html_body_s_line_breaks_lay_out_its_address_and_signature(
    client: MaskClient, protects: Callable[..., str]
) -> None:
    # A mail's HTML body: the postcode and town after the street's <br> were in clear, and so was the
    # name on the line after "Thanks," (the same body as text was protected whole).
    html = (
        "<p>Hi,</p><p>Please ship order #4821 to my new address:<br>Storgatan 12<br>32987 Växjö</p>"
        "<p>Thanks,<br />Zyxwvut</p>"
    )
    safe = protects(client, html, "Storgatan", "32987", "Växjö", "Zyxwvut")
    assert safe.startswith("<p>Hi,</p><p>Please ship order #4821 to my new address:<br>")
    # The break inside the address is the address's (its token stands for both lines).
    assert safe.count("<br") == html.count("<br") - 1 and safe.endswith("</p>")
