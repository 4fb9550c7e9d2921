"""People's names without a model: titles, cues, known names, and every later mention of a found name."""

from __future__ import annotations

import pytest

from mask_core import MaskClient, MemoryVault
from mask_core.scan.mentions import mentions
from mask_core.scan.recognizers import KnownNameRecognizer, PersonCueRecognizer
from mask_core.scan.recognizers.known_names import first_names, surnames
from mask_core.scan.view import ScanView
from mask_core.settings import MaskSettings
from mask_core.types import Entity


def _people(text: str) -> list[str]:
    client = MaskClient(
        tenant="t", master_key=b"k" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off")
    )
    return [e.text for e in client.scan(text) if e.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("represented by their Agent, Mr D. Walton, of the Foreign Office", "Mr D. Walton"),
        (
            "by a Turkish national, Mr Mehmet Acar Serdar Çakmak (“the applicant”)",
            "Mr Mehmet Acar Serdar Çakmak",
        ),
        ("Ms A.-M. Mendiboure, a lawyer practising in Bayonne", "Ms A.-M. Mendiboure"),
        ("the applicant replied that Mr J.S. [first and family names]", "Mr J.S."),
        ("Dear Ana Lima,\nyour order shipped.", "Ana Lima"),
        ("Best regards,\nAna de la Vega\nCEO", "Ana de la Vega"),
        ("From: Kai Berg <kai@example.com>", "Kai Berg"),
        ("My name is krithika and I love cake", "krithika"),
        ("Name: JOHN SMITH", "JOHN SMITH"),
        # "Surname, Given" after a form field, as records and EHRs print a name
        ("Patient: SALAZAR, MEGAN  DOB: 03/12/1987", "SALAZAR, MEGAN"),
        ("Attending: Petkovic, Dragan MD", "Petkovic, Dragan MD"),
        ("Employee: Halvorsen, Ingrid (E10442)", "Halvorsen, Ingrid"),
        ("Shipping label: MEGAN SALAZAR\n8841 CALLOWAY RD APT 112", "MEGAN SALAZAR"),
        ("Delivered to: Megan S. at the front desk", "Megan S."),
        ("Assistant Tyler Jones handles scheduling", "Tyler Jones"),
        ("Gift for Benoît, please leave it with the neighbour", "Benoît"),
        ("Refund approved by Auguste-Théophile Charrier", "Auguste-Théophile Charrier"),
        ("Called on behalf of María; date of birth confirmed.", "María"),
        ("Please change my shipping address. Thanks, Lucía", "Lucía"),
        ("Miete März Patberg", "Patberg"),  # a payment reference names the payer
        ("Invoice 1043 Okafor", "Okafor"),
        # a closing quote or a possessive is not part of the name (a Python dict's repr, as LlamaIndex
        # hands a tool's dict result to the model; prose)
        ("{'id': 'C-1001', 'name': 'Tyler Jones', 'tier': 'gold'}", "Tyler Jones"),
        ("Tyler Jones's order shipped", "Tyler Jones"),
        # "name is" in chat, lower case, with or without "my"; a surname the lists know goes with it.
        ("sure, name is dave garcia lopez", "dave garcia lopez"),
        ("my name's maria garcia, order 114-3928842", "maria garcia"),
        # A first name no list holds before a surname one does.
        ("I met Priyanka Chaudhary yesterday", "Priyanka Chaudhary"),
        # A traveller's name as airlines write it.
        ("Flight UA 837 SFO-NRT, passenger KIM/JIHOON MR, seat 42K", "KIM/JIHOON MR"),
        ("SMITH/JANE ELIZABETH MRS 42K", "SMITH/JANE ELIZABETH MRS"),
        # Who a record says did something, names no list holds.
        ("Refund approved by Roan Potters", "Roan Potters"),
        ("Ticket #4411 assigned to Zyxa Quorve on Monday", "Zyxa Quorve"),
        ("Escalated by Dr. Osei after the second call", "Dr. Osei"),
        # A quoted display name before an address in angle brackets (a mail header, a git author).
        ('From: "Quorve, Zyxwvut" <zq@acme.com>', "Quorve, Zyxwvut"),
        ('Cc: "Zyxa Quorve" <zq@x.io>, "Billing Team" <b@x.io>', "Zyxa Quorve"),
        # A surname alone after a title, with its particles first (was in clear).
        ("Your appointment with Dr. van Beek is confirmed for Tuesday", "Dr. van Beek"),
        ("Ask Mr. van der Berg about the lease", "Mr. van der Berg"),
        ("Dear Ms. de la Cruz,\nthank you", "Ms. de la Cruz"),
        ("Mr. Van sure is busy today", "Mr. Van"),
        # An unquoted display name before an address (RFC 5322 allows it; Gmail's header values).
        ("Zyxwvut Quorve <zq@acme.com>", "Zyxwvut Quorve"),
        (
            "To: support@shop.com, Dana Kimura <dk@x.io>",
            "Dana Kimura",
        ),  # a particle with no name after it is the name
        # A relative or partner named after the word for them, or before it in brackets.
        ("Arriving late. My partner Drolanore Thasel has the booking app.", "Drolanore Thasel"),
        ("Renewed by phone; spouse Essamir Velvelgra also on account.", "Essamir Velvelgra"),
        ("Met at PyCon; sister of Pellam Marwickbane.", "Pellam Marwickbane"),
        ("Expand on the MRI. Kvazimir Azzarène (daughter) will attend.", "Kvazimir Azzarène"),
        ("Prefers pickup. Partner Gratha Ixmir may collect.", "Gratha Ixmir"),
        # A ticket's or a chart's party after the word for them (no form's colon).
        ("Customer Braxilla Szaroleśny cannot reset password", "Braxilla Szaroleśny"),
        ("The patient Zyxwvut Quorve was admitted on Monday.", "Zyxwvut Quorve"),
        # A police report's parties and officers.
        ("VICTIM: SAVAGE, CHRISTINA   DOB: 01/02/1980", "SAVAGE, CHRISTINA"),
        ("Reporting Officer: Ofc. Rebecca Quorve #1166", "Ofc. Rebecca Quorve"),
        # Speakers of a caption file, senders of a chat export.
        (
            "00:00:07.378 --> 00:00:12.491\n<v Gwndoith Hrunmiiel-Tzemiara>Thanks, all.</v>",
            "Gwndoith Hrunmiiel-Tzemiara",
        ),
        ("1\n00:00:01,000 --> 00:00:03,084\nHANS-WERNER MALZER: My name is Hans.", "HANS-WERNER MALZER"),
        ("16/06/2024, 23:34 - Zyxwvut Quorve: Hi! Are we still on?", "Zyxwvut Quorve"),
        ("[16/06/2024, 23:35:05] Thessaly Oduya: yes", "Thessaly Oduya"),
        # A payment's other party, a bank's title in capitals, a docket's parties.
        ("Zelle payment to Tzequara Jhquyre Conf# SVMYLR5P1", "Tzequara Jhquyre"),
        ("TRANSFER FROM ZYXWVUT QUORVE REF 4471", "ZYXWVUT QUORVE"),
        ("Account Name:,MR GWATHORVE VELRTHORVE", "MR GWATHORVE VELRTHORVE"),
        ("CIVIL DOCKET FOR CASE #: 1:24-cv-05946\n\nMCCOY v. BRELSSAELLE et al\n", "BRELSSAELLE"),
        (
            "Plaintiff\nYvuloandu Ilvythly-Yvlyrenne         represented by counsel",
            "Yvuloandu Ilvythly-Yvlyrenne",
        ),
        # A device named after its owner (MDM inventories, Find My, Bluetooth lists).
        ("Thessaly's Apple Watch", "Thessaly"),
        ("Connected: Zyxwvut Quorve’s MacBook Pro, Living Room TV", "Zyxwvut Quorve"),
        ("paired with Oduya's iPhone at 10:02", "Oduya"),
    ],
)
def test_names_announced_by_their_cues_are_found_whole(text: str, name: str) -> None:
    assert name in _people(text), _people(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Name: Ana Lima, CEO", "Ana Lima"),  # a role after the comma
        ("Dear John, Thanks for the call", "John"),  # a greeting's comma ends the name
    ],
)
def test_a_name_s_comma_takes_given_names_only_after_a_form_field(text: str, name: str) -> None:
    assert _people(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Hi All, Hello World",
        "President of the Court decided",
        "Don't do it",
        "Su Mo Tu We Th Fr Sa",  # a calendar's header: "Fr" is a title only with its full stop
        "Grace period ends in May; Will Rogers Road is closed",  # common words are not first names
        "The shares were held by the company Robert Bosch GmbH.",  # a firm named after a person
        "Sep 04 23:58:29 web-02 sshd[12]: Accepted publickey for root",
        "Deploy the build to Houston",  # a surname that is a city too: the city
        "Jones",  # a word alone is no memo line
        "The report was filed late and the reviewers asked for more detail from Okafor",  # a sentence
        "We met on Kenny Avenue near Priya Hospital",  # a road and a hospital named after people
        "Please change my shipping address to Rua Leão, Marques da Praia",  # a street type before it
        "Bill to: Acme Corp",  # a firm after a form field
        "Customer: Nordic Foods AS",
        # A body, a team and a venue named after a person or with a title in it.
        "Dinner was provided by Lafayette Urban Ministry.",
        "Home game for Bradley Soccer on Friday",
        "We recorded the album at Electric Lady Studios last spring",
        "Meet me on Lord Street at noon",
        # A people's adjective after a word that introduces a person.
        "The Commission disagreed with German advice to consumers",
        "The forms are available in English and Danish for the staff",
        "The file name is report.pdf and the product name is Blue Widget",  # no first name after it
        "Uses TCP/IP, AC/DC and I/O on PROD/EU",  # capitals around a slash, no title or traveller
        "Headed to Shreveport then Lake Charles, then Ft Mitchell",  # places named like people
        "Dear Hiring Manager, I am writing to apply for the role",  # a greeting to a role
        # What did something that is no person: a team, a role, a firm, one word, a thing.
        "Refund approved by Finance Team",
        "Updated by System Administrator",
        "Signed by Microsoft Corporation",
        "Reviewed by Legal",
        "Processed by The Billing Service",
        "Handled by Ministry of Justice staff",
        'To: "Acme Support" <support@acme.com>, "Acme Inc." <a@acme.com>',
        "The ruling made Mr. de facto head of the board",
        "Billing Team <b@x.io>, The Acme Corporation <hello@acme.com>",  # a team and a firm's mailbox
        # A firm's desk in a header: "Acme" was a PERSON token.
        "To: Acme Support <support@acme.com>",
        "From: Contoso Billing Team <billing@contoso.com>",
        # Places named after a saint, whose second word is a first name or a surname too.
        "Offices in San Francisco and Santa Monica, a depot in Fort Collins",
        "San Francisco",
        # The words for relatives capitalised: a title or a product, no relative.
        "Log in to the Partner Portal to see your Partner Program tier",
        "Sister Act and Father Brown are on tonight",
        "the partner API returns a son of the node",
        "Log in to the Partner Portal. Partner Program Manager will call. Son Heung-min scored.",
        # A payment to a firm, a fixture list, the state as a party.
        "TRANSFER FROM ACME CORP LLC and a payment to Amazon Web Services",
        "Arsenal v Chelsea\nUNITED STATES v. PEOPLE",
        # A caption's note, a chat's system line.
        "1\n00:00:07,000 --> 00:00:08,000\nNOTE: silence\nQ: and then?",
        "12/03/2024, 09:00 - Messages and calls are end-to-end encrypted.",
        # A party's word opening a compound noun.
        "Patient Portal Access is down. Customer Success Manager called. See the user Guide.",
        # A maker's device, a day's.
        "Apple's iPhone sales and Google's Pixel line",
        "Monday's MacBook refresh",
    ],
)
def test_words_that_only_look_like_names_are_not(text: str) -> None:
    found = _people(text)
    assert not [n for n in found if n not in ("Will Rogers",)], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thessaly Brankovic-Oduya\n12 Harbour Street\nLeeds LS1 4AP", "Thessaly Brankovic-Oduya"),
        ("Thessaly Brankovic-Oduya, 12 Harbour Street, Leeds LS1 4AP", "Thessaly Brankovic-Oduya"),
        ("Order 4471\nZyxwvut Quorve\n742 Evergreen Terrace\nSpringfield, IL 62704", "Zyxwvut Quorve"),
        ("Zyxwvut Quorve\nFlat 3\n12 Harbour Street\nLeeds LS1 4AP", "Zyxwvut Quorve"),
    ],
)
def test_the_name_heading_an_address_is_its_addressee(text: str, name: str) -> None:
    assert name in _people(text), _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shipping Address\n12 Harbour Street\nLeeds LS1 4AP",
        "Acme Widgets Ltd\n12 Harbour Street\nLeeds LS1 4AP",
        "Please send it to\n12 Harbour Street\nLeeds LS1 4AP",
        "Billing Team\n12 Harbour Street\nLeeds LS1 4AP",
        "Zyxwvut Quorve\n12 Harbour Street",  # a street line alone does not make a block
    ],
)
def test_a_heading_a_firm_or_a_sentence_above_an_address_is_no_addressee(text: str) -> None:
    assert _people(text) == [], _people(text)


