"""The entity catalogue of the deterministic tier: every type found, checksums enforced, context scored."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mask_core import BUILTIN_ENTITIES, MaskClient, PatternRecognizer, UnknownEntityTypeError
from mask_core.scan._keccak import keccak256
from mask_core.scan.recognizers._phone_rules import valid_for_region
from mask_core.scan.recognizers.address import _ES_TYPE_WORDS, _US_SUFFIX
from mask_core.scan.recognizers.crypto import eip55_is_valid
from mask_core.scan.recognizers.health import dea_is_valid, npi_is_valid
from mask_core.scan.recognizers.national import nuss_is_valid

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0."
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq98f2a1kq3\nZ9y8x7w6v5u4t3s2r1q0\n-----END RSA PRIVATE KEY-----"

# (text, the value that must be found, its type): each one realistic, each checksum valid.
POSITIVE = [
    ("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", "API_KEY"),
    (
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "API_KEY",
    ),
    (
        "token: ghp_16C7e42F292c6912E7710c838347Ae178B4a now",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "API_KEY",
    ),
    (
        "GITHUB_TOKEN=github_pat_" + "11ABCDEFG0" * 8 + "xy",
        "github_pat_" + "11ABCDEFG0" * 8 + "xy",
        "API_KEY",
    ),
    ("stripe.api_key = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "API_KEY"),
    (
        "SLACK_BOT_TOKEN=xoxb-1234567890-0987654321098-AbCdEfGhIjKlMnOpQrStUvWx",
        "xoxb-1234567890-0987654321098-AbCdEfGhIjKlMnOpQrStUvWx",
        "API_KEY",
    ),
    ("key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI&v=3", "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI", "API_KEY"),
    (
        "OPENAI_API_KEY=sk-proj-Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5",
        "sk-proj-Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5",
        "API_KEY",
    ),
    (f"Authorization: Bearer {JWT}", JWT, "JWT"),
    (
        "Authorization: Bearer ya29.a0AfH6SMBx3k9d8f7g6h5j4k3l2m1n",
        "ya29.a0AfH6SMBx3k9d8f7g6h5j4k3l2m1n",
        "OAUTH_TOKEN",
    ),
    ('{"access_token": "2YotnFZFEjr1zCsicMWpAA9x8y7z"}', "2YotnFZFEjr1zCsicMWpAA9x8y7z", "OAUTH_TOKEN"),
    (f"key file:\n{PEM}\n", PEM, "PRIVATE_KEY"),
    (
        "DATABASE_URL=postgres://admin:s3cr3tP4ss@db.internal:5432/orders",
        "postgres://admin:s3cr3tP4ss@db.internal:5432/orders",
        "DATABASE_CONNECTION_STRING",
    ),
    (
        "conn = 'Server=db01;Database=crm;User Id=sa;Password=Winter2024!;'",
        "Server=db01;Database=crm;User Id=sa;Password=Winter2024!;",
        "DATABASE_CONNECTION_STRING",
    ),
    ("db password: Tr0ub4dor&3 (rotate monthly)", "Tr0ub4dor&3", "DATABASE_PASSWORD"),
    ("ITIN 912-70-1234 on the W-7", "912-70-1234", "US_ITIN"),
    ("EIN 12-3456789 for the LLC", "12-3456789", "US_EIN"),
    ("SIN 130 692 544 on file", "130 692 544", "CA_SIN"),
    ("NI number AB 12 34 56 C.", "AB 12 34 56 C", "UK_NINO"),
    ("NUSS 28 12345678 40", "28 12345678 40", "ES_NUSS"),
    ("prescriber NPI 1234567893", "1234567893", "US_NPI"),
    ("DEA number AB1234563", "AB1234563", "US_DEA"),
    ("Medicare MBI 1EG4-TE5-MK73", "1EG4-TE5-MK73", "US_MBI"),
    ("Patient MRN: 00123456, admitted", "00123456", "MEDICAL_RECORD_NUMBER"),
    ("Member ID: XWZ123456789", "XWZ123456789", "HEALTH_INSURANCE_ID"),
    ("US passport number 123456789", "123456789", "US_PASSPORT"),
    ("pasaporte PAA123456", "PAA123456", "PASSPORT"),
    ("driver's license D1234567 (CA)", "D1234567", "US_DRIVER_LICENSE"),
    ("Driver's license: S530-4417-2291", "S530-4417-2291", "US_DRIVER_LICENSE"),  # Illinois, in groups
    ("bank account number 000123456789", "000123456789", "US_BANK_NUMBER"),
    ("SWIFT/BIC: DEUTDEFF500", "DEUTDEFF500", "SWIFT_CODE"),
    ("employee id E12345 badge", "E12345", "EMPLOYEE_ID"),
    ("DOB: 03/15/1985", "03/15/1985", "DATE_OF_BIRTH"),
    ("she was born on March 15, 1985 in Ohio", "March 15, 1985", "DATE_OF_BIRTH"),
    ("fecha de nacimiento: 15 de marzo de 1985", "15 de marzo de 1985", "DATE_OF_BIRTH"),
    ("send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 today", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "CRYPTO"),
    ("send to 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy today", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "CRYPTO"),
    (
        "wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "CRYPTO",
    ),
    (
        "eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed.",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "CRYPTO",
    ),
    (
        "see https://portal.example.com/users/4821?tab=billing.",
        "https://portal.example.com/users/4821?tab=billing",
        "URL",
    ),
    ("device 00:1A:2B:3C:4D:5E joined", "00:1A:2B:3C:4D:5E", "MAC_ADDRESS"),
    ("call the Toronto office at (647) 209-0798.", "(647) 209-0798", "PHONE_NUMBER"),  # NANP, not US
    ("device 00-1a-2b-3c-4d-5e joined", "00-1a-2b-3c-4d-5e", "MAC_ADDRESS"),
    (
        "ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please",
        "1600 Pennsylvania Avenue NW, Washington, DC 20500",
        "STREET_ADDRESS",
    ),
    (
        "vive en Calle de Alcalá 45, 3º B, 28014 Madrid.",
        "Calle de Alcalá 45, 3º B, 28014 Madrid",
        "STREET_ADDRESS",
    ),
]


@pytest.mark.parametrize(
    ("text", "value", "entity_type"), POSITIVE, ids=[p[2] + ":" + p[1][:12] for p in POSITIVE]
)
def test_each_catalogue_type_is_found_with_its_exact_span(
    client: MaskClient, text: str, value: str, entity_type: str
) -> None:
    found = [(e.entity_type, e.text) for e in client.scan(text)]
    assert (entity_type, value) in found
    e = next(e for e in client.scan(text) if e.text == value)
    assert 0.5 <= e.score <= 1.0
    assert text[e.start : e.end] == value
    tokenized = client.tokenize_text(text)
    if entity_type in client.scanner.report_only:  # reported, but kept in clear by tokenizing
        assert tokenized == text
        return
    assert value not in tokenized
    assert client.detokenize_text(tokenized) == text


def test_every_catalogue_type_outside_the_ner_tier_has_a_recognizer(client: MaskClient) -> None:
    # Found by the NER tier, or only by the fields that hold them (``mask_core.fields``).
    ner_only = {"PERSON", "LOCATION", "ORGANIZATION", "NRP", "GENERIC", "NATIONAL_ID", "PASSWORD"}
    assert set(BUILTIN_ENTITIES) - ner_only <= client.scanner.supported_entities


@pytest.mark.parametrize(
    ("text", "entity_type"),
    [
        ("ITIN 912-40-1234", "US_ITIN"),  # group 40 is not issued for ITINs
        ("EIN 07-3456789", "US_EIN"),  # prefix 07 is not assigned
        ("SIN 130 692 545", "CA_SIN"),  # fails Luhn
        ("NUSS 28 12345678 41", "ES_NUSS"),  # wrong control
        ("NPI 1234567894", "US_NPI"),  # fails Luhn over 80840
        ("DEA AB1234564", "US_DEA"),  # wrong check digit
        ("MBI 1SG4-TE5-MK73", "US_MBI"),  # S is never used
        ("NI number BG 12 34 56 C", "UK_NINO"),  # BG is not allocated
        ("send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", "CRYPTO"),  # base58check fails
        ("wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx", "CRYPTO"),  # bech32 fails
        ("eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "CRYPTO"),  # EIP-55 case checksum fails
        ("SWIFT: DEUTXXFF", "SWIFT_CODE"),  # no such country
        (f"jwt {JWT[:3]}x{JWT[4:]}", "JWT"),  # header no longer decodes to JSON
    ],
)
def test_a_failed_checksum_means_no_finding(client: MaskClient, text: str, entity_type: str) -> None:
    assert entity_type not in {e.entity_type for e in client.scan(text)}
    client.configure_detection(enable=[entity_type])
    client.scanner.threshold = 0.0
    assert client.scan(text) == []


@pytest.mark.parametrize(
    ("bare", "with_context", "entity_type"),
    [
        ("ref 123456789012 shipped", "account number 123456789012", "US_BANK_NUMBER"),
        ("code E12345 in stock", "employee id E12345", "EMPLOYEE_ID"),
        ("item 00123456 added", "MRN 00123456", "MEDICAL_RECORD_NUMBER"),
        ("model D1234567", "driver license D1234567", "US_DRIVER_LICENSE"),
        ("released 03/15/1985", "DOB 03/15/1985", "DATE_OF_BIRTH"),
        ("id 1234567893", "NPI 1234567893", "US_NPI"),
        ("token DEUTDEFF500", "SWIFT DEUTDEFF500", "SWIFT_CODE"),
    ],
)
def test_context_only_types_stay_below_the_threshold_without_context(
    client: MaskClient, bare: str, with_context: str, entity_type: str
) -> None:
    assert entity_type not in {e.entity_type for e in client.scan(bare)}
    assert entity_type in {e.entity_type for e in client.scan(with_context)}


def test_a_json_key_is_context(client: MaskClient) -> None:
    out = client.deep_encode({"passport_number": "X1234567", "sku": "X1234567", "memberId": "XWZ123456789"})
    assert out["sku"] == "X1234567"
    assert out["passport_number"].startswith("PASSPORT_")
    assert out["memberId"].startswith("HEALTH_INSURANCE_ID_")


def test_categories_and_single_types_switch_off_and_on(client: MaskClient) -> None:
    text = "mail alice.johnson@example.com, key AKIAIOSFODNN7EXAMPLE, NPI 1234567893, https://example.com/x"
    everything = {e.entity_type for e in client.scan(text)}
    assert {"EMAIL_ADDRESS", "API_KEY", "US_NPI", "URL"} <= everything
    client.configure_detection(disable=["CORPORATE", "URL"])
    assert {e.entity_type for e in client.scan(text)} == everything - {"API_KEY", "URL"}
    client.configure_detection(enable=["HEALTH"])
    assert {e.entity_type for e in client.scan(text)} == {"US_NPI"}
    client.configure_detection()
    assert {e.entity_type for e in client.scan(text)} == everything
    with pytest.raises(UnknownEntityTypeError):
        client.configure_detection(disable=["NOT_A_TYPE"])


def test_settings_switch_types_off(monkeypatch: pytest.MonkeyPatch, key: bytes) -> None:
    monkeypatch.setenv("MASK_DISABLED_ENTITIES", "url,HEALTH")
    monkeypatch.setenv("MASK_NER", "off")
    client = MaskClient(tenant="t", master_key=key)
    assert {
        e.entity_type for e in client.scan("NPI 1234567893 at https://example.com/x, SSN 536-22-8745")
    } == {"US_SSN"}


def test_a_custom_recognizer_takes_a_few_lines(client: MaskClient) -> None:
    client.add_recognizer(
        PatternRecognizer(
            "TICKET_ID",
            r"TCK-[0-9]{6}",
            score=0.3,
            context=("ticket",),
            word_boundary=True,
            anchors=("TCK-",),
        )
    )
    assert client.scan("see TCK-123456") == []  # below the threshold without its context word
    (found,) = client.scan("ticket TCK-123456 escalated")
    assert (found.entity_type, found.text) == ("TICKET_ID", "TCK-123456")
    assert client.tokenize_text("ticket TCK-123456").startswith("ticket TICKET_ID_")


def test_validators_against_published_examples() -> None:
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert keccak256(b"abc").hex() == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
    for address in (  # the EIP-55 specification's examples
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ):
        assert eip55_is_valid(address)
        assert not eip55_is_valid(address[:2] + address[2:].swapcase())
    assert npi_is_valid("1234567893") and not npi_is_valid("1234567890")
    assert dea_is_valid("AB1234563") and not dea_is_valid("AB1234560")
    assert nuss_is_valid("281234567840") and not nuss_is_valid("281234567841")


@given(st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=5, max_size=34))
def test_fast_mod97_agrees_with_stdnum(body: str) -> None:
    from stdnum.iso7064 import mod_97_10

    from mask_core.scan.anchors import mod97_ok

    assert mod97_ok(body) == mod_97_10.is_valid(body[4:] + body[:4])


@given(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
    st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=30),
)
def test_fast_iban_check_digits_agree_with_stdnum(country: str, bban: str) -> None:
    from stdnum import iban

    from mask_core.scan.anchors import iban_check_digits

    assert iban_check_digits(country, bban) == iban.calc_check_digits(country + "00" + bban)


@given(st.text("0123456789", min_size=1, max_size=25) | st.text(min_size=1, max_size=8))
def test_fast_luhn_agrees_with_stdnum(digits: str) -> None:
    from stdnum import luhn
    from stdnum.exceptions import ValidationError

    from mask_core.scan.checksums import luhn_check_digit, luhn_ok

    try:
        expected = luhn.is_valid(digits)
        check = luhn.calc_check_digit(digits)
    except (ValidationError, ValueError, KeyError):  # stdnum's own answer to a non-digit
        return
    assert luhn_ok(digits) == expected
    assert luhn_check_digit(digits) == check
    assert luhn_ok(digits + luhn_check_digit(digits))


def test_fast_luhn_on_real_card_numbers() -> None:
    from mask_core.scan.checksums import luhn_ok

    assert luhn_ok("4539148803436467") and luhn_ok("378282246310005") and luhn_ok("6011111111111117")
    assert not luhn_ok("4539148803436468") and not luhn_ok("378282246310006")


@given(st.text("0123456789", min_size=9, max_size=9))
def test_fast_ssn_check_agrees_with_stdnum(digits: str) -> None:
    from stdnum.us import ssn

    from mask_core.scan.recognizers.identity import ssn_digits_valid

    assert ssn_digits_valid(digits) == ssn.is_valid(digits)


def test_fast_ssn_check_knows_the_published_sample_numbers() -> None:
    from mask_core.scan.recognizers.identity import ssn_digits_valid

    assert not ssn_digits_valid("078051120") and not ssn_digits_valid("219099999")
    assert ssn_digits_valid("536228745")


# -- phone validity: the one-regex check must give phonenumbers' answer, number for number --------


def _library_says(cc: int, region: str, nsn: str) -> bool:
    number = phonenumbers.PhoneNumber(country_code=cc, national_number=int(nsn))
    zeros = len(nsn) - len(nsn.lstrip("0"))
    if zeros:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros
    return bool(phonenumbers.is_valid_number_for_region(number, region))


_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


def test_phone_validity_agrees_with_phonenumbers_on_every_example_number() -> None:
    # Every region's example number of every type (valid by construction), plus each with its last
    # digit changed and one digit dropped (mostly invalid): both answers must be the library's.
    checked = 0
    for region in [*_REGIONS, "001"]:
        ccs = (
            [phonenumbers.country_code_for_region(region)]
            if region != "001"
            else list(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)
        )
        for cc in ccs:
            for kind in phonenumbers.PhoneNumberType.values():
                if region == "001":
                    example = phonenumbers.example_number_for_non_geo_entity(cc)
                else:
                    example = phonenumbers.example_number_for_type(region, kind)
                if example is None:
                    continue
                nsn = phonenumbers.national_significant_number(example)
                for variant in (nsn, nsn[:-1] + str((int(nsn[-1]) + 1) % 10), nsn[:-1]):
                    if variant:
                        assert valid_for_region(cc, region, variant) == _library_says(cc, region, variant), (
                            region,
                            variant,
                        )
                        checked += 1
    assert checked > 1500


@given(
    region=st.sampled_from(["US", "CA", "GB", "ES", "DE", "FR", "IT", "IN", "BR", "JP", "AU", "MX", "SM"]),
    nsn=st.text(alphabet="0123456789", min_size=1, max_size=16),
)
def test_phone_validity_agrees_with_phonenumbers_on_random_digits(region: str, nsn: str) -> None:
    cc = phonenumbers.country_code_for_region(region)
    assert valid_for_region(cc, region, nsn) == _library_says(cc, region, nsn)


def test_phone_validity_is_false_for_a_region_of_another_country_code() -> None:
    assert not valid_for_region(44, "US", "2015550123")
    assert valid_for_region(1, "US", "2015550123") == _library_says(1, "US", "2015550123")


# -- street addresses: every suffix and street type opens its form's word gate --------------------


@pytest.mark.parametrize("suffix", _US_SUFFIX.split("|"))
def test_a_us_address_is_found_with_every_street_suffix(client: MaskClient, suffix: str) -> None:
    text = f"Ship it to 742 Evergreen {suffix}, Springfield, IL 62704 by Friday."
    found = [e.text for e in client.scan(text) if e.entity_type == "STREET_ADDRESS"]
    assert found == [f"742 Evergreen {suffix}, Springfield, IL 62704"]


@pytest.mark.parametrize("street_type", _ES_TYPE_WORDS)
def test_a_spanish_address_is_found_with_every_street_type(client: MaskClient, street_type: str) -> None:
    sep = "" if street_type[-1] in "/.º°" else " "
    text = f"Envíelo a {street_type}{sep}Mayor 12, 28013 Madrid, gracias."
    found = [e.text for e in client.scan(text) if e.entity_type == "STREET_ADDRESS"]
    assert found == [f"{street_type}{sep}Mayor 12, 28013 Madrid"]


def test_crypto_addresses_are_found_in_a_longer_text(client: MaskClient) -> None:
    text = (
        "Refund to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT or bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, "
        "not 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed; short words around them."
    )
    assert [e.entity_type for e in client.scan(text)] == ["CRYPTO", "CRYPTO", "CRYPTO"]


def test_a_dotted_quad_is_an_ip_address_not_a_phone_number(client: MaskClient) -> None:
    # Ten digits in four dotted groups also make a valid US number; before this, the phone won.
    found = client.scan("uplink 23.120.10.100 answered")
    assert [(e.entity_type, e.text) for e in found] == [("IP_ADDRESS", "23.120.10.100")]


def test_an_ip_address_after_another_number_is_not_swallowed_by_a_phone(client: MaskClient) -> None:
    # "12345  0.0.0.100" reads as one eleven-digit national number when the separators are ignored;
    # the dotted quad standing alone inside the window makes it an address (found by hypothesis).
    found = client.scan("12345  0.0.0.100 ")
    assert ("IP_ADDRESS", "0.0.0.100") in [(e.entity_type, e.text) for e in found]