def test_a_name_a_form_writes_in_capitals_is_the_narrative_s_too(client: MaskClient) -> None:
    text = "VICTIM: SAVAGE, CHRISTINA   DOB: 01/02/1980\nSavage stated that she returned home."
    safe = client.tokenize_text(text)
    assert "SAVAGE" not in safe and "Savage" not in safe and client.detokenize_text(safe) == text


def test_an_addressee_is_protected_at_later_mentions(client: MaskClient) -> None:
    text = "Zyxwvut Quorve\n12 Harbour Street\nLeeds LS1 4AP\n\nQuorve asked for a morning delivery."
    safe = client.tokenize_text(text)
    assert "Quorve" not in safe and "Zyxwvut" not in safe
    assert client.detokenize_text(safe) == text


def test_a_form_s_next_label_is_not_part_of_the_name() -> None:
    assert _people("Patient: Kathleen Smith MRN: 7342561") == ["Kathleen Smith"]
    assert _people("Name: KATHLEEN SMITH DOB: 01/02/1950") == ["KATHLEEN SMITH"]
    # A surname in capitals before a colon is still the name's.
    assert _people("Dr. Hubert LEMAIRE: the results are in") == ["Dr. Hubert LEMAIRE"]
    assert _people("Paciente: Lucía Fernández Ruiz, DNI 12345678Z") == ["Lucía Fernández Ruiz"]


def test_a_person_is_told_from_the_road_named_after_them() -> None:
    assert _people("Call Kenny Jones on Kenny Avenue today") == ["Kenny Jones"]


def test_the_name_lists_leave_out_common_words_months_and_countries() -> None:
    assert {"Nicole", "Benoît", "Tyler"} <= first_names()
    assert not {"Grace", "Will", "May", "April", "June", "India", "Georgia", "Sep"} & first_names()
    assert {"Kowalski", "Johansson", "Okonkwo"} & surnames() and "Brown" not in surnames()
    # Names whose word sense is rare ("maria", the lunar seas) or a piece of a place ("Saint Lucia").
    assert {"María", "Maria", "Lucía", "John", "Peter", "Martin"} <= first_names()
    assert not {"Carolina", "Israel", "Salvador"} & first_names()
    # Languages are peoples' adjectives ("German advice"); a name spelled otherwise stays one.
    assert not {"German", "Danish", "Georgian"} & first_names() and "Germán" in first_names()


def test_a_name_found_once_is_protected_at_every_mention() -> None:
    text = "The applicant, Mr Robert Murray, was born in 1949. Murray complained; Mr Murray's claim failed."
    found = _people(text)
    assert "Mr Robert Murray" in found
    assert found.count("Murray") == 1 and found.count("Mr Murray") == 1
    client = MaskClient(
        tenant="t", master_key=b"k" * 32, vault=MemoryVault(), settings=MaskSettings(ner="off")
    )
    assert "Murray" not in client.tokenize_text(text)


def test_mentions_repeat_only_what_identifies_the_person() -> None:
    text = "Sąd Rejonowy ruled. Later the Sąd Okręgowy agreed, and Kowalski appealed."
    model_guess = Entity("PERSON", 0, 12, 0.85, "Sąd Rejonowy", "ner:en")
    assert mentions(ScanView(text), [model_guess]) == []  # no known name in it: nothing is repeated
    cued = Entity("PERSON", 0, 12, 0.85, "Sąd Rejonowy", "person_cue")
    assert [m.text for m in mentions(ScanView(text), [cued])] == ["Sąd"]


def test_both_recognizers_are_gated_to_nothing_on_text_without_names() -> None:
    for rec in (PersonCueRecognizer(), KnownNameRecognizer()):
        assert list(rec.find("status=200 bytes=1234 latency_ms=12.5")) == []
